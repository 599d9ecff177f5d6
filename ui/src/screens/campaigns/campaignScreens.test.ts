// Server-side renders of Campagnes: the list and its figures, « Nouvelle campagne » (the
// targeting checked, then the campaign created with the input typed; a refusal shown as the core
// words it), and a campaign's calls (a Bloctel number without buttons, « Intéressé » giving a
// lead); the backend answers through a mocked window.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Campaign, CampaignPreview, Role } from "../../lib/bindings";
import { CampaignCallsFlow } from "../../lib/campaignCalls.svelte";
import { CampaignForm } from "../../lib/campaignForm.svelte";
import type { CampaignCallRow } from "../../lib/campaigns";
import CampaignCalls from "./CampaignCalls.svelte";
import CampaignHeader from "./CampaignHeader.svelte";
import CampaignsPage from "./CampaignsPage.svelte";
import CampaignsTable from "./CampaignsTable.svelte";
import NewCampaignDialog from "./NewCampaignDialog.svelte";
import { backend, calls, invokeMock, markup, signIn as signInWith, user } from "../../test/screens";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const NBSP = "\u00a0";

/** Signed in next to the sales team a campaign's calls are shared among. */
const signIn = (role: Role | null) => signInWith(role, [user(4, "Karim Benali", "vendeur"), user(5, "Julie Petit", "vendeur"), user(6, "Marc Ancien", "vendeur", false)]);

beforeEach(() => {
  invokeMock.mockReset();
  vi.stubGlobal("window", { __TAURI_INTERNALS__: {} });
});
afterEach(() => {
  vi.unstubAllGlobals();
  signIn(null);
});

const campaign = (over: Partial<Campaign> = {}): Campaign => ({
  id: 3,
  name: "Renouvellement VN 2021",
  kind: "VN",
  target: { customers_only: true, bought_from: "2021-01-01", bought_to: "2021-12-31", postal_prefix: "69" },
  created_at: "2026-03-02T09:00:00Z",
  created_by: "Sandrine Morel",
  calls: 100,
  to_call: 70,
  interested: 8,
  not_interested: 12,
  unreachable: 6,
  do_not_call: 4,
  leads: 8,
  blocked: 3,
  ...over,
});

describe("campaign list", () => {
  it("shows each campaign with its figures, newest first", () => {
    const older = campaign({ id: 1, name: "Atelier <hiver>", kind: "APV", created_at: "2025-11-10T08:00:00Z", created_by: null, calls: 2, to_call: 2, interested: 0, not_interested: 0, unreachable: 0, do_not_call: 0, leads: 0, blocked: 0 });
    const html = markup(CampaignsTable, { items: [older, campaign({ calls: 1234, to_call: 1204 })] });
    expect([...html.matchAll(/data-testid="campaign-row" data-id="(\d+)"/g)].map((m) => m[1])).toEqual(["3", "1"]);
    expect(html).toContain(`<a href="#/campagnes/3" data-testid="campaign-open">Renouvellement VN 2021</a>`);
    expect(html).toContain("Véhicule neuf (VN)");
    expect(html).toContain(`<span class="nowrap">02/03/2026</span> <span class="by">par Sandrine Morel</span>`);
    expect(html).toContain(`data-testid="campaign-progress">30 / 1${NBSP}231</span>`);
    const fig = (id: string) => [...html.matchAll(new RegExp(`data-testid="fig-${id}">([^<]*)<`, "g"))].map((m) => m[1]);
    expect(fig("to-call")).toEqual([`1${NBSP}201`, "2"]);
    expect(fig("interested")).toEqual(["8", "0"]);
    expect(fig("leads")).toEqual(["8", "0"]);
    expect(fig("not-interested")).toEqual(["12", "0"]);
    expect(fig("unreachable")).toEqual(["6", "0"]);
    expect(fig("do-not-call")).toEqual(["4", "0"]);
    expect(fig("blocked")).toEqual(["3", "0"]);
    // Leads per call done; no rate before any call.
    expect(fig("conversion")).toEqual([`26,7${NBSP}%`, "—"]);
    // The older one: no author, its name escaped.
    expect(html).toContain("Atelier &lt;hiver>");
    expect(html).toContain("Après-vente");
    expect(html).toContain(`<span class="nowrap">10/11/2025</span> </td>`);
  });

  it("offers « Nouvelle campagne » to managers only", () => {
    signIn("vendeur");
    expect(markup(CampaignsPage, {})).not.toContain("campaign-new");
    signIn("responsable_apv");
    expect(markup(CampaignsPage, {})).toMatch(/data-testid="campaign-new"[^>]*>Nouvelle campagne</);
  });

  it("heads a campaign's page with its criteria and figures", () => {
    const html = markup(CampaignHeader, { campaign: campaign() });
    expect(html).toContain("<h1>Renouvellement VN 2021</h1>");
    expect(html).toContain("clients du DMS uniquement · achat d'un véhicule entre le 01/01/2021 et le 31/12/2021 · code postal commençant par 69");
    expect(html).toContain(
      `data-testid="campaign-figures">30 appels traités sur 97 · 67 à appeler · 8 intéressés · 8 leads créés · 12 pas intéressés · 6 injoignables · 4 ne plus appeler · 3 bloqués Bloctel · transformation 26,7${NBSP}%</p>`,
    );
  });
});

