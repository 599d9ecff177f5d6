//! The follow-up settings a manager tunes: escalation delay, digest hour, dedup window.

use crate::app::{App, Empty};
use crate::error::{CoreError, Result};
use crate::settings;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub(crate) const NOTIFY_MANAGERS: &str = "notify_managers";

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct FollowupSettings {
    /// Working hours after a missed deadline before the managers are alerted.
    pub escalation_delay_hours: u32,
    /// Hour (Paris) of the daily digest.
    pub digest_hour: u32,
    /// Days during which a new request from the same contact about the same vehicle is merged.
    pub dedup_days: u32,
    /// The site's managers are notified of every new lead, not only its owner.
    pub notify_managers: bool,
}

impl App {
    pub fn followup_settings(&self, _: Empty) -> Result<FollowupSettings> {
        let conn = self.conn()?;
        Ok(FollowupSettings {
            escalation_delay_hours: settings::get_json(&conn, "escalation_delay_hours")?
                .unwrap_or(4),
            digest_hour: settings::get_json(&conn, "digest_hour")?.unwrap_or(8),
            dedup_days: settings::get_json(&conn, "dedup_days")?.unwrap_or(30),
            notify_managers: settings::get_json(&conn, NOTIFY_MANAGERS)?.unwrap_or(false),
        })
    }

    pub fn followup_settings_set(&self, s: FollowupSettings) -> Result<FollowupSettings> {
        if s.escalation_delay_hours > 24 * 30 {
            return Err(CoreError::invalid(
                "escalation_delay_hours",
                "Délai d'escalade : 720 heures ouvrées au plus.",
            ));
        }
        if s.digest_hour > 23 {
            return Err(CoreError::invalid(
                "digest_hour",
                "Heure du récapitulatif : entre 0 et 23.",
            ));
        }
        if !(1..=365).contains(&s.dedup_days) {
            return Err(CoreError::invalid(
                "dedup_days",
                "Fusion des doublons : entre 1 et 365 jours.",
            ));
        }
        self.write(|tx, _| {
            settings::set_json(tx, "escalation_delay_hours", &s.escalation_delay_hours)?;
            settings::set_json(tx, "digest_hour", &s.digest_hour)?;
            settings::set_json(tx, "dedup_days", &s.dedup_days)?;
            settings::set_json(tx, NOTIFY_MANAGERS, &s.notify_managers)
        })?;
        self.followup_settings(Empty {})
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_round_trip_and_are_bounded() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&dir.path().join("c.db")).unwrap();
        assert_eq!(
            app.followup_settings(Empty {}).unwrap(),
            FollowupSettings {
                escalation_delay_hours: 4,
                digest_hour: 8,
                dedup_days: 30,
                notify_managers: false,
            }
        );
        let set = FollowupSettings {
            escalation_delay_hours: 2,
            digest_hour: 7,
            dedup_days: 10,
            notify_managers: true,
        };
        assert_eq!(app.followup_settings_set(set.clone()).unwrap(), set);
        let err = app
            .followup_settings_set(FollowupSettings {
                digest_hour: 24,
                ..set
            })
            .unwrap_err();
        assert_eq!(err.to_api().field.as_deref(), Some("digest_hour"));
    }
}

crate::lead::text_enum!(SlaMode { WorkingHours = "working_hours", NextWorkingDay = "next_working_day" });

/// Who receives the leads that match (empty criteria match anything): a user, or the present
/// sellers of a site in turn (`to_site_id`), or the lead's own site in turn when both are empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssignmentRule {
    pub kind: Option<crate::lead::LeadKind>,
    pub source: Option<String>,
    pub site_id: Option<i64>,
    pub user_id: Option<i64>,
    pub to_site_id: Option<i64>,
    pub active: bool,
}

/// The first-contact deadline of the leads that match (empty criteria match anything).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SlaRule {
    pub source: Option<String>,
    pub kind: Option<crate::lead::LeadKind>,
    pub site_id: Option<i64>,
    pub mode: SlaMode,
    /// Working hours (for working_hours).
    pub hours: u32,
}

/// Both rule lists, each tried in order: the first match wins.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RoutingRules {
    pub assignment: Vec<AssignmentRule>,
    pub sla: Vec<SlaRule>,
}

const MAX_RULES: usize = 100;

fn site_ok(conn: &rusqlite::Connection, id: Option<i64>, field: &'static str) -> Result<()> {
    match id {
        Some(id) if !crate::site::exists(conn, id)? => {
            Err(CoreError::invalid(field, "Ce site n'existe pas."))
        }
        _ => Ok(()),
    }
}

