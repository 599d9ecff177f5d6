//! The lead list: filters, sort, full-text search, paging. Built to stay fast at a million leads:
//! every filter has a (column, id) index and the search goes through FTS5.

use crate::error::Result;
use crate::lead::{self, Lead, LeadKind, LeadStatus};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Above this many matches the count stops and the page says "more than".
pub const COUNT_CAP: u32 = 10_000;
pub const MAX_PAGE: u32 = 500;

crate::lead::text_enum!(LeadSort { Recent = "recent", Oldest = "oldest", Deadline = "deadline", LastActivity = "last_activity", Name = "name" });

#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct LeadQuery {
    #[ts(optional = nullable)]
    pub status: Option<LeadStatus>,
    #[ts(optional = nullable)]
    pub kind: Option<LeadKind>,
    #[ts(optional = nullable)]
    pub source: Option<String>,
    #[ts(optional = nullable)]
    pub owner_id: Option<i64>,
    #[ts(optional = nullable)]
    pub site_id: Option<i64>,
    /// Open leads whose deadline has passed.
    #[ts(as = "Option<bool>", optional)]
    pub overdue: bool,
    #[ts(optional = nullable)]
    pub search: Option<String>,
    #[ts(optional)]
    pub sort: Option<LeadSort>,
    #[ts(optional)]
    pub limit: Option<u32>,
    #[ts(optional)]
    pub offset: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct LeadPage {
    pub leads: Vec<Lead>,
    /// Exact when `total_capped` is false; otherwise there are at least this many.
    pub total: u32,
    pub total_capped: bool,
}

/// Turns what a user types into an FTS5 query: every word must prefix-match some column.
/// Returns None when nothing searchable remains. Quotes make every token a literal (no FTS syntax injection).
/// A phone typed with separators ("06 12 34 56 78") also matches as one number.
pub fn fts_query(input: &str) -> Option<String> {
    let words: Vec<String> = input
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(8)
        .map(|w| format!("\"{}\"*", w.chars().take(64).collect::<String>()))
        .collect();
    if words.is_empty() {
        return None;
    }
    let all_words = words.join(" ");
    let phone_like = input
        .chars()
        .all(|c| c.is_ascii_digit() || " .-+()/".contains(c));
    let digits: String = input
        .chars()
        .filter(char::is_ascii_digit)
        .take(20)
        .collect();
    if phone_like && words.len() > 1 && digits.len() >= 4 {
        return Some(format!("({all_words}) OR \"{digits}\"*"));
    }
    Some(all_words)
}

/// `now` is the storage text of the current instant (for the overdue filter).
/// `max_limit` bounds the page size (the UI pages by 50; the CLI may export more).
pub fn list(conn: &Connection, q: &LeadQuery, now: &str, max_limit: u32) -> Result<LeadPage> {
    let mut clauses: Vec<&str> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    if let Some(s) = q.status {
        clauses.push("l.status = ?");
        args.push(Value::Text(s.as_str().into()));
    }
    if let Some(k) = q.kind {
        clauses.push("l.kind = ?");
        args.push(Value::Text(k.as_str().into()));
    }
    if let Some(s) = q.source.as_deref().filter(|s| !s.is_empty()) {
        clauses.push("l.source = ?");
        args.push(Value::Text(s.into()));
    }
    if let Some(id) = q.owner_id {
        clauses.push("l.owner_id = ?");
        args.push(Value::Integer(id));
    }
    if let Some(id) = q.site_id {
        clauses.push("l.site_id = ?");
        args.push(Value::Integer(id));
    }
    if q.overdue {
        clauses.push("l.deadline_at < ? AND l.status IN ('nouveau','a_traiter','en_cours')");
        args.push(Value::Text(now.into()));
    }
    if let Some(m) = q.search.as_deref().and_then(fts_query) {
        clauses.push("l.id IN (SELECT rowid FROM lead_search WHERE lead_search MATCH ?)");
        args.push(Value::Text(m));
    }
    let where_sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };

    let order = match q.sort.unwrap_or(LeadSort::Recent) {
        LeadSort::Recent => "l.id DESC",
        LeadSort::Oldest => "l.id ASC",
        LeadSort::Deadline => "l.deadline_at IS NULL, l.deadline_at ASC, l.id DESC",
        LeadSort::LastActivity => "l.last_activity_at DESC, l.id DESC",
        LeadSort::Name => "c.last_name, c.first_name, l.id DESC",
    };
    let limit = q.limit.unwrap_or(50).clamp(1, max_limit.max(1));
    let offset = q.offset.unwrap_or(0);

    let page_sql = format!(
        "{}{where_sql} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        lead::select_sql()
    );
    let mut stmt = conn.prepare_cached(&page_sql)?;
    let leads = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), lead::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Counting every match of a broad filter over a million rows costs more than the page: stop at the cap.
    let count_sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM leads l{where_sql} LIMIT {})",
        COUNT_CAP + 1
    );
    let counted: u32 = conn
        .prepare_cached(&count_sql)?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    Ok(LeadPage {
        leads,
        total: counted.min(COUNT_CAP),
        total_capped: counted > COUNT_CAP,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn search_input_becomes_quoted_prefix_terms() {
        assert_eq!(
            fts_query("Hélène  06 12").as_deref(),
            Some("\"Hélène\"* \"06\"* \"12\"*")
        );
        assert_eq!(
            fts_query("06 12 34").as_deref(),
            Some("(\"06\"* \"12\"* \"34\"*) OR \"061234\"*")
        );
        assert_eq!(
            fts_query("jean.dupont@gm").as_deref(),
            Some("\"jean\"* \"dupont\"* \"gm\"*")
        );
        // FTS operators typed by a user are searched as plain words, never interpreted.
        assert_eq!(
            fts_query("\" OR * NEAR(").as_deref(),
            Some("\"OR\"* \"NEAR\"*")
        );
        assert_eq!(fts_query("\"*()^:"), None);
        assert_eq!(fts_query("  "), None);
    }
}
