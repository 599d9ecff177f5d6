// Formatting helpers: dates in Europe/Paris, euros and other currencies, French phone numbers, relative times.
// Pure functions (the current time is always passed in) so that they are easy to test.
import { time, units } from "./i18n";

export const TIME_ZONE = "Europe/Paris";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const partsFormatter = new Intl.DateTimeFormat("fr-FR", {
  timeZone: TIME_ZONE,
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

type WallClock = { year: number; month: number; day: number; hour: number; minute: number; second: number };

/** The Paris wall-clock time of an instant (milliseconds since the epoch). */
function parisWallClock(ms: number): WallClock {
  const out: Record<string, number> = {};
  for (const p of partsFormatter.formatToParts(new Date(ms))) {
    if (p.type !== "literal") out[p.type] = Number(p.value);
  }
  // Some ICU versions print midnight as 24 even with h23.
  const hour = out.hour === 24 ? 0 : out.hour;
  return { year: out.year, month: out.month, day: out.day, hour, minute: out.minute, second: out.second };
}

function parse(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** "dd/mm/yyyy HH:MM" in Paris time; "" for a missing or invalid value. */
export function formatDateTime(iso: string | null | undefined): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const w = parisWallClock(ms);
  return `${pad(w.day)}/${pad(w.month)}/${w.year} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** "dd/mm/yyyy" in Paris time; "" for a missing or invalid value. */
export function formatDate(iso: string | null | undefined): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const w = parisWallClock(ms);
  return `${pad(w.day)}/${pad(w.month)}/${w.year}`;
}

/** UTC instant → value for an <input type="datetime-local"> in Paris time ("YYYY-MM-DDTHH:MM"). */
export function toParisInputValue(iso: string | null | undefined): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const w = parisWallClock(ms);
  return `${w.year}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}`;
}

/** Paris offset from UTC (ms) at an instant. */
function parisOffset(ms: number): number {
  const w = parisWallClock(ms);
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

/**
 * Paris wall-clock value ("YYYY-MM-DDTHH:MM", as given by datetime-local) → UTC RFC 3339
 * ("YYYY-MM-DDTHH:MM:SSZ"). Ambiguous times (last Sunday of October) resolve to the first
 * occurrence; times skipped by the spring change move forward by the gap (02:30 → 03:30).
 * Returns null for an empty or malformed value.
 */
export function parisInputToUtc(value: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m) return null;
  const [y, mo, d, h, mi, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  const wall = Date.UTC(y, mo - 1, d, h, mi, s);
  if (Number.isNaN(wall)) return null;
  // Try the offsets in force a few hours around the wall time, earliest instant first.
  const candidates = [parisOffset(wall - 3 * HOUR), parisOffset(wall + 3 * HOUR)]
    .map((off) => wall - off)
    .sort((a, b) => a - b);
  for (const c of candidates) {
    const w = parisWallClock(c);
    if (Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) === wall) return rfc3339(c);
  }
  // Non-existent wall time (spring gap): use the offset from before the change.
  return rfc3339(wall - parisOffset(wall - 3 * HOUR));
}

function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");
}

const euroFormatter = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR" });
const integerFormatter = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 0 });

/**
 * ICU prints French group separators as U+202F (narrow no-break space) in recent versions and
 * U+00A0 in older ones. Normalise every such space to U+00A0 so that the output is the same
 * in every WebView and never wraps.
 */
function normaliseSpaces(s: string): string {
  return s.replace(/[\u202f\u00a0\u2009 ]/g, "\u00a0");
}

/** 12345.5 → "12 345,50 €" (no-break spaces). */
export function formatEuros(amount: number): string {
  return normaliseSpaces(euroFormatter.format(amount));
}

/** Cents → "12 345,00 €"; "" for a missing value. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "";
  return formatEuros(cents / 100);
}

const amountFormatter = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Cents in a currency (ISO 4217; null, "" or "EUR": euros): "22 900,00 €", or the amount and the
 * code for another currency ("61 450,00 USD", never converted); "" for a missing value.
 */
export function formatPrice(cents: number | null | undefined, currency: string | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "";
  const code = (currency ?? "").trim().toUpperCase();
  if (code === "" || code === "EUR") return formatCents(cents);
  return `${normaliseSpaces(amountFormatter.format(cents / 100))}\u00a0${code}`;
}

const decimalFormatter = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });

/**
 * A size in bytes, in French units (base 1024): "512 o", "1,5 Ko", "12 Ko", "40 Mo".
 * One decimal below 10, none above.
 */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return "";
  const steps = [units.bytes, units.kilo, units.mega, units.giga];
  let value = bytes;
  let i = 0;
  while (value >= 1024 && i < steps.length - 1) {
    value /= 1024;
    i++;
  }
  if (i === 0) return `${Math.round(value)}\u00a0${steps[0]}`;
  // Round first so that 1023.9 Ko does not print as "1024 Ko".
  let shown = value < 10 ? Math.round(value * 10) / 10 : Math.round(value);
  if (shown >= 1024 && i < steps.length - 1) {
    shown = 1;
    i++;
  }
  return `${normaliseSpaces(decimalFormatter.format(shown))}\u00a0${steps[i]}`;
}

const megaFormatter = new Intl.NumberFormat("fr-FR", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/**
 * A size in bytes, always in Mo (base 1024, one decimal, as `carnet backups` prints it) so that
 * a list of files compares at a glance: "1,5 Mo", "40,0 Mo", "1 234,5 Mo"; a non-empty file
 * below 0,05 Mo reads "< 0,1 Mo". "" for a negative or missing value.
 */
export function formatMegabytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return "";
  const mo = bytes / (1024 * 1024);
  if (bytes > 0 && mo < 0.05) return `<\u00a0${normaliseSpaces(megaFormatter.format(0.1))}\u00a0${units.mega}`;
  return `${normaliseSpaces(megaFormatter.format(mo))}\u00a0${units.mega}`;
}

/** 12345 → "12 345" (no-break space). */
export function formatInteger(n: number): string {
  return normaliseSpaces(integerFormatter.format(n));
}

/**
 * French numbers as "06 12 34 56 78" (from +33612345678, 0033612345678, 06.12.34.56.78…).
 * Anything else (foreign numbers, extensions) is returned as given.
 */
export function formatPhone(phone: string | null | undefined): string {
  if (!phone) return "";
  const compact = phone.replace(/[\s.\-()]/g, "");
  let national: string | null = null;
  let m: RegExpExecArray | null;
  if ((m = /^(?:\+33|0033)0?([1-9]\d{8})$/.exec(compact))) national = "0" + m[1];
  else if (/^0[1-9]\d{8}$/.test(compact)) national = compact;
  if (!national) return phone.trim();
  return national.replace(/(\d{2})(?=\d)/g, "$1 ");
}

/** A duration (ms, ≥ 0) in short French: "45 min", "3 h 20", "2 j 4 h". */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs < MINUTE) return time.lessThanAMinute;
  if (abs < HOUR) return time.minutes(Math.floor(abs / MINUTE));
  if (abs < DAY) {
    const h = Math.floor(abs / HOUR);
    const mins = Math.floor((abs % HOUR) / MINUTE);
    return mins === 0 ? time.hours(h) : time.hoursMinutes(h, pad(mins));
  }
  const d = Math.floor(abs / DAY);
  const h = Math.floor((abs % DAY) / HOUR);
  return h === 0 ? time.days(d) : time.daysHours(d, h);
}

/** "il y a 2 h", "il y a 3 j", "à l'instant" — coarse, for past events. */
export function formatAgo(iso: string | null | undefined, now: number): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const diff = now - ms;
  if (diff < MINUTE) return time.justNow;
  if (diff < HOUR) return time.ago(time.minutes(Math.floor(diff / MINUTE)));
  if (diff < DAY) return time.ago(time.hours(Math.floor(diff / HOUR)));
  return time.ago(time.days(Math.floor(diff / DAY)));
}

export type Countdown = { text: string; late: boolean; remainingMs: number };

/** Countdown to a deadline: "échéance dans 3 h 20" / "en retard de 1 h 05"; null without deadline. */
export function countdown(deadlineIso: string | null | undefined, now: number): Countdown | null {
  const ms = parse(deadlineIso);
  if (ms === null) return null;
  const remaining = ms - now;
  if (remaining >= 0) return { text: time.dueIn(formatDuration(remaining)), late: false, remainingMs: remaining };
  return { text: time.lateBy(formatDuration(-remaining)), late: true, remainingMs: remaining };
}

/** Time elapsed since an instant, as a duration ("3 j 4 h"). */
export function formatElapsed(iso: string | null | undefined, now: number): string {
  const ms = parse(iso);
  if (ms === null) return "";
  return formatDuration(now - ms);
}

/**
 * "dd/mm HH:MM" in Paris time (the year is implied: to-do lists); with `now`, another year than
 * the current one is written out ("dd/mm/yyyy HH:MM"). "" when invalid.
 */
export function formatShortDateTime(iso: string | null | undefined, now?: number): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const w = parisWallClock(ms);
  if (now !== undefined && parisWallClock(now).year !== w.year) return formatDateTime(iso);
  return `${pad(w.day)}/${pad(w.month)} ${pad(w.hour)}:${pad(w.minute)}`;
}

/** "HH:MM" in Paris time; "" when invalid. */
export function formatTime(iso: string | null | undefined): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const w = parisWallClock(ms);
  return `${pad(w.hour)}:${pad(w.minute)}`;
}

/** Time until a due instant: "dans 3 h 20", or "en retard de 2 j 4 h" once past. */
export function formatDue(iso: string | null | undefined, now: number): string {
  const ms = parse(iso);
  if (ms === null) return "";
  const diff = ms - now;
  return diff >= 0 ? time.inDuration(formatDuration(diff)) : time.lateFor(formatDuration(-diff));
}

/** 41000 → "41 000 km" (no-break spaces); "" for a missing value. */
export function formatKm(km: number | null | undefined): string {
  if (km === null || km === undefined || !Number.isFinite(km)) return "";
  return `${formatInteger(km)}\u00a0${units.km}`;
}

/** A first registration ("2019-08-11" or "2019-08") → "08/2019"; "" when missing or malformed. */
export function formatMonthYear(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})(?:-\d{2})?$/.exec((value ?? "").trim());
  return m ? `${m[2]}/${m[1]}` : "";
}

/**
 * A calendar day ("2026-03-01", as the DMS dates are kept) → "01/03/2026"; an instant (RFC 3339)
 * → its day in Paris; "" for a missing or invalid value.
 */
export function formatDayValue(value: string | null | undefined): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec((value ?? "").trim());
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  return formatDate(value);
}
