// Server-side renders of Réglages → Confidentialité's « Liste Bloctel »: the list's state (and a
// stale list's warning), the file checked then imported, and a file refused with the core's
// message in full; the backend answers through a mocked window.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { BloctelStatus } from "../../lib/bindings";
import { base64ToBytes } from "../../lib/base64";
import { BloctelFlow } from "../../lib/bloctelFlow.svelte";
import { backendOf, invokeMock, markup, signIn } from "../../test/screens";
import BloctelSection from "./BloctelSection.svelte";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));
vi.mock("@tauri-apps/api/event", () => ({ listen: vi.fn() }));

const NBSP = "\u00a0";

type Args = { file_name?: string; base64?: string; dry_run?: boolean };

const { backend, calls } = backendOf<Args>();

beforeEach(() => {
  invokeMock.mockReset();
  vi.stubGlobal("window", { __TAURI_INTERNALS__: {} });
});
afterEach(() => {
  vi.unstubAllGlobals();
  signIn(null);
});

const listed: BloctelStatus = { numbers: 1234, contacts_listed: 12, imported_at: "2026-11-15T09:30:00Z", file_name: "bloctel.csv", stale: false };
const none: BloctelStatus = { numbers: 0, contacts_listed: 0, imported_at: null, file_name: null, stale: false };
const bytes = new TextEncoder().encode("0612345678;2026-11-01\n0478000000\n");

describe("Bloctel list", () => {
  it("says what the list holds, and warns when it is older than 30 days", async () => {
    backend({ bloctel_status: () => listed });
    const flow = new BloctelFlow();
    await flow.loadStatus();
    let html = markup(BloctelSection, { flow });
    expect(html).toContain("Liste Bloctel");
    expect(html).toContain(`data-testid="bloctel-status">1${NBSP}234 numéros, 12 contacts concernés — fichier bloctel.csv du 15/11/2026</p>`);
    expect(html).not.toContain("bloctel-stale");
    expect(html).toContain("un numéro par ligne, éventuellement suivi d'une date. Chaque import remplace la liste précédente");

    flow.status = { ...listed, stale: true };
    html = markup(BloctelSection, { flow });
    expect(html).toContain(`data-testid="bloctel-stale">Liste de plus de 30 jours : soumettez de nouveau vos numéros à Bloctel et importez le fichier renvoyé.</p>`);

    flow.status = none;
    expect(markup(BloctelSection, { flow })).toContain(`data-testid="bloctel-status">Aucune liste importée</p>`);
  });

  it("lets managers only import a file", () => {
    signIn("vendeur");
    let html = markup(BloctelSection, { flow: new BloctelFlow() });
    expect(html).not.toContain(`data-testid="bloctel-file"`);
    expect(html).toContain(`data-testid="bloctel-read-only"`);
    signIn("responsable_apv");
    html = markup(BloctelSection, { flow: new BloctelFlow() });
    expect(html).toMatch(/<input type="file" accept="\.csv,\.txt,text\/csv,text\/plain" data-testid="bloctel-file"/);
  });

  it("checks the file first, then imports it and reads the state again", async () => {
    signIn("chef_des_ventes");
    let current = none;
    backend({
      bloctel_status: () => current,
      bloctel_import: (a) => {
        if (!a.dry_run) current = listed;
        return { dry_run: !!a.dry_run, numbers: 1234, added: 20, removed: 3, contacts_listed: 12 };
      },
    });
    const flow = new BloctelFlow();
    await flow.loadStatus();
    await flow.check("bloctel.csv", bytes);

    const [dry] = calls("bloctel_import");
    expect(dry).toMatchObject({ file_name: "bloctel.csv", dry_run: true });
    expect(base64ToBytes(dry.base64 ?? "")).toEqual(bytes);
    let html = markup(BloctelSection, { flow });
    expect(html).toContain(`data-testid="bloctel-preview"`);
    expect(html).toContain(`1${NBSP}234 numéros : 20 ajoutés, 3 retirés ; 12 contacts seront exclus de la prospection téléphonique`);
    expect(html).toMatch(/data-testid="bloctel-import"[^>]*>\s*Importer\s*</);
    expect(html).toMatch(/data-testid="bloctel-cancel"[^>]*>Annuler</);
    expect(html).toContain(`data-testid="bloctel-status">Aucune liste importée</p>`);

    await flow.confirm();
    const [, real] = calls("bloctel_import");
    expect(real).toEqual({ ...dry, dry_run: false });
    expect(calls("bloctel_status")).toHaveLength(2);
    html = markup(BloctelSection, { flow });
    expect(html).not.toContain(`data-testid="bloctel-preview"`);
    expect(html).toContain(`data-testid="bloctel-done">Liste Bloctel importée : 1${NBSP}234 numéros ; 12 contacts exclus de la prospection téléphonique.</p>`);
    expect(html).toContain("fichier bloctel.csv du 15/11/2026");
  });

  it("drops a file checked on « Annuler »", async () => {
    signIn("administrateur");
    backend({ bloctel_import: () => ({ dry_run: true, numbers: 2, added: 2, removed: 0, contacts_listed: 1 }) });
    const flow = new BloctelFlow();
    await flow.check("bloctel.csv", bytes);
    expect(flow.pending).not.toBeNull();
    flow.cancel();
    expect(flow.pending).toBeNull();
    expect(calls("bloctel_import")).toHaveLength(1);
    expect(markup(BloctelSection, { flow })).not.toContain("bloctel-preview");
  });

  it("shows a refused file's message in full, nothing imported", async () => {
    signIn("chef_des_ventes");
    const message = "Fichier Bloctel refusé : 2 lignes illisibles.\nLigne 3 : « 06 12 <b>34</b> » n'est pas un numéro.\nLigne 7 : date invalide « 31/02/2026 ».";
    backend({
      bloctel_import: () => {
        throw { code: "validation", message, field: null };
      },
    });
    const flow = new BloctelFlow();
    await flow.check("liste.txt", bytes);
    expect(flow.pending).toBeNull();
    const html = markup(BloctelSection, { flow });
    expect(html).not.toContain("bloctel-preview");
    expect(html).toContain(`data-testid="bloctel-error"`);
    expect(html).toContain(message.replace("<b>34</b>", "&lt;b>34&lt;/b>"));
    expect(html).toContain("Rien n'a été importé.");
  });
});
