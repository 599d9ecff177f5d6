//! Privacy (GDPR, CNIL): what Carnet holds about a person, exported for them (right of access
//! and portability); their erasure everywhere it lives (right to erasure, retention); the
//! consent history lives with the contacts (`leads::consent`), « STOP » replies with intake.

pub mod bloctel;
pub mod erase;
pub mod export;
pub mod merge;
pub mod retention;

/// Reads rows as JSON objects keyed by column name (blobs as their size): the export shows
/// every column of a record, including those a later version adds.
pub(crate) fn rows_json(
    conn: &rusqlite::Connection,
    sql: &str,
    params: impl rusqlite::Params,
) -> crate::kernel::error::Result<Vec<serde_json::Value>> {
    use rusqlite::types::ValueRef;
    use serde_json::Value;
    let mut stmt = conn.prepare(sql)?;
    let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
    let rows = stmt.query_map(params, |r| {
        let mut object = serde_json::Map::new();
        for (i, name) in names.iter().enumerate() {
            let value = match r.get_ref(i)? {
                ValueRef::Null => Value::Null,
                ValueRef::Integer(n) => Value::from(n),
                ValueRef::Real(x) => Value::from(x),
                ValueRef::Text(t) => {
                    let text = String::from_utf8_lossy(t).into_owned();
                    // JSON columns (vehicle, lines, buyer…) are shown as their structure.
                    match text.starts_with(['{', '[']) {
                        true => serde_json::from_str(&text).unwrap_or(Value::String(text)),
                        false => Value::String(text),
                    }
                }
                ValueRef::Blob(b) => Value::String(format!("[{} octets]", b.len())),
            };
            object.insert(name.clone(), value);
        }
        Ok(Value::Object(object))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}
