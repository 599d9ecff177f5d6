// A tiny hash router: "#/leads", "#/leads/L-2026-000123", "#/nouveau", "#/leads?q=dupont",
// "#/reglages/garage" (a section's tab), "#/clients/42" (Clients with a contact's file open),
// "#/campagnes/3" (a phone campaign's calls).

export type Route =
  | { name: "leads"; query: string | null }
  | { name: "lead"; code: string }
  | { name: "new" }
  | { name: "section"; section: Section; tab: string | null }
  | { name: "client"; id: number }
  | { name: "campaign"; id: number }
  | { name: "not_found" };

export const SECTIONS = ["todo", "agenda", "clients", "stock", "campaigns", "dashboard", "intake", "settings"] as const;
export type Section = (typeof SECTIONS)[number];

/** URL path of each section (French, as seen in the address). */
export const sectionPaths: Record<Section, string> = {
  todo: "a-faire",
  agenda: "agenda",
  clients: "clients",
  stock: "stock",
  campaigns: "campagnes",
  dashboard: "pilotage",
  intake: "reception",
  settings: "reglages",
};

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#/, "");
  const [path, search = ""] = raw.split("?", 2);
  const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { name: "leads", query: null };
  if (parts[0] === "leads") {
    if (parts.length === 1) return { name: "leads", query: new URLSearchParams(search).get("q") };
    if (parts.length === 2) return { name: "lead", code: parts[1] };
  }
  if (parts[0] === "nouveau" && parts.length === 1) return { name: "new" };
  const section = SECTIONS.find((s) => sectionPaths[s] === parts[0]);
  if (section && parts.length === 1) return { name: "section", section, tab: null };
  if (section === "settings" && parts.length === 2) return { name: "section", section, tab: parts[1] };
  const id = parts.length === 2 && /^[1-9]\d{0,15}$/.test(parts[1]) ? Number(parts[1]) : null;
  if (section === "clients" && id !== null) return { name: "client", id };
  if (section === "campaigns" && id !== null) return { name: "campaign", id };
  return { name: "not_found" };
}

export const leadHref = (code: string) => "#/leads/" + encodeURIComponent(code);

/** Clients, with this contact's file open. */
export const contactHref = (id: number) => `#/${sectionPaths.clients}/${id}`;

/** Campagnes, on this campaign's calls. */
export const campaignHref = (id: number) => `#/${sectionPaths.campaigns}/${id}`;

class Router {
  route = $state<Route>(parseHash(typeof location === "undefined" ? "" : location.hash));
  /** The page to go back to when the quick entry is cancelled. */
  previous = "#/leads";
  private lastHash = typeof location === "undefined" ? "#/leads" : location.hash || "#/leads";

  constructor() {
    if (typeof window === "undefined") return;
    window.addEventListener("hashchange", () => {
      const next = parseHash(location.hash);
      if (this.route.name !== "new" && next.name === "new") this.previous = this.lastHash;
      this.lastHash = location.hash || "#/leads";
      this.route = next;
    });
  }

  navigate(hash: string) {
    if (location.hash === hash) return;
    location.hash = hash;
  }

  back() {
    this.navigate(this.previous === "#/nouveau" ? "#/leads" : this.previous);
  }
}

export const router = new Router();
