//! The vehicle as a deal document describes it: what the customer buys, tries or trades in.
//! Copied into each document (a document keeps the car as it was when it was written).

use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct DealVehicle {
    pub make: String,
    pub model: String,
    #[ts(optional = nullable)]
    pub version: Option<String>,
    #[ts(optional = nullable)]
    pub vin: Option<String>,
    #[ts(optional = nullable)]
    pub plate: Option<String>,
    /// First registration, `YYYY-MM` or `YYYY-MM-DD` (a VO's legal detail).
    #[ts(optional = nullable)]
    pub first_registration: Option<String>,
    #[ts(optional = nullable)]
    pub km: Option<i64>,
    /// Essence, Diesel, Hybride, Électrique, GPL…
    #[ts(optional = nullable)]
    pub energy: Option<String>,
    /// Manuelle, Automatique.
    #[ts(optional = nullable)]
    pub gearbox: Option<String>,
    #[ts(optional = nullable)]
    pub colour: Option<String>,
    /// Combined consumption as printed ("5,2 l/100 km", "16 kWh/100 km").
    #[ts(optional = nullable)]
    pub consumption: Option<String>,
    /// CO2 emissions in g/km (WLTP).
    #[ts(optional = nullable)]
    pub co2_g_km: Option<i64>,
    /// Used (VO): first registration and mileage are then required on a bon de commande.
    #[ts(optional)]
    pub used: Option<bool>,
}

impl DealVehicle {
    /// "Peugeot 3008 GT Hybrid 136"
    pub fn title(&self) -> String {
        [
            Some(self.make.as_str()),
            Some(self.model.as_str()),
            self.version.as_deref(),
        ]
        .into_iter()
        .flatten()
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
    }

    pub fn is_used(&self) -> bool {
        self.used
            .unwrap_or(self.first_registration.is_some() || self.km.is_some_and(|k| k > 100))
    }

    /// Trims, checks and normalises (VIN and plate upper-case); make and model are required.
    pub fn clean(&self) -> Result<DealVehicle> {
        let text = |field: &'static str, label: &str, v: Option<&str>| {
            validate::optional_text(field, label, v, MAX_SHORT_TEXT)
        };
        let make = validate::required_text("vehicle.make", "Marque", &self.make, MAX_SHORT_TEXT)?;
        let model =
            validate::required_text("vehicle.model", "Modèle", &self.model, MAX_SHORT_TEXT)?;
        let vin = text("vehicle.vin", "VIN", self.vin.as_deref())?.map(|v| v.to_uppercase());
        if let Some(v) = &vin {
            validate::vin("vehicle.vin", v)?;
        }
        let first_registration = text(
            "vehicle.first_registration",
            "1re immatriculation",
            self.first_registration.as_deref(),
        )?;
        if let Some(d) = &first_registration {
            let ok = chrono::NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok()
                || chrono::NaiveDate::parse_from_str(&format!("{d}-01"), "%Y-%m-%d").is_ok();
            if !ok {
                return Err(CoreError::invalid(
                    "vehicle.first_registration",
                    format!("Date de 1re immatriculation invalide : « {d} » (mois et année, par exemple 2019-03)."),
                ));
            }
        }
        if self.km.is_some_and(|k| !(0..=2_000_000).contains(&k)) {
            return Err(CoreError::invalid(
                "vehicle.km",
                "Kilométrage invalide (de 0 à 2 000 000 km).",
            ));
        }
        if self.co2_g_km.is_some_and(|c| !(0..=1000).contains(&c)) {
            return Err(CoreError::invalid(
                "vehicle.co2_g_km",
                "Émissions de CO2 invalides (de 0 à 1 000 g/km).",
            ));
        }
        Ok(DealVehicle {
            make,
            model,
            version: text("vehicle.version", "Version", self.version.as_deref())?,
            vin,
            plate: text("vehicle.plate", "Immatriculation", self.plate.as_deref())?
                .map(|p| p.to_uppercase()),
            first_registration,
            km: self.km,
            energy: text("vehicle.energy", "Énergie", self.energy.as_deref())?,
            gearbox: text("vehicle.gearbox", "Boîte", self.gearbox.as_deref())?,
            colour: text("vehicle.colour", "Couleur", self.colour.as_deref())?,
            consumption: text(
                "vehicle.consumption",
                "Consommation",
                self.consumption.as_deref(),
            )?,
            co2_g_km: self.co2_g_km,
            used: self.used,
        })
    }
}
