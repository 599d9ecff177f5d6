// The garage's identity form (set-up wizard and Réglages → Garage): the legal forms offered and
// the empty identity. Pure functions.
import type { GarageIdentity } from "./bindings";

/** Legal forms offered in the select; anything else is typed after "Autre". */
export const LEGAL_FORMS = ["SARL", "SAS", "SASU", "EURL", "SA", "EI"] as const;
export const OTHER_FORM = "Autre";

/** The fields of the identity, in form order. */
export const GARAGE_FIELDS = [
  "legal_name",
  "legal_form",
  "capital",
  "siret",
  "rcs_city",
  "vat_number",
  "address",
  "postal_code",
  "city",
  "phone",
  "email",
  "website",
  "cgv",
] as const satisfies readonly (keyof GarageIdentity)[];

export function emptyIdentity(): GarageIdentity {
  return { legal_name: "", legal_form: "", capital: "", siret: "", rcs_city: "", vat_number: "", address: "", postal_code: "", city: "", phone: "", email: "", website: "", cgv: "" };
}

/** A stored legal form → the select's choice and the free text ("" when none chosen yet). */
export function splitLegalForm(value: string): { choice: string; other: string } {
  const v = value.trim();
  if (v === "") return { choice: "", other: "" };
  const known = LEGAL_FORMS.find((f) => f.toLowerCase() === v.toLowerCase());
  return known ? { choice: known, other: "" } : { choice: OTHER_FORM, other: v };
}

/** The select's choice and the free text → the legal form to save. */
export function joinLegalForm(choice: string, other: string): string {
  return choice === OTHER_FORM ? other.trim() : choice;
}
