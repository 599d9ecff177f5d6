// Test-only helpers for the screens' server-side renders: the markup read back, the backend
// answering through a mocked window, and a signed-in user. Only `*.test.ts` files import this
// module, so it never reaches the app's bundle.
//
// The test file itself must mock the window's commands, before anything else (vitest hoists
// `vi.mock` per file, and this module then reads the same mocked `invoke`):
//
//   vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
//   vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));
import { vi } from "vitest";
import type { Component } from "svelte";
import { render } from "svelte/server";
import { invoke } from "@tauri-apps/api/core";
import type { Meta, Role, User } from "../lib/bindings";
import { session } from "../lib/session.svelte";

/** The server render's markup without Svelte's hydration comments. */
export function serverMarkup<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
  const renderWith = render as (c: Component<P>, options: { props: P }) => { body: string };
  return renderWith(component, { props }).body.replace(/<!--[^]*?-->/g, "");
}

/** The server render's markup without Svelte's hydration comments and scoped style classes. */
export function markup<P extends Record<string, unknown>>(component: Component<P>, props: P): string {
  return serverMarkup(component, props)
    .replace(/ class="svelte-[a-z0-9]+"/g, "")
    .replace(/ svelte-[a-z0-9]+/g, "");
}

/** The window's `invoke`, as mocked by the test file. */
export const invokeMock = vi.mocked(invoke);

function mocked(): typeof invokeMock {
  if (!vi.isMockFunction(invoke)) throw new Error(`mock "@tauri-apps/api/core" in the test file: vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }))`);
  return invokeMock;
}

/**
 * The backend behind the mocked window, its commands' arguments typed as `A`: `backend` answers
 * the `call` commands, `calls` gives back the arguments sent to one of them.
 */
export function backendOf<A = Record<string, unknown>>() {
  return {
    /** Answers the window's `call` commands from `handlers`; a thrown value is the ApiError. */
    backend(handlers: Record<string, (args: A) => unknown>): void {
      mocked().mockImplementation(async (_cmd, payload) => {
        const { name, args } = payload as { name: string; args: A };
        const h = handlers[name];
        if (!h) throw { code: "unknown_command", message: name, field: null };
        return h(args);
      });
    },
    /** The arguments of the calls made to the command `name`, in order. */
    calls(name: string): A[] {
      return mocked()
        .mock.calls.map(([, p]) => p as { name: string; args: A })
        .filter((p) => p.name === name)
        .map((p) => p.args);
    },
  };
}

export const { backend, calls } = backendOf();

/** A user of site 1, with a password and no PIN. */
export const user = (id: number, name: string, role: Role, active = true): User => ({ id, name, email: "", role, site_id: 1, active, absent_until: null, backup_user_id: null, phone: null, has_password: true, has_pin: false });

/** Signs Sandrine Morel (user 1) in with `role`, next to `colleagues`; `null` signs out. */
export function signIn(role: Role | null, colleagues: User[] = []): void {
  session.meta = role
    ? ({ version: "1", sites: [], sources: [], lost_reasons: [], won_reasons: [], current_user_id: 1, users: [user(1, "Sandrine Morel", role), ...colleagues] } as Meta)
    : null;
}
