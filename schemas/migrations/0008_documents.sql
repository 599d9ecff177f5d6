-- Carnet schema v8: the deal documents — trade-ins with their inspection, test drives, offers
-- (versions and lines), bons de commande (gapless yearly numbers), files attached to a lead,
-- and attachments on outgoing mail.

-- Yearly counters for document numbers, incremented in the transaction that creates the
-- document: a rolled-back creation leaves no gap.
CREATE TABLE doc_counters (
  kind TEXT NOT NULL,
  year INTEGER NOT NULL,
  last INTEGER NOT NULL,
  PRIMARY KEY (kind, year)
) WITHOUT ROWID;

-- A trade-in: the customer's car (JSON, see DealVehicle), the inspection checklist
-- (JSON [{item, state, comment, photos: [file ids]}]) and the cotation.
CREATE TABLE tradeins (
  id             INTEGER PRIMARY KEY,
  lead_id        INTEGER NOT NULL REFERENCES leads(id),
  vehicle        TEXT NOT NULL,
  inspection     TEXT NOT NULL DEFAULT '[]',
  repair_cents   INTEGER NOT NULL DEFAULT 0 CHECK (repair_cents >= 0),
  market_cents   INTEGER CHECK (market_cents >= 0),
  proposed_cents INTEGER CHECK (proposed_cents >= 0),
  valid_until    TEXT,
  notes          TEXT,
  created_by     INTEGER REFERENCES users(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX tradeins_lead ON tradeins(lead_id);

-- A test drive books the agenda (its task) for a car; vehicle_key (plate, else VIN, else make
-- and model) is what two bookings of the same car share.
CREATE TABLE testdrives (
  id          INTEGER PRIMARY KEY,
  lead_id     INTEGER NOT NULL REFERENCES leads(id),
  vehicle     TEXT NOT NULL,
  vehicle_key TEXT NOT NULL,
  starts_at   TEXT NOT NULL,
  ends_at     TEXT NOT NULL CHECK (ends_at > starts_at),
  driver      TEXT NOT NULL,
  km_out      INTEGER CHECK (km_out >= 0),
  km_in       INTEGER CHECK (km_in >= 0),
  fuel_out    TEXT,
  fuel_in     TEXT,
  damages     TEXT,
  task_id     INTEGER REFERENCES tasks(id),
  cancelled_at TEXT,
  created_by  INTEGER REFERENCES users(id),
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);
CREATE INDEX testdrives_lead ON testdrives(lead_id);
CREATE INDEX testdrives_vehicle ON testdrives(vehicle_key, starts_at);

-- An offer: every version is a row (same number); amounts in cents TTC.
CREATE TABLE offers (
  id              INTEGER PRIMARY KEY,
  lead_id         INTEGER NOT NULL REFERENCES leads(id),
  number          TEXT NOT NULL,
  version         INTEGER NOT NULL CHECK (version >= 1),
  status          TEXT NOT NULL DEFAULT 'ouverte'
                  CHECK (status IN ('ouverte','acceptee','refusee','remplacee')),
  vat_regime      TEXT NOT NULL CHECK (vat_regime IN ('normal','margin')),
  vehicle         TEXT NOT NULL,
  lines           TEXT NOT NULL,
  trade_in_cents  INTEGER NOT NULL DEFAULT 0 CHECK (trade_in_cents >= 0),
  tradein_id      INTEGER REFERENCES tradeins(id),
  financing       TEXT,
  valid_until     TEXT NOT NULL,
  total_ttc_cents INTEGER NOT NULL,
  total_vat_cents INTEGER NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL,
  updated_at      TEXT NOT NULL,
  UNIQUE (number, version)
);
CREATE INDEX offers_lead ON offers(lead_id);

-- A bon de commande: one per accepted offer, numbered without gaps per year.
CREATE TABLE orders (
  id              INTEGER PRIMARY KEY,
  offer_id        INTEGER NOT NULL UNIQUE REFERENCES offers(id),
  lead_id         INTEGER NOT NULL REFERENCES leads(id),
  year            INTEGER NOT NULL,
  seq             INTEGER NOT NULL,
  number          TEXT NOT NULL UNIQUE,
  buyer           TEXT NOT NULL,
  vehicle_legal   TEXT NOT NULL,
  delivery_date   TEXT NOT NULL,
  payment_terms   TEXT NOT NULL,
  deposit_cents   INTEGER NOT NULL DEFAULT 0 CHECK (deposit_cents >= 0),
  deposit_kind    TEXT NOT NULL DEFAULT 'acompte' CHECK (deposit_kind IN ('acompte','arrhes')),
  off_premises    INTEGER NOT NULL DEFAULT 0,
  total_ttc_cents INTEGER NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  created_at      TEXT NOT NULL,
  UNIQUE (year, seq)
);
CREATE INDEX orders_lead ON orders(lead_id);

-- Files of a lead: generated PDFs and uploads. The bytes live in the data folder under their
-- SHA-256 (written aside, synced, then renamed before this row commits); a deleted file keeps
-- its row and its bytes.
CREATE TABLE lead_files (
  id         INTEGER PRIMARY KEY,
  lead_id    INTEGER NOT NULL REFERENCES leads(id),
  title      TEXT NOT NULL,
  file_name  TEXT NOT NULL,
  mime       TEXT NOT NULL,
  size       INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  origin     TEXT NOT NULL CHECK (origin IN ('upload','offer','order','tradein','testdrive')),
  ref_id     INTEGER,
  created_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX lead_files_lead ON lead_files(lead_id);

-- Files attached to an outgoing mail (JSON [lead_files ids]).
ALTER TABLE outbox ADD COLUMN attachments TEXT;
