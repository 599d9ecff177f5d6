//! Leads: the enums of the lifecycle, the lead as read by every screen, creation.

use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::leads::contact::{self, Contact, ContactInput};
use crate::leads::timeline::{self, kind};
use crate::leads::vehicle::{self, Vehicle, VehicleInput};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(LeadStatus { Nouveau = "nouveau", ATraiter = "a_traiter", EnCours = "en_cours", Gagne = "gagne", Perdu = "perdu" });
crate::kernel::text_enum!(LeadStage { Contact = "contact", Decouverte = "decouverte", Essai = "essai", Offre = "offre", Negociation = "negociation", Commande = "commande" });
crate::kernel::text_enum!(Interest { Chaud = "chaud", Tiede = "tiede", Froid = "froid" });
crate::kernel::text_enum!(LeadKind { Vn = "VN", Vo = "VO", Apv = "APV", Reprise = "reprise", Rh = "RH" });

impl LeadStatus {
    pub fn is_open(self) -> bool {
        !matches!(self, LeadStatus::Gagne | LeadStatus::Perdu)
    }
    pub fn label(self) -> &'static str {
        match self {
            LeadStatus::Nouveau => "Nouveau",
            LeadStatus::ATraiter => "À traiter",
            LeadStatus::EnCours => "En cours",
            LeadStatus::Gagne => "Gagné",
            LeadStatus::Perdu => "Perdu",
        }
    }
}

impl LeadStage {
    pub fn label(self) -> &'static str {
        match self {
            LeadStage::Contact => "Contact",
            LeadStage::Decouverte => "Découverte / présentation",
            LeadStage::Essai => "Essai",
            LeadStage::Offre => "Offre",
            LeadStage::Negociation => "Négociation",
            LeadStage::Commande => "Commande",
        }
    }
}

impl Interest {
    pub fn label(self) -> &'static str {
        match self {
            Interest::Chaud => "chaud",
            Interest::Tiede => "tiède",
            Interest::Froid => "froid",
        }
    }
}

/// A lead as every screen and the CLI read it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Lead {
    pub id: i64,
    pub code: String,
    pub status: LeadStatus,
    pub stage: LeadStage,
    pub kind: LeadKind,
    pub source: String,
    pub interest: Interest,
    pub owner_id: Option<i64>,
    /// Owner's name.
    pub owner: Option<String>,
    pub site_id: i64,
    /// Site's name.
    pub site: String,
    pub created_at: String,
    pub updated_at: String,
    pub deadline_at: Option<String>,
    pub contacted_at: Option<String>,
    pub last_activity_at: String,
    pub external_ref: Option<String>,
    pub message: Option<String>,
    /// Why the lead was won or lost (label).
    pub close_reason: Option<String>,
    pub contact: Contact,
    pub vehicle: Option<Vehicle>,
    pub owned_vehicle: Option<Vehicle>,
    /// In the corbeille since then (RFC 3339), or null.
    pub deleted_at: Option<String>,
    /// The next task or appointment not done yet (the earliest), or null.
    pub next_action: Option<NextAction>,
}

/// What is planned next on a lead: the kind of task (appel, email, rdv, essai, relance) and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct NextAction {
    pub kind: String,
    pub due_at: String,
}

/// What a new lead needs; `contact_id` reuses an existing contact instead of `contact`.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct NewLead {
    #[serde(default)]
    #[ts(optional = nullable)]
    pub contact_id: Option<i64>,
    #[serde(default)]
    pub contact: ContactInput,
    pub kind: LeadKind,
    pub source: String,
    #[serde(default)]
    #[ts(optional)]
    pub interest: Option<Interest>,
    pub site_id: i64,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owner_id: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub vehicle: Option<VehicleInput>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub owned_vehicle: Option<VehicleInput>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub message: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub external_ref: Option<String>,
}

/// Everything selected to build a `Lead`, in the order `from_row` reads it.
pub(crate) fn select_sql() -> String {
    select_from("leads l")
}

