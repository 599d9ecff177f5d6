// Réglages → E-mails: the outbox list (managers) as the screen shows it — the filter and its
// query, each state's label and badge colour, and which date a row shows. Pure functions.
import type { OutboxItem, OutboxQuery } from "./bindings";
import { formatDateTime } from "./format";
import { outboxStateLabels } from "./i18n";

/** The backend lists at most this many mails, newest first. */
export const OUTBOX_LIMIT = 200;

export const OUTBOX_STATES = ["pending", "sent", "failed"] as const;
/** pending: waits for its (next) attempt; sent; failed: given up after its attempts. */
export type OutboxState = (typeof OUTBOX_STATES)[number];

/** The screen's filter: every mail, or those in one state. */
export const OUTBOX_FILTERS = ["all", ...OUTBOX_STATES] as const;
export type OutboxFilter = (typeof OUTBOX_FILTERS)[number];

/** Badge colours: the lead statuses' palette (amber, green) and the danger colour. */
export type OutboxTone = "pending" | "sent" | "failed" | "unknown";

export function isOutboxState(state: string): state is OutboxState {
  return (OUTBOX_STATES as readonly string[]).includes(state);
}

/** The value of the filter's <select> → the filter ("all" for anything unknown). */
export function outboxFilterFrom(value: string): OutboxFilter {
  return (OUTBOX_FILTERS as readonly string[]).includes(value) ? (value as OutboxFilter) : "all";
}

/** The filter → the `outbox_list` argument. */
export function outboxQuery(filter: OutboxFilter): OutboxQuery {
  return { state: filter === "all" ? null : filter };
}

/** "En attente", "Envoyé", "Échec définitif"; a state this screen does not know is shown as is. */
export function outboxStateLabel(state: string): string {
  return isOutboxState(state) ? outboxStateLabels[state] : state;
}

export function outboxTone(state: string): OutboxTone {
  return isOutboxState(state) ? state : "unknown";
}

/**
 * The date a row shows besides its creation: the next attempt of a pending mail, the sending
 * time of a sent one, none for a failed one (it will not be tried again).
 */
export type OutboxDateColumn = "next_attempt" | "sent" | null;

export function outboxDateColumn(state: string): OutboxDateColumn {
  return state === "pending" ? "next_attempt" : state === "sent" ? "sent" : null;
}

/** A row of the table, every text ready to print (dates in Paris time, "" when not shown). */
export type OutboxRow = {
  id: number;
  state: string;
  tone: OutboxTone;
  label: string;
  created: string;
  nextAttempt: string;
  sentAt: string;
  /** The last error of a pending or failed mail (a sent one may keep that of an earlier attempt). */
  error: string | null;
  toAddr: string;
  subject: string;
  attempts: number;
  leadCode: string | null;
};

export function outboxRow(item: OutboxItem): OutboxRow {
  const column = outboxDateColumn(item.state);
  const error = item.state === "pending" || item.state === "failed" ? (item.last_error?.trim() ?? "") : "";
  const leadCode = item.lead_code?.trim() ?? "";
  return {
    id: item.id,
    state: item.state,
    tone: outboxTone(item.state),
    label: outboxStateLabel(item.state),
    created: formatDateTime(item.created_at),
    nextAttempt: column === "next_attempt" ? formatDateTime(item.next_attempt_at) : "",
    sentAt: column === "sent" ? formatDateTime(item.sent_at) : "",
    error: error === "" ? null : error,
    toAddr: item.to_addr,
    subject: item.subject,
    attempts: item.attempts,
    leadCode: leadCode === "" ? null : leadCode,
  };
}

/** The list reached the backend's limit: older mails exist but are not shown. */
export function isOutboxCapped(count: number): boolean {
  return count >= OUTBOX_LIMIT;
}
