//! The application facade: every command a user or a program can run, written once.
//! Transports (Tauri, CLI, HTTP later) call `App::call(name, json)` or the typed methods.

use crate::clock::{self, Clock, SystemClock};
use crate::contact::{self, Contact, ContactInput};
use crate::db::{self, Pool, PooledConnection};
use crate::error::{CoreError, Result};
use crate::event::{self, kind, Event};
use crate::lead::{self, Interest, Lead, LeadStage, LeadStatus, NewLead};
use crate::lead_list::{self, LeadPage, LeadQuery};
use crate::secrets::{EnvSecrets, Secrets};
use crate::site::{self, Site};
use crate::user::{self, User};
use crate::validate;
use chrono::{DateTime, Utc};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior};
use serde::{Deserialize, Serialize};
use std::path::Path;
use std::sync::Arc;
use ts_rs::TS;

pub struct App {
    pool: Pool,
    clock: Arc<dyn Clock>,
    secrets: Arc<dyn Secrets>,
}

/// Who acts and when, for one command.
pub(crate) struct Ctx {
    pub now: DateTime<Utc>,
    pub now_text: String,
    pub actor: Option<i64>,
}

impl Ctx {
    /// Managers override closing rules, discard quarantined mail and reassign anybody's leads.
    pub fn actor_is_manager(&self, conn: &rusqlite::Connection) -> Result<bool> {
        Ok(match self.actor {
            Some(id) => user::get(conn, id)?.role.is_manager(),
            None => false,
        })
    }
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct Empty {}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct Meta {
    pub version: String,
    pub sites: Vec<Site>,
    pub users: Vec<User>,
    pub sources: Vec<String>,
    pub lost_reasons: Vec<String>,
    pub won_reasons: Vec<String>,
    pub current_user_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadCounters {
    pub tradeins: u32,
    pub testdrives: u32,
    pub offers: u32,
    pub calls: u32,
    pub failed_attempts: u32,
    /// Perdu may be chosen without a manager's override.
    pub may_close_lost: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadDetail {
    pub lead: Lead,
    pub counters: LeadCounters,
    pub events: Vec<Event>,
    pub tasks: Vec<crate::task::Task>,
}

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
pub struct AssignInput {
    pub lead_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub site_id: Option<i64>,
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

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SetUserInput {
    pub user_id: i64,
}

const CURRENT_USER_KEY: &str = "current_user_id";
/// A duplicate or a mistake may be closed at once.
const DUPLICATE_REASON: &str = "Doublon / erreur";
/// Events shown on the lead page; older ones stay in the database.
const TIMELINE_LIMIT: u32 = 500;

impl App {
    pub fn open(path: &Path) -> Result<App> {
        Self::open_with_clock(path, Arc::new(SystemClock))
    }

    pub fn open_with_clock(path: &Path, clock: Arc<dyn Clock>) -> Result<App> {
        Ok(App {
            pool: db::open(path)?,
            clock,
            secrets: Arc::new(EnvSecrets),
        })
    }

    /// Where passwords are kept (the window passes the OS keyring).
    pub fn with_secrets(mut self, secrets: Arc<dyn Secrets>) -> Self {
        self.secrets = secrets;
        self
    }

    pub(crate) fn secrets(&self) -> &dyn Secrets {
        self.secrets.as_ref()
    }

    /// The secret store, for transports that hold their own secrets (the webhook token).
    pub fn secrets_store(&self) -> Arc<dyn Secrets> {
        self.secrets.clone()
    }

    pub fn db_path(&self) -> &Path {
        self.pool.path()
    }

    pub(crate) fn conn(&self) -> Result<PooledConnection> {
        self.pool.get()
    }

    pub(crate) fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    pub(crate) fn current_user_id(&self, conn: &rusqlite::Connection) -> Result<Option<i64>> {
        current_user(conn)
    }

    fn ctx(&self, conn: &rusqlite::Connection) -> Result<Ctx> {
        let now = self.clock.now();
        Ok(Ctx {
            now,
            now_text: clock::to_text(now),
            actor: current_user(conn)?,
        })
    }

    /// Runs `f` in one IMMEDIATE transaction: all of it is saved, or nothing.
    pub(crate) fn write<T>(&self, f: impl FnOnce(&Transaction, &Ctx) -> Result<T>) -> Result<T> {
        let mut conn = self.conn()?;
        let ctx = self.ctx(&conn)?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let out = f(&tx, &ctx)?;
        tx.commit()?;
        Ok(out)
    }

    // ---- commands -------------------------------------------------------------------------

    pub fn meta(&self, _: Empty) -> Result<Meta> {
        let conn = self.conn()?;
        let reasons = |status: &str| -> Result<Vec<String>> {
            let mut stmt = conn.prepare_cached(
                "SELECT label FROM close_reasons WHERE status = ?1 ORDER BY position",
            )?;
            let rows = stmt.query_map([status], |r| r.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        let mut stmt = conn.prepare_cached("SELECT name FROM sources ORDER BY position")?;
        let sources = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Meta {
            version: env!("CARGO_PKG_VERSION").to_string(),
            sites: site::list(&conn)?,
            users: user::list(&conn)?,
            sources,
            lost_reasons: reasons("perdu")?,
            won_reasons: reasons("gagne")?,
            current_user_id: current_user(&conn)?,
        })
    }

    pub fn set_current_user(&self, input: SetUserInput) -> Result<Meta> {
        self.write(|tx, _| {
            user::get(tx, input.user_id)?;
            tx.execute(
                "INSERT INTO settings(key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                rusqlite::params![CURRENT_USER_KEY, input.user_id.to_string()],
            )?;
            Ok(())
        })?;
        self.meta(Empty {})
    }

    pub fn leads_list(&self, query: LeadQuery) -> Result<LeadPage> {
        let conn = self.conn()?;
        lead_list::list(
            &conn,
            &query,
            &clock::to_text(self.now()),
            lead_list::MAX_PAGE,
        )
    }

    /// The list without the screen's page bound, for exports and the CLI.
    pub fn leads_list_unbounded(&self, query: &LeadQuery) -> Result<LeadPage> {
        let conn = self.conn()?;
        lead_list::list(&conn, query, &clock::to_text(self.now()), u32::MAX)
    }

    pub fn lead_get(&self, r: LeadRef) -> Result<LeadDetail> {
        let conn = self.conn()?;
        let lead = lead::get_by_code(&conn, &r.code)?;
        let events = event::for_lead(&conn, lead.id, TIMELINE_LIMIT)?;
        // Trade-ins, test drives and offers arrive with their own issues.
        let attempts = crate::followup::attempts(&conn, lead.id)?;
        let counters = LeadCounters {
            tradeins: 0,
            testdrives: 0,
            offers: 0,
            calls: attempts.calls,
            failed_attempts: attempts.failed_attempts,
            may_close_lost: attempts.may_close_lost,
        };
        let tasks = crate::task::for_lead(&conn, lead.id)?;
        Ok(LeadDetail {
            lead,
            counters,
            events,
            tasks,
        })
    }

    pub fn lead_create(&self, new: NewLead) -> Result<Lead> {
        let clean = new.clean()?;
        let id = self
            .write(|tx, ctx| lead::create(tx, &new, &clean, ctx.now, &ctx.now_text, ctx.actor))?;
        let conn = self.conn()?;
        lead::get(&conn, id)
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
            event::append(
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
        event::get(&conn, id)
    }

    pub fn lead_assign(&self, input: AssignInput) -> Result<Lead> {
        if input.owner_id.is_none() && input.site_id.is_none() {
            return Err(CoreError::invalid(
                "owner_id",
                "Choisissez un vendeur ou un site.",
            ));
        }
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if let Some(site_id) = input.site_id.filter(|s| *s != lead.site_id) {
                let site = site::list(tx)?
                    .into_iter()
                    .find(|s| s.id == site_id)
                    .ok_or_else(|| CoreError::invalid("site_id", "Ce site n'existe pas."))?;
                tx.execute(
                    "UPDATE leads SET site_id = ?2 WHERE id = ?1",
                    rusqlite::params![lead.id, site_id],
                )?;
                event::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::ASSIGNED,
                    &format!("Transféré au site {}", site.name),
                    None,
                )?;
            }
            if let Some(owner_id) = input.owner_id.filter(|o| Some(*o) != lead.owner_id) {
                let owner = user::get(tx, owner_id)
                    .map_err(|_| CoreError::invalid("owner_id", "Ce vendeur n'existe pas."))?;
                if !owner.active {
                    return Err(CoreError::invalid(
                        "owner_id",
                        format!(
                            "{} n'est plus actif : choisissez un autre vendeur.",
                            owner.name
                        ),
                    ));
                }
                let status = if lead.status == LeadStatus::Nouveau {
                    LeadStatus::ATraiter
                } else {
                    lead.status
                };
                tx.execute(
                    "UPDATE leads SET owner_id = ?2, status = ?3 WHERE id = ?1",
                    rusqlite::params![lead.id, owner_id, status],
                )?;
                let text = match &lead.owner {
                    Some(before) => format!("Réassigné de {before} à {}", owner.name),
                    None => format!("Assigné à {}", owner.name),
                };
                event::append(
                    tx,
                    lead.id,
                    &ctx.now_text,
                    ctx.actor,
                    kind::ASSIGNED,
                    &text,
                    None,
                )?;
            }
            lead::get(tx, lead.id)
        })
    }

    pub fn lead_set_status(&self, input: StatusInput) -> Result<Lead> {
        self.write(|tx, ctx| {
            let lead = lead::get(tx, input.lead_id)?;
            if lead.status == input.status {
                return Ok(lead);
            }
            let reason = match input.status {
                LeadStatus::Perdu | LeadStatus::Gagne => {
                    Some(close_reason(tx, input.status, input.reason.as_deref())?)
                }
                LeadStatus::EnCours => None,
                LeadStatus::Nouveau | LeadStatus::ATraiter => return Err(CoreError::Refused(
                    "Ce statut est donné automatiquement : choisissez En cours, Gagné ou Perdu."
                        .into(),
                )),
            };
            if input.status == LeadStatus::Perdu {
                let duplicate = reason.as_deref() == Some(DUPLICATE_REASON);
                let rule = crate::followup::attempts(tx, lead.id)?;
                let manager = ctx.actor_is_manager(tx)?;
                let forced = manager && input.override_rule.unwrap_or(false);
                if !(duplicate || rule.may_close_lost || forced) {
                    return Err(CoreError::Refused(format!(
                        "Ce lead ne peut pas encore être classé perdu : il faut un contact, ou {} tentatives d'appel à des moments différents ({} pour l'instant). Un responsable peut forcer la clôture.",
                        crate::followup::ATTEMPTS_FOR_MAIL,
                        rule.failed_attempts
                    )));
                }
            }
            let closing = !input.status.is_open();
            tx.execute(
                "UPDATE leads SET status = ?2, close_reason = ?3, closed_at = ?4,
                        deadline_at = CASE WHEN ?5 THEN NULL ELSE deadline_at END WHERE id = ?1",
                rusqlite::params![
                    lead.id,
                    input.status,
                    reason,
                    closing.then_some(&ctx.now_text),
                    closing
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
            event::append(
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
            event::append(
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
                // The first-contact target is met: the deadline is done and the lead is being worked.
                let status = if matches!(lead.status, LeadStatus::Nouveau | LeadStatus::ATraiter) { LeadStatus::EnCours } else { lead.status };
                tx.execute(
                    "UPDATE leads SET contacted_at = coalesce(contacted_at, ?2), deadline_at = NULL, status = ?3 WHERE id = ?1",
                    rusqlite::params![lead.id, ctx.now_text, status],
                )?;
                event::append(tx, lead.id, &ctx.now_text, ctx.actor, kind::CONTACT_MADE, "Contact pris avec le client", None)?;
            } else {
                event::append(tx, lead.id, &ctx.now_text, ctx.actor, kind::CONTACT_NOT_MADE, "Contact pas pris (tentative sans réponse)", None)?;
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
                event::append(
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
                event::append(
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

fn current_user(conn: &rusqlite::Connection) -> Result<Option<i64>> {
    let value: Option<String> = conn
        .query_row(
            "SELECT value FROM settings WHERE key = ?1",
            [CURRENT_USER_KEY],
            |r| r.get(0),
        )
        .optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}

/// The label of a close reason, given by label or code; won leads default to "Commande signée".
fn close_reason(
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
