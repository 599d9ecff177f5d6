import { describe, expect, it } from "vitest";
import {
  countdown,
  formatAgo,
  formatDate,
  formatDateTime,
  formatBytes,
  formatMegabytes,
  formatCents,
  formatDuration,
  formatElapsed,
  formatEuros,
  formatInteger,
  formatPhone,
  formatPrice,
  formatDue,
  formatDayValue,
  formatKm,
  formatMonthYear,
  formatShortDateTime,
  formatTime,
  parisInputToUtc,
  toParisInputValue,
} from "./format";

const NBSP = "\u00a0";
const at = (iso: string) => Date.parse(iso);

describe("dates in Europe/Paris", () => {
  it("formats winter (UTC+1) and summer (UTC+2) times", () => {
    expect(formatDateTime("2026-01-15T09:05:00Z")).toBe("15/01/2026 10:05");
    expect(formatDateTime("2026-07-01T08:00:00Z")).toBe("01/07/2026 10:00");
  });

  it("crosses the spring change (29/03/2026, 02:00 → 03:00)", () => {
    expect(formatDateTime("2026-03-29T00:59:00Z")).toBe("29/03/2026 01:59");
    expect(formatDateTime("2026-03-29T01:00:00Z")).toBe("29/03/2026 03:00");
  });

  it("crosses the autumn change (25/10/2026, 03:00 → 02:00)", () => {
    expect(formatDateTime("2026-10-25T00:30:00Z")).toBe("25/10/2026 02:30");
    expect(formatDateTime("2026-10-25T01:30:00Z")).toBe("25/10/2026 02:30");
    expect(formatDateTime("2026-10-25T02:30:00Z")).toBe("25/10/2026 03:30");
  });

  it("uses the Paris date, not the UTC date, around midnight", () => {
    expect(formatDate("2026-06-30T22:30:00Z")).toBe("01/07/2026");
    expect(formatDateTime("2025-12-31T23:00:00Z")).toBe("01/01/2026 00:00");
  });

  it("accepts offsets and returns empty text for missing or invalid values", () => {
    expect(formatDateTime("2026-01-15T10:05:00+01:00")).toBe("15/01/2026 10:05");
    expect(formatDateTime(null)).toBe("");
    expect(formatDateTime("pas une date")).toBe("");
  });
});

describe("datetime-local in Paris time ↔ UTC", () => {
  it("converts winter and summer wall times", () => {
    expect(parisInputToUtc("2026-01-15T10:00")).toBe("2026-01-15T09:00:00Z");
    expect(parisInputToUtc("2026-07-01T10:00")).toBe("2026-07-01T08:00:00Z");
  });

  it("handles the hours around the changes", () => {
    expect(parisInputToUtc("2026-03-29T01:30")).toBe("2026-03-29T00:30:00Z");
    expect(parisInputToUtc("2026-03-29T03:30")).toBe("2026-03-29T01:30:00Z");
    // 02:30 does not exist on that day: moved forward to 03:30 CEST.
    expect(parisInputToUtc("2026-03-29T02:30")).toBe("2026-03-29T01:30:00Z");
    // 02:30 happens twice: the first one (CEST) wins.
    expect(parisInputToUtc("2026-10-25T02:30")).toBe("2026-10-25T00:30:00Z");
    expect(parisInputToUtc("2026-10-25T03:30")).toBe("2026-10-25T02:30:00Z");
  });

  it("round-trips through the input value", () => {
    for (const iso of ["2026-01-15T09:00:00Z", "2026-07-01T08:45:00Z", "2026-10-25T02:30:00Z"]) {
      expect(parisInputToUtc(toParisInputValue(iso))).toBe(iso);
    }
    expect(toParisInputValue("2026-07-01T08:45:00Z")).toBe("2026-07-01T10:45");
  });

  it("rejects empty and malformed values", () => {
    expect(parisInputToUtc("")).toBeNull();
    expect(parisInputToUtc("15/01/2026 10:00")).toBeNull();
  });
});

describe("euros and numbers", () => {
  it("formats with no-break spaces whatever the ICU version", () => {
    expect(formatEuros(12345.5)).toBe(`12${NBSP}345,50${NBSP}€`);
    expect(formatEuros(0)).toBe(`0,00${NBSP}€`);
    expect(formatEuros(1234567.891)).toBe(`1${NBSP}234${NBSP}567,89${NBSP}€`);
    expect(formatEuros(12345.5)).not.toMatch(/[\u202f ]/);
  });

  it("formats integers", () => {
    expect(formatInteger(12345)).toBe(`12${NBSP}345`);
    expect(formatInteger(50)).toBe("50");
  });
});

