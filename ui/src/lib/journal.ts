// The journal's "what changed" column: the keys whose value differs between `data.old` and
// `data.new`, each as short text. Pure functions; the values are shown as text (never HTML).
import type { JsonValue } from "./bindings";

export type Change = { key: string | null; old: string; new: string };
export type ChangeSummary = { kind: "changes"; changes: Change[]; more: number } | { kind: "created" | "removed" } | null;

/** Longest value shown; longer ones end with "…". */
const MAX_TEXT = 60;

const isObject = (v: JsonValue | undefined): v is { [key: string]: JsonValue } => typeof v === "object" && v !== null && !Array.isArray(v);

/** How empty values and booleans read. */
export type ValueWords = { empty: string; yes: string; no: string };

/** A value as short text; `empty` for null, missing or "". */
export function valueText(v: JsonValue | undefined, words: ValueWords): string {
  if (v === null || v === undefined || v === "") return words.empty;
  if (typeof v === "boolean") return v ? words.yes : words.no;
  const text = typeof v === "string" ? v : JSON.stringify(v);
  return text.length > MAX_TEXT ? text.slice(0, MAX_TEXT - 1) + "…" : text;
}

/**
 * The changes recorded in an entry's data ({old, new}): at most `limit` changed keys (and how
 * many more), "created" or "removed" when one side is missing, null without data.
 */
export function summarizeChange(data: JsonValue | null, words: ValueWords, limit = 4): ChangeSummary {
  if (!isObject(data) || (!("old" in data) && !("new" in data))) return null;
  const before = data.old ?? null;
  const after = data.new ?? null;
  if (before === null && after === null) return null;
  if (before === null) return { kind: "created" };
  if (after === null) return { kind: "removed" };
  if (!isObject(before) || !isObject(after)) {
    return JSON.stringify(before) === JSON.stringify(after) ? null : { kind: "changes", changes: [{ key: null, old: valueText(before, words), new: valueText(after, words) }], more: 0 };
  }
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const changed = keys.filter((k) => JSON.stringify(before[k] ?? null) !== JSON.stringify(after[k] ?? null));
  return {
    kind: "changes",
    changes: changed.slice(0, limit).map((k) => ({ key: k, old: valueText(before[k], words), new: valueText(after[k], words) })),
    more: Math.max(0, changed.length - limit),
  };
}
