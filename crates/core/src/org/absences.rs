//! Absences: a user away until a date, and who takes their leads meanwhile (their backup).
//! The escalation run hands the absent user's open leads to the backup.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::org::users::{self, User};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct AbsenceInput {
    pub user_id: i64,
    /// RFC 3339; null: present.
    pub absent_until: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub backup_user_id: Option<i64>,
}

impl App {
    pub fn user_set_absence(&self, input: AbsenceInput) -> Result<User> {
        let until = match input
            .absent_until
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(t) => Some(clock::to_text(clock::parse(t).ok_or_else(|| {
                CoreError::invalid("absent_until", "Date de retour invalide.")
            })?)),
            None => None,
        };
        self.write(|tx, _| {
            users::get(tx, input.user_id)?;
            if let Some(b) = input.backup_user_id {
                if b == input.user_id {
                    return Err(CoreError::invalid("backup_user_id", "Choisissez un autre utilisateur comme remplaçant."));
                }
                users::get(tx, b)?;
            }
            tx.execute(
                "UPDATE users SET absent_until = ?2, backup_user_id = coalesce(?3, backup_user_id) WHERE id = ?1",
                params![input.user_id, until, input.backup_user_id],
            )?;
            users::get(tx, input.user_id)
        })
    }
}
