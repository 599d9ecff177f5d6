import { describe, expect, it } from "vitest";
import { backupSettingsInput, integrityView, isBackupStale, isValidKeep, STALE_AFTER_MS } from "./backups";

describe("integrity view", () => {
  it("says the base is sound, dated in Paris time", () => {
    expect(integrityView({ integrity: "ok", integrity_at: "2026-01-15T07:05:00Z" })).toEqual({
      kind: "ok",
      text: "Base vérifiée le 15/01/2026 08:05 : intègre",
    });
    expect(integrityView({ integrity: "ok", integrity_at: null }).kind).toBe("ok");
  });

  it("lists SQLite's findings one by one", () => {
    const v = integrityView({
      integrity: "*** in database main ***\nPage 12: btreeInitPage() returns error code 11 ; row 3 missing from index idx_leads_status",
      integrity_at: "2026-07-01T06:00:00Z",
    });
    expect(v.kind).toBe("damaged");
    expect(v.text).toBe("Base vérifiée le 01/07/2026 08:00 : SQLite signale des anomalies.");
    expect(v.kind === "damaged" && v.findings).toEqual([
      "*** in database main ***\nPage 12: btreeInitPage() returns error code 11",
      "row 3 missing from index idx_leads_status",
    ]);
  });

  it("has nothing to say before the first check", () => {
    expect(integrityView({ integrity: null, integrity_at: null }).kind).toBe("unknown");
    expect(integrityView({ integrity: "  ", integrity_at: null }).kind).toBe("unknown");
  });
});

describe("stale backups", () => {
  const now = Date.parse("2026-03-10T12:00:00Z");
  it("flags a last backup older than two days", () => {
    expect(isBackupStale("2026-03-09T12:00:00Z", now)).toBe(false);
    expect(isBackupStale(new Date(now - STALE_AFTER_MS).toISOString(), now)).toBe(false);
    expect(isBackupStale(new Date(now - STALE_AFTER_MS - 60_000).toISOString(), now)).toBe(true);
  });
  it("says nothing without a (valid) last backup", () => {
    expect(isBackupStale(null, now)).toBe(false);
    expect(isBackupStale(undefined, now)).toBe(false);
    expect(isBackupStale("hier", now)).toBe(false);
  });
});

describe("backup settings form", () => {
  it("keeps 1 to 365 backups", () => {
    expect(isValidKeep(1)).toBe(true);
    expect(isValidKeep(365)).toBe(true);
    expect(isValidKeep(0)).toBe(false);
    expect(isValidKeep(366)).toBe(false);
    expect(isValidKeep(2.5)).toBe(false);
    expect(isValidKeep(null)).toBe(false);
    expect(isValidKeep(Number.NaN)).toBe(false);
  });

  it("sends the folder trimmed, empty for the default one", () => {
    expect(backupSettingsInput("  /media/cle-usb/carnet ", 14)).toEqual({ ok: true, input: { folder: "/media/cle-usb/carnet", keep: 14 } });
    expect(backupSettingsInput("   ", 7)).toEqual({ ok: true, input: { folder: "", keep: 7 } });
  });

  it("puts a wrong number next to its field, as the backend would", () => {
    expect(backupSettingsInput("", null)).toEqual({ ok: false, fields: { keep: "Nombre de sauvegardes gardées : de 1 à 365." } });
    expect(backupSettingsInput("", 0)).toEqual({ ok: false, fields: { keep: "Nombre de sauvegardes gardées : de 1 à 365." } });
  });
});
