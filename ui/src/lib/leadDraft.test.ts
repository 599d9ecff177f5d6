import { describe, expect, it } from "vitest";
import type { NewLead } from "./bindings";
import { ApiFailure } from "./api";
import { failureToErrors, leadFailureToErrors, normaliseLeadField } from "./forms";
import { draftToNewLead, leadDraftFrom } from "./leadDraft";

const prefill: NewLead = {
  contact_id: null,
  contact: { first_name: "Jean", last_name: "Dupont", phone: "06 12 34 56 78", email: null, consent_email: true },
  kind: "VO",
  source: "Leboncoin",
  interest: undefined,
  site_id: 0,
  owner_id: null,
  vehicle: { make: "Peugeot", model: "308", version: "GT Line", vin: null, plate: "AB-123-CD" },
  owned_vehicle: { make: "Renault", model: "Clio", plate: "XY-987-ZZ" },
  message: "Bonjour, le véhicule est-il disponible ?",
  external_ref: "lbc-123456",
};

describe("leadDraftFrom", () => {
  it("fills the form from a prefill; site 0 must be chosen", () => {
    const d = leadDraftFrom(prefill, { source: "E-mail", siteIds: [1, 2] });
    expect(d.contact.first_name).toBe("Jean");
    expect(d.contact.email).toBe("");
    expect(d.contact.consent_email).toBe(true);
    expect(d.contact.consent_sms).toBe(false);
    expect(d.kind).toBe("VO");
    expect(d.source).toBe("Leboncoin");
    expect(d.siteId).toBe("");
    expect(d.make).toBe("Peugeot");
    expect(d.message).toBe("Bonjour, le véhicule est-il disponible ?");
  });

  it("chooses the only site, and keeps a real site of the prefill", () => {
    expect(leadDraftFrom(prefill, { source: "E-mail", siteIds: [3] }).siteId).toBe("3");
    expect(leadDraftFrom({ ...prefill, site_id: 2 }, { source: "E-mail", siteIds: [1, 2] }).siteId).toBe("2");
  });

  it("starts empty without a prefill", () => {
    const d = leadDraftFrom(null, { source: "E-mail", siteIds: [1, 2] });
    expect(d.contact.last_name).toBe("");
    expect(d.kind).toBe("VN");
    expect(d.source).toBe("E-mail");
    expect(d.siteId).toBe("");
    expect(draftToNewLead(d).vehicle).toBeNull();
  });
});

describe("draftToNewLead", () => {
  it("keeps what the form does not show and trims what it does", () => {
    const d = leadDraftFrom(prefill, { source: "E-mail", siteIds: [1, 2] });
    d.siteId = "2";
    d.ownerId = "5";
    d.contact.last_name = "  Dupond ";
    d.contact.phone = " ";
    d.contact.email = "jean@example.fr";
    d.model = "308 SW";
    const lead = draftToNewLead(d);
    expect(lead.site_id).toBe(2);
    expect(lead.owner_id).toBe(5);
    expect(lead.contact.last_name).toBe("Dupond");
    expect(lead.contact.phone).toBeNull();
    expect(lead.contact.email).toBe("jean@example.fr");
    expect(lead.contact.consent_email).toBe(true);
    expect(lead.vehicle).toEqual({ make: "Peugeot", model: "308 SW", version: "GT Line", vin: null, plate: "AB-123-CD" });
    expect(lead.owned_vehicle).toEqual(prefill.owned_vehicle);
    expect(lead.external_ref).toBe("lbc-123456");
    expect(lead.contact_id).toBeNull();
    expect("interest" in lead).toBe(false);
  });

  it("carries the vehicle's details and the contact's address and country read from the message", () => {
    const read: NewLead = {
      ...prefill,
      contact: { ...prefill.contact, phone: "+41 22 555 12 34", address: "Rue du Rhône 1", country: "CH" },
      vehicle: {
        make: "BMW",
        model: "X5",
        year: 2022,
        first_registration: "2022-05",
        km: 31000,
        energy: "Hybride rechargeable",
        gearbox: "Automatique",
        colour: "Noir",
        price_cents: 6_145_000,
        currency: "USD",
      },
    };
    const d = leadDraftFrom(read, { source: "E-mail", siteIds: [1] });
    expect(d.contact.country).toBe("CH");
    const lead = draftToNewLead(d);
    expect(lead.contact).toMatchObject({ address: "Rue du Rhône 1", country: "CH" });
    expect(lead.vehicle).toEqual({
      make: "BMW",
      model: "X5",
      version: null,
      vin: null,
      plate: null,
      year: 2022,
      first_registration: "2022-05",
      km: 31000,
      energy: "Hybride rechargeable",
      gearbox: "Automatique",
      colour: "Noir",
      price_cents: 6_145_000,
      currency: "USD",
    });
  });

  it("drops the vehicle when make and model are cleared", () => {
    const d = leadDraftFrom(prefill, { source: "E-mail", siteIds: [1] });
    d.make = "";
    d.model = " ";
    expect(draftToNewLead(d).vehicle).toBeNull();
  });

  it("sends an empty message as null", () => {
    const d = leadDraftFrom({ ...prefill, message: null }, { source: "E-mail", siteIds: [1] });
    expect(draftToNewLead(d).message).toBeNull();
  });
});

describe("backend field names", () => {
  it("maps nested lead fields to the form's names", () => {
    expect(normaliseLeadField("contact.phone")).toBe("phone");
    expect(normaliseLeadField("vehicle.make")).toBe("make");
    expect(normaliseLeadField("owned_vehicle.plate")).toBe("owned_plate");
    expect(normaliseLeadField("contact_id")).toBe("contact");
    expect(normaliseLeadField("site_id")).toBe("site_id");
  });

  it("puts a known field's message next to it, anything else at the top", () => {
    const phone = new ApiFailure({ code: "invalid", message: "Numéro invalide.", field: "contact.phone" });
    expect(leadFailureToErrors(phone, ["phone"])).toEqual({ fields: { phone: "Numéro invalide." }, general: null });
    const refused = new ApiFailure({ code: "refused", message: "Ce message n'est plus en quarantaine.", field: null });
    expect(leadFailureToErrors(refused, ["phone"])).toEqual({ fields: {}, general: "Ce message n'est plus en quarantaine." });
    const port = new ApiFailure({ code: "invalid", message: "Port invalide (993 en général).", field: "config.port" });
    expect(failureToErrors(port, ["port"], (f) => f.replace(/^config\./, ""))).toEqual({ fields: { port: "Port invalide (993 en général)." }, general: null });
  });
});
