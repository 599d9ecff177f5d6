//! The first-contact deadline of a new lead: the first SLA rule matching (source, kind, site),
//! counted in the site's working time (opening hours, French public holidays).

use crate::business_hours::Schedule;
use crate::error::Result;
use crate::lead::LeadKind;
use crate::site::OpeningSpan;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;

/// The opening hours of a site.
pub fn schedule(conn: &Connection, site_id: i64) -> Result<Schedule> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, opens_min, closes_min FROM site_hours WHERE site_id = ?1",
    )?;
    let spans = stmt
        .query_map([site_id], |r| {
            Ok(OpeningSpan {
                weekday: r.get(0)?,
                opens_min: r.get(1)?,
                closes_min: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Schedule::new(spans))
}

struct Rule {
    source: Option<String>,
    kind: Option<String>,
    site_id: Option<i64>,
    next_working_day: bool,
    hours: i64,
}

/// The SLA rules, in order.
pub struct SlaRules(Vec<Rule>);

impl SlaRules {
    pub fn load(conn: &Connection) -> Result<SlaRules> {
        let mut stmt = conn.prepare_cached(
            "SELECT source, kind, site_id, mode, hours FROM sla_rules ORDER BY position",
        )?;
        let rules = stmt
            .query_map([], |r| {
                Ok(Rule {
                    source: r.get(0)?,
                    kind: r.get(1)?,
                    site_id: r.get(2)?,
                    next_working_day: r.get::<_, String>(3)? == "next_working_day",
                    hours: r.get::<_, i64>(4)?.clamp(0, 24 * 365),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(SlaRules(rules))
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
        let rule = self.0.iter().find(|r| {
            r.source.as_deref().is_none_or(|s| s == source)
                && r.kind.as_deref().is_none_or(|k| k == kind.as_str())
                && r.site_id.is_none_or(|s| s == site_id)
        });
        match rule {
            Some(r) if r.next_working_day => schedule.end_of_next_working_day(received),
            Some(r) => schedule.add_working(received, Duration::hours(r.hours)),
            None => schedule.add_working(received, Duration::hours(24)),
        }
    }
}

pub fn for_new_lead(
    conn: &Connection,
    source: &str,
    kind: LeadKind,
    site_id: i64,
    received: DateTime<Utc>,
) -> Result<DateTime<Utc>> {
    Ok(SlaRules::load(conn)?.deadline(source, kind, site_id, &schedule(conn, site_id)?, received))
}
