// Pure helpers of the notification centre.
import type { Notification } from "./bindings";

/** Unread notifications newer than the last one already seen, newest first. */
export function freshUnread(items: readonly Notification[], lastSeenId: number): Notification[] {
  return items.filter((n) => n.id > lastSeenId && !n.read).sort((a, b) => b.id - a.id);
}

/** The highest id of a list (or `floor` when the list is empty or older). */
export function maxId(items: readonly Notification[], floor = 0): number {
  return items.reduce((m, n) => Math.max(m, n.id), floor);
}

/** The badge text: "" when nothing is unread, "99+" above 99. */
export function badgeText(unread: number): string {
  if (unread <= 0) return "";
  return unread > 99 ? "99+" : String(unread);
}
