// Phone campaigns (Campagnes): the outcomes of a call, a campaign's figures as the list and the
// detail word them, a targeting preview, and a new campaign's input built from its form (dates
// checked before the core sees them). Pure functions.
import type { Campaign, CampaignCall, CampaignInput, CampaignOutcome, CampaignPreview, CampaignTarget, LeadKind } from "./bindings";
import { formatDayValue, formatInteger } from "./format";
import { campaignCalls, campaignList as t, campaignOutcomeLabels, campaignTarget as tt, newCampaign as tn } from "./i18n";
import { formatPercent } from "./reports";

export type { CampaignOutcome };
export const CAMPAIGN_OUTCOMES: readonly CampaignOutcome[] = ["interesse", "pas_interesse", "injoignable", "rappeler", "ne_plus_appeler"];

/** A campaign's call as the core sends it. */
export type CampaignCallRow = CampaignCall;

/** Still to make: not called yet, unreachable so far, or to call back (as the core counts them). */
export const isToCall = (c: Pick<CampaignCallRow, "outcome">) =>
  c.outcome === null || c.outcome === "rappeler" || c.outcome === "injoignable";

/** A call's outcome as shown; « À appeler » before the call. */
export function outcomeLabel(outcome: CampaignOutcome | null): string {
  return outcome === null ? campaignCalls.pending : campaignOutcomeLabels[outcome];
}

/**
 * A campaign's figures as shown. The core counts the calls whose number went on Bloctel among
 * those to make: here they are apart, so that « à appeler » holds only calls that will be made,
 * and the progress is the calls done (an outcome other than « à rappeler » or « injoignable ») on
 * those to make.
 */
export type CampaignFigures = {
  /** Calls to make in all (blocked ones left out). */
  total: number;
  done: number;
  toCall: number;
  blocked: number;
  interested: number;
  leads: number;
  notInterested: number;
  unreachable: number;
  doNotCall: number;
  /** Leads created per call done, in percent; null before any call. */
  conversion: number | null;
};

export function campaignFigures(c: Campaign): CampaignFigures {
  const blocked = Math.min(c.blocked, c.to_call);
  const done = Math.max(0, c.calls - c.to_call);
  return {
    total: c.calls - blocked,
    done,
    toCall: c.to_call - blocked,
    blocked,
    interested: c.interested,
    leads: c.leads,
    notInterested: c.not_interested,
    unreachable: c.unreachable,
    doNotCall: c.do_not_call,
    conversion: done > 0 ? (100 * c.leads) / done : null,
  };
}

/** « 12 / 95 ». */
export const progressText = (f: CampaignFigures) => t.progress(formatInteger(f.done), formatInteger(f.total));

/** « 25 % », or « — » before any call. */
export const conversionText = (f: CampaignFigures) => formatPercent(f.conversion === null ? null : Math.round(f.conversion * 10) / 10);

/** « 12 appels traités sur 95 · 8 à appeler · 3 intéressés · 3 leads créés · … · transformation 25 % ». */
export function figuresLine(f: CampaignFigures): string {
  const n = formatInteger;
  const parts = [
    t.progressLine(f.done, n(f.done), n(f.total)),
    t.toCall(n(f.toCall)),
    t.interested(f.interested, n(f.interested)),
    t.leads(f.leads, n(f.leads)),
    t.notInterested(f.notInterested, n(f.notInterested)),
    t.unreachable(f.unreachable, n(f.unreachable)),
    t.doNotCall(n(f.doNotCall)),
    t.blocked(f.blocked, n(f.blocked)),
  ];
  if (f.conversion !== null) parts.push(t.conversion(conversionText(f)));
  return parts.join(" · ");
}

/** A campaign's criteria: « clients du DMS uniquement · achat d'un véhicule entre le … », or « tous les contacts ». */
export function targetLine(target: CampaignTarget): string {
  const parts: string[] = [];
  if (target.customers_only) parts.push(tt.customersOnly);
  const from = formatDayValue(target.bought_from);
  const to = formatDayValue(target.bought_to);
  if (from && to) parts.push(tt.boughtBetween(from, to));
  else if (from) parts.push(tt.boughtSince(from));
  else if (to) parts.push(tt.boughtUntil(to));
  const since = formatDayValue(target.no_visit_since);
  if (since) parts.push(tt.noVisitSince(since));
  if (target.postal_prefix) parts.push(tt.postalPrefix(target.postal_prefix));
  return parts.length ? parts.join(" · ") : tt.all;
}

/** « 128 contacts correspondent, 97 à appeler ». */
export const previewSummary = (p: CampaignPreview) => tn.summary(p.matching, formatInteger(p.matching), formatInteger(p.targets));

/** « inscrit sur Bloctel : 12 », one line a reason, as the core words it. */
export const exclusionLines = (p: CampaignPreview) => p.excluded.filter((e) => e.count > 0).map((e) => tn.excluded(e.reason, formatInteger(e.count)));

/** The new campaign's form, as typed. Dates: « 2026-03-01 » (a date field) or « 01/03/2026 ». */
export type CampaignDraft = {
  name: string;
  kind: LeadKind;
  customersOnly: boolean;
  boughtFrom: string;
  boughtTo: string;
  noVisitSince: string;
  postalPrefix: string;
  assignees: number[];
};

export const emptyDraft = (): CampaignDraft => ({ name: "", kind: "VN", customersOnly: false, boughtFrom: "", boughtTo: "", noVisitSince: "", postalPrefix: "", assignees: [] });

/** The form's fields under the names the core reports them. */
export const CAMPAIGN_FIELDS = ["name", "kind", "bought_from", "bought_to", "no_visit_since", "postal_prefix", "assignees"] as const;

const pad = (n: number) => String(n).padStart(2, "0");

/** A typed day → « YYYY-MM-DD »; null when empty; undefined when not a real day. */
export function dayValue(text: string): string | null | undefined {
  const v = text.trim();
  if (v === "") return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v) ?? /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(v);
  if (!m) return undefined;
  const [y, mo, d] = v.includes("/") ? [Number(m[3]), Number(m[2]), Number(m[1])] : [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

export type DraftCheck = { input: CampaignInput | null; errors: Record<string, string> };

/**
 * The command's input, or the errors to show by field. The name is needed to create, not to
 * preview. The core checks everything again (and words its own refusals).
 */
export function campaignInput(d: CampaignDraft, forCreate: boolean): DraftCheck {
  const errors: Record<string, string> = {};
  const day = (field: string, text: string) => {
    const v = dayValue(text);
    if (v === undefined) errors[field] = tn.invalidDate;
    return v ?? null;
  };
  const target: CampaignTarget = {
    customers_only: d.customersOnly,
    bought_from: day("bought_from", d.boughtFrom),
    bought_to: day("bought_to", d.boughtTo),
    no_visit_since: day("no_visit_since", d.noVisitSince),
    postal_prefix: d.postalPrefix.trim().toUpperCase() || null,
  };
  if (target.bought_from && target.bought_to && target.bought_to < target.bought_from) errors.bought_to = tn.dateOrder;
  if (target.postal_prefix && !/^[0-9A-Z]{1,5}$/.test(target.postal_prefix)) errors.postal_prefix = tn.postalInvalid;
  const name = d.name.trim();
  if (forCreate && name === "") errors.name = tn.nameRequired;
  if (Object.keys(errors).length > 0) return { input: null, errors };
  return { input: { name, kind: d.kind, target, assignees: [...d.assignees] }, errors };
}

/** What a preview depends on: a change of it makes the preview shown out of date. */
export const targetKey = (target: CampaignTarget) => JSON.stringify(target);
