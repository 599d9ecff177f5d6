import { describe, expect, it } from "vitest";
import type { Vehicle } from "./bindings";
import { isEuroPrice, parseYear, quickVehicleInput, vehicleDetails, type QuickVehicleDraft } from "./vehicleDetails";

const NBSP = "\u00a0";

const vehicle = (over: Partial<Vehicle> = {}): Vehicle => ({
  id: 1,
  make: "Peugeot",
  model: "3008",
  version: null,
  vin: null,
  plate: null,
  price_cents: null,
  currency: null,
  year: null,
  first_registration: null,
  km: null,
  energy: null,
  gearbox: null,
  colour: null,
  ...over,
});

const shown = (v: Vehicle | null) => Object.fromEntries(vehicleDetails(v).map((d) => [d.key, d.value]));

describe("vehicle details of the lead page", () => {
  it("shows nothing when nothing is known", () => {
    expect(vehicleDetails(vehicle())).toEqual([]);
    expect(vehicleDetails(null)).toEqual([]);
    expect(vehicleDetails(undefined)).toEqual([]);
  });

  it("shows every known field, in order, the French way", () => {
    const details = vehicleDetails(
      vehicle({
        year: 2021,
        first_registration: "2021-03",
        km: 45000,
        energy: "Hybride rechargeable",
        gearbox: "Automatique",
        colour: "Gris Platinium",
        price_cents: 2_290_000,
      }),
    );
    expect(details.map((d) => d.key)).toEqual(["year", "first_registration", "km", "energy", "gearbox", "colour", "price"]);
    expect(details.map((d) => d.label)).toEqual(["Année", "1re mise en circulation", "Kilométrage", "Énergie", "Boîte", "Couleur", "Prix affiché"]);
    expect(details.map((d) => d.value)).toEqual([
      "2021",
      "03/2021",
      `45${NBSP}000${NBSP}km`,
      "Hybride rechargeable",
      "Automatique",
      "Gris Platinium",
      `22${NBSP}900,00${NBSP}€`,
    ]);
  });

  it("shows only the fields that are set (0 km is set, blank text is not)", () => {
    expect(shown(vehicle({ km: 0, energy: "  ", colour: "" }))).toEqual({ km: `0${NBSP}km` });
    expect(shown(vehicle({ energy: "Électrique" }))).toEqual({ energy: "Électrique" });
  });

  it("prints the year without a thousands separator", () => {
    expect(shown(vehicle({ year: 2024 })).year).toBe("2024");
  });

  it("keeps the currency of the price", () => {
    expect(shown(vehicle({ price_cents: 6_145_000, currency: "USD" })).price).toBe(`61${NBSP}450,00${NBSP}USD`);
    expect(shown(vehicle({ price_cents: 2_290_000, currency: "EUR" })).price).toBe(`22${NBSP}900,00${NBSP}€`);
    expect(shown(vehicle({ price_cents: 0 })).price).toBe(`0,00${NBSP}€`);
  });

  it("shows a first registration as month/year, or as written when it is not a month", () => {
    expect(shown(vehicle({ first_registration: "2019-08-11" })).first_registration).toBe("08/2019");
    expect(shown(vehicle({ first_registration: "été 2019" })).first_registration).toBe("été 2019");
  });

  it("returns markup-looking text as plain text", () => {
    expect(shown(vehicle({ colour: "<img src=x onerror=alert(1)>" })).colour).toBe("<img src=x onerror=alert(1)>");
  });
});

describe("euro prices", () => {
  it("tells a price in euros from one in another currency", () => {
    expect(isEuroPrice(vehicle({ price_cents: 100 }))).toBe(true);
    expect(isEuroPrice(vehicle({ price_cents: 100, currency: "eur" }))).toBe(true);
    expect(isEuroPrice(vehicle({ price_cents: 100, currency: "USD" }))).toBe(false);
    expect(isEuroPrice(vehicle())).toBe(false);
    expect(isEuroPrice(null)).toBe(false);
  });
});

describe("quick entry vehicle", () => {
  const draft = (over: Partial<QuickVehicleDraft> = {}): QuickVehicleDraft => ({ make: "", model: "", version: "", vin: "", year: "", km: "", ...over });

  it("reads a model year: 4 digits, empty is unknown", () => {
    expect(parseYear("2021")).toBe(2021);
    expect(parseYear(" 2021 ")).toBe(2021);
    expect(parseYear("")).toBeNull();
    expect(parseYear("21")).toBe("invalid");
    expect(parseYear("2021a")).toBe("invalid");
    expect(parseYear("20 21")).toBe("invalid");
  });

  it("sends nothing when nothing is typed", () => {
    expect(quickVehicleInput(draft())).toEqual({ vehicle: null, errors: {} });
  });

  it("sends year and mileage as numbers, empty as absent", () => {
    expect(quickVehicleInput(draft({ make: " Peugeot ", model: "3008", year: "2021", km: "45 000" }))).toEqual({
      vehicle: { make: "Peugeot", model: "3008", version: null, vin: null, plate: null, year: 2021, km: 45000 },
      errors: {},
    });
    const plain = quickVehicleInput(draft({ make: "Peugeot", model: "3008" })).vehicle;
    expect(plain).toEqual({ make: "Peugeot", model: "3008", version: null, vin: null, plate: null });
    expect(plain && "year" in plain).toBe(false);
    expect(plain && "km" in plain).toBe(false);
  });

  it("reads a mileage typed the French way", () => {
    expect(quickVehicleInput(draft({ make: "Renault", km: `12${NBSP}500 km` })).vehicle?.km).toBe(12500);
    expect(quickVehicleInput(draft({ make: "Renault", km: "0" })).vehicle?.km).toBe(0);
  });

  it("reports what cannot be read on its field", () => {
    const r = quickVehicleInput(draft({ make: "Peugeot", year: "deux mille", km: "-5" }));
    expect(Object.keys(r.errors).sort()).toEqual(["km", "year"]);
    expect(r.vehicle).toEqual({ make: "Peugeot", model: "", version: null, vin: null, plate: null });
  });

  it("asks for the vehicle when only a year or a mileage is typed", () => {
    const r = quickVehicleInput(draft({ year: "2020" }));
    expect(Object.keys(r.errors)).toEqual(["make"]);
    expect(quickVehicleInput(draft({ km: "1000" })).errors.make).toBeTruthy();
    expect(quickVehicleInput(draft({ vin: "VF3MCYHZRLS123456", km: "1000" })).errors).toEqual({});
  });
});
