//! First-contact deadlines (SLA): the first rule matching (source, kind, site) gives the deadline
//! of a new lead, counted in the site's working time (opening hours, French public holidays).
//! The rules are edited in `routing::rules`; this is their one model.

use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use crate::org::business_hours::Schedule;
use crate::org::sites;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(SlaMode { WorkingHours = "working_hours", NextWorkingDay = "next_working_day" });

/// The first-contact deadline of the leads that match (empty criteria match anything).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SlaRule {
    pub source: Option<String>,
    pub kind: Option<LeadKind>,
    pub site_id: Option<i64>,
    pub mode: SlaMode,
    /// Hours counted on the days the site is open (for working_hours): "48 h" skips Sundays,
    /// holidays and closing days, and ends at an opening.
    pub hours: u32,
}

/// Without a matching rule, a lead is due within this many hours (on open days).
const DEFAULT_HOURS: i64 = 24;
/// Upper bound on a stored rule's hours (a rule is edited through `routing_rules_set`, which
/// refuses more; an older database is not trusted blindly).
const MAX_HOURS: u32 = 24 * 365;

impl SlaRule {
    fn matches(&self, source: &str, kind: LeadKind, site_id: i64) -> bool {
        self.source.as_deref().is_none_or(|s| s == source)
            && self.kind.is_none_or(|k| k == kind)
            && self.site_id.is_none_or(|s| s == site_id)
    }
}

/// The SLA rules, in order.
pub fn load(conn: &Connection) -> Result<Vec<SlaRule>> {
    let mut stmt = conn.prepare_cached(
        "SELECT source, kind, site_id, mode, hours FROM sla_rules ORDER BY position, id",
    )?;
    let rules = stmt
        .query_map([], |r| {
            Ok(SlaRule {
                source: r.get(0)?,
                kind: r.get(1)?,
                site_id: r.get(2)?,
                mode: r.get(3)?,
                hours: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(rules)
}

/// The rules loaded once, for a batch of leads.
pub struct SlaRules(Vec<SlaRule>);

impl SlaRules {
    pub fn load(conn: &Connection) -> Result<SlaRules> {
        Ok(SlaRules(load(conn)?))
    }

    /// The deadline of a lead received at `received` on a site with `schedule`.
    pub fn deadline(
        &self,
        source: &str,
        kind: LeadKind,
        site_id: i64,
        schedule: &Schedule,
        received: DateTime<Utc>,
    ) -> DateTime<Utc> {
        match self.0.iter().find(|r| r.matches(source, kind, site_id)) {
            Some(r) if r.mode == SlaMode::NextWorkingDay => {
                schedule.end_of_next_working_day(received)
            }
            Some(r) => schedule.add_hours_on_open_days(
                received,
                Duration::hours(i64::from(r.hours.min(MAX_HOURS))),
            ),
            None => schedule.add_hours_on_open_days(received, Duration::hours(DEFAULT_HOURS)),
        }
    }
}

/// The deadline of one new lead.
pub fn for_new_lead(
    conn: &Connection,
    source: &str,
    kind: LeadKind,
    site_id: i64,
    received: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    Ok(SlaRules::load(conn)?.deadline(
        source,
        kind,
        site_id,
        &sites::schedule(conn, site_id)?,
        received,
    ))
}
