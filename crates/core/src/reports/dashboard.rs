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

/// One open lead as the dashboard reads it from the covering index of open leads.
struct OpenLead {
    id: i64,
    kind: LeadKind,
    status: String,
    deadline: Option<String>,
    owner: Option<i64>,
    hot: bool,
    contacted: bool,
    last_activity: String,
    created: String,
}

/// A list's exact count and its first leads by `key` (ascending), named from their contacts.
fn named(conn: &Connection, mut picked: Vec<(&OpenLead, String)>) -> Result<DashList> {
    let count = picked.len() as u32;
    picked.sort_by(|a, b| a.1.cmp(&b.1));
    picked.truncate(LIST_LIMIT);
    let mut stmt = conn.prepare_cached(
        "SELECT l.code, trim(c.first_name || ' ' || c.last_name), u.name, l.source || ' · ' || l.kind
         FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.owner_id WHERE l.id = ?1",
    )?;
    let mut leads = Vec::with_capacity(picked.len());
    for (lead, at) in picked {
        leads.push(stmt.query_row([lead.id], |r| {
            Ok(DashLead {
                code: r.get(0)?,
                name: r.get(1)?,
                owner: r.get(2)?,
                at: Some(at.clone()),
                detail: r.get(3)?,
            })
        })?);
    }
    Ok(DashList { count, leads })
}

/// Every open lead matching the filters, in one pass over their partial covering index (a
/// small part of a large file: the dashboard stays fast at a million leads).
fn open_leads(conn: &Connection, filter: &ReportFilter) -> Result<Vec<OpenLead>> {
    let (conditions, extra) = filter.lead_conditions(1);
    let sql = format!(
        "SELECT l.id, l.kind, l.status, l.deadline_at, l.owner_id,
                l.interest = 'chaud' AND l.stage IN ('offre', 'negociation'), l.contacted_at IS NOT NULL,
                l.last_activity_at, l.created_at
         FROM leads l INDEXED BY leads_open WHERE {OPEN} AND {}",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(extra), |r| {
            Ok(OpenLead {
                id: r.get(0)?,
                kind: r.get(1)?,
                status: r.get(2)?,
                deadline: r.get(3)?,
                owner: r.get(4)?,
                hot: r.get(5)?,
                contacted: r.get(6)?,
                last_activity: r.get(7)?,
                created: r.get(8)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Open leads per space and status now, then the leads of each space won or lost in the period
/// (the index of closings).
fn spaces(
    conn: &Connection,
    filter: &ReportFilter,
    period: &Period,
    open: &[OpenLead],
) -> Result<Vec<SpaceCounters>> {
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
    for l in open {
        add(l.kind, &l.status, 1);
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

/// Today's appointments and test drives not done yet, on the leads matching the filters.
fn appointments(
    conn: &Connection,
    filter: &ReportFilter,
    start: &str,
    end: &str,
) -> Result<DashList> {
    let (conditions, extra) = filter.lead_conditions(3);
    let where_sql = format!(
        "t.kind IN ('rdv', 'essai') AND t.done_at IS NULL AND t.due_at >= ?1 AND t.due_at < ?2 AND {}",
        conditions.join(" AND ")
    );
    let mut args: Vec<rusqlite::types::Value> =
        vec![start.to_string().into(), end.to_string().into()];
    args.extend(extra);
    let count: u32 = conn.query_row(
        &format!("SELECT count(DISTINCT t.lead_id) FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    let sql = format!(
        "SELECT l.code, trim(c.first_name || ' ' || c.last_name), u.name, min(t.due_at), t.kind || ' · ' || l.source
         FROM tasks t JOIN leads l ON l.id = t.lead_id JOIN contacts c ON c.id = l.contact_id
         LEFT JOIN users u ON u.id = t.assignee_id
         WHERE {where_sql} GROUP BY l.id ORDER BY 4 LIMIT {LIST_LIMIT}"
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
        let open = open_leads(c, &filter)?;
        // The few leads with a task to come: read once, then looked up.
        let planned: std::collections::HashSet<i64> = c
            .prepare_cached("SELECT lead_id FROM tasks WHERE lead_id IS NOT NULL AND done_at IS NULL AND due_at >= ?1")?
            .query_map([&now], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let pick = |keep: &dyn Fn(&OpenLead) -> bool,
                    key: &dyn Fn(&OpenLead) -> String|
         -> Vec<(&OpenLead, String)> {
            open.iter()
                .filter(|l| keep(l))
                .map(|l| (l, key(l)))
                .collect()
        };
        let deadline = |l: &OpenLead| l.deadline.clone().unwrap_or_default();
        let late = named(
            c,
            pick(
                &|l| l.deadline.as_deref().is_some_and(|d| d < now.as_str()),
                &deadline,
            ),
        )?;
        let on_time = open
            .iter()
            .filter(|l| l.deadline.as_deref().is_some_and(|d| d >= now.as_str()))
            .count() as u32;
        let hot = named(c, pick(&|l| l.hot, &|l| l.last_activity.clone()))?;
        let unassigned = named(c, pick(&|l| l.owner.is_none(), &|l| l.created.clone()))?;
        let no_next_action = named(
            c,
            pick(&|l| l.contacted && !planned.contains(&l.id), &|l| {
                l.last_activity.clone()
            }),
        )?;
        let appointments_today = appointments(c, &filter, &day_start, &day_end)?;
        Ok(Dashboard {
            from: period.from.to_string(),
            to: period.to.to_string(),
            spaces: spaces(c, &filter, &period, &open)?,
            late,
            on_time,
            hot,
            unassigned,
            no_next_action,
            appointments_today,
        })
    }
}
