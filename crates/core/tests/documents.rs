//! The deal documents on a real database: offer totals and VAT, offer → order → gagné, gapless
//! order numbers under concurrent creation and after a failed write, trade-ins, test drives
//! that book the agenda without overlaps, files, and every PDF checked with qpdf, pdffonts and
//! pdftotext.

use carnet_core::api::*;
use carnet_core::documents::money::{totals, LineKind, OfferLine, VatRegime};
use carnet_core::documents::order::{Buyer, DepositKind};
use carnet_core::documents::tradein::{InspectionItem, ItemState};
use carnet_core::documents::vehicle::DealVehicle;
use carnet_core::documents::PdfKind;
use carnet_core::leads::contact::ContactInput;
use carnet_core::leads::lead::{LeadKind, LeadStage, LeadStatus, NewLead};
use carnet_core::leads::trash::LeadIdInput;
use carnet_core::App;
use std::process::Command;

mod common;
use common::{fixture, Fixture};

fn line(kind: LineKind, label: &str, unit_cents: i64) -> OfferLine {
    OfferLine {
        kind,
        label: label.into(),
        qty: 1,
        unit_cents,
    }
}

/// (regime, lines, trade-in) → (total TTC, VAT, net)
type TotalsCase = (VatRegime, Vec<OfferLine>, i64, (i64, i64, i64));

#[test]
fn totals_and_vat_follow_the_regime() {
    use LineKind::*;
    let vehicle = line(Vehicle, "Peugeot 3008", 2_490_000);
    let cases: Vec<TotalsCase> = vec![
        // 24 900 € TTC: VAT = 24 900 × 20 / 120 = 4 150 €.
        (
            VatRegime::Normal,
            vec![vehicle.clone()],
            0,
            (2_490_000, 415_000, 2_490_000),
        ),
        // Taxable 25 750 € → VAT 4 291,666… → 4 291,67 (half-up once on the total); carte
        // grise and malus add to the total without VAT.
        (
            VatRegime::Normal,
            vec![
                vehicle.clone(),
                line(Option, "Toit ouvrant", 100_000),
                line(Discount, "Remise", -50_000),
                line(Fee, "Préparation", 35_000),
                line(Registration, "Carte grise", 28_676),
                line(Malus, "Malus", 54_000),
            ],
            0,
            (2_657_676, 429_167, 2_657_676),
        ),
        // Half a cent rounds up: 0,03 € TTC holds 0,005 € of VAT → 0,01 €.
        (
            VatRegime::Normal,
            vec![line(Vehicle, "Jouet", 3)],
            0,
            (3, 1, 3),
        ),
        (
            VatRegime::Normal,
            vec![line(Vehicle, "Jouet", 2)],
            0,
            (2, 0, 2),
        ),
        // Quantities multiply the unit price.
        (
            VatRegime::Normal,
            vec![
                vehicle.clone(),
                OfferLine {
                    qty: 4,
                    ..line(Accessory, "Jante", 30_000)
                },
            ],
            0,
            (2_610_000, 435_000, 2_610_000),
        ),
        // Margin scheme without fees: no VAT at all.
        (
            VatRegime::Margin,
            vec![
                line(Vehicle, "Clio", 1_250_000),
                line(Discount, "Geste", -25_000),
            ],
            0,
            (1_225_000, 0, 1_225_000),
        ),
        // Margin scheme with fees: VAT only on the fees (300 € → 50 €).
        (
            VatRegime::Margin,
            vec![
                line(Vehicle, "Clio", 1_250_000),
                line(Fee, "Préparation", 30_000),
                line(Registration, "Carte grise", 20_000),
            ],
            0,
            (1_300_000, 5_000, 1_300_000),
        ),
        // The trade-in is deducted after the total TTC and does not change the VAT.
        (
            VatRegime::Normal,
            vec![vehicle.clone()],
            500_000,
            (2_490_000, 415_000, 1_990_000),
        ),
    ];
    for (regime, lines, trade_in, (ttc, vat, net)) in cases {
        let t = totals(regime, &lines, trade_in).unwrap();
        assert_eq!(
            (t.total_ttc_cents, t.total_vat_cents, t.net_cents),
            (ttc, vat, net),
            "{regime:?} {lines:?}"
        );
        assert_eq!(
            t.total_ttc_cents,
            t.goods_cents + t.fees_cents + t.outside_vat_cents
        );
    }
}

