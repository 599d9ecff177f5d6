// Bloctel (the French opposition list to telemarketing): the list's state and an import's
// preview as Réglages → Confidentialité words them, and the file sent to the core. Pure functions.
import { bytesToBase64 } from "./base64";
import type { BloctelImportInput, BloctelReport, BloctelStatus } from "./bindings";
import { formatDayValue, formatInteger } from "./format";
import { bloctelList as t } from "./i18n";

/** The files Bloctel sends back: text, one number a line (CSV with a date column). */
export const BLOCTEL_ACCEPT = ".csv,.txt,text/csv,text/plain";

const numbers = (n: number) => t.numbers(n, formatInteger(n));

/** « 1 234 numéros, 12 contacts concernés — fichier bloctel.csv du 15/11/2026 », or « Aucune liste importée ». */
export function bloctelStatusLine(s: BloctelStatus): string {
  if (s.imported_at === null) return t.none;
  const date = formatDayValue(s.imported_at);
  const file = s.file_name?.trim();
  const origin = file ? t.fileOf(file, date) : t.importedOn(date);
  return t.status(numbers(s.numbers), t.contactsListed(s.contacts_listed, formatInteger(s.contacts_listed)), origin);
}

/** A dry run: « 1 234 numéros : 20 ajoutés, 3 retirés ; 12 contacts seront exclus de la prospection téléphonique ». */
export function bloctelPreviewLine(r: BloctelReport): string {
  return t.preview(
    numbers(r.numbers),
    t.added(r.added, formatInteger(r.added)),
    t.removed(r.removed, formatInteger(r.removed)),
    t.willExclude(r.contacts_listed, formatInteger(r.contacts_listed)),
  );
}

/** The import done: « Liste Bloctel importée : 1 234 numéros ; 12 contacts exclus de la prospection téléphonique. » */
export function bloctelDoneLine(r: BloctelReport): string {
  return t.done(numbers(r.numbers), t.excluded(r.contacts_listed, formatInteger(r.contacts_listed)));
}

/** A file chosen, as the command takes it: its name and its bytes in base64. */
export type BloctelFile = { file_name: string; base64: string };

export function bloctelFile(fileName: string, bytes: Uint8Array): BloctelFile {
  return { file_name: fileName, base64: bytesToBase64(bytes) };
}

/** The command's input: the file checked only (`dryRun`: what it would change) or imported. */
export function bloctelInput(file: BloctelFile, dryRun: boolean): BloctelImportInput {
  return { file_name: file.file_name, base64: file.base64, dry_run: dryRun };
}
