// Close reasons as Réglages → Motifs de clôture edits them: two ordered lists (won, lost). A
// reason used by closed leads, or required by a rule, keeps its label; a required one stays
// active; only unused ones are deleted. Pure functions; the backend checks again.
import type { CloseReason, CloseReasonsInput } from "./bindings";

export type ReasonStatus = "gagne" | "perdu";
export const REASON_LISTS: readonly ReasonStatus[] = ["gagne", "perdu"];

export type ReasonDraft = {
  /** Stable key of the row (also for new reasons). */
  key: number;
  /** Null for a reason added here. */
  code: string | null;
  status: ReasonStatus;
  label: string;
  active: boolean;
  in_use: number;
  required: boolean;
};

export type ReasonLists = Record<ReasonStatus, ReasonDraft[]>;

let nextKey = 1;

export function reasonLists(reasons: readonly CloseReason[]): ReasonLists {
  const out: ReasonLists = { gagne: [], perdu: [] };
  for (const r of reasons) {
    if (r.status !== "gagne" && r.status !== "perdu") continue;
    out[r.status].push({ key: nextKey++, code: r.code, status: r.status, label: r.label, active: r.active, in_use: r.in_use, required: r.required });
  }
  return out;
}

export function newReason(status: ReasonStatus, label = ""): ReasonDraft {
  return { key: nextKey++, code: null, status, label, active: true, in_use: 0, required: false };
}

/** Renaming and deleting: a new reason, or one neither used nor required. */
export const canEditLabel = (r: ReasonDraft): boolean => r.code === null || (r.in_use === 0 && !r.required);
export const canDelete = canEditLabel;
/** Retiring: any reason but a required one. */
export const canRetire = (r: ReasonDraft): boolean => !r.required;

/** The message of each row at fault (by key): an empty label, or a label twice in one list. */
export function checkReasons(lists: ReasonLists, m: { required: string; duplicate: string }): Record<number, string> {
  const errors: Record<number, string> = {};
  for (const status of REASON_LISTS) {
    const seen = new Set<string>();
    for (const r of lists[status]) {
      const label = r.label.trim().toLocaleLowerCase("fr");
      if (!label) errors[r.key] = m.required;
      else if (seen.has(label)) errors[r.key] = m.duplicate;
      seen.add(label);
    }
  }
  return errors;
}

/** Every reason, each list in display order (a reason left out is deleted by the backend). */
export function reasonsInput(lists: ReasonLists): CloseReasonsInput {
  return {
    reasons: REASON_LISTS.flatMap((status) =>
      lists[status].map((r) => ({ code: r.code, status, label: r.label.trim(), active: r.required ? true : r.active })),
    ),
  };
}
