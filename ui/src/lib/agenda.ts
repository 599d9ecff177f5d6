// Agenda helpers: Paris calendar days ("YYYY-MM-DD"), day and week periods as UTC bounds
// (DST-safe), the working-hours grid (8:00–20:00 in 30-minute rows) and the conversion between
// a position in the grid and a time, used to draw tasks and to drop a dragged one. Pure functions.
import { parisInputToUtc, toParisInputValue } from "./format";

/** A Paris calendar day, "YYYY-MM-DD". */
export type DayKey = string;

export const DAY_START_MIN = 8 * 60;
export const DAY_END_MIN = 20 * 60;
export const SLOT_MIN = 30;
export const SLOT_COUNT = (DAY_END_MIN - DAY_START_MIN) / SLOT_MIN;

const pad = (n: number) => String(n).padStart(2, "0");
const DAY_KEY = /^(\d{4})-(\d{2})-(\d{2})$/;

function keyToUtcDate(key: DayKey): Date {
  const m = DAY_KEY.exec(key);
  if (!m) throw new Error("invalid day key: " + key);
  return new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
}

function dateToKey(d: Date): DayKey {
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export function isDayKey(value: string): boolean {
  const m = DAY_KEY.exec(value);
  return !!m && dateToKey(keyToUtcDate(value)) === value;
}

/** The Paris calendar day of an instant (ISO text or ms). */
export function parisDayKey(at: string | number): DayKey {
  const iso = typeof at === "number" ? new Date(at).toISOString() : at;
  return toParisInputValue(iso).slice(0, 10);
}

/** Minutes since Paris midnight (wall clock) of an instant; null when invalid. */
export function parisMinutes(iso: string): number | null {
  const v = toParisInputValue(iso);
  if (!v) return null;
  return Number(v.slice(11, 13)) * 60 + Number(v.slice(14, 16));
}

export function addDays(key: DayKey, n: number): DayKey {
  const d = keyToUtcDate(key);
  d.setUTCDate(d.getUTCDate() + n);
  return dateToKey(d);
}

/** 0 = Monday … 6 = Sunday. */
export function weekdayIndex(key: DayKey): number {
  return (keyToUtcDate(key).getUTCDay() + 6) % 7;
}

/** Day of month and month (1-12) of a key. */
export function keyParts(key: DayKey): { year: number; month: number; day: number } {
  const d = keyToUtcDate(key);
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() };
}

/** The Monday of the week containing the day. */
export function weekStart(key: DayKey): DayKey {
  return addDays(key, -weekdayIndex(key));
}

/** The seven days (Monday first) of the week containing the day. */
export function weekDays(key: DayKey): DayKey[] {
  const monday = weekStart(key);
  return Array.from({ length: 7 }, (_, i) => addDays(monday, i));
}

/** A Paris wall-clock time of a day (minutes since midnight) → UTC RFC 3339. */
export function wallToUtc(key: DayKey, minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const utc = parisInputToUtc(`${key}T${pad(h)}:${pad(m)}`);
  if (utc === null) throw new Error("invalid wall time");
  return utc;
}

export type Period = { from: string; to: string };

/** Paris midnight to the next Paris midnight (23 or 25 h on DST days). */
export function dayRange(key: DayKey): Period {
  return { from: wallToUtc(key, 0), to: wallToUtc(addDays(key, 1), 0) };
}

/** Monday 00:00 to the next Monday 00:00, Paris time. */
export function weekRange(key: DayKey): Period {
  const monday = weekStart(key);
  return { from: wallToUtc(monday, 0), to: wallToUtc(addDays(monday, 7), 0) };
}

/** "08:00", "08:30"… label of a row of the grid. */
export function slotLabel(slot: number): string {
  const m = DAY_START_MIN + slot * SLOT_MIN;
  return `${pad(Math.floor(m / 60))}:${pad(m % 60)}`;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Wall-clock minutes → vertical position in the grid (clamped to the working hours). */
export function minutesToY(minutes: number, rowPx: number): number {
  return ((clamp(minutes, DAY_START_MIN, DAY_END_MIN) - DAY_START_MIN) / SLOT_MIN) * rowPx;
}

/**
 * Vertical position of a block's top in the grid → the wall-clock start of the nearest row,
 * kept inside the working hours (a block never starts after the last row).
 */
export function yToMinutes(y: number, rowPx: number): number {
  const slot = clamp(Math.round(y / rowPx), 0, SLOT_COUNT - 1);
  return DAY_START_MIN + slot * SLOT_MIN;
}

export type Block = { top: number; height: number; before: boolean; after: boolean };

/**
 * Where a task of `durationMin` starting at wall-clock `startMin` is drawn. Tasks outside the
 * working hours are squeezed to the edge (`before` / `after` say so); a block is never thinner
 * than `minPx`.
 */
export function blockGeometry(startMin: number, durationMin: number, rowPx: number, minPx = 14): Block {
  const end = startMin + Math.max(0, durationMin);
  const before = startMin < DAY_START_MIN;
  const after = end > DAY_END_MIN;
  let top = minutesToY(startMin, rowPx);
  const bottom = minutesToY(end, rowPx);
  let height = Math.max(minPx, bottom - top);
  const gridHeight = SLOT_COUNT * rowPx;
  if (top + height > gridHeight) top = Math.max(0, gridHeight - height);
  height = Math.min(height, gridHeight);
  return { top, height, before, after };
}

export type Span = { id: number; start: number; end: number };
export type Lane = { lane: number; lanes: number };

/** Side-by-side lanes for overlapping items of one column (per cluster of overlaps). */
export function layoutLanes(items: Span[]): Map<number, Lane> {
  const sorted = [...items].sort((a, b) => a.start - b.start || b.end - a.end || a.id - b.id);
  const out = new Map<number, Lane>();
  let cluster: { id: number; lane: number }[] = [];
  let laneEnds: number[] = [];
  let clusterEnd = -Infinity;
  const flush = () => {
    for (const c of cluster) out.set(c.id, { lane: c.lane, lanes: laneEnds.length });
    cluster = [];
    laneEnds = [];
  };
  for (const it of sorted) {
    const end = Math.max(it.end, it.start + 1);
    if (it.start >= clusterEnd) {
      flush();
      clusterEnd = -Infinity;
    }
    let lane = laneEnds.findIndex((e) => e <= it.start);
    if (lane === -1) {
      lane = laneEnds.length;
      laneEnds.push(end);
    } else laneEnds[lane] = end;
    cluster.push({ id: it.id, lane });
    clusterEnd = Math.max(clusterEnd, end);
  }
  flush();
  return out;
}
