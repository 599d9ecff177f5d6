import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api";
import type { Contact } from "./bindings";
import { CONTACT_FIELDS, contactInputToDraft, contactToDraft, draftToContactInput, emptyContactDraft, passwordChangeErrors, vehicleInput } from "./forms";

describe("passwordChangeErrors", () => {
  it("puts a wrong current password and a weak new one on their fields", () => {
    const wrong = new ApiFailure({ code: "invalid", message: "Mot de passe actuel incorrect.", field: "current" });
    expect(passwordChangeErrors(wrong)).toEqual({ fields: { current: "Mot de passe actuel incorrect." }, general: null });
    const weak = new ApiFailure({ code: "invalid", message: "8 caractères au moins.", field: "new" });
    expect(passwordChangeErrors(weak)).toEqual({ fields: { new: "8 caractères au moins." }, general: null });
  });

  it("shows the wait after too many failures on top, never on a field", () => {
    const message = "Trop d'essais manqués : réessayez dans 30 s.";
    expect(passwordChangeErrors(new ApiFailure({ code: "refused", message, field: null }))).toEqual({ fields: {}, general: message });
    // Even should a refusal name a field, it is not the field's fault.
    expect(passwordChangeErrors(new ApiFailure({ code: "refused", message, field: "current" }))).toEqual({ fields: {}, general: message });
  });

  it("shows other failures on top", () => {
    expect(passwordChangeErrors(new ApiFailure({ code: "invalid", message: "Champ inconnu.", field: "other" })).general).toBe("Champ inconnu.");
    expect(passwordChangeErrors(new Error("boom")).general).toBeTruthy();
  });
});

describe("contact drafts", () => {
  const contact: Contact = {
    id: 3,
    first_name: "Luc",
    last_name: "Peeters",
    company: null,
    phone: "0475 12 34 56",
    email: null,
    postal_code: "1000",
    city: "Bruxelles",
    consent_email: false,
    consent_sms: true,
    consent_at: null,
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    address: "Rue Neuve 12",
    country: "BE",
    to_check: ["phone"],
    bloctel: false,
  };

  it("edit the address and the country, and send them back", () => {
    const d = contactToDraft(contact);
    expect(d.address).toBe("Rue Neuve 12");
    expect(d.country).toBe("BE");
    const input = draftToContactInput({ ...d, address: "  Rue Neuve 14 " });
    expect(input.address).toBe("Rue Neuve 14");
    expect(input.country).toBe("BE");
    expect(input.phone).toBe("0475 12 34 56");
  });

  it("send an empty address and country as null (France)", () => {
    const input = draftToContactInput({ ...emptyContactDraft(), last_name: "Durand" });
    expect(input.address).toBeNull();
    expect(input.country).toBeNull();
    expect(contactToDraft({ ...contact, address: null, country: null })).toMatchObject({ address: "", country: "" });
  });

  it("carry a prefill's address and country (read from a mail)", () => {
    const d = contactInputToDraft({ first_name: "", last_name: "Muller", address: "Hauptstraße 5", country: "Allemagne" });
    expect(draftToContactInput(d)).toMatchObject({ last_name: "Muller", address: "Hauptstraße 5", country: "Allemagne" });
  });

  it("show the core's errors on the address and the country", () => {
    expect(CONTACT_FIELDS).toContain("address");
    expect(CONTACT_FIELDS).toContain("country");
  });
});

describe("vehicleInput", () => {
  it("is null when nothing is typed or carried", () => {
    expect(vehicleInput({ make: " ", model: "" })).toBeNull();
    expect(vehicleInput({ make: "", model: "" }, { year: null, km: undefined, energy: " " })).toBeNull();
  });

  it("adds only the extras that are set", () => {
    expect(vehicleInput({ make: "BMW", model: "X5" }, { year: 2022, km: null, price_cents: 6_145_000, currency: "USD" })).toEqual({
      make: "BMW",
      model: "X5",
      version: null,
      vin: null,
      plate: null,
      year: 2022,
      price_cents: 6_145_000,
      currency: "USD",
    });
  });
});
