//! DMS imports against the shared samples (shared/fixtures/dms, with expected.json) and
//! variants written here: other encodings, an XLSX workbook, other column names, bad files.
//! Also the VO alerts, intake's link to the stock and the "vehicle's manager" rule.

mod common;

use carnet_core::api::*;
use carnet_core::dms::import::mapping::ImportTarget;
use carnet_core::dms::import::run::{ImportRequest, ImportSummary};
use common::fixture;
use rusqlite::Connection;
use std::path::{Path, PathBuf};

fn samples() -> Option<PathBuf> {
    let mut dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    loop {
        let candidate = dir.join("shared/fixtures/dms");
        if candidate.is_dir() {
            return Some(candidate);
        }
        if !dir.pop() {
            assert!(
                std::env::var_os("CI").is_none(),
                "shared/fixtures/dms must sit beside the repository in CI"
            );
            eprintln!("SKIPPED: shared/fixtures/dms not found");
            return None;
        }
    }
}

fn import(
    app: &App,
    target: ImportTarget,
    path: &Path,
    dry_run: bool,
) -> Result<ImportSummary, String> {
    let req = ImportRequest {
        target,
        path: path.to_path_buf(),
        file_name: path.file_name().unwrap().to_string_lossy().into(),
        mapping: None,
        profile: None,
        dry_run,
    };
    app.import_file(&req, &mut |_| true)
        .map_err(|e| e.to_string())
}

fn count(app: &App, sql: &str) -> i64 {
    Connection::open(app.db_path())
        .unwrap()
        .query_row(sql, [], |r| r.get(0))
        .unwrap()
}

fn expected(dir: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap()
}

