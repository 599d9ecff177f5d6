//! The corbeille: a lead deleted by its owner (or a manager) disappears from the lists but keeps
//! every row; a manager restores it within 30 days. Both are journalled. Nothing is erased.

use crate::kernel::app::{App, Empty};
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::{self, Lead};
use crate::leads::timeline::{self, kind};
use crate::org::audit;
use chrono::Duration;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How long a deleted lead can be restored.
pub const RESTORE_DAYS: i64 = 30;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadIdInput {
    pub lead_id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TrashItem {
    pub lead: Lead,
    pub deleted_at: String,
    pub deleted_by: Option<String>,
    /// The last instant a manager can restore it.
    pub restorable_until: String,
    pub restorable: bool,
}

fn item(
    conn: &rusqlite::Connection,
    lead: Lead,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<TrashItem> {
    let deleted_at = lead.deleted_at.clone().unwrap_or_default();
    let deleted_by: Option<String> = conn.query_row(
        "SELECT u.name FROM leads l LEFT JOIN users u ON u.id = l.deleted_by WHERE l.id = ?1",
        [lead.id],
        |r| r.get(0),
    )?;
    let until = clock::parse(&deleted_at).map(|d| d + Duration::days(RESTORE_DAYS));
    Ok(TrashItem {
        lead,
        deleted_at,
        deleted_by,
        restorable_until: until.map(clock::to_text).unwrap_or_default(),
        restorable: until.is_some_and(|u| now <= u),
    })
}

impl App {
    pub fn lead_delete(&self, input: LeadIdInput) -> Result<TrashItem> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if lead.deleted_at.is_some() {
                return Err(CoreError::Refused(
                    "Ce lead est déjà dans la corbeille.".into(),
                ));
            }
            tx.execute(
                "UPDATE leads SET deleted_at = ?2, deleted_by = ?3 WHERE id = ?1",
                params![lead.id, ctx.now_text, ctx.actor],
            )?;
            timeline::append(
                tx,
                lead.id,
                &ctx.now_text,
                ctx.actor,
                kind::DELETED,
                "Lead mis à la corbeille",
                None,
            )?;
            audit::record(
                tx,
                ctx,
                audit::kind::LEAD_DELETED,
                &format!("Lead {} mis à la corbeille", lead.code),
                None,
                None,
            )?;
            item(tx, lead::get(tx, lead.id)?, ctx.now)
        })
    }

    pub fn lead_restore(&self, input: LeadIdInput) -> Result<Lead> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let Some(deleted) = lead.deleted_at.as_deref().and_then(clock::parse) else {
                return Err(CoreError::Refused("Ce lead n'est pas dans la corbeille.".into()));
            };
            if ctx.now > deleted + Duration::days(RESTORE_DAYS) {
                return Err(CoreError::Refused(format!(
                    "Ce lead a été supprimé il y a plus de {RESTORE_DAYS} jours : il ne peut plus être restauré (il reste conservé dans la base)."
                )));
            }
            tx.execute("UPDATE leads SET deleted_at = NULL, deleted_by = NULL WHERE id = ?1", [lead.id])?;
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, kind::RESTORED, "Lead restauré depuis la corbeille", None)?;
            audit::record(tx, ctx, audit::kind::LEAD_RESTORED, &format!("Lead {} restauré", lead.code), None, None)?;
            lead::get(tx, lead.id)
        })
    }

    /// The corbeille, most recently deleted first.
    pub fn trash_list(&self, _: Empty) -> Result<Vec<TrashItem>> {
        let conn = self.conn()?;
        let ids: Vec<i64> = conn
            .prepare_cached("SELECT id FROM leads WHERE deleted_at IS NOT NULL ORDER BY deleted_at DESC LIMIT 500")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let now = self.now();
        ids.into_iter()
            .map(|id| item(&conn, lead::get(&conn, id)?, now))
            .collect()
    }
}
