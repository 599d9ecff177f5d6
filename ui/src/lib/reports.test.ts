import { describe, expect, it } from "vitest";
import {
  exportFraction,
  formatExportProgress,
  isExportCancelled,
  formatDay,
  formatDecimal,
  formatPercent,
  formatWorkingMinutes,
  kpiDrill,
  lateDrill,
  matchingPreset,
  presetPeriod,
  spaceDrill,
  toReportFilter,
  unassignedDrill,
} from "./reports";

const NB = "\u00a0";

describe("period presets", () => {
  it("counts days back from today, both included", () => {
    expect(presetPeriod("today", "2026-03-15")).toEqual({ from: "2026-03-15", to: "2026-03-15" });
    expect(presetPeriod("7d", "2026-03-15")).toEqual({ from: "2026-03-09", to: "2026-03-15" });
    expect(presetPeriod("30d", "2026-03-15")).toEqual({ from: "2026-02-14", to: "2026-03-15" });
  });

  it("takes this month so far and the whole last month", () => {
    expect(presetPeriod("month", "2026-03-15")).toEqual({ from: "2026-03-01", to: "2026-03-15" });
    expect(presetPeriod("last_month", "2026-03-15")).toEqual({ from: "2026-02-01", to: "2026-02-28" });
    expect(presetPeriod("last_month", "2024-03-31")).toEqual({ from: "2024-02-01", to: "2024-02-29" });
    expect(presetPeriod("last_month", "2026-01-10")).toEqual({ from: "2025-12-01", to: "2025-12-31" });
  });

  it("recognises the preset of a period", () => {
    expect(matchingPreset({ from: "2026-03-09", to: "2026-03-15" }, "2026-03-15")).toBe("7d");
    expect(matchingPreset({ from: "2026-03-01", to: "2026-03-15" }, "2026-03-15")).toBe("month");
    expect(matchingPreset({ from: "2026-03-02", to: "2026-03-15" }, "2026-03-15")).toBeNull();
  });
});

describe("French figures", () => {
  it("formats working minutes as hours and minutes", () => {
    expect(formatWorkingMinutes(371)).toBe(`6${NB}h 11${NB}min`);
    expect(formatWorkingMinutes(45)).toBe(`45${NB}min`);
    expect(formatWorkingMinutes(0)).toBe(`0${NB}min`);
    expect(formatWorkingMinutes(120)).toBe(`2${NB}h`);
    expect(formatWorkingMinutes(1565.4)).toBe(`26${NB}h 5${NB}min`);
    expect(formatWorkingMinutes(null)).toBe("—");
  });

  it("formats percentages and decimals", () => {
    expect(formatPercent(94.5)).toBe(`94,5${NB}%`);
    expect(formatPercent(100)).toBe(`100${NB}%`);
    expect(formatPercent(33.333)).toBe(`33,3${NB}%`);
    expect(formatPercent(null)).toBe("—");
    expect(formatDecimal(2.25)).toMatch(/^2,[23]$/);
  });

  it("formats a day key", () => {
    expect(formatDay("2026-03-01")).toBe("01/03/2026");
    expect(formatDay("")).toBe("");
  });
});

describe("report filter", () => {
  it("leaves out empty values", () => {
    expect(toReportFilter({ from: "2026-03-01", to: "2026-03-15", siteId: "", ownerId: "", source: "" })).toEqual({
      from: "2026-03-01",
      to: "2026-03-15",
    });
    expect(toReportFilter({ from: "", to: "", siteId: 2, ownerId: 7, source: "Site web" })).toEqual({
      site_id: 2,
      owner_id: 7,
      source: "Site web",
    });
  });
});

describe("click-through", () => {
  const period = { from: "2026-03-01", to: "2026-03-15" };

  it("opens the leads of a KPI group received in the period", () => {
    expect(kpiDrill("source", "Leboncoin", period, {})).toEqual({ createdFrom: "2026-03-01", createdTo: "2026-03-15", source: "Leboncoin" });
    expect(kpiDrill("owner", "7", period, {})).toMatchObject({ ownerId: 7 });
    expect(kpiDrill("site", "2", period, {})).toMatchObject({ siteId: 2 });
    expect(kpiDrill("kind", "VO", period, {})).toMatchObject({ kind: "VO" });
    expect(kpiDrill("total", "", period, {})).toEqual({ createdFrom: "2026-03-01", createdTo: "2026-03-15" });
  });

  it("keeps the report's own filters", () => {
    expect(kpiDrill("source", "Leboncoin", period, { site_id: 3, owner_id: 9 })).toEqual({
      createdFrom: "2026-03-01",
      createdTo: "2026-03-15",
      siteId: 3,
      ownerId: 9,
      source: "Leboncoin",
    });
  });

  it("gives nothing the list cannot express", () => {
    expect(kpiDrill("brand", "Peugeot", period, {})).toBeNull();
    expect(kpiDrill("owner", "", period, {})).toBeNull();
    expect(kpiDrill("kind", "XX", period, {})).toBeNull();
    expect(spaceDrill("Commerce VO", "nouveau", {})).toBeNull();
  });

  it("maps the dashboard's figures to the list's filters", () => {
    expect(lateDrill({ site_id: 1 })).toEqual({ siteId: 1, overdue: true });
    expect(unassignedDrill({ owner_id: 4, source: "Site web" })).toEqual({ source: "Site web", unassigned: true });
    expect(spaceDrill("Commerce VN", "a_traiter", { site_id: 1 })).toEqual({ siteId: 1, kind: "VN", status: "a_traiter" });
  });
});

describe("export progress", () => {
  it("writes done / total with French thousands separators", () => {
    expect(formatExportProgress({ done: 12000, total: 100000 })).toBe(`12${NB}000 / 100${NB}000 leads`);
    expect(formatExportProgress({ done: 1, total: 1 })).toBe("1 / 1 lead");
    expect(formatExportProgress({ done: 0, total: 999 })).toBe("0 / 999 leads");
  });

  it("never shows more done than the total", () => {
    expect(formatExportProgress({ done: 1200, total: 1000 })).toBe(`1${NB}000 / 1${NB}000 leads`);
  });

  it("is empty while the total is unknown", () => {
    expect(formatExportProgress(null)).toBe("");
    expect(formatExportProgress({ done: 0, total: 0 })).toBe("");
  });

  it("gives the fraction for the bar, null for an indeterminate bar", () => {
    expect(exportFraction({ done: 25000, total: 100000 })).toBe(0.25);
    expect(exportFraction({ done: 5, total: 4 })).toBe(1);
    expect(exportFraction({ done: 0, total: 0 })).toBeNull();
    expect(exportFraction(null)).toBeNull();
  });

  it("tells a cancelled export from a failed one", () => {
    const cancelled = { code: "refused", message: "Export annulé : aucun fichier n'a été écrit." };
    expect(isExportCancelled(cancelled, false)).toBe(true);
    expect(isExportCancelled({ code: "refused", message: "Autre" }, true)).toBe(true);
    expect(isExportCancelled({ code: "refused", message: "Période invalide." }, false)).toBe(false);
    expect(isExportCancelled({ code: "db_error", message: "Erreur." }, true)).toBe(false);
  });
});
