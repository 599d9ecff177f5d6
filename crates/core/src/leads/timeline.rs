//! The append-only timeline of a lead: every change is an event (who, when, what).

use crate::kernel::error::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Event {
    pub id: i64,
    pub lead_id: i64,
    pub at: String,
    /// Name of the user who acted; None for the system (intake, rules).
    pub user: Option<String>,
    pub kind: String,
    /// French summary for the timeline.
    pub text: String,
}

/// Kinds of events written by the core.
pub mod kind {
    pub const CREATED: &str = "created";
    pub const NOTE: &str = "note";
    pub const ASSIGNED: &str = "assigned";
    pub const STATUS: &str = "status";
    pub const DEADLINE: &str = "deadline";
    pub const CONTACT_MADE: &str = "contact_made";
    pub const CONTACT_NOT_MADE: &str = "contact_not_made";
    pub const CONTACT_UPDATED: &str = "contact_updated";
    pub const QUALIFIED: &str = "qualified";
    pub const INBOUND: &str = "inbound";
    pub const TASK: &str = "task";
    pub const TASK_DONE: &str = "task_done";
    pub const CALL: &str = "call";
    pub const ALERT: &str = "alert";
    pub const DELETED: &str = "deleted";
    pub const RESTORED: &str = "restored";
    pub const TRADEIN: &str = "tradein";
    pub const TESTDRIVE: &str = "testdrive";
    pub const OFFER: &str = "offer";
    pub const ORDER: &str = "order";
    pub const DOCUMENT: &str = "document";
    pub const DOCUMENT_DELETED: &str = "document_deleted";
    pub const MAIL_SENT: &str = "mail_sent";
    pub const VEHICLE: &str = "vehicle";
    pub const VO_ALERT: &str = "vo_alert";
    pub const CONSENT: &str = "consent";
    pub const ERASED: &str = "erased";
    pub const CONTACTS_MERGED: &str = "contacts_merged";
}

pub fn append(
    conn: &Connection,
    lead_id: i64,
    at: &str,
    user_id: Option<i64>,
    kind: &str,
    text: &str,
    data: Option<&serde_json::Value>,
) -> Result<i64> {
    conn.prepare_cached("INSERT INTO events(lead_id, at, user_id, kind, text, data) VALUES (?1, ?2, ?3, ?4, ?5, ?6)")?
        .execute(params![lead_id, at, user_id, kind, text, data])?;
    conn.prepare_cached("UPDATE leads SET last_activity_at = ?2, updated_at = ?2 WHERE id = ?1")?
        .execute(params![lead_id, at])?;
    Ok(conn.last_insert_rowid())
}

/// The timeline of a lead, newest first.
pub fn for_lead(conn: &Connection, lead_id: i64, limit: u32) -> Result<Vec<Event>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.lead_id, e.at, u.name, e.kind, e.text FROM events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.lead_id = ?1 ORDER BY e.id DESC LIMIT ?2",
    )?;
    let rows = stmt.query_map(params![lead_id, limit], |r| {
        Ok(Event {
            id: r.get(0)?,
            lead_id: r.get(1)?,
            at: r.get(2)?,
            user: r.get(3)?,
            kind: r.get(4)?,
            text: r.get(5)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<Event> {
    Ok(conn.query_row(
        "SELECT e.id, e.lead_id, e.at, u.name, e.kind, e.text FROM events e LEFT JOIN users u ON u.id = e.user_id WHERE e.id = ?1",
        [id],
        |r| Ok(Event { id: r.get(0)?, lead_id: r.get(1)?, at: r.get(2)?, user: r.get(3)?, kind: r.get(4)?, text: r.get(5)? }),
    )?)
}
