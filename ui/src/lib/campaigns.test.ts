import { describe, expect, it } from "vitest";
import type { Campaign } from "./bindings";
import { campaignFigures, campaignInput, conversionText, dayValue, emptyDraft, exclusionLines, figuresLine, isToCall, outcomeLabel, previewSummary, progressText, targetKey, targetLine, type CampaignDraft } from "./campaigns";

const NBSP = "\u00a0";

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 1,
  name: "Renouvellement VN 2021",
  kind: "VN",
  target: { customers_only: true },
  created_at: "2026-03-02T09:00:00Z",
  created_by: "Sandrine Morel",
  calls: 100,
  to_call: 70,
  interested: 8,
  not_interested: 12,
  unreachable: 6,
  do_not_call: 4,
  leads: 8,
  blocked: 3,
  ...over,
});

describe("a campaign's figures", () => {
  it("keeps the calls blocked by Bloctel apart from those to make", () => {
    const f = campaignFigures(campaign());
    expect(f).toMatchObject({ total: 97, done: 30, toCall: 67, blocked: 3, interested: 8, leads: 8, notInterested: 12, unreachable: 6, doNotCall: 4 });
    expect(f.done + f.toCall).toBe(f.total);
    expect(progressText(f)).toBe("30 / 97");
  });

  it("computes the conversion from leads and calls done only", () => {
    expect(campaignFigures(campaign()).conversion).toBeCloseTo(26.667, 2);
    expect(conversionText(campaignFigures(campaign()))).toBe(`26,7${NBSP}%`);
    const fresh = campaignFigures(campaign({ to_call: 100, interested: 0, not_interested: 0, unreachable: 0, do_not_call: 0, leads: 0 }));
    expect(fresh.conversion).toBeNull();
    expect(conversionText(fresh)).toBe("—");
  });

  it("words the figures in one line, singular for 0 and 1", () => {
    expect(figuresLine(campaignFigures(campaign({ calls: 1234, to_call: 1204, blocked: 3 })))).toBe(
      `30 appels traités sur 1${NBSP}231 · 1${NBSP}201 à appeler · 8 intéressés · 8 leads créés · 12 pas intéressés · 6 injoignables · 4 ne plus appeler · 3 bloqués Bloctel · transformation 26,7${NBSP}%`,
    );
    const one = campaign({ calls: 3, to_call: 2, interested: 1, leads: 1, not_interested: 0, unreachable: 0, do_not_call: 0, blocked: 1 });
    expect(figuresLine(campaignFigures(one))).toBe("1 appel traité sur 2 · 1 à appeler · 1 intéressé · 1 lead créé · 0 pas intéressé · 0 injoignable · 0 ne plus appeler · 1 bloqué Bloctel · transformation 100\u00a0%");
    // No call done: no conversion rate.
    expect(figuresLine(campaignFigures(campaign({ to_call: 100 })))).not.toContain("transformation");
  });
});

describe("outcomes", () => {
  it("label each outcome, « À appeler » before the call", () => {
    expect(outcomeLabel(null)).toBe("À appeler");
    expect(outcomeLabel("interesse")).toBe("Intéressé");
    expect(outcomeLabel("rappeler")).toBe("À rappeler");
    expect(outcomeLabel("ne_plus_appeler")).toBe("Ne plus appeler");
    expect([null, "rappeler", "interesse", "injoignable"].map((o) => isToCall({ outcome: o as never }))).toEqual([true, true, false, true]);
  });
});

