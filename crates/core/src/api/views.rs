//! Read models that gather several capabilities for one screen: the start-up `meta` (sites,
//! users, sources, close reasons, the acting user) and the lead page.

use crate::followup::tasks::{self, Task};
use crate::kernel::app::{App, Empty};
use crate::kernel::error::Result;
use crate::leads::closing;
use crate::leads::commands::LeadRef;
use crate::leads::lead::{self, Lead};
use crate::leads::timeline::{self, Event};
use crate::org::sites::{self, Site};
use crate::org::users::{self, User};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Events shown on the lead page; older ones stay in the database.
const TIMELINE_LIMIT: u32 = 500;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Meta {
    pub version: String,
    pub sites: Vec<Site>,
    pub users: Vec<User>,
    pub sources: Vec<String>,
    pub lost_reasons: Vec<String>,
    pub won_reasons: Vec<String>,
    /// The signed-in user (null for the system account).
    pub current_user_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadCounters {
    /// Trade-ins, test drives and offers (versions of one offer count once).
    pub tradeins: u32,
    pub testdrives: u32,
    pub offers: u32,
    pub calls: u32,
    pub failed_attempts: u32,
    /// Perdu may be chosen without a manager's override.
    pub may_close_lost: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadDetail {
    pub lead: Lead,
    pub counters: LeadCounters,
    pub events: Vec<Event>,
    pub tasks: Vec<Task>,
}

impl App {
    pub fn meta(&self, _: Empty) -> Result<Meta> {
        let conn = self.conn()?;
        let reasons = |status: &str| -> Result<Vec<String>> {
            let mut stmt = conn.prepare_cached(
                "SELECT label FROM close_reasons WHERE status = ?1 AND active = 1 ORDER BY position",
            )?;
            let rows = stmt.query_map([status], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let mut stmt = conn.prepare_cached("SELECT name FROM sources ORDER BY position")?;
        let sources = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Meta {
            version: env!("CARGO_PKG_VERSION").to_string(),
            sites: sites::list(&conn)?,
            users: users::list(&conn)?,
            sources,
            lost_reasons: reasons("perdu")?,
            won_reasons: reasons("gagne")?,
            current_user_id: self.actor(),
        })
    }

    pub fn lead_get(&self, r: LeadRef) -> Result<LeadDetail> {
        let conn = self.conn()?;
        let lead = lead::get_by_code(&conn, &r.code)?;
        let events = timeline::for_lead(&conn, lead.id, TIMELINE_LIMIT)?;
        let attempts = closing::attempts(&conn, lead.id)?;
        let (tradeins, testdrives, offers) = crate::documents::counters(&conn, lead.id)?;
        let counters = LeadCounters {
            tradeins,
            testdrives,
            offers,
            calls: attempts.calls,
            failed_attempts: attempts.failed_attempts,
            may_close_lost: attempts.may_close_lost,
        };
        let tasks = tasks::for_lead(&conn, lead.id)?;
        Ok(LeadDetail {
            lead,
            counters,
            events,
            tasks,
        })
    }
}
