//! The lead list: filters, sort, full-text search, paging. Built to stay fast at a million leads:
//! every filter has a (column, id) index and the search goes through FTS5.

use crate::kernel::error::Result;
use crate::leads::lead::{self, Lead, LeadKind, LeadStatus};
use rusqlite::types::Value;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Above this many matches the count stops and the page says "more than".
pub const COUNT_CAP: u32 = 10_000;
/// The same for a free-text search, whose matches cost more to count.
pub const SEARCH_COUNT_CAP: u32 = 1_000;
pub const MAX_PAGE: u32 = 500;

crate::kernel::text_enum!(LeadSort { Recent = "recent", Oldest = "oldest", Deadline = "deadline", LastActivity = "last_activity", Name = "name" });

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
    /// Open leads whose deadline falls today (Paris time).
    #[ts(as = "Option<bool>", optional)]
    pub due_today: bool,
    /// Open leads without an owner.
    #[ts(as = "Option<bool>", optional)]
    pub unassigned: bool,
    /// Received on or after this local day (`YYYY-MM-DD`): the leads behind a report's figure.
    #[ts(optional = nullable)]
    pub created_from: Option<String>,
    /// Received on or before this local day (`YYYY-MM-DD`).
    #[ts(optional = nullable)]
    pub created_to: Option<String>,
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
        // "06 12 34" is a phone; "2026 000123" may be the parts of a lead code.
        let long_part = input
            .split(|c: char| !c.is_ascii_digit())
            .any(|w| w.len() >= 4);
        return Some(if long_part {
            format!("({all_words}) OR \"{digits}\"*")
        } else {
            format!("\"{digits}\"*")
        });
    }
    Some(all_words)
}

/// `now` is the storage text of the current instant (for the overdue filter).
/// What a search box input is looked up as.
#[derive(Debug, Clone, PartialEq)]
pub enum Search {
    /// A whole e-mail address: exact match on the contact's e-mail.
    Email(String),
    /// The beginning of an e-mail address (it has an @): prefix match in the contacts' e-mail index.
    EmailPrefix(String),
    /// A whole phone number in any format: exact match on the contact's E.164 phone.
    Phone(String),
    /// Anything else: an FTS5 query of prefix terms.
    Text(String),
}

impl Search {
    pub fn from_input(input: &str) -> Option<Search> {
        let input = input.trim();
        if input.contains('@') {
            return Some(match crate::kernel::validate::email("search", input) {
                Ok(email) => Search::Email(email),
                Err(_) => Search::EmailPrefix(input.to_lowercase().chars().take(254).collect()),
            });
        }
        let digits = input.chars().filter(char::is_ascii_digit).count();
        let phone_like = input
            .chars()
            .all(|c| c.is_ascii_digit() || " .-+()/".contains(c));
        if phone_like && digits >= 9 {
            if let Ok(phone) = crate::kernel::validate::phone("search", input) {
                return Some(Search::Phone(phone));
            }
        }
        fts_query(input).map(Search::Text)
    }
}

/// "L-2026-00012", "l2026000123", "L-2026" → the code prefix "L-2026-00012"…; None for anything else.
pub fn code_prefix(input: &str) -> Option<String> {
    let s: String = input
        .trim()
        .chars()
        .filter(|c| *c != '-' && *c != ' ')
        .collect();
    let digits = s.strip_prefix(['L', 'l'])?;
    if digits.len() < 4 || digits.len() > 10 || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let (year, number) = digits.split_at(4);
    Some(if number.is_empty() {
        format!("L-{year}-")
    } else {
        format!("L-{year}-{number}")
    })
}

/// Which leads of the corbeille a query sees.
#[derive(Clone, Copy)]
enum Trash {
    Any,
    Hidden,
    Only,
}