describe("phone numbers", () => {
  it("shows French numbers as 06 12 34 56 78", () => {
    expect(formatPhone("+33612345678")).toBe("06 12 34 56 78");
    expect(formatPhone("0033612345678")).toBe("06 12 34 56 78");
    expect(formatPhone("+33 6 12 34 56 78")).toBe("06 12 34 56 78");
    expect(formatPhone("01.23.45.67.89")).toBe("01 23 45 67 89");
  });

  it("leaves other numbers alone", () => {
    expect(formatPhone("+44 20 7946 0958")).toBe("+44 20 7946 0958");
    expect(formatPhone("123")).toBe("123");
    expect(formatPhone(null)).toBe("");
  });
});

describe("relative times", () => {
  const now = at("2026-05-10T12:00:00Z");

  it("says how long ago", () => {
    expect(formatAgo("2026-05-10T11:59:30Z", now)).toBe("à l'instant");
    expect(formatAgo("2026-05-10T11:35:00Z", now)).toBe("il y a 25 min");
    expect(formatAgo("2026-05-10T10:00:00Z", now)).toBe("il y a 2 h");
    expect(formatAgo("2026-05-07T09:00:00Z", now)).toBe("il y a 3 j");
    // Clock skew: a time slightly in the future is "now".
    expect(formatAgo("2026-05-10T12:00:05Z", now)).toBe("à l'instant");
  });

  it("formats durations", () => {
    expect(formatDuration(30_000)).toBe("moins d'1 min");
    expect(formatDuration(45 * 60_000)).toBe("45 min");
    expect(formatDuration(2 * 3_600_000)).toBe("2 h");
    expect(formatDuration(3 * 3_600_000 + 20 * 60_000)).toBe("3 h 20");
    expect(formatDuration(3_600_000 + 5 * 60_000)).toBe("1 h 05");
    expect(formatDuration(2 * 86_400_000 + 4 * 3_600_000)).toBe("2 j 4 h");
    expect(formatDuration(3 * 86_400_000)).toBe("3 j");
    expect(formatElapsed("2026-05-07T08:00:00Z", now)).toBe("3 j 4 h");
  });
});

describe("deadline countdown", () => {
  const now = at("2026-05-10T12:00:00Z");

  it("counts down to a future deadline", () => {
    expect(countdown("2026-05-10T15:20:00Z", now)).toEqual({
      text: "échéance dans 3 h 20",
      late: false,
      remainingMs: 200 * 60_000,
    });
    expect(countdown("2026-05-10T12:45:59Z", now)?.text).toBe("échéance dans 45 min");
  });

  it("says how late when the deadline has passed", () => {
    const c = countdown("2026-05-10T10:55:00Z", now);
    expect(c?.text).toBe("en retard de 1 h 05");
    expect(c?.late).toBe(true);
    expect(countdown("2026-05-10T11:59:50Z", now)?.late).toBe(true);
  });

  it("is null without a deadline", () => {
    expect(countdown(null, now)).toBeNull();
  });
});

