-- Full-text search over the lead list: code, contact name, phone (E.164 and national), e-mail, plates.
-- One view says what is indexed; the triggers and bulk loads both read it.

CREATE VIEW lead_search_source AS
SELECT l.id AS lead_id,
       l.code AS code,
       trim(c.first_name || ' ' || c.last_name || ' ' || coalesce(c.company, '')) AS name,
       CASE WHEN c.phone LIKE '+33%' THEN c.phone || ' 0' || substr(c.phone, 4) ELSE coalesce(c.phone, '') END AS phone,
       coalesce(c.email, '') AS email,
       trim(coalesce(v.plate, '') || ' ' || coalesce(o.plate, '') || ' ' || coalesce(v.vin, '') || ' ' || coalesce(l.external_ref, '')) AS plate
FROM leads l
JOIN contacts c ON c.id = l.contact_id
LEFT JOIN vehicles v ON v.id = l.vehicle_id
LEFT JOIN vehicles o ON o.id = l.owned_vehicle_id;

CREATE VIRTUAL TABLE lead_search USING fts5(
  code, name, phone, email, plate,
  tokenize = 'unicode61 remove_diacritics 2'
);

INSERT INTO lead_search(rowid, code, name, phone, email, plate) SELECT lead_id, code, name, phone, email, plate FROM lead_search_source;

CREATE TRIGGER lead_search_insert AFTER INSERT ON leads BEGIN
  INSERT INTO lead_search(rowid, code, name, phone, email, plate)
  SELECT lead_id, code, name, phone, email, plate FROM lead_search_source WHERE lead_id = new.id;
END;
CREATE TRIGGER lead_search_update AFTER UPDATE OF contact_id, vehicle_id, owned_vehicle_id, external_ref ON leads BEGIN
  DELETE FROM lead_search WHERE rowid = new.id;
  INSERT INTO lead_search(rowid, code, name, phone, email, plate)
  SELECT lead_id, code, name, phone, email, plate FROM lead_search_source WHERE lead_id = new.id;
END;
CREATE TRIGGER lead_search_contact AFTER UPDATE OF first_name, last_name, company, phone, email ON contacts BEGIN
  DELETE FROM lead_search WHERE rowid IN (SELECT id FROM leads WHERE contact_id = new.id);
  INSERT INTO lead_search(rowid, code, name, phone, email, plate)
  SELECT s.lead_id, s.code, s.name, s.phone, s.email, s.plate FROM lead_search_source s JOIN leads l ON l.id = s.lead_id WHERE l.contact_id = new.id;
END;
CREATE TRIGGER lead_search_vehicle AFTER UPDATE OF plate, vin ON vehicles BEGIN
  DELETE FROM lead_search WHERE rowid IN (SELECT id FROM leads WHERE vehicle_id = new.id OR owned_vehicle_id = new.id);
  INSERT INTO lead_search(rowid, code, name, phone, email, plate)
  SELECT s.lead_id, s.code, s.name, s.phone, s.email, s.plate FROM lead_search_source s JOIN leads l ON l.id = s.lead_id
  WHERE l.vehicle_id = new.id OR l.owned_vehicle_id = new.id;
END;
