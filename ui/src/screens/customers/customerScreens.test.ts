// Server-side renders of the contact's file in Clients: the Bloctel badge (table, lead's Contact
// tab), the probable duplicates, the merge dialog (its choice sent to `contacts_merge`, a refusal
// shown) and the merge's report; the backend answers through a mocked window.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Contact, ContactMergeReport, CustomerRow, DuplicateCandidate } from "../../lib/bindings";
import { MergeFlow } from "../../lib/contactMergeFlow.svelte";
import type { MergeSide } from "../../lib/contactMerge";
import ContactTab from "../leads/ContactTab.svelte";
import Timeline from "../leads/Timeline.svelte";
import CustomersTable from "./CustomersTable.svelte";
import DuplicateList from "./DuplicateList.svelte";
import MergeContactsDialog from "./MergeContactsDialog.svelte";
import MergeReport from "./MergeReport.svelte";
import PasswordDialog from "../auth/PasswordDialog.svelte";
import { backend, calls, invokeMock, markup, signIn } from "../../test/screens";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

beforeEach(() => {
  invokeMock.mockReset();
  vi.stubGlobal("window", { __TAURI_INTERNALS__: {} });
});
afterEach(() => {
  vi.unstubAllGlobals();
  signIn(null);
});

const BLOCTEL_TITLE = "Numéro inscrit sur Bloctel : pas de démarchage téléphonique. Un appel qui répond à sa propre demande reste permis.";

const candidates: DuplicateCandidate[] = [
  { contact_id: 7, name: "Luc <b>Martin</b>", phone: "+33612345678", email: "luc@example.fr", city: "Lyon", customer_code: "C042", leads: 2, reasons: ["téléphone", "nom"] },
  { contact_id: 8, name: "L. Martin", phone: null, email: null, city: null, customer_code: null, leads: 1, reasons: ["e-mail"] },
];

describe("probable duplicates", () => {
  it("list each candidate with a link to its file and what they share", () => {
    const html = markup(DuplicateList, { candidates, onmerge: () => {} });
    expect(html.match(/data-testid="duplicate"/g)).toHaveLength(2);
    expect(html).toContain(`href="#/clients/7"`);
    expect(html).toContain(">Luc &lt;b>Martin&lt;/b></a>");
    expect(html).toContain("06 12 34 56 78 · luc@example.fr · Lyon · n° client C042 · 2 leads");
    expect(html).toContain("en commun : téléphone, nom");
    expect(html).toContain("1 lead");
    expect(html).toContain("en commun : e-mail");
    // Nobody signed in: no merge.
    expect(html).not.toContain(`data-testid="duplicate-merge"`);
  });

  it("offer the merge to managers only", () => {
    signIn("vendeur");
    expect(markup(DuplicateList, { candidates, onmerge: () => {} })).not.toContain("Fusionner…");
    signIn("chef_des_ventes");
    const html = markup(DuplicateList, { candidates, onmerge: () => {} });
    expect(html.match(/data-testid="duplicate-merge"/g)).toHaveLength(2);
    expect(html).toContain(">Fusionner…</button>");
  });
});

const open: MergeSide = { id: 3, name: "Luc Martin", phone: "+33612345678", email: null, city: "Lyon", customerCode: null, leads: 1 };
const other: MergeSide = { id: 7, name: "Luc Martin", phone: "+33612345678", email: "luc@example.fr", city: "Lyon", customerCode: "C042", leads: 2 };
const report: ContactMergeReport = { kept_id: 7, absorbed_id: 3, leads: 1, history: 0, alerts: 1, consent_events: 2, consent_email: true, consent_sms: false, kept_aside: ["Autre e-mail : luc@perso.fr"] };

