import { describe, expect, it } from "vitest";
import type { StockVehicle } from "./bindings";
import {
  conditionForLead,
  draftToStockInput,
  emptyStockDraft,
  emptyStockFilter,
  modelsOf,
  stockFilterActive,
  stockLabel,
  stockManager,
  stockToDraft,
  stockToVehicleDraft,
  toStockQuery,
} from "./stock";

const vehicle = (over: Partial<StockVehicle> = {}): StockVehicle => ({
  id: 7,
  days_in_stock: 12,
  origin: "import",
  updated_at: "2026-03-01T10:00:00Z",
  vin: "VF3MCYHZRKS123456",
  reference: "VO-4471",
  plate: "AB-123-CD",
  make: "Peugeot",
  model: "3008",
  version: "GT Hybrid",
  energy: "Hybride",
  gearbox: "Automatique",
  km: 41000,
  first_registration: "2020-06-12",
  colour: "Gris",
  price_cents: 2_290_000,
  condition: "VO",
  status: "disponible",
  entered_on: "2026-02-17",
  manager_name: "J. Morel",
  manager_id: 3,
  ...over,
});

describe("stock filters", () => {
  it("sends only what is chosen, amounts in cents", () => {
    expect(toStockQuery(emptyStockFilter(), "  ", 0)).toEqual({ query: { sort: "make", limit: 50, offset: 0 }, errors: {} });
    const s = { condition: "VO" as const, status: "disponible" as const, make: "Peugeot", energy: "Diesel", maxPrice: "25 000", maxKm: "80 000", sort: "price" as const };
    expect(toStockQuery(s, " 3008 gt ", 50)).toEqual({
      query: { sort: "price", limit: 50, offset: 50, text: "3008 gt", condition: "VO", status: "disponible", make: "Peugeot", energy: "Diesel", max_price_cents: 2_500_000, max_km: 80000 },
      errors: {},
    });
    expect(stockFilterActive(s)).toBe(true);
    expect(stockFilterActive({ ...emptyStockFilter(), sort: "km" })).toBe(false);
  });

  it("leaves out and reports a malformed price or mileage", () => {
    const { query, errors } = toStockQuery({ ...emptyStockFilter(), maxPrice: "abc", maxKm: "12,5" }, "", 0);
    expect(query.max_price_cents).toBeUndefined();
    expect(query.max_km).toBeUndefined();
    expect(Object.keys(errors).sort()).toEqual(["maxKm", "maxPrice"]);
  });
});

describe("stock vehicles", () => {
  it("names the vehicle and its manager", () => {
    expect(stockLabel(vehicle())).toBe("Peugeot 3008 GT Hybrid");
    expect(stockLabel(vehicle({ version: null }))).toBe("Peugeot 3008");
    const names = (id: number) => (id === 3 ? "Julien Morel" : null);
    expect(stockManager(vehicle(), names)).toBe("Julien Morel");
    expect(stockManager(vehicle({ manager_id: 99 }), names)).toBe("J. Morel");
    expect(stockManager(vehicle({ manager_id: null, manager_name: null }), names)).toBeNull();
  });

  it("presets the picker's condition from the lead's kind", () => {
    expect(conditionForLead("VN")).toBe("VN");
    expect(conditionForLead("VO")).toBe("VO");
    expect(conditionForLead("APV")).toBeNull();
  });

  it("round-trips through the form", () => {
    const v = vehicle();
    const { input, errors } = draftToStockInput(stockToDraft(v), v);
    expect(errors).toEqual({});
    expect(input).toEqual({
      id: 7,
      vehicle: {
        vin: v.vin,
        reference: "VO-4471",
        plate: "AB-123-CD",
        make: "Peugeot",
        model: "3008",
        version: "GT Hybrid",
        energy: "Hybride",
        gearbox: "Automatique",
        km: 41000,
        first_registration: "2020-06-12",
        colour: "Gris",
        price_cents: 2_290_000,
        condition: "VO",
        status: "disponible",
        entered_on: "2026-02-17",
        manager_name: "J. Morel",
        manager_id: 3,
      },
    });
  });

  it("drops the DMS's manager name when another manager is chosen", () => {
    const v = vehicle();
    const { input } = draftToStockInput({ ...stockToDraft(v), manager_id: "5" }, v);
    expect(input.vehicle.manager_id).toBe(5);
    expect(input.vehicle.manager_name).toBeNull();
  });

  it("checks a new vehicle before sending it", () => {
    const { input, errors } = draftToStockInput({ ...emptyStockDraft("2026-03-01"), price: "12,345", km: "douze" }, null);
    expect(Object.keys(errors).sort()).toEqual(["km", "make", "model", "price_cents", "vin"]);
    expect(input.id).toBeNull();
    expect(input.vehicle).toMatchObject({ condition: "VO", status: "disponible", entered_on: "2026-03-01", price_cents: null, km: null, manager_id: null });
    const ok = draftToStockInput({ ...emptyStockDraft(), vin: " vf3 ", make: "Peugeot", model: "208", price: "17 890,50", km: "12 000" }, null);
    expect(ok.errors).toEqual({});
    expect(ok.input.vehicle).toMatchObject({ vin: "vf3", price_cents: 1_789_050, km: 12000 });
  });

  it("becomes the offer's vehicle", () => {
    expect(stockToVehicleDraft(vehicle())).toMatchObject({
      make: "Peugeot",
      model: "3008",
      version: "GT Hybrid",
      vin: "VF3MCYHZRKS123456",
      plate: "AB-123-CD",
      first_registration: "2020-06",
      km: "41000",
      energy: "Hybride",
      gearbox: "Automatique",
      colour: "Gris",
      used: true,
    });
    expect(stockToVehicleDraft(vehicle({ condition: "VN", first_registration: null, km: null }))).toMatchObject({ used: false, first_registration: "", km: "" });
  });
});

describe("referential", () => {
  it("gives the models of a make, whatever its case", () => {
    const r = [{ make: "Peugeot", models: ["208", "3008"] }];
    expect(modelsOf(r, "peugeot")).toEqual(["208", "3008"]);
    expect(modelsOf(r, "Tesla")).toEqual([]);
    expect(modelsOf(r, "")).toEqual([]);
  });
});
