// Privacy (RGPD): the consent history's rows as shown, the personal data export as a file to
// download, the erasure's typed confirmation and report, and Réglages → Confidentialité
// (retention durations and the next run's preview). Pure functions.
import { bytesToBase64 } from "./base64";
import type { ConsentEvent, Contact, ContactExport, EraseReport, FileContent, RetentionReport, RetentionSettings } from "./bindings";
import { formatDateTime, formatDayValue } from "./format";
import { common, consents as c, personalData as pd, privacyTab as pt } from "./i18n";

/** One line of the consent history, as text. */
export type ConsentRowView = { at: string; channel: string; change: string; source: string; user: string };

export const consentChannelLabel = (channel: string): string => c.channels[channel] ?? channel;

/** "oui → non" */
export function consentChange(from: boolean, to: boolean): string {
  const word = (v: boolean) => (v ? c.yes : c.no);
  return c.change(word(from), word(to));
}

/** A consent event as its row shows it: Paris date and time, channel, change, source, user (« Système » without one). */
export function consentRow(e: ConsentEvent): ConsentRowView {
  return {
    at: formatDateTime(e.at),
    channel: consentChannelLabel(e.channel),
    change: consentChange(e.old, e.new),
    source: e.source.trim() || common.none,
    user: e.user?.trim() || common.system,
  };
}

/** What the erasure leaves in place of the name (the core's `ERASED_NAME`). */
export const ERASED_NAME = "Personne effacée";

/**
 * The contact was erased: the core leaves its name as « Personne effacée » with no first name
 * and no phone or e-mail (a live contact always has one or the other).
 */
export function isErasedContact(contact: Pick<Contact, "first_name" | "last_name" | "phone" | "email">): boolean {
  return contact.last_name === ERASED_NAME && contact.first_name === "" && !contact.phone && !contact.email;
}

/** The word the user types to confirm an erasure. */
export const ERASE_WORD = "EFFACER";

/** The erasure may go ahead: the word typed exactly (spaces around it ignored). */
export function eraseConfirmed(typed: string | null | undefined): boolean {
  return (typed ?? "").trim() === ERASE_WORD;
}

/** The erasure's counts, one phrase each (what was anonymised, then the orders kept). */
export function eraseReportLines(r: EraseReport): string[] {
  return [
    pd.reportLeads(r.leads),
    pd.reportEvents(r.events),
    pd.reportMailsReceived(r.mails_received),
    pd.reportMailsSent(r.mails_sent),
    pd.reportFiles(r.files),
    pd.reportOrders(r.orders_kept),
  ];
}

/** « Personne effacée. 2 leads anonymisés, … » on one line. */
export function eraseSummary(r: EraseReport): string {
  return `${pd.eraseDone} ${eraseReportLines(r).join(", ")}.`;
}

/** The export as a file for the webview's download: its JSON as UTF-8, in base64. */
export function exportFileContent(e: ContactExport): FileContent {
  return { file_name: e.file_name, mime: "application/json", base64: bytesToBase64(new TextEncoder().encode(e.json)) };
}

/** The backend's bounds for a retention duration, in years. */
export const RETENTION_MIN_YEARS = 1;
export const RETENTION_MAX_YEARS = 30;

export function isValidRetentionYears(years: number | null | undefined): years is number {
  return typeof years === "number" && Number.isInteger(years) && years >= RETENTION_MIN_YEARS && years <= RETENTION_MAX_YEARS;
}

/** The durations form → the command's input, or the errors next to the fields ("prospect_years", "customer_years"). */
export function retentionSettingsInput(
  prospectYears: number | null | undefined,
  customerYears: number | null | undefined,
): { ok: true; input: RetentionSettings } | { ok: false; fields: Record<string, string> } {
  const fields: Record<string, string> = {};
  if (!isValidRetentionYears(prospectYears)) fields.prospect_years = pt.yearsInvalid;
  if (!isValidRetentionYears(customerYears)) fields.customer_years = pt.yearsInvalid;
  if (!isValidRetentionYears(prospectYears) || !isValidRetentionYears(customerYears)) return { ok: false, fields };
  return { ok: true, input: { prospect_years: prospectYears, customer_years: customerYears } };
}

/** The one-line explanation of the daily run. */
export function retentionExplanation(s: RetentionSettings): string {
  return pt.explanation(s.prospect_years, s.customer_years);
}

/** One contact the next run anonymises, as its row shows it. */
export type DueRowView = { contactId: number; name: string; kind: string; lastActive: string };

/** The next run, as the tab shows it: how many, the contacts listed (at most 200), what is kept. */
export type RetentionPreview = {
  summary: string;
  examined: string;
  rows: DueRowView[];
  /** Said when the list shows fewer contacts than the run anonymises. */
  truncated: string | null;
  kept: string[];
};

export function retentionPreview(r: RetentionReport): RetentionPreview {
  return {
    summary: pt.nextRun(r.anonymised),
    examined: pt.examined(r.examined),
    rows: r.due.map((d) => ({
      contactId: d.contact_id,
      name: d.name.trim() || pt.unnamed,
      kind: d.customer ? pt.customer : pt.prospect,
      lastActive: formatDayValue(d.last_active) || common.none,
    })),
    truncated: r.due.length < r.anonymised ? pt.truncated(r.due.length) : null,
    kept: r.kept.filter((k) => k.count > 0).map((k) => pt.keptRow(capitalise(k.reason), k.count)),
  };
}

function capitalise(s: string): string {
  const t = s.trim();
  return t ? t[0].toLocaleUpperCase("fr-FR") + t.slice(1) : t;
}
