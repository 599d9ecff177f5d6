import { describe, expect, it } from "vitest";
import { ApiFailure } from "./api";
import { emptyIdentity, joinLegalForm, splitLegalForm } from "./garage";
import { checkSiteDraft, emptyAdminDraft, emptySiteDraft, placeSetupError, setupInput, setupSteps, siteDraftOf, siteInput, stepCheck } from "./setup";

const failure = (field: string | null, message = "Erreur.") => new ApiFailure({ code: "invalid", message, field });

describe("legal forms", () => {
  it("choose a listed form, or Autre with free text", () => {
    expect(splitLegalForm("")).toEqual({ choice: "", other: "" });
    expect(splitLegalForm("sas")).toEqual({ choice: "SAS", other: "" });
    expect(splitLegalForm("SCI")).toEqual({ choice: "Autre", other: "SCI" });
    expect(joinLegalForm("SARL", "ignored")).toBe("SARL");
    expect(joinLegalForm("Autre", " SCOP ")).toBe("SCOP");
  });
});

describe("steps", () => {
  const drafts = () => ({
    garage: { ...emptyIdentity(), legal_name: "Garage du Test" },
    site: { ...emptySiteDraft(), name: "Lyon", city: "Lyon" },
    admin: { ...emptyAdminDraft(), name: " Claire Martin ", email: "admin@garage-test.fr", password: "Garage2026x", password2: "Garage2026x" },
  });

  it("skip the site when the database already has sites", () => {
    expect(setupSteps(false)).toEqual(["garage", "site", "admin"]);
    expect(setupSteps(true)).toEqual(["garage", "admin"]);
  });

  it("check one part at a time", () => {
    expect(stepCheck("garage", drafts())).toEqual({ garage: drafts().garage });
    expect(Object.keys(stepCheck("site", drafts()))).toEqual(["site"]);
    expect(stepCheck("site", drafts()).site).toMatchObject({ id: null, name: "Lyon", city: "Lyon" });
    expect(stepCheck("admin", drafts())).toEqual({
      admin: { name: "Claire Martin", email: "admin@garage-test.fr", role: "administrateur", phone: null, password: "Garage2026x" },
    });
  });

  it("send the site, or null when sites exist", () => {
    expect(setupInput(drafts(), false).site).toMatchObject({ name: "Lyon" });
    const older = setupInput(drafts(), true);
    expect(older.site).toBeNull();
    expect(older.admin).toMatchObject({ email: "admin@garage-test.fr", role: "administrateur", password: "Garage2026x" });
  });
});

describe("placeSetupError", () => {
  it("puts each error on the step and field its part names", () => {
    expect(placeSetupError(failure("garage.siret", "SIRET invalide."))).toEqual({ step: "garage", field: "siret", message: "SIRET invalide." });
    expect(placeSetupError(failure("garage.email"))).toMatchObject({ step: "garage", field: "email" });
    expect(placeSetupError(failure("site.hours"))).toMatchObject({ step: "site", field: "hours" });
    expect(placeSetupError(failure("site.postal_code"))).toMatchObject({ step: "site", field: "postal_code" });
    expect(placeSetupError(failure("site.email"))).toMatchObject({ step: "site", field: "email" });
    expect(placeSetupError(failure("admin.password"))).toMatchObject({ step: "admin", field: "password" });
    expect(placeSetupError(failure("admin.email"))).toMatchObject({ step: "admin", field: "email" });
  });

  it("shows a part without a shown field on top of its step", () => {
    expect(placeSetupError(failure("site", "Indiquez le premier site."))).toEqual({ step: "site", field: null, message: "Indiquez le premier site." });
    expect(placeSetupError(failure("admin.role"))).toMatchObject({ step: "admin", field: null });
    expect(placeSetupError(failure("garage.logo"))).toMatchObject({ step: "garage", field: null });
  });

  it("leaves errors without a known part on top of the current step", () => {
    const refused = new ApiFailure({ code: "refused", message: "Carnet est déjà configuré.", field: null });
    expect(placeSetupError(refused)).toEqual({ step: null, field: null, message: "Carnet est déjà configuré." });
    expect(placeSetupError(failure("siret"))).toMatchObject({ step: null, field: null });
    expect(placeSetupError(new Error("boom"))).toMatchObject({ step: null, field: null });
  });

  it("keeps the site's errors off a wizard without site step", () => {
    expect(placeSetupError(failure("site.hours"), setupSteps(true))).toMatchObject({ step: null, field: null });
    expect(placeSetupError(failure("admin.email"), setupSteps(true))).toMatchObject({ step: "admin", field: "email" });
  });
});

describe("site drafts", () => {
  it("send optional fields as null and hours per span", () => {
    const input = siteInput({ ...emptySiteDraft(), name: " Lyon ", city: "Lyon", postal_code: "69007" });
    expect(input).toMatchObject({ id: null, name: "Lyon", city: "Lyon", postal_code: "69007", address: null, departement: null, email: null });
    expect(input.hours).toHaveLength(12);
  });

  it("round-trip a saved site", () => {
    const draft = siteDraftOf({
      id: 3, name: "Gerland", address: null, postal_code: "69007", city: "Lyon", departement: "69", phone: null, email: null,
      hours: [{ weekday: 1, opens: "09:00", closes: "18:00" }], closures: [{ day: "2026-12-26", label: "Inventaire" }], users: 4,
    });
    expect(siteInput(draft, 3)).toMatchObject({ id: 3, departement: "69", hours: [{ weekday: 1, opens: "09:00", closes: "18:00" }], closures: [{ day: "2026-12-26", label: "Inventaire" }] });
  });
});

describe("checkSiteDraft", () => {
  const hours = { invalid: (d: string) => `${d} ?`, order: (d: string) => `${d} <`, overlap: (d: string) => `${d} x`, none: "fermé" };
  const names = ["Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche"];

  it("requires a name and a city, valid hours and dated closing days", () => {
    const bad = checkSiteDraft({ ...emptySiteDraft(), closures: [{ day: "", label: "" }] }, "obligatoire", names, hours);
    expect(bad).toMatchObject({ ok: false, fields: { name: "obligatoire", city: "obligatoire" }, badClosures: [0] });
    const week = emptySiteDraft().week.map((d) => ({ ...d, spans: [] }));
    expect(checkSiteDraft({ ...emptySiteDraft(), name: "A", city: "B", week }, "o", names, hours).fields).toEqual({ hours: "fermé" });
    expect(checkSiteDraft({ ...emptySiteDraft(), name: "A", city: "B" }, "o", names, hours).ok).toBe(true);
  });
});
