-- Indexes shaped after the lead list at a million leads: each filter with the recency order,
-- and the two work orders (last activity, deadline) alone, by status and by owner.
DROP INDEX leads_owner;
DROP INDEX leads_site;
DROP INDEX leads_deadline;
CREATE INDEX leads_owner ON leads(owner_id, id);
CREATE INDEX leads_site ON leads(site_id, id);
CREATE INDEX leads_overdue ON leads(deadline_at) WHERE deadline_at IS NOT NULL;
CREATE INDEX leads_deadline_order ON leads(coalesce(deadline_at, '~'), id);
CREATE INDEX leads_status_activity ON leads(status, last_activity_at);
CREATE INDEX leads_status_deadline ON leads(status, coalesce(deadline_at, '~'), id);
CREATE INDEX leads_owner_activity ON leads(owner_id, last_activity_at);
CREATE INDEX leads_owner_deadline ON leads(owner_id, coalesce(deadline_at, '~'), id);

