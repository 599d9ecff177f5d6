-- Carnet schema v7: sign-in, the garage's legal identity, site closing days and département,
-- close reasons that can be retired, the corbeille (deleted leads), the audit journal.

-- Sign-in: argon2id hashes (PHC strings), never the password. A user without a password
-- cannot sign in until an administrator sets one.
ALTER TABLE users ADD COLUMN phone TEXT;
ALTER TABLE users ADD COLUMN password_hash TEXT;
ALTER TABLE users ADD COLUMN pin_hash TEXT;
-- Failed sign-ins in a row, and the instant before which another attempt is refused.
ALTER TABLE users ADD COLUMN failed_logins INTEGER NOT NULL DEFAULT 0;
ALTER TABLE users ADD COLUMN retry_after TEXT;

-- The département gives the local public holidays (57, 67, 68: Alsace-Moselle).
ALTER TABLE sites ADD COLUMN departement TEXT;
ALTER TABLE sites ADD COLUMN email TEXT;
CREATE TABLE site_closures (
  site_id INTEGER NOT NULL REFERENCES sites(id),
  day     TEXT NOT NULL,            -- YYYY-MM-DD, local date
  label   TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (site_id, day)
);

-- A reason in use is retired (hidden from new closings), never deleted.
ALTER TABLE close_reasons ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- The corbeille: a deleted lead keeps every row; a manager restores it within 30 days.
ALTER TABLE leads ADD COLUMN deleted_at TEXT;
ALTER TABLE leads ADD COLUMN deleted_by INTEGER REFERENCES users(id);
CREATE INDEX leads_deleted ON leads(deleted_at) WHERE deleted_at IS NOT NULL;

-- The journal: events without a lead are the audit trail (settings, users, sign-in…).
CREATE INDEX events_audit ON events(kind, id) WHERE lead_id IS NULL;

-- The garage's logo, printed on documents (PNG or JPEG, bounded in size).
CREATE TABLE garage_logo (
  id         INTEGER PRIMARY KEY CHECK (id = 1),
  mime       TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg')),
  bytes      BLOB NOT NULL,
  updated_at TEXT NOT NULL
);