#[test]
fn the_shared_samples_import_as_expected_and_twice_changes_nothing() {
    let Some(dir) = samples() else { return };
    let want = expected(&dir);
    let f = fixture();
    let stock = import(&f.app, ImportTarget::Stock, &dir.join("stock.csv"), false).unwrap();
    assert_eq!(stock.format.encoding, "windows-1252");
    assert_eq!(stock.rows, want["stock_rows"].as_u64().unwrap());
    assert_eq!(stock.rejected, want["stock_rejected"].as_u64().unwrap());
    assert_eq!(stock.rejected_rows.len(), 2);
    let reasons: Vec<&str> = stock
        .rejected_rows
        .iter()
        .map(|r| r.reason.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .any(|r| r.contains("31/02/2021") && r.contains("n'existe pas")),
        "{reasons:?}"
    );
    assert!(
        reasons.iter().any(|r| r.contains("VIN manquant")),
        "{reasons:?}"
    );
    assert_eq!(
        stock.rejected_rows[0].line, 42,
        "line numbers count the header"
    );
    assert_eq!(
        count(&f.app, "SELECT count(*) FROM stock") as u64,
        want["stock_valid"].as_u64().unwrap(),
    );
    assert_eq!(
        (stock.inserted, stock.updated, stock.unchanged),
        (40, 1, 0),
        "the later row updates"
    );
    let dup = want["stock_duplicate_vin"].as_str().unwrap();
    let price = (want["stock_duplicate_price"].as_f64().unwrap() * 100.0).round() as i64;
    assert_eq!(
        count(
            &f.app,
            &format!("SELECT price_cents FROM stock WHERE vin = '{dup}'")
        ),
        price
    );
    let peugeot = f
        .app
        .stock_list(StockQuery {
            text: Some(dup.into()),
            ..Default::default()
        })
        .unwrap();
    let v = &peugeot.items[0].fields;
    assert_eq!(
        (v.make.as_str(), v.model.as_str(), v.km),
        ("Peugeot", "3008", Some(12_194))
    );
    assert_eq!(v.first_registration.as_deref(), Some("2019-08-11"));
    assert_eq!(v.manager_name.as_deref(), Some("J. Morel"));

    let customers = import(
        &f.app,
        ImportTarget::Customers,
        &dir.join("customers.csv"),
        false,
    )
    .unwrap();
    assert_eq!(customers.rows, want["customers"].as_u64().unwrap());
    assert_eq!(
        (customers.inserted, customers.rejected),
        (customers.rows, 0),
        "{:?}",
        customers.rejected_rows
    );
    let history = import(
        &f.app,
        ImportTarget::History,
        &dir.join("history.csv"),
        false,
    )
    .unwrap();
    assert_eq!(history.rows, want["history"].as_u64().unwrap());
    assert_eq!(
        (history.inserted, history.rejected),
        (history.rows, 0),
        "{:?}",
        history.rejected_rows
    );

    // The same files again: nothing changes, nothing is rejected that was not before.
    for (target, file) in [
        (ImportTarget::Stock, "stock.csv"),
        (ImportTarget::Customers, "customers.csv"),
        (ImportTarget::History, "history.csv"),
    ] {
        let again = import(&f.app, target, &dir.join(file), false).unwrap();
        assert_eq!((again.inserted, again.updated), (0, 0), "{file}: {again:?}");
        assert_eq!(again.unchanged + again.rejected, again.rows, "{file}");
    }
    // The duplicate VIN's two rows each count as an "unchanged" once the file is in.
    assert_eq!(count(&f.app, "SELECT count(*) FROM import_runs"), 6);

    // A customer's file: identity, consent, vehicles and history with amounts.
    let page = f
        .app
        .customers_list(CustomerQuery {
            text: Some("C100026".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 1);
    let file = f
        .app
        .customer_file(ContactRef {
            contact_id: page.items[0].contact_id,
        })
        .unwrap();
    assert_eq!(file.customer_code.as_deref(), Some("C100026"));
    assert_eq!(
        file.phone.as_deref(),
        Some("+33602953318"),
        "06.02.95.33.18"
    );
    assert!(file.consent_email, "Accord email O");
    assert_eq!(file.history.len(), 5);
    assert!(
        file.history
            .windows(2)
            .all(|w| w[0].happened_on >= w[1].happened_on),
        "newest first"
    );
    assert!(!file.vehicles.is_empty());
    let total: i64 = file.history.iter().filter_map(|h| h.amount_cents).sum();
    assert_eq!(
        file.purchases_cents + file.workshop_cents,
        total
            - file
                .history
                .iter()
                .filter(|h| h.kind == carnet_core::dms::customers::HistoryKind::Autre)
                .filter_map(|h| h.amount_cents)
                .sum::<i64>()
    );
}

#[test]
fn a_dry_run_counts_exactly_and_stores_nothing() {
    let Some(dir) = samples() else { return };
    let f = fixture();
    let dry = import(&f.app, ImportTarget::Stock, &dir.join("stock.csv"), true).unwrap();
    assert!(dry.dry_run && dry.run_id.is_none());
    assert_eq!((dry.inserted, dry.updated, dry.rejected), (40, 1, 2));
    assert_eq!(count(&f.app, "SELECT count(*) FROM stock"), 0);
    assert_eq!(count(&f.app, "SELECT count(*) FROM import_runs"), 0);
}

#[test]
fn history_before_customers_is_rejected_with_the_reason() {
    let Some(dir) = samples() else { return };
    let f = fixture();
    let h = import(
        &f.app,
        ImportTarget::History,
        &dir.join("history.csv"),
        false,
    )
    .unwrap();
    assert_eq!(h.rejected, h.rows);
    assert!(h.rejected_rows[0]
        .reason
        .contains("importez d'abord le fichier clients"));
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

#[test]
fn utf8_with_bom_commas_other_headers_and_a_title_line() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let text = "\u{feff}Export stock — 30/11/2026\n\
        NUMERO_CHASSIS,IMMAT,MARQUE,MODELE,FINITION,CARBURANT,KMS,DATE_MEC,PRIX_VENTE_TTC,VN/VO,STATUT,DATE_ENTREE,RESPONSABLE\n\
        vf3abcdefgh123456,AB-123-CD,CITROEN,C5 AIRCROSS,Shine,Diesel,\"45 000\",2021-03-15,\"24 990,00 €\",Occasion,Réservé,2026-10-01,É. Faure\n\
        WVWZZZ1KZ8W123456,,VW,golf,,Essence,12,15/03/2026,\"31990.5\",Neuf,,01/11/2026,\n";
    let path = write(dir.path(), "stock-utf8.csv", text.as_bytes());
    let s = import(&f.app, ImportTarget::Stock, &path, false).unwrap();
    assert_eq!(
        (
            s.format.encoding.as_str(),
            s.format.delimiter.as_str(),
            s.format.header_line
        ),
        ("UTF-8", ",", 2)
    );
    assert_eq!((s.inserted, s.rejected), (2, 0), "{:?}", s.rejected_rows);
    let page = f.app.stock_list(StockQuery::default()).unwrap();
    let c5 = page
        .items
        .iter()
        .find(|v| v.fields.vin == "VF3ABCDEFGH123456")
        .unwrap();
    assert_eq!(
        (c5.fields.make.as_str(), c5.fields.model.as_str()),
        ("Citroën", "C5 Aircross"),
        "the referential's spelling"
    );
    assert_eq!(
        c5.fields.status,
        Some(carnet_core::dms::stock::StockStatus::Reserve)
    );
    assert_eq!(c5.fields.price_cents, Some(2_499_000));
    let elodie = f
        .meta
        .users
        .iter()
        .find(|u| u.name == "Élodie Faure")
        .unwrap()
        .id;
    assert_eq!(c5.fields.manager_id, Some(elodie), "É. Faure is a user");
    assert_eq!(c5.days_in_stock, Some(54), "1 October to 24 November");
    f.clock.advance(chrono::Duration::days(1));
    let later = f.app.stock_get(StockRef { id: c5.id }).unwrap();
    assert_eq!(later.days_in_stock, Some(55));
    let golf = page
        .items
        .iter()
        .find(|v| v.fields.make == "Volkswagen")
        .unwrap();
    assert_eq!(
        (golf.fields.model.as_str(), golf.fields.price_cents),
        ("Golf", Some(3_199_050))
    );
    assert_eq!(
        golf.fields.condition,
        Some(carnet_core::dms::stock::Condition::Vn)
    );
}

#[test]
fn a_workbook_imports_like_its_csv() {
    use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("clients.xlsx");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("Clients").unwrap();
    let headers = [
        "N° client",
        "Civilité",
        "Nom",
        "Prénom",
        "Code postal",
        "Ville",
        "Portable",
        "E-mail",
        "Client depuis",
        "Accord e-mail",
    ];
    for (c, h) in headers.iter().enumerate() {
        sheet.write(0, c as u16, *h).unwrap();
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    sheet.write(1, 0, 100_234).unwrap();
    sheet.write(1, 1, "Mme").unwrap();
    sheet.write(1, 2, "Lemaître").unwrap();
    sheet.write(1, 3, "Zoé").unwrap();
    sheet.write(1, 4, "69003").unwrap();
    sheet.write(1, 5, "Lyon").unwrap();
    sheet.write(1, 6, "06 11 22 33 44").unwrap();
    sheet.write(1, 7, "Zoe.Lemaitre@Example.fr").unwrap();
    sheet
        .write_with_format(1, 8, ExcelDateTime::from_ymd(2019, 5, 17).unwrap(), &date)
        .unwrap();
    sheet.write(1, 9, true).unwrap();
    sheet.write(2, 0, "C2").unwrap();
    sheet.write(2, 2, "Durand").unwrap();
    sheet.write(2, 6, "n/a").unwrap();
    sheet.write(2, 8, "31/02/2020").unwrap();
    book.save(&path).unwrap();
    let s = import(&f.app, ImportTarget::Customers, &path, false).unwrap();
    assert_eq!(s.format.kind, "Classeur");
    assert_eq!(
        (s.rows, s.inserted, s.rejected),
        (2, 1, 1),
        "{:?}",
        s.rejected_rows
    );
    assert!(s.rejected_rows[0].reason.contains("31/02/2020"));
    let page = f
        .app
        .customers_list(CustomerQuery {
            text: Some("100234".into()),
            ..Default::default()
        })
        .unwrap();
    let file = f
        .app
        .customer_file(ContactRef {
            contact_id: page.items[0].contact_id,
        })
        .unwrap();
    assert_eq!(
        file.customer_code.as_deref(),
        Some("100234"),
        "a whole number stays a code"
    );
    assert_eq!(file.customer_since.as_deref(), Some("2019-05-17"));
    assert_eq!(file.email.as_deref(), Some("zoe.lemaitre@example.fr"));
    assert!(file.consent_email);
}

#[test]
fn bad_files_are_refused_in_french_and_store_nothing() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, &[u8], &str); 4] = [
        ("vide.csv", b"", "vide"),
        (
            "binaire.csv",
            b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00",
            "binaire",
        ),
        (
            "classeur.xlsx",
            b"PK\x03\x04not really a zip",
            "Classeur illisible",
        ),
        (
            "colonnes.csv",
            b"Nom;Adresse\nDupont;1 rue\n",
            "Colonne introuvable pour : VIN",
        ),
    ];
    for (name, bytes, message) in cases {
        let path = write(dir.path(), name, bytes);
        let err = import(&f.app, ImportTarget::Stock, &path, false).unwrap_err();
        assert!(err.contains(message), "{name}: {err}");
    }
    let only_headers = write(dir.path(), "entetes.csv", b"VIN;Marque;Modele;Type\r\n");
    let s = import(&f.app, ImportTarget::Stock, &only_headers, false).unwrap();
    assert_eq!(s.rows, 0);
    assert_eq!(count(&f.app, "SELECT count(*) FROM stock"), 0);
}

