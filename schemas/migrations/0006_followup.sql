-- Follow-up: SLA rules (first-contact deadline in working time), tasks, call attempts, escalation.

-- Tried in order; NULL criteria match anything. mode: 'working_hours' (hours of opening time)
-- or 'next_working_day' (closing time of the next working day).
CREATE TABLE sla_rules (
  id       INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  source   TEXT,
  kind     TEXT,
  site_id  INTEGER REFERENCES sites(id),
  mode     TEXT NOT NULL CHECK (mode IN ('working_hours','next_working_day')),
  hours    INTEGER NOT NULL DEFAULT 0
);
INSERT INTO sla_rules(position, source, kind, mode, hours) VALUES
  (1, NULL, 'APV', 'next_working_day', 0),       -- après-vente: the next working day
  (2, 'Constructeur', NULL, 'working_hours', 48), -- manufacturer leads: 48 working hours
  (3, NULL, NULL, 'working_hours', 24);

CREATE TABLE tasks (
  id           INTEGER PRIMARY KEY,
  lead_id      INTEGER REFERENCES leads(id),
  kind         TEXT NOT NULL CHECK (kind IN ('appel','email','rdv','essai','relance')),
  title        TEXT NOT NULL,
  due_at       TEXT NOT NULL,
  duration_min INTEGER NOT NULL DEFAULT 30 CHECK (duration_min BETWEEN 0 AND 1440),
  assignee_id  INTEGER NOT NULL REFERENCES users(id),
  done_at      TEXT,
  created_by   INTEGER REFERENCES users(id),
  created_at   TEXT NOT NULL,
  updated_at   TEXT NOT NULL
);
CREATE INDEX tasks_assignee_due ON tasks(assignee_id, done_at, due_at);
CREATE INDEX tasks_due ON tasks(due_at);
CREATE INDEX tasks_lead ON tasks(lead_id);

-- Call attempts without contact since the last contact, and when the alerts were sent.
ALTER TABLE leads ADD COLUMN failed_attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE leads ADD COLUMN first_failed_at TEXT;
ALTER TABLE leads ADD COLUMN last_failed_at TEXT;
ALTER TABLE leads ADD COLUMN unreachable_mail_at TEXT;
ALTER TABLE leads ADD COLUMN owner_alerted_at TEXT;
ALTER TABLE leads ADD COLUMN escalated_at TEXT;

INSERT INTO settings(key, value) VALUES ('escalation_delay_hours', '4') ON CONFLICT(key) DO NOTHING;
