import { describe, expect, it } from "vitest";
import { defaultDueInput, defaultDuration, isOverdue } from "./tasks";

describe("tasks", () => {
  it("gives appointments an hour and the rest a quarter", () => {
    expect(defaultDuration("rdv")).toBe(60);
    expect(defaultDuration("essai")).toBe(60);
    expect(defaultDuration("appel")).toBe(15);
  });

  it("proposes the next half hour, one hour ahead, in Paris time", () => {
    expect(defaultDueInput(Date.parse("2026-01-15T09:10:00Z"))).toBe("2026-01-15T11:30");
    expect(defaultDueInput(Date.parse("2026-07-01T08:00:00Z"))).toBe("2026-07-01T11:00");
  });

  it("knows overdue tasks", () => {
    const now = Date.parse("2026-01-15T10:00:00Z");
    expect(isOverdue({ due_at: "2026-01-15T09:00:00Z", done_at: null }, now)).toBe(true);
    expect(isOverdue({ due_at: "2026-01-15T09:00:00Z", done_at: "2026-01-15T09:30:00Z" }, now)).toBe(false);
    expect(isOverdue({ due_at: "2026-01-15T11:00:00Z", done_at: null }, now)).toBe(false);
  });
});
