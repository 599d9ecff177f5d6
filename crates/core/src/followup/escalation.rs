//! What happens when a deadline passes: the owner is alerted (during opening hours only), then,
//! if the lead is still untouched after a delay in working time, the site's managers are alerted
//! so that they can reassign it. Leads of absent users go to their backup.

use crate::kernel::app::{App, Empty};
use crate::kernel::clock;
use crate::kernel::error::Result;
use crate::kernel::settings;
use crate::leads::timeline::{self, kind};
use chrono::Duration;
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Leads handled per run: a backlog is worked through over the next runs.
const BATCH: u32 = 200;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct EscalationReport {
    pub owners_alerted: u32,
    pub managers_alerted: u32,
    pub reassigned: u32,
}

/// An open lead whose deadline has passed.
struct DueLead {
    lead_id: i64,
    code: String,
    name: String,
    site_id: i64,
    owner_id: Option<i64>,
    owner_email: Option<String>,
    owner_name: Option<String>,
    deadline: String,
    alerted: Option<String>,
}

fn notify(
    conn: &Connection,
    users: &[(i64, String)],
    lead_id: i64,
    text: &str,
    now: &str,
) -> Result<()> {
    for (user, email) in users {
        conn.execute(
            "INSERT INTO notifications(user_id, lead_id, at, kind, text) VALUES (?1, ?2, ?3, 'deadline', ?4)",
            params![user, lead_id, now, text],
        )?;
        crate::notify::outbox::queue(
            conn,
            "alert",
            email,
            text,
            &format!("{text}\n\nOuvrez Carnet pour traiter ce lead."),
            Some(lead_id),
            now,
        )?;
    }
    Ok(())
}

impl App {
    pub fn escalations_run(&self, _: Empty) -> Result<EscalationReport> {
        self.write(|tx, ctx| {
            let mut report = EscalationReport::default();
            let delay_hours: i64 = i64::from(settings::get(tx, &settings::ESCALATION_DELAY_HOURS)?).clamp(0, 24 * 30);
            let due: Vec<DueLead> = tx
                .prepare_cached(
                    "SELECT l.id, l.code, trim(c.first_name || ' ' || c.last_name), l.site_id, l.owner_id, u.email, u.name,
                            l.deadline_at, l.owner_alerted_at
                     FROM leads l JOIN contacts c ON c.id = l.contact_id LEFT JOIN users u ON u.id = l.owner_id
                     WHERE l.deadline_at <= ?1 AND l.status IN ('nouveau','a_traiter','en_cours')
                       AND l.deleted_at IS NULL
                       AND (l.owner_alerted_at IS NULL OR (l.escalated_at IS NULL AND l.contacted_at IS NULL))
                     ORDER BY l.deadline_at LIMIT ?2",
                )?
                .query_map(params![ctx.now_text, BATCH], |r| {
                    Ok(DueLead {
                        lead_id: r.get(0)?,
                        code: r.get(1)?,
                        name: r.get(2)?,
                        site_id: r.get(3)?,
                        owner_id: r.get(4)?,
                        owner_email: r.get(5)?,
                        owner_name: r.get(6)?,
                        deadline: r.get(7)?,
                        alerted: r.get(8)?,
                    })
                })?
                .collect::<rusqlite::Result<_>>()?;
            let mut schedules: std::collections::HashMap<i64, crate::org::business_hours::Schedule> = Default::default();
            for DueLead { lead_id, code, name, site_id, owner_id, owner_email, owner_name, deadline, alerted } in due {
                // One schedule per site, not one query per lead.
                let schedule = match schedules.entry(site_id) {
                    std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
                    std::collections::hash_map::Entry::Vacant(e) => e.insert(crate::org::sites::schedule(tx, site_id)?),
                };
                // Reminders wait for the site to open.
                if !schedule.is_open(ctx.now) {
                    continue;
                }
                if alerted.is_none() {
                    let text = format!("Échéance dépassée : {code} — {name}");
                    let recipients = match (owner_id, owner_email) {
                        (Some(id), Some(email)) => vec![(id, email)],
                        _ => crate::org::users::site_managers(tx, site_id)?,
                    };
                    notify(tx, &recipients, lead_id, &text, &ctx.now_text)?;
                    tx.execute("UPDATE leads SET owner_alerted_at = ?2 WHERE id = ?1", params![lead_id, ctx.now_text])?;
                    timeline::append(tx, lead_id, &ctx.now_text, None, kind::ALERT, &format!("Alerte : échéance dépassée ({})", owner_name.as_deref().unwrap_or("non assigné")), None)?;
                    report.owners_alerted += 1;
                    continue;
                }
                let Some(deadline) = clock::parse(&deadline) else { continue };
                if schedule.add_working(deadline, Duration::hours(delay_hours)) > ctx.now {
                    continue;
                }
                let text = format!("Lead en retard, toujours sans contact : {code} — {name} ({}) : réassignez-le si besoin", owner_name.as_deref().unwrap_or("non assigné"));
                notify(tx, &crate::org::users::site_managers(tx, site_id)?, lead_id, &text, &ctx.now_text)?;
                tx.execute("UPDATE leads SET escalated_at = ?2 WHERE id = ?1", params![lead_id, ctx.now_text])?;
                timeline::append(tx, lead_id, &ctx.now_text, None, kind::ALERT, "Escalade : le responsable des ventes est alerté", None)?;
                report.managers_alerted += 1;
            }
            report.reassigned = reassign_absent(tx, &ctx.now_text)?;
            Ok(report)
        })
    }
}

/// Open leads of absent users go to their present backup.
fn reassign_absent(conn: &Connection, now: &str) -> Result<u32> {
    let moves: Vec<(i64, i64, String, String)> = conn
        .prepare_cached(
            "SELECT l.id, b.id, u.name, b.name FROM leads l
             JOIN users u ON u.id = l.owner_id
             JOIN users b ON b.id = u.backup_user_id
             WHERE u.absent_until > ?1 AND l.status IN ('nouveau','a_traiter','en_cours')
               AND b.active = 1 AND (b.absent_until IS NULL OR b.absent_until <= ?1)
             LIMIT ?2",
        )?
        .query_map(params![now, BATCH], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (lead_id, backup, absent, backup_name) in &moves {
        conn.execute(
            "UPDATE leads SET owner_id = ?2 WHERE id = ?1",
            params![lead_id, backup],
        )?;
        timeline::append(
            conn,
            *lead_id,
            now,
            None,
            kind::ASSIGNED,
            &format!("Réassigné à {backup_name} (absence de {absent})"),
            None,
        )?;
        crate::notify::inapp::lead_owner(conn, *lead_id, now, "Lead reçu en remplacement")?;
    }
    Ok(moves.len() as u32)
}
