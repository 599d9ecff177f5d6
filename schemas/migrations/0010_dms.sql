-- Carnet schema v10: the garage's stock, its customer file and workshop history (usually
-- imported from its DMS), import profiles and runs, and the VO alerts of prospects.

-- One row per vehicle of the stock, new (VN) or used (VO), keyed by its VIN.
CREATE TABLE stock (
  id                 INTEGER PRIMARY KEY,
  vin                TEXT NOT NULL UNIQUE,
  reference          TEXT,              -- the DMS's stock number, quoted by ads
  plate              TEXT,
  make               TEXT NOT NULL,
  model              TEXT NOT NULL,
  version            TEXT,
  energy             TEXT,
  gearbox            TEXT,
  km                 INTEGER,
  first_registration TEXT,              -- YYYY-MM-DD
  colour             TEXT,
  price_cents        INTEGER,           -- TTC
  condition          TEXT NOT NULL CHECK (condition IN ('VN','VO')),
  status             TEXT NOT NULL DEFAULT 'disponible' CHECK (status IN ('disponible','reserve','vendu')),
  entered_on         TEXT,              -- YYYY-MM-DD
  manager_name       TEXT,              -- as the DMS writes it ("J. Morel")
  manager_id         INTEGER REFERENCES users(id),
  origin             TEXT NOT NULL CHECK (origin IN ('import','saisie')),
  created_at         TEXT NOT NULL,
  updated_at         TEXT NOT NULL
);
-- Full indexes (not partial): a partial index makes SQLite prepare a statement again at every
-- new bound value, to prove that `plate = ?` implies `plate IS NOT NULL`.
CREATE INDEX stock_plate ON stock(plate);
CREATE INDEX stock_reference ON stock(reference COLLATE NOCASE);
CREATE INDEX stock_make_model ON stock(make, model);
CREATE INDEX stock_status ON stock(status, condition, entered_on);

-- A lead's vehicle of interest taken from the stock.
ALTER TABLE vehicles ADD COLUMN stock_id INTEGER REFERENCES stock(id);
CREATE INDEX vehicles_stock ON vehicles(stock_id) WHERE stock_id IS NOT NULL;

-- The DMS customer number makes a contact a customer; imports match on it.
ALTER TABLE contacts ADD COLUMN customer_code TEXT;
ALTER TABLE contacts ADD COLUMN civility TEXT;
ALTER TABLE contacts ADD COLUMN landline TEXT;      -- E.164 when it could be read
ALTER TABLE contacts ADD COLUMN customer_since TEXT; -- YYYY-MM-DD
CREATE UNIQUE INDEX contacts_customer_code ON contacts(customer_code);  -- NULLs do not collide

-- Purchases and workshop visits of a customer, as the DMS lists them.
CREATE TABLE customer_history (
  id            INTEGER PRIMARY KEY,
  contact_id    INTEGER NOT NULL REFERENCES contacts(id),
  vin           TEXT,
  happened_on   TEXT NOT NULL,        -- YYYY-MM-DD
  kind          TEXT NOT NULL CHECK (kind IN ('vente_vn','vente_vo','atelier','autre')),
  kind_label    TEXT NOT NULL,        -- as written in the file ("VENTE VO")
  label         TEXT NOT NULL DEFAULT '',
  amount_cents  INTEGER,
  km            INTEGER,
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
-- The natural key of a history line: importing the same file twice adds nothing.
CREATE UNIQUE INDEX customer_history_key ON customer_history(contact_id, happened_on, kind_label, label, coalesce(vin, ''));
CREATE INDEX customer_history_vin ON customer_history(vin);

-- Column mappings saved under a name, per kind of file.
CREATE TABLE import_profiles (
  name       TEXT NOT NULL,
  target     TEXT NOT NULL CHECK (target IN ('stock','customers','history')),
  mapping    TEXT NOT NULL,           -- JSON {field: column header}
  updated_at TEXT NOT NULL,
  PRIMARY KEY (target, name)
);

-- Every import that committed (a dry run or a refused file leaves no row).
CREATE TABLE import_runs (
  id          INTEGER PRIMARY KEY,
  target      TEXT NOT NULL,
  file_name   TEXT NOT NULL,
  sha256      TEXT NOT NULL,
  profile     TEXT,
  rows        INTEGER NOT NULL,
  inserted    INTEGER NOT NULL,
  updated     INTEGER NOT NULL,
  unchanged   INTEGER NOT NULL,
  rejected    INTEGER NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  started_at  TEXT NOT NULL,
  finished_at TEXT NOT NULL
);
CREATE TABLE import_rejects (
  run_id  INTEGER NOT NULL REFERENCES import_runs(id),
  line    INTEGER NOT NULL,
  reason  TEXT NOT NULL,
  raw     TEXT NOT NULL,
  PRIMARY KEY (run_id, line)
);

-- A prospect's wish for a used car: a saved search on the stock.
CREATE TABLE vo_alerts (
  id              INTEGER PRIMARY KEY,
  contact_id      INTEGER NOT NULL REFERENCES contacts(id),
  lead_id         INTEGER REFERENCES leads(id),
  owner_id        INTEGER REFERENCES users(id),
  make            TEXT,
  model           TEXT,
  energy          TEXT,
  max_price_cents INTEGER,
  max_km          INTEGER,
  min_year        INTEGER,
  active          INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL
);
CREATE INDEX vo_alerts_active ON vo_alerts(active, make);
CREATE INDEX vo_alerts_lead ON vo_alerts(lead_id) WHERE lead_id IS NOT NULL;
CREATE INDEX vo_alerts_contact ON vo_alerts(contact_id);
-- A vehicle is announced once per alert.
CREATE TABLE vo_alert_matches (
  alert_id   INTEGER NOT NULL REFERENCES vo_alerts(id),
  stock_id   INTEGER NOT NULL REFERENCES stock(id),
  matched_at TEXT NOT NULL,
  PRIMARY KEY (alert_id, stock_id)
);

-- "To the vehicle's manager": the lead names a stock vehicle whose buyer takes it.
ALTER TABLE assignment_rules ADD COLUMN to_stock_manager INTEGER NOT NULL DEFAULT 0;
