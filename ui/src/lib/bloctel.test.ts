import { describe, expect, it } from "vitest";
import { base64ToBytes } from "./base64";
import type { BloctelStatus } from "./bindings";
import { bloctelDoneLine, bloctelFile, bloctelInput, bloctelPreviewLine, bloctelStatusLine } from "./bloctel";

const NBSP = "\u00a0";

const status = (over: Partial<BloctelStatus> = {}): BloctelStatus => ({
  numbers: 1234,
  contacts_listed: 12,
  imported_at: "2026-11-15T09:30:00Z",
  file_name: "bloctel.csv",
  stale: false,
  ...over,
});

describe("Bloctel status", () => {
  it("says how many numbers and contacts, from which file and day", () => {
    expect(bloctelStatusLine(status())).toBe(`1${NBSP}234 numéros, 12 contacts concernés — fichier bloctel.csv du 15/11/2026`);
    expect(bloctelStatusLine(status({ numbers: 1, contacts_listed: 0, file_name: null, imported_at: "2026-01-31T23:30:00Z" }))).toBe(
      "1 numéro, 0 contact concerné — importée le 01/02/2026",
    );
    expect(bloctelStatusLine(status({ file_name: "  " }))).toContain("— importée le 15/11/2026");
  });

  it("says when no list was imported", () => {
    expect(bloctelStatusLine(status({ numbers: 0, contacts_listed: 0, imported_at: null, file_name: null }))).toBe("Aucune liste importée");
  });
});

describe("Bloctel import", () => {
  const report = { dry_run: true, numbers: 1234, added: 20, removed: 3, contacts_listed: 12 };

  it("previews what the file changes", () => {
    expect(bloctelPreviewLine(report)).toBe(`1${NBSP}234 numéros : 20 ajoutés, 3 retirés ; 12 contacts seront exclus de la prospection téléphonique`);
    expect(bloctelPreviewLine({ ...report, numbers: 1, added: 1, removed: 0, contacts_listed: 1 })).toBe(
      "1 numéro : 1 ajouté, 0 retiré ; 1 contact sera exclu de la prospection téléphonique",
    );
  });

  it("reports the import", () => {
    expect(bloctelDoneLine({ ...report, dry_run: false })).toBe(`Liste Bloctel importée : 1${NBSP}234 numéros ; 12 contacts exclus de la prospection téléphonique.`);
  });

  it("sends the file's bytes in base64, checked or imported", () => {
    const text = "0612345678;2026-11-01\n+33 1 23 45 67 89\n";
    const file = bloctelFile("bloctel.csv", new TextEncoder().encode(text));
    expect(new TextDecoder().decode(base64ToBytes(file.base64))).toBe(text);
    expect(bloctelInput(file, true)).toEqual({ file_name: "bloctel.csv", base64: file.base64, dry_run: true });
    expect(bloctelInput(file, false).dry_run).toBe(false);
  });
});
