//! Vehicles: of interest (stock or wished), owned by the prospect, or taken in trade.

use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::referential;
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
    /// ISO 4217 of the price; None means euros.
    pub currency: Option<String>,
    /// Model year.
    pub year: Option<i32>,
    /// First registration, YYYY-MM.
    pub first_registration: Option<String>,
    pub km: Option<i64>,
    pub energy: Option<String>,
    pub gearbox: Option<String>,
    pub colour: Option<String>,
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
    #[ts(optional = nullable)]
    pub year: Option<i32>,
    /// YYYY-MM (also read: MM/YYYY, DD/MM/YYYY, YYYY-MM-DD).
    #[ts(optional = nullable)]
    pub first_registration: Option<String>,
    #[ts(optional = nullable)]
    pub km: Option<i64>,
    #[ts(optional = nullable)]
    pub energy: Option<String>,
    #[ts(optional = nullable)]
    pub gearbox: Option<String>,
    #[ts(optional = nullable)]
    pub colour: Option<String>,
    #[ts(optional = nullable)]
    pub price_cents: Option<i64>,
    #[ts(optional = nullable)]
    pub currency: Option<String>,
}

/// Highest odometer reading accepted (a lorry's two million km).
const MAX_KM: i64 = 2_000_000;
/// Highest price accepted, in cents (ten million euros).
const MAX_PRICE_CENTS: i64 = 1_000_000_000;

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
        let this_year = chrono::Datelike::year(&chrono::Utc::now());
        if let Some(y) = self.year {
            if !(1900..=this_year + 2).contains(&y) {
                return Err(CoreError::invalid(
                    field("year", "owned_year"),
                    format!(
                        "Année : {y} n'est pas une année de modèle (1900 à {}).",
                        this_year + 2
                    ),
                ));
            }
        }
        let first_registration = match self.first_registration.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(raw) => Some(month(raw).ok_or_else(|| {
                CoreError::invalid(
                    field("first_registration", "owned_first_registration"),
                    format!(
                        "1re mise en circulation : « {} » n'est pas un mois (ex. 03/2021).",
                        raw.chars().take(20).collect::<String>()
                    ),
                )
            })?),
        };
        if let Some(km) = self.km {
            if !(0..=MAX_KM).contains(&km) {
                return Err(CoreError::invalid(
                    field("km", "owned_km"),
                    format!("Kilométrage : entre 0 et {MAX_KM} km."),
                ));
            }
        }
        if let Some(p) = self.price_cents {
            if !(0..=MAX_PRICE_CENTS).contains(&p) {
                return Err(CoreError::invalid(
                    field("price", "owned_price"),
                    "Prix : montant hors limites.",
                ));
            }
        }
        let currency = match self.currency.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(c) if c.len() == 3 && c.chars().all(|l| l.is_ascii_alphabetic()) => {
                Some(c.to_ascii_uppercase()).filter(|c| c != "EUR")
            }
            Some(c) => {
                return Err(CoreError::invalid(
                    field("currency", "owned_currency"),
                    format!(
                        "Devise inconnue : « {} » (ex. EUR, CHF).",
                        c.chars().take(10).collect::<String>()
                    ),
                ))
            }
        };
        let energy = f(
            field("energy", "owned_energy"),
            "Énergie",
            self.energy.as_deref(),
            40,
        )?
        .map(|e| referential::energy(&e).map_or(e, String::from));
        let gearbox = f(
            field("gearbox", "owned_gearbox"),
            "Boîte",
            self.gearbox.as_deref(),
            40,
        )?
        .map(|g| referential::gearbox(&g).map_or(g, String::from));
        // Makes and models are written the referential's way ("peugeot 3008" → "Peugeot 3008").
        let (make, model) = referential::normalise(
            make.as_deref().unwrap_or(""),
            model.as_deref().unwrap_or(""),
        );
        Ok(Some(VehicleInput {
            make,
            model,
            version,
            vin,
            plate,
            year: self.year,
            first_registration,
            km: self.km,
            energy,
            gearbox,
            colour: f(
                field("colour", "owned_colour"),
                "Couleur",
                self.colour.as_deref(),
                80,
            )?,
            price_cents: self.price_cents,
            currency,
        }))
    }
}

/// A month as YYYY-MM from the usual writings: 03/2021, 3/2021, 15/03/2021, 2021-03, 2021-03-15.
pub fn month(raw: &str) -> Option<String> {
    let parts: Vec<&str> = raw.trim().split(['/', '-', '.']).collect();
    let number = |s: &str| s.parse::<u32>().ok();
    let (year, month) = match parts.as_slice() {
        [y, m] | [y, m, _] if y.len() == 4 => (number(y)?, number(m)?),
        [m, y] if y.len() == 4 => (number(y)?, number(m)?),
        [d, m, y] if y.len() == 4 => {
            number(d).filter(|d| (1..=31).contains(d))?;
            (number(y)?, number(m)?)
        }
        _ => return None,
    };
    ((1900..=2100).contains(&year) && (1..=12).contains(&month))
        .then(|| format!("{year:04}-{month:02}"))
}

pub fn insert(conn: &Connection, v: &VehicleInput, now: &str) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO vehicles(make, model, version, vin, plate, price_cents, currency, year, first_registration, km, energy,
                              gearbox, colour, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?14)",
    )?
    .execute(params![
        v.make, v.model, v.version, v.vin, v.plate, v.price_cents, v.currency, v.year, v.first_registration, v.km,
        v.energy, v.gearbox, v.colour, now
    ])?;
    Ok(conn.last_insert_rowid())
}

/// Fills what the vehicle does not know yet from `v` (a later request about the same car).
pub fn complete(conn: &Connection, id: i64, v: &VehicleInput, now: &str) -> Result<()> {
    conn.prepare_cached(
        "UPDATE vehicles SET version = coalesce(version, ?2), vin = coalesce(vin, ?3), plate = coalesce(plate, ?4),
                price_cents = coalesce(price_cents, ?5), currency = CASE WHEN price_cents IS NULL THEN ?6 ELSE currency END,
                year = coalesce(year, ?7), first_registration = coalesce(first_registration, ?8), km = coalesce(km, ?9),
                energy = coalesce(energy, ?10), gearbox = coalesce(gearbox, ?11), colour = coalesce(colour, ?12),
                updated_at = ?13
         WHERE id = ?1",
    )?
    .execute(params![
        id, v.version, v.vin, v.plate, v.price_cents, v.currency, v.year, v.first_registration, v.km, v.energy,
        v.gearbox, v.colour, now
    ])?;
    Ok(())
}

/// Number of columns `from_row_at` reads.
pub(crate) const COLUMN_COUNT: usize = 14;

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
        currency: r.get(o + 7)?,
        year: r.get(o + 8)?,
        first_registration: r.get(o + 9)?,
        km: r.get(o + 10)?,
        energy: r.get(o + 11)?,
        gearbox: r.get(o + 12)?,
        colour: r.get(o + 13)?,
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
        "currency",
        "year",
        "first_registration",
        "km",
        "energy",
        "gearbox",
        "colour",
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_in_their_usual_writings() {
        for raw in [
            "03/2021",
            "3/2021",
            "15/03/2021",
            "2021-03",
            "2021-03-15",
            "03-2021",
        ] {
            assert_eq!(month(raw).as_deref(), Some("2021-03"), "{raw}");
        }
        for raw in [
            "13/2021",
            "2021",
            "31/02",
            "mars 2021",
            "00/2021",
            "15/03/21",
        ] {
            assert_eq!(month(raw), None, "{raw}");
        }
    }
}
