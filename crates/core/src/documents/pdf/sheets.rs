//! The trade-in inspection report with its offer, and the test-drive sheet to sign.

use super::writer::Column;
use super::{customer_rows, format, vehicle_rows, writer};
use crate::documents::testdrive::TestDrive;
use crate::documents::tradein::TradeIn;
use crate::kernel::clock;
use crate::kernel::error::Result;
use chrono::{DateTime, Utc};
use rusqlite::Connection;

fn day(text: &str) -> String {
    clock::parse(text)
        .map(format::local_date)
        .unwrap_or_default()
}

pub(crate) fn tradein(conn: &Connection, t: &TradeIn, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut w = writer(conn)?;
    w.letterhead(
        "Rapport d'inspection et offre de reprise",
        &[
            format!("Reprise n° {}", t.id),
            format!("Date : {}", day(&t.updated_at)),
        ],
    );
    w.section("Propriétaire");
    w.fields(&customer_rows(conn, t.lead_id)?);
    w.section("Véhicule repris");
    w.fields(&vehicle_rows(&t.vehicle, false));
    w.section("Inspection");
    let columns = [
        Column {
            title: "Point de contrôle",
            width: 62.0,
            right: false,
        },
        Column {
            title: "État",
            width: 26.0,
            right: false,
        },
        Column {
            title: "Commentaire",
            width: 72.0,
            right: false,
        },
        Column {
            title: "Photos",
            width: 20.0,
            right: true,
        },
    ];
    let rows: Vec<Vec<String>> = t
        .inspection
        .iter()
        .map(|i| {
            vec![
                i.item.clone(),
                i.state.label().to_string(),
                i.comment.clone().unwrap_or_default(),
                if i.photos.is_empty() {
                    String::new()
                } else {
                    i.photos.len().to_string()
                },
            ]
        })
        .collect();
    if rows.is_empty() {
        w.paragraph("Aucun point de contrôle renseigné.", 9.0, false);
    } else {
        w.table(&columns, &rows);
    }
    w.section("Cotation");
    let mut rows = vec![(
        "Frais de remise en état estimés",
        format::euros(t.repair_cents),
    )];
    if let Some(m) = t.market_cents {
        rows.push(("Cote du marché", format::euros(m)));
    }
    rows.push((
        "Prix de reprise proposé",
        t.proposed_cents
            .map(format::euros)
            .unwrap_or_else(|| "à déterminer".into()),
    ));
    if let Some(v) = &t.valid_until {
        rows.push(("Offre de reprise valable jusqu'au", format::date(v)));
    }
    w.fields(&rows);
    if let Some(n) = &t.notes {
        w.section("Remarques");
        w.paragraph(n, 9.0, false);
    }
    w.gap(2.0);
    w.paragraph("Offre de reprise établie d'après l'état constaté lors de l'inspection et les déclarations du propriétaire ; elle est confirmée à la remise du véhicule avec ses documents (certificat d'immatriculation, contrôle technique de moins de six mois, carnet d'entretien, doubles des clés), sous réserve d'un état identique.", 8.0, false);
    w.signatures(&["L'inspecteur", "Le propriétaire"]);
    Ok(w.finish(&format!("Reprise {}", t.id), now))
}

pub(crate) fn testdrive(conn: &Connection, t: &TestDrive, now: DateTime<Utc>) -> Result<Vec<u8>> {
    let mut w = writer(conn)?;
    let start = clock::parse(&t.starts_at);
    let end = clock::parse(&t.ends_at);
    let slot = match (start, end) {
        (Some(s), Some(e)) => format!(
            "{} – {}",
            format::date_time(s),
            e.with_timezone(&chrono_tz::Europe::Paris).format("%H:%M")
        ),
        _ => String::new(),
    };
    w.letterhead(
        "Fiche d'essai",
        &[format!("Essai n° {}", t.id), slot.clone()],
    );
    w.section("Véhicule essayé");
    w.fields(&vehicle_rows(&t.vehicle, false));
    w.section("Conducteur");
    let d = &t.driver;
    let mut rows = vec![
        ("Nom", d.name.clone()),
        ("N° de permis de conduire", d.licence_number.clone()),
        ("Délivré le", format::date(&d.licence_date)),
    ];
    if let Some(a) = &d.address {
        rows.push(("Adresse", a.clone()));
    }
    w.fields(&rows);
    w.section("Départ et retour");
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    w.fields(&[
        ("Créneau", slot),
        (
            "Kilométrage au départ",
            t.km_out.map(format::km).unwrap_or_default(),
        ),
        (
            "Kilométrage au retour",
            t.km_in.map(format::km).unwrap_or_default(),
        ),
        ("Carburant / charge au départ", opt(&t.fuel_out)),
        ("Carburant / charge au retour", opt(&t.fuel_in)),
        ("Dommages constatés", opt(&t.damages)),
    ]);
    w.gap(2.0);
    w.paragraph("Le conducteur déclare être titulaire d'un permis de conduire valide pour ce véhicule, dont il présente l'original, et ne faire l'objet d'aucune suspension. Il s'engage à respecter le Code de la route, à restituer le véhicule au terme du créneau dans l'état où il l'a reçu, et reste redevable des amendes et des conséquences des infractions commises pendant l'essai. Le véhicule est assuré par le garage ; une franchise peut rester à la charge du conducteur en cas de sinistre dont il serait responsable.", 8.0, false);
    w.signatures(&["Le vendeur", "Le conducteur — « Lu et approuvé »"]);
    Ok(w.finish(&format!("Fiche d'essai {}", t.id), now))
}
