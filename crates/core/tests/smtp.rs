//! Lead alerts by e-mail through a real SMTP server on loopback (aiosmtpd, from the test venv).

use carnet_core::api::Empty;
use carnet_core::notify::outbox::{SmtpConfig, SmtpSecurity, SmtpSetup};
use carnet_core::App;
use std::net::TcpListener;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

mod common;

struct SmtpSink {
    child: Child,
    dir: tempfile::TempDir,
    port: u16,
}

impl Drop for SmtpSink {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl SmtpSink {
    fn start() -> Option<SmtpSink> {
        let python = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../.venv/bin/python");
        let available = python.exists()
            && Command::new(&python)
                .args(["-c", "import aiosmtpd"])
                .status()
                .is_ok_and(|s| s.success());
        if !available {
            assert!(
                std::env::var_os("CI").is_none(),
                "aiosmtpd must be installed in CI (scripts/setup.sh --test)"
            );
            eprintln!("SKIPPED: no .venv with aiosmtpd (bash scripts/setup.sh --test)");
            return None;
        }
        let port = TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let dir = tempfile::tempdir().unwrap();
        let child = Command::new(python)
            .args([
                "-m",
                "aiosmtpd",
                "-n",
                "-l",
                &format!("127.0.0.1:{port}"),
                "-c",
                "aiosmtpd.handlers.Mailbox",
            ])
            .arg(dir.path().join("mail"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let start = Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            assert!(
                start.elapsed() < Duration::from_secs(15),
                "aiosmtpd did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        Some(SmtpSink { child, dir, port })
    }

    fn received(&self) -> Vec<String> {
        let new = self.dir.path().join("mail/new");
        std::fs::read_dir(new)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| std::fs::read_to_string(e.path()).unwrap_or_default())
                    .collect()
            })
            .unwrap_or_default()
    }
}

fn config(port: u16) -> SmtpConfig {
    SmtpConfig {
        host: "127.0.0.1".into(),
        port,
        security: SmtpSecurity::Plain,
        username: None,
        from_address: "carnet@garage-des-lilas.fr".into(),
        from_name: "Carnet — Garage des Lilas".into(),
    }
}

#[test]
fn a_new_lead_alerts_its_owner_by_mail() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app.smtp_configure(SmtpSetup {
        config: config(sink.port),
        password: None,
    })
    .unwrap();

    let body = r#"{"id": "a1", "first_name": "Zoé", "last_name": "Perrin", "phone": "0606828836", "kind": "VO", "vehicle": {"make": "Fiat", "model": "500"}}"#;
    let outcome = app.ingest_webhook(body.as_bytes()).unwrap();
    let code = outcome.lead_code.unwrap();
    // The owner, and the site's two managers in copy (seed 003: "chef des ventes et vendeurs").
    assert_eq!(app.smtp_status(Empty {}).unwrap().pending, 3);

    let report = app.outbox_send(Empty {}).unwrap();
    assert_eq!((report.sent, report.failed), (3, 0));
    let mails = sink.received();
    assert_eq!(mails.len(), 3);
    let owner = app
        .lead_get(carnet_core::api::LeadRef { code: code.clone() })
        .unwrap()
        .lead
        .owner
        .unwrap();
    let mail = mails
        .iter()
        .find(|m| m.contains(&owner_email_of(&app, &owner)))
        .expect("a mail to the owner");
    assert!(mail.contains(&code), "{mail}");
    assert!(mail.contains("+33606828836"), "{mail}");
    let owner_email = app
        .meta(Empty {})
        .unwrap()
        .users
        .into_iter()
        .find(|u| u.name == owner)
        .unwrap()
        .email;
    assert!(
        mail.contains(&owner_email),
        "sent to the owner {owner_email}: {mail}"
    );
    assert_eq!(app.smtp_status(Empty {}).unwrap().pending, 0);
    assert_eq!(
        app.outbox_send(Empty {}).unwrap().sent,
        0,
        "nothing is sent twice"
    );

    // A crash after the server took a mail but before Carnet recorded it: the mail is sent again
    // at the next start, with the same Message-ID, so that the receiver drops the copy.
    let conn = rusqlite::Connection::open(dir.path().join("c.db")).unwrap();
    conn.execute("UPDATE outbox SET state = 'pending', sent_at = NULL WHERE id = (SELECT min(id) FROM outbox)", [])
        .unwrap();
    assert_eq!(app.outbox_send(Empty {}).unwrap().sent, 1);
    let mails = sink.received();
    let id_of = |m: &String| {
        m.lines()
            .find(|l| l.to_ascii_lowercase().starts_with("message-id:"))
            .map(|l| l[11..].trim().to_string())
    };
    let ids: Vec<String> = mails.iter().filter_map(id_of).collect();
    assert_eq!(ids.len(), 4, "{mails:?}");
    assert!(
        ids.iter().all(|id| id.starts_with("<carnet-outbox-")),
        "{ids:?}"
    );
    let mut distinct = ids.clone();
    distinct.sort();
    distinct.dedup();
    assert_eq!(
        distinct.len(),
        3,
        "the copy carries the first one's Message-ID: {ids:?}"
    );
    // The outbox screen lists them, sent.
    let listed = app
        .outbox_list(carnet_core::api::OutboxQuery {
            state: Some("sent".into()),
        })
        .unwrap();
    assert_eq!(listed.len(), 3);
    assert!(listed
        .iter()
        .all(|m| m.sent_at.is_some() && m.lead_code.as_deref() == Some(code.as_str())));
}

