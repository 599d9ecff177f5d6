//! Sites (branches of the garage) and their opening hours.

use crate::kernel::error::Result;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Site {
    pub id: i64,
    pub name: String,
    pub city: String,
    pub phone: Option<String>,
}

/// Opening hours of one day, in minutes from local midnight (several spans for a lunch break).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct OpeningSpan {
    pub weekday: u8,
    pub opens_min: u16,
    pub closes_min: u16,
}

pub fn list(conn: &Connection) -> Result<Vec<Site>> {
    let mut stmt = conn.prepare_cached("SELECT id, name, city, phone FROM sites ORDER BY name")?;
    let rows = stmt.query_map([], |r| {
        Ok(Site {
            id: r.get(0)?,
            name: r.get(1)?,
            city: r.get(2)?,
            phone: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

pub fn exists(conn: &Connection, id: i64) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS(SELECT 1 FROM sites WHERE id = ?1)",
        [id],
        |r| r.get(0),
    )?)
}

pub fn insert(
    conn: &Connection,
    name: &str,
    city: &str,
    phone: Option<&str>,
    now: &str,
) -> Result<i64> {
    conn.execute(
        "INSERT INTO sites(name, city, phone, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?4)",
        params![name, city, phone, now],
    )?;
    Ok(conn.last_insert_rowid())
}

pub fn set_hours(conn: &Connection, site_id: i64, spans: &[OpeningSpan]) -> Result<()> {
    conn.execute("DELETE FROM site_hours WHERE site_id = ?1", [site_id])?;
    let mut stmt = conn.prepare_cached(
        "INSERT INTO site_hours(site_id, weekday, opens_min, closes_min) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for s in spans {
        stmt.execute(params![site_id, s.weekday, s.opens_min, s.closes_min])?;
    }
    Ok(())
}

/// Typical French showroom hours: Monday–Friday 9:00–12:00 and 14:00–19:00, Saturday 9:00–12:00 and 14:00–18:00.
pub fn typical_hours() -> Vec<OpeningSpan> {
    let mut spans = Vec::new();
    for weekday in 1..=6u8 {
        let evening = if weekday == 6 { 18 * 60 } else { 19 * 60 };
        spans.push(OpeningSpan {
            weekday,
            opens_min: 9 * 60,
            closes_min: 12 * 60,
        });
        spans.push(OpeningSpan {
            weekday,
            opens_min: 14 * 60,
            closes_min: evening,
        });
    }
    spans
}

/// The opening hours of a site with its local holidays and closing days, as a schedule that
/// counts working time.
pub fn schedule(conn: &Connection, site_id: i64) -> Result<crate::org::business_hours::Schedule> {
    let mut stmt = conn.prepare_cached(
        "SELECT weekday, opens_min, closes_min FROM site_hours WHERE site_id = ?1",
    )?;
    let spans = stmt
        .query_map([site_id], |r| {
            Ok(OpeningSpan {
                weekday: r.get(0)?,
                opens_min: r.get(1)?,
                closes_min: r.get(2)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let departement: Option<String> = conn
        .query_row(
            "SELECT departement FROM sites WHERE id = ?1",
            [site_id],
            |r| r.get(0),
        )
        .optional()?
        .flatten();
    let closed = closures(conn, site_id)?
        .into_iter()
        .filter_map(|c| chrono::NaiveDate::parse_from_str(&c.day, "%Y-%m-%d").ok());
    let alsace = departement
        .as_deref()
        .is_some_and(crate::org::business_hours::is_alsace_moselle);
    Ok(crate::org::business_hours::Schedule::new(spans).with_local_days(alsace, closed))
}

/// An exceptional closing day of a site.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct Closure {
    /// YYYY-MM-DD.
    pub day: String,
    pub label: String,
}

pub fn closures(conn: &Connection, site_id: i64) -> Result<Vec<Closure>> {
    let rows = conn
        .prepare_cached("SELECT day, label FROM site_closures WHERE site_id = ?1 ORDER BY day")?
        .query_map([site_id], |r| {
            Ok(Closure {
                day: r.get(0)?,
                label: r.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}
