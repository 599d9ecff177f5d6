import { describe, expect, it } from "vitest";
import type { VoAlert } from "./bindings";
import { alertSummary, alertToDraft, draftToAlertInput, newAlertDraft } from "./voAlerts";

const NBSP = "\u00a0";

const alert = (over: Partial<VoAlert> = {}): VoAlert => ({
  id: 4,
  contact_id: 9,
  lead_id: 12,
  owner_id: 2,
  make: "Peugeot",
  model: "3008",
  energy: "Diesel",
  max_price_cents: 2_500_000,
  max_km: 80000,
  min_year: 2019,
  active: true,
  created_at: "2026-03-01T10:00:00Z",
  matches: [],
  ...over,
});

describe("VO alerts", () => {
  it("start from the lead's vehicle of interest", () => {
    const d = newAlertDraft({
      vehicle: {
        id: 1, make: "Renault", model: "Captur", version: null, vin: null, plate: null, price_cents: null,
        currency: null, year: null, first_registration: null, km: null, energy: null, gearbox: null, colour: null,
      },
    });
    expect(d).toMatchObject({ make: "Renault", model: "Captur", maxPrice: "", active: true });
    expect(newAlertDraft(null).make).toBe("");
  });

  it("round-trip through the form", () => {
    const a = alert();
    expect(draftToAlertInput(alertToDraft(a), 12, a.id)).toEqual({
      input: { id: 4, lead_id: 12, make: "Peugeot", model: "3008", energy: "Diesel", max_price_cents: 2_500_000, max_km: 80000, min_year: 2019, active: true },
      errors: {},
    });
  });

  it("leave out what is empty and report what cannot be read", () => {
    const empty = draftToAlertInput({ ...newAlertDraft(null), active: false }, 12, null);
    expect(empty).toEqual({
      input: { id: null, lead_id: 12, make: null, model: null, energy: null, max_price_cents: null, max_km: null, min_year: null, active: false },
      errors: {},
    });
    const bad = draftToAlertInput({ ...newAlertDraft(null), maxPrice: "0", maxKm: "beaucoup", minYear: "19" }, 12, null);
    expect(Object.keys(bad.errors).sort()).toEqual(["max_km", "max_price_cents", "min_year"]);
  });

  it("sum up their criteria in one line", () => {
    expect(alertSummary(alert())).toBe(`Peugeot 3008 · Diesel · 25${NBSP}000,00${NBSP}€ max · 80${NBSP}000${NBSP}km max · 2019 et après`);
    expect(alertSummary(alert({ make: null, model: null, energy: null, max_price_cents: null, max_km: null, min_year: null }))).toBe("Tout VO");
  });
});
