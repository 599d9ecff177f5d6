//! Leads from a manufacturer portal's CSV export (Windows-1252, semicolons, French headers).

use carnet_core::intake::csv_import::CsvOptions;
use carnet_core::intake::store::IngestResult;
use carnet_core::App;

fn export() -> Vec<u8> {
    let text = "N° dossier;Civilité;Nom;Prénom;Téléphone portable;Adresse e-mail;Code postal;Ville;Marque;Modèle;Commentaire\r\n\
                LD-90001;Mme;Lefèvre;Amélie;06 45 12 78 90;amelie.lefevre@orange.fr;69003;Lyon;Peugeot;3008;Souhaite un essai du 3008 hybride\r\n\
                LD-90002;M.;Garçon;Jérôme;;jerome.garcon@laposte.net;69100;Villeurbanne;Renault;Austral;Rappel après 18 h\r\n\
                LD-90003;M.;Sans Contact;Paul;;;;;Dacia;Duster;Aucun moyen de le joindre\r\n\
                ;;;;;;;;;;\r\n";
    encoding_rs::WINDOWS_1252.encode(text).0.into_owned()
}

fn options(dry_run: bool) -> CsvOptions {
    CsvOptions {
        source: "Constructeur".into(),
        renames: vec![("N° dossier".into(), "Référence".into())],
        dry_run,
    }
}

#[test]
fn a_portal_export_becomes_leads_once_and_bad_rows_wait_in_quarantine() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();

    let dry = app
        .import_leads_csv("portail.csv", &export(), &options(true))
        .unwrap();
    assert_eq!(
        (dry.encoding.as_str(), dry.delimiter.as_str()),
        ("windows-1252", ";")
    );
    assert_eq!((dry.summary.leads_created, dry.summary.quarantined), (2, 1));
    assert_eq!(
        app.leads_list(Default::default()).unwrap().total,
        0,
        "a dry run stores nothing"
    );

    let report = app
        .import_leads_csv("portail.csv", &export(), &options(false))
        .unwrap();
    assert_eq!(report.summary.files, 3, "the empty line is skipped");
    assert_eq!(
        (report.summary.leads_created, report.summary.quarantined),
        (2, 1)
    );
    assert_eq!(report.rows[2].line, 4);
    assert_eq!(report.rows[2].outcome.result, IngestResult::Quarantined);

    let leads = app.leads_list(Default::default()).unwrap().leads;
    let amelie = leads
        .iter()
        .find(|l| l.contact.last_name == "Lefèvre")
        .unwrap();
    assert_eq!(amelie.source, "Constructeur");
    assert_eq!(amelie.contact.first_name, "Amélie");
    assert_eq!(amelie.contact.phone.as_deref(), Some("+33645127890"));
    assert_eq!(amelie.external_ref.as_deref(), Some("LD-90001"));
    assert_eq!(
        amelie.vehicle.as_ref().map(|v| v.model.as_str()),
        Some("3008")
    );
    assert!(amelie.message.as_deref().unwrap_or("").contains("essai"));

    let again = app
        .import_leads_csv("portail.csv", &export(), &options(false))
        .unwrap();
    assert_eq!(again.summary.leads_created, 0);
    assert_eq!(again.summary.duplicates, 3);
}

#[test]
fn a_file_without_header_or_too_big_is_refused_in_french() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    let err = app
        .import_leads_csv("vide.csv", b"", &options(false))
        .unwrap_err()
        .to_api();
    assert!(err.message.contains("en-tête"), "{}", err.message);
}
