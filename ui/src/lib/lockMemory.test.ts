import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { User } from "./bindings";
import { forgetLock, rememberedLock, rememberLock } from "./lockMemory";

const karim: User = { id: 2, name: "Karim Benali", email: "k@x.fr", role: "vendeur", site_id: 1, active: true, absent_until: null, backup_user_id: null, phone: null, has_password: true, has_pin: true };

beforeEach(() => {
  const data = new Map<string, string>();
  vi.stubGlobal("sessionStorage", {
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  });
});
afterEach(() => vi.unstubAllGlobals());

describe("the remembered lock", () => {
  it("survives a reload with the locked user, until forgotten", () => {
    expect(rememberedLock()).toBeNull();
    rememberLock(karim);
    expect(rememberedLock()).toEqual({ user: karim });
    forgetLock();
    expect(rememberedLock()).toBeNull();
  });

  it("keeps the lock even when the user is unknown or the value is damaged", () => {
    rememberLock(null);
    expect(rememberedLock()).toEqual({ user: null });
    sessionStorage.setItem("carnet.locked", "{not json");
    expect(rememberedLock()).toEqual({ user: null });
  });
});
