-- Carnet schema v1: sites, users, contacts, vehicles, leads, the events timeline, settings.
-- Times are UTC RFC 3339 text ('YYYY-MM-DDTHH:MM:SSZ', sortable). Money in integer cents.

CREATE TABLE sites (
  id          INTEGER PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE,
  address     TEXT,
  postal_code TEXT,
  city        TEXT NOT NULL DEFAULT '',
  phone       TEXT,
  created_at  TEXT NOT NULL,
  updated_at  TEXT NOT NULL
);

-- Opening hours, local time of the site; several rows per day allowed (lunch break).
CREATE TABLE site_hours (
  site_id   INTEGER NOT NULL REFERENCES sites(id),
  weekday   INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7), -- 1 = Monday
  opens_min INTEGER NOT NULL CHECK (opens_min BETWEEN 0 AND 1440),
  closes_min INTEGER NOT NULL CHECK (closes_min BETWEEN 0 AND 1440),
  CHECK (opens_min < closes_min)
);
CREATE INDEX site_hours_site ON site_hours(site_id, weekday);

CREATE TABLE users (
  id             INTEGER PRIMARY KEY,
  name           TEXT NOT NULL,
  email          TEXT NOT NULL UNIQUE,
  role           TEXT NOT NULL CHECK (role IN ('hotesse','vendeur','chef_des_ventes','responsable_apv','administrateur')),
  site_id        INTEGER REFERENCES sites(id),
  active         INTEGER NOT NULL DEFAULT 1,
  absent_until   TEXT,
  backup_user_id INTEGER REFERENCES users(id),
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

CREATE TABLE contacts (
  id             INTEGER PRIMARY KEY,
  first_name     TEXT NOT NULL DEFAULT '',
  last_name      TEXT NOT NULL,
  company        TEXT,
  phone          TEXT,   -- E.164
  email          TEXT,   -- lower-cased
  address        TEXT,
  postal_code    TEXT,
  city           TEXT,
  consent_email  INTEGER NOT NULL DEFAULT 0,
  consent_sms    INTEGER NOT NULL DEFAULT 0,
  consent_at     TEXT,
  consent_source TEXT,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);
CREATE INDEX contacts_phone ON contacts(phone) WHERE phone IS NOT NULL;
CREATE INDEX contacts_email ON contacts(email) WHERE email IS NOT NULL;
CREATE INDEX contacts_name ON contacts(last_name, first_name);

CREATE TABLE vehicles (
  id         INTEGER PRIMARY KEY,
  make       TEXT NOT NULL,
  model      TEXT NOT NULL,
  version    TEXT,
  vin        TEXT,
  plate      TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX vehicles_vin ON vehicles(vin) WHERE vin IS NOT NULL;
CREATE INDEX vehicles_plate ON vehicles(plate) WHERE plate IS NOT NULL;

CREATE TABLE leads (
  id               INTEGER PRIMARY KEY,
  code             TEXT NOT NULL UNIQUE,          -- L-2026-000123, gapless per year
  kind             TEXT NOT NULL CHECK (kind IN ('VN','VO','APV','reprise','RH')),
  source           TEXT NOT NULL,
  status           TEXT NOT NULL CHECK (status IN ('nouveau','a_traiter','en_cours','gagne','perdu')),
  stage            TEXT NOT NULL CHECK (stage IN ('contact','decouverte','essai','offre','negociation','commande')),
  interest         TEXT NOT NULL CHECK (interest IN ('chaud','tiede','froid')),
  contact_id       INTEGER NOT NULL REFERENCES contacts(id),
  vehicle_id       INTEGER REFERENCES vehicles(id),
  owned_vehicle_id INTEGER REFERENCES vehicles(id),
  site_id          INTEGER NOT NULL REFERENCES sites(id),
  owner_id         INTEGER REFERENCES users(id),
  deadline_at      TEXT,
  contacted_at     TEXT,
  last_activity_at TEXT NOT NULL,
  external_ref     TEXT,
  message          TEXT,
  close_reason     TEXT,
  closed_at        TEXT,
  created_at       TEXT NOT NULL,
  updated_at       TEXT NOT NULL
);
-- The list screen filters on one column and sorts by recency: (filter, id) serves both.
CREATE INDEX leads_status ON leads(status, id);
CREATE INDEX leads_owner ON leads(owner_id, status, id);
CREATE INDEX leads_site ON leads(site_id, status, id);
CREATE INDEX leads_kind ON leads(kind, id);
CREATE INDEX leads_source ON leads(source, id);
CREATE INDEX leads_contact ON leads(contact_id);
CREATE INDEX leads_deadline ON leads(deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX leads_activity ON leads(last_activity_at);
CREATE INDEX leads_external_ref ON leads(external_ref) WHERE external_ref IS NOT NULL;

-- Gapless yearly numbering of lead codes.
CREATE TABLE lead_numbers (
  year INTEGER PRIMARY KEY,
  last INTEGER NOT NULL
);

-- The append-only timeline: the lead's history and the audit trail are the same data.
CREATE TABLE events (
  id      INTEGER PRIMARY KEY,
  lead_id INTEGER REFERENCES leads(id),
  at      TEXT NOT NULL,
  user_id INTEGER REFERENCES users(id),
  kind    TEXT NOT NULL,
  text    TEXT NOT NULL,
  data    TEXT            -- JSON details (old/new values)
);
CREATE INDEX events_lead ON events(lead_id, id);
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
CREATE TRIGGER events_append_only_delete BEFORE DELETE ON events
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;

-- Configurable lists and settings.
CREATE TABLE sources (
  name     TEXT PRIMARY KEY,
  position INTEGER NOT NULL
);
INSERT INTO sources(name, position) VALUES
  ('Téléphone', 1), ('Showroom', 2), ('Site web', 3), ('La Centrale', 4), ('Leboncoin', 5),
  ('AutoScout24', 6), ('ParuVendu', 7), ('Constructeur', 8), ('Salon', 9), ('Campagne', 10), ('Autre', 11);

CREATE TABLE close_reasons (
  code     TEXT PRIMARY KEY,
  status   TEXT NOT NULL CHECK (status IN ('gagne','perdu')),
  label    TEXT NOT NULL,
  position INTEGER NOT NULL
);
INSERT INTO close_reasons(code, status, label, position) VALUES
  ('commande', 'gagne', 'Commande signée', 1),
  ('achat_autre_vehicule', 'gagne', 'Achat d''un autre véhicule du garage', 2),
  ('rdv_atelier', 'gagne', 'Rendez-vous atelier pris', 3),
  ('achat_concurrent', 'perdu', 'Achat chez un concurrent', 1),
  ('projet_reporte', 'perdu', 'Projet reporté', 2),
  ('injoignable', 'perdu', 'Client injoignable', 3),
  ('budget', 'perdu', 'Budget / financement refusé', 4),
  ('vehicule_vendu', 'perdu', 'Véhicule déjà vendu', 5),
  ('doublon', 'perdu', 'Doublon / erreur', 6),
  ('autre', 'perdu', 'Autre', 7);

CREATE TABLE settings (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
