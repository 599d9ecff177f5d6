//! The rows of a lead export (Excel or CSV): one per lead matching the filters, with the columns
//! a manager sorts and sums by. Read in one pass, handed to a writer row by row.

use super::ReportFilter;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::{Interest, LeadKind, LeadStage, LeadStatus};
use chrono::{DateTime, Utc};
use rusqlite::types::Value;
use rusqlite::Connection;

/// The columns, in order, as their headers read.
pub const HEADERS: &[&str] = &[
    "Code",
    "Reçu le",
    "Statut",
    "Étape",
    "Type",
    "Source",
    "Intérêt",
    "Responsable",
    "Site",
    "Nom",
    "Prénom",
    "Société",
    "Téléphone",
    "E-mail",
    "Code postal",
    "Ville",
    "Véhicule",
    "Échéance",
    "1er contact",
    "Délai 1er contact (heures ouvrées)",
    "Dernière activité",
    "Appels",
    "Offres",
    "Dernière offre TTC",
    "Commande TTC",
    "Motif de clôture",
    "Référence",
];

pub struct LeadRow {
    pub code: String,
    pub created: DateTime<Utc>,
    pub status: LeadStatus,
    pub stage: LeadStage,
    pub kind: LeadKind,
    pub source: String,
    pub interest: Interest,
    pub owner: Option<String>,
    pub site: String,
    pub last_name: String,
    pub first_name: String,
    pub company: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub postal_code: Option<String>,
    pub city: Option<String>,
    pub vehicle: Option<String>,
    pub deadline: Option<DateTime<Utc>>,
    pub contacted: Option<DateTime<Utc>>,
    /// Working time from receipt to first contact, in hours.
    pub first_contact_hours: Option<f64>,
    pub last_activity: Option<DateTime<Utc>>,
    pub calls: u32,
    pub offers: u32,
    pub last_offer_cents: Option<i64>,
    pub order_cents: Option<i64>,
    pub close_reason: Option<String>,
    pub external_ref: Option<String>,
}

/// The WHERE clause of an export: the filters, and the period when the filter names one.
fn where_clause(filter: &ReportFilter, now: DateTime<Utc>) -> Result<(String, Vec<Value>)> {
    let (mut conditions, mut args) = filter.lead_conditions(3);
    let (start, end) = if filter.from.is_some() || filter.to.is_some() {
        let p = filter.period(now)?;
        (clock::to_text(p.start), clock::to_text(p.end))
    } else {
        (String::new(), "9999".into())
    };
    conditions.push("l.created_at >= ?1 AND l.created_at < ?2".into());
    args.insert(0, end.into());
    args.insert(0, start.into());
    Ok((conditions.join(" AND "), args))
}

/// How many leads an export of these filters holds.
pub fn count(conn: &Connection, filter: &ReportFilter, now: DateTime<Utc>) -> Result<u64> {
    let (where_sql, args) = where_clause(filter, now)?;
    let n: i64 = conn.query_row(
        &format!("SELECT count(*) FROM leads l WHERE {where_sql}"),
        rusqlite::params_from_iter(args.iter()),
        |r| r.get(0),
    )?;
    Ok(n.max(0) as u64)
}

/// The leads matching the filters (received within the period when the filter names one),
/// oldest first; `each` gets every row and the total, and returns false to stop (cancelled).
pub fn for_each(
    conn: &Connection,
    filter: &ReportFilter,
    now: DateTime<Utc>,
    mut each: impl FnMut(LeadRow, u64) -> Result<bool>,
) -> Result<u64> {
    let (where_sql, args) = where_clause(filter, now)?;
    let total = count(conn, filter, now)?;
    let sql = format!(
        "SELECT l.code, l.created_at, l.status, l.stage, l.kind, l.source, l.interest, u.name, s.name,
                c.last_name, c.first_name, c.company, c.phone, c.email, c.postal_code, c.city,
                trim(coalesce(v.make, '') || ' ' || coalesce(v.model, '') || ' ' || coalesce(v.version, '')),
                l.deadline_at, l.contacted_at, l.last_activity_at,
                (SELECT count(*) FROM events e WHERE e.lead_id = l.id AND e.kind = 'call'),
                (SELECT count(DISTINCT number) FROM offers o WHERE o.lead_id = l.id),
                (SELECT total_ttc_cents FROM offers o WHERE o.lead_id = l.id ORDER BY o.id DESC LIMIT 1),
                (SELECT sum(total_ttc_cents) FROM orders d WHERE d.lead_id = l.id),
                l.close_reason, l.external_ref, l.site_id
         FROM leads l JOIN contacts c ON c.id = l.contact_id JOIN sites s ON s.id = l.site_id
         LEFT JOIN users u ON u.id = l.owner_id LEFT JOIN vehicles v ON v.id = l.vehicle_id
         WHERE {where_sql} ORDER BY l.created_at, l.id"
    );
    let mut schedules = super::Schedules::default();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args.iter()))?;
    let time = |t: Option<String>| t.as_deref().and_then(clock::parse);
    let mut done = 0;
    while let Some(r) = rows.next()? {
        let created =
            time(r.get(1)?).ok_or_else(|| CoreError::Internal("date de lead illisible".into()))?;
        let contacted = time(r.get(18)?);
        let site_id: i64 = r.get(26)?;
        let schedule = schedules.of(conn, site_id)?;
        let first_contact_hours = contacted.map(|c| {
            schedule
                .working_between(created, c.max(created))
                .num_seconds() as f64
                / 3600.0
        });
        let vehicle: String = r.get(16)?;
        let row = LeadRow {
            code: r.get(0)?,
            created,
            status: r.get(2)?,
            stage: r.get(3)?,
            kind: r.get(4)?,
            source: r.get(5)?,
            interest: r.get(6)?,
            owner: r.get(7)?,
            site: r.get(8)?,
            last_name: r.get(9)?,
            first_name: r.get(10)?,
            company: r.get(11)?,
            phone: r.get(12)?,
            email: r.get(13)?,
            postal_code: r.get(14)?,
            city: r.get(15)?,
            vehicle: (!vehicle.is_empty()).then_some(vehicle),
            deadline: time(r.get(17)?),
            contacted,
            first_contact_hours,
            last_activity: time(r.get(19)?),
            calls: r.get(20)?,
            offers: r.get(21)?,
            last_offer_cents: r.get(22)?,
            order_cents: r.get(23)?,
            close_reason: r.get(24)?,
            external_ref: r.get(25)?,
        };
        done += 1;
        if !each(row, total)? {
            return Err(CoreError::Refused(
                "Export annulé : aucun fichier n'a été écrit.".into(),
            ));
        }
    }
    Ok(done)
}

/// Reports progress on the first row and every thousand rows; false when the user cancelled.
pub fn keep_going(done: u64, total: u64, progress: &mut impl FnMut(u64, u64) -> bool) -> bool {
    !(done == 1 || done.is_multiple_of(1000)) || progress(done, total)
}

pub use crate::kernel::format::inert;
