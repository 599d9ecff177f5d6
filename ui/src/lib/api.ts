// The one typed client of the backend: every command goes through the single `call` IPC command
// of the Tauri window, with the session's token. Outside the window (a plain browser tab) there
// is no backend to reach.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import { ERROR_KINDS, type ApiError, type Commands, type ErrorKind, type ExportDone, type ExportInput, type ImportRunInput, type ImportSummary } from "./bindings";
import { isImportProgress, type ImportProgress } from "./dmsImport";
import { errors } from "./i18n";

/** How a failure reads for the user: the backend's kinds, plus a backend that could not be reached. */
export type FailureKind = ErrorKind | "unreachable";

/** Codes of the client itself: the backend could not be reached. */
const UNREACHABLE_CODES = ["ipc", "network"];

export function failureKind(code: string): FailureKind {
  if (UNREACHABLE_CODES.includes(code)) return "unreachable";
  return ERROR_KINDS[code] ?? "internal";
}

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

  get kind(): FailureKind {
    return failureKind(this.code);
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

// The session token: sent with every command, kept in sessionStorage so that reloading the
// webview keeps the session (closing Carnet ends every session anyway).
const TOKEN_KEY = "carnet.token";
let token: string | null | undefined = undefined;

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

/** The current session's token, or null before signing in. */
export function sessionToken(): string | null {
  if (token === undefined) token = storage()?.getItem(TOKEN_KEY) ?? null;
  return token;
}

/** Keeps the token of a new session; null forgets it (signed out). */
export function setSessionToken(value: string | null) {
  token = value;
  const s = storage();
  if (!s) return;
  if (value === null) s.removeItem(TOKEN_KEY);
  else s.setItem(TOKEN_KEY, value);
}

/** Where a failed command sends the window: the sign-in screen, the lock screen, or nowhere. */
export type SessionRoute = "signin" | "lock";

export function sessionRoute(code: string): SessionRoute | null {
  if (code === "unauthenticated") return "signin";
  if (code === "locked") return "lock";
  return null;
}

/** The failure ended or locked the session: the window shows the sign-in or lock screen instead. */
export function isSessionLoss(e: unknown): boolean {
  return e instanceof ApiFailure && sessionRoute(e.code) !== null;
}

let sessionListener: ((route: SessionRoute) => void) | null = null;

/**
 * Called when a command finds the session ended (the token is forgotten first) or locked.
 * One listener: the session store. Returns the unsubscribe function.
 */
export function onSessionLost(listener: (route: SessionRoute) => void): () => void {
  sessionListener = listener;
  return () => {
    if (sessionListener === listener) sessionListener = null;
  };
}

/** Runs a command of the shell with the session's token; rejects with an ApiFailure. */
async function invokeShell<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, { ...args, token: sessionToken() });
  } catch (e) {
    // The shell rejects with the serialised ApiError; anything else means the IPC itself failed.
    if (isApiError(e)) {
      const failure = new ApiFailure({ code: e.code, message: e.message, field: e.field ?? null });
      const route = sessionRoute(failure.code);
      if (route === "signin") setSessionToken(null);
      if (route) sessionListener?.(route);
      throw failure;
    }
    const message = typeof e === "string" && e ? e : errors.unknown;
    throw new ApiFailure({ code: "ipc", message, field: null });
  }
}

function callTauri<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  return invokeShell<Commands[K]["result"]>("call", { name, args });
}

/**
 * In the window: the shell saves a lead's file into the Downloads folder and, when `open`, opens
 * it with the system's viewer. Resolves to the path written.
 */
export function saveFileToDisk(id: number, open: boolean): Promise<string> {
  if (!inTauri()) return Promise.reject(new ApiFailure({ code: "network", message: errors.network, field: null }));
  return invokeShell<string>("save_file", { id, open });
}

export const EXPORT_PROGRESS = "export-progress";

/** How far an export is: `done` leads written out of `total` (lead exports only). */
export type ExportProgress = { done: number; total: number };