/// The WHERE clause and its arguments. `coarse` prefixes the kind/source/site tests ("+" hides
/// their index from the planner, so that a page in a work order walks that order's index).
fn filters(
    q: &LeadQuery,
    now: &str,
    code: Option<&str>,
    search: Option<&Search>,
    coarse: &str,
    trash: Trash,
) -> (String, Vec<Value>) {
    let mut clauses: Vec<String> = match trash {
        Trash::Any => Vec::new(),
        Trash::Hidden => vec!["l.deleted_at IS NULL".into()],
        Trash::Only => vec!["l.id IN (SELECT id FROM leads WHERE deleted_at IS NOT NULL)".into()],
    };
    let mut args: Vec<Value> = Vec::new();
    let mut filter = |clause: String, value: Value| {
        clauses.push(clause);
        args.push(value);
    };
    if let Some(s) = q.status {
        filter("l.status = ?".into(), Value::Text(s.as_str().into()));
    }
    if let Some(k) = q.kind {
        filter(
            format!("{coarse}l.kind = ?"),
            Value::Text(k.as_str().into()),
        );
    }
    if let Some(s) = q.source.as_deref().filter(|s| !s.is_empty()) {
        filter(format!("{coarse}l.source = ?"), Value::Text(s.into()));
    }
    if let Some(id) = q.owner_id {
        filter("l.owner_id = ?".into(), Value::Integer(id));
    }
    if let Some(id) = q.site_id {
        filter(format!("{coarse}l.site_id = ?"), Value::Integer(id));
    }
    if q.due_today {
        let start = crate::kernel::clock::parse(now)
            .map(crate::kernel::clock::start_of_local_day)
            .unwrap_or_default();
        filter(
            "l.deadline_at >= ?".into(),
            Value::Text(crate::kernel::clock::to_text(start)),
        );
        let end = crate::kernel::clock::to_text(start + chrono::Duration::hours(24));
        filter(
            "l.deadline_at < ? AND l.status IN ('nouveau','a_traiter','en_cours')".into(),
            Value::Text(end),
        );
    }
    if q.unassigned {
        filter(
            "l.owner_id IS NULL AND l.status IN ('nouveau','a_traiter','en_cours') AND ?".into(),
            Value::Integer(1),
        );
    }
    let local_midnight = |text: &str, days: i64| {
        chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
            .ok()
            .map(|d| {
                crate::kernel::clock::to_text(crate::kernel::clock::local_to_utc(
                    (d + chrono::Duration::days(days)).and_time(chrono::NaiveTime::MIN),
                ))
            })
    };
    if let Some(start) = q.created_from.as_deref().and_then(|d| local_midnight(d, 0)) {
        filter("l.created_at >= ?".into(), Value::Text(start));
    }
    if let Some(end) = q.created_to.as_deref().and_then(|d| local_midnight(d, 1)) {
        filter("l.created_at < ?".into(), Value::Text(end));
    }
    if q.overdue {
        filter(
            "l.deadline_at < ? AND l.status IN ('nouveau','a_traiter','en_cours')".into(),
            Value::Text(now.into()),
        );
    }
    if let Some(prefix) = code {
        filter("l.code >= ?".into(), Value::Text(prefix.into()));
        filter(
            "l.code < ?".into(),
            Value::Text(format!("{prefix}\u{10FFFF}")),
        );
    }
    let contacts_where =
        |clause: &str| format!("l.contact_id IN (SELECT id FROM contacts WHERE {clause})");
    match search {
        Some(Search::Email(e)) => filter(contacts_where("email = ?"), Value::Text(e.clone())),
        Some(Search::EmailPrefix(p)) => {
            filter(contacts_where("email >= ?"), Value::Text(p.clone()));
            filter(
                contacts_where("email < ?"),
                Value::Text(format!("{p}\u{10FFFF}")),
            );
        }
        Some(Search::Phone(p)) => filter(contacts_where("phone = ?"), Value::Text(p.clone())),
        Some(Search::Text(m)) => filter("lead_search MATCH ?".into(), Value::Text(m.clone())),
        None => {}
    }
    let sql = if clauses.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", clauses.join(" AND "))
    };
    (sql, args)
}

