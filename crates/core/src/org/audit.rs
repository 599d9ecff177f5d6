//! The audit journal: sign-ins and their failures, users and roles, settings, rules, mailbox and
//! SMTP set-up, close reasons, the garage's identity, deleted and restored leads. Each entry is an
//! event without a lead (the `events` table is append-only) with who, when and, in `data`, the
//! old and new values — never a password or a secret.

use crate::kernel::app::{App, Ctx};
use crate::kernel::error::Result;
use crate::kernel::validate;
use rusqlite::{params_from_iter, types::Value, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Kinds of journal entries (the `kind` of their event).
pub mod kind {
    pub const SIGN_IN: &str = "audit.sign_in";
    pub const SIGN_IN_FAILED: &str = "audit.sign_in_failed";
    pub const PASSWORD: &str = "audit.password";
    pub const USER: &str = "audit.user";
    pub const SITE: &str = "audit.site";
    pub const GARAGE: &str = "audit.garage";
    pub const SETTINGS: &str = "audit.settings";
    pub const RULES: &str = "audit.rules";
    pub const MAILBOX: &str = "audit.mailbox";
    pub const SMTP: &str = "audit.smtp";
    pub const CLOSE_REASONS: &str = "audit.close_reasons";
    pub const LEAD_DELETED: &str = "audit.lead_deleted";
    pub const LEAD_RESTORED: &str = "audit.lead_restored";
    pub const SETUP: &str = "audit.setup";
    pub const CONTACT_MERGE: &str = "audit.contact_merge";
    pub const BLOCTEL: &str = "audit.bloctel";
}

/// Records a journal entry. `old` and `new` are the values before and after (None for a
/// creation or a deletion); callers never pass secrets.
pub(crate) fn record(
    conn: &Connection,
    ctx: &Ctx,
    kind: &str,
    text: &str,
    old: Option<serde_json::Value>,
    new: Option<serde_json::Value>,
) -> Result<()> {
    record_as(conn, &ctx.now_text, ctx.actor, kind, text, old, new)
}

/// The same, for entries whose author is not the acting user (a failed sign-in names the
/// account it tried).
pub(crate) fn record_as(
    conn: &Connection,
    at: &str,
    user: Option<i64>,
    kind: &str,
    text: &str,
    old: Option<serde_json::Value>,
    new: Option<serde_json::Value>,
) -> Result<()> {
    let data = match (&old, &new) {
        (None, None) => None,
        _ => Some(serde_json::json!({ "old": old, "new": new }).to_string()),
    };
    conn.prepare_cached(
        "INSERT INTO events(lead_id, at, user_id, kind, text, data) VALUES (NULL, ?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(rusqlite::params![at, user, kind, text, data])?;
    Ok(())
}

/// Records a change only when something changed: `old` → `new` as JSON.
pub(crate) fn record_change<T: Serialize>(
    conn: &Connection,
    ctx: &Ctx,
    kind: &str,
    text: &str,
    old: &T,
    new: &T,
) -> Result<()> {
    let (old, new) = (to_json(old), to_json(new));
    if old != new {
        record(conn, ctx, kind, text, Some(old), Some(new))?;
    }
    Ok(())
}

/// Saves a server configuration (mailbox, SMTP: never a password, which goes to the keyring)
/// under `key` and journals old → new.
pub(crate) fn save_server_config<T: Serialize + serde::de::DeserializeOwned>(
    conn: &Connection,
    ctx: &Ctx,
    key: &str,
    config: &T,
    password_saved: bool,
    kind: &str,
    text: &str,
) -> Result<()> {
    let before: Option<T> = crate::kernel::settings::get_json(conn, key)?;
    crate::kernel::settings::set_json(conn, key, config)?;
    let note = if password_saved {
        " (mot de passe enregistré dans le trousseau)"
    } else {
        ""
    };
    let after = Some(config);
    record_change(
        conn,
        ctx,
        kind,
        &format!("{text}{note}"),
        &before.as_ref(),
        &after,
    )
}

fn to_json<T: Serialize>(value: &T) -> serde_json::Value {
    serde_json::to_value(value).unwrap_or(serde_json::Value::Null)
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct JournalQuery {
    /// A kind (`audit.user`…), or none for all.
    #[ts(optional = nullable)]
    pub kind: Option<String>,
    #[ts(optional = nullable)]
    pub user_id: Option<i64>,
    /// Local dates (YYYY-MM-DD), inclusive.
    #[ts(optional = nullable)]
    pub from: Option<String>,
    #[ts(optional = nullable)]
    pub to: Option<String>,
    #[ts(optional = nullable)]
    pub limit: Option<u32>,
    #[ts(optional = nullable)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalEntry {
    pub id: i64,
    pub at: String,
    pub user_id: Option<i64>,
    pub user: Option<String>,
    pub kind: String,
    pub text: String,
    /// `{old, new}` when the entry records a change.
    pub data: Option<serde_json::Value>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct JournalPage {
    pub items: Vec<JournalEntry>,
    pub has_more: bool,
}

const PAGE: u32 = 100;

fn local_bound(date: &str, field: &'static str, end: bool) -> Result<String> {
    let day = chrono::NaiveDate::parse_from_str(date.trim(), "%Y-%m-%d").map_err(|_| {
        crate::kernel::error::CoreError::invalid(field, "Date invalide (jj/mm/aaaa).")
    })?;
    let day = if end {
        day.succ_opt().unwrap_or(day)
    } else {
        day
    };
    let midnight = day.and_hms_opt(0, 0, 0).unwrap_or_default();
    let utc = crate::kernel::clock::local_to_utc(midnight);
    Ok(crate::kernel::clock::to_text(utc))
}

impl App {
    /// The journal, newest first, filtered (administrators).
    pub fn journal(&self, q: JournalQuery) -> Result<JournalPage> {
        let mut clauses = vec!["e.lead_id IS NULL".to_string()];
        let mut args: Vec<Value> = Vec::new();
        if let Some(kind) = q.kind.as_deref().filter(|k| !k.is_empty()) {
            let kind = validate::required_text("kind", "Type", kind, validate::MAX_SHORT_TEXT)?;
            clauses.push("e.kind = ?".into());
            args.push(Value::Text(kind));
        } else {
            clauses.push("e.kind LIKE 'audit.%'".into());
        }
        if let Some(user) = q.user_id {
            clauses.push("e.user_id = ?".into());
            args.push(Value::Integer(user));
        }
        if let Some(from) = q.from.as_deref().filter(|d| !d.is_empty()) {
            clauses.push("e.at >= ?".into());
            args.push(Value::Text(local_bound(from, "from", false)?));
        }
        if let Some(to) = q.to.as_deref().filter(|d| !d.is_empty()) {
            clauses.push("e.at < ?".into());
            args.push(Value::Text(local_bound(to, "to", true)?));
        }
        let limit = q.limit.unwrap_or(PAGE).clamp(1, 500);
        let offset = q.offset.unwrap_or(0);
        let sql = format!(
            "SELECT e.id, e.at, e.user_id, u.name, e.kind, e.text, e.data FROM events e
             LEFT JOIN users u ON u.id = e.user_id WHERE {} ORDER BY e.id DESC LIMIT {} OFFSET {offset}",
            clauses.join(" AND "),
            limit + 1
        );
        let conn = self.conn()?;
        let mut items = conn
            .prepare(&sql)?
            .query_map(params_from_iter(args.iter()), |r| {
                let data: Option<String> = r.get(6)?;
                Ok(JournalEntry {
                    id: r.get(0)?,
                    at: r.get(1)?,
                    user_id: r.get(2)?,
                    user: r.get(3)?,
                    kind: r.get(4)?,
                    text: r.get(5)?,
                    data: data.and_then(|d| serde_json::from_str(&d).ok()),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let has_more = items.len() > limit as usize;
        items.truncate(limit as usize);
        Ok(JournalPage { items, has_more })
    }
}
