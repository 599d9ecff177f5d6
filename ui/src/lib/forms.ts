// Turning a failed command into form errors: the message goes next to the field the backend
// names (`ApiFailure.field`), or to the top of the form when no shown field matches.
import { ApiFailure, errorMessage } from "./api";
import type { ContactInput, VehicleInput } from "./bindings";

export type FormErrors = { fields: Record<string, string>; general: string | null };

export const noErrors = (): FormErrors => ({ fields: {}, general: null });

// Accept "contact.phone" as well as "phone".
const stripContact = (field: string) => field.replace(/^contact\./, "");

export function failureToErrors(e: unknown, shownFields: readonly string[], normalise: (field: string) => string = stripContact): FormErrors {
  if (e instanceof ApiFailure && e.field) {
    const field = normalise(e.field);
    if (shownFields.includes(field)) return { fields: { [field]: e.message }, general: null };
  }
  return { fields: {}, general: errorMessage(e) };
}

/**
 * A failed `password_change`: a wrong current password goes on its field ("current", invalid),
 * a weak new one on "new"; a refusal without field (too many failures: "Trop d'essais manqués :
 * réessayez dans N s.") on top of the form, as the backend words it.
 */
export function passwordChangeErrors(e: unknown): FormErrors {
  if (e instanceof ApiFailure && e.code !== "invalid") return { fields: {}, general: errorMessage(e) };
  return failureToErrors(e, ["current", "new"], (f) => f);
}

/**
 * Field names of a lead as the backend reports them ("contact.phone", "vehicle.make",
 * "owned_vehicle.plate", "contact_id") → the names the lead forms use ("phone", "make",
 * "owned_plate", "contact").
 */
export function normaliseLeadField(field: string): string {
  return field
    .replace(/^owned_vehicle\./, "owned_")
    .replace(/^vehicle\./, "")
    .replace(/^contact\./, "")
    .replace(/^contact_id$/, "contact");
}

/** Like failureToErrors, for the lead forms (their backend field names are normalised first). */
export function leadFailureToErrors(e: unknown, shownFields: readonly string[]): FormErrors {
  return failureToErrors(e, shownFields, normaliseLeadField);
}

/** The vehicle fields a lead form types as text. */
export type VehicleTextFields = { make: string; model: string; version?: string; vin?: string; plate?: string };

/** What a lead's vehicle may carry besides its text fields (year, mileage, price… as read or typed). */
export type VehicleExtras = Omit<VehicleInput, "make" | "model" | "version" | "vin" | "plate">;

/**
 * A vehicle typed in a form, with the extras carried or parsed (only those set are sent), or null
 * when every field is empty.
 */
export function vehicleInput(v: VehicleTextFields, extras: VehicleExtras = {}): VehicleInput | null {
  const kept = Object.fromEntries(
    Object.entries(extras).filter(([, x]) => x !== null && x !== undefined && !(typeof x === "string" && x.trim() === "")),
  ) as VehicleExtras;
  const any = Object.values(v).some((x) => typeof x === "string" && x.trim() !== "") || Object.keys(kept).length > 0;
  if (!any) return null;
  return {
    make: v.make.trim(),
    model: v.model.trim(),
    version: optional(v.version ?? ""),
    vin: optional(v.vin ?? ""),
    plate: optional(v.plate ?? ""),
    ...kept,
  };
}

/** Trimmed text, or null when empty (optional API fields). */
export function optional(value: string): string | null {
  const v = value.trim();
  return v === "" ? null : v;
}

/** The editable contact fields, as strings for inputs. */
export type ContactDraft = {
  first_name: string;
  last_name: string;
  company: string;
  phone: string;
  email: string;
  postal_code: string;
  city: string;
  consent_email: boolean;
  consent_sms: boolean;
  address: string;
  /** ISO alpha-2 or a country name as typed; "" = France. */
  country: string;
};

export const CONTACT_FIELDS = ["first_name", "last_name", "company", "phone", "email", "postal_code", "city", "address", "country"] as const;

export function emptyContactDraft(): ContactDraft {
  return {
    first_name: "",
    last_name: "",
    company: "",
    phone: "",
    email: "",
    postal_code: "",
    city: "",
    consent_email: false,
    consent_sms: false,
    address: "",
    country: "",
  };
}

export function contactToDraft(c: {
  first_name: string;
  last_name: string;
  company: string | null;
  phone: string | null;
  email: string | null;
  postal_code: string | null;
  city: string | null;
  consent_email: boolean;
  consent_sms: boolean;
  address?: string | null;
  country?: string | null;
}): ContactDraft {
  return {
    first_name: c.first_name,
    last_name: c.last_name,
    company: c.company ?? "",
    phone: c.phone ?? "",
    email: c.email ?? "",
    postal_code: c.postal_code ?? "",
    city: c.city ?? "",
    consent_email: c.consent_email,
    consent_sms: c.consent_sms,
    address: c.address ?? "",
    country: c.country ?? "",
  };
}

/** A ContactInput (optional fields may be missing, e.g. a prefill read from a mail) → draft. */
export function contactInputToDraft(c: ContactInput): ContactDraft {
  return {
    first_name: c.first_name ?? "",
    last_name: c.last_name ?? "",
    company: c.company ?? "",
    phone: c.phone ?? "",
    email: c.email ?? "",
    postal_code: c.postal_code ?? "",
    city: c.city ?? "",
    consent_email: c.consent_email ?? false,
    consent_sms: c.consent_sms ?? false,
    address: c.address ?? "",
    country: c.country ?? "",
  };
}

export function draftToContactInput(d: ContactDraft): ContactInput {
  return {
    first_name: d.first_name.trim(),
    last_name: d.last_name.trim(),
    company: optional(d.company),
    phone: optional(d.phone),
    email: optional(d.email),
    postal_code: optional(d.postal_code),
    city: optional(d.city),
    consent_email: d.consent_email,
    consent_sms: d.consent_sms,
    address: optional(d.address),
    country: optional(d.country),
  };
}

/** Client-side checks shared by the quick entry and the contact form. */
export function validateContact(d: ContactDraft, messages: { lastName: string; phoneOrEmail: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.last_name.trim()) out.last_name = messages.lastName;
  if (!d.phone.trim() && !d.email.trim()) out.contact = messages.phoneOrEmail;
  return out;
}
