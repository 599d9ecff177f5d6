// Pure helpers of the Réception screen: inbound states, batch summaries, dates.
import type { InboundItem, IngestSummary } from "./bindings";
import { inboundStates, reception } from "./i18n";

/** The states the quarantine table can show, in menu order (backend strings). */
export const INBOUND_STATES = ["quarantined", "received", "lead", "merged", "converted", "discarded"] as const;
export type InboundState = (typeof INBOUND_STATES)[number];

export const DEFAULT_INBOUND_STATE: InboundState = "quarantined";
export const INBOUND_PAGE_SIZE = 50;

/** Plural label of a state, for the filter ("Leads créés"); unknown states are shown as given. */
export function inboundFilterLabel(state: string): string {
  return inboundStates.filter[state] ?? state;
}

/** Label of one message's state ("Lead créé"); unknown states are shown as given. */
export function inboundStateLabel(state: string): string {
  return inboundStates.one[state] ?? state;
}

export function isInboundState(value: string): value is InboundState {
  return (INBOUND_STATES as readonly string[]).includes(value);
}

/** When the message was sent (its Date header) or, failing that, received. */
export function inboundDate(item: Pick<InboundItem, "mail_date" | "received_at">): string {
  return item.mail_date ?? item.received_at;
}

/** "3 messages : 2 leads créés, 1 en quarantaine." — only the non-zero outcomes. */
export function summaryText(s: IngestSummary): string {
  const t = reception.summary;
  if (s.files === 0) return t.none;
  const parts: string[] = [];
  if (s.leads_created) parts.push(t.leads(s.leads_created));
  if (s.merged) parts.push(t.merged(s.merged));
  if (s.duplicates) parts.push(t.duplicates(s.duplicates));
  if (s.quarantined) parts.push(t.quarantined(s.quarantined));
  if (s.errors) parts.push(t.errors(s.errors));
  return t.join(t.messages(s.files), parts);
}