#[test]
fn ten_percent_bad_rows_are_listed_and_the_rest_imported() {
    let f = fixture();
    let dir = tempfile::tempdir().unwrap();
    let mut text = String::from("Code client;Nom;Prénom;Email;Date création\n");
    for i in 0..200 {
        if i % 10 == 3 {
            text.push_str(&format!("C{i};Nom{i};;x{i}@example.fr;32/01/2020\n"));
        } else {
            text.push_str(&format!("C{i};Nom{i};Jean;x{i}@example.fr;01/01/2020\n"));
        }
    }
    let path = write(dir.path(), "clients.csv", text.as_bytes());
    let s = import(&f.app, ImportTarget::Customers, &path, false).unwrap();
    assert_eq!((s.rows, s.inserted, s.rejected), (200, 180, 20));
    assert!(s
        .rejected_rows
        .iter()
        .all(|r| r.reason.contains("32/01/2020")));
    let csv = carnet_core::dms::import::run::rejects_csv(&s.rejected_rows);
    let text = String::from_utf8(csv).unwrap();
    assert!(text.starts_with('\u{feff}') && text.contains("Ligne;Motif"));
    assert_eq!(text.lines().count(), 21);
}

#[test]
fn a_vo_alert_fires_once_when_a_matching_vo_arrives() {
    let f = fixture();
    let body = r#"{"id": "a1", "last_name": "Roux", "phone": "0611223344", "kind": "VO"}"#;
    let code = f
        .app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let lead = f.app.lead_get(LeadRef { code }).unwrap().lead;
    let alert = f
        .app
        .vo_alert_save(VoAlertInput {
            lead_id: lead.id,
            make: Some("peugeot".into()),
            model: Some("3008".into()),
            max_price_cents: Some(2_500_000),
            max_km: Some(80_000),
            min_year: Some(2019),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(alert.make.as_deref(), Some("Peugeot"));
    assert!(alert.matches.is_empty());
    let dir = tempfile::tempdir().unwrap();
    let csv = "VIN;Marque;Modèle;Type;Prix TTC;Kilométrage;Date MEC\n\
        VF3MCYHZRKS123456;PEUGEOT;3008;VO;22 900;41 000;12/06/2020\n\
        VF3MCYHZRKS654321;Peugeot;3008;VO;29 900;41 000;12/06/2020\n\
        VF3MCYHZRKS111111;Peugeot;3008;VN;22 900;10;12/06/2026\n\
        VF3MCYHZRKS222222;Peugeot;3008;VO;22 900;41 000;12/06/2017\n";
    let path = write(dir.path(), "stock.csv", csv.as_bytes());
    let s = import(&f.app, ImportTarget::Stock, &path, false).unwrap();
    assert_eq!(s.alerts, 1, "only the first one matches every criterion");
    let alerts = f.app.vo_alerts(LeadIdInput { lead_id: lead.id }).unwrap();
    assert_eq!(alerts[0].matches.len(), 1);
    assert_eq!(alerts[0].matches[0].fields.vin, "VF3MCYHZRKS123456");
    let detail = f
        .app
        .lead_get(LeadRef {
            code: lead.code.clone(),
        })
        .unwrap();
    assert!(detail
        .events
        .iter()
        .any(|e| e.kind == "vo_alert" && e.text.contains("VF3MCYHZRKS123456")));
    // Importing again, or a price change, does not announce the same car twice.
    let again = import(&f.app, ImportTarget::Stock, &path, false).unwrap();
    assert_eq!(again.alerts, 0);
    assert_eq!(count(&f.app, "SELECT count(*) FROM vo_alert_matches"), 1);
}

#[test]
fn intake_links_the_stock_vehicle_and_the_rule_gives_it_to_its_manager() {
    let f = fixture();
    let elodie = f
        .meta
        .users
        .iter()
        .find(|u| u.name == "Élodie Faure")
        .unwrap()
        .id;
    f.app
        .stock_save(StockInput {
            id: None,
            vehicle: carnet_core::dms::stock::StockFields {
                vin: "VF1RFB00X67123456".into(),
                reference: Some("VO-4471".into()),
                make: "renault".into(),
                model: "captur".into(),
                price_cents: Some(1_789_000),
                manager_name: Some("Élodie Faure".into()),
                ..Default::default()
            },
        })
        .unwrap();
    let mut rules = f.app.routing_rules(Empty {}).unwrap();
    rules.assignment.insert(
        0,
        carnet_core::routing::rules::AssignmentRule {
            kind: None,
            source: None,
            site_id: None,
            user_id: None,
            to_site_id: None,
            to_stock_manager: true,
            active: true,
        },
    );
    f.app.routing_rules_set(rules).unwrap();
    // The ad's reference names the stock vehicle.
    let body = r#"{"id": "s1", "last_name": "Blanc", "phone": "0611223355", "kind": "VO", "external_ref": "vo-4471"}"#;
    let code = f
        .app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let detail = f.app.lead_get(LeadRef { code }).unwrap();
    assert_eq!(detail.lead.owner_id, Some(elodie));
    let v = detail.lead.vehicle.as_ref().unwrap();
    assert_eq!(
        (v.make.as_str(), v.model.as_str(), v.price_cents),
        ("Renault", "Captur", Some(1_789_000))
    );
    assert!(detail
        .events
        .iter()
        .any(|e| e.text.contains("Véhicule du stock reconnu")));
    // A lead naming no stock vehicle skips the rule and goes round-robin.
    let body = r#"{"id": "s2", "last_name": "Noir", "phone": "0611223366", "kind": "VO"}"#;
    let code = f
        .app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let other = f.app.lead_get(LeadRef { code }).unwrap().lead;
    assert!(other.vehicle.is_none());
}

#[test]
fn a_stock_vehicle_becomes_the_leads_vehicle_of_interest() {
    let f = fixture();
    let saved = f
        .app
        .stock_save(StockInput {
            id: None,
            vehicle: carnet_core::dms::stock::StockFields {
                vin: "WVWZZZAUZKW123456".into(),
                make: "Volkswagen".into(),
                model: "Golf".into(),
                price_cents: Some(2_190_000),
                ..Default::default()
            },
        })
        .unwrap();
    let body = r#"{"id": "g1", "last_name": "Vert", "phone": "0611223377", "kind": "VO"}"#;
    let code = f
        .app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let lead = f.app.lead_get(LeadRef { code }).unwrap().lead;
    let lead = f
        .app
        .stock_attach(StockAttach {
            lead_id: lead.id,
            stock_id: saved.id,
        })
        .unwrap();
    let v = lead.vehicle.unwrap();
    assert_eq!(
        (v.vin.as_deref(), v.price_cents),
        (Some("WVWZZZAUZKW123456"), Some(2_190_000))
    );
    // A bad VIN typed in the stock screen is refused with its field.
    let err = f
        .app
        .call(
            "stock_save",
            serde_json::json!({"vehicle": {"vin": "123", "make": "VW", "model": "Polo"}}),
        )
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("vin"));
}

#[test]
fn the_window_sends_a_file_in_pieces_previews_it_and_imports_it() {
    use base64::Engine;
    let f = fixture();
    let csv = "Export DMS\r\nN° VIN;Marque;Modèle;Type;Prix TTC\r\nVF3MCYHZRKS123456;Peugeot;3008;VO;22 900\r\nVF3MCYHZRKS654321;Peugeot;208;VO;31/02\r\n";
    let b64 = |bytes: &[u8]| base64::engine::general_purpose::STANDARD.encode(bytes);
    let (first, second) = csv.as_bytes().split_at(30);
    let state: UploadState = serde_json::from_value(
        f.app
            .call(
                "import_upload",
                serde_json::json!({"offset": 0, "data_base64": b64(first)}),
            )
            .unwrap(),
    )
    .unwrap();
    let out_of_order = f.app.call(
        "import_upload",
        serde_json::json!({"upload_id": state.upload_id, "offset": 0, "data_base64": b64(second)}),
    );
    assert_eq!(out_of_order.unwrap_err().field.as_deref(), Some("offset"));
    let state: UploadState = serde_json::from_value(
        f.app
            .call(
                "import_upload",
                serde_json::json!({"upload_id": state.upload_id, "offset": 30, "data_base64": b64(second)}),
            )
            .unwrap(),
    )
    .unwrap();
    assert_eq!(state.received, csv.len() as u64);
    let preview = f
        .app
        .import_preview(ImportPreviewInput {
            upload_id: state.upload_id.clone(),
            target: ImportTarget::Stock,
            profile: None,
        })
        .unwrap();
    assert_eq!(preview.format.header_line, 2);
    assert_eq!(preview.mapping["vin"], "N° VIN");
    assert_eq!(preview.sample.len(), 2);
    assert!(preview.missing.is_empty());
    let input = ImportRunInput {
        upload_id: state.upload_id.clone(),
        target: ImportTarget::Stock,
        file_name: "stock.csv".into(),
        mapping: Some(preview.mapping.clone()),
        profile: None,
        dry_run: true,
    };
    let dry = f.app.import_run(input.clone()).unwrap();
    assert_eq!((dry.inserted, dry.rejected), (1, 1));
    assert!(
        dry.rejected_rows[0].reason.contains("Prix TTC"),
        "{:?}",
        dry.rejected_rows
    );
    let done = f
        .app
        .import_run(ImportRunInput {
            dry_run: false,
            ..input.clone()
        })
        .unwrap();
    assert_eq!(done.inserted, 1);
    // The staged file is gone once imported: a second run asks for the file again.
    let err = f.app.import_run(input).unwrap_err().to_string();
    assert!(err.contains("envoyez-le à nouveau"), "{err}");
    // A saved profile maps a file whose headers say nothing known.
    let profile = carnet_core::dms::import::mapping::ImportProfile {
        name: "Mon DMS".into(),
        target: ImportTarget::Stock,
        mapping: [
            ("vin", "C1"),
            ("make", "C2"),
            ("model", "C3"),
            ("condition", "C4"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect(),
        updated_at: String::new(),
    };
    f.app.import_profile_save(profile).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "odd.csv",
        b"C1;C2;C3;C4\nWVWZZZ1KZ8W123456;VW;Polo;VN\n",
    );
    let req = ImportRequest {
        target: ImportTarget::Stock,
        path,
        file_name: "odd.csv".into(),
        mapping: None,
        profile: Some("Mon DMS".into()),
        dry_run: false,
    };
    let s = f.app.import_file(&req, &mut |_| true).unwrap();
    assert_eq!((s.inserted, s.rejected), (1, 0));
    // Cancelling stores nothing.
    let mut big = String::from("VIN;Marque;Modèle;Type\n");
    for i in 0..2000 {
        big.push_str(&format!("VF3MCYHZRKS{:06};Peugeot;208;VO\n", 200_000 + i));
    }
    let path = write(dir.path(), "big.csv", big.as_bytes());
    let before = count(&f.app, "SELECT count(*) FROM stock");
    let req = ImportRequest {
        path,
        profile: None,
        ..req
    };
    let err = f
        .app
        .import_file(&req, &mut |p| p.rows < 1000)
        .unwrap_err()
        .to_string();
    assert!(err.contains("annulé"), "{err}");
    assert_eq!(count(&f.app, "SELECT count(*) FROM stock"), before);
}
