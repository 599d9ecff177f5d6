//! Document numbers: a counter per kind and year, incremented in the transaction that creates
//! the document. The write transaction is IMMEDIATE (one writer at a time), so two creations
//! never take the same number, and a creation that fails rolls its number back: no gap.

use crate::kernel::error::Result;
use rusqlite::Connection;

/// The next number of `kind` for `year` (1, 2, 3…).
pub(crate) fn next(conn: &Connection, kind: &str, year: i32) -> Result<i64> {
    Ok(conn.query_row(
        "INSERT INTO doc_counters(kind, year, last) VALUES (?1, ?2, 1)
         ON CONFLICT(kind, year) DO UPDATE SET last = last + 1 RETURNING last",
        rusqlite::params![kind, year],
        |r| r.get(0),
    )?)
}
