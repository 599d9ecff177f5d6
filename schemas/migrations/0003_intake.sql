-- Intake: every inbound message is stored raw before anything else (never lost), then parsed into
-- a lead, merged into an open lead, or kept in quarantine with a French reason.

CREATE TABLE inbound (
  id          INTEGER PRIMARY KEY,
  channel     TEXT NOT NULL CHECK (channel IN ('imap','file','webhook','csv')),
  message_id  TEXT,
  sha256      TEXT NOT NULL,
  from_addr   TEXT,
  subject     TEXT,
  mail_date   TEXT,
  size        INTEGER NOT NULL,
  raw         BLOB NOT NULL,
  state       TEXT NOT NULL CHECK (state IN ('received','lead','merged','quarantined','converted','discarded')),
  reason      TEXT,
  parser      TEXT,
  lead_id     INTEGER REFERENCES leads(id),
  received_at TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE UNIQUE INDEX inbound_sha256 ON inbound(sha256);
CREATE INDEX inbound_message_id ON inbound(message_id) WHERE message_id IS NOT NULL;
CREATE INDEX inbound_state ON inbound(state, id);

-- In-app notifications (the desktop ones are shown from these).
CREATE TABLE notifications (
  id      INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  lead_id INTEGER REFERENCES leads(id),
  at      TEXT NOT NULL,
  kind    TEXT NOT NULL,
  text    TEXT NOT NULL,
  read_at TEXT
);
CREATE INDEX notifications_user ON notifications(user_id, read_at, id);

-- Assignment rules, tried in order; NULL criteria match anything. A rule names a user, or a site
-- whose present sellers take turns (round-robin). No matching rule: round-robin on the lead's site.
CREATE TABLE assignment_rules (
  id        INTEGER PRIMARY KEY,
  position  INTEGER NOT NULL,
  kind      TEXT,
  source    TEXT,
  site_id   INTEGER REFERENCES sites(id),
  user_id   INTEGER REFERENCES users(id),
  to_site_id INTEGER REFERENCES sites(id),
  active    INTEGER NOT NULL DEFAULT 1
);

-- Who received the last lead of a round-robin pool.
CREATE TABLE round_robin (
  pool         TEXT PRIMARY KEY,
  last_user_id INTEGER NOT NULL
);

INSERT INTO settings(key, value) VALUES ('dedup_days', '30') ON CONFLICT(key) DO NOTHING;
ALTER TABLE vehicles ADD COLUMN price_cents INTEGER;
