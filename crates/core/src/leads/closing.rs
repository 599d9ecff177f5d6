//! Closing a lead: the close reasons, and the rule that a lead is not closed as perdu before
//! it was reached or the attempts rule was met (seed 004), unless a manager overrides it.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::lead::LeadStatus;
use crate::org::audit;
use rusqlite::{params, Connection, OptionalExtension};
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
                "SELECT label FROM close_reasons WHERE status = 'gagne' ORDER BY active DESC, position LIMIT 1",
                [],
                |r| r.get(0),
            )?),
        };
    };
    conn.query_row(
        "SELECT label FROM close_reasons WHERE status = ?1 AND active = 1 AND (label = ?2 OR code = ?2)",
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

/// A close reason as the settings show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct CloseReason {
    pub code: String,
    pub status: LeadStatus,
    pub label: String,
    pub active: bool,
    /// Leads closed with it: it can be retired, not deleted or renamed.
    pub in_use: u32,
    /// Part of a rule (the duplicate reason closes at once): it stays.
    pub required: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CloseReasonEdit {
    /// None adds a reason.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub code: Option<String>,
    pub status: LeadStatus,
    pub label: String,
    pub active: bool,
}

/// Every reason, in the order of each list; a reason left out is deleted (if never used).
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CloseReasonsInput {
    pub reasons: Vec<CloseReasonEdit>,
}

const DUPLICATE_CODE: &str = "doublon";

fn all_reasons(conn: &Connection) -> Result<Vec<CloseReason>> {
    Ok(conn
        .prepare_cached(
            "SELECT r.code, r.status, r.label, r.active,
                    (SELECT count(*) FROM leads l WHERE l.close_reason = r.label AND l.status = r.status)
             FROM close_reasons r ORDER BY r.status DESC, r.position",
        )?
        .query_map([], |r| {
            let code: String = r.get(0)?;
            Ok(CloseReason {
                required: code == DUPLICATE_CODE,
                code,
                status: r.get(1)?,
                label: r.get(2)?,
                active: r.get(3)?,
                in_use: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?)
}

/// A code for a new reason from its label: lower-case ASCII words joined by `_`.
fn code_from(label: &str, taken: &[String]) -> String {
    let base: String = validate::ascii_slug(label).chars().take(40).collect();
    let base = if base.is_empty() {
        "motif".to_string()
    } else {
        base
    };
    let mut code = base.clone();
    let mut n = 2;
    while taken.contains(&code) {
        code = format!("{base}_{n}");
        n += 1;
    }
    code
}

impl App {
    pub fn close_reasons(&self, _: Empty) -> Result<Vec<CloseReason>> {
        all_reasons(&*self.conn()?)
    }

    /// Replaces the lists (administrators): all saved, or nothing.
    pub fn close_reasons_set(&self, input: CloseReasonsInput) -> Result<Vec<CloseReason>> {
        if input.reasons.len() > 100 {
            return Err(CoreError::invalid("reasons", "100 motifs au plus."));
        }
        self.write(|tx, ctx| {
            let before = all_reasons(tx)?;
            let mut taken: Vec<String> = before.iter().map(|r| r.code.clone()).collect();
            let mut kept = Vec::new();
            let mut positions = std::collections::HashMap::new();
            for edit in &input.reasons {
                if !matches!(edit.status, LeadStatus::Gagne | LeadStatus::Perdu) {
                    return Err(CoreError::invalid("status", "Un motif de clôture est « gagné » ou « perdu »."));
                }
                let label = validate::required_text("label", "Libellé", &edit.label, MAX_SHORT_TEXT)?;
                let position: &mut i64 = positions.entry(edit.status.as_str()).or_insert(0);
                *position += 1;
                match edit.code.as_deref().and_then(|c| before.iter().find(|r| r.code == c)) {
                    Some(old) => {
                        if old.status != edit.status {
                            return Err(CoreError::invalid("status", format!("« {} » ne peut pas changer de liste.", old.label)));
                        }
                        if old.label != label && (old.in_use > 0 || old.required) {
                            return Err(CoreError::invalid("label", format!("« {} » est utilisé par des leads clôturés : il ne peut pas être renommé (retirez-le et ajoutez-en un autre).", old.label)));
                        }
                        if old.required && !edit.active {
                            return Err(CoreError::invalid("active", format!("« {} » sert à clôturer les doublons : il reste actif.", old.label)));
                        }
                        tx.execute(
                            "UPDATE close_reasons SET label = ?2, active = ?3, position = ?4 WHERE code = ?1",
                            params![old.code, label, edit.active, *position],
                        )?;
                        kept.push(old.code.clone());
                    }
                    None => {
                        let code = code_from(&label, &taken);
                        taken.push(code.clone());
                        tx.execute(
                            "INSERT INTO close_reasons(code, status, label, position, active) VALUES (?1, ?2, ?3, ?4, ?5)",
                            params![code, edit.status, label, *position, edit.active],
                        )?;
                        kept.push(code);
                    }
                }
            }
            for old in before.iter().filter(|r| !kept.contains(&r.code)) {
                if old.in_use > 0 || old.required {
                    return Err(CoreError::invalid("reasons", format!("« {} » est utilisé : retirez-le (décochez « actif ») au lieu de le supprimer.", old.label)));
                }
                tx.execute("DELETE FROM close_reasons WHERE code = ?1", [&old.code])?;
            }
            for status in ["gagne", "perdu"] {
                let active: i64 = tx.query_row("SELECT count(*) FROM close_reasons WHERE status = ?1 AND active = 1", [status], |r| r.get(0))?;
                if active == 0 {
                    return Err(CoreError::invalid("reasons", "Gardez au moins un motif actif dans chaque liste."));
                }
            }
            let labels: std::collections::HashSet<(String, String)> = all_reasons(tx)?.into_iter().map(|r| (r.status.as_str().to_string(), r.label)).collect();
            if labels.len() != all_reasons(tx)?.len() {
                return Err(CoreError::invalid("label", "Deux motifs d'une même liste portent le même libellé."));
            }
            let after = all_reasons(tx)?;
            audit::record_change(tx, ctx, audit::kind::CLOSE_REASONS, "Motifs de clôture modifiés", &before, &after)?;
            Ok(after)
        })
    }
}
