import { describe, expect, it } from "vitest";
import { parseHash } from "./router.svelte";
import { mayOpenTab, settingsHref, settingsTabsFor, tabAccess, tabFromPath } from "./settingsTabs";

describe("settings tabs", () => {
  it("show the corbeille to managers and the administration to administrators", () => {
    expect(settingsTabsFor({ id: 1, role: "vendeur", site_id: 1 })).toEqual(["general"]);
    expect(settingsTabsFor({ id: 2, role: "chef_des_ventes", site_id: 1 })).toEqual(["general", "trash", "documents", "backups", "privacy"]);
    expect(settingsTabsFor({ id: 5, role: "responsable_apv", site_id: 1 })).toEqual(["general", "trash", "documents", "backups", "privacy"]);
    expect(settingsTabsFor({ id: 3, role: "administrateur", site_id: null })).toEqual(["general", "trash", "documents", "backups", "privacy", "garage", "sites", "users", "reasons", "auth", "journal"]);
    expect(settingsTabsFor(null)).toEqual([]);
    expect(mayOpenTab({ id: 4, role: "hotesse", site_id: 1 }, "journal")).toBe(false);
    expect(mayOpenTab({ id: 4, role: "vendeur", site_id: 1 }, "backups")).toBe(false);
    expect(tabAccess("backups")).toBe("managers");
    expect(tabAccess("privacy")).toBe("managers");
    expect(mayOpenTab({ id: 4, role: "vendeur", site_id: 1 }, "privacy")).toBe(false);
    expect(tabAccess("auth")).toBe("admin");
  });

  it("have French addresses, read back by the router", () => {
    expect(settingsHref("general")).toBe("#/reglages");
    expect(settingsHref("users")).toBe("#/reglages/utilisateurs");
    expect(parseHash("#/reglages/utilisateurs")).toEqual({ name: "section", section: "settings", tab: "utilisateurs" });
    expect(parseHash("#/reglages")).toEqual({ name: "section", section: "settings", tab: null });
    expect(tabFromPath("utilisateurs")).toBe("users");
    expect(tabFromPath("corbeille")).toBe("trash");
    expect(tabFromPath("documents")).toBe("documents");
    expect(settingsHref("documents")).toBe("#/reglages/documents");
    expect(settingsHref("backups")).toBe("#/reglages/sauvegardes");
    expect(tabFromPath("sauvegardes")).toBe("backups");
    expect(settingsHref("privacy")).toBe("#/reglages/confidentialite");
    expect(tabFromPath("confidentialite")).toBe("privacy");
    expect(tabFromPath(null)).toBe("general");
    expect(tabFromPath("inconnu")).toBe("general");
    expect(parseHash("#/agenda/x")).toEqual({ name: "not_found" });
  });
});
