// The lead list's filters, kept outside the component so that they survive opening a lead
// and coming back.
import type { LeadKind, LeadQuery, LeadSort, LeadStatus } from "./bindings";
import type { LeadDrill } from "./reports";

export const PAGE_SIZE = 50;

class LeadFilters {
  status = $state<LeadStatus | "">("");
  kind = $state<LeadKind | "">("");
  source = $state("");
  ownerId = $state<number | "">("");
  siteId = $state<number | "">("");
  overdue = $state(false);
  dueToday = $state(false);
  /** Open leads without an owner. */
  unassigned = $state(false);
  /** Received from / to these days ("YYYY-MM-DD"; set from a report's figure). */
  createdFrom = $state("");
  createdTo = $state("");
  sort = $state<LeadSort>("recent");
  search = $state("");
  offset = $state(0);

  get active(): boolean {
    return (
      this.status !== "" ||
      this.kind !== "" ||
      this.source !== "" ||
      this.ownerId !== "" ||
      this.siteId !== "" ||
      this.overdue ||
      this.dueToday ||
      this.unassigned ||
      this.createdFrom !== "" ||
      this.createdTo !== "" ||
      this.search.trim() !== ""
    );
  }

  clear() {
    this.status = "";
    this.kind = "";
    this.source = "";
    this.ownerId = "";
    this.siteId = "";
    this.overdue = false;
    this.dueToday = false;
    this.unassigned = false;
    this.createdFrom = "";
    this.createdTo = "";
    this.search = "";
    this.offset = 0;
  }

  /** Shows the leads behind a report's figure: these filters only (the sort is kept). */
  drill(d: LeadDrill) {
    this.clear();
    this.status = d.status ?? "";
    this.kind = d.kind ?? "";
    this.source = d.source ?? "";
    this.ownerId = d.ownerId ?? "";
    this.siteId = d.siteId ?? "";
    this.overdue = d.overdue ?? false;
    this.unassigned = d.unassigned ?? false;
    this.createdFrom = d.createdFrom ?? "";
    this.createdTo = d.createdTo ?? "";
  }

  /** The query for `leads_list`, with `search` given separately (it is debounced). */
  toQuery(search: string): LeadQuery {
    const q: LeadQuery = { sort: this.sort, limit: PAGE_SIZE, offset: this.offset, overdue: this.overdue };
    if (this.dueToday) q.due_today = true;
    if (this.unassigned) q.unassigned = true;
    if (this.createdFrom) q.created_from = this.createdFrom;
    if (this.createdTo) q.created_to = this.createdTo;
    if (this.status) q.status = this.status;
    if (this.kind) q.kind = this.kind;
    if (this.source) q.source = this.source;
    if (this.ownerId !== "") q.owner_id = this.ownerId;
    if (this.siteId !== "") q.site_id = this.siteId;
    if (search.trim()) q.search = search.trim();
    return q;
  }
}

export const leadFilters = new LeadFilters();