describe("byte sizes and prices", () => {
  it("formats sizes in French units, base 1024", () => {
    expect(formatBytes(0)).toBe(`0${NBSP}o`);
    expect(formatBytes(512)).toBe(`512${NBSP}o`);
    expect(formatBytes(1023)).toBe(`1023${NBSP}o`);
    expect(formatBytes(1024)).toBe(`1${NBSP}Ko`);
    expect(formatBytes(1536)).toBe(`1,5${NBSP}Ko`);
    expect(formatBytes(12 * 1024)).toBe(`12${NBSP}Ko`);
    expect(formatBytes(12 * 1024 + 300)).toBe(`12${NBSP}Ko`);
    expect(formatBytes(40 * 1024 * 1024)).toBe(`40${NBSP}Mo`);
    expect(formatBytes(3 * 1024 ** 3)).toBe(`3${NBSP}Go`);
  });

  it("never prints 1024 of a unit", () => {
    expect(formatBytes(1024 * 1024 - 1)).toBe(`1${NBSP}Mo`);
  });

  it("rejects nonsense", () => {
    expect(formatBytes(-1)).toBe("");
    expect(formatBytes(Number.NaN)).toBe("");
  });

  it("formats backup sizes in Mo with one French decimal", () => {
    expect(formatMegabytes(1.5 * 1024 * 1024)).toBe(`1,5${NBSP}Mo`);
    expect(formatMegabytes(40 * 1024 * 1024)).toBe(`40,0${NBSP}Mo`);
    expect(formatMegabytes(300 * 1024)).toBe(`0,3${NBSP}Mo`);
    expect(formatMegabytes(1234.5 * 1024 * 1024)).toBe(`1${NBSP}234,5${NBSP}Mo`);
    expect(formatMegabytes(0)).toBe(`0,0${NBSP}Mo`);
    expect(formatMegabytes(4096)).toBe(`<${NBSP}0,1${NBSP}Mo`);
    expect(formatMegabytes(-1)).toBe("");
    expect(formatMegabytes(null)).toBe("");
  });

  it("formats prices in cents as euros", () => {
    expect(formatCents(1234500)).toBe(`12${NBSP}345,00${NBSP}€`);
    expect(formatCents(1999)).toBe(`19,99${NBSP}€`);
    expect(formatCents(null)).toBe("");
    expect(formatCents(undefined)).toBe("");
  });

  it("formats prices with their currency: euros by default, the ISO code otherwise", () => {
    expect(formatPrice(2_290_000, null)).toBe(`22${NBSP}900,00${NBSP}€`);
    expect(formatPrice(2_290_000, "EUR")).toBe(`22${NBSP}900,00${NBSP}€`);
    expect(formatPrice(2_290_000, " eur ")).toBe(`22${NBSP}900,00${NBSP}€`);
    expect(formatPrice(2_290_000, "")).toBe(`22${NBSP}900,00${NBSP}€`);
    expect(formatPrice(6_145_000, "USD")).toBe(`61${NBSP}450,00${NBSP}USD`);
    expect(formatPrice(1_234_567, "chf")).toBe(`12${NBSP}345,67${NBSP}CHF`);
    expect(formatPrice(99, "GBP")).toBe(`0,99${NBSP}GBP`);
    expect(formatPrice(null, "USD")).toBe("");
    expect(formatPrice(undefined, null)).toBe("");
    expect(formatPrice(Number.NaN, null)).toBe("");
  });
});

describe("due times for the to-do list", () => {
  it("formats short dates and times in Paris time", () => {
    expect(formatShortDateTime("2026-07-01T08:05:00Z")).toBe("01/07 10:05");
    expect(formatShortDateTime("2026-01-15T23:30:00Z")).toBe("16/01 00:30");
    expect(formatTime("2026-01-15T09:05:00Z")).toBe("10:05");
    expect(formatShortDateTime(null)).toBe("");
    const now = at("2026-11-24T12:00:00Z");
    expect(formatShortDateTime("2026-12-01T09:00:00Z", now)).toBe("01/12 10:00");
    expect(formatShortDateTime("2027-01-04T09:00:00Z", now)).toBe("04/01/2027 10:00");
  });

  it("says how long until a due time, or how late it is", () => {
    const now = at("2026-01-15T10:00:00Z");
    expect(formatDue("2026-01-15T13:20:00Z", now)).toBe("dans 3 h 20");
    expect(formatDue("2026-01-15T08:00:00Z", now)).toBe("en retard de 2 h");
    expect(formatDue("", now)).toBe("");
  });
});

describe("DMS values", () => {
  it("formats mileages with a no-break space", () => {
    expect(formatKm(41000)).toBe(`41${NBSP}000${NBSP}km`);
    expect(formatKm(0)).toBe(`0${NBSP}km`);
    expect(formatKm(null)).toBe("");
  });

  it("formats a first registration as month/year", () => {
    expect(formatMonthYear("2019-08-11")).toBe("08/2019");
    expect(formatMonthYear("2019-08")).toBe("08/2019");
    expect(formatMonthYear("11/08/2019")).toBe("");
    expect(formatMonthYear(null)).toBe("");
  });

  it("formats calendar days as given and instants in Paris time", () => {
    expect(formatDayValue("2026-03-01")).toBe("01/03/2026");
    expect(formatDayValue("2026-02-28T23:30:00Z")).toBe("01/03/2026");
    expect(formatDayValue("")).toBe("");
    expect(formatDayValue(undefined)).toBe("");
  });
});
