//! The PDFs of the deal documents: offre, bon de commande, rapport d'inspection et offre de
//! reprise, fiche d'essai. A4, the garage's letterhead and legal footer on every page, the font
//! embedded and subset.

mod deal;
mod sheets;
pub mod writer;

use super::format;
use super::vehicle::DealVehicle;
use super::PdfKind;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use writer::Writer;

pub(crate) use deal::{offer, order};

/// A writer with the garage's identity and logo. Refuses to print a document without the
/// seller's legal identity (the law requires it on every offer and order).
fn writer(conn: &Connection) -> Result<Writer> {
    let identity = crate::org::garage::identity(conn)?;
    if identity.legal_name.trim().is_empty() {
        return Err(CoreError::Refused(
            "L'identité du garage n'est pas renseignée : complétez Réglages → Garage avant d'imprimer un document.".into(),
        ));
    }
    let logo = crate::org::garage::logo(conn)?;
    Writer::new(&identity, logo.as_ref().map(|(_, bytes)| bytes.as_slice()))
}

/// The vehicle's details as label/value rows (only what is known).
fn vehicle_rows(v: &DealVehicle, legal: bool) -> Vec<(&'static str, String)> {
    let mut rows = vec![("Marque et modèle", format!("{} {}", v.make, v.model))];
    let mut push = |label, value: Option<String>| {
        if let Some(value) = value.filter(|s| !s.is_empty()) {
            rows.push((label, value));
        }
    };
    push("Version", v.version.clone());
    push("Énergie", v.energy.clone());
    push("Boîte de vitesses", v.gearbox.clone());
    push("Couleur", v.colour.clone());
    push("Immatriculation", v.plate.clone());
    push("N° de série (VIN)", v.vin.clone());
    push(
        "1re immatriculation",
        v.first_registration.as_deref().map(format::month_year),
    );
    push("Kilométrage", v.km.map(format::km));
    if legal {
        push("Consommation mixte", v.consumption.clone());
        push(
            "Émissions de CO2 (WLTP)",
            v.co2_g_km.map(|c| format!("{c} g/km")),
        );
    }
    if v.is_used() && legal {
        let first = v.first_registration.as_deref().map(format::month_year);
        if first.is_none() {
            rows.push(("1re immatriculation", "à compléter".into()));
        }
    }
    rows
}

/// The customer's identity as the lead knows it.
fn customer_rows(conn: &Connection, lead_id: i64) -> Result<Vec<(&'static str, String)>> {
    let lead = lead::get(conn, lead_id)?;
    let c = &lead.contact;
    let mut rows = vec![("Client", c.display_name())];
    if let Some(company) = &c.company {
        rows.push(("Société", company.clone()));
    }
    let place = format!(
        "{} {}",
        c.postal_code.clone().unwrap_or_default(),
        c.city.clone().unwrap_or_default()
    );
    if !place.trim().is_empty() {
        rows.push(("Localité", place.trim().to_string()));
    }
    if let Some(p) = &c.phone {
        rows.push(("Téléphone", format::phone(p)));
    }
    if let Some(e) = &c.email {
        rows.push(("E-mail", e.clone()));
    }
    if let Some(owner) = &lead.owner {
        rows.push(("Votre conseiller", owner.clone()));
    }
    Ok(rows)
}

/// Renders any deal document: its bytes, its lead and its title.
pub(crate) fn render(
    conn: &Connection,
    kind: PdfKind,
    id: i64,
    now: DateTime<Utc>,
) -> Result<(Vec<u8>, i64, String)> {
    match kind {
        PdfKind::Offer => {
            let o = super::offer::get(conn, id)?;
            let title = format!("Offre {} v{}", o.number, o.version);
            Ok((offer(conn, &o, now)?, o.lead_id, title))
        }
        PdfKind::Order => {
            let d = super::order::get(conn, id)?;
            let title = format!("Bon de commande {}", d.number);
            Ok((order(conn, &d, now)?, d.lead_id, title))
        }
        PdfKind::Tradein => {
            let t = super::tradein::get(conn, id)?;
            let title = format!("Reprise {} {}", t.vehicle.make, t.vehicle.model);
            Ok((sheets::tradein(conn, &t, now)?, t.lead_id, title))
        }
        PdfKind::Testdrive => {
            let t = super::testdrive::get(conn, id)?;
            let title = format!("Fiche d'essai {} {}", t.vehicle.make, t.vehicle.model);
            Ok((sheets::testdrive(conn, &t, now)?, t.lead_id, title))
        }
    }
}
