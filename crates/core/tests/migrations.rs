//! The migration harness: frozen old schemas (with data) are upgraded through every version and
//! must end identical to a fresh database, with their data intact. Each released schema version
//! gets its frozen fixture here; add one whenever a migration is released.

use carnet_core::kernel::db::latest_version;
use carnet_core::leads::list::LeadQuery;
use carnet_core::App;
use rusqlite::Connection;
use std::path::Path;

fn schema_of(path: &Path) -> Vec<(String, String, String)> {
    let conn = Connection::open(path).unwrap();
    let mut stmt = conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_master WHERE name NOT LIKE 'sqlite_%' ORDER BY type, name")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.map(Result::unwrap).collect()
}

fn user_version(path: &Path) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap()
}

#[test]
fn fresh_database_is_at_latest_version() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fresh.db");
    App::open(&path).unwrap();
    assert_eq!(user_version(&path), latest_version());
    let journal: String = Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn frozen_v1_database_upgrades_to_the_fresh_schema_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("v1.db");
    Connection::open(&old)
        .unwrap()
        .execute_batch(include_str!("fixtures/schema_v1.sql"))
        .unwrap();
    assert_eq!(user_version(&old), 1);

    let app = App::open(&old).unwrap();
    let fresh = dir.path().join("fresh.db");
    App::open(&fresh).unwrap();
    assert_eq!(schema_of(&old), schema_of(&fresh));
    assert_eq!(user_version(&old), latest_version());

    // The old lead is intact and now found by the search index built during the upgrade.
    let page = app
        .leads_list(LeadQuery {
            search: Some("ancienne 06 12".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(page.leads.len(), 1);
    let lead = &page.leads[0];
    assert_eq!(lead.code, "L-2025-000001");
    assert_eq!(lead.contact.first_name, "Élise");
    assert_eq!(
        lead.vehicle.as_ref().unwrap().plate.as_deref(),
        Some("AB-123-CD")
    );
    let by_plate = app
        .leads_list(LeadQuery {
            search: Some("AB-123".into()),
            ..Default::default()
        })
        .unwrap();
    assert_eq!(by_plate.total, 1);

    // The file was copied aside before the migration, and the copy is still a v1 database.
    let backups: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with("v1.db.v1-"))
        .collect();
    assert_eq!(backups.len(), 1, "one backup expected");
    assert_eq!(user_version(&backups[0].path()), 1);
}

#[test]
fn database_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    App::open(&path).unwrap();
    Connection::open(&path)
        .unwrap()
        .pragma_update(None, "user_version", 99)
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    let err = App::open(&path)
        .err()
        .expect("a newer database must be refused");
    let api = err.to_api();
    assert_eq!(api.code, "db_too_new");
    assert!(
        api.message.contains("version plus récente"),
        "{}",
        api.message
    );
    assert_eq!(user_version(&path), 99);
    assert_eq!(std::fs::read(&path).unwrap().len(), before.len());
}

#[test]
fn corrupt_file_is_reported_and_never_modified() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.db");
    let garbage: Vec<u8> = (0..8192u32)
        .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
        .collect();
    std::fs::write(&path, &garbage).unwrap();
    let err = App::open(&path).err().expect("garbage must be refused");
    let api = err.to_api();
    assert_eq!(api.code, "db_corrupt");
    assert!(api.message.contains("corrupt.db"), "{}", api.message);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        garbage,
        "the file must not be modified"
    );
}
