import { describe, expect, it } from "vitest";
import type { Offer } from "./bindings";
import {
  buyerFromContact,
  dayFromNow,
  defaultTitle,
  draftToVehicle,
  emptyVehicleDraft,
  fileKind,
  formatDay,
  isDay,
  latestVersions,
  MAX_UPLOAD_BYTES,
  normaliseMonth,
  offerActions,
  parseInteger,
  uploadTooBig,
  vehicleLabel,
  vehicleToDraft,
} from "./deals";
import { base64ToBytes, bytesToBase64 } from "./base64";
import { imageDataUrl, safeMime } from "./leadFiles";

describe("vehicle drafts", () => {
  it("start from the lead's vehicle of interest", () => {
    const d = vehicleToDraft({ id: 1, make: "Peugeot", model: "3008", version: null, vin: null, plate: "AB-123-CD", price_cents: 2_990_000 }, true);
    expect(d).toMatchObject({ make: "Peugeot", model: "3008", version: "", plate: "AB-123-CD", km: "", used: true });
    expect(vehicleToDraft(null)).toEqual(emptyVehicleDraft());
  });

  it("come back from a deal vehicle, used when it has a first registration", () => {
    const d = vehicleToDraft({ make: "Renault", model: "Clio", first_registration: "2019-03", km: 45000, co2_g_km: 110 });
    expect(d).toMatchObject({ first_registration: "2019-03", km: "45000", co2_g_km: "110", used: true });
    expect(vehicleToDraft({ make: "Renault", model: "Clio", used: false, km: 45000 }).used).toBe(false);
  });

  it("become the core's vehicle, numbers read the French way", () => {
    const d = { ...emptyVehicleDraft(true), make: " Renault ", model: "Clio", km: "45 000", co2_g_km: "110", first_registration: "03/2019", energy: "Diesel" };
    const { vehicle, errors } = draftToVehicle(d);
    expect(errors).toEqual({});
    expect(vehicle).toEqual({
      make: "Renault",
      model: "Clio",
      version: null,
      vin: null,
      plate: null,
      first_registration: "2019-03",
      km: 45000,
      energy: "Diesel",
      gearbox: null,
      colour: null,
      consumption: null,
      co2_g_km: 110,
      used: true,
    });
  });

  it("name the fields the form can tell wrong at once, as the core names them", () => {
    const { errors } = draftToVehicle({ ...emptyVehicleDraft(), km: "beaucoup", co2_g_km: "1,5", first_registration: "13/2019" });
    expect(Object.keys(errors).sort()).toEqual(["vehicle.co2_g_km", "vehicle.first_registration", "vehicle.km"]);
  });

  it("are labelled with their plate", () => {
    expect(vehicleLabel({ make: "Renault", model: "Clio", plate: "AB-123-CD" })).toBe("Renault Clio — AB-123-CD");
    expect(vehicleLabel({ make: "Renault", model: "Clio" })).toBe("Renault Clio");
  });
});

describe("numbers and dates typed", () => {
  it("integers with spaces or dots", () => {
    expect(parseInteger("45 000")).toBe(45000);
    expect(parseInteger("45.000 km")).toBe(45000);
    expect(parseInteger("")).toBeNull();
    expect(parseInteger("-3")).toBe("invalid");
    expect(parseInteger("12,5")).toBe("invalid");
  });

  it("months of first registration", () => {
    expect(normaliseMonth("2019-03")).toBe("2019-03");
    expect(normaliseMonth("2019-3")).toBe("2019-03");
    expect(normaliseMonth("03/2019")).toBe("2019-03");
    expect(normaliseMonth("3-2019")).toBe("2019-03");
    expect(normaliseMonth("15/03/2019")).toBe("2019-03-15");
    expect(normaliseMonth("2019-03-15")).toBe("2019-03-15");
    expect(normaliseMonth(" ")).toBeNull();
    for (const bad of ["2019-13", "00/2019", "31/02/2019", "mars 2019", "2019"]) expect(normaliseMonth(bad), bad).toBe("invalid");
  });

  it("days", () => {
    const now = Date.parse("2026-03-10T23:30:00Z"); // already the 11th in Paris
    expect(dayFromNow(now, 0)).toBe("2026-03-11");
    expect(dayFromNow(now, 15)).toBe("2026-03-26");
    expect(isDay("2026-02-28")).toBe(true);
    expect(isDay("2026-02-30")).toBe(false);
    expect(isDay("")).toBe(false);
    expect(formatDay("2026-03-26")).toBe("26/03/2026");
    expect(formatDay(null)).toBe("");
  });
});

