//! A user leaves: their open leads and tasks are handed to someone, so that no lead is orphaned.

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::timeline::{self, kind};
use crate::org::audit;
use crate::org::users::{self, User};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeactivateInput {
    pub user_id: i64,
    /// Who takes the user's open leads and tasks (required when there are some).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reassign_to: Option<i64>,
}

impl App {
    /// A user leaves: never deleted (the history keeps their name), made inactive, and their open
    /// leads and tasks handed to someone, so that no lead is left without an owner.
    pub fn user_deactivate(&self, input: DeactivateInput) -> Result<User> {
        let user = self.write(|tx, ctx| {
            let leaving = users::get(tx, input.user_id)?;
            if Some(leaving.id) == ctx.actor {
                return Err(CoreError::invalid("user_id", "Vous ne pouvez pas désactiver votre propre compte : demandez à un autre administrateur."));
            }
            if leaving.role == users::Role::Administrateur && users::other_admins(tx, leaving.id)? == 0 {
                return Err(CoreError::invalid("user_id", "C'est le dernier administrateur actif : nommez-en un autre avant de le désactiver."));
            }
            let open: i64 = tx.query_row(
                "SELECT (SELECT count(*) FROM leads WHERE owner_id = ?1 AND status IN ('nouveau','a_traiter','en_cours'))
                      + (SELECT count(*) FROM tasks WHERE assignee_id = ?1 AND done_at IS NULL)",
                [leaving.id],
                |r| r.get(0),
            )?;
            let heir = match input.reassign_to {
                Some(id) if id == leaving.id => return Err(CoreError::invalid("reassign_to", "Choisissez une autre personne.")),
                Some(id) => Some(users::get(tx, id)?),
                None => None,
            };
            if open > 0 && heir.is_none() {
                return Err(CoreError::invalid(
                    "reassign_to",
                    format!("{} a {open} lead(s) ou tâche(s) en cours : choisissez à qui les confier.", leaving.name),
                ));
            }
            if let Some(heir) = &heir {
                if !heir.active {
                    return Err(CoreError::invalid("reassign_to", format!("{} n'est plus actif.", heir.name)));
                }
                let leads: Vec<i64> = tx
                    .prepare("SELECT id FROM leads WHERE owner_id = ?1 AND status IN ('nouveau','a_traiter','en_cours')")?
                    .query_map([leaving.id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?;
                for lead_id in leads {
                    tx.execute("UPDATE leads SET owner_id = ?2 WHERE id = ?1", params![lead_id, heir.id])?;
                    let text = format!("Réassigné à {} ({} quitte l'équipe)", heir.name, leaving.name);
                    timeline::append(tx, lead_id, &ctx.now_text, ctx.actor, kind::ASSIGNED, &text, None)?;
                }
                tx.execute("UPDATE tasks SET assignee_id = ?2 WHERE assignee_id = ?1 AND done_at IS NULL", params![leaving.id, heir.id])?;
            }
            tx.execute("UPDATE users SET active = 0, updated_at = ?2 WHERE id = ?1", params![leaving.id, ctx.now_text])?;
            let heir_name = heir.as_ref().map(|h| h.name.as_str()).unwrap_or("personne");
            audit::record(tx, ctx, audit::kind::USER, &format!("{} désactivé ; leads et tâches confiés à {heir_name}", leaving.name), Some(serde_json::json!({"active": true})), Some(serde_json::json!({"active": false})))?;
            users::get(tx, leaving.id)
        })?;
        self.sessions().close_user(user.id);
        Ok(user)
    }
}