#[test]
fn impossible_offers_are_refused_with_a_reason() {
    use LineKind::*;
    let vehicle = line(Vehicle, "Clio", 1_000_000);
    let cases: Vec<(Vec<OfferLine>, i64, &str)> = vec![
        (
            vec![vehicle.clone(), line(Discount, "Remise", -1_500_000)],
            0,
            "dépasse le prix",
        ),
        (
            vec![vehicle.clone(), line(Discount, "Remise", 50_000)],
            0,
            "négatif",
        ),
        (
            vec![vehicle.clone(), line(Option, "GPS", -10_000)],
            0,
            "ne peut pas être négatif",
        ),
        (vec![line(Option, "GPS", 10_000)], 0, "ligne « véhicule »"),
        (vec![line(Vehicle, "Don", 0)], 0, "positif"),
        (vec![vehicle.clone()], 2_000_000, "dépasse le total"),
        (
            vec![OfferLine {
                qty: 0,
                ..vehicle.clone()
            }],
            0,
            "quantité",
        ),
        (vec![line(Vehicle, " ", 10)], 0, "libellé"),
    ];
    for (lines, trade_in, wanted) in cases {
        let err = totals(VatRegime::Normal, &lines, trade_in)
            .unwrap_err()
            .to_api();
        assert_eq!(err.code, "invalid", "{lines:?}");
        assert!(err.message.contains(wanted), "{wanted}: {}", err.message);
    }
}

fn new_lead(f: &Fixture, email: Option<&str>) -> carnet_core::leads::lead::Lead {
    f.app
        .lead_create(NewLead {
            contact_id: None,
            contact: ContactInput {
                first_name: "Élodie".into(),
                last_name: "Bérard".into(),
                phone: Some("06 12 34 56 78".into()),
                email: email.map(Into::into),
                postal_code: Some("69003".into()),
                city: Some("Lyon".into()),
                ..Default::default()
            },
            kind: LeadKind::Vn,
            source: "Site web".into(),
            interest: None,
            site_id: f.meta.sites[0].id,
            owner_id: Some(f.meta.current_user_id.unwrap()),
            vehicle: None,
            owned_vehicle: None,
            message: None,
            external_ref: None,
        })
        .unwrap()
}

fn vn() -> DealVehicle {
    DealVehicle {
        make: "Peugeot".into(),
        model: "3008".into(),
        version: Some("GT Hybrid 136 e-DCS6".into()),
        energy: Some("Hybride".into()),
        consumption: Some("5,2 l/100 km".into()),
        co2_g_km: Some(118),
        ..Default::default()
    }
}

fn vo() -> DealVehicle {
    DealVehicle {
        make: "Renault".into(),
        model: "Clio".into(),
        version: Some("V TCe 90".into()),
        plate: Some("fg-123-hj".into()),
        first_registration: Some("2021-03".into()),
        km: Some(45_000),
        used: Some(true),
        ..Default::default()
    }
}

fn offer_input(
    lead_id: i64,
    regime: VatRegime,
    vehicle: DealVehicle,
    lines: Vec<OfferLine>,
) -> OfferInput {
    OfferInput {
        lead_id,
        vat_regime: regime,
        vehicle,
        lines,
        trade_in_cents: None,
        tradein_id: None,
        financing: Some("LOA 49 mois, 1er loyer 3 000 €, puis 349 €/mois (hors assurance).".into()),
        valid_until: None,
        revises: None,
    }
}

fn buyer() -> Buyer {
    Buyer {
        name: "Élodie Bérard".into(),
        address: "12 rue de la République".into(),
        postal_code: "69003".into(),
        city: "Lyon".into(),
        ..Default::default()
    }
}

fn order_input(offer_id: i64) -> OrderInput {
    OrderInput {
        offer_id,
        buyer: buyer(),
        delivery_date: "2027-01-15".into(),
        payment_terms: "Comptant à la livraison".into(),
        deposit_cents: Some(100_000),
        deposit_kind: Some(DepositKind::Acompte),
        off_premises: Some(false),
    }
}

