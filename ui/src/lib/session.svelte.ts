// Application-wide state: where the window stands (set-up wizard, sign-in, lock screen, the
// app), the backend's meta (users, sites, sources…), the signed-in user and the error banner.
import { call, errorKind, errorMessage, isSessionLoss, onSessionLost, sessionToken, setSessionToken, type FailureKind, type SessionRoute } from "./api";
import type { AuthStatus, Meta, SignedIn, Site, User } from "./bindings";
import { watchIdle } from "./idle";
import { forgetLock, rememberedLock, rememberLock } from "./lockMemory";
import { canImport, isAdmin, isManager } from "./permissions";

/** What the window shows. */
export type Phase = "starting" | "unreachable" | "setup" | "signin" | "locked" | "app";

/** A password or a PIN, as typed on the sign-in or lock screen. */
export type Secret = { password: string } | { pin: string };

const secretArgs = (s: Secret) => ("pin" in s ? { pin: s.pin } : { password: s.password });

class Session {
  phase = $state<Phase>("starting");
  /** Before signing in: the wizard's and the sign-in screen's facts. */
  auth = $state<AuthStatus | null>(null);
  meta = $state<Meta | null>(null);
  /** The user whose session is locked (known when it locked in this window). */
  lockedUser = $state<User | null>(null);
  /** Minutes without activity before the window locks (0: never). */
  idleMinutes = $state(0);
  /** The sign-in screen says that the session ended (rather than a first sign-in). */
  sessionEnded = $state(false);
  /** A global error, shown in the banner at the top of the window. */
  banner = $state<string | null>(null);
  /** What kind of failure the banner reports: a refusal reads differently from an unreachable backend. */
  bannerKind = $state<FailureKind | null>(null);
  loading = $state(false);

  currentUser = $derived.by((): User | null => {
    const m = this.meta;
    return m?.users.find((u) => u.id === m.current_user_id) ?? null;
  });

  /** The current user may force a closing rule (roles from the backend, which checks again). */
  isManager = $derived(isManager(this.currentUser));
  isAdmin = $derived(isAdmin(this.currentUser));
  /** The current user may import DMS files and edit the stock (administrateur, chef des ventes). */
  canImport = $derived(canImport(this.currentUser));

  activeUsers = $derived((this.meta?.users ?? []).filter((u) => u.active));
  sites = $derived<Site[]>(this.meta?.sites ?? []);

  private stopIdle: () => void = () => {};
  /** Bumped whenever the session ends or locks: a sign-in still loading must not open the app. */
  private epoch = 0;

  constructor() {
    onSessionLost((route) => this.lost(route));
  }

  /** Start-up: the wizard on an empty database, else the app when the session survived a reload, else sign-in. */
  async start() {
    this.phase = "starting";
    try {
      this.auth = await call("auth_status", {});
    } catch (e) {
      this.fail(e);
      this.phase = "unreachable";
      return;
    }
    this.dismissBanner();
    if (this.auth.needs_setup) {
      this.phase = "setup";
      return;
    }
    if (!sessionToken()) {
      forgetLock();
      this.phase = "signin";
      return;
    }
    const lock = rememberedLock();
    if (lock) {
      // Locked before the reload: the lock screen at once, and the backend told again (should
      // the first `lock` have failed). An unknown session is found out when unlocking.
      this.showLocked(lock.user);
      await this.sendLock(sessionToken());
      return;
    }
    await this.enter();
  }

  /**
   * Signs in; rejects with the backend's failure (shown by the sign-in screen). `prepare` runs
   * signed in, before the app opens (the wizard uploads the logo); the warning it returns is
   * shown in the banner.
   */
  async signIn(login: string, secret: Secret, prepare?: () => Promise<string | null>) {
    const signed = await call("sign_in", { login, ...secretArgs(secret) });
    setSessionToken(signed.token);
    const warning = prepare ? await prepare() : null;
    await this.opened(signed);
    if (warning) {
      this.banner = warning;
      this.bannerKind = "refused";
    }
  }

  /** The wizard set up the demo (or the garage) without signing in: the sign-in screen. */
  showSignIn(auth: AuthStatus) {
    this.auth = auth;
    this.sessionEnded = false;
    this.phase = "signin";
  }

