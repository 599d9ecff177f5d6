// The notification centre's state: the current user's notifications, refreshed on `leads-changed`
// and every 30 s, and the toasts announcing the ones that arrive while the window is open.
import { call, errorMessage, isSessionLoss, onLeadsChanged } from "./api";
import type { Notification, NotificationList } from "./bindings";
import { notificationsText } from "./i18n";
import { freshUnread, maxId } from "./notify";

const REFRESH_MS = 30_000;
const TOAST_MS = 6_000;
const MAX_TOASTS = 3;
const LIST_LIMIT = 50;

export type Toast = { id: number; text: string; leadCode: string | null };

class Notifications {
  items = $state<Notification[]>([]);
  unread = $state(0);
  error = $state<string | null>(null);
  toasts = $state<Toast[]>([]);

  /** The user whose notifications are shown (undefined until the session is known). */
  private userId: number | null | undefined = undefined;
  /** Highest id seen; null before the first load, so that the backlog is not announced. */
  private lastSeenId: number | null = null;
  private seq = 0;
  private toastSeq = 0;

  /** Starts the refreshes (at once: back from the lock screen, say); returns the stop function. */
  start(): () => void {
    this.refresh();
    const stopEvents = onLeadsChanged(() => this.refresh());
    const timer = setInterval(() => this.refresh(), REFRESH_MS);
    return () => {
      stopEvents();
      clearInterval(timer);
    };
  }

  /** The current user changed: start over without announcing the new user's backlog. */
  setUser(userId: number | null | undefined) {
    if (userId === this.userId) return;
    this.userId = userId;
    this.seq++;
    this.items = [];
    this.unread = 0;
    this.lastSeenId = null;
    this.toasts = [];
    if (userId != null) this.refresh();
  }

  async refresh() {
    if (this.userId == null) return;
    const mine = ++this.seq;
    try {
      const list = await call("notifications", { limit: LIST_LIMIT });
      if (mine === this.seq) this.apply(list);
    } catch (e) {
      // A locked or ended session shows its own screen (a poll finds the backend's idle lock).
      if (mine === this.seq && !isSessionLoss(e)) this.error = errorMessage(e);
    }
  }

  /** Marks one notification (or, with null, all of them) as read. */
  async markRead(id: number | null) {
    const mine = ++this.seq;
    try {
      const list = await call("notifications_mark_read", { id });
      if (mine === this.seq) this.apply(list);
    } catch (e) {
      if (mine === this.seq) this.error = errorMessage(e);
    }
  }

  private apply(list: NotificationList) {
    if (this.lastSeenId !== null) this.announce(freshUnread(list.items, this.lastSeenId));
    this.lastSeenId = maxId(list.items, this.lastSeenId ?? 0);
    this.items = list.items;
    this.unread = list.unread;
    this.error = null;
  }

  private announce(fresh: Notification[]) {
    if (fresh.length === 0) return;
    const shown = fresh.slice(0, MAX_TOASTS).map((n) => ({ id: ++this.toastSeq, text: n.text, leadCode: n.lead_code }));
    if (fresh.length > MAX_TOASTS) shown.push({ id: ++this.toastSeq, text: notificationsText.more(fresh.length - MAX_TOASTS), leadCode: null });
    this.toasts = [...this.toasts, ...shown].slice(-MAX_TOASTS - 1);
    for (const t of shown) setTimeout(() => this.dismiss(t.id), TOAST_MS);
  }

  /** Shows a message of the app itself (a confirmation) as a toast. */
  flash(text: string, leadCode: string | null = null) {
    const toast = { id: ++this.toastSeq, text, leadCode };
    this.toasts = [...this.toasts, toast].slice(-MAX_TOASTS - 1);
    setTimeout(() => this.dismiss(toast.id), TOAST_MS);
  }

  dismiss(toastId: number) {
    this.toasts = this.toasts.filter((t) => t.id !== toastId);
  }
}

export const notifications = new Notifications();
