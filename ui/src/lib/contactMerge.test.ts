import { describe, expect, it } from "vitest";
import type { ContactMergeReport, CustomerFile, DuplicateCandidate } from "./bindings";
import { candidateSide, commonReasons, defaultKeepId, fileSide, mergeInput, mergeReportLines, type MergeSide } from "./contactMerge";

const side = (over: Partial<MergeSide> = {}): MergeSide => ({ id: 1, name: "Luc Martin", phone: "+33612345678", email: null, city: "Lyon", customerCode: null, leads: 1, ...over });

describe("merge sides", () => {
  it("read the file open and a duplicate alike", () => {
    const file = {
      contact_id: 3,
      customer_code: "C042",
      civility: "M.",
      first_name: "Luc",
      last_name: "Martin",
      company: null,
      phone: null,
      landline: "+33478000000",
      email: "luc@example.fr",
      city: "Lyon",
      leads: [{ id: 1, code: "L-1", kind: "VO", status: "nouveau", created_at: "2026-01-01T00:00:00Z" }],
    } as unknown as CustomerFile;
    expect(fileSide(file)).toEqual({ id: 3, name: "Luc Martin", phone: "+33478000000", email: "luc@example.fr", city: "Lyon", customerCode: "C042", leads: 1 });
    expect(fileSide({ ...file, first_name: "", last_name: "", company: "Garage Dupont" }).name).toBe("Garage Dupont");

    const candidate: DuplicateCandidate = { contact_id: 9, name: "L. Martin", phone: null, email: "luc@example.fr", city: null, customer_code: null, leads: 2, reasons: ["e-mail"] };
    expect(candidateSide(candidate)).toEqual({ id: 9, name: "L. Martin", phone: null, email: "luc@example.fr", city: null, customerCode: null, leads: 2 });
  });
});

describe("the file kept by default", () => {
  it("is the file open, unless only the other one is a DMS customer", () => {
    expect(defaultKeepId(side({ id: 1 }), side({ id: 2 }))).toBe(1);
    expect(defaultKeepId(side({ id: 1 }), side({ id: 2, customerCode: "C7" }))).toBe(2);
    expect(defaultKeepId(side({ id: 1, customerCode: "C1" }), side({ id: 2 }))).toBe(1);
    expect(defaultKeepId(side({ id: 1, customerCode: "C1" }), side({ id: 2, customerCode: "C7" }))).toBe(1);
  });
});

describe("the merge", () => {
  it("absorbs the file not kept", () => {
    const a = side({ id: 1 });
    const b = side({ id: 2 });
    expect(mergeInput(1, a, b)).toEqual({ keep_id: 1, merge_id: 2, confirm: true });
    expect(mergeInput(2, a, b)).toEqual({ keep_id: 2, merge_id: 1, confirm: true });
  });

  it("words what the two share", () => {
    expect(commonReasons(["téléphone", "nom"])).toBe("en commun : téléphone, nom");
    expect(commonReasons(["e-mail", " "])).toBe("en commun : e-mail");
    expect(commonReasons([])).toBe("");
  });

  it("reports what moved and the consents kept", () => {
    const report: ContactMergeReport = { kept_id: 1, absorbed_id: 2, leads: 2, history: 1, alerts: 0, consent_events: 3, consent_email: false, consent_sms: true, kept_aside: [] };
    expect(mergeReportLines(report)).toEqual([
      "2 leads déplacés",
      "1 ligne d'historique DMS déplacée",
      "0 alerte VO déplacée",
      "3 changements de consentement déplacés",
      "Consentements retenus : e-mail non, SMS oui",
    ]);
  });
});
