// The DMS import wizard's pure helpers: the file sent in chunks, the column mapping as the user
// edits it, the file's format and the run's progress in French, and a cancelled run.
import { bytesToBase64 } from "./base64";
import type { FileFormat, ImportField, ImportProfile, ImportTarget, ImportUpload, UploadState } from "./bindings";
import { formatInteger } from "./format";
import { importWizard as t } from "./i18n";
import { formatPercent } from "./reports";

/** One chunk read from the file and sent (the core accepts up to 8 MiB decoded). */
export const UPLOAD_CHUNK_BYTES = 4 * 1024 * 1024;

/** The files the core reads: CSV (and .txt exports) and workbooks. */
export const IMPORT_ACCEPT = ".csv,.txt,.xlsx,.xls,.ods";

/** Field key → the header of the file's column that feeds it. */
export type Mapping = Record<string, string>;

/** How far an import is (the shell's `import-progress` event). */
export type ImportProgress = { rows: number; fraction: number };

export function isImportProgress(value: unknown): value is ImportProgress {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ImportProgress).rows === "number" &&
    typeof (value as ImportProgress).fraction === "number"
  );
}

/** Where each chunk of a file of `size` bytes starts and ends; one empty chunk for an empty file. */
export function chunkRanges(size: number, chunk = UPLOAD_CHUNK_BYTES): { start: number; end: number }[] {
  if (size <= 0) return [{ start: 0, end: 0 }];
  const out: { start: number; end: number }[] = [];
  for (let start = 0; start < size; start += chunk) out.push({ start, end: Math.min(size, start + chunk) });
  return out;
}

export type UploadProgress = { sent: number; total: number };

/**
 * Sends a file in chunks through `send` (`import_upload`): the first one without upload id, the
 * next ones with the id the core gave. Resolves to the upload id, or null when `stopped` says
 * to give up (checked before each chunk). Rejects with `send`'s failure.
 */
export async function uploadInChunks(
  file: Blob,
  send: (chunk: ImportUpload) => Promise<UploadState>,
  onProgress?: (p: UploadProgress) => void,
  stopped: () => boolean = () => false,
): Promise<string | null> {
  let uploadId: string | null = null;
  onProgress?.({ sent: 0, total: file.size });
  for (const { start, end } of chunkRanges(file.size)) {
    if (stopped()) return null;
    const bytes = new Uint8Array(await file.slice(start, end).arrayBuffer());
    const state = await send({ upload_id: uploadId, offset: start, data_base64: bytesToBase64(bytes) });
    uploadId = state.upload_id;
    onProgress?.({ sent: state.received, total: file.size });
  }
  return uploadId;
}

/** The file's headers a column can be chosen from: named ones, each once. */
export function headerChoices(headers: readonly string[]): string[] {
  return [...new Set(headers.filter((h) => h.trim() !== ""))];
}

/** The mapping without unknown fields nor columns this file does not have (a profile of another file). */
export function usableMapping(mapping: Mapping, fields: readonly ImportField[], headers: readonly string[]): Mapping {
  const keys = new Set(fields.map((f) => f.key));
  const choices = new Set(headerChoices(headers));
  return Object.fromEntries(Object.entries(mapping).filter(([k, h]) => keys.has(k) && choices.has(h)));
}

/**
 * The mapping with `header` chosen for the field `key` ("" ignores the field). A column feeds
 * one field only: a field that had it loses it.
 */
export function setColumn(mapping: Mapping, key: string, header: string): Mapping {
  const out: Mapping = {};
  for (const [k, h] of Object.entries(mapping)) {
    if (k !== key && h !== header) out[k] = h;
  }
  if (header !== "") out[key] = header;
  return out;
}

/** Labels of the required fields with no column. */
export function missingRequired(fields: readonly ImportField[], mapping: Mapping): string[] {
  return fields.filter((f) => f.required && !mapping[f.key]).map((f) => f.label);
}

/** "point-virgule (;)" for a CSV's separator, the character itself when unusual. */
export function delimiterName(delimiter: string): string {
  return t.delimiters[delimiter] ?? `« ${delimiter} »`;
}

/** "CSV · windows-1252 · séparateur point-virgule (;) · en-têtes ligne 1" (a workbook names its sheet). */
export function describeFormat(f: FileFormat): string {
  const parts = [f.kind, f.encoding];
  if (f.delimiter !== "") parts.push(t.separator(delimiterName(f.delimiter)));
  parts.push(t.headerLine(f.header_line), t.columnsCount(f.headers.length));
  return parts.join(" · ");
}

/** The saved profiles' names for one kind of file. */
export function profileNames(profiles: readonly ImportProfile[], target: ImportTarget): string[] {
  return profiles.filter((p) => p.target === target).map((p) => p.name);
}

/** The share of the file read, 0 to 1; null before the first report. */
export function importFraction(p: ImportProgress | null): number | null {
  if (!p || !Number.isFinite(p.fraction)) return null;
  return Math.min(1, Math.max(0, p.fraction));
}

/** "12 288 lignes lues (40 %)"; "" before the first report. */
export function formatImportProgress(p: ImportProgress | null): string {
  const f = importFraction(p);
  if (f === null || !p) return "";
  return t.progress(formatInteger(Math.max(0, Math.round(p.rows))), formatPercent(Math.floor(f * 100)));
}

/** Whether a run's failure is its cancellation (nothing was stored). */
export function isImportCancelled(e: { code: string; message: string }, cancelAsked: boolean): boolean {
  if (e.message === t.cancelled) return true;
  return cancelAsked && e.code === "refused";
}

/** The targets the wizard offers: the given one, or the choice of the Clients page. */
export function importTargets(fixed: ImportTarget | readonly ImportTarget[]): ImportTarget[] {
  return typeof fixed === "string" ? [fixed] : [...fixed];
}