/// A text search without other filters, in id order: the full-text index is read once for both
/// the count and the page. (Each MATCH of a common prefix such as `"Martin"*` first merges the
/// lists of every matching term: reading it twice doubled the cost of a search.)
fn search_alone(
    conn: &Connection,
    q: &LeadQuery,
    matcher: &str,
    sort: LeadSort,
    limit: u32,
    offset: u32,
    has_trash: bool,
) -> Result<Option<LeadPage>> {
    let alone = q.status.is_none()
        && q.kind.is_none()
        && q.source.as_deref().is_none_or(str::is_empty)
        && q.owner_id.is_none()
        && q.site_id.is_none()
        && !q.overdue
        && !q.due_today;
    let direction = match sort {
        LeadSort::Recent => "DESC",
        LeadSort::Oldest => "ASC",
        _ => return Ok(None),
    };
    if !alone || offset.saturating_add(limit) > SEARCH_COUNT_CAP {
        return Ok(None);
    }
    let mut ids: Vec<i64> = conn
        .prepare_cached(&format!(
            "SELECT rowid FROM lead_search WHERE lead_search MATCH ?1 ORDER BY rowid {direction} LIMIT {}",
            SEARCH_COUNT_CAP + 1
        ))?
        .query_map([matcher], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    if has_trash {
        let deleted: std::collections::HashSet<i64> = conn
            .prepare_cached("SELECT id FROM leads WHERE deleted_at IS NOT NULL")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        ids.retain(|id| !deleted.contains(id));
    }
    let counted = ids.len() as u32;
    let page: Vec<String> = ids
        .iter()
        .skip(offset as usize)
        .take(limit as usize)
        .map(i64::to_string)
        .collect();
    let leads = if page.is_empty() {
        Vec::new()
    } else {
        // The ids come from the index (integers), not from the user.
        conn.prepare(&format!(
            "{} WHERE l.id IN ({}) ORDER BY l.id {direction}",
            lead::select_sql(),
            page.join(",")
        ))?
        .query_map([], lead::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?
    };
    Ok(Some(LeadPage {
        leads,
        total: counted.min(SEARCH_COUNT_CAP),
        total_capped: counted > SEARCH_COUNT_CAP,
    }))
}

/// `max_limit` bounds the page size (the UI pages by 50; the CLI may export more).
pub fn list(conn: &Connection, q: &LeadQuery, now: &str, max_limit: u32) -> Result<LeadPage> {
    let sort = q.sort.unwrap_or(LeadSort::Recent);
    // A lead code, whole or its beginning, is looked up in the code index: "L-2026-0001" would
    // otherwise match every code of the year in the full-text index.
    let code = q.search.as_deref().and_then(code_prefix);
    let search = if code.is_some() {
        None
    } else {
        q.search.as_deref().and_then(Search::from_input)
    };
    let fts = matches!(search, Some(Search::Text(_)));
    // A text search walks the full-text index in id order: the first page comes without reading every match.
    let source = if fts {
        "lead_search JOIN leads l ON l.id = lead_search.rowid"
    } else {
        "leads l"
    };
    let id = if fts { "lead_search.rowid" } else { "l.id" };
    let (order, coarse) = match sort {
        LeadSort::Recent => (format!("{id} DESC"), ""),
        LeadSort::Oldest => (format!("{id} ASC"), ""),
        LeadSort::Deadline => ("coalesce(l.deadline_at, '~'), l.id".into(), "+"),
        LeadSort::LastActivity => ("l.last_activity_at DESC, l.id DESC".into(), "+"),
        LeadSort::Name => ("c.last_name, c.first_name, l.id DESC".into(), ""),
    };
    let limit = q.limit.unwrap_or(50).clamp(1, max_limit.max(1));
    let offset = q.offset.unwrap_or(0);

    // Deleted leads are rare: without any, the queries stay exactly the indexed ones.
    let has_trash: bool = conn
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM leads WHERE deleted_at IS NOT NULL)")?
        .query_row([], |r| r.get(0))?;
    if let Some(Search::Text(matcher)) = &search {
        if let Some(page) = search_alone(conn, q, matcher, sort, limit, offset, has_trash)? {
            return Ok(page);
        }
    }
    let visible = if has_trash { Trash::Hidden } else { Trash::Any };
    let (where_sql, args) = filters(q, now, code.as_deref(), search.as_ref(), coarse, visible);
    let page_sql = format!(
        "{}{where_sql} ORDER BY {order} LIMIT {limit} OFFSET {offset}",
        lead::select_from(source)
    );
    let mut stmt = conn.prepare_cached(&page_sql)?;
    let leads = stmt
        .query_map(rusqlite::params_from_iter(args.iter()), lead::from_row)?
        .collect::<rusqlite::Result<Vec<_>>>()?;

    // Counting every match over a million rows costs more than the page: stop at the cap.
    // The count has no order to follow, so every filter may use its own index.
    let cap = if fts { SEARCH_COUNT_CAP } else { COUNT_CAP };
    let (where_sql, args) = filters(q, now, code.as_deref(), search.as_ref(), "", Trash::Any);
    // A search alone is counted in the full-text index, without reading the leads.
    let count_source = if fts && args.len() == 1 {
        "lead_search"
    } else {
        source
    };
    let count_sql = format!(
        "SELECT count(*) FROM (SELECT 1 FROM {count_source}{where_sql} LIMIT {})",
        cap + 1
    );
    let mut counted: u32 = conn
        .prepare_cached(&count_sql)?
        .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
    // The count walks the indexes without reading rows; the few deleted matches are taken off.
    if has_trash && counted <= cap {
        let (where_sql, args) = filters(q, now, code.as_deref(), search.as_ref(), "", Trash::Only);
        let deleted: u32 = conn
            .prepare_cached(&format!("SELECT count(*) FROM {source}{where_sql}"))?
            .query_row(rusqlite::params_from_iter(args.iter()), |r| r.get(0))?;
        counted = counted.saturating_sub(deleted);
    }
    Ok(LeadPage {
        leads,
        total: counted.min(cap),
        total_capped: counted > cap,
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
        assert_eq!(fts_query("06 12 34").as_deref(), Some("\"061234\"*"));
        assert_eq!(
            fts_query("2026-000123").as_deref(),
            Some("(\"2026\"* \"000123\"*) OR \"2026000123\"*")
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

    #[test]
    fn whole_emails_and_phones_are_exact_lookups() {
        assert_eq!(
            Search::from_input(" Jean.Dupont@Gmail.com "),
            Some(Search::Email("jean.dupont@gmail.com".into()))
        );
        assert_eq!(
            Search::from_input("06 12 34 56 78"),
            Some(Search::Phone("+33612345678".into()))
        );
        assert_eq!(
            Search::from_input("Jean.Dupont@gm"),
            Some(Search::EmailPrefix("jean.dupont@gm".into()))
        );
        assert_eq!(
            Search::from_input("jean.dupont"),
            Some(Search::Text("\"jean\"* \"dupont\"*".into()))
        );
        assert_eq!(
            Search::from_input("06 12 34"),
            Some(Search::Text("\"061234\"*".into()))
        );
    }

    #[test]
    fn lead_codes_are_searched_by_prefix_of_the_code() {
        assert_eq!(
            code_prefix("L-2026-000123").as_deref(),
            Some("L-2026-000123")
        );
        assert_eq!(code_prefix(" l2026 0001").as_deref(), Some("L-2026-0001"));
        assert_eq!(code_prefix("L-2026").as_deref(), Some("L-2026-"));
        assert_eq!(code_prefix("Lemaire"), None);
        assert_eq!(code_prefix("L-20"), None);
    }
}