fn owner_email_of(app: &App, owner: &str) -> String {
    app.meta(Empty {})
        .unwrap()
        .users
        .into_iter()
        .find(|u| u.name == owner)
        .unwrap()
        .email
}

#[test]
fn an_unreachable_server_keeps_the_mail_for_a_retry() {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app.smtp_configure(SmtpSetup {
        config: config(port),
        password: None,
    })
    .unwrap();
    let body = r#"{"id": "a2", "last_name": "Roux", "email": "roux@example.fr"}"#;
    app.ingest_webhook(body.as_bytes()).unwrap();
    let report = app.outbox_send(Empty {}).unwrap();
    assert_eq!(
        report.failed, 3,
        "the owner's alert and the managers' copies"
    );
    let status = app.smtp_status(Empty {}).unwrap();
    assert_eq!(status.pending, 3, "kept for a retry");
    assert!(status.last_error.unwrap().starts_with("Envoi impossible"));
}

#[test]
fn plain_smtp_is_refused_for_a_remote_server() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    let mut c = config(25);
    c.host = "smtp.example.fr".into();
    let err = app
        .smtp_configure(SmtpSetup {
            config: c,
            password: None,
        })
        .unwrap_err();
    assert_eq!(err.to_api().field.as_deref(), Some("security"));
}

#[test]
fn an_offer_goes_to_the_customer_with_its_pdf_attached() {
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    app.smtp_configure(SmtpSetup {
        config: config(sink.port),
        password: None,
    })
    .unwrap();
    let body = r#"{"id": "d1", "first_name": "Inès", "last_name": "Haddad", "email": "ines.haddad@example.fr", "kind": "VN"}"#;
    let code = app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let lead = app
        .lead_get(carnet_core::api::LeadRef { code })
        .unwrap()
        .lead;
    let offer: carnet_core::api::Offer = serde_json::from_value(
        app.call(
            "offer_create",
            serde_json::json!({"lead_id": lead.id, "vat_regime": "normal", "vehicle": {"make": "Peugeot", "model": "208"},
                               "lines": [{"kind": "vehicle", "label": "Peugeot 208 Allure", "unit_cents": 2_249_000}]}),
        )
        .unwrap(),
    )
    .unwrap();
    let file_id = offer.file_id.unwrap();
    let draft = app
        .document_mail_draft(carnet_core::api::MailDraftQuery {
            lead_id: lead.id,
            file_ids: vec![file_id],
        })
        .unwrap();
    assert_eq!(draft.to.as_deref(), Some("ines.haddad@example.fr"));
    assert!(draft.subject.contains(&offer.number), "{}", draft.subject);
    assert!(
        draft.body.contains("Bonjour Inès Haddad") && draft.body.contains("22 490,00 €"),
        "{}",
        draft.body
    );
    let sent = app
        .document_send(carnet_core::api::DocumentMail {
            lead_id: lead.id,
            file_ids: vec![file_id],
            subject: draft.subject.clone(),
            body: draft.body.clone(),
        })
        .unwrap();
    assert_eq!(sent.state, "pending");
    let before = sink.received().len();
    app.outbox_send(Empty {}).unwrap();
    let mails = sink.received();
    let mail = mails
        .iter()
        .find(|m| {
            m.contains("To: ines.haddad@example.fr") || m.contains("To: <ines.haddad@example.fr>")
        })
        .unwrap_or_else(|| panic!("no mail to the customer among {}", mails.len() - before));
    // Read the message back as a mail client would: the attachment is the stored PDF.
    use mail_parser::MimeHeaders;
    let parsed = mail_parser::MessageParser::default()
        .parse(mail.as_bytes())
        .unwrap();
    assert_eq!(parsed.subject(), Some(draft.subject.as_str()));
    let attachment = parsed.attachments().next().expect("an attachment");
    assert_eq!(
        attachment.attachment_name(),
        Some(format!("Offre-{}-v1.pdf", offer.number).as_str())
    );
    let stored = app
        .document_read(carnet_core::api::FileRef { id: file_id })
        .unwrap();
    use base64::Engine;
    let stored = base64::engine::general_purpose::STANDARD
        .decode(stored.base64)
        .unwrap();
    assert_eq!(attachment.contents(), stored.as_slice());
    assert!(stored.starts_with(b"%PDF"));
    let deals = app
        .lead_deals(carnet_core::leads::trash::LeadIdInput { lead_id: lead.id })
        .unwrap();
    assert_eq!(deals.mails[0].state, "sent");
    let events = app
        .lead_get(carnet_core::api::LeadRef { code: lead.code })
        .unwrap()
        .events;
    assert!(events.iter().any(|e| e.kind == "mail_sent"));
}

