// Offer form helpers: euro amounts typed the French way, the lines as the form edits them, and
// the live preview of the totals. The preview follows the core's rule (crates/core documents/
// money.rs) for display only: the saved numbers are always the core's answer. Pure functions.
import type { DealVehicle, LineKind, Offer, OfferLine, Totals, VatRegime } from "./bindings";
import { offerForm } from "./i18n";

export const LINE_KINDS: readonly LineKind[] = ["vehicle", "option", "accessory", "discount", "fee", "registration", "malus"];

/** French VAT rate on cars, fees and accessories, in percent. */
export const VAT_RATE_PERCENT = 20;

/** Above this a typed amount is a mistake (100 million euros, as the core). */
export const MAX_CENTS = 10_000_000_000;

// Spaces a French amount may hold: ordinary, no-break, narrow no-break, thin.
const SPACES = /[\s\u00a0\u202f\u2009]/g;

/**
 * An amount in euros typed by a person → integer cents: "1 234,50" → 123450, "1234.5" → 123450,
 * "1.234,50 €" → 123450, "12 000" → 1200000, "-500" → -50000. Null for an empty or malformed
 * text, or more than two decimals. Computed on the digits (never through floating point).
 */
export function parseEuros(text: string): number | null {
  let s = text.replace(SPACES, "").replace(/(€|EUR)$/i, "");
  if (s === "") return null;
  let sign = 1;
  if (/^[-−]/.test(s)) {
    sign = -1;
    s = s.slice(1);
  } else if (s.startsWith("+")) {
    s = s.slice(1);
  }
  if (s === "") return null;
  let whole: string;
  let decimals = "";
  const lastComma = s.lastIndexOf(",");
  const lastDot = s.lastIndexOf(".");
  if (lastComma >= 0 && lastDot >= 0) {
    // Both: the last one separates the decimals, the other groups thousands.
    const decimalAt = Math.max(lastComma, lastDot);
    const group = decimalAt === lastComma ? "." : ",";
    const head = s.slice(0, decimalAt);
    if (!new RegExp(`^\\d{1,3}(\\${group}\\d{3})*$`).test(head)) return null;
    whole = head.split(group).join("");
    decimals = s.slice(decimalAt + 1);
  } else if (lastComma >= 0 || lastDot >= 0) {
    const sep = lastComma >= 0 ? "," : ".";
    const parts = s.split(sep);
    if (parts.length === 2 && parts[1].length <= 2) {
      [whole, decimals] = parts;
    } else if (sep === "." && /^\d{1,3}$/.test(parts[0]) && parts.slice(1).every((p) => /^\d{3}$/.test(p))) {
      // "1.234" or "1.234.567": thousands grouped with dots (a comma always marks decimals).
      whole = parts.join("");
    } else {
      return null;
    }
  } else {
    whole = s;
  }
  if (whole === "") whole = "0";
  if (!/^\d+$/.test(whole) || !/^\d{0,2}$/.test(decimals)) return null;
  const cents = Number(whole) * 100 + Number(decimals.padEnd(2, "0"));
  if (!Number.isSafeInteger(cents)) return null;
  return sign * cents === 0 ? 0 : sign * cents;
}

/** Cents → text for an input: 123450 → "1234,50", 1200000 → "12000"; "" for a missing value. */
export function centsToInput(cents: number | null | undefined): string {
  if (cents === null || cents === undefined || !Number.isFinite(cents)) return "";
  const sign = cents < 0 ? "-" : "";
  const abs = Math.abs(Math.round(cents));
  const euros = Math.floor(abs / 100);
  const rest = abs % 100;
  return rest === 0 ? `${sign}${euros}` : `${sign}${euros},${String(rest).padStart(2, "0")}`;
}

/** An optional amount typed in euros: empty → null, malformed → "invalid". */
export function optionalCents(text: string): number | null | "invalid" {
  if (text.trim() === "") return null;
  const cents = parseEuros(text);
  return cents === null ? "invalid" : cents;
}

/** VAT included in an amount TTC, rounded half-up (away from zero) to the cent: ttc × 20 / 120. */
export function vatIncluded(ttcCents: number): number {
  const denominator = 100 + VAT_RATE_PERCENT;
  const magnitude = Math.floor((Math.abs(ttcCents) * VAT_RATE_PERCENT * 2 + denominator) / (2 * denominator));
  return ttcCents < 0 ? -magnitude : magnitude;
}

const isGoods = (k: LineKind) => k === "vehicle" || k === "option" || k === "accessory" || k === "discount";
const isOutsideVat = (k: LineKind) => k === "registration" || k === "malus";

