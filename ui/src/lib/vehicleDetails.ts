// A lead's vehicle (of interest or trade-in): the characteristics the lead page shows, French
// formats, only those known; and the vehicle of the quick entry (make, model, version, VIN, model
// year and mileage typed as text) turned into a VehicleInput. Pure functions.
import type { Vehicle, VehicleInput } from "./bindings";
import { parseInteger } from "./deals";
import { formatKm, formatMonthYear, formatPrice } from "./format";
import { vehicleInput } from "./forms";
import { lead as t, quickEntry as q } from "./i18n";

export type VehicleDetailKey = "year" | "first_registration" | "km" | "energy" | "gearbox" | "colour" | "price";

export type VehicleDetail = { key: VehicleDetailKey; label: string; value: string };

type Details = Pick<Vehicle, "year" | "first_registration" | "km" | "energy" | "gearbox" | "colour" | "price_cents" | "currency">;

const text = (v: string | null | undefined) => (v ?? "").trim();

/**
 * The characteristics that are set, in display order: année, 1re mise en circulation (mm/yyyy),
 * kilométrage ("45 000 km"), énergie, boîte, couleur, prix with its currency ("22 900,00 €",
 * "61 450,00 USD"). Text from outside is returned as text, never as markup.
 */
export function vehicleDetails(v: Partial<Details> | null | undefined): VehicleDetail[] {
  if (!v) return [];
  const out: VehicleDetail[] = [];
  const add = (key: VehicleDetailKey, label: string, value: string) => {
    if (value !== "") out.push({ key, label, value });
  };
  add("year", t.details.year, typeof v.year === "number" && Number.isFinite(v.year) ? String(v.year) : "");
  // A month the core could not normalise is shown as written rather than hidden.
  add("first_registration", t.details.firstRegistration, formatMonthYear(v.first_registration) || text(v.first_registration));
  add("km", t.details.km, formatKm(v.km));
  add("energy", t.details.energy, text(v.energy));
  add("gearbox", t.details.gearbox, text(v.gearbox));
  add("colour", t.details.colour, text(v.colour));
  add("price", t.price, formatPrice(v.price_cents, v.currency));
  return out;
}

/** A price in euros (no currency, or EUR): the only one an offer may take over as it is. */
export function isEuroPrice(v: Pick<Vehicle, "price_cents" | "currency"> | null | undefined): boolean {
  if (!v || v.price_cents === null || v.price_cents === undefined) return false;
  const code = text(v.currency).toUpperCase();
  return code === "" || code === "EUR";
}

/** A model year typed in a form: 4 digits; null when empty; "invalid" otherwise. */
export function parseYear(value: string): number | null | "invalid" {
  const s = value.trim();
  if (s === "") return null;
  return /^\d{4}$/.test(s) ? Number(s) : "invalid";
}

/** The quick entry's vehicle of interest, as typed. */
export type QuickVehicleDraft = { make: string; model: string; version: string; vin: string; year: string; km: string };

/**
 * The quick entry's vehicle → the lead's VehicleInput (null when nothing is typed), and the errors
 * the form can tell at once, keyed by its field names ("year", "km", "make"). The range of the
 * year and of the mileage is the core's to check.
 */
export function quickVehicleInput(d: QuickVehicleDraft): { vehicle: VehicleInput | null; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const year = parseYear(d.year);
  if (year === "invalid") errors.year = q.yearInvalid;
  const km = parseInteger(d.km);
  if (km === "invalid") errors.km = q.kmInvalid;
  const vehicle = vehicleInput(
    { make: d.make, model: d.model, version: d.version, vin: d.vin },
    { year: year === "invalid" ? null : year, km: km === "invalid" ? null : km },
  );
  // The core ignores a year or a mileage without a vehicle: say so rather than lose them.
  const named = [d.make, d.model, d.version, d.vin].some((x) => x.trim() !== "");
  if (vehicle && !named) errors.make = q.detailsWithoutVehicle;
  return { vehicle, errors };
}
