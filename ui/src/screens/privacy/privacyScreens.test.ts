// Server-side renders of the privacy screens: the consent history's block, the personal data
// block of an erased contact, the erasure dialog waiting for the word, the retention form.
import { describe, expect, it } from "vitest";
import type { Contact } from "../../lib/bindings";
import ContactTab from "../leads/ContactTab.svelte";
import RetentionForm from "../admin/RetentionForm.svelte";
import PrivacyTab from "../admin/PrivacyTab.svelte";
import ConsentHistory from "./ConsentHistory.svelte";
import EraseContactDialog from "./EraseContactDialog.svelte";
import PersonalDataSection from "./PersonalDataSection.svelte";
import { serverMarkup as markup } from "../../test/screens";

const contact: Contact = {
  id: 3,
  first_name: "Luc",
  last_name: "Martin",
  company: null,
  phone: "0612345678",
  email: null,
  postal_code: "69001",
  city: "Lyon",
  consent_email: true,
  consent_sms: false,
  consent_at: "2026-03-01T10:00:00Z",
  created_at: "2026-03-01T10:00:00Z",
  updated_at: "2026-03-01T10:00:00Z",
  address: null,
  country: null,
  to_check: [],
  bloctel: false,
};

const erased: Contact = { ...contact, first_name: "", last_name: "Personne effacée", phone: null, email: null, postal_code: null, city: null, consent_email: false, consent_at: null };

describe("contact tab privacy", () => {
  it("shows the consent history to everyone, the personal data block to managers only", () => {
    const html = markup(ContactTab, { contact, onchanged: () => {} });
    expect(html).toContain(`data-testid="consent-history"`);
    expect(html).toContain("Consentements");
    // Nobody is signed in here: no manager.
    expect(html).not.toContain(`data-testid="contact-erase"`);
  });

  it("loads the consent history", () => {
    const html = markup(ConsentHistory, { contactId: 3 });
    expect(html).toContain(`data-testid="consent-history"`);
    expect(html).toContain("Chargement…");
  });
});

describe("personal data", () => {
  it("offers the export and the erasure", () => {
    const html = markup(PersonalDataSection, { contact, onchanged: () => {} });
    expect(html).toContain("Données personnelles (RGPD)");
    expect(html).toMatch(/data-testid="contact-export"[^>]*>\s*Exporter ses données/);
    expect(html).toMatch(/data-testid="contact-erase"[^>]*>Effacer cette personne…/);
  });

  it("says an erased person is erased and offers no second erasure", () => {
    const html = markup(PersonalDataSection, { contact: erased, onchanged: () => {} });
    expect(html).toContain(`data-testid="contact-erased"`);
    expect(html).not.toContain(`data-testid="contact-erase"`);
  });

  it("asks for the word before erasing, saying what is kept", () => {
    const html = markup(EraseContactDialog, { contactId: 3, onclose: () => {}, ondone: () => {} });
    expect(html).toContain("définitif");
    expect(html).toContain("les bons de commande gardent leur numéro, leurs montants et leur véhicule, sans la personne");
    expect(html).toContain("tapez EFFACER");
    expect(html).toContain(`data-testid="erase-confirm-input"`);
    expect(html).toMatch(/<button type="submit" class="danger" data-testid="erase-confirm" disabled/);
  });
});

describe("retention settings", () => {
  const settings = { prospect_years: 3, customer_years: 10 };

  it("are edited by the administrator", () => {
    const html = markup(RetentionForm, { settings, editable: true, onsaved: () => {} });
    expect(html).toMatch(/data-testid="retention-prospect-years" value="3"/);
    expect(html).toMatch(/data-testid="retention-customer-years" value="10"/);
    expect(html).toContain(`data-testid="retention-save"`);
    expect(html).not.toMatch(/<fieldset disabled/);
  });

  it("are read by the other managers", () => {
    const html = markup(RetentionForm, { settings, editable: false, onsaved: () => {} });
    expect(html).toMatch(/<fieldset disabled/);
    expect(html).not.toContain(`data-testid="retention-save"`);
  });

  it("open the Confidentialité tab", () => {
    const html = markup(PrivacyTab, {});
    expect(html).toContain(`data-testid="settings-privacy"`);
    expect(html).toContain("Confidentialité");
  });
});
