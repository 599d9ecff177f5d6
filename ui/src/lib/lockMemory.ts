// The local lock of the window, remembered in sessionStorage.
import type { User } from "./bindings";

/**
 * A window locked here shows the lock screen at once after a reload of the webview, with the
 * locked user (for their name and PIN), without asking the backend first. The backend's session
 * is locked too (`lock`) and stays the judge: it answers "locked" until `unlock`.
 */
const LOCKED_KEY = "carnet.locked";

function storage(): Storage | null {
  try {
    return typeof sessionStorage === "undefined" ? null : sessionStorage;
  } catch {
    return null;
  }
}

export function rememberLock(user: User | null) {
  const s = storage();
  if (!s) return;
  if (user === null) s.setItem(LOCKED_KEY, "{}");
  else s.setItem(LOCKED_KEY, JSON.stringify(user));
}

export function forgetLock() {
  storage()?.removeItem(LOCKED_KEY);
}

/** The lock remembered by this window: null when not locked, else the user (or null when unknown). */
export function rememberedLock(): { user: User | null } | null {
  const raw = storage()?.getItem(LOCKED_KEY);
  if (raw === null || raw === undefined) return null;
  try {
    const user = JSON.parse(raw) as User;
    return { user: typeof user?.id === "number" ? user : null };
  } catch {
    return { user: null };
  }
}
