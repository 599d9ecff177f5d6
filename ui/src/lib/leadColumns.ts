// The lead list's columns: which exist, which show by default (so that the table fits a
// 1366 px wide window, the sidebar included, without a horizontal scroll), the user's choice
// (kept in localStorage) and the "next action" cell. Pure: storage and time are passed in.
import type { NextAction, TaskKind } from "./bindings";
import { formatShortDateTime } from "./format";
import { list, taskKindLabels } from "./i18n";

export const LEAD_COLUMN_IDS = [
  "code",
  "status",
  "interest",
  "name",
  "phone",
  "kind",
  "source",
  "vehicle",
  "owner",
  "site",
  "created",
  "deadline",
  "activity",
  "next",
] as const;
export type LeadColumnId = (typeof LEAD_COLUMN_IDS)[number];

export type LeadColumn = {
  id: LeadColumnId;
  label: string;
  /** Shown until the user chooses otherwise. */
  byDefault: boolean;
  /** Always shown (the menu cannot hide it). */
  required?: boolean;
  /** Width in px (padding included) in the fixed table layout; none: takes what is left. */
  width?: number;
};

const C = list.columns;

/**
 * In display order. The default columns' fixed widths add up to 1 000 px, which leaves the
 * contact's name about 150 px at 1366 px (168 px sidebar, 32 px padding, a vertical scrollbar).
 * Phone, source, vehicle and site are one click away in the "Colonnes" menu.
 */
export const LEAD_COLUMNS: readonly LeadColumn[] = [
  { id: "code", label: C.code, byDefault: true, width: 120 },
  { id: "status", label: C.status, byDefault: true, width: 92 },
  { id: "interest", label: C.interest, byDefault: true, width: 84 },
  { id: "name", label: C.name, byDefault: true, required: true },
  { id: "phone", label: C.phone, byDefault: false, width: 124 },
  { id: "kind", label: C.kind, byDefault: true, width: 64 },
  { id: "source", label: C.source, byDefault: false, width: 110 },
  { id: "vehicle", label: C.vehicle, byDefault: false, width: 170 },
  { id: "owner", label: C.owner, byDefault: true, width: 106 },
  { id: "site", label: C.site, byDefault: false, width: 110 },
  { id: "created", label: C.created, byDefault: true, width: 96 },
  { id: "deadline", label: C.deadline, byDefault: true, width: 170 },
  { id: "activity", label: C.activity, byDefault: true, width: 96 },
  { id: "next", label: C.next, byDefault: true, width: 172 },
];

export const LEAD_COLUMNS_KEY = "carnet.leadColumns";

/** The user's choice: shown or hidden, per column; columns not in it follow their default. */
export type ColumnChoice = Partial<Record<LeadColumnId, boolean>>;

const isColumnId = (x: string): x is LeadColumnId => (LEAD_COLUMN_IDS as readonly string[]).includes(x);

/** The stored choice (JSON {id: boolean}); anything unreadable or unknown is ignored. */
export function parseColumnChoice(raw: string | null | undefined): ColumnChoice {
  if (!raw) return {};
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const choice: ColumnChoice = {};
  for (const [k, v] of Object.entries(value)) {
    if (isColumnId(k) && typeof v === "boolean") choice[k] = v;
  }
  return choice;
}

export function serializeColumnChoice(choice: ColumnChoice): string {
  return JSON.stringify(choice);
}

/** The columns shown, in display order. */
export function visibleColumns(choice: ColumnChoice): LeadColumn[] {
  return LEAD_COLUMNS.filter((c) => c.required || (choice[c.id] ?? c.byDefault));
}

export function isVisible(choice: ColumnChoice, id: LeadColumnId): boolean {
  const c = LEAD_COLUMNS.find((x) => x.id === id);
  return !!c && (!!c.required || (choice[id] ?? c.byDefault));
}

/**
 * Shows or hides a column (required columns stay). Only choices that differ from the default are
 * kept, so that a later change of the defaults reaches users who never touched that column.
 */
export function setColumn(choice: ColumnChoice, id: LeadColumnId, shown: boolean): ColumnChoice {
  const c = LEAD_COLUMNS.find((x) => x.id === id);
  if (!c || c.required) return choice;
  const next: ColumnChoice = { ...choice };
  if (shown === c.byDefault) delete next[id];
  else next[id] = shown;
  return next;
}

/** Total width (px) of the fixed-width columns shown: what the name column leaves to the others. */
export function fixedWidth(columns: readonly LeadColumn[]): number {
  return columns.reduce((sum, c) => sum + (c.width ?? 0), 0);
}

/** The least width (px) the name column gets: with many columns the table grows past the window instead. */
export const NAME_MIN_WIDTH = 130;

/** The table's minimum width (px): the fixed columns shown plus the name's minimum. */
export function tableMinWidth(columns: readonly LeadColumn[]): number {
  return fixedWidth(columns) + NAME_MIN_WIDTH;
}

/** Reads the choice from a storage (localStorage); {} when there is none or it is unavailable. */
export function loadColumnChoice(storage: Pick<Storage, "getItem"> | null): ColumnChoice {
  try {
    return parseColumnChoice(storage?.getItem(LEAD_COLUMNS_KEY));
  } catch {
    return {};
  }
}

export function saveColumnChoice(storage: Pick<Storage, "setItem" | "removeItem"> | null, choice: ColumnChoice) {
  try {
    if (Object.keys(choice).length === 0) storage?.removeItem(LEAD_COLUMNS_KEY);
    else storage?.setItem(LEAD_COLUMNS_KEY, serializeColumnChoice(choice));
  } catch {
    // Private mode or full storage: the choice lasts until the window closes.
  }
}

export type NextActionCell = { text: string; title: string; late: boolean };

/**
 * "RDV 12/03 14:30" (title: "Rendez-vous 12/03 14:30"), late once its time has passed; null
 * when there is no next action.
 */
export function nextActionCell(next: NextAction | null | undefined, now: number): NextActionCell | null {
  if (!next) return null;
  const due = Date.parse(next.due_at);
  const kind = next.kind as TaskKind;
  const short = list.nextActionKinds[kind] ?? next.kind;
  const long = taskKindLabels[kind] ?? next.kind;
  const when = formatShortDateTime(next.due_at, now);
  const join = (label: string) => (when ? `${label} ${when}` : label);
  return { text: join(short), title: join(long), late: !Number.isNaN(due) && due < now };
}
