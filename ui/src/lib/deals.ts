// Deal documents helpers shared by the trade-in, test drive, offer and order forms and the
// Documents tab: vehicles as the forms edit them, integers and months typed the French way,
// the buyer's first values, which actions an offer allows, uploads' limits and file types.
// Pure functions.
import { addDays, parisDayKey, type DayKey } from "./agenda";
import type { Buyer, Contact, DealVehicle, FileContent, LeadFile, Offer, TestDrive, TradeIn, Vehicle } from "./bindings";
import { formatPhone } from "./format";
import { documents as t, errors as msg } from "./i18n";
import { vehicleTitle } from "./offer";

/** The core's limit of an uploaded document. */
export const MAX_UPLOAD_BYTES = 20 * 1024 * 1024;

/** Days an offer stays valid when the vendeur does not say (the core's default). */
export const OFFER_VALIDITY_DAYS = 15;

/** The editable vehicle fields, as strings for inputs. */
export type VehicleDraft = {
  make: string;
  model: string;
  version: string;
  vin: string;
  plate: string;
  first_registration: string;
  km: string;
  energy: string;
  gearbox: string;
  colour: string;
  consumption: string;
  co2_g_km: string;
  used: boolean;
};

export function emptyVehicleDraft(used = false): VehicleDraft {
  return {
    make: "",
    model: "",
    version: "",
    vin: "",
    plate: "",
    first_registration: "",
    km: "",
    energy: "",
    gearbox: "",
    colour: "",
    consumption: "",
    co2_g_km: "",
    used,
  };
}

const text = (v: string | null | undefined) => v ?? "";
const num = (v: number | null | undefined) => (v === null || v === undefined ? "" : String(v));

/** A deal vehicle (or the lead's vehicle of interest) → draft. */
export function vehicleToDraft(v: DealVehicle | Vehicle | null | undefined, used = false): VehicleDraft {
  if (!v) return emptyVehicleDraft(used);
  const d = v as Partial<DealVehicle>;
  return {
    make: v.make,
    model: v.model,
    version: text(v.version),
    vin: text(v.vin),
    plate: text(v.plate),
    first_registration: text(d.first_registration),
    km: num(d.km),
    energy: text(d.energy),
    gearbox: text(d.gearbox),
    colour: text(d.colour),
    consumption: text(d.consumption),
    co2_g_km: num(d.co2_g_km),
    used: d.used ?? (used || !!d.first_registration || (d.km ?? 0) > 100),
  };
}

/** "45 000" → 45000; null when empty; "invalid" when not a whole number ≥ 0. */
export function parseInteger(value: string): number | null | "invalid" {
  const s = value.replace(/[\s\u00a0\u202f\u2009.]/g, "").replace(/km$/i, "");
  if (s === "") return null;
  if (!/^\d+$/.test(s)) return "invalid";
  const n = Number(s);
  return Number.isSafeInteger(n) ? n : "invalid";
}

/**
 * A month typed for a first registration → "YYYY-MM": "2019-03", "03/2019", "3/2019", "03-2019",
 * or a full date ("2019-03-15", "15/03/2019" → "2019-03-15"). Null when empty, "invalid" otherwise.
 */
export function normaliseMonth(value: string): string | null | "invalid" {
  const s = value.trim();
  if (s === "") return null;
  let m: RegExpExecArray | null;
  const month = (y: string, mo: string) => {
    const n = Number(mo);
    return n >= 1 && n <= 12 ? `${y}-${String(n).padStart(2, "0")}` : "invalid";
  };
  if ((m = /^(\d{4})-(\d{1,2})$/.exec(s))) return month(m[1], m[2]);
  if ((m = /^(\d{1,2})[/.-](\d{4})$/.exec(s))) return month(m[2], m[1]);
  if ((m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s))) return validDay(m[1], m[2], m[3]);
  if ((m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s))) return validDay(m[3], m[2].padStart(2, "0"), m[1].padStart(2, "0"));
  return "invalid";
}

