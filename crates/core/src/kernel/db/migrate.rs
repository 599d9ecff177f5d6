//! Numbered SQL migrations from `schemas/migrations`, embedded in the binary and applied
//! all together in one IMMEDIATE transaction. `PRAGMA user_version` holds the schema version.

use crate::kernel::error::{CoreError, Result};
use rusqlite::{Connection, TransactionBehavior};
use std::path::Path;

/// (version, sql) in order. Never edit a released migration: add a new file.
pub const MIGRATIONS: &[(i64, &str)] = &[
    (
        1,
        include_str!("../../../../../schemas/migrations/0001_core.sql"),
    ),
    (
        2,
        include_str!("../../../../../schemas/migrations/0002_search.sql"),
    ),
    (
        3,
        include_str!("../../../../../schemas/migrations/0003_intake.sql"),
    ),
    (
        4,
        include_str!("../../../../../schemas/migrations/0004_list_indexes.sql"),
    ),
    (
        5,
        include_str!("../../../../../schemas/migrations/0005_outbox.sql"),
    ),
    (
        6,
        include_str!("../../../../../schemas/migrations/0006_followup.sql"),
    ),
    (
        7,
        include_str!("../../../../../schemas/migrations/0007_identity.sql"),
    ),
    (
        8,
        include_str!("../../../../../schemas/migrations/0008_documents.sql"),
    ),
    (
        9,
        include_str!("../../../../../schemas/migrations/0009_reports.sql"),
    ),
    (
        10,
        include_str!("../../../../../schemas/migrations/0010_dms.sql"),
    ),
    (
        11,
        include_str!("../../../../../schemas/migrations/0011_lead_details.sql"),
    ),
    (
        12,
        include_str!("../../../../../schemas/migrations/0012_privacy.sql"),
    ),
    (
        13,
        include_str!("../../../../../schemas/migrations/0013_contacts_bloctel.sql"),
    ),
];

pub fn latest_version() -> i64 {
    MIGRATIONS.last().map_or(0, |(v, _)| *v)
}

pub(crate) fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let current: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let latest = latest_version();
    if current > latest {
        return Err(CoreError::DatabaseTooNew {
            found: current,
            supported: latest,
        });
    }
    if current == latest {
        return Ok(());
    }
    if current > 0 {
        backup_before_migration(conn, path, current)?;
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Re-read inside the write lock: another process may have migrated meanwhile.
    let current: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (version, sql) in MIGRATIONS.iter().filter(|(v, _)| *v > current) {
        tx.execute_batch(sql).map_err(|e| {
            tracing::error!(version, error = %e, "migration failed; database left unchanged");
            CoreError::from(e)
        })?;
        tx.pragma_update(None, "user_version", version)?;
    }
    tx.commit()?;
    tracing::info!(from = current, to = latest, "database migrated");
    Ok(())
}

/// Copies the database aside (consistent snapshot, WAL included) before its schema changes.
fn backup_before_migration(conn: &Connection, path: &Path, version: i64) -> Result<()> {
    let stamp = chrono::Utc::now().format("%Y%m%d-%H%M%S");
    let file_name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "carnet.db".into());
    let backup = path.with_file_name(format!("{file_name}.v{version}-{stamp}.bak"));
    if backup.exists() {
        return Ok(());
    }
    conn.execute("VACUUM INTO ?1", [backup.to_string_lossy()])?;
    tracing::info!(backup = %backup.display(), "database copied before migration");
    Ok(())
}
