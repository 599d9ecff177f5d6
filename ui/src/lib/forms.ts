// Turning a failed command into form errors: the message goes next to the field the backend
// names (`ApiFailure.field`), or to the top of the form when no shown field matches.
import { ApiFailure, errorMessage } from "./api";
import type { ContactInput } from "./bindings";

export type FormErrors = { fields: Record<string, string>; general: string | null };

export const noErrors = (): FormErrors => ({ fields: {}, general: null });

export function failureToErrors(e: unknown, shownFields: readonly string[]): FormErrors {
  if (e instanceof ApiFailure && e.field) {
    // Accept "contact.phone" as well as "phone".
    const field = e.field.replace(/^contact\./, "");
    if (shownFields.includes(field)) return { fields: { [field]: e.message }, general: null };
  }
  return { fields: {}, general: errorMessage(e) };
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
