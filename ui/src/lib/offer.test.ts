import { describe, expect, it } from "vitest";
import type { OfferLine } from "./bindings";
import {
  centsToInput,
  draftsToLines,
  initialLines,
  lineUnitCents,
  newLine,
  offerToDrafts,
  optionalCents,
  parseEuros,
  previewLines,
  previewTotals,
  vatIncluded,
  vehicleTitle,
} from "./offer";

const line = (kind: OfferLine["kind"], unit_cents: number, qty = 1): OfferLine => ({ kind, label: kind, qty, unit_cents });

describe("parseEuros", () => {
  it("reads amounts typed the French way", () => {
    expect(parseEuros("1 234,50")).toBe(123450);
    expect(parseEuros("1\u00a0234,50 €")).toBe(123450);
    expect(parseEuros("1\u202f234,5")).toBe(123450);
    expect(parseEuros("12 000")).toBe(1200000);
    expect(parseEuros("0,99")).toBe(99);
    expect(parseEuros(",5")).toBe(50);
    expect(parseEuros("  42 ")).toBe(4200);
  });

  it("reads dots as decimals or as thousands", () => {
    expect(parseEuros("1234.5")).toBe(123450);
    expect(parseEuros("1.234,50")).toBe(123450);
    expect(parseEuros("1.234")).toBe(123400);
    expect(parseEuros("1.234.567")).toBe(123456700);
    expect(parseEuros("1,234.50")).toBe(123450);
  });

  it("keeps the sign", () => {
    expect(parseEuros("-500")).toBe(-50000);
    expect(parseEuros("−500,10")).toBe(-50010);
    expect(parseEuros("+3")).toBe(300);
    expect(parseEuros("-0")).toBe(0);
  });

  it("refuses what is not an amount", () => {
    for (const bad of ["", "  ", "-", "abc", "12,345", "1,2,3", "12.3.4", "1 2a", "1.23.45", "12,3€4", "1e5"]) {
      expect(parseEuros(bad), bad).toBeNull();
    }
  });

  it("computes on the digits, without floating-point errors", () => {
    expect(parseEuros("0,29")).toBe(29);
    expect(parseEuros("1,15")).toBe(115);
    expect(parseEuros("19 999,99")).toBe(1999999);
  });
});

describe("centsToInput", () => {
  it("writes cents back for an input, and reads back the same", () => {
    expect(centsToInput(123450)).toBe("1234,50");
    expect(centsToInput(1200000)).toBe("12000");
    expect(centsToInput(5)).toBe("0,05");
    expect(centsToInput(-50000)).toBe("-500");
    expect(centsToInput(null)).toBe("");
    for (const c of [0, 1, 99, 100, 123456, 2999999]) expect(parseEuros(centsToInput(c))).toBe(c);
  });

  it("tells an empty optional amount from a malformed one", () => {
    expect(optionalCents("")).toBeNull();
    expect(optionalCents("1 000")).toBe(100000);
    expect(optionalCents("mille")).toBe("invalid");
  });
});

describe("vatIncluded", () => {
  it("extracts 20 % VAT from a TTC amount, rounded half-up", () => {
    expect(vatIncluded(12000)).toBe(2000);
    expect(vatIncluded(100)).toBe(17); // 16.67
    expect(vatIncluded(3)).toBe(1); // 0.5 → 1
    expect(vatIncluded(9)).toBe(2); // 1.5 → 2
    expect(vatIncluded(-3)).toBe(-1);
    expect(vatIncluded(0)).toBe(0);
    expect(vatIncluded(2_499_000)).toBe(416_500);
  });
});