/**
 * The totals of an offer as the core computes them, for the live preview: VAT extracted from the
 * taxable total (normal: goods and fees; margin scheme: fees only); carte grise and malus outside
 * VAT; the trade-in deducted after the total. No checks: the core refuses what cannot be a sale.
 */
export function previewTotals(regime: VatRegime, lines: readonly OfferLine[], tradeInCents: number): Totals {
  const sum = (keep: (k: LineKind) => boolean) => lines.filter((l) => keep(l.kind)).reduce((s, l) => s + l.qty * l.unit_cents, 0);
  const goods = sum(isGoods);
  const fees = sum((k) => k === "fee");
  const outside = sum(isOutsideVat);
  const total = goods + fees + outside;
  const taxable = regime === "normal" ? goods + fees : fees;
  const vat = vatIncluded(taxable);
  return {
    goods_cents: goods,
    fees_cents: fees,
    outside_vat_cents: outside,
    total_ttc_cents: total,
    total_vat_cents: vat,
    total_ht_cents: taxable - vat,
    trade_in_cents: tradeInCents,
    net_cents: total - tradeInCents,
  };
}

/** A line as the form edits it: the amount as typed; a discount is typed as a positive amount. */
export type LineDraft = {
  /** Stable key for the list (lines move and disappear). */
  key: number;
  kind: LineKind;
  label: string;
  qty: number | null;
  /** Unit price TTC in euros, as typed ("1 234,50"). */
  amount: string;
};

let nextKey = 0;

/** A new line of a kind, with the kind's usual label (the vehicle line takes the vehicle's title). */
export function newLine(kind: LineKind, vehicleTitle = ""): LineDraft {
  const label = kind === "vehicle" ? vehicleTitle : offerForm.lineDefaults[kind];
  return { key: ++nextKey, kind, label, qty: 1, amount: "" };
}

/**
 * The first lines of a new offer: the vehicle at its advertised price, when the lead names one.
 */
export function initialLines(vehicleTitle: string, priceCents: number | null | undefined): LineDraft[] {
  const line = newLine("vehicle", vehicleTitle);
  line.amount = centsToInput(priceCents);
  return [line];
}

/** The unit price sent to the core: a discount is negative whatever sign was typed. Null when malformed. */
export function lineUnitCents(line: Pick<LineDraft, "kind" | "amount">): number | null {
  const cents = parseEuros(line.amount);
  if (cents === null) return null;
  return line.kind === "discount" ? -Math.abs(cents) : cents;
}

/** The lines for the core, and the indexes of lines whose amount or quantity cannot be read. */
export function draftsToLines(drafts: readonly LineDraft[]): { lines: OfferLine[]; bad: number[] } {
  const lines: OfferLine[] = [];
  const bad: number[] = [];
  drafts.forEach((d, i) => {
    const unit = lineUnitCents(d);
    const qty = d.qty;
    if (unit === null || qty === null || !Number.isInteger(qty)) {
      bad.push(i);
      return;
    }
    lines.push({ kind: d.kind, label: d.label.trim(), qty, unit_cents: unit });
  });
  return { lines, bad };
}

/**
 * The lines readable so far, for the preview: a line whose amount is still empty or malformed
 * counts for nothing (and its quantity for one until typed).
 */
export function previewLines(drafts: readonly LineDraft[]): OfferLine[] {
  const out: OfferLine[] = [];
  for (const d of drafts) {
    const unit = lineUnitCents(d);
    if (unit === null) continue;
    const qty = d.qty !== null && Number.isInteger(d.qty) && d.qty > 0 ? d.qty : 1;
    out.push({ kind: d.kind, label: d.label, qty, unit_cents: unit });
  }
  return out;
}

/** The lines of an existing offer, to revise it (a discount shows as a positive amount). */
export function offerToDrafts(offer: Pick<Offer, "lines">): LineDraft[] {
  return offer.lines.map((l) => ({
    key: ++nextKey,
    kind: l.kind,
    label: l.label,
    qty: l.qty,
    amount: centsToInput(l.kind === "discount" ? Math.abs(l.unit_cents) : l.unit_cents),
  }));
}

/** "Peugeot 3008 GT Pack" (make, model, version). */
export function vehicleTitle(v: Pick<DealVehicle, "make" | "model"> & { version?: string | null }): string {
  return [v.make, v.model, v.version].map((x) => (x ?? "").trim()).filter(Boolean).join(" ");
}
