// A campaign's calls (Campagnes → a campaign): the list with its filters « Mes appels » and
// « À appeler », shown a page at a time, and each call's outcome logged with an optional note.
// A logged call stays in the list (with its new outcome) until the list is read again; an
// interested person's lead code comes back with it. Refusals are kept by call, as the core words them.
import { call, errorMessage } from "./api";
import type { CampaignCallRow, CampaignOutcome } from "./campaigns";

export const CALLS_PAGE_SIZE = 50;

export type CallsFilter = { mine: boolean; toCall: boolean };

export class CampaignCallsFlow {
  readonly campaignId: number;
  mine = $state(false);
  toCall = $state(false);
  calls = $state<CampaignCallRow[]>([]);
  loaded = $state(false);
  loading = $state(false);
  error = $state<string | null>(null);
  offset = $state(0);
  /** Notes typed, by call id (sent with the outcome). */
  notes = $state<Record<number, string>>({});
  /** A refused outcome, by call id. */
  rowErrors = $state<Record<number, string>>({});
  /** Calls done whose outcome is being changed (« Corriger »). */
  editing = $state<Record<number, boolean>>({});
  /** The call whose outcome is being saved. */
  busyId = $state<number | null>(null);
  /** The lead created by an « Intéressé » just logged, by call id. */
  created = $state<Record<number, string>>({});
  private seq = 0;
  /** Told after each outcome saved (the campaign's figures changed). */
  private readonly onlogged: () => void;

  constructor(campaignId: number, filter: CallsFilter, onlogged: () => void = () => {}) {
    this.campaignId = campaignId;
    this.mine = filter.mine;
    this.toCall = filter.toCall;
    this.onlogged = onlogged;
  }

  /** The calls of the page shown. */
  get page(): CampaignCallRow[] {
    return this.calls.slice(this.offset, this.offset + CALLS_PAGE_SIZE);
  }

  async load() {
    const mine = ++this.seq;
    this.loading = true;
    try {
      const rows = await call("campaign_calls", { campaign_id: this.campaignId, mine: this.mine, to_call: this.toCall });
      if (mine !== this.seq) return;
      this.calls = rows;
      if (this.offset >= this.calls.length) this.offset = 0;
      this.error = null;
      this.loaded = true;
    } catch (e) {
      if (mine === this.seq) this.error = errorMessage(e);
    } finally {
      if (mine === this.seq) this.loading = false;
    }
  }

  /** A filter changed: back to the first page, read again. */
  async setFilter(filter: Partial<CallsFilter>) {
    if (filter.mine !== undefined) this.mine = filter.mine;
    if (filter.toCall !== undefined) this.toCall = filter.toCall;
    this.offset = 0;
    await this.load();
  }

  /** Logs an outcome; resolves to the call as saved, or null after a refusal (in `rowErrors`). */
  async log(row: CampaignCallRow, outcome: CampaignOutcome): Promise<CampaignCallRow | null> {
    if (this.busyId !== null || row.blocked) return null;
    this.busyId = row.id;
    delete this.rowErrors[row.id];
    const note = (this.notes[row.id] ?? "").trim() || null;
    try {
      const saved = await call("campaign_call_log", { id: row.id, outcome, note });
      this.calls = this.calls.map((c) => (c.id === saved.id ? saved : c));
      if (outcome === "interesse" && saved.lead_code && !row.lead_code) this.created[row.id] = saved.lead_code;
      delete this.notes[row.id];
      delete this.editing[row.id];
      this.onlogged();
      return saved;
    } catch (e) {
      this.rowErrors[row.id] = errorMessage(e);
      return null;
    } finally {
      this.busyId = null;
    }
  }
}
