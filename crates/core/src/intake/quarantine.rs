//! The intake screen's data: inbound messages by state, the quarantine, and turning a quarantined
//! message into a lead by hand (or discarding it: a manager's decision; the raw message is kept).

use crate::intake::parse;
use crate::intake::store;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::{self, Lead, NewLead};
use crate::leads::timeline::{self, kind};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Longest body text shown for a quarantined message.
const MAX_BODY_TEXT: usize = 100_000;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboundItem {
    pub id: i64,
    pub channel: String,
    pub from: Option<String>,
    pub subject: Option<String>,
    pub mail_date: Option<String>,
    pub received_at: String,
    /// received | lead | merged | quarantined | converted | discarded
    pub state: String,
    pub reason: Option<String>,
    pub parser: Option<String>,
    pub lead_code: Option<String>,
    pub size: i64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct InboundQuery {
    /// Default: quarantined.
    #[ts(optional = nullable)]
    pub state: Option<String>,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboundPage {
    pub items: Vec<InboundItem>,
    pub total: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboundDetail {
    pub item: InboundItem,
    /// The message as plain text (HTML converted, never rendered), bounded.
    pub body_text: String,
    /// What the parsers could read, to prefill the lead form (site_id 0 = to choose).
    pub prefill: Option<NewLead>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboundRef {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct InboundConvert {
    pub id: i64,
    pub lead: NewLead,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct IntakeCounts {
    pub received_today: u32,
    pub leads_today: u32,
    pub merged_today: u32,
    pub quarantined: u32,
    /// Stored but not processed yet (left by an older version; finished by the worker).
    pub in_progress: u32,
    pub total: u32,
}

const ITEM_SQL: &str = "SELECT i.id, i.channel, i.from_addr, i.subject, i.mail_date, i.received_at, i.state, i.reason, i.parser, l.code, i.size
                        FROM inbound i LEFT JOIN leads l ON l.id = i.lead_id";

fn item_from_row(r: &rusqlite::Row) -> rusqlite::Result<InboundItem> {
    Ok(InboundItem {
        id: r.get(0)?,
        channel: r.get(1)?,
        from: r.get(2)?,
        subject: r.get(3)?,
        mail_date: r.get(4)?,
        received_at: r.get(5)?,
        state: r.get(6)?,
        reason: r.get(7)?,
        parser: r.get(8)?,
        lead_code: r.get(9)?,
        size: r.get(10)?,
    })
}

fn get_item(conn: &rusqlite::Connection, id: i64) -> Result<InboundItem> {
    conn.query_row(&format!("{ITEM_SQL} WHERE i.id = ?1"), [id], item_from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Message" })
}

/// The readable text of a raw mail: plain part, or HTML converted to text; never HTML.
pub fn body_text(raw: &[u8]) -> String {
    let text = mail_parser::MessageParser::default()
        .parse(raw)
        .and_then(|m| m.body_text(0).map(|t| t.into_owned()))
        .unwrap_or_else(|| String::from_utf8_lossy(raw).into_owned());
    text.chars().take(MAX_BODY_TEXT).collect()
}

impl App {
    pub fn inbound_list(&self, q: InboundQuery) -> Result<InboundPage> {
        let conn = self.conn()?;
        let state = q.state.unwrap_or_else(|| "quarantined".into());
        let items = conn
            .prepare_cached(&format!(
                "{ITEM_SQL} WHERE i.state = ?1 ORDER BY i.id DESC LIMIT ?2 OFFSET ?3"
            ))?
            .query_map(
                params![state, q.limit.unwrap_or(50).min(500), q.offset.unwrap_or(0)],
                item_from_row,
            )?
            .collect::<rusqlite::Result<_>>()?;
        let total = conn.query_row(
            "SELECT count(*) FROM inbound WHERE state = ?1",
            [state],
            |r| r.get(0),
        )?;
        Ok(InboundPage { items, total })
    }

    pub fn inbound_get(&self, r: InboundRef) -> Result<InboundDetail> {
        let conn = self.conn()?;
        let item = get_item(&conn, r.id)?;
        let raw: Vec<u8> =
            conn.query_row("SELECT raw FROM inbound WHERE id = ?1", [r.id], |row| {
                row.get(0)
            })?;
        Ok(InboundDetail {
            item,
            body_text: body_text(&raw),
            prefill: store::prefill(&parse::parse_mail(&raw)),
        })
    }

    /// Turns a quarantined message into a lead typed (or corrected) by a person.
    pub fn inbound_convert(&self, input: InboundConvert) -> Result<Lead> {
        let clean = input.lead.clean()?;
        let id = self.write(|tx, ctx| {
            let item = get_item(tx, input.id)?;
            if item.state != "quarantined" {
                return Err(CoreError::Refused("Ce message n'est plus en quarantaine.".into()));
            }
            let lead_id = crate::routing::new_lead::create(tx, &input.lead, &clean, ctx.now, &ctx.now_text, ctx.actor)?;
            crate::notify::inapp::assignee(tx, lead_id, &ctx.now_text, ctx.actor, "Lead qui vous est attribué")?;
            tx.execute(
                "UPDATE inbound SET state = 'converted', lead_id = ?2, updated_at = ?3 WHERE id = ?1",
                params![input.id, lead_id, ctx.now_text],
            )?;
            let subject = item.subject.unwrap_or_default();
            timeline::append(tx, lead_id, &ctx.now_text, ctx.actor, kind::INBOUND, &format!("Créé depuis la quarantaine : « {subject} »"), None)?;
            Ok(lead_id)
        })?;
        let conn = self.conn()?;
        lead::get(&conn, id)
    }

    /// Takes a message out of the quarantine (managers only). The raw message stays in the database.
    pub fn inbound_discard(&self, r: InboundRef) -> Result<InboundItem> {
        self.write(|tx, ctx| {
            let item = get_item(tx, r.id)?;
            if item.state != "quarantined" {
                return Err(CoreError::Refused(
                    "Ce message n'est plus en quarantaine.".into(),
                ));
            }
            tx.execute(
                "UPDATE inbound SET state = 'discarded', updated_at = ?2 WHERE id = ?1",
                params![r.id, ctx.now_text],
            )?;
            get_item(tx, r.id)
        })
    }

    pub fn intake_counts(&self, _: crate::kernel::app::Empty) -> Result<IntakeCounts> {
        let conn = self.conn()?;
        let today =
            crate::kernel::clock::to_text(crate::kernel::clock::start_of_local_day(self.now()));
        Ok(conn.query_row(
            "SELECT count(*) FILTER (WHERE received_at >= ?1),
                    count(*) FILTER (WHERE received_at >= ?1 AND state = 'lead'),
                    count(*) FILTER (WHERE received_at >= ?1 AND state = 'merged'),
                    count(*) FILTER (WHERE state = 'quarantined'),
                    count(*) FILTER (WHERE state = 'received'),
                    count(*)
             FROM inbound",
            [today],
            |r| {
                Ok(IntakeCounts {
                    received_today: r.get(0)?,
                    leads_today: r.get(1)?,
                    merged_today: r.get(2)?,
                    quarantined: r.get(3)?,
                    in_progress: r.get(4)?,
                    total: r.get(5)?,
                })
            },
        )?)
    }
}
