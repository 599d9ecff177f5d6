import { describe, expect, it, vi } from "vitest";
import type { FileFormat, ImportField, ImportUpload } from "./bindings";
import {
  chunkRanges,
  delimiterName,
  describeFormat,
  formatImportProgress,
  headerChoices,
  importFraction,
  importTargets,
  isImportCancelled,
  isImportProgress,
  missingRequired,
  profileNames,
  setColumn,
  uploadInChunks,
  usableMapping,
} from "./dmsImport";

const NBSP = "\u00a0";

const FIELDS: ImportField[] = [
  { key: "vin", label: "VIN", required: true },
  { key: "make", label: "Marque", required: true },
  { key: "price", label: "Prix TTC", required: false },
  { key: "condition", label: "VN/VO", required: true },
];

describe("chunks", () => {
  it("cuts a file into chunks, the last one shorter", () => {
    expect(chunkRanges(10, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
      { start: 8, end: 10 },
    ]);
    expect(chunkRanges(8, 4)).toEqual([
      { start: 0, end: 4 },
      { start: 4, end: 8 },
    ]);
  });

  it("sends one empty chunk for an empty file (the core then says it is empty)", () => {
    expect(chunkRanges(0)).toEqual([{ start: 0, end: 0 }]);
  });

  it("uploads chunk by chunk with the id the core gave, reporting progress", async () => {
    const bytes = new Uint8Array(9 * 1024 * 1024).map((_, i) => i % 251);
    const sent: ImportUpload[] = [];
    const send = vi.fn(async (c: ImportUpload) => {
      sent.push(c);
      return { upload_id: "a".repeat(32), received: c.offset + atob(c.data_base64).length };
    });
    const progress: number[] = [];
    const id = await uploadInChunks(new Blob([bytes]), send, (p) => progress.push(p.sent));
    expect(id).toBe("a".repeat(32));
    expect(sent.map((c) => [c.upload_id, c.offset])).toEqual([
      [null, 0],
      ["a".repeat(32), 4 * 1024 * 1024],
      ["a".repeat(32), 8 * 1024 * 1024],
    ]);
    expect(atob(sent[2].data_base64).length).toBe(1024 * 1024);
    expect(atob(sent[1].data_base64).charCodeAt(0)).toBe((4 * 1024 * 1024) % 251);
    expect(progress).toEqual([0, 4 * 1024 * 1024, 8 * 1024 * 1024, 9 * 1024 * 1024]);
  });

  it("stops between chunks when asked", async () => {
    const send = vi.fn(async (c: ImportUpload) => ({ upload_id: "b".repeat(32), received: c.offset + 4 * 1024 * 1024 }));
    let calls = 0;
    const id = await uploadInChunks(new Blob([new Uint8Array(9 * 1024 * 1024)]), send, undefined, () => ++calls > 1);
    expect(id).toBeNull();
    expect(send).toHaveBeenCalledTimes(1);
  });
});

describe("mapping", () => {
  it("offers each named header once", () => {
    expect(headerChoices(["VIN", "", "Marque", "VIN", " "])).toEqual(["VIN", "Marque"]);
  });

  it("keeps known fields mapped to columns of this file", () => {
    expect(usableMapping({ vin: "N° VIN", make: "Constructeur", nonsense: "Marque" }, FIELDS, ["N° VIN", "Marque"])).toEqual({ vin: "N° VIN" });
  });

  it("moves a column to the field it is chosen for, and ignores a field", () => {
    const m = { vin: "N° VIN", make: "Marque" };
    expect(setColumn(m, "price", "Marque")).toEqual({ vin: "N° VIN", price: "Marque" });
    expect(setColumn(m, "make", "")).toEqual({ vin: "N° VIN" });
    expect(setColumn(m, "make", "Type")).toEqual({ vin: "N° VIN", make: "Type" });
    expect(m).toEqual({ vin: "N° VIN", make: "Marque" });
  });

  it("lists the required fields without a column", () => {
    expect(missingRequired(FIELDS, { vin: "VIN" })).toEqual(["Marque", "VN/VO"]);
    expect(missingRequired(FIELDS, { vin: "VIN", make: "M", condition: "Type" })).toEqual([]);
  });

  it("keeps the profiles of the file's kind", () => {
    const profiles = [
      { name: "Stock DMS", target: "stock" as const, mapping: {} },
      { name: "Clients", target: "customers" as const, mapping: {} },
    ];
    expect(profileNames(profiles, "stock")).toEqual(["Stock DMS"]);
    expect(profileNames(profiles, "history")).toEqual([]);
  });
});

describe("format and progress in French", () => {
  const csv: FileFormat = { kind: "CSV", encoding: "windows-1252", delimiter: ";", headers: ["VIN", "Marque"], header_line: 1 };

  it("describes a CSV and a workbook", () => {
    expect(describeFormat(csv)).toBe("CSV · windows-1252 · séparateur point-virgule (;) · en-têtes ligne 1 · 2 colonnes");
    expect(describeFormat({ kind: "Classeur", encoding: "Stock", delimiter: "", headers: ["VIN"], header_line: 3 })).toBe(
      "Classeur · Stock · en-têtes ligne 3 · 1 colonne",
    );
    expect(delimiterName("\t")).toBe("tabulation");
    expect(delimiterName("#")).toBe("« # »");
  });

  it("reads the progress events", () => {
    expect(isImportProgress({ rows: 512, fraction: 0.25 })).toBe(true);
    expect(isImportProgress({ done: 1, total: 2 })).toBe(false);
    expect(isImportProgress(null)).toBe(false);
    expect(importFraction(null)).toBeNull();
    expect(importFraction({ rows: 1, fraction: 1.2 })).toBe(1);
    expect(formatImportProgress({ rows: 12288, fraction: 0.404 })).toBe(`12${NBSP}288 lignes lues (40${NBSP}%)`);
    expect(formatImportProgress(null)).toBe("");
  });

  it("recognises a cancelled run", () => {
    expect(isImportCancelled({ code: "refused", message: "Import annulé : rien n'a été enregistré." }, false)).toBe(true);
    expect(isImportCancelled({ code: "refused", message: "Autre refus" }, true)).toBe(true);
    expect(isImportCancelled({ code: "refused", message: "Autre refus" }, false)).toBe(false);
    expect(isImportCancelled({ code: "internal", message: "Erreur" }, true)).toBe(false);
  });

  it("offers the fixed target or the page's choice", () => {
    expect(importTargets("stock")).toEqual(["stock"]);
    expect(importTargets(["customers", "history"])).toEqual(["customers", "history"]);
  });
});
