//! Backups and restore on real database files: consistent while the database is written,
//! rotated, refused with French messages where they cannot be made or restored.

mod common;

use carnet_core::api::{BackupSettings, Empty};
use carnet_core::intake::store::Channel;
use carnet_core::kernel::backup;
use rusqlite::Connection;

fn mail(n: usize) -> Vec<u8> {
    format!(
        "From: Site <noreply@garage-exemple.fr>\r\nTo: leads@garage.fr\r\nSubject: Demande\r\n\
         Message-ID: <bk-{n}@example.fr>\r\nDate: Tue, 24 Nov 2026 08:30:00 +0000\r\n\
         Content-Type: text/plain; charset=utf-8\r\n\r\nNom : Sauve{n}\r\nTéléphone : 06 13 {:02} {:02} 00\r\nMessage : Bonjour\r\n",
        n / 100,
        n % 100
    )
    .into_bytes()
}

fn count(path: &std::path::Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn a_backup_taken_while_leads_arrive_is_consistent_and_restorable() {
    let f = common::fixture();
    let writer = {
        let app = f.app.clone();
        std::thread::spawn(move || {
            for n in 0..300 {
                app.ingest_mail(&mail(n), Channel::File).unwrap();
            }
        })
    };
    let dir = tempfile::tempdir().unwrap();
    let mut copies = Vec::new();
    for i in 0..5 {
        let out = dir.path().join(format!("copy{i}.db"));
        f.app.backup_to(&out).unwrap();
        copies.push(out);
        std::thread::sleep(std::time::Duration::from_millis(30));
    }
    writer.join().unwrap();
    for copy in &copies {
        assert_eq!(
            backup::check_file(copy).unwrap(),
            carnet_core::kernel::db::latest_version()
        );
        // Each copy is one moment of the database: every lead has its inbound message.
        assert_eq!(
            count(copy, "leads"),
            count(copy, "inbound"),
            "{}",
            copy.display()
        );
    }
    // A copy restores into a fresh place, the database that was there kept aside.
    let target = dir.path().join("restored.db");
    std::fs::copy(&f.db, &target).unwrap();
    let report = backup::restore(&target, &copies[0], &dir.path().join("aside")).unwrap();
    assert_eq!(report.integrity, "ok");
    assert_eq!(report.leads, count(&copies[0], "leads"));
    assert!(std::path::Path::new(report.kept_aside.as_deref().unwrap()).exists());
}

#[test]
fn backups_rotate_and_a_folder_that_cannot_take_them_is_refused_in_french() {
    let f = common::fixture();
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("cle-usb");
    f.app
        .backup_settings_set(BackupSettings {
            folder: folder.display().to_string(),
            keep: 2,
        })
        .unwrap();
    for reason in ["a", "b", "c"] {
        f.app.backup_now(reason).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(1100));
    }
    let status = f.app.backup_status(Empty {}).unwrap();
    assert_eq!(status.files.len(), 2, "{:?}", status.files);
    assert!(status.files[0].name.ends_with("-c.db"));
    assert_eq!(status.last.unwrap().name, status.files[0].name);

    let refused = f
        .app
        .backup_settings_set(BackupSettings {
            folder: "/proc/carnet".into(),
            keep: 3,
        })
        .unwrap_err();
    assert!(
        refused
            .user_message()
            .contains("Dossier de sauvegarde inaccessible"),
        "{refused}"
    );
    let relative = f
        .app
        .backup_settings_set(BackupSettings {
            folder: "sauvegardes".into(),
            keep: 3,
        })
        .unwrap_err();
    assert!(relative.user_message().contains("dossier complet"));
}

#[test]
fn a_restore_refuses_what_is_not_a_carnet_backup_and_keeps_the_database() {
    let f = common::fixture();
    let dir = tempfile::tempdir().unwrap();
    let leads_before = count(&f.db, "leads");
    let junk = dir.path().join("photo.db");
    std::fs::write(&junk, vec![7u8; 4096]).unwrap();
    let e = backup::restore(&f.db, &junk, dir.path()).unwrap_err();
    assert!(
        e.user_message()
            .contains("n'est pas une sauvegarde de Carnet"),
        "{e}"
    );

    let other = dir.path().join("other.db");
    Connection::open(&other)
        .unwrap()
        .execute_batch("CREATE TABLE t(x); PRAGMA user_version = 3;")
        .unwrap();
    let e = backup::restore(&f.db, &other, dir.path()).unwrap_err();
    assert!(e.user_message().contains("tables absentes"), "{e}");

    let newer = dir.path().join("newer.db");
    f.app.backup_to(&newer).unwrap();
    Connection::open(&newer)
        .unwrap()
        .pragma_update(None, "user_version", 999)
        .unwrap();
    let e = backup::restore(&f.db, &newer, dir.path()).unwrap_err();
    assert!(e.user_message().contains("plus récente"), "{e}");

    // While another Carnet holds the database, nothing is restored.
    let held = backup::lock_instance(&f.db).unwrap();
    let good = dir.path().join("good.db");
    f.app.backup_to(&good).unwrap();
    let e = backup::restore(&f.db, &good, dir.path()).unwrap_err();
    assert!(e.user_message().contains("déjà ouvert"), "{e}");
    drop(held);
    assert_eq!(count(&f.db, "leads"), leads_before);
}
