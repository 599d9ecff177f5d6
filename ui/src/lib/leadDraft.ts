// The lead form of the Réception screen: a NewLead read from a message (the prefill) turned into
// editable strings, and back. Fields the form does not show (version, VIN, year, mileage, price
// and its currency, trade-in, the contact's address and country, listing reference…) are carried
// through unchanged.
import type { Interest, LeadKind, NewLead, VehicleInput } from "./bindings";
import { contactInputToDraft, draftToContactInput, emptyContactDraft, optional, vehicleInput, type ContactDraft, type VehicleExtras } from "./forms";

export type LeadDraft = {
  contact: ContactDraft;
  kind: LeadKind;
  source: string;
  /** "" = to choose. */
  siteId: string;
  /** "" = nobody. */
  ownerId: string;
  make: string;
  model: string;
  message: string;
  /** Carried through from the prefill. */
  vehicleExtra: { version: string; vin: string; plate: string };
  /** Carried through from the prefill: year, first registration, mileage, price, currency… */
  vehicleDetails: VehicleExtras;
  ownedVehicle: VehicleInput | null;
  externalRef: string | null;
  interest: Interest | null;
};

export type DraftDefaults = {
  /** The source when the prefill has none (e.g. "E-mail"). */
  source: string;
  /** Site ids the user can choose from: with a single one, it is chosen already. */
  siteIds: readonly number[];
};

export function leadDraftFrom(prefill: NewLead | null, defaults: DraftDefaults): LeadDraft {
  const site = prefill && prefill.site_id > 0 ? prefill.site_id : defaults.siteIds.length === 1 ? defaults.siteIds[0] : null;
  const v = prefill?.vehicle ?? null;
  const { make: _make, model: _model, version: _version, vin: _vin, plate: _plate, ...details } = v ?? { make: "", model: "" };
  return {
    contact: prefill ? contactInputToDraft(prefill.contact) : emptyContactDraft(),
    kind: prefill?.kind ?? "VN",
    source: prefill?.source?.trim() ? prefill.source : defaults.source,
    siteId: site === null ? "" : String(site),
    ownerId: prefill?.owner_id ? String(prefill.owner_id) : "",
    make: v?.make ?? "",
    model: v?.model ?? "",
    message: prefill?.message ?? "",
    vehicleExtra: { version: v?.version ?? "", vin: v?.vin ?? "", plate: v?.plate ?? "" },
    vehicleDetails: details,
    ownedVehicle: prefill?.owned_vehicle ?? null,
    externalRef: prefill?.external_ref ?? null,
    interest: prefill?.interest ?? null,
  };
}

export function draftToNewLead(d: LeadDraft): NewLead {
  // Without make and model the carried details (version, VIN) mean nothing: no vehicle.
  const vehicle = d.make.trim() || d.model.trim() ? vehicleInput({ make: d.make, model: d.model, ...d.vehicleExtra }, d.vehicleDetails) : null;
  const lead: NewLead = {
    contact_id: null,
    contact: draftToContactInput(d.contact),
    kind: d.kind,
    source: d.source.trim(),
    site_id: d.siteId === "" ? 0 : Number(d.siteId),
    owner_id: d.ownerId === "" ? null : Number(d.ownerId),
    vehicle,
    owned_vehicle: d.ownedVehicle,
    message: optional(d.message),
    external_ref: d.externalRef,
  };
  if (d.interest) lead.interest = d.interest;
  return lead;
}
