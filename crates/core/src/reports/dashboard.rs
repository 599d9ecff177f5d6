//! The tableau de pilotage: counters per activity space (nouveau, à traiter, en cours, and
//! traité in the period), and what needs the manager now — late leads, hot deals, leads without
//! an owner, contacted leads with no next action planned (the ones that die quietly), today's
//! appointments. Every list names its leads so that a click opens them.

use super::{Period, ReportFilter, SPACES};
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How many leads a dashboard list shows (its count is exact).
const LIST_LIMIT: usize = 50;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct SpaceCounters {
    pub space: String,
    pub nouveau: u32,
    pub a_traiter: u32,
    pub en_cours: u32,
    /// Won or lost during the period.
    pub traite: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DashLead {
    pub code: String,
    pub name: String,
    pub owner: Option<String>,
    /// The deadline, the appointment's time or the last activity, as the list needs (RFC 3339).
    pub at: Option<String>,
    pub detail: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DashList {
    pub count: u32,
    pub leads: Vec<DashLead>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Dashboard {
    pub from: String,
    pub to: String,
    pub spaces: Vec<SpaceCounters>,
    /// Open leads past their deadline.
    pub late: DashList,
    /// Open leads whose deadline is still ahead.
    pub on_time: u32,
    /// Chaud, at stage offre or négociation.
    pub hot: DashList,
    pub unassigned: DashList,
    /// Open, contacted, and no task or appointment ahead.
    pub no_next_action: DashList,
    pub appointments_today: DashList,
}

const OPEN: &str = "l.status IN ('nouveau', 'a_traiter', 'en_cours')";

/// How a list reads the leads: every lead, or only the open ones through their partial covering
/// index (a small part of a large file: the dashboard stays fast at a million leads).
#[derive(Clone, Copy, PartialEq)]
enum Reads {
    All,
    Open,
}

/// A list: its exact count and its first leads, ordered by `at` (an expression). `from_where`
/// uses `params` as ?1, ?2…; the report's filters follow them.
fn list(
    conn: &Connection,
    filter: &ReportFilter,
    reads: Reads,
    params: &[&str],
    from_where: &str,
    at: &str,
) -> Result<DashList> {
    let leads = match reads {
        Reads::All => "leads l",
        Reads::Open => "leads l INDEXED BY leads_open",
    };
    let (conditions, extra) = filter.lead_conditions(params.len() + 1);
    let where_sql = format!("{from_where} AND {}", conditions.join(" AND "));
    let mut args: Vec<rusqlite::types::Value> =
        params.iter().map(|p| p.to_string().into()).collect();
    args.extend(extra);
    let count: u32 = conn.query_row(
        &format!("SELECT count(*) FROM {leads} WHERE {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    // The page's leads are picked from the index first; only those fifty are joined.
    let sql = format!(
        "SELECT l.code, trim(c.first_name || ' ' || c.last_name), u.name, {at}, l.source || ' · ' || l.kind
         FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.owner_id
         WHERE l.id IN (SELECT l.id FROM {leads} WHERE {where_sql} ORDER BY {at} LIMIT {LIST_LIMIT})
         ORDER BY 4"
    );
    let mut stmt = conn.prepare(&sql)?;
    let leads = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), |r| {
            Ok(DashLead {
                code: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                at: r.get(3)?,
                detail: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(DashList { count, leads })
}

/// Open leads per kind and status now (the partial index of open leads), then the leads of
/// each kind won or lost in the period (the index of closings).
fn spaces(conn: &Connection, filter: &ReportFilter, period: &Period) -> Result<Vec<SpaceCounters>> {
    let mut out: Vec<SpaceCounters> = SPACES
        .iter()
        .map(|s| SpaceCounters {
            space: s.to_string(),
            ..Default::default()
        })
        .collect();
    let mut add = |kind: LeadKind, status: &str, n: u32| {
        if let Some(c) = out.iter_mut().find(|c| c.space == super::space(kind)) {
            match status {
                "nouveau" => c.nouveau += n,
                "a_traiter" => c.a_traiter += n,
                "en_cours" => c.en_cours += n,
                _ => c.traite += n,
            }
        }
    };
    let (conditions, extra) = filter.lead_conditions(1);
    let open = format!(
        "SELECT l.kind, l.status, count(*) FROM leads l INDEXED BY leads_open WHERE {OPEN} AND {} GROUP BY l.kind, l.status",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&open)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(extra))?;
    while let Some(r) = rows.next()? {
        let status: String = r.get(1)?;
        add(r.get(0)?, &status, r.get(2)?);
    }
    let (conditions, extra) = filter.lead_conditions(3);
    let closed = format!(
        "SELECT l.kind, count(*) FROM leads l
         WHERE l.closed_at >= ?1 AND l.closed_at < ?2 AND +l.status IN ('gagne', 'perdu') AND {} GROUP BY l.kind",
        conditions.join(" AND ")
    );
    let mut args: Vec<rusqlite::types::Value> = vec![
        clock::to_text(period.start).into(),
        clock::to_text(period.end).into(),
    ];
    args.extend(extra);
    let mut stmt = conn.prepare(&closed)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        add(r.get(0)?, "traite", r.get(1)?);
    }
    Ok(out)
}

impl App {
    pub fn dashboard(&self, filter: ReportFilter) -> Result<Dashboard> {
        let now_t = self.now();
        let period = filter.period(now_t)?;
        let now = clock::to_text(now_t);
        let day_start = clock::start_of_local_day(now_t);
        let day_end = clock::to_text(day_start + chrono::Duration::hours(24));
        let day_start = clock::to_text(day_start);
        let conn = self.conn()?;
        let c = &*conn;
        let now = [now.as_str()];
        let late = list(
            c,
            &filter,
            Reads::All,
            &now,
            &format!("{OPEN} AND l.deadline_at < ?1"),
            "l.deadline_at",
        )?;
        let on_time = list(
            c,
            &filter,
            Reads::Open,
            &now,
            &format!("{OPEN} AND l.deadline_at >= ?1"),
            "l.deadline_at",
        )?
        .count;
        let hot = list(
            c,
            &filter,
            Reads::Open,
            &[],
            &format!("{OPEN} AND l.interest = 'chaud' AND l.stage IN ('offre', 'negociation')"),
            "l.last_activity_at",
        )?;
        let unassigned = list(
            c,
            &filter,
            Reads::Open,
            &[],
            &format!("{OPEN} AND l.owner_id IS NULL"),
            "l.created_at",
        )?;
        // Planned ahead: the few leads with a task to come, read once.
        let no_next_action = list(
            c,
            &filter,
            Reads::Open,
            &now,
            &format!("{OPEN} AND l.contacted_at IS NOT NULL AND l.id NOT IN (SELECT t.lead_id FROM tasks t WHERE t.lead_id IS NOT NULL AND t.done_at IS NULL AND t.due_at >= ?1)"),
            "l.last_activity_at",
        )?;
        let appointments_today = list(
            c,
            &filter,
            Reads::All,
            &[day_start.as_str(), day_end.as_str()],
            "l.id IN (SELECT lead_id FROM tasks WHERE kind IN ('rdv', 'essai') AND done_at IS NULL AND due_at >= ?1 AND due_at < ?2)",
            "(SELECT min(due_at) FROM tasks t WHERE t.lead_id = l.id AND t.kind IN ('rdv', 'essai') AND t.done_at IS NULL AND t.due_at >= ?1)",
        )?;
        Ok(Dashboard {
            from: period.from.to_string(),
            to: period.to.to_string(),
            spaces: spaces(c, &filter, &period)?,
            late,
            on_time,
            hot,
            unassigned,
            no_next_action,
            appointments_today,
        })
    }
}
