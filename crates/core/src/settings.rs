//! Settings stored as JSON values in the `settings` table (never secrets: those go to the keyring).

use crate::error::{CoreError, Result};
use rusqlite::{Connection, OptionalExtension};

/// The value under `key`, or None when absent or unreadable (an old format is not an error).
pub fn get_json<T: serde::de::DeserializeOwned>(conn: &Connection, key: &str) -> Result<Option<T>> {
    let v: Option<String> = conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?;
    Ok(v.and_then(|v| serde_json::from_str(&v).ok()))
}

pub fn set_json<T: serde::Serialize>(conn: &Connection, key: &str, value: &T) -> Result<()> {
    let text = serde_json::to_string(value).map_err(|e| CoreError::BadArguments(e.to_string()))?;
    conn.execute(
        "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        rusqlite::params![key, text],
    )?;
    Ok(())
}
