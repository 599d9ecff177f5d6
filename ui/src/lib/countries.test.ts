import { describe, expect, it } from "vitest";
import { COUNTRY_CODES, contactPlace, countryError, countryName, isFrance, joinCountry, OTHER_COUNTRY, splitCountry } from "./countries";

describe("a contact's country in the form", () => {
  it("offers the usual countries after France", () => {
    expect(COUNTRY_CODES).toEqual(["BE", "LU", "CH", "DE", "IT", "ES", "MC", "GB", "NL", "PT", "US", "CA"]);
    expect(COUNTRY_CODES.map(countryName)).toEqual([
      "Belgique", "Luxembourg", "Suisse", "Allemagne", "Italie", "Espagne", "Monaco", "Royaume-Uni", "Pays-Bas", "Portugal", "États-Unis", "Canada",
    ]);
  });

  it("treats no country and FR as France", () => {
    expect(isFrance(null)).toBe(true);
    expect(isFrance("")).toBe(true);
    expect(isFrance("fr")).toBe(true);
    expect(isFrance("BE")).toBe(false);
  });

  it("splits a stored country into the select and the free code", () => {
    expect(splitCountry(null)).toEqual({ choice: "", other: "" });
    expect(splitCountry("FR")).toEqual({ choice: "", other: "" });
    expect(splitCountry("BE")).toEqual({ choice: "BE", other: "" });
    expect(splitCountry("ch")).toEqual({ choice: "CH", other: "" });
    expect(splitCountry("PL")).toEqual({ choice: OTHER_COUNTRY, other: "PL" });
  });

  it("joins the choice back into the ContactInput's country (null = France)", () => {
    expect(joinCountry({ choice: "", other: "" })).toBeNull();
    expect(joinCountry({ choice: "", other: "PL" })).toBeNull();
    expect(joinCountry({ choice: "LU", other: "" })).toBe("LU");
    expect(joinCountry({ choice: OTHER_COUNTRY, other: " Pologne " })).toBe("Pologne");
    expect(joinCountry({ choice: OTHER_COUNTRY, other: "fr" })).toBeNull();
    expect(joinCountry({ choice: OTHER_COUNTRY, other: "  " })).toBeNull();
    for (const code of ["BE", "PL", null]) expect(joinCountry(splitCountry(code))).toBe(code);
  });

  it("asks for the country when « Autre… » is chosen and nothing typed", () => {
    expect(countryError({ choice: OTHER_COUNTRY, other: "" })).toBeTruthy();
    expect(countryError({ choice: OTHER_COUNTRY, other: "PL" })).toBeNull();
    expect(countryError({ choice: "BE", other: "" })).toBeNull();
    expect(countryError({ choice: "", other: "" })).toBeNull();
  });
});

describe("country names", () => {
  it("names the listed countries in French, others by the platform or as written", () => {
    expect(countryName("BE")).toBe("Belgique");
    expect(countryName("us")).toBe("États-Unis");
    expect(countryName("FR")).toBe("France");
    expect(countryName(null)).toBe("");
    // Named by Intl when the platform knows it; else the code itself.
    expect(["Pologne", "PL"]).toContain(countryName("PL"));
    expect(countryName("Zzz")).toBe("Zzz");
  });

  it("gives the place for the lead header, the country only outside France", () => {
    expect(contactPlace({ postal_code: "69003", city: "Lyon", country: null })).toEqual({ place: "69003 Lyon", country: "" });
    expect(contactPlace({ postal_code: "1000", city: "Bruxelles", country: "BE" })).toEqual({ place: "1000 Bruxelles", country: "Belgique" });
    expect(contactPlace({ postal_code: null, city: " Genève ", country: "CH" })).toEqual({ place: "Genève", country: "Suisse" });
    expect(contactPlace({ postal_code: null, city: null, country: "FR" })).toEqual({ place: "", country: "" });
    expect(contactPlace({ postal_code: null, city: null, country: "LU" })).toEqual({ place: "", country: "Luxembourg" });
  });
});
