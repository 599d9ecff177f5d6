import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import type { AuthStatus, Meta, User } from "./bindings";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const invokeMock = vi.mocked(invoke);

const sandrine: User = { id: 1, name: "Sandrine Morel", email: "s@x.fr", role: "chef_des_ventes", site_id: 1, active: true, absent_until: null, backup_user_id: null, phone: null, has_password: true, has_pin: false };
const status = (over: Partial<AuthStatus> = {}): AuthStatus => ({ needs_setup: false, can_seed_demo: false, has_sites: false, demo_password: null, pin_allowed: false, users: [], ...over });
const meta: Meta = { version: "1", sites: [], users: [sandrine], sources: [], lost_reasons: [], won_reasons: [], current_user_id: 1 };

type Handler = (args: Record<string, unknown>, token: string | null) => unknown;

/** Answers the window's `call` commands from `handlers`; a thrown value is the ApiError. */
function backend(handlers: Record<string, Handler>) {
  invokeMock.mockImplementation(async (_cmd, payload) => {
    const { name, args, token } = payload as { name: string; args: Record<string, unknown>; token: string | null };
    const h = handlers[name];
    if (!h) throw { code: "unknown_command", message: name, field: null };
    return h(args, token);
  });
}

const calls = (name: string) => invokeMock.mock.calls.filter(([, p]) => (p as { name: string }).name === name).map(([, p]) => p as { args: unknown; token: string | null });

async function freshSession() {
  vi.resetModules();
  return (await import("./session.svelte")).session;
}

