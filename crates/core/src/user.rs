//! Users of the garage and their roles.

use crate::error::{CoreError, Result};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Hotesse,
    Vendeur,
    ChefDesVentes,
    ResponsableApv,
    Administrateur,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Hotesse => "hotesse",
            Role::Vendeur => "vendeur",
            Role::ChefDesVentes => "chef_des_ventes",
            Role::ResponsableApv => "responsable_apv",
            Role::Administrateur => "administrateur",
        }
    }

    pub fn parse(s: &str) -> Option<Role> {
        [
            Role::Hotesse,
            Role::Vendeur,
            Role::ChefDesVentes,
            Role::ResponsableApv,
            Role::Administrateur,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }

    /// Managers may override closing rules and reassign anybody's leads.
    pub fn is_manager(self) -> bool {
        matches!(
            self,
            Role::ChefDesVentes | Role::ResponsableApv | Role::Administrateur
        )
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct User {
    pub id: i64,
    pub name: String,
    pub email: String,
    pub role: Role,
    pub site_id: Option<i64>,
    pub active: bool,
    /// Absent until this instant (RFC 3339); their new leads and open leads go to the backup.
    pub absent_until: Option<String>,
    pub backup_user_id: Option<i64>,
}

const COLUMNS: &str = "id, name, email, role, site_id, active, absent_until, backup_user_id";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<User> {
    let role: String = r.get(3)?;
    Ok(User {
        id: r.get(0)?,
        name: r.get(1)?,
        email: r.get(2)?,
        role: Role::parse(&role).unwrap_or(Role::Vendeur),
        site_id: r.get(4)?,
        active: r.get(5)?,
        absent_until: r.get(6)?,
        backup_user_id: r.get(7)?,
    })
}

pub fn list(conn: &Connection) -> Result<Vec<User>> {
    let mut stmt = conn.prepare_cached(&format!("SELECT {COLUMNS} FROM users ORDER BY name"))?;
    let rows = stmt.query_map([], from_row)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn get(conn: &Connection, id: i64) -> Result<User> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM users WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound {
        what: "Utilisateur",
    })
}

pub fn insert(
    conn: &Connection,
    name: &str,
    email: &str,
    role: Role,
    site_id: Option<i64>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO users(name, email, role, site_id, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?5)",
        params![name, email, role.as_str(), site_id, now],
    )?;
    Ok(conn.last_insert_rowid())
}