describe("previewTotals", () => {
  const lines = [
    line("vehicle", 2_500_000),
    line("option", 50_000),
    line("accessory", 10_000, 2),
    line("discount", -100_000),
    line("fee", 60_000),
    line("registration", 30_000),
    line("malus", 100_000),
  ];

  it("normal regime: VAT on goods and fees; carte grise and malus outside VAT", () => {
    const t = previewTotals("normal", lines, 500_000);
    expect(t.goods_cents).toBe(2_470_000);
    expect(t.fees_cents).toBe(60_000);
    expect(t.outside_vat_cents).toBe(130_000);
    expect(t.total_ttc_cents).toBe(2_660_000);
    expect(t.total_vat_cents).toBe(Math.round((2_530_000 * 20) / 120)); // 421 666.67 → 421 667
    expect(t.total_vat_cents).toBe(421_667);
    expect(t.total_ht_cents).toBe(2_530_000 - 421_667);
    expect(t.trade_in_cents).toBe(500_000);
    expect(t.net_cents).toBe(2_160_000);
  });

  it("margin scheme: VAT only on the fees", () => {
    const t = previewTotals("margin", lines, 0);
    expect(t.total_ttc_cents).toBe(2_660_000);
    expect(t.total_vat_cents).toBe(10_000);
    expect(t.total_ht_cents).toBe(50_000);
    expect(t.net_cents).toBe(2_660_000);
  });

  it("is all zeros without lines", () => {
    const t = previewTotals("normal", [], 0);
    expect(t.total_ttc_cents).toBe(0);
    expect(t.total_vat_cents).toBe(0);
    expect(t.net_cents).toBe(0);
  });
});

describe("lines", () => {
  it("start with the kind's usual label and one unit", () => {
    expect(newLine("registration")).toMatchObject({ kind: "registration", label: "Carte grise", qty: 1, amount: "" });
    expect(newLine("malus").label).toBe("Malus écologique");
    expect(newLine("fee").label).toBe("Frais de mise à la route");
    expect(newLine("discount").label).toBe("Remise");
    expect(newLine("option").label).toBe("");
    expect(newLine("vehicle", "Peugeot 3008").label).toBe("Peugeot 3008");
    expect(newLine("option").key).not.toBe(newLine("option").key);
  });

  it("start a new offer with the vehicle at its advertised price", () => {
    const [first, ...rest] = initialLines("Peugeot 3008 GT", 2_990_000);
    expect(rest).toEqual([]);
    expect(first).toMatchObject({ kind: "vehicle", label: "Peugeot 3008 GT", qty: 1, amount: "29900" });
    expect(initialLines("Clio", null)[0].amount).toBe("");
  });

  it("send a discount typed as a positive amount as a negative one", () => {
    expect(lineUnitCents({ kind: "discount", amount: "500" })).toBe(-50000);
    expect(lineUnitCents({ kind: "discount", amount: "-500" })).toBe(-50000);
    expect(lineUnitCents({ kind: "option", amount: "1 200,50" })).toBe(120050);
    expect(lineUnitCents({ kind: "option", amount: "" })).toBeNull();
  });

  it("become the core's lines, with the bad ones named", () => {
    const drafts = [
      { ...newLine("vehicle", "  Peugeot 3008 "), amount: "29 900" },
      { ...newLine("discount"), amount: "1 000" },
      { ...newLine("option", "Toit"), amount: "mille" },
      { ...newLine("fee"), amount: "300", qty: null },
    ];
    const { lines, bad } = draftsToLines(drafts);
    expect(lines).toEqual([
      { kind: "vehicle", label: "Peugeot 3008", qty: 1, unit_cents: 2_990_000 },
      { kind: "discount", label: "Remise", qty: 1, unit_cents: -100_000 },
    ]);
    expect(bad).toEqual([2, 3]);
    // The preview counts what can be read.
    expect(previewLines(drafts).map((l) => l.unit_cents)).toEqual([2_990_000, -100_000, 30_000]);
  });

  it("come back from a saved offer for a new version", () => {
    const drafts = offerToDrafts({ lines: [line("vehicle", 2_990_000), line("discount", -50_000, 2)] });
    expect(drafts.map(({ kind, qty, amount }) => ({ kind, qty, amount }))).toEqual([
      { kind: "vehicle", qty: 1, amount: "29900" },
      { kind: "discount", qty: 2, amount: "500" },
    ]);
    expect(draftsToLines(drafts).lines[1].unit_cents).toBe(-50_000);
  });

  it("name the vehicle", () => {
    expect(vehicleTitle({ make: "Peugeot", model: "3008", version: " GT " })).toBe("Peugeot 3008 GT");
    expect(vehicleTitle({ make: "Renault", model: "Clio", version: null })).toBe("Renault Clio");
  });
});
