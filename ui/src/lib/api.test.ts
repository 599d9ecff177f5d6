import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { ApiFailure, call, errorKind, exportCancel, exportRun, importCancel, importRun, errorMessage, failureKind, isSessionLoss, onLeadsChanged, onSessionLost, sessionRoute, sessionToken, setSessionToken, type SessionRoute } from "./api";
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
  setSessionToken(null);
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
    expect(invokeMock).toHaveBeenCalledWith("call", { name: "leads_list", args: { limit: 50, offset: 0 }, token: null });
  });

  it("sends the session's token once signed in", async () => {
    invokeMock.mockResolvedValue({});
    setSessionToken("abc123");
    await call("meta", {});
    expect(invokeMock).toHaveBeenCalledWith("call", { name: "meta", args: {}, token: "abc123" });
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

/** A sessionStorage stand-in. */
function fakeStorage() {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

describe("the session token", () => {
  it("is kept in sessionStorage under carnet.token and forgotten on sign-out", () => {
    const storage = fakeStorage();
    vi.stubGlobal("sessionStorage", storage);
    setSessionToken("t-1");
    expect(storage.data.get("carnet.token")).toBe("t-1");
    expect(sessionToken()).toBe("t-1");
    setSessionToken(null);
    expect(storage.data.has("carnet.token")).toBe(false);
    expect(sessionToken()).toBeNull();
  });
});

describe("session errors", () => {
  beforeEach(enterTauri);

  it("route unauthenticated to the sign-in screen and locked to the lock screen", () => {
    expect(sessionRoute("unauthenticated")).toBe("signin");
    expect(sessionRoute("locked")).toBe("lock");
    expect(sessionRoute("forbidden")).toBeNull();
    expect(sessionRoute("invalid")).toBeNull();
  });

  it("tell a lost session from other failures (no banner, no inline error for it)", () => {
    const failure = (code: string) => new ApiFailure({ code, message: "m", field: null });
    expect(isSessionLoss(failure("locked"))).toBe(true);
    expect(isSessionLoss(failure("unauthenticated"))).toBe(true);
    expect(isSessionLoss(failure("forbidden"))).toBe(false);
    expect(isSessionLoss(new Error("locked"))).toBe(false);
  });

  it("an ended session forgets the token and calls the listener, then rejects as usual", async () => {
    const routes: SessionRoute[] = [];
    const stop = onSessionLost((r) => routes.push(r));
    try {
      setSessionToken("old");
      invokeMock.mockRejectedValue({ code: "unauthenticated", message: "Votre session est terminée : connectez-vous.", field: null });
      const failure = await failureOf(call("meta", {}));
      expect(failure.code).toBe("unauthenticated");
      expect(routes).toEqual(["signin"]);
      expect(sessionToken()).toBeNull();
    } finally {
      stop();
    }
  });

  it("a locked session keeps its token for the unlock", async () => {
    const routes: SessionRoute[] = [];
    const stop = onSessionLost((r) => routes.push(r));
    try {
      setSessionToken("tok");
      invokeMock.mockRejectedValue({ code: "locked", message: "Session verrouillée.", field: null });
      await failureOf(call("leads_list", {}));
      expect(routes).toEqual(["lock"]);
      expect(sessionToken()).toBe("tok");
    } finally {
      stop();
    }
  });

  it("a refusal leaves the session alone", async () => {
    const listener = vi.fn();
    const stop = onSessionLost(listener);
    try {
      setSessionToken("tok");
      invokeMock.mockRejectedValue({ code: "forbidden", message: "Action réservée.", field: null });
      const failure = await failureOf(call("trash_list", {}));
      expect(failure.kind).toBe("refused");
      expect(listener).not.toHaveBeenCalled();
      expect(sessionToken()).toBe("tok");
    } finally {
      stop();
    }
  });
});

describe("exports", () => {
  const input = { what: "leads_csv" as const, filter: { from: "2026-03-01" } };

  it("runs in the shell with the token, reporting progress, and stops listening afterwards", async () => {
    enterTauri();
    setSessionToken("tok");
    const unlisten = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | null = null;
    listenMock.mockImplementation(async (_name, h) => {
      handler = h as unknown as (e: { payload: unknown }) => void;
      return unlisten;
    });
    invokeMock.mockImplementation(async () => {
      handler?.({ payload: { done: 1000, total: 2500 } });
      handler?.({ payload: "garbage" });
      return { path: "/home/a/Téléchargements/leads.csv", rows: 2500 };
    });
    const progress: unknown[] = [];
    const done = await exportRun(input, (p) => progress.push(p));
    expect(done.rows).toBe(2500);
    expect(listenMock).toHaveBeenCalledWith("export-progress", expect.any(Function));
    expect(invokeMock).toHaveBeenCalledWith("export_run", { input, token: "tok" });
    expect(progress).toEqual([{ done: 1000, total: 2500 }]);
    expect(unlisten).toHaveBeenCalled();
  });

  it("rejects a cancelled export with the shell's ApiFailure", async () => {
    enterTauri();
    const unlisten = vi.fn();
    listenMock.mockResolvedValue(unlisten);
    invokeMock.mockRejectedValue({ code: "refused", message: "Export annulé : aucun fichier n'a été écrit.", field: null });
    const failure = await failureOf(exportRun(input, () => {}));
    expect(failure.code).toBe("refused");
    expect(unlisten).toHaveBeenCalled();
  });

  it("asks the shell to cancel", async () => {
    enterTauri();
    invokeMock.mockResolvedValue(undefined);
    await exportCancel();
    expect(invokeMock).toHaveBeenCalledWith("export_cancel", { token: null });
  });

  it("outside the window: the core command, and cancelling does nothing", async () => {
    const failure = await failureOf(exportRun(input));
    expect(failure.kind).toBe("unreachable");
    await exportCancel();
    expect(invokeMock).not.toHaveBeenCalled();
  });
});

describe("imports", () => {
  const input = { upload_id: "a".repeat(32), target: "stock" as const, file_name: "stock.csv", mapping: { vin: "N° VIN" }, dry_run: true };
  const summary = { target: "stock", rows: 3, inserted: 2, rejected: 1 };

  it("runs in the shell with the token, reporting progress, and stops listening afterwards", async () => {
    enterTauri();
    setSessionToken("tok");
    const unlisten = vi.fn();
    let handler: ((e: { payload: unknown }) => void) | null = null;
    listenMock.mockImplementation(async (_name, h) => {
      handler = h as unknown as (e: { payload: unknown }) => void;
      return unlisten;
    });
    invokeMock.mockImplementation(async () => {
      handler?.({ payload: { rows: 512, fraction: 0.5 } });
      handler?.({ payload: { done: 1, total: 2 } });
      return summary;
    });
    const progress: unknown[] = [];
    const done = await importRun(input, (p) => progress.push(p));
    expect(done).toEqual(summary);
    expect(listenMock).toHaveBeenCalledWith("import-progress", expect.any(Function));
    expect(invokeMock).toHaveBeenCalledWith("import_start", { input, token: "tok" });
    expect(progress).toEqual([{ rows: 512, fraction: 0.5 }]);
    expect(unlisten).toHaveBeenCalled();
  });

  it("rejects a cancelled import with the shell's ApiFailure", async () => {
    enterTauri();
    const unlisten = vi.fn();
    listenMock.mockResolvedValue(unlisten);
    invokeMock.mockRejectedValue({ code: "refused", message: "Import annulé : rien n'a été enregistré.", field: null });
    const failure = await failureOf(importRun(input, () => {}));
    expect(failure.code).toBe("refused");
    expect(unlisten).toHaveBeenCalled();
  });

  it("asks the shell to cancel", async () => {
    enterTauri();
    invokeMock.mockResolvedValue(undefined);
    await importCancel();
    expect(invokeMock).toHaveBeenCalledWith("import_cancel", { token: null });
  });

  it("outside the window: the core command, and cancelling does nothing", async () => {
    const failure = await failureOf(importRun(input));
    expect(failure.kind).toBe("unreachable");
    await importCancel();
    expect(invokeMock).not.toHaveBeenCalled();
  });
});
