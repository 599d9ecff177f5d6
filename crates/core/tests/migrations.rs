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

/// The frozen fixture of each released schema version: adding a migration without its fixture
/// fails here.
const FIXTURES: &[(i64, &str)] = &[
    (1, include_str!("fixtures/schema_v1.sql")),
    (2, include_str!("fixtures/schema_v2.sql")),
    (3, include_str!("fixtures/schema_v3.sql")),
    (4, include_str!("fixtures/schema_v4.sql")),
    (5, include_str!("fixtures/schema_v5.sql")),
    (6, include_str!("fixtures/schema_v6.sql")),
    (7, include_str!("fixtures/schema_v7.sql")),
    (8, include_str!("fixtures/schema_v8.sql")),
    (9, include_str!("fixtures/schema_v9.sql")),
    (10, include_str!("fixtures/schema_v10.sql")),
    (11, include_str!("fixtures/schema_v11.sql")),
    (12, include_str!("fixtures/schema_v12.sql")),
    (13, include_str!("fixtures/schema_v13.sql")),
];

#[test]
fn every_released_version_has_a_frozen_fixture() {
    let versions: Vec<i64> = FIXTURES.iter().map(|(v, _)| *v).collect();
    assert_eq!(versions, (1..=latest_version()).collect::<Vec<_>>());
}

fn count(path: &Path, table: &str) -> i64 {
    Connection::open(path)
        .unwrap()
        .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        .unwrap()
}

#[test]
fn every_frozen_database_upgrades_to_the_fresh_schema_and_keeps_its_data() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh.db");
    App::open(&fresh).unwrap();
    for (version, sql) in FIXTURES {
        let old = dir.path().join(format!("v{version}.db"));
        Connection::open(&old).unwrap().execute_batch(sql).unwrap();
        assert_eq!(user_version(&old), *version);

        let app = App::open(&old).unwrap();
        assert_eq!(
            schema_of(&old),
            schema_of(&fresh),
            "schema after upgrading v{version}"
        );
        assert_eq!(user_version(&old), latest_version());

        // The old lead is intact and found by the search index (built by the upgrade from v1).
        let page = app
            .leads_list(LeadQuery {
                search: Some("ancienne 06 12".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(page.leads.len(), 1, "v{version}");
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
        assert_eq!(by_plate.total, 1, "v{version}");
        // What later versions added survives too.
        let expect = |from: i64, table: &str| {
            let want = i64::from(*version >= from);
            assert_eq!(count(&old, table), want, "{table} of v{version}");
        };
        expect(3, "inbound");
        expect(5, "outbox");
        expect(6, "tasks");
        expect(7, "site_closures");
        drop(app);

        // The file was copied aside before a migration, and the copy is still at its version.
        let prefix = format!("v{version}.db.v{version}-");
        let backups: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
            .collect();
        let want = usize::from(*version < latest_version());
        assert_eq!(backups.len(), want, "backup of v{version}");
        if let Some(backup) = backups.first() {
            assert_eq!(user_version(&backup.path()), *version);
        }
    }
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
