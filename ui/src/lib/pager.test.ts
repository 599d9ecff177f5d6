import { describe, expect, it } from "vitest";
import { pagerView } from "./pager";

describe("pagerView", () => {
  it("shows the range of the page and where it can go", () => {
    expect(pagerView({ offset: 50, shown: 50, total: 1234, pageSize: 50 })).toEqual({
      text: "51–100 sur 1\u00a0234",
      hasPrev: true,
      hasNext: true,
    });
  });

  it("has no text and nowhere to go when nothing is shown", () => {
    expect(pagerView({ offset: 0, shown: 0, total: 0, pageSize: 50 })).toEqual({ text: null, hasPrev: false, hasNext: false });
  });

  it("stops at the last page", () => {
    expect(pagerView({ offset: 100, shown: 3, total: 103, pageSize: 50 }).hasNext).toBe(false);
  });

  it("lets a capped count go on while pages are full", () => {
    const full = pagerView({ offset: 950, shown: 50, total: 1000, pageSize: 50, capped: true });
    expect(full.text).toBe("951–1000 sur plus de 1\u00a0000");
    expect(full.hasNext).toBe(true);
    expect(pagerView({ offset: 1000, shown: 20, total: 1000, pageSize: 50, capped: true }).hasNext).toBe(false);
  });
});
