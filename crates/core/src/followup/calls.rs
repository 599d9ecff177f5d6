//! Calls and the attempts rule. A call of more than 15 s (answered, or a message left) is the first
//! contact that manufacturers validate; a call that does not reach the prospect is a failed
//! attempt. Three failed attempts at different times within 48 h (counted on the days the site
//! is open: "une période de travail de 48 heures", seed 004), or a wrong number,
//! send the prospect the "tentatives infructueuses" e-mail. A lead cannot be closed as lost before
//! that rule is met, unless a manager overrides it.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate;
use crate::leads::closing::ATTEMPTS_FOR_MAIL;
use crate::leads::lead::{self, Lead};
use crate::leads::timeline::{self, kind};
use crate::notify::prospect;
use chrono::{DateTime, Duration, Utc};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Manufacturers validate a call lasting more than this ("au-delà de 15 s", seed 004: time to
/// leave a message).
pub const CONTACT_SECONDS: u32 = 15;
/// Attempts closer than this count as one (a redial is not another time of day).
const DISTINCT_ATTEMPT_GAP: i64 = 60;
/// The three attempts must fit in this many hours, counted on the days the site is open.
const ATTEMPTS_WINDOW_HOURS: i64 = 48;

crate::kernel::text_enum!(CallOutcome { Joint = "joint", Messagerie = "messagerie", PasDeReponse = "pas_de_reponse", FauxNumero = "faux_numero" });

impl CallOutcome {
    pub fn label(self) -> &'static str {
        match self {
            CallOutcome::Joint => "joint",
            CallOutcome::Messagerie => "messagerie",
            CallOutcome::PasDeReponse => "pas de réponse",
            CallOutcome::FauxNumero => "faux numéro",
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CallInput {
    pub lead_id: i64,
    pub outcome: CallOutcome,
    pub duration_s: u32,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CallResult {
    pub lead: Lead,
    /// The call stopped the first-contact clock.
    pub counted_as_contact: bool,
    /// Failed attempts counted toward the rule since the last real contact.
    pub failed_attempts: u32,
    pub prospect_mail_queued: bool,
    /// French summary for the user.
    pub message: String,
}

fn duration_text(seconds: u32) -> String {
    if seconds >= 60 {
        format!("{} min {:02}", seconds / 60, seconds % 60)
    } else {
        format!("{seconds} s")
    }
}

impl App {
    pub fn lead_log_call(&self, input: CallInput) -> Result<CallResult> {
        let note = validate::optional_text(
            "note",
            "Note",
            input.note.as_deref(),
            validate::MAX_LONG_TEXT,
        )?;
        if input.duration_s > 6 * 3600 {
            return Err(CoreError::invalid("duration_s", "Durée d'appel invalide."));
        }
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let counted = input.duration_s > CONTACT_SECONDS && matches!(input.outcome, CallOutcome::Joint | CallOutcome::Messagerie);
            let reached = counted && input.outcome == CallOutcome::Joint;
            let mut text = format!("Appel — {} ({})", input.outcome.label(), duration_text(input.duration_s));
            if let Some(n) = &note {
                text.push_str(" : ");
                text.push_str(n);
            }
            let data = serde_json::json!({"outcome": input.outcome, "duration_s": input.duration_s, "counted": counted});
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, kind::CALL, &text, Some(&data))?;
            if counted {
                lead::mark_contacted(tx, &lead, &ctx.now_text)?;
            }
            let mut mail = false;
            if reached {
                tx.execute("UPDATE leads SET failed_attempts = 0, first_failed_at = NULL, last_failed_at = NULL WHERE id = ?1", [lead.id])?;
            } else {
                mail = self.count_failed_attempt(tx, &lead, ctx.now, &ctx.now_text, input.outcome == CallOutcome::FauxNumero)?;
            }
            let lead = lead::get(tx, lead.id)?;
            let failed: u32 = tx.query_row("SELECT failed_attempts FROM leads WHERE id = ?1", [lead.id], |r| r.get(0))?;
            let message = match (counted, mail) {
                (_, true) => "Appel enregistré. Le client recevra l'e-mail « tentatives infructueuses ».".to_string(),
                (true, false) if reached => "Appel enregistré : contact pris.".to_string(),
                (true, false) => "Message laissé : le premier contact est validé. Tentative sans réponse enregistrée.".to_string(),
                (false, false) => format!("Tentative enregistrée ({failed} sur {ATTEMPTS_FOR_MAIL})."),
            };
            Ok(CallResult { lead, counted_as_contact: counted, failed_attempts: failed, prospect_mail_queued: mail, message })
        })
    }

    /// Counts a failed attempt (redials within an hour count once; the window restarts after
    /// 48 h on open days) and queues the prospect's e-mail when the rule is met. Returns whether it was queued.
    fn count_failed_attempt(
        &self,
        tx: &Connection,
        lead: &Lead,
        now: DateTime<Utc>,
        now_text: &str,
        wrong_number: bool,
    ) -> Result<bool> {
        let (failed, first, last, mailed): (i64, Option<String>, Option<String>, Option<String>) = tx.query_row(
            "SELECT failed_attempts, first_failed_at, last_failed_at, unreachable_mail_at FROM leads WHERE id = ?1",
            [lead.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let schedule = crate::org::sites::schedule(tx, lead.site_id)?;
        let since_first = first
            .as_deref()
            .and_then(clock::parse)
            .map(|f| schedule.hours_on_open_days_between(f, now));
        let redial = last
            .as_deref()
            .and_then(clock::parse)
            .is_some_and(|l| now - l < Duration::minutes(DISTINCT_ATTEMPT_GAP));
        let (failed, first) = match since_first {
            Some(w) if w <= Duration::hours(ATTEMPTS_WINDOW_HOURS) => (
                if redial { failed } else { failed + 1 },
                first.unwrap_or_default(),
            ),
            _ => (1, now_text.to_string()),
        };
        tx.execute(
            "UPDATE leads SET failed_attempts = ?2, first_failed_at = ?3, last_failed_at = ?4 WHERE id = ?1",
            params![lead.id, failed, first, now_text],
        )?;
        let due = wrong_number || failed >= ATTEMPTS_FOR_MAIL;
        if !due || mailed.is_some() {
            return Ok(false);
        }
        let queued = prospect::send_unreachable(tx, lead, wrong_number, now_text)?;
        Ok(queued)
    }
}
