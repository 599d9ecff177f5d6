// The lead list's filters, kept outside the component so that they survive opening a lead
// and coming back.
import type { LeadKind, LeadQuery, LeadSort, LeadStatus } from "./bindings";

export const PAGE_SIZE = 50;

class LeadFilters {
  status = $state<LeadStatus | "">("");
  kind = $state<LeadKind | "">("");
  source = $state("");
  ownerId = $state<number | "">("");
  siteId = $state<number | "">("");
  overdue = $state(false);
  dueToday = $state(false);
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
    this.search = "";
    this.offset = 0;
  }

  /** The query for `leads_list`, with `search` given separately (it is debounced). */
  toQuery(search: string): LeadQuery {
    const q: LeadQuery = { sort: this.sort, limit: PAGE_SIZE, offset: this.offset, overdue: this.overdue };
    if (this.dueToday) q.due_today = true;
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
