//! A new lead, from any channel: validated, given the deadline of its SLA rule, numbered and
//! saved. Manual entry, intake and the quarantine's conversion all create leads here.

use crate::kernel::app::App;
use crate::kernel::error::Result;
use crate::leads::lead::{self, CleanLead, Lead, NewLead};
use crate::notify::inapp;
use crate::routing::sla;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

/// Creates a validated lead received at `received` with its first-contact deadline. Runs inside
/// the caller's transaction.
pub(crate) fn create(
    conn: &Connection,
    new: &NewLead,
    clean: &CleanLead,
    received: DateTime<Utc>,
    now_text: &str,
    actor: Option<i64>,
) -> Result<i64> {
    let deadline = sla::for_new_lead(conn, &clean.source, new.kind, new.site_id, received)?;
    lead::create(conn, new, clean, received, Some(deadline), now_text, actor)
}

impl App {
    pub fn lead_create(&self, new: NewLead) -> Result<Lead> {
        let clean = new.clean()?;
        let id = self.write(|tx, ctx| {
            let id = create(tx, &new, &clean, ctx.now, &ctx.now_text, ctx.actor)?;
            inapp::assignee(
                tx,
                id,
                &ctx.now_text,
                ctx.actor,
                "Nouveau lead qui vous est attribué",
            )?;
            Ok(id)
        })?;
        let conn = self.conn()?;
        lead::get(&conn, id)
    }
}
