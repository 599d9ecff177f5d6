//! The commands that read and edit leads and their contacts: list and search, note, assignment,
//! status (with the closing rules), deadline, contact made, qualification, contact details.

use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate;
use crate::leads::closing;
use crate::leads::contact::{self, Contact, ContactInput};
use crate::leads::lead::{self, Interest, Lead, LeadStage, LeadStatus};
use crate::leads::list::{self, LeadPage, LeadQuery};
use crate::leads::timeline::{self, kind, Event};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadRef {
    pub code: String,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct ContactMatchQuery {
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[ts(optional = nullable)]
    pub email: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NoteInput {
    pub lead_id: i64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct StatusInput {
    pub lead_id: i64,
    pub status: LeadStatus,
    /// Label (or code) of a close reason; required for perdu.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub reason: Option<String>,
    /// A manager closes as perdu before the attempts rule is met.
    #[serde(default)]
    #[ts(optional)]
    pub override_rule: Option<bool>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct DeadlineInput {
    pub lead_id: i64,
    /// RFC 3339; null removes the deadline.
    pub deadline_at: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactMadeInput {
    pub lead_id: i64,
    pub made: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct QualifyInput {
    pub lead_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub stage: Option<LeadStage>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub interest: Option<Interest>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ContactUpdate {
    pub id: i64,
    pub contact: ContactInput,
}

impl App {
    pub fn leads_list(&self, query: LeadQuery) -> Result<LeadPage> {
        let conn = self.conn()?;
        list::list(&conn, &query, &clock::to_text(self.now()), list::MAX_PAGE)
    }

    /// The list without the screen's page bound, for exports and the CLI.
    pub fn leads_list_unbounded(&self, query: &LeadQuery) -> Result<LeadPage> {
        let conn = self.conn()?;
        list::list(&conn, query, &clock::to_text(self.now()), u32::MAX)
    }

    pub fn contacts_match(&self, q: ContactMatchQuery) -> Result<Vec<Contact>> {
        let conn = self.conn()?;
        contact::find_matches(&conn, q.phone.as_deref(), q.email.as_deref())
    }

    pub fn lead_add_note(&self, input: NoteInput) -> Result<Event> {
        let text =
            validate::required_text("text", "Remarque", &input.text, validate::MAX_LONG_TEXT)?;
        let id = self.write(|tx, ctx| {
            lead::get(tx, input.lead_id)?;
            timeline::append(
                tx,
                input.lead_id,
                &ctx.now_text,
                ctx.actor,
                kind::NOTE,
                &text,
                None,
            )
        })?;
        let conn = self.conn()?;
        timeline::get(&conn, id)
    }

    pub fn lead_set_status(&self, input: StatusInput) -> Result<Lead> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if lead.status == input.status {
                return Ok(lead);
            }
            let reason = match input.status {
                LeadStatus::Perdu | LeadStatus::Gagne => Some(closing::close_reason(
                    tx,
                    input.status,
                    input.reason.as_deref(),
                )?),
                LeadStatus::EnCours => None,
                LeadStatus::Nouveau | LeadStatus::ATraiter => return Err(CoreError::Refused(
                    "Ce statut est donné automatiquement : choisissez En cours, Gagné ou Perdu."
                        .into(),
                )),
            };
            if input.status == LeadStatus::Perdu {
                let forced = input.override_rule.unwrap_or(false) && ctx.actor_is_manager(tx)?;
                closing::check_lost(tx, lead.id, reason.as_deref(), forced)?;
            }
            let closes = !input.status.is_open();
            tx.execute(
                "UPDATE leads SET status = ?2, close_reason = ?3, closed_at = ?4,
                        deadline_at = CASE WHEN ?5 THEN NULL ELSE deadline_at END WHERE id = ?1",
                rusqlite::params![
                    lead.id,
                    input.status,
                    reason,
                    closes.then_some(&ctx.now_text),
                    closes
                ],
            )?;
            let mut text = format!(
                "Statut : {} → {}",
                lead.status.label(),
                input.status.label()
            );
            if let Some(r) = &reason {
                text.push_str(&format!(" ({r})"));
            }
            let data =
                serde_json::json!({"from": lead.status, "to": input.status, "reason": reason});
            timeline::append(
                tx,
                lead.id,
                &ctx.now_text,
                ctx.actor,
                kind::STATUS,
                &text,
                Some(&data),
            )?;
            lead::get(tx, lead.id)
        })
    }

    pub fn lead_set_deadline(&self, input: DeadlineInput) -> Result<Lead> {
        let deadline =
            match input
                .deadline_at
                .as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
            {
                None => None,
                Some(text) => Some(clock::parse(text).ok_or_else(|| {
                    CoreError::invalid("deadline_at", "Date d'échéance invalide.")
                })?),
            };
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let text = match deadline {
                Some(d) => {
                    if clock::to_text(d) < lead.created_at {
                        return Err(CoreError::invalid(
                            "deadline_at",
                            "L'échéance ne peut pas précéder la création du lead.",
                        ));
                    }
                    let local = d
                        .with_timezone(&chrono_tz::Europe::Paris)
                        .format("%d/%m/%Y %H:%M");
                    format!("Échéance fixée au {local}")
                }
                None => "Échéance supprimée".to_string(),
            };
            let value = deadline.map(clock::to_text);
            tx.execute(
                "UPDATE leads SET deadline_at = ?2 WHERE id = ?1",
                rusqlite::params![lead.id, value],
            )?;
            timeline::append(
                tx,
                lead.id,
                &ctx.now_text,
                ctx.actor,
                kind::DEADLINE,
                &text,
                None,
            )?;
            lead::get(tx, lead.id)
        })
    }

    pub fn lead_mark_contact(&self, input: ContactMadeInput) -> Result<Lead> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if input.made {
                lead::mark_contacted(tx, &lead, &ctx.now_text)?;
                timeline::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::CONTACT_MADE,
                    "Contact pris avec le client",
                    None,
                )?;
            } else {
                timeline::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::CONTACT_NOT_MADE,
                    "Contact pas pris (tentative sans réponse)",
                    None,
                )?;
            }
            lead::get(tx, lead.id)
        })
    }

    pub fn lead_qualify(&self, input: QualifyInput) -> Result<Lead> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            let mut changes = Vec::new();
            if let Some(stage) = input.stage.filter(|s| *s != lead.stage) {
                tx.execute(
                    "UPDATE leads SET stage = ?2 WHERE id = ?1",
                    rusqlite::params![lead.id, stage],
                )?;
                changes.push(format!("étape : {}", stage.label()));
            }
            if let Some(interest) = input.interest.filter(|i| *i != lead.interest) {
                tx.execute(
                    "UPDATE leads SET interest = ?2 WHERE id = ?1",
                    rusqlite::params![lead.id, interest],
                )?;
                changes.push(format!("intérêt : {}", interest.label()));
            }
            if !changes.is_empty() {
                let text = format!("Qualification — {}", changes.join(", "));
                timeline::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::QUALIFIED,
                    &text,
                    None,
                )?;
            }
            lead::get(tx, lead.id)
        })
    }

    pub fn contact_update(&self, input: ContactUpdate) -> Result<Contact> {
        let clean = input.contact.clean()?;
        self.write(|tx, ctx| {
            contact::get(tx, input.id)?;
            contact::update(tx, input.id, &clean, &ctx.now_text)?;
            let mut stmt = tx.prepare_cached(
                "SELECT id FROM leads WHERE contact_id = ?1 ORDER BY id DESC LIMIT 100",
            )?;
            let leads = stmt
                .query_map([input.id], |r| r.get::<_, i64>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()?;
            for lead_id in leads {
                timeline::append(
                    tx,
                    lead_id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::CONTACT_UPDATED,
                    "Coordonnées du contact modifiées",
                    None,
                )?;
            }
            contact::get(tx, input.id)
        })
    }
}