describe("bon de commande", () => {
  it("prefills the buyer from the contact", () => {
    const buyer = buyerFromContact({ first_name: "Gaëlle", last_name: "Testeuse", company: null, postal_code: "69007", city: "Lyon", email: "g@example.fr", phone: null });
    expect(buyerFromContact({ first_name: "", last_name: "Morel", company: "SARL Morel", postal_code: null, city: null, email: null, phone: "+33698765432" })).toMatchObject({ name: "Morel", company: "SARL Morel", phone: "06 98 76 54 32", email: "" });
    expect(buyer).toEqual({ name: "Gaëlle Testeuse", company: "", address: "", postal_code: "69007", city: "Lyon", email: "g@example.fr", phone: "" });
    expect(buyerFromContact({ first_name: "Luc", last_name: "Peeters", company: null, postal_code: "1000", city: "Bruxelles", email: null, phone: null, address: "Rue Neuve 12" }).address).toBe("Rue Neuve 12");
  });
});

describe("offer actions", () => {
  const offer = (id: number, number: string, version: number, status: Offer["status"], order_id: number | null = null) =>
    ({ id, number, version, status, order_id }) as Offer;

  it("act on the latest version of each number", () => {
    const offers = [offer(1, "OF-2026-0001", 1, "remplacee"), offer(2, "OF-2026-0001", 2, "ouverte"), offer(3, "OF-2026-0002", 1, "refusee")];
    expect([...latestVersions(offers)].sort()).toEqual([2, 3]);
  });

  it("follow the core's rules", () => {
    expect(offerActions(offer(1, "A", 1, "ouverte"), true)).toEqual({ accept: true, refuse: true, revise: true, order: true });
    expect(offerActions(offer(1, "A", 1, "acceptee"), true)).toEqual({ accept: false, refuse: true, revise: false, order: true });
    expect(offerActions(offer(1, "A", 1, "refusee"), true)).toEqual({ accept: true, refuse: false, revise: true, order: false });
    expect(offerActions(offer(1, "A", 1, "remplacee"), false)).toEqual({ accept: false, refuse: false, revise: false, order: false });
    expect(offerActions(offer(1, "A", 1, "acceptee", 7), true)).toEqual({ accept: false, refuse: false, revise: false, order: false });
    expect(offerActions(offer(1, "A", 1, "ouverte"), false).revise).toBe(false);
  });
});

describe("files", () => {
  it("refuse an upload over 20 MB with the core's message", () => {
    expect(uploadTooBig(MAX_UPLOAD_BYTES)).toBeNull();
    expect(uploadTooBig(MAX_UPLOAD_BYTES + 1)).toBe("Fichier trop volumineux : 20 Mo au plus.");
  });

  it("take their title from the file name", () => {
    expect(defaultTitle("carte-grise.pdf")).toBe("carte-grise");
    expect(defaultTitle("C:\\scans\\permis recto.jpeg")).toBe("permis recto");
    expect(defaultTitle(".profile")).toBe(".profile");
  });

  it("name their type in French", () => {
    expect(fileKind("application/pdf")).toBe("PDF");
    expect(fileKind("image/jpeg")).toBe("Image JPEG");
    expect(fileKind("image/tiff")).toBe("Image");
    expect(fileKind("application/octet-stream")).toBe("Fichier");
  });

  it("open as PDF or image only; anything else is plain bytes", () => {
    expect(safeMime("application/pdf")).toBe("application/pdf");
    expect(safeMime("image/png")).toBe("image/png");
    expect(safeMime("text/html")).toBe("application/octet-stream");
    expect(safeMime("image/svg+xml")).toBe("application/octet-stream");
    expect(imageDataUrl({ file_name: "a.png", mime: "image/png", base64: "iVBORw0KGgo=" })).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(imageDataUrl({ file_name: "a.pdf", mime: "application/pdf", base64: "JVBERi0=" })).toBeNull();
    expect(imageDataUrl({ file_name: "a.png", mime: "image/png", base64: "<script>" })).toBeNull();
  });

  it("decode base64 back to bytes", () => {
    const bytes = new Uint8Array(70_000).map((_, i) => (i * 13) % 256);
    expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    expect(base64ToBytes("")).toEqual(new Uint8Array(0));
  });
});
