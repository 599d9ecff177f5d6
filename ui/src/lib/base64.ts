// Base64 for files sent to and read from the backend (no "data:" prefix). The garage's logo:
// the image type read from the first bytes (PNG or JPEG only, as the backend accepts), and a
// data: URL for the preview (allowed by the window's CSP `img-src data:`).

/** The backend's limit. */
export const MAX_LOGO_BYTES = 2 * 1024 * 1024;

export type LogoMime = "image/png" | "image/jpeg";

const CHUNK = 0x8000;

/** Standard base64 (RFC 4648, with padding) of bytes. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += CHUNK) {
    binary += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  }
  return btoa(binary);
}

const PNG = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const JPEG = [0xff, 0xd8, 0xff];
const startsWith = (bytes: Uint8Array, magic: number[]) => magic.every((b, i) => bytes[i] === b);

/** The image type from the file's first bytes (never from its name): PNG, JPEG, or null. */
export function imageMime(bytes: Uint8Array): LogoMime | null {
  if (startsWith(bytes, PNG)) return "image/png";
  if (startsWith(bytes, JPEG)) return "image/jpeg";
  return null;
}

export type LogoCheck = { ok: true; mime: LogoMime; base64: string } | { ok: false; reason: "type" | "size" };

/** A chosen logo file, checked as the backend will: PNG or JPEG, 2 MB at most. */
export function checkLogo(bytes: Uint8Array): LogoCheck {
  const mime = imageMime(bytes);
  if (!mime) return { ok: false, reason: "type" };
  if (bytes.length > MAX_LOGO_BYTES) return { ok: false, reason: "size" };
  return { ok: true, mime, base64: bytesToBase64(bytes) };
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A data: URL to show a logo; null for any other type or malformed data. */
export function logoDataUrl(mime: string, base64: string): string | null {
  if (mime !== "image/png" && mime !== "image/jpeg") return null;
  if (!BASE64.test(base64)) return null;
  return `data:${mime};base64,${base64}`;
}

/** Bytes of standard base64 (the backend's files); throws on malformed input. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
