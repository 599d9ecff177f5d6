//! The follow-up settings a manager tunes: escalation delay, digest hour, dedup window.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{
    self, DEDUP_DAYS, DIGEST_HOUR, ESCALATION_DELAY_HOURS, NOTIFY_MANAGERS,
};
use crate::org::audit;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

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
            escalation_delay_hours: settings::get(&conn, &ESCALATION_DELAY_HOURS)?,
            digest_hour: settings::get(&conn, &DIGEST_HOUR)?,
            dedup_days: settings::get(&conn, &DEDUP_DAYS)?,
            notify_managers: settings::get(&conn, &NOTIFY_MANAGERS)?,
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
        let before = self.followup_settings(Empty {})?;
        self.write(|tx, ctx| {
            settings::set(tx, &ESCALATION_DELAY_HOURS, &s.escalation_delay_hours)?;
            settings::set(tx, &DIGEST_HOUR, &s.digest_hour)?;
            settings::set(tx, &DEDUP_DAYS, &s.dedup_days)?;
            settings::set(tx, &NOTIFY_MANAGERS, &s.notify_managers)?;
            audit::record_change(
                tx,
                ctx,
                audit::kind::SETTINGS,
                "Réglages du suivi modifiés",
                &before,
                &s,
            )
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
                notify_managers: true,
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
