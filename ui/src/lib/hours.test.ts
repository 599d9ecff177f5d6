import { describe, expect, it } from "vitest";
import { badClosures, checkWeek, cleanClosures, defaultWeek, hoursToWeek, minutesOf, weekSummary, weekToHours, type DayDraft } from "./hours";

const NAMES = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];
const SHORT = ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."];
const M = {
  invalid: (d: string) => `${d} : heure invalide`,
  order: (d: string) => `${d} : ordre`,
  overlap: (d: string) => `${d} : chevauchement`,
  none: "jamais ouvert",
};

describe("the default week", () => {
  it("opens Monday to Saturday with a lunch break, closed on Sunday", () => {
    const hours = weekToHours(defaultWeek());
    expect(hours.filter((h) => h.weekday === 1)).toEqual([
      { weekday: 1, opens: "09:00", closes: "12:00" },
      { weekday: 1, opens: "14:00", closes: "19:00" },
    ]);
    expect(hours.filter((h) => h.weekday === 6).map((h) => h.closes)).toEqual(["12:00", "18:00"]);
    expect(hours.some((h) => h.weekday === 7)).toBe(false);
    expect(hours).toHaveLength(12);
    expect(checkWeek(defaultWeek(), NAMES, M)).toEqual({ days: {}, general: null });
  });
});

describe("hoursToWeek / weekToHours", () => {
  it("groups the backend's spans by weekday, in order, and back", () => {
    const week = hoursToWeek([
      { weekday: 2, opens: "14:00", closes: "18:00" },
      { weekday: 2, opens: "08:30", closes: "12:00" },
      { weekday: 5, opens: "09:00", closes: "17:00" },
    ]);
    expect(week).toHaveLength(7);
    expect(week[1].spans).toEqual([{ opens: "08:30", closes: "12:00" }, { opens: "14:00", closes: "18:00" }]);
    expect(week[0].spans).toEqual([]);
    expect(weekToHours(week)).toEqual([
      { weekday: 2, opens: "08:30", closes: "12:00" },
      { weekday: 2, opens: "14:00", closes: "18:00" },
      { weekday: 5, opens: "09:00", closes: "17:00" },
    ]);
  });
});

describe("checkWeek", () => {
  const day = (weekday: number, ...spans: [string, string][]): DayDraft => ({ weekday, spans: spans.map(([opens, closes]) => ({ opens, closes })) });

  it("reads times like the backend", () => {
    expect(minutesOf("09:30")).toBe(570);
    expect(minutesOf("9h00")).toBe(540);
    expect(minutesOf("24:00")).toBe(1440);
    expect(minutesOf("25:00")).toBeNull();
    expect(minutesOf("")).toBeNull();
    expect(minutesOf("midi")).toBeNull();
  });

  it("names the day of an empty, reversed or overlapping span", () => {
    const r = checkWeek([day(1, ["", "12:00"]), day(2, ["12:00", "09:00"]), day(3, ["09:00", "13:00"], ["12:00", "18:00"]), day(4, ["09:00", "12:00"])], NAMES, M);
    expect(r.days).toEqual({ 1: "Lundi : heure invalide", 2: "Mardi : ordre", 3: "Mercredi : chevauchement" });
    expect(r.general).toBeNull();
  });

  it("refuses a site that never opens", () => {
    expect(checkWeek([day(1), day(2)], NAMES, M).general).toBe("jamais ouvert");
  });
});

describe("weekSummary", () => {
  it("groups consecutive days with the same hours and leaves closed days out", () => {
    expect(weekSummary(defaultWeek(), SHORT)).toBe("lun.–ven. 09:00–12:00, 14:00–19:00 · sam. 09:00–12:00, 14:00–18:00");
  });
});

describe("closures", () => {
  it("flags missing or invalid dates and sorts the others", () => {
    const list = [
      { day: "2026-12-26", label: " Inventaire " },
      { day: "", label: "?" },
      { day: "2026-08-15", label: "" },
      { day: "26/12/2026", label: "" },
    ];
    expect(badClosures(list)).toEqual([1, 3]);
    expect(cleanClosures([list[0], list[2]])).toEqual([
      { day: "2026-08-15", label: "" },
      { day: "2026-12-26", label: "Inventaire" },
    ]);
  });
});
