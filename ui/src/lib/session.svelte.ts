// Application-wide state: the backend's meta (users, sites, sources…) and the error banner.
import { call, errorKind, errorMessage, type FailureKind } from "./api";
import { MANAGER_ROLES, type Meta, type Site, type User } from "./bindings";

class Session {
  meta = $state<Meta | null>(null);
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
  isManager = $derived(!!this.currentUser && MANAGER_ROLES.includes(this.currentUser.role));

  activeUsers = $derived((this.meta?.users ?? []).filter((u) => u.active));
  sites = $derived<Site[]>(this.meta?.sites ?? []);

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

  async setCurrentUser(userId: number) {
    try {
      this.meta = await call("set_current_user", { user_id: userId });
      this.dismissBanner();
    } catch (e) {
      this.fail(e);
    }
  }

  private fail(e: unknown) {
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
