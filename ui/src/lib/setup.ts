// The set-up wizard's data and how the backend's errors are placed. The backend names each
// field with its part ("garage.siret", "site.hours", "admin.password"), both for `setup_check`
// (one step checked, nothing written) and for the final `setup`: the part is the wizard's step.
import { ApiFailure, errorMessage } from "./api";
import type { Closure, GarageIdentity, SetupCheck, SetupInput, SiteDetail, SiteInput, UserInput } from "./bindings";
import { optional } from "./forms";
import { GARAGE_FIELDS } from "./garage";
import { badClosures, checkWeek, defaultWeek, hoursToWeek, weekToHours, type DayDraft, type HoursMessages } from "./hours";

export const SETUP_STEPS = ["garage", "site", "admin"] as const;
export type SetupStep = (typeof SETUP_STEPS)[number];

/** The wizard's steps: without the site when the database already has sites (an older Carnet). */
export function setupSteps(hasSites: boolean): readonly SetupStep[] {
  return hasSites ? SETUP_STEPS.filter((s) => s !== "site") : SETUP_STEPS;
}

export type SiteDraft = {
  name: string;
  address: string;
  postal_code: string;
  city: string;
  departement: string;
  phone: string;
  email: string;
  week: DayDraft[];
  closures: Closure[];
};

export type AdminDraft = { name: string; email: string; phone: string; password: string; password2: string };

export const SITE_FIELDS = ["name", "address", "postal_code", "city", "departement", "phone", "email", "hours", "closures"] as const;
export const ADMIN_FIELDS = ["name", "email", "phone", "password", "password2"] as const;

export function emptySiteDraft(): SiteDraft {
  return { name: "", address: "", postal_code: "", city: "", departement: "", phone: "", email: "", week: defaultWeek(), closures: [] };
}

export function siteDraftOf(s: SiteDetail): SiteDraft {
  return {
    name: s.name,
    address: s.address ?? "",
    postal_code: s.postal_code ?? "",
    city: s.city,
    departement: s.departement ?? "",
    phone: s.phone ?? "",
    email: s.email ?? "",
    week: hoursToWeek(s.hours),
    closures: s.closures.map((c) => ({ ...c })),
  };
}

export function siteInput(d: SiteDraft, id: number | null = null): SiteInput {
  return {
    id,
    name: d.name.trim(),
    address: optional(d.address),
    postal_code: optional(d.postal_code),
    city: d.city.trim(),
    departement: optional(d.departement),
    phone: optional(d.phone),
    email: optional(d.email),
    hours: weekToHours(d.week),
    closures: d.closures.map((c) => ({ day: c.day.trim(), label: c.label.trim() })),
  };
}

export type SiteCheck = { ok: boolean; fields: Record<string, string>; days: Record<number, string>; badClosures: number[] };

/** Checks a site before sending it: name and city, hours, closing days (the backend checks again). */
export function checkSiteDraft(d: SiteDraft, required: string, dayNames: readonly string[], hours: HoursMessages): SiteCheck {
  const fields: Record<string, string> = {};
  if (!d.name.trim()) fields.name = required;
  if (!d.city.trim()) fields.city = required;
  const week = checkWeek(d.week, dayNames, hours);
  if (week.general) fields.hours = week.general;
  const bad = badClosures(d.closures);
  const ok = Object.keys(fields).length === 0 && Object.keys(week.days).length === 0 && bad.length === 0;
  return { ok, fields, days: week.days, badClosures: bad };
}

export function emptyAdminDraft(): AdminDraft {
  return { name: "", email: "", phone: "", password: "", password2: "" };
}

export function adminInput(d: AdminDraft): UserInput {
  return { name: d.name.trim(), email: d.email.trim(), role: "administrateur", phone: optional(d.phone), password: d.password };
}

export type SetupDrafts = { garage: GarageIdentity; site: SiteDraft; admin: AdminDraft };

/** What `setup_check` checks before leaving a step: that step's part alone. */
export function stepCheck(step: SetupStep, d: SetupDrafts): SetupCheck {
  if (step === "garage") return { garage: d.garage };
  if (step === "site") return { site: siteInput(d.site) };
  return { admin: adminInput(d.admin) };
}

/** The final `setup`: no site when the database already has sites (`AuthStatus.has_sites`). */
export function setupInput(d: SetupDrafts, hasSites: boolean): SetupInput {
  return { garage: d.garage, site: hasSites ? null : siteInput(d.site), admin: adminInput(d.admin) };
}

/** The fields each step shows, as the backend names them after the part's prefix. */
const STEP_FIELDS: Record<SetupStep, readonly string[]> = { garage: GARAGE_FIELDS, site: SITE_FIELDS, admin: ADMIN_FIELDS };

export type Placed = { step: SetupStep | null; field: string | null; message: string };

/**
 * Where an error of `setup_check` or `setup` is shown: "garage.siret" next to the SIRET of the
 * garage step, "site.hours" under the site's hours… A part named without a shown field ("site"
 * when the first site is missing, "admin.role") goes to the top of that step; an error without
 * a known part (Carnet already set up, a database failure) to the top of the current step.
 * `steps` are the wizard's steps (the site step may be skipped).
 */
export function placeSetupError(e: unknown, steps: readonly SetupStep[] = SETUP_STEPS): Placed {
  const message = errorMessage(e);
  const named = e instanceof ApiFailure ? e.field : null;
  if (!named) return { step: null, field: null, message };
  const dot = named.indexOf(".");
  const part = dot === -1 ? named : named.slice(0, dot);
  const field = dot === -1 ? null : named.slice(dot + 1);
  const step = steps.find((s) => s === part);
  if (!step) return { step: null, field: null, message };
  return { step, field: field !== null && STEP_FIELDS[step].includes(field) ? field : null, message };
}
