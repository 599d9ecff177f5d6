import { describe, expect, it } from "vitest";
import type { OutboxItem } from "./bindings";
import {
  isOutboxCapped,
  OUTBOX_FILTERS,
  OUTBOX_LIMIT,
  outboxDateColumn,
  outboxFilterFrom,
  outboxQuery,
  outboxRow,
  outboxStateLabel,
  outboxTone,
} from "./outbox";

const item = (over: Partial<OutboxItem> = {}): OutboxItem => ({
  id: 7,
  kind: "lead_alert",
  to_addr: "chef@garage.fr",
  subject: "Nouveau lead L-2026-000123",
  state: "pending",
  attempts: 2,
  last_error: "connexion refusée",
  created_at: "2026-01-15T07:05:00Z",
  sent_at: null,
  next_attempt_at: "2026-01-15T07:35:00Z",
  lead_code: "L-2026-000123",
  ...over,
});

describe("outbox filter", () => {
  it("asks every mail or one state", () => {
    expect(outboxQuery("all")).toEqual({ state: null });
    expect(outboxQuery("pending")).toEqual({ state: "pending" });
    expect(outboxQuery("sent")).toEqual({ state: "sent" });
    expect(outboxQuery("failed")).toEqual({ state: "failed" });
  });

  it("reads the select's value, falling back to every mail", () => {
    for (const f of OUTBOX_FILTERS) expect(outboxFilterFrom(f)).toBe(f);
    expect(outboxFilterFrom("")).toBe("all");
    expect(outboxFilterFrom("queued")).toBe("all");
  });
});

describe("outbox states", () => {
  it("labels each state in French", () => {
    expect(outboxStateLabel("pending")).toBe("En attente");
    expect(outboxStateLabel("sent")).toBe("Envoyé");
    expect(outboxStateLabel("failed")).toBe("Échec définitif");
  });

  it("shows an unknown state as is, in a neutral badge", () => {
    expect(outboxStateLabel("bounced")).toBe("bounced");
    expect(outboxTone("bounced")).toBe("unknown");
    expect(outboxTone("failed")).toBe("failed");
  });

  it("shows the next attempt of a pending mail, the sending time of a sent one", () => {
    expect(outboxDateColumn("pending")).toBe("next_attempt");
    expect(outboxDateColumn("sent")).toBe("sent");
    expect(outboxDateColumn("failed")).toBeNull();
    expect(outboxDateColumn("bounced")).toBeNull();
  });
});

describe("outbox rows", () => {
  it("a pending mail: Paris dates, its next attempt and its last error", () => {
    const r = outboxRow(item());
    expect(r).toMatchObject({
      state: "pending",
      tone: "pending",
      label: "En attente",
      created: "15/01/2026 08:05",
      nextAttempt: "15/01/2026 08:35",
      sentAt: "",
      error: "connexion refusée",
      attempts: 2,
      leadCode: "L-2026-000123",
    });
  });

  it("a sent mail: its sending time, no stale error nor next attempt", () => {
    const r = outboxRow(item({ state: "sent", sent_at: "2026-07-01T06:00:00Z", last_error: "délai dépassé" }));
    expect(r.sentAt).toBe("01/07/2026 08:00");
    expect(r.nextAttempt).toBe("");
    expect(r.error).toBeNull();
  });

  it("a failed mail: its error, no date besides its creation", () => {
    const r = outboxRow(item({ state: "failed", attempts: 6, last_error: "  550 boîte inconnue \n" }));
    expect(r.label).toBe("Échec définitif");
    expect(r.error).toBe("550 boîte inconnue");
    expect(r.nextAttempt).toBe("");
    expect(r.sentAt).toBe("");
  });

  it("keeps subjects and addresses as plain data", () => {
    const r = outboxRow(item({ subject: "<b>Offre</b> & co", to_addr: "a<b>@x.fr" }));
    expect(r.subject).toBe("<b>Offre</b> & co");
    expect(r.toAddr).toBe("a<b>@x.fr");
  });

  it("has no lead link nor error when there is none", () => {
    const r = outboxRow(item({ lead_code: null, last_error: null }));
    expect(r.leadCode).toBeNull();
    expect(r.error).toBeNull();
    expect(outboxRow(item({ lead_code: " ", last_error: "  " }))).toMatchObject({ leadCode: null, error: null });
  });

  it("copes with a missing or invalid date", () => {
    expect(outboxRow(item({ state: "sent", sent_at: null })).sentAt).toBe("");
    expect(outboxRow(item({ created_at: "n/a" })).created).toBe("");
  });
});

it("says when the list reached the backend's limit", () => {
  expect(isOutboxCapped(OUTBOX_LIMIT - 1)).toBe(false);
  expect(isOutboxCapped(OUTBOX_LIMIT)).toBe(true);
});