/// Runs a command-line tool (installed by the test script: a missing tool fails the test).
fn tool(name: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(name)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{name} is required (scripts/setup.sh --test): {e}"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

/// Checks a PDF with qpdf, pdffonts and pdftotext; returns its text (spaces normalised).
fn check_pdf(bytes: &[u8], max_pages: u32) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("doc.pdf");
    std::fs::write(&path, bytes).unwrap();
    let p = path.to_str().unwrap();
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "qpdf --check: {out}");
    let (_, pages) = tool("qpdf", &["--show-npages", p]);
    let pages: u32 = pages.trim().parse().unwrap();
    assert!((1..=max_pages).contains(&pages), "{pages} pages");
    let (ok, fonts) = tool("pdffonts", &[p]);
    assert!(ok, "{fonts}");
    let font_lines: Vec<&str> = fonts
        .lines()
        .skip(2)
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!font_lines.is_empty(), "no font: {fonts}");
    for l in &font_lines {
        assert!(l.contains("DejaVu"), "{l}");
        let cols: Vec<&str> = l.split_whitespace().collect();
        // name type encoding emb sub uni object ID: emb and sub are "yes".
        let n = cols.len();
        assert_eq!(
            &cols[n - 5..n - 2],
            &["yes", "yes", "yes"],
            "embedded, subset, unicode: {l}"
        );
    }
    let (ok, info) = tool("pdfinfo", &[p]);
    assert!(ok && info.contains("CreationDate"), "{info}");
    let (ok, text) = tool("pdftotext", &["-layout", p, "-"]);
    assert!(ok, "{text}");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn an_offer_becomes_an_order_and_the_lead_is_won() {
    let f = fixture();
    let lead = new_lead(&f, Some("elodie@example.fr"));
    let lines = vec![
        line(LineKind::Vehicle, "Peugeot 3008 GT Hybrid 136", 4_290_000),
        line(LineKind::Option, "Peinture Vert Olivine", 95_000),
        line(LineKind::Discount, "Remise fin d'année", -200_000),
        line(
            LineKind::Fee,
            "Frais de préparation et de livraison",
            49_000,
        ),
        line(LineKind::Registration, "Carte grise", 32_076),
        line(LineKind::Malus, "Malus écologique", 54_000),
    ];
    let offer = f
        .app
        .offer_create(offer_input(lead.id, VatRegime::Normal, vn(), lines))
        .unwrap();
    assert_eq!(offer.number, "OF-2026-0001");
    assert_eq!(offer.version, 1);
    assert_eq!(
        offer.total_ttc_cents,
        4_290_000 + 95_000 - 200_000 + 49_000 + 32_076 + 54_000
    );
    assert_eq!(
        offer.total_vat_cents,
        (4_290_000 + 95_000 - 200_000 + 49_000) * 20 / 120 + 1
    );
    assert!(
        offer.file_id.is_some(),
        "the offer's PDF is kept with the lead"
    );
    let detail = f
        .app
        .lead_get(LeadRef {
            code: lead.code.clone(),
        })
        .unwrap();
    assert_eq!(detail.lead.stage, LeadStage::Offre);
    assert_eq!(detail.counters.offers, 1);

    // A revision keeps the number; the first version is replaced.
    let mut revised = offer_input(lead.id, VatRegime::Normal, vn(), offer.lines.clone());
    revised.lines[2].unit_cents = -300_000;
    revised.revises = Some(offer.id);
    let v2 = f.app.offer_create(revised).unwrap();
    assert_eq!((v2.number.as_str(), v2.version), ("OF-2026-0001", 2));
    let deals = f.app.lead_deals(LeadIdInput { lead_id: lead.id }).unwrap();
    assert_eq!(
        deals
            .offers
            .iter()
            .find(|o| o.id == offer.id)
            .unwrap()
            .status
            .as_str(),
        "remplacee"
    );
    assert_eq!(
        f.app
            .lead_get(LeadRef {
                code: lead.code.clone()
            })
            .unwrap()
            .counters
            .offers,
        1
    );
    let err = f
        .app
        .order_create(order_input(offer.id))
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, "refused", "no order from a replaced version");

    let order = f.app.order_create(order_input(v2.id)).unwrap();
    assert_eq!(order.number, "BC-2026-0001");
    assert_eq!(order.total_ttc_cents, v2.total_ttc_cents);
    let won = f
        .app
        .lead_get(LeadRef {
            code: lead.code.clone(),
        })
        .unwrap();
    assert_eq!(
        (won.lead.status, won.lead.stage),
        (LeadStatus::Gagne, LeadStage::Commande)
    );
    assert!(won
        .events
        .iter()
        .any(|e| e.kind == "order" && e.text.contains("BC-2026-0001")));
    let err = f.app.order_create(order_input(v2.id)).unwrap_err().to_api();
    assert_eq!(err.code, "refused", "one order per offer: {}", err.message);

    // The garage's logo is printed on the letterhead.
    let png = "iVBORw0KGgoAAAANSUhEUgAAAAgAAAAECAIAAAA8r+mnAAAAEUlEQVR4nGM4ISeHFTFQTwIAbv4ggUBHKgEAAAAASUVORK5CYII=";
    f.app
        .garage_logo_set(LogoInput {
            base64: Some(png.into()),
        })
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let with_logo = dir.path().join("logo.pdf");
    std::fs::write(
        &with_logo,
        f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Offer,
                id: v2.id,
            })
            .unwrap(),
    )
    .unwrap();
    let (ok, images) = tool("pdfimages", &["-list", with_logo.to_str().unwrap()]);
    assert!(ok && images.lines().count() == 3, "one image: {images}");

    // The PDFs: valid, fonts embedded and subset, the mentions and amounts as printed.
    let text = check_pdf(
        &f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Offer,
                id: v2.id,
            })
            .unwrap(),
        2,
    );
    for wanted in [
        "Offre de prix",
        "OF-2026-0001",
        "version 2",
        "Élodie Bérard",
        "Peugeot 3008",
        "-3 000,00 €",
        "Carte grise",
        "hors TVA",
        "TVA 20 %",
        "Total TTC",
        "Autos du Rhône",
        "SIREN 732 829 320",
        "FR44732829320",
    ] {
        assert!(text.contains(wanted), "offer PDF lacks {wanted:?}: {text}");
    }
    assert!(
        text.contains(&carnet_core::documents::format::euros(v2.total_ttc_cents)),
        "{text}"
    );
    let bytes = f
        .app
        .pdf_bytes(&PdfRef {
            kind: PdfKind::Order,
            id: order.id,
        })
        .unwrap();
    assert!(
        bytes.len() < 100 * 1024,
        "order PDF is {} bytes",
        bytes.len()
    );
    let text = check_pdf(&bytes, 3);
    for wanted in [
        "Bon de commande",
        "BC-2026-0001",
        "12 rue de la République",
        "69003 Lyon",
        "Date limite de livraison",
        "15/01/2027",
        "Acompte versé",
        "1 000,00 €",
        "acompte",
        "5,2 l/100 km",
        "118 g/km",
        "Malus écologique",
        "Conditions générales de vente",
        "Bon pour commande",
    ] {
        assert!(text.contains(wanted), "order PDF lacks {wanted:?}: {text}");
    }
    assert!(
        !text.contains("rétractation"),
        "no withdrawal form in the showroom"
    );
}

