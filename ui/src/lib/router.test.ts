import { describe, expect, it } from "vitest";
import { campaignHref, contactHref, leadHref, parseHash } from "./router.svelte";

describe("router", () => {
  it("reads the leads, a lead and the sections", () => {
    expect(parseHash("")).toEqual({ name: "leads", query: null });
    expect(parseHash("#/leads?q=dupont")).toEqual({ name: "leads", query: "dupont" });
    expect(parseHash(leadHref("L-2026-000123"))).toEqual({ name: "lead", code: "L-2026-000123" });
    expect(parseHash("#/clients")).toEqual({ name: "section", section: "clients", tab: null });
    expect(parseHash("#/stock/12")).toEqual({ name: "not_found" });
  });

  it("opens Clients on a contact's file", () => {
    expect(contactHref(42)).toBe("#/clients/42");
    expect(parseHash(contactHref(42))).toEqual({ name: "client", id: 42 });
    expect(parseHash("#/clients/0")).toEqual({ name: "not_found" });
    expect(parseHash("#/clients/abc")).toEqual({ name: "not_found" });
    expect(parseHash("#/clients/42/x")).toEqual({ name: "not_found" });
  });

  it("opens a campaign's calls", () => {
    expect(parseHash("#/campagnes")).toEqual({ name: "section", section: "campaigns", tab: null });
    expect(campaignHref(3)).toBe("#/campagnes/3");
    expect(parseHash(campaignHref(3))).toEqual({ name: "campaign", id: 3 });
    expect(parseHash("#/campagnes/0")).toEqual({ name: "not_found" });
    expect(parseHash("#/campagnes/x")).toEqual({ name: "not_found" });
    expect(parseHash("#/campagnes/3/4")).toEqual({ name: "not_found" });
    // The other sections take no id.
    expect(parseHash("#/agenda/3")).toEqual({ name: "not_found" });
  });
});
