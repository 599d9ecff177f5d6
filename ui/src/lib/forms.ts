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

/** A vehicle typed in a form, or null when every field is empty. */
export function vehicleInput(v: { make: string; model: string; version?: string; vin?: string; plate?: string }): VehicleInput | null {
  const any = Object.values(v).some((x) => typeof x === "string" && x.trim() !== "");
  if (!any) return null;
  return {
    make: v.make.trim(),
    model: v.model.trim(),
    version: optional(v.version ?? ""),
    vin: optional(v.vin ?? ""),
    plate: optional(v.plate ?? ""),
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
};

export const CONTACT_FIELDS = ["first_name", "last_name", "company", "phone", "email", "postal_code", "city"] as const;

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
  };
}

/** Client-side checks shared by the quick entry and the contact form. */
export function validateContact(d: ContactDraft, messages: { lastName: string; phoneOrEmail: string }): Record<string, string> {
  const out: Record<string, string> = {};
  if (!d.last_name.trim()) out.last_name = messages.lastName;
  if (!d.phone.trim() && !d.email.trim()) out.contact = messages.phoneOrEmail;
  return out;
}
