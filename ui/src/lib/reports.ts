// Pure helpers of the Pilotage screen: period presets, French figures (percentages, working
// minutes) and the lead list filters behind each figure (click-through).
import type { LeadKind, LeadStatus, ReportFilter } from "./bindings";
import { addDays, keyParts, type DayKey } from "./agenda";
import { formatInteger } from "./format";
import { reports as t } from "./i18n";

export const PERIOD_PRESETS = ["today", "7d", "30d", "month", "last_month"] as const;
export type PeriodPreset = (typeof PERIOD_PRESETS)[number];
export type DayPeriod = { from: DayKey; to: DayKey };

const pad = (n: number) => String(n).padStart(2, "0");

/** The days of a preset, both included, relative to `today` (a Paris day, "YYYY-MM-DD"). */
export function presetPeriod(preset: PeriodPreset, today: DayKey): DayPeriod {
  const { year, month } = keyParts(today);
  switch (preset) {
    case "today":
      return { from: today, to: today };
    case "7d":
      return { from: addDays(today, -6), to: today };
    case "30d":
      return { from: addDays(today, -29), to: today };
    case "month":
      return { from: `${year}-${pad(month)}-01`, to: today };
    case "last_month": {
      const firstOfMonth = `${year}-${pad(month)}-01`;
      const to = addDays(firstOfMonth, -1);
      return { from: to.slice(0, 8) + "01", to };
    }
  }
}

/** The preset a period matches (for highlighting the quick choice), or null. */
export function matchingPreset(period: DayPeriod, today: DayKey): PeriodPreset | null {
  for (const p of PERIOD_PRESETS) {
    const q = presetPeriod(p, today);
    if (q.from === period.from && q.to === period.to) return p;
  }
  return null;
}

/** "2026-03-01" → "01/03/2026" (as given when not a day). */
export function formatDay(day: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** What the filter bar holds ("" for "all"). */
export type ReportFilterState = {
  from: string;
  to: string;
  siteId: number | "";
  ownerId: number | "";
  source: string;
};

/** The filter bar → the backend's `ReportFilter` (empty values left out). */
export function toReportFilter(s: ReportFilterState): ReportFilter {
  const f: ReportFilter = {};
  if (s.from) f.from = s.from;
  if (s.to) f.to = s.to;
  if (s.siteId !== "") f.site_id = s.siteId;
  if (s.ownerId !== "") f.owner_id = s.ownerId;
  if (s.source) f.source = s.source;
  return f;
}

const percentFormatter = new Intl.NumberFormat("fr-FR", { maximumFractionDigits: 1 });
const NBSP = "\u00a0";

/** 94.5 → "94,5 %" (no-break spaces); "—" for a missing value. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return percentFormatter.format(value).replace(/[\u202f\u00a0 ]/g, NBSP) + NBSP + "%";
}

/** A decimal with at most one digit after the comma: 2.25 → "2,3". */
export function formatDecimal(value: number): string {
  return percentFormatter.format(value).replace(/[\u202f\u00a0 ]/g, NBSP);
}

/**
 * Working minutes → "45 min", "6 h", "6 h 11 min" (hours never roll over into days: working
 * days have no fixed length). "—" for a missing value.
 */
export function formatWorkingMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return "—";
  const total = Math.max(0, Math.round(minutes));
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (h === 0) return `${m}${NBSP}min`;
  if (m === 0) return `${h}${NBSP}h`;
  return `${h}${NBSP}h ${m}${NBSP}min`;
}

/**
 * The lead list filters behind a figure. Applied to the lead list as a whole: whatever is not
 * given is cleared.
 */
export type LeadDrill = {
  status?: LeadStatus;
  kind?: LeadKind;
  source?: string;
  ownerId?: number;
  siteId?: number;
  overdue?: boolean;
  unassigned?: boolean;
  createdFrom?: string;
  createdTo?: string;
};

/** The report's own site / vendeur / source filters, carried over to the lead list. */
function scope(f: ReportFilter): LeadDrill {
  const d: LeadDrill = {};
  if (f.site_id != null) d.siteId = f.site_id;
  if (f.owner_id != null) d.ownerId = f.owner_id;
  if (f.source) d.source = f.source;
  if (f.kind) d.kind = f.kind;
  return d;
}

/** The dimensions of the KPI tables that the lead list can filter on. */
export type KpiDimension = "source" | "owner" | "site" | "brand" | "kind";

const KINDS: readonly string[] = ["VN", "VO", "APV", "reprise", "RH"];

/**
 * The leads of a KPI row: received in the report's period, of that group. `key` is the
 * group's value as the backend gives it ("" for the total). Null when the list cannot express
 * the group (brand: the list has no make filter).
 */
export function kpiDrill(dimension: KpiDimension | "total", key: string, period: DayPeriod, filter: ReportFilter): LeadDrill | null {
  const d: LeadDrill = { ...scope(filter), createdFrom: period.from, createdTo: period.to };
  switch (dimension) {
    case "total":
      return d;
    case "source":
      return key ? { ...d, source: key } : null;
    case "owner": {
      const id = Number(key);
      return key !== "" && Number.isInteger(id) ? { ...d, ownerId: id } : null;
    }
    case "site": {
      const id = Number(key);
      return key !== "" && Number.isInteger(id) ? { ...d, siteId: id } : null;
    }
    case "kind":
      return KINDS.includes(key) ? { ...d, kind: key as LeadKind } : null;
    case "brand":
      return null;
  }
}

/** The one kind of a dashboard space, when it has only one (Commerce VO holds VO and reprises). */
const SPACE_KINDS: Record<string, LeadKind> = { "Commerce VN": "VN", "Après-vente": "APV", RH: "RH" };

/** The open leads of a space at a status (the dashboard's counters are current, not periodic). */
export function spaceDrill(space: string, status: LeadStatus, filter: ReportFilter): LeadDrill | null {
  const kind = SPACE_KINDS[space];
  return kind ? { ...scope(filter), kind, status } : null;
}

/** Open leads past their deadline, in the report's scope. */
export function lateDrill(filter: ReportFilter): LeadDrill {
  return { ...scope(filter), overdue: true };
}

/** Open leads without an owner, in the report's scope (an owner filter would empty it). */
export function unassignedDrill(filter: ReportFilter): LeadDrill {
  const d = scope(filter);
  delete d.ownerId;
  return { ...d, unassigned: true };
}

/** An export's progress as the shell reports it ({done, total} leads). */
export type ExportProgressState = { done: number; total: number };

/** The progress as a fraction in [0, 1], or null when unknown (no total yet: indeterminate bar). */
export function exportFraction(p: ExportProgressState | null): number | null {
  if (!p || !Number.isFinite(p.total) || p.total <= 0 || !Number.isFinite(p.done)) return null;
  return Math.min(1, Math.max(0, p.done / p.total));
}

/** "12 000 / 100 000 leads" (French thousands separators, no-break spaces); "" when unknown. */
export function formatExportProgress(p: ExportProgressState | null): string {
  if (!p || !Number.isFinite(p.total) || p.total <= 0 || !Number.isFinite(p.done)) return "";
  const done = Math.min(p.total, Math.max(0, Math.round(p.done)));
  const total = Math.round(p.total);
  return t.exportProgressText(formatInteger(done), formatInteger(total), total > 1);
}

/** Whether an export's failure is its cancellation (asked by the user; no file was written). */
export function isExportCancelled(e: { code: string; message: string }, cancelAsked: boolean): boolean {
  if (e.message === t.exportCancelled) return true;
  return cancelAsked && e.code === "refused";
}
