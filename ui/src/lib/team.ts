// Team and follow-up settings helpers: the end of an absence as a UTC instant, the users who may
// take over from someone, and the checks of the follow-up settings form. Pure functions.
import { addDays, isDayKey, parisDayKey, wallToUtc, type DayKey } from "./agenda";
import type { FollowupSettings, User } from "./bindings";

/** The last minute of an absence: 23:59 Paris time of the chosen day. */
const DAY_END_MIN = 23 * 60 + 59;

/**
 * A Paris calendar day ("YYYY-MM-DD", as given by <input type="date">) → 23:59 Paris time of that
 * day, in UTC RFC 3339 (21:59Z in summer, 22:59Z in winter). Null for an empty or invalid day.
 */
export function absenceUntilUtc(day: string): string | null {
  const key = day.trim();
  if (!isDayKey(key)) return null;
  return wallToUtc(key, DAY_END_MIN);
}

/** Whether a chosen return day is before today (Paris). */
export function isPastDay(day: DayKey, now: number): boolean {
  return day < parisDayKey(now);
}

/** Today (Paris), as the `min` of a date input. */
export function todayKey(now: number): DayKey {
  return parisDayKey(now);
}

/** The next day (Paris), a sensible default return date. */
export function tomorrowKey(now: number): DayKey {
  return addDays(parisDayKey(now), 1);
}

/** Active users other than `userId`, by name: who may replace or take over from them. */
export function otherActiveUsers(users: readonly User[], userId: number): User[] {
  return users.filter((u) => u.active && u.id !== userId).sort((a, b) => a.name.localeCompare(b.name, "fr"));
}

/** The follow-up settings form, as bound to number inputs (null when empty). */
/** The numeric settings (notify_managers is a checkbox). */
export type NumericSetting = Exclude<keyof FollowupSettings, "notify_managers">;
export type FollowupDraft = { [K in NumericSetting]: number | null } & { notify_managers: boolean };

/** The accepted range of each setting (the backend checks again). */
export const FOLLOWUP_LIMITS: Record<NumericSetting, { min: number; max: number }> = {
  escalation_delay_hours: { min: 0, max: 720 },
  digest_hour: { min: 0, max: 23 },
  dedup_days: { min: 1, max: 365 },
};

const inRange = (v: number | null, { min, max }: { min: number; max: number }): v is number =>
  typeof v === "number" && Number.isInteger(v) && v >= min && v <= max;

/**
 * Checks the form: the settings to save, or the message of each invalid field.
 */
export function checkFollowup(
  d: FollowupDraft,
  messages: Record<NumericSetting, string>,
): { ok: true; settings: FollowupSettings } | { ok: false; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  for (const key of Object.keys(FOLLOWUP_LIMITS) as NumericSetting[]) {
    if (!inRange(d[key], FOLLOWUP_LIMITS[key])) errors[key] = messages[key];
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return {
    ok: true,
    settings: {
      escalation_delay_hours: d.escalation_delay_hours as number,
      digest_hour: d.digest_hour as number,
      dedup_days: d.dedup_days as number,
      notify_managers: d.notify_managers,
    },
  };
}
