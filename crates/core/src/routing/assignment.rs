//! Who gets a new lead: the first matching assignment rule (a user, a site whose sellers take
//! turns, or the manager of the stock vehicle the lead names), else the lead's site in round-robin. Absent or inactive users are skipped (their backup
//! takes the lead when present). No one available: the lead stays unassigned for a manager.

use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use crate::org::users::Role;
use rusqlite::{params, Connection, OptionalExtension};

#[derive(Debug, Clone, PartialEq)]
pub struct Assignment {
    pub site_id: i64,
    pub owner_id: Option<i64>,
}

/// Decides the site and owner of a new lead; updates the round-robin state (call inside the creating transaction).
pub fn choose(
    conn: &Connection,
    kind: LeadKind,
    source: &str,
    site_id: i64,
    stock_manager: Option<i64>,
    now: &str,
) -> Result<Assignment> {
    let rule: Option<(Option<i64>, Option<i64>, bool)> = conn
        .query_row(
            "SELECT user_id, to_site_id, to_stock_manager FROM assignment_rules
             WHERE active = 1 AND (kind IS NULL OR kind = ?1) AND (source IS NULL OR source = ?2) AND (site_id IS NULL OR site_id = ?3)
               AND (to_stock_manager = 0 OR ?4 IS NOT NULL)
             ORDER BY position LIMIT 1",
            params![kind.as_str(), source, site_id, stock_manager],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .optional()?;
    let (fixed_user, target_site, to_manager) = rule.unwrap_or((None, None, false));
    let fixed_user = if to_manager {
        stock_manager
    } else {
        fixed_user
    };
    let site_id = target_site.unwrap_or(site_id);
    if let Some(user) = fixed_user {
        if let Some(owner) = available(conn, user, now)? {
            return Ok(Assignment {
                site_id,
                owner_id: Some(owner),
            });
        }
    }
    Ok(Assignment {
        site_id,
        owner_id: round_robin(conn, site_id, kind, now)?,
    })
}

/// The user if present, else their backup if present.
fn available(conn: &Connection, user_id: i64, now: &str) -> Result<Option<i64>> {
    let present = "SELECT id FROM users WHERE id = ?1 AND active = 1 AND (absent_until IS NULL OR absent_until <= ?2)";
    if let Some(id) = conn
        .query_row(present, params![user_id, now], |r| r.get(0))
        .optional()?
    {
        return Ok(Some(id));
    }
    let backup: Option<i64> = conn
        .query_row(
            "SELECT backup_user_id FROM users WHERE id = ?1",
            [user_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    match backup {
        Some(b) => Ok(conn
            .query_row(present, params![b, now], |r| r.get(0))
            .optional()?),
        None => Ok(None),
    }
}

/// Next present user of the site's pool for this kind of lead, after the last one served.
fn round_robin(conn: &Connection, site_id: i64, kind: LeadKind, now: &str) -> Result<Option<i64>> {
    let roles: &[Role] = match kind {
        LeadKind::Apv => &[Role::ResponsableApv],
        LeadKind::Rh => &[Role::Administrateur],
        _ => &[Role::Vendeur],
    };
    let pool = format!("{site_id}:{}", kind.as_str());
    let role_list = roles
        .iter()
        .map(|r| format!("'{}'", r.as_str()))
        .collect::<Vec<_>>()
        .join(",");
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id FROM users WHERE site_id = ?1 AND active = 1 AND role IN ({role_list})
           AND (absent_until IS NULL OR absent_until <= ?2) ORDER BY id"
    ))?;
    let users: Vec<i64> = stmt
        .query_map(params![site_id, now], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if users.is_empty() {
        return Ok(None);
    }
    let last: Option<i64> = conn
        .query_row(
            "SELECT last_user_id FROM round_robin WHERE pool = ?1",
            [&pool],
            |r| r.get(0),
        )
        .optional()?;
    let next = match last {
        Some(last) => users
            .iter()
            .copied()
            .find(|u| *u > last)
            .unwrap_or(users[0]),
        None => users[0],
    };
    conn.execute(
        "INSERT INTO round_robin(pool, last_user_id) VALUES (?1, ?2) ON CONFLICT(pool) DO UPDATE SET last_user_id = excluded.last_user_id",
        params![pool, next],
    )?;
    Ok(Some(next))
}