/// The lead columns over `source` (which binds `l`), with the joins every lead needs.
/// Sites are LEFT JOINed (site_id is NOT NULL) so that the planner keeps `leads` as the outer loop.
pub(crate) fn select_from(source: &str) -> String {
    format!(
        "SELECT l.id, l.code, l.status, l.stage, l.kind, l.source, l.interest, l.owner_id, u.name, l.site_id, s.name,
                l.created_at, l.updated_at, l.deadline_at, l.contacted_at, l.last_activity_at, l.external_ref, l.message,
                l.close_reason, {}, {}, {}, l.deleted_at,
                (SELECT t.kind || ' ' || t.due_at FROM tasks t WHERE t.lead_id = l.id AND t.done_at IS NULL
                 ORDER BY t.due_at LIMIT 1)
         FROM {source}
         JOIN contacts c ON c.id = l.contact_id
         LEFT JOIN sites s ON s.id = l.site_id
         LEFT JOIN users u ON u.id = l.owner_id
         LEFT JOIN vehicles v ON v.id = l.vehicle_id
         LEFT JOIN vehicles o ON o.id = l.owned_vehicle_id",
        contact::columns("c"),
        vehicle::columns("v"),
        vehicle::columns("o")
    )
}

// Where each part of the row starts (the contact follows the lead's 19 columns).
const CONTACT_AT: usize = 19;
const VEHICLE_AT: usize = CONTACT_AT + contact::COLUMN_COUNT;
const OWNED_AT: usize = VEHICLE_AT + vehicle::COLUMN_COUNT;
const DELETED_AT: usize = OWNED_AT + vehicle::COLUMN_COUNT;

pub(crate) fn from_row(r: &rusqlite::Row) -> rusqlite::Result<Lead> {
    Ok(Lead {
        id: r.get(0)?,
        code: r.get(1)?,
        status: r.get(2)?,
        stage: r.get(3)?,
        kind: r.get(4)?,
        source: r.get(5)?,
        interest: r.get(6)?,
        owner_id: r.get(7)?,
        owner: r.get(8)?,
        site_id: r.get(9)?,
        site: r.get::<_, Option<String>>(10)?.unwrap_or_default(),
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
        deadline_at: r.get(13)?,
        contacted_at: r.get(14)?,
        last_activity_at: r.get(15)?,
        external_ref: r.get(16)?,
        message: r.get(17)?,
        close_reason: r.get(18)?,
        contact: contact::from_row_at(r, CONTACT_AT)?,
        vehicle: vehicle::from_row_at(r, VEHICLE_AT)?,
        owned_vehicle: vehicle::from_row_at(r, OWNED_AT)?,
        deleted_at: r.get(DELETED_AT)?,
        next_action: r.get::<_, Option<String>>(DELETED_AT + 1)?.and_then(|t| {
            t.split_once(' ').map(|(kind, due_at)| NextAction {
                kind: kind.into(),
                due_at: due_at.into(),
            })
        }),
    })
}

