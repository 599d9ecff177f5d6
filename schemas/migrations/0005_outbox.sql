-- Mails to send (lead alerts to the staff now; prospect e-mails later), with retries. A mail is
-- queued in the same transaction as what caused it, and sent by the background worker.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY,
  kind            TEXT NOT NULL,
  to_addr         TEXT NOT NULL,
  subject         TEXT NOT NULL,
  body            TEXT NOT NULL,
  lead_id         INTEGER REFERENCES leads(id),
  state           TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','sent','failed')),
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  next_attempt_at TEXT NOT NULL,
  created_at      TEXT NOT NULL,
  sent_at         TEXT
);
CREATE INDEX outbox_due ON outbox(state, next_attempt_at);
