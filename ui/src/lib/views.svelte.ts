// How the to-do list and the agenda were last shown, kept outside the components so that they
// survive opening a lead and coming back.
import type { Role, TodoSort } from "./bindings";
import type { DayKey } from "./agenda";

export type TodoScope = "me" | "all";
export type AgendaMode = "day" | "week";

class TodoView {
  sort = $state<TodoSort>("date");
  /** Chosen by the user; null: by role (see `defaultTodoScope`). */
  scope = $state<TodoScope | null>(null);
}

/** Sellers see their own to-do; managers and the call centre (who dispatch) see everybody's. */
export function defaultTodoScope(role: Role | null | undefined): TodoScope {
  return role === "vendeur" ? "me" : "all";
}

class AgendaView {
  mode = $state<AgendaMode>("day");
  /** The day shown (any day of the week shown); null: today. */
  day = $state<DayKey | null>(null);
  /** The user whose agenda is shown; null: the current user. */
  userId = $state<number | null>(null);
  shared = $state(false);
}

export const todoView = new TodoView();
export const agendaView = new AgendaView();