describe("targeting", () => {
  it("describes the criteria in one line", () => {
    expect(targetLine({})).toBe("tous les contacts");
    expect(targetLine({ customers_only: true, bought_from: "2020-01-01", bought_to: "2021-12-31", no_visit_since: "2025-03-01", postal_prefix: "69" })).toBe(
      "clients du DMS uniquement · achat d'un véhicule entre le 01/01/2020 et le 31/12/2021 · pas de passage à l'atelier depuis le 01/03/2025 · code postal commençant par 69",
    );
    expect(targetLine({ bought_from: "2020-01-01" })).toBe("achat d'un véhicule depuis le 01/01/2020");
    expect(targetLine({ bought_to: "2020-01-01", customers_only: false })).toBe("achat d'un véhicule jusqu'au 01/01/2020");
  });

  it("sums up a preview and its exclusions as the core words them", () => {
    const p = { matching: 128, targets: 97, excluded: [{ reason: "inscrit sur Bloctel", count: 20 }, { reason: "sans téléphone", count: 1234 }, { reason: "lead en cours", count: 0 }] };
    expect(previewSummary(p)).toBe("128 contacts correspondent, 97 à appeler");
    expect(previewSummary({ matching: 1, targets: 0, excluded: [] })).toBe("1 contact correspond, 0 à appeler");
    expect(exclusionLines(p)).toEqual(["inscrit sur Bloctel : 20", `sans téléphone : 1${NBSP}234`]);
  });
});

describe("a new campaign's input", () => {
  const draft = (over: Partial<CampaignDraft> = {}): CampaignDraft => ({ ...emptyDraft(), name: " Renouvellement VN ", ...over });

  it("reads days as a date field gives them, or typed in French", () => {
    expect(dayValue("")).toBeNull();
    expect(dayValue("2026-03-01")).toBe("2026-03-01");
    expect(dayValue(" 1/3/2026 ")).toBe("2026-03-01");
    expect(dayValue("2024-02-29")).toBe("2024-02-29");
    for (const bad of ["2026-02-29", "31/04/2026", "2026-13-01", "demain", "2026-3-1"]) expect(dayValue(bad)).toBeUndefined();
  });

  it("builds the command's input, empty criteria left out", () => {
    expect(campaignInput(draft({ kind: "APV", customersOnly: true, boughtFrom: "2020-01-01", boughtTo: "31/12/2021", noVisitSince: "", postalPrefix: " 69a ", assignees: [4, 2] }), true)).toEqual({
      input: {
        name: "Renouvellement VN",
        kind: "APV",
        target: { customers_only: true, bought_from: "2020-01-01", bought_to: "2021-12-31", no_visit_since: null, postal_prefix: "69A" },
        assignees: [4, 2],
      },
      errors: {},
    });
    expect(campaignInput(draft(), true).input?.target).toEqual({ customers_only: false, bought_from: null, bought_to: null, no_visit_since: null, postal_prefix: null });
  });

  it("needs a name to create, not to preview", () => {
    expect(campaignInput(draft({ name: "  " }), true)).toEqual({ input: null, errors: { name: "Donnez un nom à la campagne." } });
    expect(campaignInput(draft({ name: "" }), false).input?.name).toBe("");
  });

  it("refuses invalid days, reversed periods and odd postal codes, by field", () => {
    expect(campaignInput(draft({ boughtFrom: "31/02/2026", noVisitSince: "bientôt" }), false).errors).toEqual({ bought_from: "Date invalide (jj/mm/aaaa).", no_visit_since: "Date invalide (jj/mm/aaaa)." });
    expect(campaignInput(draft({ boughtFrom: "2022-01-01", boughtTo: "2021-01-01" }), false).errors).toEqual({ bought_to: "Cette date précède celle de début d'achat." });
    expect(campaignInput(draft({ postalPrefix: "69 0" }), false).errors).toEqual({ postal_prefix: "Début de code postal invalide (exemple : 69 ou 691)." });
    expect(campaignInput(draft({ postalPrefix: "690010" }), false).input).toBeNull();
  });

  it("keys a preview by its criteria only", () => {
    const a = campaignInput(draft({ boughtFrom: "2020-01-01" }), false).input!;
    const b = campaignInput(draft({ boughtFrom: "01/01/2020", name: "Autre", kind: "VO", assignees: [3] }), false).input!;
    expect(targetKey(a.target)).toBe(targetKey(b.target));
    expect(targetKey(a.target)).not.toBe(targetKey(campaignInput(draft({ boughtFrom: "2020-01-02" }), false).input!.target));
  });
});
