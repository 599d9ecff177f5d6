// Réglages → Sauvegardes: the integrity state as the screen words it, the staleness of the last
// backup, and the settings form's checks. Pure functions (the current time is passed in).
import type { BackupSettings, BackupStatus } from "./bindings";
import { formatDateTime } from "./format";
import { backupsTab as t } from "./i18n";

/** How many backups the folder may keep (the backend refuses anything else). */
export const KEEP_MIN = 1;
export const KEEP_MAX = 365;

/** A last backup older than this is flagged: the daily one should have run since. */
export const STALE_AFTER_MS = 48 * 60 * 60 * 1000;

export type IntegrityView =
  | { kind: "unknown"; text: string }
  | { kind: "ok"; text: string }
  | { kind: "damaged"; text: string; findings: string[] };

/**
 * The last `quick_check` as shown: not run yet, "ok", or SQLite's findings (joined by " ; " by
 * the backend), one per line.
 */
export function integrityView(s: Pick<BackupStatus, "integrity" | "integrity_at">): IntegrityView {
  const result = s.integrity?.trim() ?? "";
  if (result === "") return { kind: "unknown", text: t.integrityUnknown };
  const date = formatDateTime(s.integrity_at);
  if (result.toLowerCase() === "ok") return { kind: "ok", text: date ? t.integrityOk(date) : t.integrityOkUndated };
  const findings = result
    .split(" ; ")
    .map((f) => f.trim())
    .filter((f) => f !== "");
  return { kind: "damaged", text: date ? t.integrityBad(date) : t.integrityBadUndated, findings };
}

/** The last backup is older than two days (none at all is said otherwise). */
export function isBackupStale(lastAt: string | null | undefined, now: number): boolean {
  if (!lastAt) return false;
  const ms = Date.parse(lastAt);
  return !Number.isNaN(ms) && now - ms > STALE_AFTER_MS;
}

export function isValidKeep(keep: number | null | undefined): keep is number {
  return typeof keep === "number" && Number.isInteger(keep) && keep >= KEEP_MIN && keep <= KEEP_MAX;
}

/**
 * The settings form → the command's input, or the errors to show next to the fields. The folder
 * is sent trimmed ("" = the default folder beside the database); the backend checks that it is a
 * full path it can write to.
 */
export function backupSettingsInput(
  folder: string,
  keep: number | null | undefined,
): { ok: true; input: BackupSettings } | { ok: false; fields: Record<string, string> } {
  if (!isValidKeep(keep)) return { ok: false, fields: { keep: t.keepInvalid } };
  return { ok: true, input: { folder: folder.trim(), keep } };
}
