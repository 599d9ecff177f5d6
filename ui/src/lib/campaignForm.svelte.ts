// The « Nouvelle campagne » dialog's state: the form, « Vérifier le ciblage » (`campaign_preview`:
// who matches, who is called, who is left out and why), then « Créer la campagne », offered only
// while the preview shown is that of the criteria typed. A refusal is kept as the core words it,
// next to its field when it names one.
import { call } from "./api";
import type { Campaign, CampaignPreview } from "./bindings";
import { CAMPAIGN_FIELDS, campaignInput, emptyDraft, targetKey, type CampaignDraft } from "./campaigns";
import { failureToErrors, noErrors, type FormErrors } from "./forms";

export class CampaignForm {
  draft = $state<CampaignDraft>(emptyDraft());
  /** The last preview, with the criteria it was made for. */
  preview = $state<{ key: string; result: CampaignPreview } | null>(null);
  errors = $state<FormErrors>(noErrors());
  busy = $state<"checking" | "creating" | null>(null);

  /** The criteria as typed now (null while a field is invalid). */
  private get currentKey(): string | null {
    const { input } = campaignInput(this.draft, false);
    return input ? targetKey(input.target) : null;
  }

  /** The preview shown matches the criteria typed: the campaign may be created. */
  get fresh(): boolean {
    return this.preview !== null && this.preview.key === this.currentKey;
  }

  toggleAssignee(id: number, on: boolean) {
    const others = this.draft.assignees.filter((a) => a !== id);
    this.draft.assignees = on ? [...others, id] : others;
  }

  /** « Vérifier le ciblage ». */
  async check() {
    if (this.busy) return;
    const { input, errors } = campaignInput(this.draft, false);
    this.errors = { fields: errors, general: null };
    if (!input) return;
    this.busy = "checking";
    try {
      this.preview = { key: targetKey(input.target), result: await call("campaign_preview", input) };
    } catch (e) {
      this.preview = null;
      this.errors = failureToErrors(e, CAMPAIGN_FIELDS, (f) => f);
    } finally {
      this.busy = null;
    }
  }

  /** « Créer la campagne »: resolves to the campaign, or null (errors then in `errors`). */
  async create(): Promise<Campaign | null> {
    if (this.busy || !this.fresh) return null;
    const { input, errors } = campaignInput(this.draft, true);
    this.errors = { fields: errors, general: null };
    if (!input) return null;
    this.busy = "creating";
    try {
      return await call("campaign_create", input);
    } catch (e) {
      this.errors = failureToErrors(e, CAMPAIGN_FIELDS, (f) => f);
      return null;
    } finally {
      this.busy = null;
    }
  }
}
