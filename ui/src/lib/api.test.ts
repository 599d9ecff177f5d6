import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { ApiFailure, call, errorKind, errorMessage, failureKind, onLeadsChanged } from "./api";
import { ERROR_KINDS } from "./bindings";
import { errors } from "./i18n";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const invokeMock = vi.mocked(invoke);
const listenMock = vi.mocked(listen);

/** Makes `inTauri()` true, as inside the Carnet window. */
function enterTauri() {
  vi.stubGlobal("window", { __TAURI_INTERNALS__: {} });
}

beforeEach(() => {
  invokeMock.mockReset();
  listenMock.mockReset();
});
afterEach(() => vi.unstubAllGlobals());

async function failureOf(promise: Promise<unknown>): Promise<ApiFailure> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiFailure);
  return e as ApiFailure;
}

describe("call inside the Tauri window", () => {
  beforeEach(enterTauri);

  it("sends the command's name and arguments to the single `call` command", async () => {
    invokeMock.mockResolvedValue({ leads: [], total: 0, total_capped: false });
    const page = await call("leads_list", { limit: 50, offset: 0 });
    expect(page.total).toBe(0);
    expect(invokeMock).toHaveBeenCalledWith("call", { name: "leads_list", args: { limit: 50, offset: 0 } });
  });

  it.each([
    ["invalid", "refused"],
    ["refused", "refused"],
    ["db_busy", "unavailable"],
    ["db_error", "internal"],
  ] as const)("turns a serialised ApiError %s into an ApiFailure of kind %s", async (code, kind) => {
    invokeMock.mockRejectedValue({ code, message: "Message en français.", field: "contact.phone" });
    const failure = await failureOf(call("contacts_match", { phone: "12" }));
    expect(failure).toMatchObject({ code, message: "Message en français.", field: "contact.phone" });
    expect(failure.kind).toBe(kind);
    expect(errorMessage(failure)).toBe("Message en français.");
  });

  it("keeps a missing field as null", async () => {
    invokeMock.mockRejectedValue({ code: "not_found", message: "Lead introuvable." });
    const failure = await failureOf(call("lead_get", { code: "L-2026-1" }));
    expect(failure.field).toBeNull();
  });

  it("reports a rejection that is not an ApiError as an unreachable backend", async () => {
    invokeMock.mockRejectedValue(new Error("IPC channel closed"));
    const failure = await failureOf(call("meta", {}));
    expect(failure).toMatchObject({ code: "ipc", message: errors.unknown, field: null });
    expect(failure.kind).toBe("unreachable");
  });

  it("shows a plain-text rejection of the shell as is", async () => {
    invokeMock.mockRejectedValue("command call not allowed");
    const failure = await failureOf(call("meta", {}));
    expect(failure).toMatchObject({ code: "ipc", message: "command call not allowed" });
  });
});

describe("call outside the Tauri window", () => {
  it("rejects at once as unreachable, without any request", async () => {
    const fetch = vi.fn();
    vi.stubGlobal("fetch", fetch);
    const failure = await failureOf(call("meta", {}));
    expect(failure).toMatchObject({ code: "network", message: errors.network, field: null });
    expect(failure.kind).toBe("unreachable");
    expect(invokeMock).not.toHaveBeenCalled();
    expect(fetch).not.toHaveBeenCalled();
  });

  it("never calls back on lead changes", () => {
    vi.useFakeTimers();
    try {
      const callback = vi.fn();
      const stop = onLeadsChanged(callback);
      vi.advanceTimersByTime(60_000);
      stop();
      expect(callback).not.toHaveBeenCalled();
      expect(listenMock).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});

describe("failure kinds", () => {
  it("follow the backend's table for every code it emits", () => {
    for (const [code, kind] of Object.entries(ERROR_KINDS)) expect(failureKind(code)).toBe(kind);
  });

  it("treat the client's own codes as unreachable and unknown codes as internal", () => {
    expect(failureKind("network")).toBe("unreachable");
    expect(failureKind("ipc")).toBe("unreachable");
    expect(failureKind("something_new")).toBe("internal");
  });
});

describe("errorMessage and errorKind of other errors", () => {
  it("give the generic French message and the internal kind", () => {
    expect(errorMessage(new TypeError("x is undefined"))).toBe(errors.unknown);
    expect(errorMessage("boom")).toBe(errors.unknown);
    expect(errorKind(new TypeError("x is undefined"))).toBe("internal");
  });
});