function isExportProgress(value: unknown): value is ExportProgress {
  return (
    typeof value === "object" &&
    value !== null &&
    typeof (value as ExportProgress).done === "number" &&
    typeof (value as ExportProgress).total === "number"
  );
}

/**
 * Runs an export into the Downloads folder. In the window the shell runs it, sending its progress
 * (`export-progress`, passed to `onProgress`; lead exports only) and letting `exportCancel` stop
 * it: a cancelled export rejects with a `refused` ApiFailure and writes no file. Outside the
 * window: the core's `export_file` command.
 */
export async function exportRun(input: ExportInput, onProgress?: (p: ExportProgress) => void): Promise<ExportDone> {
  if (!inTauri()) return call("export_file", input);
  let unlisten: (() => void) | null = null;
  if (onProgress) {
    try {
      // Listening before the export starts, so that its first rows are not missed.
      unlisten = await listen<unknown>(EXPORT_PROGRESS, (e) => {
        if (isExportProgress(e.payload)) onProgress(e.payload);
      });
    } catch {
      // Without the event the export still runs, with an indeterminate progress.
    }
  }
  try {
    return await invokeShell<ExportDone>("export_run", { input });
  } finally {
    unlisten?.();
  }
}

/** Asks the export under way to stop (its file is then not written). Outside the window: nothing. */
export async function exportCancel(): Promise<void> {
  if (!inTauri()) return;
  await invokeShell<void>("export_cancel", {});
}

export const IMPORT_PROGRESS = "import-progress";

/**
 * Runs a DMS import of a staged file (`import_upload`). In the window the shell runs it, sending
 * its progress (`import-progress` {rows, fraction}, passed to `onProgress`) and letting
 * `importCancel` stop it: a cancelled import rejects with a `refused` ApiFailure and stores
 * nothing. Outside the window: the core's `import_run` command.
 */
export async function importRun(input: ImportRunInput, onProgress?: (p: ImportProgress) => void): Promise<ImportSummary> {
  if (!inTauri()) return call("import_run", input);
  let unlisten: (() => void) | null = null;
  if (onProgress) {
    try {
      // Listening before the import starts, so that its first rows are not missed.
      unlisten = await listen<unknown>(IMPORT_PROGRESS, (e) => {
        if (isImportProgress(e.payload)) onProgress(e.payload);
      });
    } catch {
      // Without the event the import still runs, with an indeterminate progress.
    }
  }
  try {
    return await invokeShell<ImportSummary>("import_start", { input });
  } finally {
    unlisten?.();
  }
}

/** Asks the import under way to stop (nothing of it is then stored). Outside the window: nothing. */
export async function importCancel(): Promise<void> {
  if (!inTauri()) return;
  await invokeShell<void>("import_cancel", {});
}

/** Runs one backend command. Rejects with an ApiFailure. */
export function call<K extends keyof Commands>(name: K, args: Commands[K]["args"]): Promise<Commands[K]["result"]> {
  if (inTauri()) return callTauri(name, args);
  return Promise.reject(new ApiFailure({ code: "network", message: errors.network, field: null }));
}

/** The French message of any error, for display. */
export function errorMessage(e: unknown): string {
  if (e instanceof ApiFailure) return e.message;
  return errors.unknown;
}

/** The kind of any error: an unexpected exception counts as internal. */
export function errorKind(e: unknown): FailureKind {
  return e instanceof ApiFailure ? e.kind : "internal";
}

export const LEADS_CHANGED = "leads-changed";
const POLL_MS = 10_000;

/**
 * Calls `callback` whenever leads change: on the backend's `leads-changed` event (or, should the
 * event be unavailable, every 10 s). Outside the window nothing can change: it never calls.
 * Returns the unsubscribe function.
 */
export function onLeadsChanged(callback: () => void): () => void {
  if (!inTauri()) return () => {};
  let stopped = false;
  let unlisten: (() => void) | null = null;
  listen(LEADS_CHANGED, () => callback())
    .then((fn) => {
      if (stopped) fn();
      else unlisten = fn;
    })
    .catch(() => {
      // Without the event we still refresh, by polling.
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
