// The one typed client of the backend. Inside the Tauri window every command goes through the
// single `call` IPC command; in a browser (LAN server mode) through `POST /api/{name}`.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { ApiError, Commands } from "./bindings";
import { errors } from "./i18n";

/** A failed command. `message` is French and meant to be shown to the user as is. */
export class ApiFailure extends Error {
  readonly code: string;
  readonly field: string | null;

  constructor(error: ApiError) {
    super(error.message);
    this.name = "ApiFailure";
    this.code = error.code;
    this.field = error.field ?? null;
  }
}

export function inTauri(): boolean {
  return typeof window !== "undefined" && "__TAURI_INTERNALS__" in window;
}

function isApiError(value: unknown): value is ApiError {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ApiError).code === "string" &&
    typeof (value as ApiError).message === "string"
  );
}

function toFailure(value: unknown, fallback: ApiError): ApiFailure {
  if (value instanceof ApiFailure) return value;
  if (isApiError(value)) return new ApiFailure({ code: value.code, message: value.message, field: value.field ?? null });
  return new ApiFailure(fallback);
}

async function callTauri<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>("call", { name, args });
  } catch (e) {
    // The shell rejects with the serialised ApiError; anything else is unexpected.
    const message = typeof e === "string" && e ? e : errors.unknown;
    throw toFailure(e, { code: "ipc", message, field: null });
  }
}

async function callHttp<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  let response: Response;
  try {
    response = await fetch("/api/" + name, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(args),
    });
  } catch {
    throw new ApiFailure({ code: "network", message: errors.network, field: null });
  }
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    body = null;
  }
  if (!response.ok) {
    // 404 from a static server (no backend yet) and proxies' HTML pages land here too.
    const message = response.status === 404 || response.status >= 502 ? errors.network : errors.serverStatus(response.status);
    throw toFailure(body, { code: response.status === 404 ? "network" : "http", message, field: null });
  }
  if (body === null && response.status !== 204) {
    throw new ApiFailure({ code: "network", message: errors.network, field: null });
  }
  return body as Commands[K]["result"];
}

/** Runs one backend command. Rejects with an ApiFailure. */
export function call<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  return inTauri() ? callTauri(name, args) : callHttp(name, args);
}

/** The French message of any error, for display. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  return errors.unknown;
}

export const LEADS_CHANGED = "leads-changed";
const POLL_MS = 10_000;

/**
 * Calls `callback` whenever leads change: on the backend's `leads-changed` event inside Tauri,
 * every 10 s otherwise. Returns the unsubscribe function.
 */
export function onLeadsChanged(callback: () => void): () => void {
  if (!inTauri()) {
    const timer = setInterval(callback, POLL_MS);
    return () => clearInterval(timer);
  }
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen(LEADS_CHANGED, () => callback())
    .then((fn) => {
      if (stopped) fn();
      else unlisten = fn;
    })
    .catch(() => {
      // Without the event we still refresh, like in a browser.
      if (!stopped) {
        const timer = setInterval(callback, POLL_MS);
        unlisten = () => clearInterval(timer);
      }
    });
  return () => {
    stopped = true;
    unlisten?.();
  };
}