const preview: CampaignPreview = {
  matching: 128,
  targets: 97,
  excluded: [
    { reason: "inscrit sur Bloctel", count: 20 },
    { reason: "sans téléphone", count: 6 },
    { reason: "lead en cours", count: 5 },
  ],
};

describe("new campaign", () => {
  const dialog = (form: CampaignForm) => markup(NewCampaignDialog, { form, onclose: () => {}, ondone: () => {} });
  const createButton = (html: string) => /<button type="submit"[^>]*data-testid="campaign-create"[^>]*>/.exec(html)?.[0] ?? "";

  function fill(form: CampaignForm) {
    form.draft.name = "Renouvellement VN 2021";
    form.draft.kind = "VO";
    form.draft.customersOnly = true;
    form.draft.boughtFrom = "2021-01-01";
    form.draft.boughtTo = "2021-12-31";
    form.draft.noVisitSince = "2025-09-01";
    form.draft.postalPrefix = "69";
    form.toggleAssignee(4, true);
    form.toggleAssignee(5, true);
  }

  it("lists the active users, vendeurs first, and does not create on Enter", () => {
    signIn("chef_des_ventes");
    const html = dialog(new CampaignForm());
    expect([...html.matchAll(/data-testid="campaign-assignee"[^>]*>\s*([^<]+?) </g)].map((m) => m[1])).toEqual(["Karim Benali", "Julie Petit", "Sandrine Morel"]);
    expect(html).not.toContain("Marc Ancien");
    expect(html).toContain(`data-enter-submits="false"`);
    expect(html).toContain("Vérifiez le ciblage avant de créer la campagne.");
    expect(createButton(html)).toContain("disabled");
  });

  it("checks the targeting, then creates the campaign with the input typed", async () => {
    signIn("chef_des_ventes");
    backend({ campaign_preview: () => preview, campaign_create: (a) => campaign({ name: a.name as string }) });
    const form = new CampaignForm();
    fill(form);
    await form.check();
    const input = {
      name: "Renouvellement VN 2021",
      kind: "VO",
      target: { customers_only: true, bought_from: "2021-01-01", bought_to: "2021-12-31", no_visit_since: "2025-09-01", postal_prefix: "69" },
      assignees: [4, 5],
    };
    expect(calls("campaign_preview")).toEqual([input]);
    let html = dialog(form);
    expect(html).toContain(`data-testid="campaign-preview-summary">128 contacts correspondent, 97 à appeler</p>`);
    expect(html).toContain("<li>inscrit sur Bloctel : 20</li><li>sans téléphone : 6</li><li>lead en cours : 5</li>");
    expect(html).toContain("Les numéros inscrits sur Bloctel sont toujours exclus : la loi interdit de les démarcher par téléphone.");
    expect(createButton(html)).not.toContain("disabled");
    expect(html).toMatch(/data-testid="campaign-create"[^>]*>Créer la campagne</);

    // Criteria changed: the preview is out of date, no creation until checked again.
    form.draft.postalPrefix = "38";
    html = dialog(form);
    expect(html).toContain("Les critères ont changé : vérifiez de nouveau le ciblage.");
    expect(createButton(html)).toContain("disabled");
    expect(await form.create()).toBeNull();
    expect(calls("campaign_create")).toEqual([]);

    form.draft.postalPrefix = "69";
    const created = await form.create();
    expect(created?.name).toBe("Renouvellement VN 2021");
    expect(calls("campaign_create")).toEqual([input]);
  });

  it("shows the core's refusal as it words it, escaped", async () => {
    signIn("administrateur");
    const message = "Ciblage trop large : 6 200 contacts à appeler (au plus 5000). Affinez les <b>critères</b>.";
    backend({
      campaign_preview: () => ({ matching: 6500, targets: 6200, excluded: [] }),
      campaign_create: () => {
        throw { code: "refused", message, field: null };
      },
    });
    const form = new CampaignForm();
    fill(form);
    await form.check();
    expect(await form.create()).toBeNull();
    const html = dialog(form);
    expect(html).toContain(`data-testid="campaign-error">Ciblage trop large : 6 200 contacts à appeler (au plus 5000). Affinez les &lt;b>critères&lt;/b>.</p>`);
    expect(html).not.toContain("<b>critères</b>");
  });

  it("puts a refused date next to its field, and checks dates before asking", async () => {
    signIn("chef_des_ventes");
    backend({
      campaign_preview: () => {
        throw { code: "invalid", message: "Date invalide : « 2021-02-30 » (attendu AAAA-MM-JJ).", field: "bought_from" };
      },
    });
    const form = new CampaignForm();
    form.draft.boughtFrom = "31/02/2021";
    await form.check();
    expect(calls("campaign_preview")).toEqual([]);
    expect(dialog(form)).toContain(`data-testid="cp-error-bought_from" data-field="bought_from" role="alert">Date invalide (jj/mm/aaaa).</p>`);

    form.draft.boughtFrom = "2021-02-28";
    await form.check();
    expect(calls("campaign_preview")).toHaveLength(1);
    expect(dialog(form)).toContain(`role="alert">Date invalide : « 2021-02-30 » (attendu AAAA-MM-JJ).</p>`);
    expect(form.preview).toBeNull();
  });
});

