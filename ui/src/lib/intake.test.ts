import { describe, expect, it } from "vitest";
import type { IngestSummary } from "./bindings";
import { INBOUND_STATES, inboundDate, inboundFilterLabel, inboundStateLabel, isInboundState, summaryText } from "./intake";

const summary = (s: Partial<IngestSummary>): IngestSummary => {
  const base = { leads_created: 0, merged: 0, duplicates: 0, quarantined: 0, opt_outs: 0, errors: 0, ...s };
  return { files: base.leads_created + base.merged + base.duplicates + base.quarantined + base.errors, ...base };
};

describe("inbound states", () => {
  it("labels every filter state in French", () => {
    expect(INBOUND_STATES.map(inboundFilterLabel)).toEqual(["En quarantaine", "En cours de traitement", "Leads créés", "Fusionnés", "Convertis", "Écartés"]);
  });

  it("labels one message's state, and shows unknown states as given", () => {
    expect(inboundStateLabel("quarantined")).toBe("En quarantaine");
    expect(inboundStateLabel("lead")).toBe("Lead créé");
    expect(inboundStateLabel("discarded")).toBe("Écarté");
    expect(inboundStateLabel("archived")).toBe("archived");
    expect(inboundFilterLabel("archived")).toBe("archived");
  });

  it("recognises the filter states only", () => {
    expect(isInboundState("merged")).toBe(true);
    expect(isInboundState("received")).toBe(true);
    expect(isInboundState("sent")).toBe(false);
    expect(isInboundState("__proto__")).toBe(false);
  });

  it("dates a message by its Date header, else its reception", () => {
    expect(inboundDate({ mail_date: "2026-03-02T08:00:00Z", received_at: "2026-03-02T09:00:00Z" })).toBe("2026-03-02T08:00:00Z");
    expect(inboundDate({ mail_date: null, received_at: "2026-03-02T09:00:00Z" })).toBe("2026-03-02T09:00:00Z");
  });
});

describe("summaryText", () => {
  it("says when nothing arrived", () => {
    expect(summaryText(summary({}))).toBe("Aucun nouveau message.");
  });

  it("lists the non-zero outcomes with French plurals (0 and 1 singular)", () => {
    expect(summaryText(summary({ leads_created: 2, quarantined: 1 }))).toBe("3 messages : 2 leads créés, 1 en quarantaine.");
    expect(summaryText(summary({ leads_created: 1 }))).toBe("1 message : 1 lead créé.");
    expect(summaryText(summary({ merged: 1, duplicates: 2, errors: 1 }))).toBe("4 messages : 1 fusionné, 2 doublons ignorés, 1 erreur.");
    expect(summaryText(summary({ errors: 3 }))).toBe("3 messages : 3 erreurs.");
  });
});
