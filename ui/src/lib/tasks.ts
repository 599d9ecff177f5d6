// Task helpers shared by the lead page, the to-do list and the agenda. Pure functions.
import type { TaskKind } from "./bindings";
import { toParisInputValue } from "./format";

const HALF_HOUR = 30 * 60_000;

/** The backend's default duration of a kind (appointments take an hour). */
export function defaultDuration(kind: TaskKind): number {
  return kind === "rdv" || kind === "essai" ? 60 : 15;
}

/** A sensible first due time for a new task: one hour from now, rounded up to the half hour (Paris input value). */
export function defaultDueInput(now: number): string {
  const rounded = Math.ceil((now + 2 * HALF_HOUR) / HALF_HOUR) * HALF_HOUR;
  return toParisInputValue(new Date(rounded).toISOString());
}

/** A task is overdue when it is not done and its due time has passed. */
export function isOverdue(task: { due_at: string; done_at: string | null }, now: number): boolean {
  return task.done_at === null && Date.parse(task.due_at) < now;
}
