import { describe, expect, it } from "vitest";
import {
  addDays,
  blockGeometry,
  dayRange,
  isDayKey,
  layoutLanes,
  parisDayKey,
  parisMinutes,
  slotLabel,
  SLOT_COUNT,
  wallToUtc,
  weekDays,
  weekRange,
  weekStart,
  yToMinutes,
  minutesToY,
} from "./agenda";

describe("Paris days and weeks", () => {
  it("takes the Paris calendar day, not the UTC one", () => {
    expect(parisDayKey("2026-06-30T22:30:00Z")).toBe("2026-07-01");
    expect(parisDayKey("2026-01-15T22:59:00Z")).toBe("2026-01-15");
    expect(parisDayKey("2026-01-15T23:00:00Z")).toBe("2026-01-16");
    expect(parisDayKey(Date.parse("2026-12-31T23:30:00Z"))).toBe("2027-01-01");
  });

  it("adds days across months, years and leap days", () => {
    expect(addDays("2026-01-31", 1)).toBe("2026-02-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2028-02-28", 1)).toBe("2028-02-29");
    expect(addDays("2026-03-01", -1)).toBe("2026-02-28");
    expect(isDayKey("2026-02-30")).toBe(false);
    expect(isDayKey("2026-02-28")).toBe(true);
  });

  it("starts weeks on Monday", () => {
    expect(weekStart("2026-01-15")).toBe("2026-01-12"); // a Thursday
    expect(weekStart("2026-01-12")).toBe("2026-01-12");
    expect(weekStart("2026-01-18")).toBe("2026-01-12"); // Sunday
    expect(weekDays("2026-12-31")).toEqual(["2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31", "2027-01-01", "2027-01-02", "2027-01-03"]);
  });

  it("gives day bounds in UTC, 23 h and 25 h on DST days", () => {
    expect(dayRange("2026-01-15")).toEqual({ from: "2026-01-14T23:00:00Z", to: "2026-01-15T23:00:00Z" });
    expect(dayRange("2026-07-01")).toEqual({ from: "2026-06-30T22:00:00Z", to: "2026-07-01T22:00:00Z" });
    expect(dayRange("2026-03-29")).toEqual({ from: "2026-03-28T23:00:00Z", to: "2026-03-29T22:00:00Z" });
    expect(dayRange("2026-10-25")).toEqual({ from: "2026-10-24T22:00:00Z", to: "2026-10-25T23:00:00Z" });
  });

  it("gives week bounds across the DST changes", () => {
    // Spring: the week of Monday 23 March 2026 ends in summer time.
    expect(weekRange("2026-03-26")).toEqual({ from: "2026-03-22T23:00:00Z", to: "2026-03-29T22:00:00Z" });
    // Autumn: the week of Monday 19 October 2026 ends in winter time.
    expect(weekRange("2026-10-25")).toEqual({ from: "2026-10-18T22:00:00Z", to: "2026-10-25T23:00:00Z" });
    const span = (p: { from: string; to: string }) => (Date.parse(p.to) - Date.parse(p.from)) / 3_600_000;
    expect(span(weekRange("2026-03-26"))).toBe(167);
    expect(span(weekRange("2026-10-21"))).toBe(169);
    expect(span(weekRange("2026-01-15"))).toBe(168);
  });
});

describe("grid slots ↔ times", () => {
  const ROW = 24;

  it("labels the 24 rows from 08:00 to 19:30", () => {
    expect(SLOT_COUNT).toBe(24);
    expect(slotLabel(0)).toBe("08:00");
    expect(slotLabel(1)).toBe("08:30");
    expect(slotLabel(23)).toBe("19:30");
  });

  it("converts a dropped position to a Paris time, then to UTC", () => {
    expect(yToMinutes(0, ROW)).toBe(8 * 60);
    expect(yToMinutes(ROW * 4, ROW)).toBe(10 * 60);
    expect(yToMinutes(ROW * 4 + 11, ROW)).toBe(10 * 60); // snaps to the nearest row
    expect(yToMinutes(ROW * 4 + 13, ROW)).toBe(10 * 60 + 30);
    expect(yToMinutes(-50, ROW)).toBe(8 * 60); // clamped to the first row
    expect(yToMinutes(ROW * 40, ROW)).toBe(19 * 60 + 30); // and to the last one
    expect(wallToUtc("2026-01-15", 10 * 60)).toBe("2026-01-15T09:00:00Z");
    expect(wallToUtc("2026-07-01", 10 * 60 + 30)).toBe("2026-07-01T08:30:00Z");
    // On the DST days, 08:00 Paris is already in the new offset.
    expect(wallToUtc("2026-03-29", 8 * 60)).toBe("2026-03-29T06:00:00Z");
    expect(wallToUtc("2026-10-25", 8 * 60)).toBe("2026-10-25T07:00:00Z");
  });

  it("places a time back in the grid (round trip)", () => {
    for (const iso of ["2026-01-15T09:00:00Z", "2026-03-29T06:30:00Z", "2026-10-25T17:00:00Z"]) {
      const minutes = parisMinutes(iso)!;
      const y = minutesToY(minutes, ROW);
      expect(wallToUtc(parisDayKey(iso), yToMinutes(y, ROW))).toBe(iso);
    }
    expect(parisMinutes("2026-03-29T06:30:00Z")).toBe(8 * 60 + 30);
    expect(minutesToY(7 * 60, ROW)).toBe(0);
    expect(minutesToY(21 * 60, ROW)).toBe(SLOT_COUNT * ROW);
  });

  it("sizes blocks by duration and squeezes the ones outside working hours", () => {
    expect(blockGeometry(10 * 60, 60, ROW)).toEqual({ top: 96, height: 48, before: false, after: false });
    expect(blockGeometry(10 * 60, 5, ROW)).toEqual({ top: 96, height: 14, before: false, after: false });
    expect(blockGeometry(7 * 60, 30, ROW)).toEqual({ top: 0, height: 14, before: true, after: false });
    const late = blockGeometry(21 * 60, 30, ROW);
    expect(late.after).toBe(true);
    expect(late.top + late.height).toBe(SLOT_COUNT * ROW);
  });

  it("lays overlapping tasks side by side", () => {
    const lanes = layoutLanes([
      { id: 1, start: 600, end: 660 },
      { id: 2, start: 630, end: 690 },
      { id: 3, start: 700, end: 730 },
      { id: 4, start: 660, end: 690 },
    ]);
    expect(lanes.get(1)).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get(2)).toEqual({ lane: 1, lanes: 2 });
    expect(lanes.get(4)).toEqual({ lane: 0, lanes: 2 });
    expect(lanes.get(3)).toEqual({ lane: 0, lanes: 1 });
  });
});
