import { describe, expect, it } from "vitest";
import { checkRules, errorList, moveItem, newAssignmentRule, newSlaRule, parseTargetKey, removeItem, targetKey, withCurrent } from "./rules";

describe("moveItem", () => {
  it("moves up and down", () => {
    expect(moveItem(["a", "b", "c"], 1, -1)).toEqual(["b", "a", "c"]);
    expect(moveItem(["a", "b", "c"], 1, 1)).toEqual(["a", "c", "b"]);
    expect(moveItem(["a", "b", "c"], 0, 2)).toEqual(["b", "c", "a"]);
  });

  it("leaves the list unchanged at the edges, and never mutates it", () => {
    const items = ["a", "b"];
    expect(moveItem(items, 0, -1)).toEqual(["a", "b"]);
    expect(moveItem(items, 1, 1)).toEqual(["a", "b"]);
    expect(moveItem(items, 5, -1)).toEqual(["a", "b"]);
    expect(moveItem(items, 0, 1)).not.toBe(items);
    expect(items).toEqual(["a", "b"]);
  });
});

describe("removeItem", () => {
  it("removes one item", () => {
    expect(removeItem(["a", "b", "c"], 1)).toEqual(["a", "c"]);
    expect(removeItem(["a"], 3)).toEqual(["a"]);
  });
});

describe("assign-to target", () => {
  it("round-trips", () => {
    for (const t of [
      { user_id: 3, to_site_id: null, to_stock_manager: false },
      { user_id: null, to_site_id: 2, to_stock_manager: false },
      { user_id: null, to_site_id: null, to_stock_manager: false },
      { user_id: null, to_site_id: null, to_stock_manager: true },
    ]) {
      expect(parseTargetKey(targetKey(t))).toEqual(t);
    }
    expect(targetKey({ user_id: 3, to_site_id: null })).toBe("user:3");
    expect(targetKey({ user_id: null, to_site_id: 2 })).toBe("site:2");
    expect(targetKey({ user_id: null, to_site_id: null })).toBe("lead");
    expect(parseTargetKey("nonsense")).toEqual({ user_id: null, to_site_id: null, to_stock_manager: false });
  });

  it("the vehicle's manager (stock) clears the user and the site, the other targets clear it", () => {
    expect(targetKey({ user_id: null, to_site_id: null, to_stock_manager: true })).toBe("stock_manager");
    expect(parseTargetKey("stock_manager")).toEqual({ user_id: null, to_site_id: null, to_stock_manager: true });
    expect(parseTargetKey("user:4").to_stock_manager).toBe(false);
    expect(parseTargetKey("site:1").to_stock_manager).toBe(false);
    expect(parseTargetKey("lead").to_stock_manager).toBe(false);
    // A rule saved before the option existed has no flag.
    expect(targetKey({ user_id: 3, to_site_id: null, to_stock_manager: undefined })).toBe("user:3");
  });
});

describe("checkRules", () => {
  it("flags invalid working hours by index", () => {
    const sla = [newSlaRule(), { ...newSlaRule(), hours: 0 }, { ...newSlaRule(), hours: null }, { ...newSlaRule(), hours: 2001 }, { ...newSlaRule(), hours: 1.5 }];
    expect(checkRules({ assignment: [], sla })).toEqual({ ok: false, badHours: [1, 2, 3, 4] });
  });

  it("ignores the hours of the next-working-day mode and sends the default", () => {
    const checked = checkRules({ assignment: [newAssignmentRule()], sla: [{ ...newSlaRule(), mode: "next_working_day", hours: null }, { ...newSlaRule(), hours: 2000 }] });
    expect(checked).toEqual({
      ok: true,
      rules: {
        assignment: [newAssignmentRule()],
        sla: [
          { source: null, kind: null, site_id: null, mode: "next_working_day", hours: 24 },
          { source: null, kind: null, site_id: null, mode: "working_hours", hours: 2000 },
        ],
      },
    });
  });
});

describe("errorList", () => {
  it("puts each backend field next to its list, or at the top", () => {
    expect(errorList("user_id")).toBe("assignment");
    expect(errorList("to_site_id")).toBe("assignment");
    expect(errorList("to_stock_manager")).toBe("assignment");
    expect(errorList("hours")).toBe("sla");
    expect(errorList("site_id")).toBeNull();
    expect(errorList(null)).toBeNull();
  });
});

describe("withCurrent", () => {
  it("adds a saved value missing from the choices", () => {
    expect(withCurrent(["a", "b"], "c")).toEqual(["a", "b", "c"]);
    expect(withCurrent(["a", "b"], "a")).toEqual(["a", "b"]);
    expect(withCurrent(["a"], null)).toEqual(["a"]);
  });
});