const row = (over: Partial<CampaignCallRow> = {}): CampaignCallRow => ({
  id: 11,
  campaign_id: 3,
  contact_id: 7,
  name: "M. Luc Martin",
  phone: "+33612345678",
  city: "Lyon",
  customer_code: "C042",
  assignee: "Karim Benali",
  outcome: null,
  called_at: null,
  note: null,
  lead_code: null,
  blocked: false,
  ...over,
});

describe("a campaign's calls", () => {
  const blocked = row({ id: 12, contact_id: 8, name: "Mme Anne Roux", phone: null, customer_code: "C077", blocked: true });
  const done = row({ id: 13, contact_id: 9, name: "Paul Girard", outcome: "pas_interesse", called_at: "2026-03-03T14:05:00Z", note: "Garde sa voiture" });

  it("shows the calls with their links, a Bloctel number without number nor buttons", async () => {
    backend({ campaign_calls: () => [row(), blocked, done] });
    const flow = new CampaignCallsFlow(3, { mine: true, toCall: false });
    await flow.load();
    expect(calls("campaign_calls")).toEqual([{ campaign_id: 3, mine: true, to_call: false }]);
    const html = markup(CampaignCalls, { flow });

    expect(html.match(/data-testid="call-row"/g)).toHaveLength(3);
    expect(html).toContain(`<a href="#/clients/7" data-testid="call-contact">M. Luc Martin</a>`);
    expect(html).toContain(`<a href="tel:+33612345678" data-testid="call-phone">06 12 34 56 78</a>`);
    expect(html).toContain("C042");
    expect(html).toContain("Karim Benali");
    expect(html).toMatch(/data-testid="calls-mine" checked/);

    // Only the call to make has buttons; the one done offers « Corriger ».
    expect([...html.matchAll(/data-testid="call-actions" data-id="(\d+)"/g)].map((m) => m[1])).toEqual(["11"]);
    expect(html.match(/data-testid="log-/g)).toHaveLength(5);
    for (const label of ["Intéressé", "Pas intéressé", "Injoignable", "À rappeler", "Ne plus appeler"]) expect(html).toContain(`>${label}</button>`);
    expect(html).toContain(`data-testid="call-correct"`);
    expect(html).toContain("03/03/2026 15:05");
    expect(html).toContain("Garde sa voiture");

    const blockedRow = /<tr data-testid="call-row" data-id="12"[^]*?<\/tr>/.exec(html)?.[0] ?? "";
    expect(blockedRow).toContain(`data-blocked="true"`);
    expect(blockedRow).toContain(`data-testid="bloctel-badge">Bloctel</span>`);
    expect(blockedRow).toContain("Ne pas appeler : numéro inscrit sur Bloctel");
    expect(blockedRow).not.toContain("tel:");
    expect(blockedRow).not.toContain("<button");
    expect(blockedRow).not.toContain("call-outcome");
  });

  it("logs « Intéressé » with its note and shows the lead created", async () => {
    const logged = vi.fn();
    backend({
      campaign_calls: () => [row()],
      campaign_call_log: (a) => row({ outcome: a.outcome as "interesse", called_at: "2026-03-04T09:30:00Z", note: a.note as string, lead_code: "L-2026-000123" }),
    });
    const flow = new CampaignCallsFlow(3, { mine: false, toCall: true }, logged);
    await flow.load();
    flow.notes[11] = "  Veut un essai du nouveau modèle ";
    const saved = await flow.log(flow.calls[0], "interesse");
    expect(saved?.lead_code).toBe("L-2026-000123");
    expect(calls("campaign_call_log")).toEqual([{ id: 11, outcome: "interesse", note: "Veut un essai du nouveau modèle" }]);
    expect(logged).toHaveBeenCalledOnce();

    const html = markup(CampaignCalls, { flow });
    expect(html).toContain(`data-testid="call-lead-created">Lead créé : <a class="mono" href="#/leads/L-2026-000123">L-2026-000123</a></span>`);
    expect(html).toContain(`<a class="mono" href="#/leads/L-2026-000123" data-testid="call-lead">L-2026-000123</a>`);
    expect(html).toContain(`data-outcome="interesse">Intéressé</span>`);
    expect(html).not.toContain(`data-testid="call-actions"`);
  });

  it("shows a refused outcome on its call, escaped", async () => {
    const message = "Cet appel est confié à un <i>autre</i> vendeur.";
    backend({
      campaign_calls: () => [row()],
      campaign_call_log: () => {
        throw { code: "forbidden", message, field: null };
      },
    });
    const flow = new CampaignCallsFlow(3, { mine: false, toCall: false });
    await flow.load();
    expect(await flow.log(flow.calls[0], "injoignable")).toBeNull();
    const html = markup(CampaignCalls, { flow });
    expect(html).toContain(`data-testid="call-error">Cet appel est confié à un &lt;i>autre&lt;/i> vendeur.</p>`);
    expect(html).toContain(`data-testid="call-actions" data-id="11"`);
  });

  it("never logs a blocked call, and says when the filters leave nothing", async () => {
    backend({ campaign_calls: () => [] });
    const flow = new CampaignCallsFlow(3, { mine: false, toCall: true });
    expect(await flow.log(blocked, "interesse")).toBeNull();
    expect(calls("campaign_call_log")).toEqual([]);
    await flow.setFilter({ mine: true });
    expect(calls("campaign_calls")).toEqual([{ campaign_id: 3, mine: true, to_call: true }]);
    expect(markup(CampaignCalls, { flow })).toContain("Aucun appel avec ces filtres.");
  });
});
