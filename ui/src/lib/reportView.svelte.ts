// The Pilotage screen's filters and tab, kept outside the component so that they survive
// opening a lead and coming back.
import type { ReportFilterState } from "./reports";

export type ReportTab = "dashboard" | "kpi" | "sales";
export const REPORT_TABS: readonly ReportTab[] = ["dashboard", "kpi", "sales"];

class ReportView {
  tab = $state<ReportTab>("dashboard");
  /** What the filter bar holds; `from` empty until the screen first opens (then: 30 days). */
  draft = $state<ReportFilterState>({ from: "", to: "", siteId: "", ownerId: "", source: "" });
}

export const reportView = new ReportView();
