// The tabs of Réglages: which ones a user sees, and their address ("#/reglages/garage").
import { canAdminister, canManage, type Actor } from "./permissions";

export const SETTINGS_TABS = ["general", "trash", "documents", "backups", "privacy", "garage", "sites", "users", "reasons", "auth", "journal"] as const;
export type SettingsTab = (typeof SETTINGS_TABS)[number];

/** The tab's path after "#/reglages/" (French, as seen in the address); the general tab has none. */
export const settingsTabPaths: Record<SettingsTab, string> = {
  general: "",
  trash: "corbeille",
  documents: "documents",
  backups: "sauvegardes",
  privacy: "confidentialite",
  garage: "garage",
  sites: "sites",
  users: "utilisateurs",
  reasons: "motifs",
  auth: "connexion",
  journal: "journal",
};

export type TabAccess = "all" | "managers" | "admin";

/** Who may open each tab: everybody, managers or administrators. */
const ACCESS: Record<SettingsTab, TabAccess> = {
  general: "all",
  trash: "managers",
  documents: "managers",
  backups: "managers",
  privacy: "managers",
  garage: "admin",
  sites: "admin",
  users: "admin",
  reasons: "admin",
  auth: "admin",
  journal: "admin",
};

export function tabAccess(tab: SettingsTab): TabAccess {
  return ACCESS[tab];
}

export function mayOpenTab(me: Actor | null | undefined, tab: SettingsTab): boolean {
  const access = ACCESS[tab];
  return access === "all" ? !!me : access === "managers" ? canManage(me) : canAdminister(me);
}

/** The tabs shown to a user, in order. */
export function settingsTabsFor(me: Actor | null | undefined): SettingsTab[] {
  return SETTINGS_TABS.filter((t) => mayOpenTab(me, t));
}

/** The tab of an address ("garage" → garage; none or unknown → general). */
export function tabFromPath(path: string | null): SettingsTab {
  return SETTINGS_TABS.find((t) => settingsTabPaths[t] === path && path !== "") ?? "general";
}

export function settingsHref(tab: SettingsTab): string {
  return tab === "general" ? "#/reglages" : `#/reglages/${settingsTabPaths[tab]}`;
}
