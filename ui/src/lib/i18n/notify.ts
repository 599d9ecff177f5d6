// The notification centre.
import { plural } from "./plural";

export const notificationsText = {
  title: "Notifications",
  bell: (unread: number) => (unread === 0 ? "Notifications" : `Notifications (${unread} ${plural(unread, "non lue", "non lues")})`),
  empty: "Aucune notification.",
  markAllRead: "Tout marquer comme lu",
  loadFailed: "Impossible de charger les notifications.",
  more: (n: number) => `${n} autres notifications`,
  closeToast: "Fermer",
};
