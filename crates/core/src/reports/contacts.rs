//! The contact traceability of the leads received in a period (seed 004): every call, contact
//! made and e-mail sent, with its date and time, channel, who, and the words recorded.

use super::{Period, ReportFilter};
use crate::kernel::clock;
use crate::kernel::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Rows of the traceability sheet beyond which the workbook stops (Excel stays usable).
pub const MAX_ROWS: usize = 100_000;

pub struct ContactRow {
    pub lead_code: String,
    pub at: DateTime<Utc>,
    pub channel: &'static str,
    pub user: Option<String>,
    pub verbatim: String,
}

fn channel(kind: &str) -> &'static str {
    match kind {
        "call" => "Téléphone",
        "mail_sent" => "E-mail",
        _ => "Contact",
    }
}

pub fn rows(conn: &Connection, filter: &ReportFilter, period: &Period) -> Result<Vec<ContactRow>> {
    let (conditions, extra) = filter.lead_conditions(3);
    let sql = format!(
        "SELECT l.code, e.at, e.kind, u.name, e.text FROM leads l
         JOIN events e ON e.lead_id = l.id AND e.kind IN ('call', 'contact_made', 'mail_sent')
         LEFT JOIN users u ON u.id = e.user_id
         WHERE l.created_at >= ?1 AND l.created_at < ?2 AND {}
         ORDER BY l.created_at, l.id, e.id LIMIT {MAX_ROWS}",
        conditions.join(" AND ")
    );
    let mut args: Vec<rusqlite::types::Value> = vec![
        clock::to_text(period.start).into(),
        clock::to_text(period.end).into(),
    ];
    args.extend(extra);
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let at: String = r.get(1)?;
        let kind: String = r.get(2)?;
        let Some(at) = clock::parse(&at) else {
            continue;
        };
        out.push(ContactRow {
            lead_code: r.get(0)?,
            at,
            channel: channel(&kind),
            user: r.get(3)?,
            verbatim: r.get(4)?,
        });
    }
    Ok(out)
}