beforeEach(() => {
  invokeMock.mockReset();
  const data = new Map<string, string>();
  vi.stubGlobal("window", { __TAURI_INTERNALS__: {} });
  vi.stubGlobal("sessionStorage", {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

const signedIn: Record<string, Handler> = {
  auth_status: () => status(),
  sign_in: () => ({ token: "tok-1", user: sandrine }),
  meta: (_a, token) => {
    if (token !== "tok-1") throw { code: "unauthenticated", message: "Votre session est terminée : connectez-vous.", field: null };
    return meta;
  },
  auth_settings: () => ({ pin_allowed: false, idle_lock_minutes: 0 }),
  sign_out: () => ({}),
  lock: () => ({}),
  unlock: (a) => {
    if (a.password !== "carnet2026") throw { code: "refused", message: "Identifiant ou mot de passe incorrect.", field: null };
    return { token: "tok-1", user: sandrine };
  },
};

describe("start-up", () => {
  it("opens the wizard on an empty database, without a token", async () => {
    backend({ auth_status: () => status({ needs_setup: true, can_seed_demo: true }) });
    const session = await freshSession();
    await session.start();
    expect(session.phase).toBe("setup");
    expect(calls("auth_status")[0].token).toBeNull();
  });

  it("opens the sign-in screen without a session, and reports an unreachable backend", async () => {
    backend({ auth_status: () => status() });
    const session = await freshSession();
    await session.start();
    expect(session.phase).toBe("signin");

    invokeMock.mockRejectedValue(new Error("IPC closed"));
    await session.start();
    expect(session.phase).toBe("unreachable");
    expect(session.banner).toBeTruthy();
  });

  it("keeps the session across a reload of the window", async () => {
    backend(signedIn);
    sessionStorage.setItem("carnet.token", "tok-1");
    const session = await freshSession();
    await session.start();
    expect(session.phase).toBe("app");
    expect(session.currentUser?.name).toBe("Sandrine Morel");
  });
});

describe("signing in and out", () => {
  it("keeps the token, sends it with every command, and forgets it on sign-out", async () => {
    backend(signedIn);
    const session = await freshSession();
    await session.start();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    expect(session.phase).toBe("app");
    expect(sessionStorage.getItem("carnet.token")).toBe("tok-1");
    expect(calls("sign_in")[0].args).toEqual({ login: "s@x.fr", password: "carnet2026" });
    expect(calls("meta").at(-1)?.token).toBe("tok-1");

    await session.signOut();
    expect(calls("sign_out")[0].args).toEqual({ token: "tok-1" });
    expect(session.phase).toBe("signin");
    expect(session.meta).toBeNull();
    expect(sessionStorage.getItem("carnet.token")).toBeNull();
  });

  it("signs in with a PIN", async () => {
    backend(signedIn);
    const session = await freshSession();
    await session.signIn("s@x.fr", { pin: "4821" });
    expect(calls("sign_in")[0].args).toEqual({ login: "s@x.fr", pin: "4821" });
  });
});

describe("session errors", () => {
  it("an ended session goes back to the sign-in screen and says so", async () => {
    backend(signedIn);
    const session = await freshSession();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    sessionStorage.setItem("carnet.token", "gone");
    // The backend restarted: the token is unknown.
    backend({ ...signedIn, meta: () => { throw { code: "unauthenticated", message: "Votre session est terminée : connectez-vous.", field: null }; } });
    await session.load();
    expect(session.phase).toBe("signin");
    expect(session.sessionEnded).toBe(true);
    expect(sessionStorage.getItem("carnet.token")).toBeNull();
  });

  it("a locked session shows the lock screen; the same user unlocks it", async () => {
    backend(signedIn);
    const session = await freshSession();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    backend({ ...signedIn, meta: () => { throw { code: "locked", message: "Session verrouillée.", field: null }; } });
    await session.load();
    expect(session.phase).toBe("locked");
    expect(session.lockedUser?.name).toBe("Sandrine Morel");

    backend(signedIn);
    await expect(session.unlock({ password: "faux" })).rejects.toMatchObject({ code: "refused" });
    expect(session.phase).toBe("locked");
    await session.unlock({ password: "carnet2026" });
    expect(calls("unlock").at(-1)?.args).toEqual({ token: "tok-1", password: "carnet2026" });
    expect(session.phase).toBe("app");
  });

  it("Verrouiller locks the backend session at once, and the window across a reload", async () => {
    backend(signedIn);
    let session = await freshSession();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    await session.lock();
    expect(session.phase).toBe("locked");
    expect(calls("lock").map((c) => c.args)).toEqual([{ token: "tok-1" }]);
    expect(session.lockedUser?.name).toBe("Sandrine Morel");

    session = await freshSession();
    await session.start();
    expect(session.phase).toBe("locked");
    expect(session.lockedUser?.name).toBe("Sandrine Morel");
    // The backend is told again, should the first lock have been lost.
    expect(calls("lock").at(-1)?.args).toEqual({ token: "tok-1" });
    expect(calls("meta")).toHaveLength(1);
  });

  it("stays locked when the backend cannot be told", async () => {
    backend({ ...signedIn, lock: () => { throw { code: "db_busy", message: "Occupé.", field: null }; } });
    const session = await freshSession();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    await session.lock();
    expect(session.phase).toBe("locked");
    expect(session.banner).toBeNull();
  });

  it("a session the backend locked while idle shows the lock screen, without banner", async () => {
    sessionStorage.setItem("carnet.token", "tok-1");
    backend({ ...signedIn, meta: () => { throw { code: "locked", message: "Session verrouillée.", field: null }; } });
    const session = await freshSession();
    await session.start();
    expect(session.phase).toBe("locked");
    expect(session.banner).toBeNull();
    // Nobody in this window knew who: the password of the session's user unlocks it.
    backend(signedIn);
    await session.unlock({ password: "carnet2026" });
    expect(session.phase).toBe("app");
  });

  it("a locked window whose session ended goes to the sign-in screen on unlock", async () => {
    backend(signedIn);
    const session = await freshSession();
    await session.signIn("s@x.fr", { password: "carnet2026" });
    await session.lock();
    backend({ ...signedIn, unlock: () => { throw { code: "unauthenticated", message: "Votre session est terminée : connectez-vous.", field: null }; } });
    await expect(session.unlock({ password: "carnet2026" })).rejects.toMatchObject({ code: "unauthenticated" });
    expect(session.phase).toBe("signin");
    expect(session.sessionEnded).toBe(true);
    expect(sessionStorage.getItem("carnet.locked")).toBeNull();
  });
});