impl App {
    pub fn routing_rules(&self, _: Empty) -> Result<RoutingRules> {
        let conn = self.conn()?;
        let assignment = conn
            .prepare_cached("SELECT kind, source, site_id, user_id, to_site_id, active FROM assignment_rules ORDER BY position, id")?
            .query_map([], |r| {
                Ok(AssignmentRule {
                    kind: r.get(0)?,
                    source: r.get(1)?,
                    site_id: r.get(2)?,
                    user_id: r.get(3)?,
                    to_site_id: r.get(4)?,
                    active: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sla = conn
            .prepare_cached(
                "SELECT source, kind, site_id, mode, hours FROM sla_rules ORDER BY position, id",
            )?
            .query_map([], |r| {
                Ok(SlaRule {
                    source: r.get(0)?,
                    kind: r.get(1)?,
                    site_id: r.get(2)?,
                    mode: r.get(3)?,
                    hours: r.get(4)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(RoutingRules { assignment, sla })
    }

    /// Replaces both lists at once (managers only): all saved, or nothing.
    pub fn routing_rules_set(&self, rules: RoutingRules) -> Result<RoutingRules> {
        if rules.assignment.len() > MAX_RULES || rules.sla.len() > MAX_RULES {
            return Err(CoreError::invalid(
                "rules",
                format!("{MAX_RULES} règles au plus par liste."),
            ));
        }
        self.write(|tx, ctx| {
            if !ctx.actor_is_manager(tx)? {
                return Err(CoreError::Refused("Seul un responsable peut modifier les règles d'attribution et de délai.".into()));
            }
            tx.execute("DELETE FROM assignment_rules", [])?;
            for (position, r) in rules.assignment.iter().enumerate() {
                site_ok(tx, r.site_id, "site_id")?;
                site_ok(tx, r.to_site_id, "to_site_id")?;
                if let Some(user) = r.user_id {
                    let u = crate::user::get(tx, user).map_err(|_| CoreError::invalid("user_id", "Cet utilisateur n'existe pas."))?;
                    if !u.active {
                        return Err(CoreError::invalid("user_id", format!("{} n'est plus actif.", u.name)));
                    }
                }
                let source = crate::validate::optional_text("source", "Source", r.source.as_deref(), crate::validate::MAX_SHORT_TEXT)?;
                tx.execute(
                    "INSERT INTO assignment_rules(position, kind, source, site_id, user_id, to_site_id, active) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    rusqlite::params![position as i64 + 1, r.kind, source, r.site_id, r.user_id, r.to_site_id, r.active],
                )?;
            }
            tx.execute("DELETE FROM sla_rules", [])?;
            for (position, r) in rules.sla.iter().enumerate() {
                site_ok(tx, r.site_id, "site_id")?;
                if r.mode == SlaMode::WorkingHours && !(1..=2000).contains(&r.hours) {
                    return Err(CoreError::invalid("hours", "Délai : entre 1 et 2 000 heures ouvrées."));
                }
                let source = crate::validate::optional_text("source", "Source", r.source.as_deref(), crate::validate::MAX_SHORT_TEXT)?;
                tx.execute(
                    "INSERT INTO sla_rules(position, source, kind, site_id, mode, hours) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![position as i64 + 1, source, r.kind, r.site_id, r.mode, r.hours],
                )?;
            }
            Ok(())
        })?;
        self.routing_rules(Empty {})
    }
}

#[cfg(test)]
mod routing_tests {
    use super::*;
    use crate::lead::LeadKind;

    #[test]
    fn rules_replace_all_at_once_and_drive_assignment_and_deadlines() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&dir.path().join("c.db")).unwrap();
        crate::demo::seed(&app, 0, 1).unwrap();
        let meta = app.meta(Empty {}).unwrap();
        let elodie = meta
            .users
            .iter()
            .find(|u| u.name == "Élodie Faure")
            .unwrap()
            .id;
        let before = app.routing_rules(Empty {}).unwrap();
        assert_eq!(before.sla.len(), 3, "the default SLA rules");

        let rules = RoutingRules {
            assignment: vec![AssignmentRule {
                kind: Some(LeadKind::Vn),
                source: None,
                site_id: None,
                user_id: Some(elodie),
                to_site_id: None,
                active: true,
            }],
            sla: vec![SlaRule {
                source: None,
                kind: None,
                site_id: None,
                mode: SlaMode::WorkingHours,
                hours: 2,
            }],
        };
        assert_eq!(app.routing_rules_set(rules.clone()).unwrap(), rules);
        let body = r#"{"id": "r1", "last_name": "Roux", "phone": "0611223344", "kind": "VN"}"#;
        let code = app
            .ingest_webhook(body.as_bytes())
            .unwrap()
            .lead_code
            .unwrap();
        let lead = app.lead_get(crate::app::LeadRef { code }).unwrap().lead;
        assert_eq!(lead.owner_id, Some(elodie));

        // A bad rule saves nothing.
        let bad = RoutingRules {
            assignment: vec![],
            sla: vec![SlaRule {
                hours: 0,
                ..rules.sla[0].clone()
            }],
        };
        assert_eq!(
            app.routing_rules_set(bad)
                .unwrap_err()
                .to_api()
                .field
                .as_deref(),
            Some("hours")
        );
        assert_eq!(app.routing_rules(Empty {}).unwrap(), rules);
    }
}
