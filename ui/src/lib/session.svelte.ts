// Application-wide state: the backend's meta (users, sites, sources…) and the error banner.
import { call, errorMessage } from "./api";
import type { Meta, Role, Site, User } from "./bindings";

/** Roles that may override closing rules (the backend checks again). */
export const MANAGER_ROLES: readonly Role[] = ["chef_des_ventes", "responsable_apv", "administrateur"];

class Session {
  meta = $state<Meta | null>(null);
  /** A global error, shown in the banner at the top of the window. */
  banner = $state<string | null>(null);
  loading = $state(false);

  currentUser = $derived.by((): User | null => {
    const m = this.meta;
    return m?.users.find((u) => u.id === m.current_user_id) ?? null;
  });

  /** The current user may force a closing rule. */
  isManager = $derived(!!this.currentUser && MANAGER_ROLES.includes(this.currentUser.role));

  activeUsers = $derived((this.meta?.users ?? []).filter((u) => u.active));
  sites = $derived<Site[]>(this.meta?.sites ?? []);

  async load() {
    this.loading = true;
    try {
      this.meta = await call("meta", {});
      this.banner = null;
    } catch (e) {
      this.banner = errorMessage(e);
    } finally {
      this.loading = false;
    }
  }

  async setCurrentUser(userId: number) {
    try {
      this.meta = await call("set_current_user", { user_id: userId });
      this.banner = null;
    } catch (e) {
      this.banner = errorMessage(e);
    }
  }

  userName(id: number | null | undefined): string | null {
    return this.meta?.users.find((u) => u.id === id)?.name ?? null;
  }
}

export const session = new Session();
