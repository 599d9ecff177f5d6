//! Intake is exactly-once in effect: a message received is, after any crash, a lead, a merge, a
//! duplicate or a quarantine item — never stuck in between. (The SIGKILL trials are in
//! tests/crash.sh; here the rules those trials rely on.)

mod common;

use carnet_core::intake::store::{Channel, IngestResult};
use rusqlite::Connection;

fn mail(n: usize) -> Vec<u8> {
    format!(
        "From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande de contact\r\n\
         Message-ID: <once-{n}@example.fr>\r\nDate: Tue, 24 Nov 2026 08:30:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nNom : Client{n}\r\nTéléphone : 06 12 34 {:02} {:02}\r\n\
         E-mail : client{n}@example.fr\r\nMessage : Bonjour\r\n",
        n / 100,
        n % 100
    )
    .into_bytes()
}

fn db(f: &common::Fixture) -> Connection {
    Connection::open(&f.db).unwrap()
}

#[test]
fn a_message_left_unprocessed_by_an_older_version_is_finished_not_taken_for_a_duplicate() {
    let f = common::fixture();
    let raw = mail(1);
    // What the old two-commit intake left after a crash: the raw row, state `received`, no lead.
    db(&f)
        .execute(
            "INSERT INTO inbound(channel, message_id, sha256, size, raw, state, received_at, updated_at)
             VALUES ('imap', 'once-1@example.fr', 'stale', ?1, ?2, 'received', '2026-11-24T08:30:00Z', '2026-11-24T08:30:00Z')",
            rusqlite::params![raw.len() as i64, raw],
        )
        .unwrap();
    // The same mail fetched again is not a duplicate of the unfinished row…
    let again = f.app.ingest_mail(&raw, Channel::Imap).unwrap();
    assert_eq!(again.result, IngestResult::Created);
    // …and the unfinished row itself is finished at start: merged into the lead just created.
    assert_eq!(f.app.inbound_recover().unwrap(), 1);
    let states: Vec<String> = {
        let conn = db(&f);
        let mut stmt = conn
            .prepare("SELECT state FROM inbound ORDER BY id")
            .unwrap();
        let rows = stmt.query_map([], |r| r.get(0)).unwrap();
        rows.map(Result::unwrap).collect()
    };
    assert_eq!(states, vec!["merged".to_string(), "lead".to_string()]);
    assert_eq!(
        f.app.inbound_recover().unwrap(),
        0,
        "nothing left in between"
    );
}

#[test]
fn a_batch_commits_every_message_at_once_and_a_duplicate_within_it_is_seen() {
    let f = common::fixture();
    let mails: Vec<Vec<u8>> = (0..20).map(mail).collect();
    let mut items: Vec<(&[u8], Channel)> = mails
        .iter()
        .map(|m| (m.as_slice(), Channel::File))
        .collect();
    items.push((mails[3].as_slice(), Channel::File));
    let outcomes = f.app.ingest_mails(&items).unwrap();
    assert_eq!(outcomes.len(), 21);
    assert!(outcomes[..20]
        .iter()
        .all(|o| o.result == IngestResult::Created));
    assert_eq!(outcomes[20].result, IngestResult::Duplicate);
    let received: i64 = db(&f)
        .query_row(
            "SELECT count(*) FROM inbound WHERE state = 'received'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(received, 0);
}