#[test]
fn a_used_car_under_the_margin_scheme_prints_its_mention_and_an_off_premises_order_its_withdrawal_form(
) {
    let f = fixture();
    let lead = new_lead(&f, None);
    let lines = vec![
        line(LineKind::Vehicle, "Renault Clio V TCe 90", 1_390_000),
        line(LineKind::Fee, "Garantie 12 mois", 29_000),
    ];
    let mut input = offer_input(lead.id, VatRegime::Margin, vo(), lines);
    input.trade_in_cents = Some(300_000);
    let offer = f.app.offer_create(input).unwrap();
    assert_eq!(
        offer.total_vat_cents, 4_833,
        "VAT on the fee only (48,33 €)"
    );
    assert_eq!(offer.net_cents, 1_419_000 - 300_000);
    let text = check_pdf(
        &f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Offer,
                id: offer.id,
            })
            .unwrap(),
        2,
    );
    assert!(
        text.contains("Régime particulier – Biens d'occasion"),
        "{text}"
    );
    assert!(
        text.contains("03/2021") && text.contains("45 000 km"),
        "VO details: {text}"
    );
    assert!(
        text.contains("Net à payer") && text.contains("11 190,00 €"),
        "{text}"
    );

    let mut order = order_input(offer.id);
    order.off_premises = Some(true);
    order.deposit_kind = Some(DepositKind::Arrhes);
    let order = f.app.order_create(order).unwrap();
    let text = check_pdf(
        &f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Order,
                id: order.id,
            })
            .unwrap(),
        3,
    );
    for wanted in [
        "Droit de rétractation",
        "quatorze jours",
        "Formulaire de rétractation",
        "Arrhes versées",
        "au double",
        "Régime particulier – Biens d'occasion",
        "03/2021",
        "45 000 km",
    ] {
        assert!(text.contains(wanted), "order PDF lacks {wanted:?}: {text}");
    }
}

