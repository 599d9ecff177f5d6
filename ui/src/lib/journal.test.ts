import { describe, expect, it } from "vitest";
import { summarizeChange, valueText } from "./journal";

const W = { empty: "(vide)", yes: "oui", no: "non" };

describe("summarizeChange", () => {
  it("lists the keys whose values differ, old → new", () => {
    const data = { old: { pin_allowed: false, idle_lock_minutes: 15 }, new: { pin_allowed: true, idle_lock_minutes: 15 } };
    expect(summarizeChange(data, W)).toEqual({ kind: "changes", changes: [{ key: "pin_allowed", old: "non", new: "oui" }], more: 0 });
  });

  it("shows empty values, nested values as JSON, and caps the list", () => {
    const data = { old: { a: "", b: 1, c: [1], d: 1, e: 1, f: { x: 1 } }, new: { a: "x", b: 2, c: [2], d: 2, e: 2, f: { x: 2 } } };
    const s = summarizeChange(data, W);
    expect(s).toMatchObject({ kind: "changes", more: 2 });
    if (s?.kind !== "changes") throw new Error("changes expected");
    expect(s.changes[0]).toEqual({ key: "a", old: "(vide)", new: "x" });
    expect(s.changes[2]).toEqual({ key: "c", old: "[1]", new: "[2]" });
  });

  it("tells a creation or a removal, and nothing without data", () => {
    expect(summarizeChange({ old: null, new: { name: "Karim" } }, W)).toEqual({ kind: "created" });
    expect(summarizeChange({ old: { name: "Karim" }, new: null }, W)).toEqual({ kind: "removed" });
    expect(summarizeChange(null, W)).toBeNull();
    expect(summarizeChange("texte", W)).toBeNull();
  });

  it("compares plain values too", () => {
    expect(summarizeChange({ old: "a", new: "b" }, W)).toEqual({ kind: "changes", changes: [{ key: null, old: "a", new: "b" }], more: 0 });
  });

  it("shortens long values", () => {
    expect(valueText("x".repeat(100), W)).toHaveLength(60);
    expect(valueText(null, W)).toBe("(vide)");
  });
});
