//! Settings stored as JSON values in the `settings` table (never secrets: those go to the keyring).
//! Each setting is declared once, with its key and default: the simple ones here, the
//! configurations whose type belongs to a capability next to that type.

use crate::kernel::error::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// A setting: its key in the `settings` table and the value used while none is stored.
pub struct Setting<T: 'static> {
    pub key: &'static str,
    pub default: T,
}

impl<T> Setting<T> {
    pub const fn new(key: &'static str, default: T) -> Self {
        Setting { key, default }
    }
}

/// Working hours after a missed deadline before the managers are alerted.
pub const ESCALATION_DELAY_HOURS: Setting<u32> = Setting::new("escalation_delay_hours", 4);
/// Hour (Paris) of the daily digest.
pub const DIGEST_HOUR: Setting<u32> = Setting::new("digest_hour", 8);
/// Days during which a new request from the same contact about the same vehicle is merged.
pub const DEDUP_DAYS: Setting<u32> = Setting::new("dedup_days", 30);
/// The site's managers are notified of every new lead, not only its owner (seed 003 sends the
/// alert to "chef des ventes et vendeurs": on unless the garage turns it off).
pub const NOTIFY_MANAGERS: Setting<bool> = Setting::new("notify_managers", true);

/// A short PIN may sign in instead of the password (a shared showroom PC).
pub const PIN_ALLOWED: Setting<bool> = Setting::new("pin_allowed", false);
/// Minutes without activity after which a session locks (0: never).
pub const IDLE_LOCK_MINUTES: Setting<u32> = Setting::new("idle_lock_minutes", 15);
/// On a demo database, the demo users' password, shown on the sign-in screen.
pub const DEMO_PASSWORD: Setting<Option<String>> = Setting::new("demo_password", None);

/// The stored value of `setting`, or its default when absent or unreadable (an old format is
/// not an error).
pub fn get<T: DeserializeOwned + Clone>(conn: &Connection, setting: &Setting<T>) -> Result<T> {
    Ok(get_json(conn, setting.key)?.unwrap_or_else(|| setting.default.clone()))
}

pub fn set<T: Serialize>(conn: &Connection, setting: &Setting<T>, value: &T) -> Result<()> {
    set_json(conn, setting.key, value)
}

/// The value under a key built at run time (one per user, per site…), or None.
pub fn get_json<T: DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()))
}

pub fn set_json<T: Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| CoreError::BadArguments(e.to_string()))?;
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, text],
    )?;
    Ok(())
}
