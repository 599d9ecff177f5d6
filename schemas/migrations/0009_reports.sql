-- Carnet schema v9: indexes for the reports. The dashboard reads the open leads (a small part
-- of the file) through a partial covering index; the KPIs and exports read a period of receipts;
-- "traité in the period" reads the closings of the period.
CREATE INDEX leads_open ON leads(kind, status, deadline_at, owner_id, interest, stage, contacted_at, site_id, source, deleted_at, last_activity_at, created_at)
  WHERE status IN ('nouveau', 'a_traiter', 'en_cours');
CREATE INDEX leads_created ON leads(created_at);
CREATE INDEX leads_closed ON leads(closed_at) WHERE closed_at IS NOT NULL;
-- The calls of each lead, counted by the exports without reading the events.
CREATE INDEX events_calls ON events(lead_id) WHERE kind = 'call';
