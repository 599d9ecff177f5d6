//! The routing rules a manager edits: assignment rules and first-contact deadline (SLA) rules.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::routing::sla::{SlaMode, SlaRule};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Who receives the leads that match (empty criteria match anything): a user, or the present
/// sellers of a site in turn (`to_site_id`), or the manager of the stock vehicle the lead names
/// (`to_stock_manager`: the rule only matches such leads), or the lead's own site in turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct AssignmentRule {
    pub kind: Option<crate::leads::lead::LeadKind>,
    pub source: Option<String>,
    pub site_id: Option<i64>,
    pub user_id: Option<i64>,
    pub to_site_id: Option<i64>,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub to_stock_manager: bool,
    pub active: bool,
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
        Some(id) if !crate::org::sites::exists(conn, id)? => {
            Err(CoreError::invalid(field, "Ce site n'existe pas."))
        }
        _ => Ok(()),
    }
}

impl App {
    pub fn routing_rules(&self, _: Empty) -> Result<RoutingRules> {
        let conn = self.conn()?;
        let assignment = conn
            .prepare_cached("SELECT kind, source, site_id, user_id, to_site_id, active, to_stock_manager FROM assignment_rules ORDER BY position, id")?
            .query_map([], |r| {
                Ok(AssignmentRule {
                    kind: r.get(0)?,
                    source: r.get(1)?,
                    site_id: r.get(2)?,
                    user_id: r.get(3)?,
                    to_site_id: r.get(4)?,
                    active: r.get(5)?,
                    to_stock_manager: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        let sla = crate::routing::sla::load(&conn)?;
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
        let before = self.routing_rules(Empty {})?;
        self.write(|tx, ctx| {
            tx.execute("DELETE FROM assignment_rules", [])?;
            for (position, r) in rules.assignment.iter().enumerate() {
                site_ok(tx, r.site_id, "site_id")?;
                site_ok(tx, r.to_site_id, "to_site_id")?;
                if let Some(user) = r.user_id {
                    let u = crate::org::users::get(tx, user).map_err(|_| CoreError::invalid("user_id", "Cet utilisateur n'existe pas."))?;
                    if !u.active {
                        return Err(CoreError::invalid("user_id", format!("{} n'est plus actif.", u.name)));
                    }
                }
                let source = crate::kernel::validate::optional_text("source", "Source", r.source.as_deref(), crate::kernel::validate::MAX_SHORT_TEXT)?;
                tx.execute(
                    "INSERT INTO assignment_rules(position, kind, source, site_id, user_id, to_site_id, active, to_stock_manager) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    rusqlite::params![position as i64 + 1, r.kind, source, r.site_id, r.user_id, r.to_site_id, r.active, r.to_stock_manager],
                )?;
            }
            tx.execute("DELETE FROM sla_rules", [])?;
            for (position, r) in rules.sla.iter().enumerate() {
                site_ok(tx, r.site_id, "site_id")?;
                if r.mode == SlaMode::WorkingHours && !(1..=2000).contains(&r.hours) {
                    return Err(CoreError::invalid("hours", "Délai : entre 1 et 2 000 heures."));
                }
                let source = crate::kernel::validate::optional_text("source", "Source", r.source.as_deref(), crate::kernel::validate::MAX_SHORT_TEXT)?;
                tx.execute(
                    "INSERT INTO sla_rules(position, source, kind, site_id, mode, hours) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    rusqlite::params![position as i64 + 1, source, r.kind, r.site_id, r.mode, r.hours],
                )?;
            }
            let after = RoutingRules {
                assignment: rules.assignment.clone(),
                sla: crate::routing::sla::load(tx)?,
            };
            crate::org::audit::record_change(tx, ctx, crate::org::audit::kind::RULES, "Règles d'attribution et de délai modifiées", &before, &after)
        })?;
        self.routing_rules(Empty {})
    }
}

#[cfg(test)]
mod routing_tests {
    use super::*;
    use crate::leads::lead::LeadKind;

    #[test]
    fn rules_replace_all_at_once_and_drive_assignment_and_deadlines() {
        let dir = tempfile::tempdir().unwrap();
        let app = App::open(&dir.path().join("c.db")).unwrap();
        crate::dev::demo::seed(&app, 0, 1).unwrap();
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
                to_stock_manager: false,
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
        let lead = app
            .lead_get(crate::leads::commands::LeadRef { code })
            .unwrap()
            .lead;
        assert_eq!(lead.owner_id, Some(elodie));
        // The 2-hour rule, not the 24-hour default, gave the deadline.
        let conn = app.conn().unwrap();
        let schedule = crate::org::sites::schedule(&conn, lead.site_id).unwrap();
        let created = crate::kernel::clock::parse(&lead.created_at).unwrap();
        let due = |hours| {
            let at = schedule.add_hours_on_open_days(created, chrono::Duration::hours(hours));
            Some(crate::kernel::clock::to_text(at))
        };
        assert_eq!(lead.deadline_at, due(2));
        assert_ne!(lead.deadline_at, due(24));

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
