//! Contacts on a real database file: duplicates and their merge (consents by the latest explicit
//! choice, history kept, recorded, erasable), and the Bloctel list (import, badge, refusals,
//! validity).

use base64::Engine;
use carnet_core::api::*;
use chrono::Duration;
use rusqlite::Connection;

mod common;
use common::{fixture, Fixture};

fn raw_bytes(f: &Fixture) -> Vec<u8> {
    let mut bytes = std::fs::read(&f.db).unwrap();
    let mut wal = f.db.as_os_str().to_os_string();
    wal.push("-wal");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    bytes
}

fn found(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn two_files_of_one_person_merge_with_the_latest_consent_and_their_history() {
    let f = fixture();
    // Julie opted in at the showroom; a week later she writes from her work address, and a
    // week after that answers STOP from it.
    let kept = common::lead_for(
        &f,
        "Julie",
        "Martin",
        "06 12 34 56 78",
        "julie@example.fr",
        true,
    );
    f.clock.advance(Duration::days(7));
    let other = common::lead_for(
        &f,
        "julie",
        "MARTIN",
        "06 98 76 54 32",
        "j.martin@travail-lyon.fr",
        false,
    );
    f.clock.advance(Duration::days(7));
    let stop = "From: J. Martin <j.martin@travail-lyon.fr>\r\nTo: contact@garage.fr\r\nSubject: Re: Votre demande\r\n\
                Message-ID: <stop-merge@example.fr>\r\nDate: Tue, 08 Dec 2026 10:00:00 +0000\r\n\r\nSTOP\r\n";
    f.app
        .ingest_mail(stop.as_bytes(), carnet_core::intake::store::Channel::File)
        .unwrap();
    let (k, m) = (kept.contact.id, other.contact.id);

    let candidates = f
        .app
        .contact_duplicates(ContactRef { contact_id: k })
        .unwrap();
    assert_eq!(candidates.len(), 1, "{candidates:?}");
    assert_eq!(candidates[0].contact_id, m);
    assert_eq!(candidates[0].reasons, ["nom"]);

    // Refusals first: nothing changes.
    let refused = |keep_id, merge_id, confirm| {
        f.app
            .contacts_merge(ContactMergeInput {
                keep_id,
                merge_id,
                confirm,
            })
            .unwrap_err()
            .to_string()
    };
    assert!(refused(k, m, false).contains("Confirmez"));
    assert!(refused(k, k, true).contains("deux contacts différents"));
    assert!(
        refused(k, 999_999, true).contains("introuvable")
            || refused(k, 999_999, true).contains("Contact")
    );

    f.clock.advance(Duration::days(1));
    let report = f
        .app
        .contacts_merge(ContactMergeInput {
            keep_id: k,
            merge_id: m,
            confirm: true,
        })
        .unwrap();
    assert_eq!((report.leads, report.history, report.alerts), (1, 0, 0));
    assert!(
        !report.consent_email,
        "her STOP is later than her opt-in: {report:?}"
    );
    assert_eq!(
        report.kept_aside,
        [
            "Autre téléphone : 06 98 76 54 32",
            "Autre e-mail : j.martin@travail-lyon.fr"
        ]
    );

    // One file: both leads, her mobile (the other mobile is no landline: set aside), the consent
    // history of both.
    assert!(
        f.app.customer_file(ContactRef { contact_id: m }).is_err(),
        "absorbed"
    );
    let file = f.app.customer_file(ContactRef { contact_id: k }).unwrap();
    assert_eq!(file.leads.len(), 2);
    assert_eq!(file.phone.as_deref(), Some("+33612345678"));
    assert_eq!(file.landline, None);
    assert!(!file.consent_email);
    let history = f
        .app
        .contact_consents(ContactRef { contact_id: k })
        .unwrap();
    let sources: Vec<&str> = history.iter().map(|e| e.source.as_str()).collect();
    assert_eq!(
        sources,
        ["fusion de contacts", "réponse STOP", "Showroom"],
        "{history:?}"
    );
    // Each lead says so; the other lead is found under her phone now.
    for code in [&kept.code, &other.code] {
        let detail = f.app.lead_get(LeadRef { code: code.clone() }).unwrap();
        assert_eq!(detail.lead.contact.id, k);
        assert!(detail
            .events
            .iter()
            .any(|e| e.kind == "contacts_merged" && e.text.contains("travail-lyon")));
    }
    let page = f
        .app
        .leads_list(LeadQuery {
            search: Some("06 12 34 56 78".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.total, 2);
    // Recorded: the merge with the absorbed file as it was, and the journal without the person.
    let conn = Connection::open(&f.db).unwrap();
    let absorbed: String = conn
        .query_row(
            "SELECT absorbed FROM contact_merges WHERE kept_id = ?1",
            [k],
            |r| r.get(0),
        )
        .unwrap();
    assert!(absorbed.contains("j.martin@travail-lyon.fr"), "{absorbed}");
    let journal: String = conn
        .query_row(
            "SELECT text FROM events WHERE kind = 'audit.contact_merge'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(!journal.contains("Martin"), "{journal}");

    // Her erasure reaches what the merge kept aside.
    f.app
        .contact_erase(EraseInput {
            contact_id: k,
            confirm: true,
        })
        .unwrap();
    let bytes = raw_bytes(&f);
    for needle in ["travail-lyon", "julie@example.fr", "+33698765432"] {
        assert!(
            !found(&bytes, needle),
            "{needle} still in the database file"
        );
    }
    assert!(
        f.app
            .contacts_merge(ContactMergeInput {
                keep_id: k,
                merge_id: k + 100,
                confirm: true
            })
            .is_err(),
        "an erased contact cannot be merged"
    );
}

#[test]
fn two_dms_customers_are_merged_in_the_dms_first() {
    let f = fixture();
    let a = common::lead_for(
        &f,
        "Paul",
        "Girard",
        "06 11 11 11 11",
        "paul@example.fr",
        false,
    );
    let b = common::lead_for(
        &f,
        "Paul",
        "Girard",
        "06 22 22 22 22",
        "p.girard@example.fr",
        false,
    );
    let conn = Connection::open(&f.db).unwrap();
    conn.execute("UPDATE contacts SET customer_code = 'C' || id", [])
        .unwrap();
    let message = f
        .app
        .contacts_merge(ContactMergeInput {
            keep_id: a.contact.id,
            merge_id: b.contact.id,
            confirm: true,
        })
        .unwrap_err()
        .to_string();
    assert!(message.contains("numéro client du DMS"), "{message}");
    assert!(
        f.app
            .customer_file(ContactRef {
                contact_id: b.contact.id
            })
            .is_ok(),
        "untouched"
    );
}

fn bloctel(f: &Fixture, text: &str, dry_run: bool) -> carnet_core::Result<BloctelReport> {
    f.app.bloctel_import(BloctelImportInput {
        file_name: "bloctel-retour.csv".into(),
        base64: base64::engine::general_purpose::STANDARD.encode(text),
        dry_run,
    })
}

#[test]
fn the_bloctel_list_marks_contacts_and_refuses_a_wrong_file_whole() {
    let f = fixture();
    let listed = common::lead_for(
        &f,
        "Marc",
        "Blanc",
        "06 45 45 45 45",
        "marc@example.fr",
        false,
    );
    let landline = common::lead_for(
        &f,
        "Anne",
        "Roy",
        "06 46 46 46 46",
        "anne@example.fr",
        false,
    );
    let free = common::lead_for(
        &f,
        "Léo",
        "Petit",
        "06 47 47 47 47",
        "leo@example.fr",
        false,
    );
    let conn = Connection::open(&f.db).unwrap();
    conn.execute(
        "UPDATE contacts SET landline = '+33478787878' WHERE id = ?1",
        [landline.contact.id],
    )
    .unwrap();
    let status = f.app.bloctel_status(Empty {}).unwrap();
    assert_eq!((status.numbers, status.imported_at.clone()), (0, None));

    let file = "Numéro;Date d'inscription\r\n0645454545;02/11/2026\r\n33478787878\r\n+33 1 99 99 99 99;2026-10-01\r\n0645454545\r\n";
    let report = bloctel(&f, file, false).unwrap();
    assert_eq!(
        (
            report.numbers,
            report.added,
            report.removed,
            report.contacts_listed
        ),
        (3, 3, 0, 2)
    );
    let badge = |lead: &Lead| {
        f.app
            .lead_get(LeadRef {
                code: lead.code.clone(),
            })
            .unwrap()
            .lead
            .contact
            .bloctel
    };
    assert!(badge(&listed) && badge(&landline) && !badge(&free));
    let rows = f
        .app
        .customers_list(CustomerQuery::default())
        .unwrap()
        .items;
    assert_eq!(rows.iter().filter(|r| r.bloctel).count(), 2);
    assert!(
        f.app
            .customer_file(ContactRef {
                contact_id: landline.contact.id
            })
            .unwrap()
            .bloctel
    );

    // A call answering Marc's own request stays allowed.
    f.app
        .lead_log_call(carnet_core::followup::calls::CallInput {
            lead_id: listed.id,
            outcome: carnet_core::followup::calls::CallOutcome::PasDeReponse,
            duration_s: 20,
            note: None,
        })
        .unwrap();

    // A dry run of next month's file (Anne by her mobile now) says what would change, and
    // changes nothing.
    let preview = bloctel(&f, "0646464646\n0147474747\n", true).unwrap();
    assert_eq!(
        (
            preview.numbers,
            preview.added,
            preview.removed,
            preview.contacts_listed
        ),
        (2, 2, 3, 1)
    );
    assert!(badge(&listed));

    // A wrong file is refused whole, with its lines; the list in force stays.
    let message = bloctel(&f, "0645454545\nMarc Blanc\n06 45\n", false)
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("rien n'a été importé")
            && message.contains("ligne 2")
            && message.contains("ligne 3"),
        "{message}"
    );
    assert!(bloctel(&f, "", false)
        .unwrap_err()
        .to_string()
        .contains("aucun numéro"));
    let zip = bloctel(&f, "PK\u{3}\u{4}binary", false)
        .unwrap_err()
        .to_string();
    assert!(zip.contains("fichier texte ou CSV"), "{zip}");
    let status = f.app.bloctel_status(Empty {}).unwrap();
    assert_eq!(
        (status.numbers, status.contacts_listed, status.stale),
        (3, 2, false)
    );
    assert_eq!(status.file_name.as_deref(), Some("bloctel-retour.csv"));

    // A Bloctel answer is valid 30 days.
    f.clock.advance(Duration::days(31));
    assert!(f.app.bloctel_status(Empty {}).unwrap().stale);
}
