// A lead's files: uploading one (checked for size first, as the core will), opening and
// downloading one. Its bytes come as base64 (`document_read`) and become a Blob. A file's content is never rendered as HTML: only PDFs and images (types sniffed by the
// backend from the bytes) may open in a new window, through an object URL; images are shown in
// the window with a data: URL (the CSP allows `img-src data:`); anything else is downloaded.
import { ApiFailure, call } from "./api";
import { base64ToBytes, bytesToBase64 } from "./base64";
import type { FileContent, LeadFile } from "./bindings";
import { defaultTitle, isImage, isPdf, uploadTooBig } from "./deals";
import { documents as t } from "./i18n";

/** Long enough for a new window or a download to read the object URL. */
const REVOKE_AFTER_MS = 60_000;

/** The type a blob is made with: PDFs and images keep theirs; anything else is plain bytes. */
export function safeMime(mime: string): string {
  return isPdf(mime) || isImage(mime) ? mime : "application/octet-stream";
}

export function fileBlob(content: FileContent): Blob {
  return new Blob([base64ToBytes(content.base64)], { type: safeMime(content.mime) });
}

/** A data: URL to show an image in the window; null for anything but an image. */
export function imageDataUrl(content: FileContent): string | null {
  if (!isImage(content.mime) || !/^[A-Za-z0-9+/]*={0,2}$/.test(content.base64)) return null;
  return `data:${content.mime};base64,${content.base64}`;
}

function later(url: string) {
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Saves the file through the webview's download (`<a download>`). */
export function downloadFile(content: FileContent) {
  const url = URL.createObjectURL(fileBlob(content));
  const a = document.createElement("a");
  a.href = url;
  a.download = content.file_name;
  a.rel = "noopener";
  a.style.display = "none";
  document.body.append(a);
  a.click();
  a.remove();
  later(url);
}

/**
 * Opens a PDF or an image in a new window. Returns false when that was not possible (another
 * type, or the window refused to open one): the caller then downloads it instead.
 */
export function openInNewWindow(content: FileContent): boolean {
  if (!isPdf(content.mime) && !isImage(content.mime)) return false;
  const url = URL.createObjectURL(fileBlob(content));
  const opened = window.open(url, "_blank");
  if (!opened) {
    URL.revokeObjectURL(url);
    return false;
  }
  try {
    opened.opener = null;
  } catch {
    // Some engines forbid it; the file is a PDF or an image either way.
  }
  later(url);
  return true;
}

/** A refusal before sending, worded and shaped as the core's (field "file"). */
const refused = (message: string) => new ApiFailure({ code: "invalid", message, field: "file" });

/**
 * Uploads a file chosen by the user to the lead's documents (its name's stem when no title).
 * Rejects with an ApiFailure, the size checked here first.
 */
export async function uploadLeadFile(leadId: number, file: File, title: string): Promise<LeadFile> {
  const tooBig = uploadTooBig(file.size);
  if (tooBig) throw refused(tooBig);
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await file.arrayBuffer());
  } catch {
    throw refused(t.unreadable);
  }
  return call("document_upload", {
    lead_id: leadId,
    title: title.trim() || defaultTitle(file.name),
    file_name: file.name,
    base64: bytesToBase64(bytes),
  });
}

/** The file's content, to open or download it. */
export function readLeadFile(id: number): Promise<FileContent> {
  return call("document_read", { id });
}
