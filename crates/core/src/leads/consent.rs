//! Consent to prospecting, by e-mail and by SMS, each on its own (GDPR, CNIL): every change is an
//! event with old → new, its source and its date, shown on the lead. The latest explicit choice
//! wins; a withdrawal always wins over an older opt-in.

use crate::kernel::error::Result;
use crate::leads::timeline::{self, kind};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(ConsentChannel { Email = "email", Sms = "sms" });

impl ConsentChannel {
    fn column(self) -> &'static str {
        match self {
            ConsentChannel::Email => "consent_email",
            ConsentChannel::Sms => "consent_sms",
        }
    }

    fn label(self) -> &'static str {
        match self {
            ConsentChannel::Email => "e-mail",
            ConsentChannel::Sms => "SMS",
        }
    }
}

/// Where a consent was given or withdrawn.
pub mod source {
    pub const FORM: &str = "formulaire";
    pub const ENTRY: &str = "saisie";
    pub const IMPORT: &str = "import DMS";
    pub const STOP_REPLY: &str = "réponse STOP";
    pub const MERGE: &str = "fusion de contacts";
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ConsentEvent {
    pub id: i64,
    pub channel: ConsentChannel,
    pub old: bool,
    pub new: bool,
    pub source: String,
    /// RFC 3339 UTC.
    pub at: String,
    pub lead_id: Option<i64>,
    pub user: Option<String>,
}

/// Sets one channel's consent; when it changes, the contact row, the history and (on a lead) the
/// timeline record it. Returns whether it changed.
#[allow(clippy::too_many_arguments)]
pub(crate) fn record(
    conn: &Connection,
    contact_id: i64,
    channel: ConsentChannel,
    new: bool,
    source: &str,
    at: &str,
    lead_id: Option<i64>,
    user_id: Option<i64>,
) -> Result<bool> {
    let old: Option<bool> = conn
        .query_row(
            &format!("SELECT {} FROM contacts WHERE id = ?1", channel.column()),
            [contact_id],
            |r| r.get(0),
        )
        .optional()?;
    let Some(old) = old else { return Ok(false) };
    if old == new {
        return Ok(false);
    }
    conn.execute(
        &format!(
            "UPDATE contacts SET {} = ?2, consent_at = ?3, consent_source = ?4, updated_at = ?3 WHERE id = ?1",
            channel.column()
        ),
        params![contact_id, new, at, source],
    )?;
    let choice = Choice {
        contact_id,
        channel,
        old,
        new,
        source,
        at,
        lead_id,
        user_id,
    };
    write_event(conn, &choice)?;
    Ok(true)
}

/// One explicit choice of a person, for the history.
struct Choice<'a> {
    contact_id: i64,
    channel: ConsentChannel,
    old: bool,
    new: bool,
    source: &'a str,
    at: &'a str,
    lead_id: Option<i64>,
    user_id: Option<i64>,
}

/// The history row, and on a lead the timeline entry.
fn write_event(conn: &Connection, c: &Choice) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO consent_events(contact_id, channel, old, new, source, at, lead_id, user_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?
    .execute(params![
        c.contact_id,
        c.channel,
        c.old,
        c.new,
        c.source,
        c.at,
        c.lead_id,
        c.user_id
    ])?;
    if let Some(lead_id) = c.lead_id {
        let text = match c.old == c.new {
            true => format!(
                "Consentement {} : {} confirmé ({})",
                c.channel.label(),
                yes_no(c.new),
                c.source
            ),
            false => format!(
                "Consentement {} : {} → {} ({})",
                c.channel.label(),
                yes_no(c.old),
                yes_no(c.new),
                c.source
            ),
        };
        let data = serde_json::json!({"channel": c.channel, "old": c.old, "new": c.new, "source": c.source});
        timeline::append(
            conn,
            lead_id,
            c.at,
            c.user_id,
            kind::CONSENT,
            &text,
            Some(&data),
        )?;
    }
    Ok(())
}

