//! The demo's deal documents: trade-ins with an inspection, test drives in the agenda, offers
//! under each VAT regime (VN, VO with VAT, VO under the margin scheme; with and without a
//! trade-in) and bons de commande, made through the same commands as the window (so each has its
//! PDF in the lead's documents).

use crate::documents::money::{LineKind, OfferLine, VatRegime};
use crate::documents::offer::OfferInput;
use crate::documents::order::{Buyer, DepositKind, OrderInput};
use crate::documents::testdrive::{Driver, TestDriveInput};
use crate::documents::tradein::{InspectionItem, ItemState, TradeInInput};
use crate::documents::vehicle::DealVehicle;
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::Result;
use chrono::Duration;

fn line(kind: LineKind, label: &str, unit_cents: i64) -> OfferLine {
    OfferLine {
        kind,
        label: label.into(),
        qty: 1,
        unit_cents,
    }
}

fn car(make: &str, model: &str, version: &str) -> DealVehicle {
    DealVehicle {
        make: make.into(),
        model: model.into(),
        version: Some(version.into()),
        ..Default::default()
    }
}

/// An open lead for the demo's deals: id, owner, kind, the contact's name and postal code.
type OpenLead = (i64, i64, String, String, String);

/// Up to six open VN/VO leads with an owner, newest first.
fn open_leads(app: &App) -> Result<Vec<OpenLead>> {
    let conn = app.conn()?;
    let mut stmt = conn.prepare(
        "SELECT l.id, l.owner_id, l.kind, c.first_name || ' ' || c.last_name, coalesce(c.postal_code, '69003')
         FROM leads l JOIN contacts c ON c.id = l.contact_id
         WHERE l.owner_id IS NOT NULL AND l.status = 'en_cours' AND l.kind IN ('VN', 'VO')
         ORDER BY l.id DESC LIMIT 6",
    )?;
    let rows = stmt
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn seed(app: &App) -> Result<u32> {
    let leads = open_leads(app)?;
    let mut made = 0;
    let day = |days: i64| (app.now() + Duration::days(days)).date_naive().to_string();
    for (i, (lead_id, owner, _kind, name, postal_code)) in leads.into_iter().enumerate() {
        let as_owner = app.acting_as(Some(owner));
        let mut offer = OfferInput {
            lead_id,
            vat_regime: VatRegime::Normal,
            vehicle: car("Peugeot", "3008", "GT Hybrid 136 e-DCS6"),
            lines: vec![
                line(
                    LineKind::Vehicle,
                    "Peugeot 3008 GT Hybrid 136 e-DCS6",
                    4_290_000,
                ),
                line(LineKind::Option, "Peinture métallisée Vert Olivine", 95_000),
                line(LineKind::Accessory, "Tapis de sol 3D", 12_000),
                line(LineKind::Discount, "Remise fin d'année", -250_000),
                line(
                    LineKind::Fee,
                    "Frais de préparation, transport et plaques",
                    49_000,
                ),
                line(
                    LineKind::Registration,
                    "Carte grise (Auvergne-Rhône-Alpes)",
                    32_076,
                ),
            ],
            trade_in_cents: None,
            tradein_id: None,
            financing: None,
            valid_until: None,
            revises: None,
        };
        offer.vehicle.energy = Some("Hybride".into());
        offer.vehicle.consumption = Some("5,2 l/100 km".into());
        offer.vehicle.co2_g_km = Some(118);
        match i % 3 {
            // VN with a trade-in, inspected and priced.
            0 => {
                let tradein = as_owner.tradein_save(TradeInInput {
                    id: None,
                    lead_id,
                    vehicle: DealVehicle {
                        plate: Some(format!("EK-{:03}-PR", 100 + i)),
                        first_registration: Some("2017-06".into()),
                        km: Some(98_500),
                        energy: Some("Diesel".into()),
                        gearbox: Some("Manuelle".into()),
                        colour: Some("Gris Artense".into()),
                        used: Some(true),
                        ..car("Peugeot", "308 SW", "1.6 BlueHDi 120")
                    },
                    inspection: vec![
                        InspectionItem {
                            item: "Carrosserie".into(),
                            state: ItemState::Moyen,
                            comment: Some("Rayures pare-chocs arrière".into()),
                            photos: vec![],
                        },
                        InspectionItem {
                            item: "Pneumatiques".into(),
                            state: ItemState::Mauvais,
                            comment: Some("Avant à 2 mm".into()),
                            photos: vec![],
                        },
                        InspectionItem {
                            item: "Carnet d'entretien".into(),
                            state: ItemState::Bon,
                            comment: Some("Suivi constructeur".into()),
                            photos: vec![],
                        },
                    ],
                    repair_cents: Some(65_000),
                    market_cents: Some(1_080_000),
                    proposed_cents: Some(920_000),
                    valid_until: Some(day(15)),
                    notes: None,
                })?;
                offer.tradein_id = Some(tradein.id);
                offer.financing = Some("LOA 49 mois : 1er loyer 3 000 €, puis 349 €/mois (hors assurance facultative).".into());
            }
            // VO bought with VAT (from a company): normal regime.
            1 => {
                offer.vehicle = DealVehicle {
                    plate: Some(format!("FG-{:03}-HJ", 200 + i)),
                    first_registration: Some("2022-09".into()),
                    km: Some(24_300),
                    energy: Some("Essence".into()),
                    used: Some(true),
                    ..car("Renault", "Captur", "TCe 140 Techno")
                };
                offer.lines = vec![
                    line(
                        LineKind::Vehicle,
                        "Renault Captur TCe 140 Techno (VO)",
                        2_190_000,
                    ),
                    line(LineKind::Fee, "Préparation et garantie 12 mois", 39_000),
                    line(LineKind::Registration, "Carte grise", 28_676),
                ];
            }
            // VO from a private seller: margin scheme.
            _ => {
                offer.vat_regime = VatRegime::Margin;
                offer.vehicle = DealVehicle {
                    plate: Some(format!("DX-{:03}-LM", 300 + i)),
                    first_registration: Some("2019-03".into()),
                    km: Some(61_000),
                    energy: Some("Diesel".into()),
                    used: Some(true),
                    ..car("Volkswagen", "Golf", "VII 2.0 TDI 150 Carat")
                };
                offer.lines = vec![
                    line(
                        LineKind::Vehicle,
                        "Volkswagen Golf VII 2.0 TDI 150 Carat",
                        1_649_000,
                    ),
                    line(LineKind::Discount, "Geste commercial", -40_000),
                    line(LineKind::Fee, "Frais de mise à la route", 29_000),
                ];
            }
        }
        let created = as_owner.offer_create(offer.clone())?;
        made += 1;
        // A test drive of the offered car, in the coming days, where the agenda is free.
        let slot = (1..8)
            .map(|d| app.now() + Duration::days(d) + Duration::hours(i as i64))
            .find_map(|at| {
                as_owner
                    .testdrive_save(TestDriveInput {
                        id: None,
                        lead_id,
                        vehicle: offer.vehicle.clone(),
                        starts_at: clock::to_text(at),
                        duration_min: Some(45),
                        driver: Driver {
                            name: name.clone(),
                            licence_number: format!("1203693001{i:02}"),
                            licence_date: "2010-05-12".into(),
                            address: None,
                        },
                        km_out: offer.vehicle.km,
                        km_in: None,
                        fuel_out: Some("3/4".into()),
                        fuel_in: None,
                        damages: None,
                    })
                    .ok()
            });
        made += u32::from(slot.is_some());
        // Half of them signed: the bon de commande wins the lead.
        if i % 2 == 0 {
            as_owner.order_create(OrderInput {
                offer_id: created.id,
                buyer: Buyer {
                    name: name.clone(),
                    address: format!("{} rue de la République", 3 + i),
                    postal_code,
                    city: "Lyon".into(),
                    ..Default::default()
                },
                delivery_date: day(45),
                payment_terms: "Acompte à la commande, solde comptant à la livraison".into(),
                deposit_cents: Some(150_000),
                deposit_kind: Some(if i == 2 {
                    DepositKind::Arrhes
                } else {
                    DepositKind::Acompte
                }),
                off_premises: Some(i == 4),
            })?;
            made += 1;
        }
    }
    Ok(made)
}