describe("merge dialog", () => {
  const keptIds = (html: string) => [...html.matchAll(/data-testid="merge-side" data-id="(\d+)" data-kept="true"/g)].map((m) => Number(m[1]));

  it("shows both files, keeps the DMS customer's by default and explains the merge", () => {
    const flow = new MergeFlow(open, other);
    const html = markup(MergeContactsDialog, { flow, onclose: () => {}, ondone: () => {} });
    expect(html.match(/data-testid="merge-side"/g)).toHaveLength(2);
    expect(keptIds(html)).toEqual([7]);
    expect(html).toMatch(/value="7"[^>]*checked/);
    expect(html).toContain("fiche ouverte");
    expect(html).toContain("C042");
    expect(html).toContain("prospect");
    expect(html).toContain("Les leads, l'historique DMS, les alertes VO, les appels de campagne et l'historique des consentements de la fiche absorbée passent sur la fiche gardée.");
    expect(html).toContain("un retrait l'emporte.");
    expect(html).toMatch(/data-testid="merge-confirm"[^>]*>Fusionner les fiches</);
    // Two prospects: the file open is kept.
    expect(keptIds(markup(MergeContactsDialog, { flow: new MergeFlow(open, { ...other, customerCode: null }), onclose: () => {}, ondone: () => {} }))).toEqual([3]);
  });

  it("is confirmed by its button only: Enter on a radio button does not merge", () => {
    const html = markup(MergeContactsDialog, { flow: new MergeFlow(open, other), onclose: () => {}, ondone: () => {} });
    expect(html).toContain(`data-enter-submits="false"`);
    // Other dialogs keep saving on Enter.
    expect(markup(PasswordDialog, { onclose: () => {} })).toContain(`data-enter-submits="true"`);
  });

  it("sends the file chosen as kept and the other as absorbed", async () => {
    backend({ contacts_merge: () => ({ ...report, kept_id: 3, absorbed_id: 7 }) });
    const flow = new MergeFlow(open, other);
    flow.keepId = open.id;
    expect(keptIds(markup(MergeContactsDialog, { flow, onclose: () => {}, ondone: () => {} }))).toEqual([3]);
    expect(await flow.run()).toMatchObject({ kept_id: 3, absorbed_id: 7 });
    expect(calls("contacts_merge")).toEqual([{ keep_id: 3, merge_id: 7, confirm: true }]);

    invokeMock.mockClear();
    const byDefault = new MergeFlow(open, other);
    await byDefault.run();
    expect(calls("contacts_merge")).toEqual([{ keep_id: 7, merge_id: 3, confirm: true }]);
  });

  it("shows a refusal as the core words it", async () => {
    const message = "Les deux fiches ont un numéro client DMS (C042 et C077) : fusion impossible.";
    backend({
      contacts_merge: () => {
        throw { code: "refused", message, field: null };
      },
    });
    const flow = new MergeFlow(open, other);
    expect(await flow.run()).toBeNull();
    expect(flow.error).toBe(message);
    const html = markup(MergeContactsDialog, { flow, onclose: () => {}, ondone: () => {} });
    expect(html).toContain(`data-testid="merge-error">${message}</p>`);
  });

  it("reports what moved and what was kept aside", () => {
    const html = markup(MergeReport, { report });
    expect(html).toContain("Fiches fusionnées.");
    expect(html).toContain("<li>1 lead déplacé</li>");
    expect(html).toContain("<li>1 alerte VO déplacée</li>");
    expect(html).toContain("<li>Consentements retenus : e-mail oui, SMS non</li>");
    expect(html).toContain(`data-testid="merge-kept-aside"`);
    expect(html).toContain("<li>Autre e-mail : luc@perso.fr</li>");
    expect(markup(MergeReport, { report: { ...report, kept_aside: [] } })).not.toContain("merge-kept-aside");
  });
});

describe("Bloctel badge", () => {
  const row = (over: Partial<CustomerRow> = {}): CustomerRow => ({ contact_id: 3, customer_code: null, name: "Luc Martin", phone: "+33612345678", email: null, city: "Lyon", last_visit: null, open_leads: 1, bloctel: false, ...over });

  it("marks a listed number in the customers table", () => {
    const html = markup(CustomersTable, { items: [row(), row({ contact_id: 4, bloctel: true })], onopen: () => {} });
    expect(html.match(/data-testid="bloctel-badge"/g)).toHaveLength(1);
    expect(html).toContain(`title="${BLOCTEL_TITLE}"`);
    expect(html).toMatch(/06 12 34 56 78<span class="bloctel[^"]* small" title="[^"]*" data-testid="bloctel-badge">Bloctel<\/span>/);
  });

  const contact: Contact = {
    id: 3,
    first_name: "Luc",
    last_name: "Martin",
    company: null,
    phone: "0612345678",
    email: null,
    postal_code: "69001",
    city: "Lyon",
    consent_email: false,
    consent_sms: false,
    consent_at: null,
    created_at: "2026-03-01T10:00:00Z",
    updated_at: "2026-03-01T10:00:00Z",
    address: null,
    country: null,
    to_check: [],
    bloctel: true,
  };

  it("marks the phone on the lead's Contact tab, which opens the contact's file", () => {
    const html = markup(ContactTab, { contact, onchanged: () => {} });
    expect(html).toMatch(/<label for="ct-field-phone">Téléphone <span class="bloctel[^"]*" title="[^"]*" data-testid="bloctel-badge">Bloctel<\/span><\/label>/);
    expect(html).toMatch(/<a href="#\/clients\/3" data-testid="open-contact-file">Ouvrir la fiche contact<\/a>/);
    expect(markup(ContactTab, { contact: { ...contact, bloctel: false }, onchanged: () => {} })).not.toContain("bloctel-badge");
  });
});

describe("timeline", () => {
  it("tags a merge of contact files", () => {
    const html = markup(Timeline, { events: [{ id: 1, lead_id: 1, at: "2026-03-01T10:00:00Z", user: "Sandrine Morel", kind: "contacts_merged", text: "Fiche de L. Martin fusionnée dans celle-ci." }] });
    expect(html).toContain(`data-kind="contacts_merged"`);
    expect(html).toMatch(/<span class="tag[^"]*" data-testid="event-tag">Fusion de fiches<\/span>Fiche de L. Martin fusionnée dans celle-ci\./);
  });
});