/// A withdrawal the person expressed (a « STOP » reply): recorded even when the consent was
/// already off, because it is their latest explicit choice — it wins over an older opt-in when
/// contacts merge, and nothing automatic is mailed to them any more.
pub(crate) fn record_withdrawal(
    conn: &Connection,
    contact_id: i64,
    channel: ConsentChannel,
    source: &str,
    at: &str,
    lead_id: Option<i64>,
) -> Result<()> {
    if !record(conn, contact_id, channel, false, source, at, lead_id, None)? {
        let exists: bool = conn.query_row(
            "SELECT EXISTS(SELECT 1 FROM contacts WHERE id = ?1)",
            [contact_id],
            |r| r.get(0),
        )?;
        if exists {
            let choice = Choice {
                contact_id,
                channel,
                old: false,
                new: false,
                source,
                at,
                lead_id,
                user_id: None,
            };
            write_event(conn, &choice)?;
        }
    }
    Ok(())
}

/// Only the history row, for callers that write the contact themselves (a new contact, an
/// import's upsert); nothing when old = new.
pub(crate) fn log_change(
    conn: &Connection,
    contact_id: i64,
    channel: ConsentChannel,
    old: bool,
    new: bool,
    source: &str,
    at: &str,
) -> Result<()> {
    if old != new {
        conn.prepare_cached(
            "INSERT INTO consent_events(contact_id, channel, old, new, source, at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )?
        .execute(params![contact_id, channel, old, new, source, at])?;
    }
    Ok(())
}

fn yes_no(v: bool) -> &'static str {
    if v {
        "oui"
    } else {
        "non"
    }
}

/// The contact's consent history, newest first.
pub fn history(conn: &Connection, contact_id: i64) -> Result<Vec<ConsentEvent>> {
    let mut stmt = conn.prepare_cached(
        "SELECT e.id, e.channel, e.old, e.new, e.source, e.at, e.lead_id, u.name
         FROM consent_events e LEFT JOIN users u ON u.id = e.user_id
         WHERE e.contact_id = ?1 ORDER BY e.at DESC, e.id DESC",
    )?;
    let rows = stmt.query_map([contact_id], |r| {
        Ok(ConsentEvent {
            id: r.get(0)?,
            channel: r.get(1)?,
            old: r.get(2)?,
            new: r.get(3)?,
            source: r.get(4)?,
            at: r.get(5)?,
            lead_id: r.get(6)?,
            user: r.get(7)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The consent two histories agree on when two contacts become one: the latest explicit choice;
/// at the same moment, a withdrawal wins.
pub fn merged(a: &[ConsentEvent], b: &[ConsentEvent], channel: ConsentChannel) -> bool {
    a.iter()
        .chain(b)
        .filter(|e| e.channel == channel)
        .max_by(|x, y| x.at.cmp(&y.at).then((!x.new).cmp(&!y.new)))
        .is_some_and(|e| e.new)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(channel: ConsentChannel, new: bool, at: &str) -> ConsentEvent {
        ConsentEvent {
            id: 0,
            channel,
            old: !new,
            new,
            source: "test".into(),
            at: at.into(),
            lead_id: None,
            user: None,
        }
    }

    #[test]
    fn the_latest_choice_wins_and_a_withdrawal_wins_a_tie() {
        use ConsentChannel::*;
        let a = [event(Email, true, "2026-01-01T10:00:00Z")];
        let b = [event(Email, false, "2026-03-01T10:00:00Z")];
        assert!(!merged(&a, &b, Email), "a later withdrawal wins");
        let c = [event(Email, true, "2026-05-01T10:00:00Z")];
        assert!(merged(&b, &c, Email), "a later opt-in wins");
        let d = [event(Email, false, "2026-05-01T10:00:00Z")];
        assert!(!merged(&c, &d, Email), "same instant: the withdrawal");
        assert!(!merged(&a, &c, Sms), "no SMS choice: no consent");
    }
}
