//! Vehicles: of interest (stock or wished), owned by the prospect, or taken in trade.

use crate::kernel::error::Result;
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Vehicle {
    pub id: i64,
    pub make: String,
    pub model: String,
    pub version: Option<String>,
    pub vin: Option<String>,
    pub plate: Option<String>,
    /// Advertised price (TTC, cents), when the lead named one.
    pub price_cents: Option<i64>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VehicleInput {
    pub make: String,
    pub model: String,
    #[ts(optional = nullable)]
    pub version: Option<String>,
    #[ts(optional = nullable)]
    pub vin: Option<String>,
    #[ts(optional = nullable)]
    pub plate: Option<String>,
}

impl VehicleInput {
    /// None when nothing was typed; make and model are then the minimum.
    pub fn clean(&self, prefix: &'static str) -> Result<Option<VehicleInput>> {
        let f = |name: &'static str, label: &str, v: Option<&str>, max| {
            validate::optional_text(name, label, v, max)
        };
        let owned = prefix == "owned";
        let field =
            |plain: &'static str, for_owned: &'static str| if owned { for_owned } else { plain };
        let vin_field = field("vin", "owned_vin");
        let make = f(
            field("make", "owned_make"),
            "Marque",
            Some(&self.make),
            MAX_SHORT_TEXT,
        )?;
        let model = f(
            field("model", "owned_model"),
            "Modèle",
            Some(&self.model),
            MAX_SHORT_TEXT,
        )?;
        let version = f(
            field("version", "owned_version"),
            "Version",
            self.version.as_deref(),
            MAX_SHORT_TEXT,
        )?;
        let vin = f(vin_field, "VIN", self.vin.as_deref(), 17)?.map(|v| v.to_uppercase());
        let plate = f(
            field("plate", "owned_plate"),
            "Immatriculation",
            self.plate.as_deref(),
            20,
        )?
        .map(|p| p.to_uppercase());
        if make.is_none()
            && model.is_none()
            && version.is_none()
            && vin.is_none()
            && plate.is_none()
        {
            return Ok(None);
        }
        if let Some(v) = &vin {
            validate::vin(vin_field, v)?;
        }
        Ok(Some(VehicleInput {
            make: make.unwrap_or_default(),
            model: model.unwrap_or_default(),
            version,
            vin,
            plate,
        }))
    }
}

pub fn insert(conn: &Connection, v: &VehicleInput, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO vehicles(make, model, version, vin, plate, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)",
    )?
    .execute(params![v.make, v.model, v.version, v.vin, v.plate, now])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn from_row_at(r: &rusqlite::Row, o: usize) -> rusqlite::Result<Option<Vehicle>> {
    let id: Option<i64> = r.get(o)?;
    let Some(id) = id else { return Ok(None) };
    Ok(Some(Vehicle {
        id,
        make: r.get(o + 1)?,
        model: r.get(o + 2)?,
        version: r.get(o + 3)?,
        vin: r.get(o + 4)?,
        plate: r.get(o + 5)?,
        price_cents: r.get(o + 6)?,
    }))
}

pub(crate) fn columns(alias: &str) -> String {
    [
        "id",
        "make",
        "model",
        "version",
        "vin",
        "plate",
        "price_cents",
    ]
    .map(|c| format!("{alias}.{c}"))
    .join(", ")
}

impl Vehicle {
    pub fn label(&self) -> String {
        [
            self.make.as_str(),
            self.model.as_str(),
            self.version.as_deref().unwrap_or(""),
        ]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" ")
    }
}