#[test]
fn an_order_needs_the_buyer_address_and_the_used_car_details() {
    let f = fixture();
    let lead = new_lead(&f, None);
    let mut car = vo();
    car.km = None;
    let offer = f
        .app
        .offer_create(offer_input(
            lead.id,
            VatRegime::Margin,
            car,
            vec![line(LineKind::Vehicle, "Clio", 1_000_000)],
        ))
        .unwrap();
    let mut input = order_input(offer.id);
    input.buyer.address = String::new();
    let err = f.app.order_create(input).unwrap_err().to_api();
    assert_eq!(
        err.field.as_deref(),
        Some("buyer.address"),
        "{}",
        err.message
    );
    let err = f
        .app
        .order_create(order_input(offer.id))
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("kilométrage"), "{}", err.message);
    let mut input = order_input(offer.id);
    input.delivery_date = "2020-01-01".into();
    assert_eq!(
        f.app
            .order_create(input)
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("delivery_date")
    );
    let lead_now = f.app.lead_get(LeadRef { code: lead.code }).unwrap().lead;
    assert_ne!(lead_now.status, LeadStatus::Gagne, "nothing written");

    // Validity: 15 days by default; a day already past is refused.
    assert_eq!(offer.valid_until, "2026-12-09");
    f.clock.advance(chrono::Duration::days(16));
    let mut late = offer_input(
        lead.id,
        VatRegime::Normal,
        vn(),
        vec![line(LineKind::Vehicle, "3008", 1_000_000)],
    );
    late.valid_until = Some("2026-12-09".into());
    assert_eq!(
        f.app
            .offer_create(late)
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("valid_until")
    );
}

#[test]
fn order_numbers_have_no_gap_under_concurrent_creation_nor_after_a_failed_write() {
    let f = fixture();
    let lead = new_lead(&f, None);
    let offers: Vec<i64> = (0..12)
        .map(|i| {
            f.app
                .offer_create(offer_input(
                    lead.id,
                    VatRegime::Normal,
                    vn(),
                    vec![line(LineKind::Vehicle, "3008", 3_000_000 + i)],
                ))
                .unwrap()
                .id
        })
        .collect();
    // A documents folder that cannot be written: the order fails whole, its number is not used.
    let folder = f.app.documents_folder();
    let aside = folder.with_extension("aside");
    std::fs::rename(&folder, &aside).unwrap();
    std::fs::write(&folder, b"not a folder").unwrap();
    let err = f
        .app
        .order_create(order_input(offers[0]))
        .unwrap_err()
        .to_api();
    assert_eq!(err.code, "unavailable", "{}", err.message);
    assert!(
        err.message.contains("n'a pas pu être enregistré"),
        "{}",
        err.message
    );
    std::fs::remove_file(&folder).unwrap();
    std::fs::rename(&aside, &folder).unwrap();
    assert!(f.app.orders_list(OfferQuery::default()).unwrap().is_empty());

    // Four writers at once, each on its own connection pool.
    let path = f.app.db_path().to_path_buf();
    let handles: Vec<_> = offers
        .chunks(3)
        .map(|chunk| {
            let chunk = chunk.to_vec();
            let path = path.clone();
            std::thread::spawn(move || {
                let app = App::open(&path).unwrap();
                chunk
                    .into_iter()
                    .map(|id| app.order_create(order_input(id)).map(|o| o.number))
                    .collect::<Vec<_>>()
            })
        })
        .collect();
    let mut numbers: Vec<String> = handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .map(|r| r.unwrap())
        .collect();
    numbers.sort();
    let wanted: Vec<String> = (1..=12).map(|n| format!("BC-2026-{n:04}")).collect();
    assert_eq!(numbers, wanted);
}

