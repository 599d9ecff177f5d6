//! Storage: one connection initializer, embedded numbered migrations, a small connection pool.

mod migrate;
mod pool;

pub use migrate::{latest_version, MIGRATIONS};
pub use pool::{Pool, PooledConnection};

use crate::kernel::error::{CoreError, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// How long a statement waits for another writer before giving up with `DatabaseBusy`.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Opens (creating if needed) the database at `path`, checks it, migrates it and returns a pool.
/// A database written by a newer Carnet is refused; a corrupt file is reported, never touched.
pub fn open(path: &Path) -> Result<Pool> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir)?;
    }
    let mut conn = connect(path)?;
    migrate::migrate(&mut conn, path)?;
    // Recommended for long-lived connections: refresh stale planner statistics, bounded in time.
    // Statistics are an optimisation: another program holding the database must not stop the start.
    if let Err(e) = conn.execute_batch("PRAGMA analysis_limit = 1000; PRAGMA optimize = 0x10002;") {
        tracing::warn!(error = %e, "planner statistics not refreshed");
    }
    Ok(Pool::new(path.to_path_buf(), conn))
}

/// Opens one connection and applies the pragmas every connection needs.
/// Corruption found later, by a query, surfaces as `CoreError::DatabaseCorrupt` too.
pub(crate) fn connect(path: &Path) -> Result<Connection> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .map_err(|e| map_open_error(e, path))?;
    conn.busy_timeout(BUSY_TIMEOUT)?;
    // Plans that do not depend on bound values: with the statistics of `PRAGMA optimize`
    // (sqlite_stat4) SQLite otherwise prepares a cached statement again at every new value —
    // half of a DMS import's time, and of every contact lookup at intake.
    conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
        true,
    )?;
    // The first read of the header tells a non-database file apart before anything is written.
    let mode: String = conn
        .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))
        .map_err(|e| map_open_error(e, path))?;
    if !mode.eq_ignore_ascii_case("wal") {
        tracing::warn!(%mode, "journal mode is not WAL");
    }
    // synchronous = FULL: a commit is on disk (the WAL fsynced) before Carnet says so — a mail
    // is marked seen, a webhook answered, an order numbered only then, even across a power cut.
    // One fsync per commit; intake commits a folder or a backlog in batches to keep its rate.
    // secure_delete = ON: deleted or overwritten content is zeroed in the file, so that an erased
    // person's bytes do not linger in free space (GDPR erasure).
    conn.execute_batch(
        "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON;",
    )
    .map_err(|e| map_open_error(e, path))?;
    Ok(conn)
}

fn map_open_error(e: rusqlite::Error, path: &Path) -> CoreError {
    match CoreError::from(e) {
        CoreError::DatabaseCorrupt { .. } => CoreError::DatabaseCorrupt {
            path: path.display().to_string(),
        },
        CoreError::Database(e)
            if matches!(e.sqlite_error_code(), Some(rusqlite::ErrorCode::CannotOpen)) =>
        {
            CoreError::Io(std::io::Error::other(format!(
                "impossible d'ouvrir {}",
                path.display()
            )))
        }
        other => other,
    }
}
