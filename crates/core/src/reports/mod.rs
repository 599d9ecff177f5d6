//! Management reports: the dashboard (what is late, hot, unowned, without a next action), lead
//! and sales KPIs for a period, the daily sheet, and their exports to Excel and CSV. Everything
//! is computed from what intake, follow-up and the deal documents recorded.

pub mod contacts;
pub mod csv_export;
pub mod dashboard;
pub mod export;
pub mod kpi;
pub mod lead_rows;
pub mod sales;
pub mod xlsx;

use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::LeadKind;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// The longest period a report covers: beyond, figures mix eras and exports grow unreadable.
pub const MAX_PERIOD_DAYS: i64 = 5 * 366;

/// A period (local dates, both included) and the filters of every report.
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ReportFilter {
    /// `YYYY-MM-DD`, first day included (default: 30 days before `to`).
    #[ts(optional = nullable)]
    pub from: Option<String>,
    /// `YYYY-MM-DD`, last day included (default: today).
    #[ts(optional = nullable)]
    pub to: Option<String>,
    #[ts(optional = nullable)]
    pub site_id: Option<i64>,
    #[ts(optional = nullable)]
    pub owner_id: Option<i64>,
    #[ts(optional = nullable)]
    pub source: Option<String>,
    #[ts(optional = nullable)]
    pub kind: Option<LeadKind>,
}

/// A checked period: its days and its bounds in UTC, `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
}

fn day(field: &'static str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
        CoreError::invalid(
            field,
            format!("Date invalide « {} » : attendu AAAA-MM-JJ.", text.trim()),
        )
    })
}

impl ReportFilter {
    /// The period, checked: the first day not after the last, five years at most.
    pub fn period(&self, now: DateTime<Utc>) -> Result<Period> {
        let today = now.with_timezone(&chrono_tz::Europe::Paris).date_naive();
        let to = match self.to.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(t) => day("to", t)?,
            None => today,
        };
        let from = match self.from.as_deref().filter(|s| !s.trim().is_empty()) {
            Some(f) => day("from", f)?,
            None => to - chrono::Duration::days(29),
        };
        if from > to {
            return Err(CoreError::invalid(
                "from",
                "Période vide : la date de début est après la date de fin.",
            ));
        }
        if (to - from).num_days() >= MAX_PERIOD_DAYS {
            return Err(CoreError::invalid(
                "from",
                "Période trop longue : cinq ans au plus. Exportez les années une à une.",
            ));
        }
        let midnight = |d: NaiveDate| clock::local_to_utc(d.and_time(chrono::NaiveTime::MIN));
        Ok(Period {
            from,
            to,
            start: midnight(from),
            end: midnight(to + chrono::Duration::days(1)),
        })
    }

    /// SQL conditions on `leads l` for the filters (not the period), with their parameters,
    /// numbered from `?first`.
    pub(crate) fn lead_conditions(
        &self,
        first: usize,
    ) -> (Vec<String>, Vec<rusqlite::types::Value>) {
        use rusqlite::types::Value;
        let mut sql = vec!["l.deleted_at IS NULL".to_string()];
        let mut args = Vec::new();
        if let Some(s) = self.site_id {
            args.push(Value::Integer(s));
            sql.push(format!("l.site_id = ?{}", args.len() + first - 1));
        }
        if let Some(o) = self.owner_id {
            args.push(Value::Integer(o));
            sql.push(format!("l.owner_id = ?{}", args.len() + first - 1));
        }
        if let Some(s) = self.source.as_deref().filter(|s| !s.is_empty()) {
            args.push(Value::Text(s.to_string()));
            sql.push(format!("l.source = ?{}", args.len() + first - 1));
        }
        if let Some(k) = self.kind {
            args.push(Value::Text(k.as_str().to_string()));
            sql.push(format!("l.kind = ?{}", args.len() + first - 1));
        }
        (sql, args)
    }
}

/// The opening hours of each site, read once per report.
#[derive(Default)]
pub(crate) struct Schedules(std::collections::HashMap<i64, crate::org::business_hours::Schedule>);

impl Schedules {
    pub fn of(
        &mut self,
        conn: &rusqlite::Connection,
        site_id: i64,
    ) -> Result<&crate::org::business_hours::Schedule> {
        use std::collections::hash_map::Entry;
        Ok(match self.0.entry(site_id) {
            Entry::Occupied(e) => e.into_mut(),
            Entry::Vacant(e) => e.insert(crate::org::sites::schedule(conn, site_id)?),
        })
    }
}

/// The activity space a lead belongs to (seed 003): commerce VN, commerce VO, après-vente, RH.
pub fn space(kind: LeadKind) -> &'static str {
    match kind {
        LeadKind::Vn => "Commerce VN",
        LeadKind::Vo | LeadKind::Reprise => "Commerce VO",
        LeadKind::Apv => "Après-vente",
        LeadKind::Rh => "RH",
    }
}

/// The spaces in display order.
pub const SPACES: &[&str] = &["Commerce VN", "Commerce VO", "Après-vente", "RH"];

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    #[test]
    fn a_period_is_checked_and_bounded_in_paris_time() {
        let now = Utc.with_ymd_and_hms(2026, 11, 30, 12, 0, 0).unwrap();
        let f = ReportFilter {
            from: Some("2026-11-01".into()),
            to: Some("2026-11-30".into()),
            ..Default::default()
        };
        let p = f.period(now).unwrap();
        assert_eq!(clock::to_text(p.start), "2026-10-31T23:00:00Z");
        assert_eq!(clock::to_text(p.end), "2026-11-30T23:00:00Z");
        let empty = ReportFilter {
            from: Some("2026-12-01".into()),
            to: Some("2026-11-01".into()),
            ..Default::default()
        };
        assert!(empty
            .period(now)
            .unwrap_err()
            .to_api()
            .message
            .contains("Période vide"));
        let ten_years = ReportFilter {
            from: Some("2016-01-01".into()),
            to: Some("2026-01-01".into()),
            ..Default::default()
        };
        assert!(ten_years
            .period(now)
            .unwrap_err()
            .to_api()
            .message
            .contains("trop longue"));
        let default = ReportFilter::default().period(now).unwrap();
        assert_eq!(
            (default.from.to_string(), default.to.to_string()),
            ("2026-11-01".into(), "2026-11-30".into())
        );
    }
}
