//! Users of the garage and their roles.

use crate::kernel::app::Ctx;
use crate::kernel::error::{CoreError, Result};
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

    /// The role as the French screens name it.
    pub fn label(self) -> &'static str {
        match self {
            Role::Hotesse => "hôtesse",
            Role::Vendeur => "vendeur",
            Role::ChefDesVentes => "chef des ventes",
            Role::ResponsableApv => "responsable après-vente",
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
        MANAGER_ROLES.contains(&self)
    }
}

/// The roles that manage: the one list the core, its SQL and the UI (through the generated
/// bindings) use.
pub const MANAGER_ROLES: &[Role] = &[
    Role::ChefDesVentes,
    Role::ResponsableApv,
    Role::Administrateur,
];

/// `role IN (…)` for the managers, to embed in SQL (the values are constants, not input).
pub fn manager_role_sql() -> String {
    let list: Vec<String> = MANAGER_ROLES
        .iter()
        .map(|r| format!("'{}'", r.as_str()))
        .collect();
    format!("role IN ({})", list.join(","))
}

/// The active managers of a site (and those of every site): id and e-mail.
pub fn site_managers(conn: &Connection, site_id: i64) -> Result<Vec<(i64, String)>> {
    let sql = format!(
        "SELECT id, email FROM users WHERE active = 1 AND {} AND (site_id IS NULL OR site_id = ?1) ORDER BY id",
        manager_role_sql()
    );
    let rows = conn
        .prepare_cached(&sql)?
        .query_map([site_id], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

/// Active administrators other than `except`.
pub fn other_admins(conn: &Connection, except: i64) -> Result<i64> {
    Ok(conn.query_row(
        "SELECT count(*) FROM users WHERE active = 1 AND role = 'administrateur' AND id <> ?1",
        [except],
        |r| r.get(0),
    )?)
}

/// The role of the acting user (None: the system account).
pub fn role_of(conn: &Connection, actor: Option<i64>) -> Result<Option<Role>> {
    match actor {
        Some(id) => Ok(Some(get(conn, id)?.role)),
        None => Ok(None),
    }
}

impl Ctx {
    /// Managers (and the system account) override the closing rule.
    pub fn actor_is_manager(&self, conn: &Connection) -> Result<bool> {
        Ok(match self.actor {
            Some(id) => get(conn, id)?.role.is_manager(),
            None => true,
        })
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
    pub phone: Option<String>,
    /// A password is set: the user can sign in.
    pub has_password: bool,
    pub has_pin: bool,
}

const COLUMNS: &str = "id, name, email, role, site_id, active, absent_until, backup_user_id, phone,
                       password_hash IS NOT NULL, pin_hash IS NOT NULL";

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
        phone: r.get(8)?,
        has_password: r.get(9)?,
        has_pin: r.get(10)?,
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
