//! Closing a lead: the close reasons, and the rule that a lead is not closed as perdu before
//! it was reached or the attempts rule was met (seed 004), unless a manager overrides it.

use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::LeadStatus;
use rusqlite::{Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Failed call attempts after which the prospect gets the "tentatives infructueuses" e-mail
/// and the lead may be closed as perdu.
pub const ATTEMPTS_FOR_MAIL: i64 = 3;
/// A duplicate or a mistake may be closed at once.
pub const DUPLICATE_REASON: &str = "Doublon / erreur";

/// Where a lead stands with the attempts rule.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Attempts {
    pub calls: u32,
    pub failed_attempts: u32,
    /// Lost may be chosen: contact made, or the attempts rule met.
    pub may_close_lost: bool,
}

pub(crate) fn attempts(conn: &Connection, lead_id: i64) -> Result<Attempts> {
    conn.query_row(
        "SELECT (SELECT count(*) FROM events WHERE lead_id = l.id AND kind = 'call'),
                l.failed_attempts,
                l.unreachable_mail_at IS NOT NULL
                OR EXISTS(SELECT 1 FROM events WHERE lead_id = l.id AND kind = 'contact_made')
                OR EXISTS(SELECT 1 FROM events WHERE lead_id = l.id AND kind = 'call' AND json_extract(data, '$.outcome') = 'joint'
                          AND json_extract(data, '$.counted'))
         FROM leads l WHERE l.id = ?1",
        [lead_id],
        |r| {
            let failed: u32 = r.get(1)?;
            Ok(Attempts { calls: r.get(0)?, failed_attempts: failed, may_close_lost: r.get::<_, bool>(2)? || i64::from(failed) >= ATTEMPTS_FOR_MAIL })
        },
    )
    .map_err(Into::into)
}

/// Whether the acting user may close the lead as perdu with `reason`; the French refusal if not.
pub fn check_lost(
    conn: &Connection,
    lead_id: i64,
    reason: Option<&str>,
    manager_override: bool,
) -> Result<()> {
    let rule = attempts(conn, lead_id)?;
    if reason == Some(DUPLICATE_REASON) || rule.may_close_lost || manager_override {
        return Ok(());
    }
    Err(CoreError::Refused(format!(
        "Ce lead ne peut pas encore être classé perdu : il faut un contact, ou {ATTEMPTS_FOR_MAIL} tentatives d'appel à des moments différents ({} pour l'instant). Un responsable peut forcer la clôture.",
        rule.failed_attempts
    )))
}

/// The label of a close reason, given by label or code; won leads default to "Commande signée".
pub fn close_reason(
    conn: &rusqlite::Connection,
    status: LeadStatus,
    given: Option<&str>,
) -> Result<String> {
    let given = given.map(str::trim).filter(|s| !s.is_empty());
    let Some(given) = given else {
        return match status {
            LeadStatus::Perdu => Err(CoreError::invalid(
                "reason",
                "Indiquez pourquoi le lead est perdu (achat concurrent, projet reporté…).",
            )),
            _ => Ok(conn.query_row(
                "SELECT label FROM close_reasons WHERE status = 'gagne' ORDER BY position LIMIT 1",
                [],
                |r| r.get(0),
            )?),
        };
    };
    conn.query_row(
        "SELECT label FROM close_reasons WHERE status = ?1 AND (label = ?2 OR code = ?2)",
        rusqlite::params![status, given],
        |r| r.get(0),
    )
    .optional()?
    .ok_or_else(|| {
        CoreError::invalid(
            "reason",
            format!("Motif inconnu : « {given} ». Choisissez un motif de la liste."),
        )
    })
}