function validDay(y: string, mo: string, d: string): string | "invalid" {
  const key = `${y}-${mo}-${d}`;
  const date = new Date(`${key}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === key ? key : "invalid";
}

const optional = (v: string) => {
  const s = v.trim();
  return s === "" ? null : s;
};

/**
 * The draft → the core's vehicle, and the errors the form can tell at once (keys as the core
 * names the fields: "vehicle.km"…). Make and model are left to the core's checks.
 */
export function draftToVehicle(d: VehicleDraft): { vehicle: DealVehicle; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const km = parseInteger(d.km);
  if (km === "invalid") errors["vehicle.km"] = t.kmInvalid;
  const co2 = parseInteger(d.co2_g_km);
  if (co2 === "invalid") errors["vehicle.co2_g_km"] = t.co2Invalid;
  const first = normaliseMonth(d.first_registration);
  if (first === "invalid") errors["vehicle.first_registration"] = t.monthInvalid;
  return {
    vehicle: {
      make: d.make.trim(),
      model: d.model.trim(),
      version: optional(d.version),
      vin: optional(d.vin),
      plate: optional(d.plate),
      first_registration: first === "invalid" ? null : first,
      km: km === "invalid" ? null : km,
      energy: optional(d.energy),
      gearbox: optional(d.gearbox),
      colour: optional(d.colour),
      consumption: optional(d.consumption),
      co2_g_km: co2 === "invalid" ? null : co2,
      used: d.used,
    },
    errors,
  };
}

/** "Peugeot 3008 — AB-123-CD" (the plate when known). */
export function vehicleLabel(v: DealVehicle): string {
  const title = vehicleTitle(v);
  return v.plate ? `${title} — ${v.plate}` : title;
}

/** A Paris day n days from now ("YYYY-MM-DD"), for dates' first values. */
export function dayFromNow(now: number, days: number): DayKey {
  return addDays(parisDayKey(now), days);
}

/** A valid calendar day "YYYY-MM-DD"? */
export function isDay(value: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(value) && validDay(value.slice(0, 4), value.slice(5, 7), value.slice(8, 10)) !== "invalid";
}

/** "2026-03-15" → "15/03/2026"; other text as given. */
export function formatDay(day: string | null | undefined): string {
  if (!day) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(day);
  return m ? `${m[3]}/${m[2]}/${m[1]}` : day;
}

/** The buyer's first values on a bon de commande: the lead's contact (its address when known). */
export function buyerFromContact(
  c: Pick<Contact, "first_name" | "last_name" | "company" | "postal_code" | "city" | "email" | "phone"> & { address?: string | null },
): Buyer {
  return {
    name: `${c.first_name} ${c.last_name}`.trim(),
    company: c.company ?? "",
    address: c.address ?? "",
    postal_code: c.postal_code ?? "",
    city: c.city ?? "",
    email: c.email ?? "",
    phone: formatPhone(c.phone),
  };
}

/** The latest version of each offer number (the ones a vendeur acts on). */
export function latestVersions(offers: readonly Offer[]): Set<number> {
  const best = new Map<string, Offer>();
  for (const o of offers) {
    const seen = best.get(o.number);
    if (!seen || o.version > seen.version) best.set(o.number, o);
  }
  return new Set([...best.values()].map((o) => o.id));
}

/** What may be done with an offer, as the core allows it. */
export type OfferActions = { accept: boolean; refuse: boolean; revise: boolean; order: boolean };

export function offerActions(o: Pick<Offer, "status" | "order_id">, latest: boolean): OfferActions {
  const ordered = o.order_id !== null;
  const live = !ordered && o.status !== "remplacee";
  return {
    accept: live && o.status !== "acceptee",
    refuse: live && o.status !== "refusee",
    revise: latest && !ordered && o.status !== "acceptee" && o.status !== "remplacee",
    order: live && (o.status === "ouverte" || o.status === "acceptee"),
  };
}

/** A file is too big to upload: the core's message, said before sending it. */
export function uploadTooBig(size: number): string | null {
  return size > MAX_UPLOAD_BYTES ? t.tooBig : null;
}

/** The title of an upload when none is typed: the file's name without its extension. */
export function defaultTitle(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, "");
  const dot = base.lastIndexOf(".");
  return (dot > 0 ? base.slice(0, dot) : base).trim() || base;
}

const IMAGE_MIMES = ["image/png", "image/jpeg", "image/gif", "image/webp"];

export function isImage(mime: string): boolean {
  return IMAGE_MIMES.includes(mime);
}

export function isPdf(mime: string): boolean {
  return mime === "application/pdf";
}

/** A short French name of a file's type: "PDF", "Image JPEG", "Document Word"… */
export function fileKind(mime: string): string {
  return t.fileKinds[mime] ?? (mime.startsWith("image/") ? t.fileKinds.image : t.fileKinds.other);
}

/** The lead's photos (images), for the trade-in inspection. */
export function imageFiles(files: readonly LeadFile[]): LeadFile[] {
  return files.filter((f) => isImage(f.mime));
}

/** Turns a required value into a field error ("Ce champ est obligatoire."). */
export function required(value: string): string | null {
  return value.trim() === "" ? msg.fieldRequired : null;
}

/** The deal dialogs of the lead page, with what each one edits. */
export type DealDialog =
  | { kind: "tradein"; tradein: TradeIn | null }
  | { kind: "testdrive"; testdrive: TestDrive | null }
  | { kind: "offer"; revise: Offer | null }
  | { kind: "order"; offer: Offer }
  | { kind: "upload" }
  | { kind: "mail"; files: LeadFile[] }
  | { kind: "rename"; file: LeadFile }
  | { kind: "delete"; file: LeadFile }
  | { kind: "preview"; title: string; content: FileContent; fileId: number };
