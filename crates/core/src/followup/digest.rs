//! The daily digest: once a day, at a configurable hour (Paris time, default 8:00), each active
//! user gets the summary of their to-do — in the app, and by e-mail where SMTP is configured;
//! not on the days their site is closed.

use crate::followup::tasks::TodoQuery;
use crate::kernel::app::{App, Empty};
use crate::kernel::error::Result;
use crate::kernel::settings;
use chrono::Timelike;
use rusqlite::params;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct DigestReport {
    pub users: u32,
}

impl App {
    /// Sends today's digests that are due and not sent yet.
    pub fn digest_run(&self, _: Empty) -> Result<DigestReport> {
        let now = self.now();
        let local = now.with_timezone(&chrono_tz::Europe::Paris);
        let conn = self.conn()?;
        let hour = settings::get(&conn, &settings::DIGEST_HOUR)?.min(23);
        if local.hour() < hour {
            return Ok(DigestReport::default());
        }
        let today = local.format("%Y-%m-%d").to_string();
        let users: Vec<(i64, String, String, Option<i64>)> = conn
            .prepare_cached("SELECT id, name, email, coalesce(site_id, (SELECT min(id) FROM sites)) FROM users WHERE active = 1 AND (absent_until IS NULL OR absent_until <= ?1) ORDER BY id")?
            .query_map([crate::kernel::clock::to_text(now)], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))?
            .collect::<rusqlite::Result<_>>()?;
        // No digest on the days the user's site is closed (Sunday, holiday, closing day).
        let mut open_today = std::collections::HashMap::new();
        for site in users.iter().filter_map(|u| u.3) {
            if let std::collections::hash_map::Entry::Vacant(e) = open_today.entry(site) {
                e.insert(crate::org::sites::schedule(&conn, site)?.is_open_day(local.date_naive()));
            }
        }
        drop(conn);
        let mut report = DigestReport::default();
        for (user, name, email, site) in users {
            if site.is_some_and(|s| open_today.get(&s) == Some(&false)) {
                continue;
            }
            let key = format!("digest:{user}");
            let conn = self.conn()?;
            if settings::get_json::<String>(&conn, &key)?.as_deref() == Some(today.as_str()) {
                continue;
            }
            drop(conn);
            let todo = self.todo(TodoQuery {
                user_id: Some(user),
                limit: Some(50),
                ..Default::default()
            })?;
            let text = format!(
                "Votre journée : {} chose(s) à faire, dont {} en retard",
                todo.items.len(),
                todo.overdue
            );
            let mut lines = vec![
                format!("Bonjour {name},"),
                String::new(),
                format!("{text}."),
            ];
            for item in todo.items.iter().take(20) {
                let when = crate::kernel::clock::parse(&item.due_at)
                    .map(|t| {
                        t.with_timezone(&chrono_tz::Europe::Paris)
                            .format("%d/%m %H:%M")
                            .to_string()
                    })
                    .unwrap_or_default();
                let what = match (&item.task, &item.deadline) {
                    (Some(t), _) => t.title.clone(),
                    (None, Some(d)) => format!("Échéance {} — {}", d.code, d.contact_name),
                    _ => continue,
                };
                lines.push(format!(
                    "{}{when}  {what}",
                    if item.overdue { "⚠ " } else { "  " }
                ));
            }
            let body = lines.join("\n");
            self.write(|tx, ctx| {
                tx.execute(
                    "INSERT INTO notifications(user_id, lead_id, at, kind, text) VALUES (?1, NULL, ?2, 'digest', ?3)",
                    params![user, ctx.now_text, text],
                )?;
                crate::notify::outbox::queue(tx, "digest", &email, &text, &body, None, &ctx.now_text)?;
                settings::set_json(tx, &key, &today)
            })?;
            report.users += 1;
        }
        Ok(report)
    }
}

#[cfg(test)]
mod tests {
    use crate::kernel::app::{App, Empty};
    use crate::kernel::clock::FixedClock;
    use chrono::{Duration, TimeZone, Utc};
    use std::sync::Arc;

    #[test]
    fn the_digest_goes_out_once_a_day_after_its_hour() {
        let dir = tempfile::tempdir().unwrap();
        let clock = Arc::new(FixedClock::new(
            Utc.with_ymd_and_hms(2026, 11, 24, 5, 0, 0).unwrap(),
        )); // 6:00 Paris
        let app = App::open_with_clock(&dir.path().join("c.db"), clock.clone()).unwrap();
        crate::dev::demo::seed(&app, 0, 1).unwrap();
        assert_eq!(app.digest_run(Empty {}).unwrap().users, 0, "before 8:00");
        clock.advance(Duration::hours(3));
        assert_eq!(app.digest_run(Empty {}).unwrap().users, 7);
        assert_eq!(app.digest_run(Empty {}).unwrap().users, 0, "once a day");
        clock.advance(Duration::hours(24));
        assert_eq!(app.digest_run(Empty {}).unwrap().users, 7);
        // Sunday 29 November: the sites are closed, no digest; Monday it comes again.
        clock.advance(Duration::days(4));
        assert_eq!(
            app.digest_run(Empty {}).unwrap().users,
            0,
            "closed on Sunday"
        );
        clock.advance(Duration::days(1));
        assert_eq!(app.digest_run(Empty {}).unwrap().users, 7);
    }
}
