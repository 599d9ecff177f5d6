import { describe, expect, it } from "vitest";
import type { Notification } from "./bindings";
import { badgeText, freshUnread, maxId } from "./notify";

const n = (id: number, read = false): Notification => ({
  id,
  at: "2026-03-02T09:00:00Z",
  kind: "lead",
  text: `Nouveau lead L-2026-00000${id} : Jean Dupont (Leboncoin)`,
  lead_code: `L-2026-00000${id}`,
  read,
});

describe("freshUnread", () => {
  it("keeps the unread notifications newer than the last seen, newest first", () => {
    const items = [n(7), n(6, true), n(5), n(4), n(3)];
    expect(freshUnread(items, 4).map((x) => x.id)).toEqual([7, 5]);
    expect(freshUnread([n(5), n(9), n(8)], 4).map((x) => x.id)).toEqual([9, 8, 5]);
  });

  it("announces nothing when nothing is new", () => {
    expect(freshUnread([n(3), n(2)], 3)).toEqual([]);
    expect(freshUnread([], 0)).toEqual([]);
  });
});

describe("maxId", () => {
  it("returns the highest id, never below the floor", () => {
    expect(maxId([n(3), n(9), n(4)])).toBe(9);
    expect(maxId([], 12)).toBe(12);
    expect(maxId([n(3)], 12)).toBe(12);
  });
});

describe("badgeText", () => {
  it("hides zero and caps large counts", () => {
    expect(badgeText(0)).toBe("");
    expect(badgeText(1)).toBe("1");
    expect(badgeText(99)).toBe("99");
    expect(badgeText(150)).toBe("99+");
  });
});
