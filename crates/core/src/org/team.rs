//! Administrators create and edit users, reset a password; the last administrator stays.

use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::org::audit;
use crate::org::auth::{check_password, hash_secret};
use crate::org::users::{self, Role, User};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct UserInput {
    /// None creates a user.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub name: String,
    pub email: String,
    pub role: Role,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub site_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    /// Required for a new user; ignored on an edit (see `user_password_reset`).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub password: Option<String>,
}

#[derive(Clone, Serialize, Deserialize, TS)]
pub struct PasswordReset {
    pub user_id: i64,
    pub password: String,
}

/// The validated fields of a user.
pub(crate) struct CleanUser {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

pub(crate) fn clean(input: &UserInput) -> Result<CleanUser> {
    Ok(CleanUser {
        name: validate::required_text("name", "Nom", &input.name, MAX_SHORT_TEXT)?,
        email: validate::email("email", &input.email)?,
        phone: validate::optional_phone("phone", input.phone.as_deref())?,
    })
}

/// Inserts a validated user with their password (set-up wizard, administrators, CLI).
pub(crate) fn insert_user(
    conn: &rusqlite::Connection,
    c: &CleanUser,
    role: Role,
    site_id: Option<i64>,
    password_hash: Option<&str>,
    now: &str,
) -> Result<i64> {
    let taken: Option<String> = conn
        .query_row("SELECT name FROM users WHERE email = ?1", [&c.email], |r| {
            r.get(0)
        })
        .optional()?;
    if let Some(name) = taken {
        return Err(CoreError::invalid(
            "email",
            format!("Cette adresse e-mail est déjà celle de {name}."),
        ));
    }
    if let Some(site) = site_id {
        if !crate::org::sites::exists(conn, site)? {
            return Err(CoreError::invalid("site_id", "Ce site n'existe pas."));
        }
    }
    conn.execute(
        "INSERT INTO users(name, email, role, site_id, phone, password_hash, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)",
        params![c.name, c.email, role.as_str(), site_id, c.phone, password_hash, now],
    )?;
    Ok(conn.last_insert_rowid())
}

impl App {
    /// Creates a user (with a password) or edits one (name, e-mail, role, site, phone).
    pub fn user_save(&self, input: UserInput) -> Result<User> {
        let c = clean(&input)?;
        let hash = match (input.id, input.password.as_deref()) {
            (None, Some(p)) => {
                check_password("password", p, &[&c.name, &c.email])?;
                Some(hash_secret(p)?)
            }
            (None, None) => {
                return Err(CoreError::invalid(
                    "password",
                    "Choisissez un mot de passe pour ce nouvel utilisateur.",
                ))
            }
            (Some(_), _) => None,
        };
        self.write(|tx, ctx| match input.id {
            None => {
                let id = insert_user(tx, &c, input.role, input.site_id, hash.as_deref(), &ctx.now_text)?;
                let user = users::get(tx, id)?;
                audit::record(tx, ctx, audit::kind::USER, &format!("Utilisateur créé : {} ({})", user.name, user.role.as_str()), None, Some(serde_json::to_value(&user).unwrap_or_default()))?;
                Ok(user)
            }
            Some(id) => {
                let before = users::get(tx, id)?;
                let taken: Option<String> = tx
                    .query_row("SELECT name FROM users WHERE email = ?1 AND id <> ?2", params![c.email, id], |r| r.get(0))
                    .optional()?;
                if let Some(name) = taken {
                    return Err(CoreError::invalid("email", format!("Cette adresse e-mail est déjà celle de {name}.")));
                }
                if before.role == Role::Administrateur && input.role != Role::Administrateur && users::other_admins(tx, id)? == 0 {
                    return Err(CoreError::invalid("role", "C'est le dernier administrateur : nommez-en un autre avant de changer son rôle."));
                }
                if let Some(site) = input.site_id {
                    if !crate::org::sites::exists(tx, site)? {
                        return Err(CoreError::invalid("site_id", "Ce site n'existe pas."));
                    }
                }
                tx.execute(
                    "UPDATE users SET name = ?2, email = ?3, role = ?4, site_id = ?5, phone = ?6, updated_at = ?7 WHERE id = ?1",
                    params![id, c.name, c.email, input.role.as_str(), input.site_id, c.phone, ctx.now_text],
                )?;
                let after = users::get(tx, id)?;
                audit::record_change(tx, ctx, audit::kind::USER, &format!("Utilisateur modifié : {}", after.name), &before, &after)?;
                Ok(after)
            }
        })
    }

    /// An administrator gives a user a new password; their open sessions end.
    pub fn user_password_reset(&self, input: PasswordReset) -> Result<User> {
        let conn = self.conn()?;
        let user = users::get(&conn, input.user_id)?;
        drop(conn);
        check_password("password", &input.password, &[&user.name, &user.email])?;
        let hash = hash_secret(&input.password)?;
        let user = self.write(|tx, ctx| {
            tx.execute(
                "UPDATE users SET password_hash = ?2, failed_logins = 0, retry_after = NULL, updated_at = ?3 WHERE id = ?1",
                params![user.id, hash, ctx.now_text],
            )?;
            audit::record(tx, ctx, audit::kind::PASSWORD, &format!("Mot de passe de {} réinitialisé", user.name), None, None)?;
            users::get(tx, user.id)
        })?;
        if Some(user.id) != self.actor() {
            self.sessions().close_user(user.id);
        }
        Ok(user)
    }
}

crate::kernel::redact::debug_redacted!(PasswordReset { user_id ; password });
crate::kernel::redact::debug_redacted!(UserInput { id, name, email, role, site_id, phone ; password });
