-- Bloctel and contact merges (issue 14).

-- The numbers Bloctel returned as opposed to phone prospecting, from the latest file imported
-- (E.164). A contact whose mobile or landline is here carries a badge, and is left out of
-- prospecting call lists; a call answering the person's own request stays allowed.
CREATE TABLE bloctel_numbers (
  phone     TEXT PRIMARY KEY,
  listed_on TEXT            -- YYYY-MM-DD when the file gives it
) WITHOUT ROWID;

-- Each Bloctel file imported: when, by whom, what it held and what it changed.
CREATE TABLE bloctel_imports (
  id        INTEGER PRIMARY KEY,
  at        TEXT NOT NULL,
  user_id   INTEGER REFERENCES users(id),
  file_name TEXT NOT NULL,
  numbers   INTEGER NOT NULL,
  added     INTEGER NOT NULL,
  removed   INTEGER NOT NULL
);

-- Two contacts merged by a person: the one kept, the one absorbed (its row is gone, its fields
-- are here so that nothing typed is lost), what moved. `absorbed` is cleared if the kept contact
-- is erased.
CREATE TABLE contact_merges (
  id          INTEGER PRIMARY KEY,
  kept_id     INTEGER NOT NULL REFERENCES contacts(id),
  absorbed_id INTEGER NOT NULL,
  at          TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  absorbed    TEXT,           -- JSON: the absorbed contact as it was
  moved       TEXT NOT NULL   -- JSON: {leads, history, alerts, consent_events}
);
CREATE INDEX contact_merges_kept ON contact_merges(kept_id);

-- Duplicates by name, whatever the case; and by landline (a DMS often has both numbers).
CREATE INDEX contacts_name_lower ON contacts(lower(last_name), lower(first_name));
CREATE INDEX contacts_landline ON contacts(landline) WHERE landline IS NOT NULL;

-- Phone campaigns (seed 000: « Création de campagnes, ciblage et affectation de contacts, appels
-- sortants, reporting »): prospecting calls to the customer file. Contacts on Bloctel, without a
-- phone, erased, or who asked not to be called again are never targeted.
CREATE TABLE campaigns (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL,
  target     TEXT NOT NULL,      -- JSON: the targeting criteria
  kind       TEXT NOT NULL CHECK (kind IN ('VN','VO','APV','reprise','RH')),  -- of the leads it creates
  created_at TEXT NOT NULL,
  created_by INTEGER REFERENCES users(id),
  closed_at  TEXT
);

CREATE TABLE campaign_calls (
  id          INTEGER PRIMARY KEY,
  campaign_id INTEGER NOT NULL REFERENCES campaigns(id),
  contact_id  INTEGER NOT NULL REFERENCES contacts(id),
  assignee_id INTEGER REFERENCES users(id),
  outcome     TEXT CHECK (outcome IN ('interesse','pas_interesse','injoignable','rappeler','ne_plus_appeler')),
  called_at   TEXT,
  called_by   INTEGER REFERENCES users(id),
  note        TEXT,
  lead_id     INTEGER REFERENCES leads(id),
  UNIQUE (campaign_id, contact_id)
);
CREATE INDEX campaign_calls_contact ON campaign_calls(contact_id);
CREATE INDEX campaign_calls_assignee ON campaign_calls(assignee_id, campaign_id);