#[test]
fn a_trade_in_is_inspected_priced_and_deducted_from_an_offer() {
    let f = fixture();
    let lead = new_lead(&f, None);
    let draft = f
        .app
        .tradein_draft(LeadIdInput { lead_id: lead.id })
        .unwrap();
    assert!(
        draft.inspection.iter().any(|i| i.item == "Pneumatiques"),
        "the checklist pre-fills the inspection"
    );
    let photo = f
        .app
        .document_upload(FileUpload {
            lead_id: lead.id,
            title: "Rayure aile avant".into(),
            file_name: "rayure.jpg".into(),
            base64: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQH/wAALCAABAAEBAREA/8QAFAABAAAAAAAAAAAAAAAAAAAACv/EABQQAQAAAAAAAAAAAAAAAAAAAAD/2gAIAQEAAD8AfwD/2Q==".into(),
        })
        .unwrap();
    assert_eq!(photo.mime, "image/jpeg");
    let mut inspection = draft.inspection.clone();
    inspection[0] = InspectionItem {
        item: inspection[0].item.clone(),
        state: ItemState::Mauvais,
        comment: Some("Rayure profonde sur l'aile avant droite".into()),
        photos: vec![photo.id],
    };
    let t = f
        .app
        .tradein_save(TradeInInput {
            id: None,
            lead_id: lead.id,
            vehicle: vo(),
            inspection,
            repair_cents: Some(45_000),
            market_cents: Some(1_100_000),
            proposed_cents: Some(950_000),
            valid_until: Some("2026-12-08".into()),
            notes: Some("Deuxième main, carnet à jour.".into()),
        })
        .unwrap();
    assert_eq!(t.vehicle.plate.as_deref(), Some("FG-123-HJ"));
    let text = check_pdf(
        &f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Tradein,
                id: t.id,
            })
            .unwrap(),
        2,
    );
    for wanted in [
        "Rapport d'inspection et offre de reprise",
        "FG-123-HJ",
        "Rayure profonde",
        "À reprendre",
        "9 500,00 €",
        "11 000,00 €",
        "450,00 €",
        "08/12/2026",
    ] {
        assert!(
            text.contains(wanted),
            "trade-in PDF lacks {wanted:?}: {text}"
        );
    }
    let mut input = offer_input(
        lead.id,
        VatRegime::Normal,
        vn(),
        vec![line(LineKind::Vehicle, "3008", 3_000_000)],
    );
    input.tradein_id = Some(t.id);
    let offer = f.app.offer_create(input).unwrap();
    assert_eq!(
        (offer.trade_in_cents, offer.net_cents),
        (950_000, 2_050_000)
    );
    let file = f
        .app
        .pdf_generate(PdfRef {
            kind: PdfKind::Tradein,
            id: t.id,
        })
        .unwrap();
    let counters = f
        .app
        .lead_get(LeadRef { code: lead.code })
        .unwrap()
        .counters;
    assert_eq!((counters.tradeins, counters.offers), (1, 1));
    let deals = f.app.lead_deals(LeadIdInput { lead_id: lead.id }).unwrap();
    assert!(deals
        .files
        .iter()
        .any(|d| d.id == file.id && d.mime == "application/pdf"));
}

