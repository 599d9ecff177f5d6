import { afterEach, describe, expect, it, vi } from "vitest";
import { ApiFailure, call, errorMessage } from "./api";
import { errors } from "./i18n";

function stubFetch(impl: (url: string, init: RequestInit) => Promise<Response>) {
  const fn = vi.fn(impl);
  vi.stubGlobal("fetch", fn);
  return fn;
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

afterEach(() => vi.unstubAllGlobals());

describe("call over HTTP (outside Tauri)", () => {
  it("posts the arguments as JSON to /api/{name}", async () => {
    const fetch = stubFetch(async () => json(200, { leads: [], total: 0, total_capped: false }));
    const page = await call("leads_list", { limit: 50, offset: 0 });
    expect(page.total).toBe(0);
    const [url, init] = fetch.mock.calls[0];
    expect(url).toBe("/api/leads_list");
    expect(init.method).toBe("POST");
    expect(JSON.parse(init.body as string)).toEqual({ limit: 50, offset: 0 });
  });

  it("throws the backend's ApiError as an ApiFailure", async () => {
    stubFetch(async () => json(422, { code: "invalid_phone", message: "Numéro de téléphone invalide.", field: "phone" }));
    const failure = await call("contacts_match", { phone: "123" }).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure).toMatchObject({ code: "invalid_phone", message: "Numéro de téléphone invalide.", field: "phone" });
    expect(errorMessage(failure)).toBe("Numéro de téléphone invalide.");
  });

  it("turns an unreachable server into a French message", async () => {
    stubFetch(async () => {
      throw new TypeError("Failed to fetch");
    });
    const failure = await call("meta", {}).catch((e) => e);
    expect(failure).toMatchObject({ code: "network", message: errors.network, field: null });
  });

  it("handles error pages that are not JSON", async () => {
    stubFetch(async () => new Response("<html>oops</html>", { status: 500 }));
    const failure = await call("meta", {}).catch((e) => e);
    expect(failure).toBeInstanceOf(ApiFailure);
    expect(failure.message).toBe(errors.serverStatus(500));
  });
});