pub fn get(conn: &Connection, id: i64) -> Result<Lead> {
    conn.query_row(&format!("{} WHERE l.id = ?1", select_sql()), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Lead" })
}

pub fn get_by_code(conn: &Connection, code: &str) -> Result<Lead> {
    conn.query_row(
        &format!("{} WHERE l.code = ?1", select_sql()),
        [code.trim().to_uppercase()],
        from_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Lead" })
}

/// The first-contact target is met: the deadline is done and a new lead is being worked.
/// The one place that records a contact (a call that counts, or "contact pris" by hand).
pub(crate) fn mark_contacted(conn: &Connection, lead: &Lead, now: &str) -> Result<()> {
    let status = match lead.status {
        LeadStatus::Nouveau | LeadStatus::ATraiter => LeadStatus::EnCours,
        other => other,
    };
    conn.execute(
        "UPDATE leads SET contacted_at = coalesce(contacted_at, ?2), deadline_at = NULL, status = ?3 WHERE id = ?1",
        params![lead.id, now, status],
    )?;
    Ok(())
}

/// Next gapless code of the year: L-2026-000123. Must run inside the creating transaction.
pub(crate) fn next_code(conn: &Connection, year: i32) -> Result<String> {
    let n: i64 = conn.query_row(
        "INSERT INTO lead_numbers(year, last) VALUES (?1, 1)
         ON CONFLICT(year) DO UPDATE SET last = last + 1 RETURNING last",
        [year],
        |r| r.get(0),
    )?;
    Ok(format!("L-{year}-{n:06}"))
}

/// Validated pieces of a new lead, ready to insert.
pub(crate) struct CleanLead {
    pub contact: Option<contact::CleanContact>,
    pub vehicle: Option<VehicleInput>,
    pub owned_vehicle: Option<VehicleInput>,
    pub source: String,
    pub message: Option<String>,
    pub external_ref: Option<String>,
}

impl NewLead {
    /// Validates everything before anything is written.
    pub(crate) fn clean(&self) -> Result<CleanLead> {
        let contact = match self.contact_id {
            Some(_) => None,
            None => Some(self.contact.clean()?),
        };
        Ok(CleanLead {
            contact,
            vehicle: self
                .vehicle
                .as_ref()
                .map(|v| v.clean("vehicle"))
                .transpose()?
                .flatten(),
            owned_vehicle: self
                .owned_vehicle
                .as_ref()
                .map(|v| v.clean("owned"))
                .transpose()?
                .flatten(),
            source: validate::required_text("source", "Source", &self.source, MAX_SHORT_TEXT)?,
            message: validate::optional_text(
                "message",
                "Message",
                self.message.as_deref(),
                MAX_LONG_TEXT,
            )?,
            external_ref: validate::optional_text(
                "external_ref",
                "Référence",
                self.external_ref.as_deref(),
                MAX_SHORT_TEXT,
            )?,
        })
    }
}

/// Inserts a validated lead with its contact, vehicles and first events. Runs inside the caller's transaction.
pub(crate) fn insert(
    conn: &Connection,
    new: &NewLead,
    clean: &CleanLead,
    created_at: &str,
    year: i32,
    deadline_at: Option<&str>,
    actor: Option<i64>,
) -> Result<i64> {
    let contact_id = match (new.contact_id, &clean.contact) {
        (Some(id), _) => contact::get(conn, id)?.id,
        (None, Some(c)) => contact::insert(conn, c, &clean.source, created_at)?,
        (None, None) => return Err(CoreError::invalid("contact", "Contact manquant.")),
    };
    let vehicle_id = clean
        .vehicle
        .as_ref()
        .map(|v| vehicle::insert(conn, v, created_at))
        .transpose()?;
    let owned_vehicle_id = clean
        .owned_vehicle
        .as_ref()
        .map(|v| vehicle::insert(conn, v, created_at))
        .transpose()?;
    let status = if new.owner_id.is_some() {
        LeadStatus::ATraiter
    } else {
        LeadStatus::Nouveau
    };
    let code = next_code(conn, year)?;
    conn.prepare_cached(
        "INSERT INTO leads(code, kind, source, status, stage, interest, contact_id, vehicle_id, owned_vehicle_id, site_id,
                           owner_id, deadline_at, last_activity_at, external_ref, message, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, 'contact', ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?12, ?12)",
    )?
    .execute(params![
        code,
        new.kind,
        clean.source,
        status,
        new.interest.unwrap_or(Interest::Tiede),
        contact_id,
        vehicle_id,
        owned_vehicle_id,
        new.site_id,
        new.owner_id,
        deadline_at,
        created_at,
        clean.external_ref,
        clean.message,
    ])?;
    let lead_id = conn.last_insert_rowid();
    timeline::append(
        conn,
        lead_id,
        created_at,
        actor,
        kind::CREATED,
        &format!("Lead créé (source : {})", clean.source),
        None,
    )?;
    Ok(lead_id)
}

/// Creates a validated lead received at `received` (now for manual entry, the mail's date for
/// intake) with the first-contact deadline its caller computed (routing's SLA rules): checks
/// site and owner, numbers it, writes its first events. Runs inside the caller's transaction;
/// `now_text` is when the creation is recorded.
pub(crate) fn create(
    conn: &Connection,
    new: &NewLead,
    clean: &CleanLead,
    received: chrono::DateTime<chrono::Utc>,
    deadline: Option<chrono::DateTime<chrono::Utc>>,
    now_text: &str,
    actor: Option<i64>,
) -> Result<i64> {
    use chrono::Datelike;
    if !crate::org::sites::exists(conn, new.site_id)? {
        return Err(CoreError::invalid(
            "site_id",
            "Choisissez le site qui traitera ce lead.",
        ));
    }
    let owner = match new.owner_id {
        Some(id) => Some(
            crate::org::users::get(conn, id)
                .map_err(|_| CoreError::invalid("owner_id", "Ce vendeur n'existe pas."))?,
        ),
        None => None,
    };
    let created_at = crate::kernel::clock::to_text(received);
    let due = deadline.map(crate::kernel::clock::to_text);
    let year = received.with_timezone(&chrono_tz::Europe::Paris).year();
    let id = insert(conn, new, clean, &created_at, year, due.as_deref(), actor)?;
    if let Some(owner) = owner {
        timeline::append(
            conn,
            id,
            now_text,
            actor,
            kind::ASSIGNED,
            &format!("Assigné à {}", owner.name),
            None,
        )?;
    }
    Ok(id)
}
