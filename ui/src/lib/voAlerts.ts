// VO alerts of a lead: the form's draft, its checks, and an alert's criteria in one French line.
// Pure functions.
import type { Lead, VoAlert, VoAlertInput } from "./bindings";
import { parseInteger } from "./deals";
import { formatCents, formatKm } from "./format";
import { voAlerts as t } from "./i18n";
import { centsToInput, optionalCents } from "./offer";

export type VoAlertDraft = {
  make: string;
  model: string;
  energy: string;
  /** Euros, as typed. */
  maxPrice: string;
  maxKm: string;
  minYear: string;
  active: boolean;
};

/** A new alert: the make and model of the lead's vehicle of interest, when it names them. */
export function newAlertDraft(lead: Pick<Lead, "vehicle"> | null): VoAlertDraft {
  return {
    make: lead?.vehicle?.make ?? "",
    model: lead?.vehicle?.model ?? "",
    energy: "",
    maxPrice: "",
    maxKm: "",
    minYear: "",
    active: true,
  };
}

const num = (v: number | null) => (v === null ? "" : String(v));

export function alertToDraft(a: VoAlert): VoAlertDraft {
  return {
    make: a.make ?? "",
    model: a.model ?? "",
    energy: a.energy ?? "",
    maxPrice: centsToInput(a.max_price_cents),
    maxKm: num(a.max_km),
    minYear: num(a.min_year),
    active: a.active,
  };
}

const optional = (v: string) => {
  const s = v.trim();
  return s === "" ? null : s;
};

/** The draft → the backend's input, and the errors the form can tell at once (keyed as the backend names the fields). */
export function draftToAlertInput(d: VoAlertDraft, leadId: number, id: number | null): { input: VoAlertInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const price = optionalCents(d.maxPrice);
  if (price === "invalid" || (typeof price === "number" && price <= 0)) errors.max_price_cents = t.invalidPrice;
  const km = parseInteger(d.maxKm);
  if (km === "invalid") errors.max_km = t.invalidKm;
  const year = d.minYear.trim();
  if (year !== "" && !/^\d{4}$/.test(year)) errors.min_year = t.invalidYear;
  return {
    input: {
      id,
      lead_id: leadId,
      make: optional(d.make),
      model: optional(d.model),
      energy: optional(d.energy),
      max_price_cents: typeof price === "number" ? price : null,
      max_km: km === "invalid" ? null : km,
      min_year: /^\d{4}$/.test(year) ? Number(year) : null,
      active: d.active,
    },
    errors,
  };
}

/** "Peugeot 3008 · Diesel · 25 000,00 € max · 80 000 km max · 2019 et après" ("Tout VO" without criteria). */
export function alertSummary(a: Pick<VoAlert, "make" | "model" | "energy" | "max_price_cents" | "max_km" | "min_year">): string {
  const parts: string[] = [];
  const vehicle = [a.make, a.model].filter(Boolean).join(" ");
  parts.push(vehicle || t.anyVo);
  if (a.energy) parts.push(a.energy);
  if (a.max_price_cents !== null) parts.push(t.maxPrice(formatCents(a.max_price_cents)));
  if (a.max_km !== null) parts.push(t.maxKm(formatKm(a.max_km)));
  if (a.min_year !== null) parts.push(t.minYear(a.min_year));
  return parts.join(" · ");
}
