// The stock screen's pure helpers: its filters as the backend's query, a vehicle as the form
// edits it, the makes and models of the referential for autocompletion, and a stock vehicle as
// the offer's vehicle.
import type { Condition, LeadKind, MakeModels, StockFields, StockInput, StockQuery, StockStatus, StockVehicle } from "./bindings";
import { emptyVehicleDraft, parseInteger, type VehicleDraft } from "./deals";
import { stockForm as formText, stockPage as t } from "./i18n";
import { centsToInput, optionalCents, vehicleTitle } from "./offer";

export const STOCK_PAGE_SIZE = 50;
export const STOCK_SORTS = ["make", "entered", "price", "km"] as const;
export type StockSort = (typeof STOCK_SORTS)[number];
export const STOCK_STATUSES: readonly StockStatus[] = ["disponible", "reserve", "vendu"];
export const CONDITIONS: readonly Condition[] = ["VN", "VO"];

/** What the filter bar holds ("" for "all"); amounts and mileages as typed. */
export type StockFilterState = {
  condition: Condition | "";
  status: StockStatus | "";
  make: string;
  energy: string;
  maxPrice: string;
  maxKm: string;
  sort: StockSort;
};

export const emptyStockFilter = (): StockFilterState => ({ condition: "", status: "", make: "", energy: "", maxPrice: "", maxKm: "", sort: "make" });

/** A filter narrows the list (the sort does not). */
export function stockFilterActive(s: StockFilterState): boolean {
  return s.condition !== "" || s.status !== "" || s.make !== "" || s.energy !== "" || s.maxPrice.trim() !== "" || s.maxKm.trim() !== "";
}

export type StockQueryResult = { query: StockQuery; errors: { maxPrice?: string; maxKm?: string } };

/** The filter bar → the backend's query; a malformed amount or mileage is left out and reported. */
export function toStockQuery(s: StockFilterState, text: string, offset: number, limit = STOCK_PAGE_SIZE): StockQueryResult {
  const query: StockQuery = { sort: s.sort, limit, offset };
  const errors: StockQueryResult["errors"] = {};
  if (text.trim() !== "") query.text = text.trim();
  if (s.condition !== "") query.condition = s.condition;
  if (s.status !== "") query.status = s.status;
  if (s.make !== "") query.make = s.make;
  if (s.energy !== "") query.energy = s.energy;
  const price = optionalCents(s.maxPrice);
  if (price === "invalid" || (typeof price === "number" && price < 0)) errors.maxPrice = t.invalidPrice;
  else if (price !== null) query.max_price_cents = price;
  const km = parseInteger(s.maxKm);
  if (km === "invalid") errors.maxKm = t.invalidKm;
  else if (km !== null) query.max_km = km;
  return { query, errors };
}

/** "Peugeot 3008 GT" (make, model, version). */
export const stockLabel = (v: Pick<StockFields, "make" | "model" | "version">): string => vehicleTitle(v);

/** Who answers for the vehicle: the Carnet user, else the name the DMS wrote; null when nobody. */
export function stockManager(v: Pick<StockFields, "manager_id" | "manager_name">, userName: (id: number) => string | null): string | null {
  if (v.manager_id !== null && v.manager_id !== undefined) {
    const name = userName(v.manager_id);
    if (name) return name;
  }
  return v.manager_name ?? null;
}

/** The condition the stock picker starts with for a lead: its kind when VN or VO. */
export function conditionForLead(kind: LeadKind): Condition | null {
  return kind === "VN" || kind === "VO" ? kind : null;
}

/** The form's fields, as strings for inputs (dates as YYYY-MM-DD for date inputs). */
export type StockDraft = {
  vin: string;
  reference: string;
  plate: string;
  make: string;
  model: string;
  version: string;
  energy: string;
  gearbox: string;
  km: string;
  first_registration: string;
  colour: string;
  price: string;
  condition: Condition;
  status: StockStatus;
  entered_on: string;
  /** A user's id as a select value, "" for nobody. */
  manager_id: string;
};