#[test]
fn a_document_is_only_sent_to_an_address_the_contact_has() {
    let dir = tempfile::tempdir().unwrap();
    let app = App::open(&dir.path().join("c.db")).unwrap();
    carnet_core::dev::demo::seed(&app, 0, 1).unwrap();
    let body = r#"{"id": "d2", "last_name": "Sans Mail", "phone": "0612345678"}"#;
    let code = app
        .ingest_webhook(body.as_bytes())
        .unwrap()
        .lead_code
        .unwrap();
    let lead = app
        .lead_get(carnet_core::api::LeadRef { code })
        .unwrap()
        .lead;
    let file: carnet_core::api::LeadFile = serde_json::from_value(
        app.call("document_upload", serde_json::json!({"lead_id": lead.id, "title": "Devis", "file_name": "devis.txt", "base64": "ZGV2aXM="}))
            .unwrap(),
    )
    .unwrap();
    let err = app
        .call("document_send", serde_json::json!({"lead_id": lead.id, "file_ids": [file.id], "subject": "S", "body": "B"}))
        .unwrap_err();
    assert_eq!(err.field.as_deref(), Some("to"), "{}", err.message);
    assert_eq!(
        app.smtp_status(Empty {}).unwrap().pending,
        0,
        "nothing queued"
    );
}

/// No automatic mail without consent: the only automatic mail to a person answers their own
/// request, says so and offers the way out; someone who replied STOP gets nothing more.
#[test]
fn automatic_mails_answer_a_request_and_never_reach_who_said_stop() {
    use carnet_core::followup::calls::{CallInput, CallOutcome};
    let Some(sink) = SmtpSink::start() else {
        return;
    };
    let f = common::fixture();
    f.app
        .smtp_configure(SmtpSetup {
            config: config(sink.port),
            password: None,
        })
        .unwrap();
    let mail = |id: &str, from: &str, body: &str| {
        format!(
            "From: {from}\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\nMessage-ID: <{id}@example.fr>\r\n\
             Date: Tue, 24 Nov 2026 09:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}"
        )
    };
    // Ines gave no consent; her own request has a number that cannot be right: the reply goes.
    let ines = mail(
        "ines-1",
        "Site <noreply@garage-exemple.fr>",
        "Nom : Fabre\r\nPrénom : Inès\r\nTéléphone : 12 34\r\nE-mail : ines.fabre@example.fr\r\nMessage : Un essai de la 208 ?\r\n",
    );
    let channel = carnet_core::intake::store::Channel::File;
    assert!(f
        .app
        .ingest_mail(ines.as_bytes(), channel)
        .unwrap()
        .lead_code
        .is_some());

    // Hugo asked too, then answered STOP to a message: three failed calls mail him nothing.
    let hugo = common::lead_for(
        &f,
        "Hugo",
        "Lemoine",
        "06 06 82 88 37",
        "hugo.lemoine@example.fr",
        false,
    );
    let stop = mail(
        "hugo-stop",
        "Hugo Lemoine <hugo.lemoine@example.fr>",
        "STOP\r\n",
    );
    f.app.ingest_mail(stop.as_bytes(), channel).unwrap();
    for _ in 0..3 {
        let result = f
            .app
            .lead_log_call(CallInput {
                lead_id: hugo.id,
                outcome: CallOutcome::PasDeReponse,
                duration_s: 30,
                note: None,
            })
            .unwrap();
        assert!(!result.prospect_mail_queued, "{result:?}");
        f.clock.advance(chrono::Duration::hours(5));
    }

    let report = f.app.outbox_send(Empty {}).unwrap();
    assert_eq!(report.failed, 0);
    let mails = sink.received();
    // Internal alerts name the prospect in their body; what matters is who receives.
    let recipient = |m: &String| {
        m.lines()
            .find(|l| l.starts_with("X-RcptTo:"))
            .unwrap_or_default()
            .to_string()
    };
    let to_people: Vec<&String> = mails
        .iter()
        .filter(|m| recipient(m).contains("@example.fr"))
        .collect();
    assert_eq!(to_people.len(), 1, "{mails:?}");
    let sent = to_people[0];
    assert!(recipient(sent).contains("ines.fabre@example.fr"), "{sent}");
    assert!(!mails.iter().any(|m| recipient(m).contains("hugo")));
    let unfolded = sent
        .replace("=\n", "")
        .replace("\r\n ", " ")
        .replace("\n ", " ");
    assert!(unfolded.contains("List-Unsubscribe"), "{sent}");
    assert!(unfolded.contains("votre propre demande"), "{unfolded}");
    assert!(unfolded.contains("STOP"), "{unfolded}");
}
