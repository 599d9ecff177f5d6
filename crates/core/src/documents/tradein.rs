//! Trade-ins (reprises): the customer's car, the inspection checklist (each item with a state,
//! a comment and photos from the lead's files) and the cotation: estimated repairs, market
//! value, proposed price and its validity. The trade-in parsed at intake pre-fills it.

use super::files;
use super::vehicle::DealVehicle;
use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{self, Setting};
use crate::kernel::validate::{self, MAX_LONG_TEXT, MAX_SHORT_TEXT};
use crate::leads::lead;
use crate::leads::timeline;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

crate::kernel::text_enum!(ItemState {
    Bon = "bon",
    Moyen = "moyen",
    Mauvais = "mauvais",
    NonVerifie = "non_verifie",
});

impl ItemState {
    pub fn label(self) -> &'static str {
        match self {
            ItemState::Bon => "Bon",
            ItemState::Moyen => "Moyen",
            ItemState::Mauvais => "À reprendre",
            ItemState::NonVerifie => "Non vérifié",
        }
    }
}

/// The checklist a new inspection starts from (Réglages can change it).
pub const DEFAULT_CHECKLIST: &[&str] = &[
    "Carrosserie",
    "Pneumatiques",
    "Vitrage",
    "Éclairage",
    "Intérieur et sellerie",
    "Mécanique et moteur",
    "Freinage",
    "Boîte de vitesses et embrayage",
    "Documents (carte grise, contrôle technique)",
    "Carnet d'entretien",
    "Clés et double",
];
const CHECKLIST: Setting<Option<Vec<String>>> = Setting::new("tradein_checklist", None);
const MAX_ITEMS: usize = 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct InspectionItem {
    pub item: String,
    pub state: ItemState,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub comment: Option<String>,
    /// Photos: ids of the lead's files.
    #[serde(default)]
    pub photos: Vec<i64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TradeInInput {
    /// Absent to create; an id to update.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub lead_id: i64,
    pub vehicle: DealVehicle,
    #[serde(default)]
    pub inspection: Vec<InspectionItem>,
    #[serde(default)]
    #[ts(optional)]
    pub repair_cents: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub market_cents: Option<i64>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub proposed_cents: Option<i64>,
    /// `YYYY-MM-DD`: the proposed price holds until then.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub valid_until: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TradeIn {
    pub id: i64,
    pub lead_id: i64,
    pub lead_code: String,
    pub vehicle: DealVehicle,
    pub inspection: Vec<InspectionItem>,
    pub repair_cents: i64,
    pub market_cents: Option<i64>,
    pub proposed_cents: Option<i64>,
    pub valid_until: Option<String>,
    pub notes: Option<String>,
    pub created_by: Option<String>,
    pub created_at: String,
    pub updated_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TradeInRef {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ChecklistInput {
    pub items: Vec<String>,
}

/// A new trade-in for a lead, pre-filled with the car the prospect declared.
#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct TradeInDraft {
    pub vehicle: DealVehicle,
    pub inspection: Vec<InspectionItem>,
}

const SELECT: &str =
    "SELECT t.id, t.lead_id, l.code, t.vehicle, t.inspection, t.repair_cents, t.market_cents,
        t.proposed_cents, t.valid_until, t.notes, u.name, t.created_at, t.updated_at
    FROM tradeins t JOIN leads l ON l.id = t.lead_id LEFT JOIN users u ON u.id = t.created_by";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<TradeIn> {
    let json = |i: usize, text: String| {
        serde_json::from_str::<serde_json::Value>(&text).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    };
    let vehicle = json(3, r.get(3)?)?;
    let inspection = json(4, r.get(4)?)?;
    Ok(TradeIn {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        lead_code: r.get(2)?,
        vehicle: serde_json::from_value(vehicle).unwrap_or_default(),
        inspection: serde_json::from_value(inspection).unwrap_or_default(),
        repair_cents: r.get(5)?,
        market_cents: r.get(6)?,
        proposed_cents: r.get(7)?,
        valid_until: r.get(8)?,
        notes: r.get(9)?,
        created_by: r.get(10)?,
        created_at: r.get(11)?,
        updated_at: r.get(12)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<TradeIn> {
    conn.query_row(&format!("{SELECT} WHERE t.id = ?1"), [id], from_row)
        .optional()?
        .ok_or(CoreError::NotFound { what: "Reprise" })
}

pub(crate) fn for_lead(conn: &Connection, lead_id: i64) -> Result<Vec<TradeIn>> {
    Ok(conn
        .prepare_cached(&format!("{SELECT} WHERE t.lead_id = ?1 ORDER BY t.id DESC"))?
        .query_map([lead_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

pub fn lead_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT lead_id FROM tradeins WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

fn checklist(conn: &Connection) -> Result<Vec<String>> {
    Ok(settings::get(conn, &CHECKLIST)?
        .unwrap_or_else(|| DEFAULT_CHECKLIST.iter().map(|s| s.to_string()).collect()))
}

fn cents(field: &'static str, label: &str, v: Option<i64>) -> Result<Option<i64>> {
    match v {
        Some(c) if !(0..=1_000_000_000).contains(&c) => Err(CoreError::invalid(
            field,
            format!("{label} : montant invalide."),
        )),
        other => Ok(other),
    }
}

impl TradeInInput {
    fn clean(&self, conn: &Connection) -> Result<TradeInInput> {
        if self.inspection.len() > MAX_ITEMS {
            return Err(CoreError::invalid(
                "inspection",
                format!("{MAX_ITEMS} points de contrôle au plus."),
            ));
        }
        let mut inspection = Vec::with_capacity(self.inspection.len());
        for item in &self.inspection {
            for photo in &item.photos {
                let lead: Option<i64> = files::lead_of(conn, *photo)?;
                if lead != Some(self.lead_id) {
                    return Err(CoreError::invalid(
                        "inspection",
                        "Une photo de l'inspection n'appartient pas aux documents de ce lead.",
                    ));
                }
            }
            inspection.push(InspectionItem {
                item: validate::required_text(
                    "inspection",
                    "Point de contrôle",
                    &item.item,
                    MAX_SHORT_TEXT,
                )?,
                state: item.state,
                comment: validate::optional_text(
                    "inspection",
                    "Commentaire",
                    item.comment.as_deref(),
                    2000,
                )?,
                photos: item.photos.iter().copied().take(20).collect(),
            });
        }
        let valid_until = match self
            .valid_until
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(v) => Some(
                chrono::NaiveDate::parse_from_str(v, "%Y-%m-%d")
                    .map_err(|_| {
                        CoreError::invalid(
                            "valid_until",
                            format!("Validité : date invalide « {v} » (AAAA-MM-JJ)."),
                        )
                    })?
                    .to_string(),
            ),
            None => None,
        };
        Ok(TradeInInput {
            id: self.id,
            lead_id: self.lead_id,
            vehicle: self.vehicle.clean()?,
            inspection,
            repair_cents: Some(
                cents("repair_cents", "Frais de remise en état", self.repair_cents)?.unwrap_or(0),
            ),
            market_cents: cents("market_cents", "Cote du marché", self.market_cents)?,
            proposed_cents: cents(
                "proposed_cents",
                "Prix de reprise proposé",
                self.proposed_cents,
            )?,
            valid_until,
            notes: validate::optional_text(
                "notes",
                "Remarques",
                self.notes.as_deref(),
                MAX_LONG_TEXT,
            )?,
        })
    }
}

impl App {
    pub fn tradein_checklist(&self, _: Empty) -> Result<Vec<String>> {
        checklist(&*self.conn()?)
    }

    pub fn tradein_checklist_set(&self, input: ChecklistInput) -> Result<Vec<String>> {
        let mut items = Vec::new();
        for item in &input.items {
            if let Some(v) =
                validate::optional_text("items", "Point de contrôle", Some(item), MAX_SHORT_TEXT)?
            {
                if !items.contains(&v) {
                    items.push(v);
                }
            }
        }
        if items.is_empty() || items.len() > MAX_ITEMS {
            return Err(CoreError::invalid(
                "items",
                format!("La liste compte de 1 à {MAX_ITEMS} points de contrôle."),
            ));
        }
        self.write(|tx, ctx| {
            let old = checklist(tx)?;
            settings::set(tx, &CHECKLIST, &Some(items.clone()))?;
            crate::org::audit::record_change(
                tx,
                ctx,
                crate::org::audit::kind::SETTINGS,
                "Liste d'inspection des reprises modifiée",
                &old,
                &items,
            )?;
            checklist(tx)
        })
    }

    /// The vehicle the prospect declared at intake and the checklist, for a new trade-in.
    pub fn tradein_draft(&self, input: crate::leads::trash::LeadIdInput) -> Result<TradeInDraft> {
        let conn = self.conn()?;
        let lead = lead::get(&conn, input.lead_id)?;
        let vehicle = lead
            .owned_vehicle
            .map(|v| DealVehicle {
                make: v.make,
                model: v.model,
                version: v.version,
                vin: v.vin,
                plate: v.plate,
                used: Some(true),
                ..Default::default()
            })
            .unwrap_or_default();
        let inspection = checklist(&conn)?
            .into_iter()
            .map(|item| InspectionItem {
                item,
                state: ItemState::NonVerifie,
                comment: None,
                photos: Vec::new(),
            })
            .collect();
        Ok(TradeInDraft {
            vehicle,
            inspection,
        })
    }

    pub fn tradein_save(&self, input: TradeInInput) -> Result<TradeIn> {
        let conn = self.conn()?;
        let clean = input.clean(&conn)?;
        drop(conn);
        self.write(|tx, ctx| {
            let lead = lead::get(tx, clean.lead_id)?;
            let vehicle = super::json(&clean.vehicle);
            let inspection = super::json(&clean.inspection);
            let id = match clean.id {
                Some(id) => {
                    let old = get(tx, id)?;
                    if old.lead_id != lead.id {
                        return Err(CoreError::invalid("id", "Cette reprise appartient à un autre lead."));
                    }
                    tx.execute(
                        "UPDATE tradeins SET vehicle = ?2, inspection = ?3, repair_cents = ?4, market_cents = ?5, proposed_cents = ?6,
                                valid_until = ?7, notes = ?8, updated_at = ?9 WHERE id = ?1",
                        params![id, vehicle, inspection, clean.repair_cents, clean.market_cents, clean.proposed_cents, clean.valid_until, clean.notes, ctx.now_text],
                    )?;
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO tradeins(lead_id, vehicle, inspection, repair_cents, market_cents, proposed_cents, valid_until, notes, created_by, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
                        params![lead.id, vehicle, inspection, clean.repair_cents, clean.market_cents, clean.proposed_cents, clean.valid_until, clean.notes, ctx.actor, ctx.now_text],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            let price = clean.proposed_cents.map(|c| format!(" — proposé {}", super::format::euros(c))).unwrap_or_default();
            let verb = if clean.id.is_some() { "mise à jour" } else { "créée" };
            timeline::append(tx, lead.id, &ctx.now_text, ctx.actor, timeline::kind::TRADEIN,
                &format!("Reprise {verb} : {}{price}", clean.vehicle.title()),
                Some(&serde_json::json!({"tradein_id": id, "proposed_cents": clean.proposed_cents})))?;
            get(tx, id)
        })
    }
}