export function emptyStockDraft(today = ""): StockDraft {
  return {
    vin: "",
    reference: "",
    plate: "",
    make: "",
    model: "",
    version: "",
    energy: "",
    gearbox: "",
    km: "",
    first_registration: "",
    colour: "",
    price: "",
    condition: "VO",
    status: "disponible",
    entered_on: today,
    manager_id: "",
  };
}

const text = (v: string | null | undefined) => v ?? "";

export function stockToDraft(v: StockFields): StockDraft {
  return {
    vin: v.vin,
    reference: text(v.reference),
    plate: text(v.plate),
    make: v.make,
    model: v.model,
    version: text(v.version),
    energy: text(v.energy),
    gearbox: text(v.gearbox),
    km: v.km === null || v.km === undefined ? "" : String(v.km),
    first_registration: text(v.first_registration),
    colour: text(v.colour),
    price: centsToInput(v.price_cents),
    condition: v.condition ?? "VO",
    status: v.status ?? "disponible",
    entered_on: text(v.entered_on),
    manager_id: v.manager_id === null || v.manager_id === undefined ? "" : String(v.manager_id),
  };
}

const optional = (v: string) => {
  const s = v.trim();
  return s === "" ? null : s;
};

/**
 * The draft → the backend's input, and the errors the form can tell at once, keyed as the
 * backend names the fields ("price_cents", "km"…). `original` is the vehicle edited: the DMS's
 * manager name is kept while the manager is not changed.
 */
export function draftToStockInput(d: StockDraft, original: StockVehicle | null): { input: StockInput; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  if (d.vin.trim() === "") errors.vin = formText.vinRequired;
  if (d.make.trim() === "") errors.make = formText.makeRequired;
  if (d.model.trim() === "") errors.model = formText.modelRequired;
  const km = parseInteger(d.km);
  if (km === "invalid") errors.km = t.invalidKm;
  const price = optionalCents(d.price);
  if (price === "invalid" || (typeof price === "number" && price < 0)) errors.price_cents = t.invalidPrice;
  const managerId = d.manager_id === "" ? null : Number(d.manager_id);
  const sameManager = original !== null && (original.manager_id ?? null) === managerId;
  return {
    input: {
      id: original?.id ?? null,
      vehicle: {
        vin: d.vin.trim(),
        reference: optional(d.reference),
        plate: optional(d.plate),
        make: d.make.trim(),
        model: d.model.trim(),
        version: optional(d.version),
        energy: optional(d.energy),
        gearbox: optional(d.gearbox),
        km: km === "invalid" ? null : km,
        first_registration: optional(d.first_registration),
        colour: optional(d.colour),
        price_cents: typeof price === "number" ? price : null,
        condition: d.condition,
        status: d.status,
        entered_on: optional(d.entered_on),
        manager_name: sameManager ? (original?.manager_name ?? null) : null,
        manager_id: managerId,
      },
    },
    errors,
  };
}

/** The referential's entry of a make, whatever its case. */
function findMake(referential: readonly MakeModels[], make: string): MakeModels | undefined {
  const m = make.trim().toLowerCase();
  return m === "" ? undefined : referential.find((x) => x.make.toLowerCase() === m);
}

/** The models of a make, for autocompletion (none for an unknown make). */
export function modelsOf(referential: readonly MakeModels[], make: string): string[] {
  return findMake(referential, make)?.models ?? [];
}

/** A stock vehicle → the offer's vehicle (first registration as a month, "used" for a VO). */
export function stockToVehicleDraft(v: StockFields): VehicleDraft {
  return {
    ...emptyVehicleDraft(v.condition === "VO"),
    make: v.make,
    model: v.model,
    version: text(v.version),
    vin: v.vin,
    plate: text(v.plate),
    first_registration: text(v.first_registration).slice(0, 7),
    km: v.km === null || v.km === undefined ? "" : String(v.km),
    energy: text(v.energy),
    gearbox: text(v.gearbox),
    colour: text(v.colour),
  };
}
