//! Privacy on real database files: the consent history through intake (a webhook lead, a
//! matched request with a new opt-in, a « STOP » reply), the export of a person, and an erasure
//! whose person is found nowhere in the database file, its WAL or the search index afterwards.

use carnet_core::api::{ContactRef, EraseInput};
use carnet_core::intake::store::{Channel, IngestResult};
use carnet_core::App;
use rusqlite::Connection;
use std::path::Path;

fn app(dir: &Path, leads: u64) -> App {
    let app = App::open(&dir.join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, leads, 7).unwrap();
    app
}

fn contact_of(app: &App, email: &str) -> i64 {
    Connection::open(app.db_path())
        .unwrap()
        .query_row("SELECT id FROM contacts WHERE email = ?1", [email], |r| {
            r.get(0)
        })
        .unwrap()
}

#[test]
fn consent_history_through_intake_and_a_stop_reply() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), 0);
    let first = r#"{"id": "p1", "last_name": "Fabre", "first_name": "Inès", "email": "ines.fabre@example.fr", "kind": "VO",
                    "vehicle": {"make": "Fiat", "model": "500"}}"#;
    app.ingest_webhook(first.as_bytes()).unwrap();
    let id = contact_of(&app, "ines.fabre@example.fr");
    assert!(
        app.contact_consents(ContactRef { contact_id: id })
            .unwrap()
            .is_empty(),
        "no opt-in given"
    );

    // The same person comes back through the form and ticks the box: merged, opt-in recorded.
    let second = r#"{"id": "p2", "last_name": "Fabre", "first_name": "Inès", "email": "ines.fabre@example.fr", "kind": "VO",
                     "consent": true, "vehicle": {"make": "Fiat", "model": "500"}}"#;
    let merged = app.ingest_webhook(second.as_bytes()).unwrap();
    assert_eq!(merged.result, IngestResult::Merged);
    let history = app.contact_consents(ContactRef { contact_id: id }).unwrap();
    assert_eq!(history.len(), 2, "{history:?}");
    assert!(history
        .iter()
        .all(|e| !e.old && e.new && e.source == "Site web" && e.lead_id.is_some()));

    // Her « STOP » reply withdraws the e-mail consent; the SMS one stays as she gave it.
    let stop = "From: Ines Fabre <ines.fabre@example.fr>\r\nTo: contact@garage.fr\r\nSubject: Re: Votre demande\r\n\
                Message-ID: <stop-1@example.fr>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\
                STOP\r\n\r\nLe 23/11/2026, Garage a écrit :\r\n> Bonjour, nous avons essayé de vous joindre…\r\n";
    let out = app.ingest_mail(stop.as_bytes(), Channel::Imap).unwrap();
    assert_eq!(out.result, IngestResult::OptOut, "{:?}", out.reason);
    assert!(out.reason.unwrap().contains("Désinscription enregistrée"));
    let history = app.contact_consents(ContactRef { contact_id: id }).unwrap();
    let latest = &history[0];
    assert_eq!(
        (latest.old, latest.new, latest.source.as_str()),
        (true, false, "réponse STOP")
    );
    let conn = Connection::open(app.db_path()).unwrap();
    let (email, sms): (bool, bool) = conn
        .query_row(
            "SELECT consent_email, consent_sms FROM contacts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!((email, sms), (false, true));
    let shown: i64 = conn
        .query_row(
            "SELECT count(*) FROM events WHERE kind = 'consent' AND text LIKE '%réponse STOP%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(shown, 1, "the withdrawal is shown on her lead");

    // A lead that only mentions the word further down stays a lead.
    let lead = "From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\n\
                Message-ID: <stop-2@example.fr>\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nNom : Girard\r\n\
                Téléphone : 06 55 44 33 22\r\nMessage : Bonjour, la voiture a un stop-and-start ?\r\n";
    assert_eq!(
        app.ingest_mail(lead.as_bytes(), Channel::Imap)
            .unwrap()
            .result,
        IngestResult::Created
    );
}

/// The bytes of the database file and its WAL.
fn raw_bytes(db: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(db).unwrap();
    let mut wal = db.as_os_str().to_os_string();
    wal.push("-wal");
    bytes.extend(std::fs::read(&wal).unwrap_or_default());
    bytes
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

#[test]
fn export_then_erasure_of_a_person_with_an_order() {
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), 300);
    let conn = Connection::open(app.db_path()).unwrap();
    // A demo customer with a bon de commande, renamed to words found nowhere else.
    let (contact_id, order_number, total): (i64, String, i64) = conn
        .query_row(
            "SELECT l.contact_id, d.number, d.total_ttc_cents FROM orders d JOIN leads l ON l.id = d.lead_id ORDER BY d.id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    conn.execute(
        "UPDATE contacts SET first_name = 'Zéphyrine', last_name = 'Quasimodovitch', email = 'zephyrine.quasimodovitch@example.org',
                phone = '+33698765432' WHERE id = ?1",
        [contact_id],
    )
    .unwrap();
    conn.execute(
        "UPDATE orders SET buyer = json_set(buyer, '$.name', 'Zéphyrine Quasimodovitch', '$.email', 'zephyrine.quasimodovitch@example.org')
         WHERE number = ?1",
        [&order_number],
    )
    .unwrap();
    let lead_id: i64 = conn
        .query_row(
            "SELECT id FROM leads WHERE contact_id = ?1 LIMIT 1",
            [contact_id],
            |r| r.get(0),
        )
        .unwrap();
    conn.execute(
        "INSERT INTO events(lead_id, at, kind, text) VALUES (?1, '2026-11-20T10:00:00Z', 'note', 'Zéphyrine rappelle au 06 98 76 54 32')",
        [lead_id],
    )
    .unwrap();
    drop(conn);

    // Access: the export holds every kind of record the database has for her.
    let export = app.contact_export(ContactRef { contact_id }).unwrap();
    let doc: serde_json::Value = serde_json::from_str(&export.json).unwrap();
    assert_eq!(doc["contact"]["last_name"], "Quasimodovitch");
    let leads = doc["leads"].as_array().unwrap();
    assert!(!leads.is_empty());
    let all = |key: &str| {
        leads
            .iter()
            .map(|l| l[key].as_array().map_or(0, Vec::len))
            .sum::<usize>()
    };
    assert!(
        all("timeline") > 0 && all("orders") == 1 && all("offers") >= 1,
        "{}",
        export.json
    );
    let count = |sql: &str| -> usize {
        Connection::open(app.db_path())
            .unwrap()
            .query_row(sql, [contact_id], |r| r.get::<_, i64>(0))
            .unwrap() as usize
    };
    for (key, table) in [
        ("timeline", "events"),
        ("tasks", "tasks"),
        ("tradeins", "tradeins"),
        ("testdrives", "testdrives"),
        ("offers", "offers"),
        ("orders", "orders"),
        ("documents", "lead_files"),
        ("mails_sent", "outbox"),
    ] {
        let sql = format!("SELECT count(*) FROM {table} WHERE lead_id IN (SELECT id FROM leads WHERE contact_id = ?1)");
        assert_eq!(all(key), count(&sql), "{key}");
    }

    // The order is not delivered yet: refused, nothing erased.
    let refused = app
        .contact_erase(EraseInput {
            contact_id,
            confirm: true,
        })
        .unwrap_err();
    assert!(refused.user_message().contains(&order_number), "{refused}");
    assert!(contains(&raw_bytes(app.db_path()), "Quasimodovitch"));
    assert!(
        app.contact_erase(EraseInput {
            contact_id,
            confirm: false
        })
        .is_err(),
        "needs the confirmation"
    );
    let unknown = app
        .contact_erase(EraseInput {
            contact_id: 987_654,
            confirm: true,
        })
        .unwrap_err();
    assert_eq!(unknown.code(), "not_found");

    // Delivered: erased everywhere, the order's legal fields kept.
    Connection::open(app.db_path())
        .unwrap()
        .execute(
            "UPDATE orders SET delivery_date = '2026-01-15' WHERE number = ?1",
            [&order_number],
        )
        .unwrap();
    let report = app
        .contact_erase(EraseInput {
            contact_id,
            confirm: true,
        })
        .unwrap();
    assert!(report.leads >= 1 && report.orders_kept == 1, "{report:?}");
    let bytes = raw_bytes(app.db_path());
    for needle in [
        "Quasimodovitch",
        "quasimodovitch",
        "Zéphyrine",
        "zephyrine",
        "zephyrine.quasimodovitch@example.org",
        "+33698765432",
        "06 98 76 54 32",
        "698765432",
    ] {
        assert!(
            !contains(&bytes, needle),
            "« {needle} » still in the database file or its WAL"
        );
    }
    let conn = Connection::open(app.db_path()).unwrap();
    let (number, kept_total): (String, i64) = conn
        .query_row(
            "SELECT number, total_ttc_cents FROM orders WHERE number = ?1",
            [&order_number],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(
        (number, kept_total),
        (order_number, total),
        "the order's legal fields remain"
    );
    let recorded: (String, String) = conn
        .query_row(
            "SELECT reason, counts FROM erasures WHERE contact_id = ?1",
            [contact_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(recorded.0, "demande");
    assert!(
        !recorded.1.contains("Quasimodovitch"),
        "recorded without the erased data"
    );
    let search = app
        .leads_list(carnet_core::leads::list::LeadQuery {
            search: Some("Quasimodovitch".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(search.total, 0);
    // Erased twice: refused in French, nothing changes.
    assert!(app
        .contact_erase(EraseInput {
            contact_id,
            confirm: true
        })
        .unwrap_err()
        .user_message()
        .contains("déjà effacé"));
}

#[test]
fn retention_anonymises_what_is_past_its_time_and_says_what_it_keeps() {
    use carnet_core::api::RetentionInput;
    let dir = tempfile::tempdir().unwrap();
    let app = app(dir.path(), 0);
    // Five people, whose ages and situations are set below.
    let people = [
        "old.prospect",
        "young.prospect",
        "old.customer",
        "ancient.customer",
        "open.lead",
    ];
    for (i, who) in people.iter().enumerate() {
        let body = format!(
            r#"{{"id": "r{i}", "last_name": "Retenu{i}", "email": "{who}@example.fr", "kind": "VO", "vehicle": {{"make": "Fiat", "model": "Panda"}}}}"#
        );
        app.ingest_webhook(body.as_bytes()).unwrap();
    }
    let conn = Connection::open(app.db_path()).unwrap();
    let set = |who: &str, years: i64, status: &str, customer: bool| {
        let at = (chrono::Utc::now() - chrono::Duration::days(365 * years + 30))
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let id = contact_of(&app, &format!("{who}@example.fr"));
        conn.execute(
            "UPDATE contacts SET created_at = ?2, customer_code = ?3 WHERE id = ?1",
            params(id, &at, customer),
        )
        .unwrap();
        conn.execute(
            "UPDATE leads SET last_activity_at = ?2, status = ?3 WHERE contact_id = ?1",
            rusqlite::params![id, at, status],
        )
        .unwrap();
        id
    };
    fn params(id: i64, at: &str, customer: bool) -> (i64, &str, Option<String>) {
        (id, at, customer.then(|| format!("C{id}")))
    }
    let old_prospect = set("old.prospect", 4, "perdu", false);
    set("young.prospect", 2, "perdu", false);
    set("old.customer", 4, "gagne", true);
    let ancient = set("ancient.customer", 11, "gagne", true);
    set("open.lead", 5, "en_cours", false);

    let preview = app.retention_run(RetentionInput { dry_run: true }).unwrap();
    assert_eq!(
        (preview.examined, preview.anonymised),
        (5, 2),
        "{preview:?}"
    );
    let mut due: Vec<i64> = preview.due.iter().map(|d| d.contact_id).collect();
    due.sort();
    assert_eq!(due, vec![old_prospect, ancient]);
    let kept = |reason: &str| {
        preview
            .kept
            .iter()
            .find(|k| k.reason == reason)
            .map_or(0, |k| k.count)
    };
    assert_eq!(
        (
            kept("lead en cours"),
            kept("prospect actif dans le délai"),
            kept("client dans le délai")
        ),
        (1, 1, 1)
    );
    let erased_before: i64 = conn
        .query_row(
            "SELECT count(*) FROM contacts WHERE erased_at IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(erased_before, 0, "a dry run changes nothing");

    let run = app
        .retention_run(RetentionInput { dry_run: false })
        .unwrap();
    assert_eq!(run.anonymised, 2);
    let erased: Vec<(i64, String)> = {
        let mut stmt = conn.prepare("SELECT c.id, e.reason FROM contacts c JOIN erasures e ON e.contact_id = c.id ORDER BY c.id").unwrap();
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?))).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(
        erased,
        vec![
            (old_prospect, "conservation".to_string()),
            (ancient, "conservation".to_string())
        ]
    );
    assert_eq!(
        app.retention_run(RetentionInput { dry_run: true })
            .unwrap()
            .anonymised,
        0,
        "nothing left due"
    );
}
