import { describe, expect, it } from "vitest";
import { bytesToBase64, checkLogo, imageMime, logoDataUrl, MAX_LOGO_BYTES } from "./base64";

const png = (size: number) => {
  const b = new Uint8Array(size);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return b;
};

describe("bytesToBase64", () => {
  it("encodes like the standard alphabet, with padding", () => {
    const text = (s: string) => new TextEncoder().encode(s);
    expect(bytesToBase64(text(""))).toBe("");
    expect(bytesToBase64(text("f"))).toBe("Zg==");
    expect(bytesToBase64(text("fo"))).toBe("Zm8=");
    expect(bytesToBase64(text("foobar"))).toBe("Zm9vYmFy");
    expect(bytesToBase64(new Uint8Array([0xfb, 0xff, 0xfe]))).toBe("+//+");
  });

  it("encodes large files in chunks, and decodes back to the same bytes", () => {
    const bytes = new Uint8Array(200_000).map((_, i) => (i * 7) % 256);
    const back = Uint8Array.from(atob(bytesToBase64(bytes)), (c) => c.charCodeAt(0));
    expect(back).toEqual(bytes);
  });
});

describe("logo checks", () => {
  it("read the type from the first bytes", () => {
    expect(imageMime(png(16))).toBe("image/png");
    expect(imageMime(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe("image/jpeg");
    expect(imageMime(new TextEncoder().encode("<svg onload=alert(1)>"))).toBeNull();
    expect(imageMime(new TextEncoder().encode("GIF89a"))).toBeNull();
  });

  it("accept PNG or JPEG up to 2 MB", () => {
    const ok = checkLogo(png(10));
    expect(ok).toEqual({ ok: true, mime: "image/png", base64: bytesToBase64(png(10)) });
    expect(checkLogo(png(MAX_LOGO_BYTES + 1))).toEqual({ ok: false, reason: "size" });
    expect(checkLogo(new Uint8Array([1, 2, 3]))).toEqual({ ok: false, reason: "type" });
  });

  it("build a data: URL only for PNG or JPEG base64", () => {
    expect(logoDataUrl("image/png", "iVBORw0KGgo=")).toBe("data:image/png;base64,iVBORw0KGgo=");
    expect(logoDataUrl("image/svg+xml", "PHN2Zz4=")).toBeNull();
    expect(logoDataUrl("image/png", 'x" onerror="alert(1)')).toBeNull();
  });
});