  /** Unlocks the locked session with the same user's password or PIN; rejects on failure. */
  async unlock(secret: Secret) {
    const token = sessionToken();
    if (!token) {
      this.lost("signin");
      return;
    }
    const signed = await call("unlock", { token, ...secretArgs(secret) });
    await this.opened(signed);
  }

  /** Ends the session ("Changer d'utilisateur"): back to the sign-in screen. */
  async signOut() {
    const token = sessionToken();
    this.leave();
    if (token) {
      try {
        await call("sign_out", { token });
      } catch {
        // The session is forgotten here anyway; closing Carnet ends it on the backend.
      }
    }
    await this.refreshAuth();
    this.phase = "signin";
  }

  /**
   * Locks the session now ("Verrouiller", or the window's idle delay): the lock screen at once,
   * and the backend locks the session (it answers "locked" to any command until `unlock`).
   */
  async lock() {
    if (this.phase !== "app") return;
    const token = sessionToken();
    this.showLocked(this.currentUser);
    await this.sendLock(token);
  }

  /** The sign-in screen's list may have changed (a new user, a PIN). */
  async refreshAuth() {
    try {
      this.auth = await call("auth_status", {});
    } catch {
      // Keep the previous list.
    }
  }

  /** Reloads the meta (after a change of users, sites, reasons). */
  async load() {
    this.loading = true;
    try {
      this.meta = await call("meta", {});
      this.dismissBanner();
    } catch (e) {
      this.fail(e);
    } finally {
      this.loading = false;
    }
  }

  /** Applies a new idle delay (Réglages → Connexion). */
  setIdleMinutes(minutes: number) {
    this.idleMinutes = minutes;
    if (this.phase === "app") this.watchIdle();
  }

  private async opened(signed: SignedIn) {
    setSessionToken(signed.token);
    forgetLock();
    this.sessionEnded = false;
    await this.enter();
  }

  /** Into the app: meta, the idle delay, the idle watch. */
  private async enter() {
    const epoch = ++this.epoch;
    await this.load();
    if (epoch !== this.epoch) return;
    try {
      this.idleMinutes = (await call("auth_settings", {})).idle_lock_minutes;
    } catch {
      // Without the setting the window does not lock by itself; the backend still does.
    }
    if (epoch !== this.epoch) return;
    this.lockedUser = null;
    this.phase = "app";
    this.watchIdle();
  }

  private watchIdle() {
    this.stopIdle();
    this.stopIdle = typeof window === "undefined" ? () => {} : watchIdle(this.idleMinutes, () => this.lock());
  }

  /** Forgets the signed-in state (the token is cleared by the caller or the API client). */
  private leave() {
    this.epoch++;
    this.stopIdle();
    setSessionToken(null);
    forgetLock();
    this.meta = null;
    this.lockedUser = null;
    this.dismissBanner();
  }

  /** The lock screen, for `user` (or the user last known to be locked in this window). */
  private showLocked(user: User | null) {
    this.epoch++;
    this.lockedUser = user ?? this.lockedUser ?? rememberedLock()?.user ?? null;
    rememberLock(this.lockedUser);
    this.stopIdle();
    this.phase = "locked";
  }

  private async sendLock(token: string | null) {
    if (!token) return;
    try {
      await call("lock", { token });
    } catch {
      // The window stays locked and remembers it; an ended session is handled by the API client.
    }
  }

  /** A command found the session ended or locked (the backend is the judge: its idle delay too). */
  private lost(route: SessionRoute) {
    if (route === "lock") {
      if (this.phase !== "locked") this.showLocked(this.currentUser);
      return;
    }
    if (this.phase === "signin" || this.phase === "setup") return;
    const wasIn = this.phase === "app" || this.phase === "locked";
    this.leave();
    this.phase = "signin";
    this.sessionEnded = wasIn;
    this.refreshAuth();
  }

  private fail(e: unknown) {
    // An ended or locked session shows its own screen, not the banner.
    if (isSessionLoss(e)) return;
    this.banner = errorMessage(e);
    this.bannerKind = errorKind(e);
  }

  dismissBanner() {
    this.banner = null;
    this.bannerKind = null;
  }

  userName(id: number | null | undefined): string | null {
    return this.meta?.users.find((u) => u.id === id)?.name ?? null;
  }
}

export const session = new Session();