#[test]
fn a_test_drive_books_the_agenda_and_the_same_car_cannot_be_booked_twice() {
    let f = fixture();
    let lead = new_lead(&f, None);
    let other = new_lead(&f, None);
    let input = |lead_id: i64, at: &str| TestDriveInput {
        id: None,
        lead_id,
        vehicle: vo(),
        starts_at: at.into(),
        duration_min: Some(45),
        driver: carnet_core::documents::testdrive::Driver {
            name: "Élodie Bérard".into(),
            licence_number: "120369300123".into(),
            licence_date: "2012-06-14".into(),
            address: None,
        },
        km_out: Some(45_010),
        km_in: None,
        fuel_out: Some("3/4".into()),
        fuel_in: None,
        damages: None,
    };
    let drive = f
        .app
        .testdrive_save(input(lead.id, "2026-11-25T14:00:00+01:00"))
        .unwrap();
    let task = drive.task_id.expect("booked in the agenda");
    let detail = f
        .app
        .lead_get(LeadRef {
            code: lead.code.clone(),
        })
        .unwrap();
    assert!(detail
        .tasks
        .iter()
        .any(|t| t.id == task && t.kind.as_str() == "essai"));
    assert_eq!(
        (detail.lead.stage, detail.counters.testdrives),
        (LeadStage::Essai, 1)
    );
    // The same car, overlapping, for another prospect: refused with when it is taken.
    let err = f
        .app
        .testdrive_save(input(other.id, "2026-11-25T14:30:00+01:00"))
        .unwrap_err()
        .to_api();
    assert_eq!(err.field.as_deref(), Some("starts_at"));
    assert!(
        err.message.contains("25/11/2026 à 14:00"),
        "{}",
        err.message
    );
    // Right after it ends is free (another vendeur's slot: the manager's own agenda is busy).
    let mut later = input(other.id, "2026-11-25T14:45:00+01:00");
    later.vehicle.plate = Some("FG 123 HJ".into());
    f.app.testdrive_save(later).unwrap();
    // Back from the drive: km in and damages; fewer km than at departure is refused.
    let mut back = input(lead.id, "2026-11-25T14:00:00+01:00");
    back.id = Some(drive.id);
    back.km_in = Some(45_000);
    assert_eq!(
        f.app
            .testdrive_save(back.clone())
            .unwrap_err()
            .to_api()
            .field
            .as_deref(),
        Some("km_in")
    );
    back.km_in = Some(45_032);
    back.damages = Some("Néant".into());
    let done = f.app.testdrive_save(back).unwrap();
    assert_eq!((done.km_in, done.task_id), (Some(45_032), Some(task)));
    let text = check_pdf(
        &f.app
            .pdf_bytes(&PdfRef {
                kind: PdfKind::Testdrive,
                id: drive.id,
            })
            .unwrap(),
        2,
    );
    for wanted in [
        "Fiche d'essai",
        "120369300123",
        "14/06/2012",
        "25/11/2026 à 14:00 – 14:45",
        "45 010 km",
        "45 032 km",
        "Lu et approuvé",
    ] {
        assert!(
            text.contains(wanted),
            "test-drive PDF lacks {wanted:?}: {text}"
        );
    }
}

#[test]
fn files_are_kept_renamed_and_hidden_never_lost() {
    let f = fixture();
    let lead = new_lead(&f, None);
    let big = "A".repeat(28 * 1024 * 1024);
    let err = f
        .app
        .document_upload(FileUpload {
            lead_id: lead.id,
            title: "Vidéo".into(),
            file_name: "v.mp4".into(),
            base64: big,
        })
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("trop volumineux"), "{}", err.message);
    let file = f
        .app
        .document_upload(FileUpload {
            lead_id: lead.id,
            title: "Carte grise".into(),
            file_name: "../cg.pdf".into(),
            base64: "JVBERi0xLjQKJeLjz9MK".into(),
        })
        .unwrap();
    assert_eq!(
        (file.mime.as_str(), file.file_name.as_str()),
        ("application/pdf", "_cg.pdf")
    );
    let renamed = f
        .app
        .document_rename(FileRename {
            id: file.id,
            title: "Certificat d'immatriculation".into(),
        })
        .unwrap();
    assert_eq!(renamed.title, "Certificat d'immatriculation");
    let content = f.app.document_read(FileRef { id: file.id }).unwrap();
    assert_eq!(content.base64, "JVBERi0xLjQKJeLjz9MK");
    f.app.document_delete(FileRef { id: file.id }).unwrap();
    assert!(f
        .app
        .lead_deals(LeadIdInput { lead_id: lead.id })
        .unwrap()
        .files
        .is_empty());
    let events = f.app.lead_get(LeadRef { code: lead.code }).unwrap().events;
    for wanted in ["Document ajouté", "Document renommé", "Document supprimé"] {
        assert!(
            events.iter().any(|e| e.text.starts_with(wanted)),
            "{wanted}"
        );
    }
    // The bytes stay in the data folder.
    let stored = std::fs::read_dir(f.app.documents_folder()).unwrap().count();
    assert!(stored >= 1);
}
