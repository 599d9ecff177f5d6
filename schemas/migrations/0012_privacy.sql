-- Privacy (issue 14): the history of each consent, erased persons, the record of erasures.

-- Every change of a consent, channel by channel: old → new, from where (formulaire, appel,
-- showroom, import DMS, réponse STOP…), when, on which lead, by whom (NULL: the system).
CREATE TABLE consent_events (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  channel    TEXT NOT NULL CHECK (channel IN ('email','sms')),
  old        INTEGER NOT NULL,
  new        INTEGER NOT NULL,
  source     TEXT NOT NULL,
  at         TEXT NOT NULL,
  lead_id    INTEGER REFERENCES leads(id),
  user_id    INTEGER REFERENCES users(id)
);
CREATE INDEX consent_events_contact ON consent_events(contact_id, at);

-- The consents known before this version, as their first event (origin as recorded, if any).
INSERT INTO consent_events(contact_id, channel, old, new, source, at)
  SELECT id, 'email', 0, 1, coalesce(consent_source, 'inconnue'), coalesce(consent_at, created_at)
  FROM contacts WHERE consent_email = 1;
INSERT INTO consent_events(contact_id, channel, old, new, source, at)
  SELECT id, 'sms', 0, 1, coalesce(consent_source, 'inconnue'), coalesce(consent_at, created_at)
  FROM contacts WHERE consent_sms = 1;

-- A contact whose personal data was erased (right to erasure, retention): kept as a shell so that
-- leads and orders keep their history and their numbers.
ALTER TABLE contacts ADD COLUMN erased_at TEXT;

-- Each erasure, without the erased data: who, when, why, how many records were anonymised.
CREATE TABLE erasures (
  id         INTEGER PRIMARY KEY,
  contact_id INTEGER NOT NULL REFERENCES contacts(id),
  at         TEXT NOT NULL,
  user_id    INTEGER REFERENCES users(id),
  reason     TEXT NOT NULL,   -- demande | conservation
  counts     TEXT NOT NULL    -- JSON {leads, events, mails, files…}
);

-- The timeline stays append-only, with one exception by design: an erasure replaces a text by
-- « [effacé] » and drops its data; nothing else of an event may change, and none may be deleted.
DROP TRIGGER events_append_only_update;
CREATE TRIGGER events_append_only_update BEFORE UPDATE ON events
WHEN NOT (new.text = '[effacé]' AND new.data IS NULL AND new.id = old.id AND new.lead_id IS old.lead_id
          AND new.at = old.at AND new.user_id IS old.user_id AND new.kind = old.kind)
BEGIN SELECT RAISE(ABORT, 'events are append-only'); END;
