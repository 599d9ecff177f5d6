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
