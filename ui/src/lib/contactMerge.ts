// Probable duplicates and the merge of two contact files: both files side by side as the merge
// dialog shows them, which one is kept by default, the command's input and its report in French.
// Pure functions.
import type { ContactMergeInput, ContactMergeReport, CustomerFile, DuplicateCandidate } from "./bindings";
import { contactMerge as t, duplicates as d } from "./i18n";

/** One of the two files of a merge, as the dialog compares them. */
export type MergeSide = {
  id: number;
  name: string;
  phone: string | null;
  email: string | null;
  city: string | null;
  customerCode: string | null;
  leads: number;
};

/** The file open (its mobile, else its landline). */
export function fileSide(f: CustomerFile): MergeSide {
  const name = [f.first_name, f.last_name].filter(Boolean).join(" ") || f.company || "";
  return { id: f.contact_id, name, phone: f.phone ?? f.landline, email: f.email, city: f.city, customerCode: f.customer_code, leads: f.leads.length };
}

/** A probable duplicate of it. */
export function candidateSide(c: DuplicateCandidate): MergeSide {
  return { id: c.contact_id, name: c.name, phone: c.phone, email: c.email, city: c.city, customerCode: c.customer_code, leads: c.leads };
}

/**
 * The file kept unless the user chooses otherwise: the one open, or the other one when only the
 * other one has a DMS customer number (the core refuses to absorb a DMS customer's file).
 */
export function defaultKeepId(current: MergeSide, other: MergeSide): number {
  return !current.customerCode && other.customerCode ? other.id : current.id;
}

/** `contacts_merge`'s input: the file kept, the other one absorbed into it, confirmed. */
export function mergeInput(keepId: number, current: MergeSide, other: MergeSide): ContactMergeInput {
  const keepOther = keepId === other.id;
  return { keep_id: keepOther ? other.id : current.id, merge_id: keepOther ? current.id : other.id, confirm: true };
}

/** « en commun : téléphone, nom »; "" without a reason. */
export function commonReasons(reasons: string[]): string {
  const words = reasons.map((r) => r.trim()).filter(Boolean);
  return words.length ? d.common(words.join(", ")) : "";
}

/** The merge's counts, one phrase each, then the consents kept. */
export function mergeReportLines(r: ContactMergeReport): string[] {
  const word = (v: boolean) => (v ? t.yes : t.no);
  return [
    t.reportLeads(r.leads),
    t.reportHistory(r.history),
    t.reportAlerts(r.alerts),
    t.reportConsents(r.consent_events),
    t.consentsAfter(word(r.consent_email), word(r.consent_sms)),
  ];
}
