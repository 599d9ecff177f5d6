-- Full-text search over the lead list: code, contact name, phone (E.164 and national), plates, VIN,
-- listing reference. E-mail addresses are looked up in the contacts' e-mail index instead: their
-- local parts ("martin.dupont85") would add a million one-off terms that slow every prefix search.
-- One view says what is indexed; the triggers and bulk loads both read it.

CREATE VIEW lead_search_source AS
SELECT l.id AS lead_id,
       l.code AS code,
       trim(c.first_name || ' ' || c.last_name || ' ' || coalesce(c.company, '')) AS name,
       CASE WHEN c.phone LIKE '+33%' THEN c.phone || ' 0' || substr(c.phone, 4) ELSE coalesce(c.phone, '') END AS phone,
       trim(coalesce(v.plate, '') || ' ' || coalesce(o.plate, '') || ' ' || coalesce(v.vin, '') || ' ' || coalesce(l.external_ref, '')) AS plate
FROM leads l
JOIN contacts c ON c.id = l.contact_id
LEFT JOIN vehicles v ON v.id = l.vehicle_id
LEFT JOIN vehicles o ON o.id = l.owned_vehicle_id;

CREATE VIRTUAL TABLE lead_search USING fts5(
  code, name, phone, plate,
  tokenize = 'unicode61 remove_diacritics 2',
  prefix = '1 2 3 4'
);

INSERT INTO lead_search(rowid, code, name, phone, plate) SELECT lead_id, code, name, phone, plate FROM lead_search_source;

CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_search(rowid, code, name, phone, plate)
  SELECT lead_id, code, name, phone, plate FROM lead_search_source WHERE lead_id = new.id;
END;
CREATE TRIGGER lead_search_update AFTER UPDATE OF contact_id, vehicle_id, owned_vehicle_id, external_ref ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = new.id;
  INSERT INTO lead_search(rowid, code, name, phone, plate)
  SELECT lead_id, code, name, phone, plate FROM lead_search_source WHERE lead_id = new.id;
END;
CREATE TRIGGER lead_search_contact AFTER UPDATE OF first_name, last_name, company, phone ON contacts BEGIN
  DELETE FROM lead_search WHERE rowid IN (SELECT id FROM leads WHERE contact_id = new.id);
  INSERT INTO lead_search(rowid, code, name, phone, plate)
  SELECT s.lead_id, s.code, s.name, s.phone, s.plate FROM lead_search_source s JOIN leads l ON l.id = s.lead_id WHERE l.contact_id = new.id;
END;
CREATE TRIGGER lead_search_vehicle AFTER UPDATE OF plate, vin ON vehicles BEGIN
  DELETE FROM lead_search WHERE rowid IN (SELECT id FROM leads WHERE vehicle_id = new.id OR owned_vehicle_id = new.id);
  INSERT INTO lead_search(rowid, code, name, phone, plate)
  SELECT s.lead_id, s.code, s.name, s.phone, s.plate FROM lead_search_source s JOIN leads l ON l.id = s.lead_id
  WHERE l.vehicle_id = new.id OR l.owned_vehicle_id = new.id;
END;
