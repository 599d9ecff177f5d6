-- What intake, the quick entry and the lead page know of a vehicle and of a foreign contact
-- (issue 12). Every column is optional: older rows simply do not know.
ALTER TABLE vehicles ADD COLUMN currency TEXT;            -- ISO 4217 of price_cents; NULL = EUR
ALTER TABLE vehicles ADD COLUMN year INTEGER;             -- model year
ALTER TABLE vehicles ADD COLUMN first_registration TEXT;  -- YYYY-MM
ALTER TABLE vehicles ADD COLUMN km INTEGER;
ALTER TABLE vehicles ADD COLUMN energy TEXT;
ALTER TABLE vehicles ADD COLUMN gearbox TEXT;
ALTER TABLE vehicles ADD COLUMN colour TEXT;

ALTER TABLE contacts ADD COLUMN country TEXT;             -- ISO 3166 alpha-2; NULL = France
-- Fields intake kept as written because it could not read them (comma-separated: phone,
-- postal_code): shown "à vérifier" until a person corrects the contact.
ALTER TABLE contacts ADD COLUMN to_check TEXT;

