// A contact's country as the forms edit it: a choice among the usual countries (France, the
// default, is the empty choice) or "Autre…" with a typed code or name, which the core reads and
// validates. Also the country's French name for the screens. Pure functions.
import { contactFields, countryNames } from "./i18n";

/** The countries of the select, in this order, after France. */
export const COUNTRY_CODES = ["BE", "LU", "CH", "DE", "IT", "ES", "MC", "GB", "NL", "PT", "US", "CA"] as const;

/** The select's value for a country that is not in the list. */
export const OTHER_COUNTRY = "other";

/** The select's value ("" = France, a code of the list, or OTHER_COUNTRY) and the typed country. */
export type CountryChoice = { choice: string; other: string };

const upper = (code: string | null | undefined) => (code ?? "").trim().toUpperCase();

/** No country, or FR: France. */
export function isFrance(code: string | null | undefined): boolean {
  const c = upper(code);
  return c === "" || c === "FR";
}

/** A stored country (ISO alpha-2, null = France) → the form's choice. */
export function splitCountry(code: string | null | undefined): CountryChoice {
  if (isFrance(code)) return { choice: "", other: "" };
  const c = upper(code);
  if ((COUNTRY_CODES as readonly string[]).includes(c)) return { choice: c, other: "" };
  return { choice: OTHER_COUNTRY, other: (code ?? "").trim() };
}

/** The form's choice → the ContactInput's country (null = France; a typed one as written). */
export function joinCountry(c: CountryChoice): string | null {
  if (c.choice === OTHER_COUNTRY) {
    const typed = c.other.trim();
    return typed === "" || isFrance(typed) ? null : typed;
  }
  return c.choice === "" ? null : c.choice;
}

/** "Autre…" chosen but nothing typed: the message to show on the country; null when fine. */
export function countryError(c: CountryChoice): string | null {
  return c.choice === OTHER_COUNTRY && c.other.trim() === "" ? contactFields.countryOtherRequired : null;
}

let regionNames: Intl.DisplayNames | null | undefined;

function displayName(code: string): string | null {
  if (regionNames === undefined) {
    try {
      regionNames = new Intl.DisplayNames(["fr"], { type: "region" });
    } catch {
      regionNames = null;
    }
  }
  if (!regionNames || !/^[A-Z]{2}$/.test(code)) return null;
  try {
    const name = regionNames.of(code);
    return name && name !== code ? name : null;
  } catch {
    return null;
  }
}

/** A country code → its French name ("BE" → "Belgique"); unknown codes as written; "" when none. */
export function countryName(code: string | null | undefined): string {
  const c = upper(code);
  if (c === "") return "";
  return countryNames[c] ?? displayName(c) ?? (code ?? "").trim();
}

/**
 * Where the contact lives, for the lead header: "69003 Lyon", and the country's name only when
 * it is not France ("Belgique"). Empty strings when unknown.
 */
export function contactPlace(c: { postal_code: string | null; city: string | null; country: string | null }): { place: string; country: string } {
  const place = [c.postal_code, c.city]
    .map((x) => (x ?? "").trim())
    .filter(Boolean)
    .join(" ");
  return { place, country: isFrance(c.country) ? "" : countryName(c.country) };
}
