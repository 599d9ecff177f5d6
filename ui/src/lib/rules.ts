// Assignment and first-contact rules (Réglages → Règles): reordering, the "assign to" choice as
// one select value, the checks before saving and where a backend error is shown. Pure functions.
import type { AssignmentRule, RoutingRules, SlaMode, SlaRule } from "./bindings";

/** A first-contact rule as edited: the hours input may be empty. */
export type SlaDraft = Omit<SlaRule, "hours"> & { hours: number | null };
export type RulesDraft = { assignment: AssignmentRule[]; sla: SlaDraft[] };
export type RuleList = keyof RulesDraft;

/** Working hours allowed for one rule (the backend checks again). */
export const SLA_HOURS = { min: 1, max: 2000 };
/** The hours kept when the mode does not use them. */
export const DEFAULT_SLA_HOURS = 24;

export const newAssignmentRule = (): AssignmentRule => ({ kind: null, source: null, site_id: null, user_id: null, to_site_id: null, to_stock_manager: false, active: true });
export const newSlaRule = (): SlaDraft => ({ source: null, kind: null, site_id: null, mode: "working_hours", hours: DEFAULT_SLA_HOURS });

/** A copy of `items` with the item at `index` moved by `delta` places; unchanged when it cannot move. */
export function moveItem<T>(items: readonly T[], index: number, delta: number): T[] {
  const to = index + delta;
  const out = [...items];
  if (index < 0 || index >= items.length || to < 0 || to >= items.length) return out;
  const [item] = out.splice(index, 1);
  out.splice(to, 0, item);
  return out;
}

/** A copy of `items` without the item at `index`. */
export function removeItem<T>(items: readonly T[], index: number): T[] {
  return items.filter((_, i) => i !== index);
}

/** Who receives the lead, as the rule names it. */
export type RuleTarget = Pick<AssignmentRule, "user_id" | "to_site_id"> & { to_stock_manager: boolean };

/**
 * "Assign to" as one select value: "user:3", "site:2" (round robin of that site),
 * "stock_manager" (the manager of the stock vehicle the lead names) or "lead" (the lead's site).
 */
export function targetKey(r: Pick<AssignmentRule, "user_id" | "to_site_id" | "to_stock_manager">): string {
  if (r.to_stock_manager) return "stock_manager";
  if (r.user_id !== null) return `user:${r.user_id}`;
  if (r.to_site_id !== null) return `site:${r.to_site_id}`;
  return "lead";
}

export function parseTargetKey(key: string): RuleTarget {
  if (key === "stock_manager") return { user_id: null, to_site_id: null, to_stock_manager: true };
  const m = /^(user|site):(\d+)$/.exec(key);
  if (!m) return { user_id: null, to_site_id: null, to_stock_manager: false };
  const id = Number(m[2]);
  return m[1] === "user" ? { user_id: id, to_site_id: null, to_stock_manager: false } : { user_id: null, to_site_id: id, to_stock_manager: false };
}

const validHours = (h: number | null): h is number => typeof h === "number" && Number.isInteger(h) && h >= SLA_HOURS.min && h <= SLA_HOURS.max;

/**
 * Checks the lists before saving: the rules to send, or the index of each first-contact rule
 * whose hours are invalid. Hours unused by the mode are sent as the default.
 */
export function checkRules(d: RulesDraft): { ok: true; rules: RoutingRules } | { ok: false; badHours: number[] } {
  const badHours = d.sla.flatMap((r, i) => (r.mode === "working_hours" && !validHours(r.hours) ? [i] : []));
  if (badHours.length > 0) return { ok: false, badHours };
  return {
    ok: true,
    rules: {
      assignment: d.assignment.map((r) => ({ ...r })),
      sla: d.sla.map((r) => ({ ...r, hours: validHours(r.hours) ? r.hours : DEFAULT_SLA_HOURS })),
    },
  };
}

/** The list next to which a backend error on `field` is shown, or null (top of the panel). */
export function errorList(field: string | null): RuleList | null {
  if (field === "user_id" || field === "to_site_id" || field === "to_stock_manager") return "assignment";
  if (field === "hours") return "sla";
  return null;
}

/** `values` plus `current` when it is missing (a saved value no longer offered), for selects. */
export function withCurrent<T>(values: readonly T[], current: T | null): T[] {
  return current === null || values.includes(current) ? [...values] : [...values, current];
}

export const SLA_MODES: readonly SlaMode[] = ["working_hours", "next_working_day"];
