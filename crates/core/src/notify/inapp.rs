//! In-app notifications: a new lead for its owner (or the managers when nobody owns it yet).
//! The window shows them in its notification centre and as desktop notifications.

use crate::kernel::app::App;
use crate::kernel::error::Result;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Notification {
    pub id: i64,
    pub at: String,
    pub kind: String,
    pub text: String,
    pub lead_code: Option<String>,
    pub read: bool,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct NotificationQuery {
    /// Only the ones after this id (for polling).
    #[ts(optional = nullable)]
    pub after_id: Option<i64>,
    #[ts(optional)]
    pub limit: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NotificationList {
    pub items: Vec<Notification>,
    pub unread: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct MarkReadInput {
    /// None marks every notification of the current user as read.
    pub id: Option<i64>,
}

/// Notifies the lead's owner, or the site's managers when the lead has no owner.
pub(crate) fn lead_owner(conn: &Connection, lead_id: i64, at: &str, title: &str) -> Result<()> {
    let (code, name, source, owner, site): (String, String, String, Option<i64>, i64) = conn
        .query_row(
        "SELECT l.code, trim(c.first_name || ' ' || c.last_name), l.source, l.owner_id, l.site_id
         FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?1",
        [lead_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
    )?;
    let text = format!("{title} {code} : {name} ({source})");
    let managers: Vec<i64> = crate::org::users::site_managers(conn, site)?
        .into_iter()
        .map(|(id, _)| id)
        .collect();
    let copy_managers =
        crate::kernel::settings::get(conn, &crate::kernel::settings::NOTIFY_MANAGERS)?;
    // The owner; the managers when nobody owns the lead, or in copy when the garage wants it.
    let mut recipients: Vec<i64> = owner.into_iter().collect();
    if owner.is_none() || copy_managers {
        recipients.extend(managers.into_iter().filter(|m| Some(*m) != owner));
    }
    let mut insert = conn.prepare_cached("INSERT INTO notifications(user_id, lead_id, at, kind, text) VALUES (?1, ?2, ?3, 'lead', ?4)")?;
    for user in &recipients {
        insert.execute(params![user, lead_id, at, text])?;
    }
    // The alert e-mail, where SMTP is configured: text only, what the seller needs to call back.
    let body = alert_body(conn, lead_id)?;
    for user in recipients {
        let email: String =
            conn.query_row("SELECT email FROM users WHERE id = ?1", [user], |r| {
                r.get(0)
            })?;
        crate::notify::outbox::queue(conn, "alert", &email, &text, &body, Some(lead_id), at)?;
    }
    Ok(())
}

/// Notifies a lead's owner that it was assigned to them (in the app, then the desktop, and by
/// e-mail where SMTP is configured); nothing when they assigned it to themselves.
pub(crate) fn assignee(
    conn: &Connection,
    lead_id: i64,
    at: &str,
    actor: Option<i64>,
    title: &str,
) -> Result<()> {
    let (code, name, owner): (String, String, Option<i64>) = conn.query_row(
        "SELECT l.code, trim(c.first_name || ' ' || c.last_name), l.owner_id
         FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id = ?1",
        [lead_id],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    let Some(owner) = owner.filter(|o| Some(*o) != actor) else {
        return Ok(());
    };
    let text = format!("{title} : {code} — {name}");
    conn.prepare_cached("INSERT INTO notifications(user_id, lead_id, at, kind, text) VALUES (?1, ?2, ?3, 'lead', ?4)")?
        .execute(params![owner, lead_id, at, text])?;
    let email: String = conn.query_row("SELECT email FROM users WHERE id = ?1", [owner], |r| {
        r.get(0)
    })?;
    let body = alert_body(conn, lead_id)?;
    crate::notify::outbox::queue(conn, "alert", &email, &text, &body, Some(lead_id), at)?;
    Ok(())
}

/// One in-app notification for one user (a VO that matches their prospect's alert…).
pub(crate) fn user(
    conn: &Connection,
    user_id: i64,
    lead_id: Option<i64>,
    at: &str,
    kind: &str,
    text: &str,
) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO notifications(user_id, lead_id, at, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![user_id, lead_id, at, kind, text])?;
    Ok(())
}

fn alert_body(conn: &Connection, lead_id: i64) -> Result<String> {
    let lead = crate::leads::lead::get(conn, lead_id)?;
    let mut lines = vec![
        format!(
            "Lead {} — {} ({})",
            lead.code,
            lead.contact.display_name(),
            lead.source
        ),
        format!("Type : {}", lead.kind.as_str()),
    ];
    if let Some(p) = &lead.contact.phone {
        lines.push(format!("Téléphone : {p}"));
    }
    if let Some(e) = &lead.contact.email {
        lines.push(format!("E-mail : {e}"));
    }
    if let Some(v) = &lead.vehicle {
        lines.push(format!("Véhicule : {}", v.label()));
    }
    if let Some(d) = lead
        .deadline_at
        .as_deref()
        .and_then(crate::kernel::clock::parse)
    {
        lines.push(format!(
            "À recontacter avant le {}",
            d.with_timezone(&chrono_tz::Europe::Paris)
                .format("%d/%m/%Y à %H:%M")
        ));
    }
    if let Some(m) = &lead.message {
        lines.push(String::new());
        lines.push(m.chars().take(2000).collect());
    }
    lines.push(String::new());
    lines.push("Ouvrez Carnet pour traiter ce lead.".into());
    Ok(lines.join("\n"))
}

impl App {
    pub fn notifications(&self, q: NotificationQuery) -> Result<NotificationList> {
        let conn = self.conn()?;
        let Some(user) = self.actor() else {
            return Ok(NotificationList {
                items: Vec::new(),
                unread: 0,
            });
        };
        let mut stmt = conn.prepare_cached(
            "SELECT n.id, n.at, n.kind, n.text, l.code, n.read_at IS NOT NULL FROM notifications n
             LEFT JOIN leads l ON l.id = n.lead_id WHERE n.user_id = ?1 AND n.id > ?2 ORDER BY n.id DESC LIMIT ?3",
        )?;
        let items = stmt
            .query_map(
                params![
                    user,
                    q.after_id.unwrap_or(0),
                    q.limit.unwrap_or(50).min(500)
                ],
                |r| {
                    Ok(Notification {
                        id: r.get(0)?,
                        at: r.get(1)?,
                        kind: r.get(2)?,
                        text: r.get(3)?,
                        lead_code: r.get(4)?,
                        read: r.get(5)?,
                    })
                },
            )?
            .collect::<rusqlite::Result<_>>()?;
        let unread = conn.query_row(
            "SELECT count(*) FROM notifications WHERE user_id = ?1 AND read_at IS NULL",
            [user],
            |r| r.get(0),
        )?;
        Ok(NotificationList { items, unread })
    }

    pub fn notifications_mark_read(&self, input: MarkReadInput) -> Result<NotificationList> {
        self.write(|tx, ctx| {
            tx.execute(
                "UPDATE notifications SET read_at = ?1 WHERE user_id = ?2 AND read_at IS NULL AND (?3 IS NULL OR id = ?3)",
                params![ctx.now_text, ctx.actor, input.id],
            )?;
            Ok(())
        })?;
        self.notifications(NotificationQuery::default())
    }
}
