// Opening hours as the site forms edit them: per weekday (1 = Monday … 7 = Sunday), up to two
// spans (morning and afternoon around the lunch break), none when closed. Pure functions; the
// backend checks the hours again.
import type { Closure, DayHours } from "./bindings";

export type Span = { opens: string; closes: string };
export type DayDraft = { weekday: number; spans: Span[] };

export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
/** Spans a day may have in the editor (morning and afternoon). */
export const MAX_SPANS = 2;

const span = (opens: string, closes: string): Span => ({ opens, closes });

/** A typical showroom: Monday–Friday 09:00–12:00 and 14:00–19:00, Saturday until 18:00, closed on Sunday. */
export function defaultWeek(): DayDraft[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    spans: weekday <= 5 ? [span("09:00", "12:00"), span("14:00", "19:00")] : weekday === 6 ? [span("09:00", "12:00"), span("14:00", "18:00")] : [],
  }));
}

/** The backend's hours → one entry per weekday, spans in order. */
export function hoursToWeek(hours: readonly DayHours[]): DayDraft[] {
  return WEEKDAYS.map((weekday) => ({
    weekday,
    spans: hours
      .filter((h) => h.weekday === weekday)
      .map((h) => span(h.opens, h.closes))
      .sort((a, b) => a.opens.localeCompare(b.opens)),
  }));
}

/** The week → the backend's hours (trimmed). */
export function weekToHours(week: readonly DayDraft[]): DayHours[] {
  return week.flatMap((d) => d.spans.map((s) => ({ weekday: d.weekday, opens: s.opens.trim(), closes: s.closes.trim() })));
}

const HHMM = /^(\d{1,2})[:hH](\d{2})$/;

/** "09:00" (or "9h00") → minutes since midnight; null when it is not a time of day. */
export function minutesOf(text: string): number | null {
  const m = HHMM.exec(text.trim());
  if (!m) return null;
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h > 24 || min > 59 || (h === 24 && min > 0)) return null;
  return h * 60 + min;
}

export type HoursMessages = {
  invalid: (day: string) => string;
  order: (day: string) => string;
  overlap: (day: string) => string;
  none: string;
};

/**
 * Checks the week before saving: the message of each day at fault (by weekday), and a general
 * message when the site is never open.
 */
export function checkWeek(week: readonly DayDraft[], dayNames: readonly string[], m: HoursMessages): { days: Record<number, string>; general: string | null } {
  const days: Record<number, string> = {};
  for (const d of week) {
    const name = dayNames[d.weekday - 1] ?? String(d.weekday);
    const spans = d.spans.map((s) => ({ opens: minutesOf(s.opens), closes: minutesOf(s.closes) }));
    if (spans.some((s) => s.opens === null || s.closes === null)) days[d.weekday] = m.invalid(name);
    else if (spans.some((s) => (s.opens as number) >= (s.closes as number))) days[d.weekday] = m.order(name);
    else {
      const sorted = [...spans].sort((a, b) => (a.opens as number) - (b.opens as number));
      if (sorted.some((s, i) => i > 0 && (s.opens as number) < (sorted[i - 1].closes as number))) days[d.weekday] = m.overlap(name);
    }
  }
  const general = week.every((d) => d.spans.length === 0) ? m.none : null;
  return { days, general };
}

/**
 * A short summary of the week, consecutive days with the same hours grouped:
 * "lun.–ven. 09:00–12:00, 14:00–19:00 · sam. 09:00–12:00". Closed days are left out.
 */
export function weekSummary(week: readonly DayDraft[], shortNames: readonly string[]): string {
  const text = (d: DayDraft) => d.spans.map((s) => `${s.opens}–${s.closes}`).join(", ");
  const groups: { from: number; to: number; hours: string }[] = [];
  for (const d of week) {
    const hours = text(d);
    const last = groups[groups.length - 1];
    if (last && last.hours === hours && last.to === d.weekday - 1) last.to = d.weekday;
    else groups.push({ from: d.weekday, to: d.weekday, hours });
  }
  const name = (n: number) => shortNames[n - 1] ?? String(n);
  return groups
    .filter((g) => g.hours !== "")
    .map((g) => `${g.from === g.to ? name(g.from) : `${name(g.from)}–${name(g.to)}`} ${g.hours}`)
    .join(" · ");
}

const DAY_KEY = /^\d{4}-\d{2}-\d{2}$/;

/** Exceptional closing days: the index of each row whose date is missing or invalid. */
export function badClosures(closures: readonly Closure[]): number[] {
  return closures.flatMap((c, i) => (DAY_KEY.test(c.day.trim()) && !Number.isNaN(Date.parse(c.day.trim())) ? [] : [i]));
}

/** Closing days to send: trimmed, in date order. */
export function cleanClosures(closures: readonly Closure[]): Closure[] {
  return closures.map((c) => ({ day: c.day.trim(), label: c.label.trim() })).sort((a, b) => a.day.localeCompare(b.day));
}
