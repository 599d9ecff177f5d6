import { describe, expect, it } from "vitest";
import { base64ToBytes } from "./base64";
import type { ConsentEvent, EraseReport, RetentionReport } from "./bindings";
import {
  consentChange,
  consentChannelLabel,
  consentRow,
  ERASE_WORD,
  eraseConfirmed,
  eraseReportLines,
  eraseSummary,
  exportFileContent,
  isErasedContact,
  isValidRetentionYears,
  retentionExplanation,
  retentionPreview,
  retentionSettingsInput,
} from "./privacy";

const event = (over: Partial<ConsentEvent> = {}): ConsentEvent => ({
  id: 1,
  channel: "email",
  old: true,
  new: false,
  source: "réponse STOP",
  at: "2026-03-01T10:05:00Z",
  lead_id: 4,
  user: null,
  ...over,
});

describe("consent history rows", () => {
  it("read as date in Paris, channel, change, source and user", () => {
    expect(consentRow(event())).toEqual({ at: "01/03/2026 11:05", channel: "E-mail", change: "oui → non", source: "réponse STOP", user: "Système" });
    expect(consentRow(event({ channel: "sms", old: false, new: true, source: "saisie", user: "Marie Dupont", at: "2026-07-14T08:00:00Z" }))).toEqual({
      at: "14/07/2026 10:00",
      channel: "SMS",
      change: "non → oui",
      source: "saisie",
      user: "Marie Dupont",
    });
  });

  it("word the channels and the changes", () => {
    expect(consentChannelLabel("email")).toBe("E-mail");
    expect(consentChannelLabel("sms")).toBe("SMS");
    expect(consentChannelLabel("fax")).toBe("fax");
    expect(consentChange(false, false)).toBe("non → non");
    expect(consentRow(event({ source: "  ", user: " " }))).toMatchObject({ source: "—", user: "Système" });
  });
});

describe("erasure", () => {
  it("needs the word EFFACER typed exactly", () => {
    expect(ERASE_WORD).toBe("EFFACER");
    expect(eraseConfirmed("EFFACER")).toBe(true);
    expect(eraseConfirmed("  EFFACER ")).toBe(true);
    expect(eraseConfirmed("effacer")).toBe(false);
    expect(eraseConfirmed("EFFACE")).toBe(false);
    expect(eraseConfirmed("EFFACER!")).toBe(false);
    expect(eraseConfirmed("")).toBe(false);
    expect(eraseConfirmed(null)).toBe(false);
  });

  const report: EraseReport = { contact_id: 3, leads: 2, events: 14, mails_received: 1, mails_sent: 0, files: 3, orders_kept: 1 };

  it("reports its counts", () => {
    expect(eraseReportLines(report)).toEqual([
      "2 leads anonymisés",
      "14 événements effacés",
      "1 e-mail reçu effacé",
      "0 e-mail envoyé effacé",
      "3 fichiers supprimés",
      "1 bon de commande conservé sans la personne",
    ]);
    expect(eraseSummary({ ...report, mails_sent: 2, orders_kept: 0 })).toBe(
      "Personne effacée. 2 leads anonymisés, 14 événements effacés, 1 e-mail reçu effacé, 2 e-mails envoyés effacés, 3 fichiers supprimés, 0 bon de commande conservé sans la personne.",
    );
  });

  it("recognises an erased contact", () => {
    expect(isErasedContact({ first_name: "", last_name: "Personne effacée", phone: null, email: null })).toBe(true);
    expect(isErasedContact({ first_name: "Luc", last_name: "Personne effacée", phone: null, email: null })).toBe(false);
    expect(isErasedContact({ first_name: "", last_name: "Personne effacée", phone: "0612345678", email: null })).toBe(false);
    expect(isErasedContact({ first_name: "", last_name: "Martin", phone: null, email: null })).toBe(false);
  });
});

describe("export", () => {
  it("becomes a JSON file, its text as UTF-8 base64", () => {
    const json = '{\n  "nom": "Zoé Lefèvre — 12 €"\n}';
    const file = exportFileContent({ file_name: "donnees-contact-3.json", json, path: null });
    expect(file.file_name).toBe("donnees-contact-3.json");
    expect(file.mime).toBe("application/json");
    expect(new TextDecoder().decode(base64ToBytes(file.base64))).toBe(json);
  });
});

describe("retention", () => {
  it("checks the durations (1 to 30 years)", () => {
    expect(isValidRetentionYears(1)).toBe(true);
    expect(isValidRetentionYears(30)).toBe(true);
    expect(isValidRetentionYears(0)).toBe(false);
    expect(isValidRetentionYears(31)).toBe(false);
    expect(isValidRetentionYears(2.5)).toBe(false);
    expect(isValidRetentionYears(null)).toBe(false);
    expect(retentionSettingsInput(3, 10)).toEqual({ ok: true, input: { prospect_years: 3, customer_years: 10 } });
    expect(retentionSettingsInput(0, 10)).toEqual({ ok: false, fields: { prospect_years: "Durée de conservation : de 1 à 30 ans." } });
    expect(retentionSettingsInput(3, null)).toEqual({ ok: false, fields: { customer_years: "Durée de conservation : de 1 à 30 ans." } });
    expect(retentionSettingsInput(undefined, 40)).toMatchObject({ ok: false, fields: { prospect_years: expect.any(String), customer_years: expect.any(String) } });
  });

  it("explains the daily run", () => {
    expect(retentionExplanation({ prospect_years: 3, customer_years: 10 })).toBe(
      "Chaque jour, Carnet anonymise les prospects sans contact actif depuis 3 ans et les clients depuis 10 ans (CNIL). Un prospect qui répond STOP ne reçoit plus de prospection.",
    );
    expect(retentionExplanation({ prospect_years: 1, customer_years: 2 })).toContain("depuis 1 an et les clients depuis 2 ans");
  });

  const report: RetentionReport = {
    dry_run: true,
    examined: 40,
    anonymised: 2,
    kept: [
      { reason: "lead en cours", count: 5 },
      { reason: "prospect actif dans le délai", count: 33 },
      { reason: "commande non livrée", count: 0 },
    ],
    due: [
      { contact_id: 7, name: "Jean Martin", customer: false, last_active: "2022-01-15T09:00:00Z" },
      { contact_id: 9, name: " ", customer: true, last_active: "2015-06-30" },
    ],
    prospect_years: 3,
    customer_years: 10,
  };

  it("previews the next run", () => {
    const p = retentionPreview(report);
    expect(p.summary).toBe("Prochain passage : 2 contacts à anonymiser");
    expect(p.examined).toBe("40 contacts examinés");
    expect(p.rows).toEqual([
      { contactId: 7, name: "Jean Martin", kind: "Prospect", lastActive: "15/01/2022" },
      { contactId: 9, name: "(sans nom)", kind: "Client", lastActive: "30/06/2015" },
    ]);
    expect(p.truncated).toBeNull();
    expect(p.kept).toEqual(["Lead en cours : 5", "Prospect actif dans le délai : 33"]);
  });

  it("says when the list is cut and when nothing is due", () => {
    expect(retentionPreview({ ...report, anonymised: 250 }).truncated).toBe("Seuls les 2 premiers sont listés.");
    const none = retentionPreview({ ...report, anonymised: 0, due: [], examined: 1 });
    expect(none.summary).toBe("Prochain passage : 0 contact à anonymiser");
    expect(none.examined).toBe("1 contact examiné");
    expect(none.rows).toEqual([]);
    expect(retentionPreview({ ...report, anonymised: 1, due: [report.due[0]] }).summary).toBe("Prochain passage : 1 contact à anonymiser");
  });
});
