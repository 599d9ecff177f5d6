// Server-side renders of the lead screens: what they show of a lead read from outside (long
// names, vehicle details, contact to check), always as text.
import { describe, expect, it } from "vitest";
import type { Contact, LeadDetail, Vehicle } from "../../lib/bindings";
import LeadHeader from "./LeadHeader.svelte";
import DetailsTab from "./DetailsTab.svelte";
import ContactTab from "./ContactTab.svelte";
import QuickEntry from "./QuickEntry.svelte";
import { serverMarkup as markup } from "../../test/screens";

const NBSP = "\u00a0";

const LONG = "Zoé".repeat(1667);

const contact: Contact = {
  id: 3,
  first_name: "Luc",
  last_name: LONG,
  company: null,
  phone: "0475 12",
  email: null,
  postal_code: "10",
  city: "Bruxelles",
  consent_email: false,
  consent_sms: false,
  consent_at: null,
  created_at: "2026-03-01T10:00:00Z",
  updated_at: "2026-03-01T10:00:00Z",
  address: "Rue <b>Neuve</b> 12",
  country: "BE",
  to_check: ["phone", "postal_code"],
  bloctel: false,
};

const vehicle: Vehicle = {
  id: 1,
  make: "BMW",
  model: "X5",
  version: null,
  vin: null,
  plate: null,
  price_cents: 6_145_000,
  currency: "USD",
  year: 2022,
  first_registration: "2022-05",
  km: 31000,
  energy: "Diesel",
  gearbox: null,
  colour: "<script>alert(1)</script>",
};

const detail = (over: Partial<LeadDetail["lead"]> = {}): LeadDetail => ({
  lead: {
    id: 1,
    code: "L-2026-0001",
    status: "nouveau",
    stage: "contact",
    kind: "VO",
    source: "E-mail",
    interest: "chaud",
    owner_id: null,
    owner: null,
    site_id: 1,
    site: "Lyon",
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    deadline_at: null,
    contacted_at: null,
    last_activity_at: "2026-03-01T10:00:00Z",
    external_ref: null,
    message: null,
    close_reason: null,
    contact,
    vehicle,
    owned_vehicle: null,
    deleted_at: null,
    next_action: null,
    ...over,
  } as LeadDetail["lead"],
  counters: { tradeins: 0, testdrives: 0, offers: 0, calls: 0, failed_attempts: 0, may_close_lost: false },
  events: [],
  tasks: [],
});

describe("lead header", () => {
  it("keeps a very long name on one line, whole in its title", () => {
    const html = markup(LeadHeader, { detail: detail() });
    const h1 = /<h1 data-testid="lead-name" title="([^"]*)"[^>]*>([^<]*)<\/h1>/.exec(html);
    expect(h1?.[1] === `Luc ${LONG}` && h1?.[2] === `Luc ${LONG}`).toBe(true);
  });

  it("shows the country next to the city outside France only", () => {
    const be = markup(LeadHeader, { detail: detail() });
    expect(be).toContain(`10 Bruxelles, <span data-testid="lead-country">Belgique</span>`);
    const fr = markup(LeadHeader, { detail: detail({ contact: { ...contact, postal_code: "69003", city: "Lyon", country: null } }) });
    expect(fr).toContain("69003 Lyon");
    expect(fr).not.toContain("lead-country");
  });
});

describe("lead details", () => {
  it("shows the vehicle's known details, as text", () => {
    const html = markup(DetailsTab, { detail: detail() });
    expect(html).toContain(`data-testid="lead-vehicle-details"`);
    expect(html).toContain(`>31${NBSP}000${NBSP}km<`);
    expect(html).toContain(`>05/2022<`);
    expect(html).toContain(`>61${NBSP}450,00${NBSP}USD<`);
    expect(html).not.toContain("<script>alert(1)</script>");
    expect(html).toContain("&lt;script>alert(1)&lt;/script>");
    expect(html).not.toContain("lead-vehicle-gearbox");
    expect(html).not.toContain("lead-owned-vehicle-details");
  });
});

describe("contact tab", () => {
  it("marks the fields kept as written and edits the address and the country", () => {
    const html = markup(ContactTab, { contact, onchanged: () => {} });
    expect(html).toContain(`data-testid="to-check-phone" title="Conservé tel quel à la réception : vérifiez et corrigez"`);
    expect(html).toContain(`data-testid="to-check-postal_code"`);
    expect(html).toMatch(/data-testid="contact-address" value="Rue &lt;b>Neuve&lt;\/b> 12"/);
    expect(html).toMatch(/<option value="BE" selected[^>]*>Belgique<\/option>/);
    expect(html).toContain(`<option value="other">Autre…</option>`);
  });

  it("shows no badge once the contact is checked", () => {
    const html = markup(ContactTab, { contact: { ...contact, to_check: [] }, onchanged: () => {} });
    expect(html).not.toContain("to-check-");
  });
});

describe("quick entry", () => {
  it("offers the year, the mileage and the referential's makes and models", () => {
    const html = markup(QuickEntry, {});
    expect(html).toContain(`data-testid="quick-year"`);
    expect(html).toContain(`data-testid="quick-km"`);
    expect(html).toContain(`list="qe-ref-makes"`);
    expect(html).toContain(`<datalist id="qe-ref-models">`);
  });
});
