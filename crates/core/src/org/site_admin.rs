//! Administrators create and edit sites: address, département (Alsace-Moselle holidays),
//! opening hours per weekday with a lunch break, exceptional closing days.

use crate::kernel::app::{App, Ctx, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::org::audit;
use crate::org::garage::check_postal_code;
use crate::org::sites::{self, Closure, OpeningSpan};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Opening hours of one weekday as the screen shows them ("09:00"–"12:00"); two spans for a
/// lunch break.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct DayHours {
    /// 1 = Monday … 7 = Sunday.
    pub weekday: u8,
    pub opens: String,
    pub closes: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct SiteDetail {
    pub id: i64,
    pub name: String,
    pub address: Option<String>,
    pub postal_code: Option<String>,
    pub city: String,
    pub departement: Option<String>,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub hours: Vec<DayHours>,
    pub closures: Vec<Closure>,
    /// Active users attached to the site.
    pub users: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SiteInput {
    /// None creates a site.
    #[serde(default)]
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    pub name: String,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub address: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub postal_code: Option<String>,
    pub city: String,
    /// Deduced from the postal code when empty (20 → 2A/2B is left to the user).
    #[serde(default)]
    #[ts(optional = nullable)]
    pub departement: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub phone: Option<String>,
    #[serde(default)]
    #[ts(optional = nullable)]
    pub email: Option<String>,
    pub hours: Vec<DayHours>,
    #[serde(default)]
    pub closures: Vec<Closure>,
}

fn minutes(field: &'static str, text: &str) -> Result<u16> {
    let bad = || CoreError::invalid(field, format!("Heure invalide : « {text} » (ex. 09:00)."));
    let (h, m) = text.trim().split_once([':', 'h', 'H']).ok_or_else(bad)?;
    let (h, m): (u16, u16) = (
        h.trim().parse().map_err(|_| bad())?,
        if m.trim().is_empty() {
            0
        } else {
            m.trim().parse().map_err(|_| bad())?
        },
    );
    if h > 24 || m > 59 || (h == 24 && m > 0) {
        return Err(bad());
    }
    Ok(h * 60 + m)
}

fn hhmm(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

/// Validated opening spans: each opens before it closes, no overlap on a day.
fn clean_hours(hours: &[DayHours]) -> Result<Vec<OpeningSpan>> {
    let mut spans = Vec::new();
    for h in hours {
        if !(1..=7).contains(&h.weekday) {
            return Err(CoreError::invalid("hours", "Jour de la semaine invalide."));
        }
        let (opens, closes) = (minutes("hours", &h.opens)?, minutes("hours", &h.closes)?);
        if opens >= closes {
            return Err(CoreError::invalid(
                "hours",
                format!(
                    "{} : l'ouverture ({}) doit précéder la fermeture ({}).",
                    weekday_name(h.weekday),
                    h.opens,
                    h.closes
                ),
            ));
        }
        spans.push(OpeningSpan {
            weekday: h.weekday,
            opens_min: opens,
            closes_min: closes,
        });
    }
    spans.sort_by_key(|s| (s.weekday, s.opens_min));
    for pair in spans.windows(2) {
        if pair[0].weekday == pair[1].weekday && pair[1].opens_min < pair[0].closes_min {
            return Err(CoreError::invalid(
                "hours",
                format!(
                    "{} : deux plages horaires se chevauchent.",
                    weekday_name(pair[0].weekday)
                ),
            ));
        }
    }
    if spans.len() > 7 * 4 {
        return Err(CoreError::invalid(
            "hours",
            "Quatre plages par jour au plus.",
        ));
    }
    Ok(spans)
}

fn weekday_name(n: u8) -> &'static str {
    [
        "", "Lundi", "Mardi", "Mercredi", "Jeudi", "Vendredi", "Samedi", "Dimanche",
    ][usize::from(n.min(7))]
}

fn clean_closures(closures: &[Closure]) -> Result<Vec<Closure>> {
    let mut out: Vec<Closure> = Vec::new();
    for c in closures.iter().take(400) {
        let day = chrono::NaiveDate::parse_from_str(c.day.trim(), "%Y-%m-%d").map_err(|_| {
            CoreError::invalid(
                "closures",
                format!("Date de fermeture invalide : « {} ».", c.day),
            )
        })?;
        let label = validate::optional_text("closures", "Motif", Some(&c.label), MAX_SHORT_TEXT)?
            .unwrap_or_default();
        let day = day.format("%Y-%m-%d").to_string();
        if !out.iter().any(|o| o.day == day) {
            out.push(Closure { day, label });
        }
    }
    Ok(out)
}

/// The département of a French postal code (first two digits; 97x and 98x keep three).
fn departement_of(postal_code: &str) -> Option<String> {
    let digits: String = postal_code.chars().take(3).collect();
    if digits.starts_with("97") || digits.starts_with("98") {
        Some(digits)
    } else {
        Some(digits.chars().take(2).collect()).filter(|d: &String| d.len() == 2)
    }
}

pub(crate) fn detail(conn: &Connection, id: i64) -> Result<SiteDetail> {
    let hours = conn
        .prepare_cached("SELECT weekday, opens_min, closes_min FROM site_hours WHERE site_id = ?1 ORDER BY weekday, opens_min")?
        .query_map([id], |r| {
            Ok(DayHours { weekday: r.get(0)?, opens: hhmm(r.get(1)?), closes: hhmm(r.get(2)?) })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let closures = sites::closures(conn, id)?;
    let users: u32 = conn.query_row(
        "SELECT count(*) FROM users WHERE site_id = ?1 AND active = 1",
        [id],
        |r| r.get(0),
    )?;
    conn.query_row(
        "SELECT name, address, postal_code, city, departement, phone, email FROM sites WHERE id = ?1",
        [id],
        |r| {
            Ok(SiteDetail {
                id,
                name: r.get(0)?,
                address: r.get(1)?,
                postal_code: r.get(2)?,
                city: r.get(3)?,
                departement: r.get(4)?,
                phone: r.get(5)?,
                email: r.get(6)?,
                hours: hours.clone(),
                closures: closures.clone(),
                users,
            })
        },
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Site" })
}

/// A site's validated fields.
pub(crate) struct CleanSite {
    name: String,
    address: Option<String>,
    postal_code: Option<String>,
    city: String,
    departement: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    spans: Vec<OpeningSpan>,
    closures: Vec<Closure>,
}

/// Checks every field of a site (the name against the other sites) without writing.
pub(crate) fn clean(conn: &Connection, input: &SiteInput) -> Result<CleanSite> {
    let name = validate::required_text("name", "Nom du site", &input.name, MAX_SHORT_TEXT)?;
    let city = validate::required_text("city", "Ville", &input.city, MAX_SHORT_TEXT)?;
    let address = validate::optional_text(
        "address",
        "Adresse",
        input.address.as_deref(),
        MAX_SHORT_TEXT,
    )?;
    let postal_code = match input
        .postal_code
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty())
    {
        Some(p) => Some(check_postal_code("postal_code", p)?),
        None => None,
    };
    let departement = match input
        .departement
        .as_deref()
        .map(str::trim)
        .filter(|d| !d.is_empty())
    {
        Some(d) if d.len() <= 3 && d.chars().all(|c| c.is_ascii_alphanumeric()) => {
            Some(d.to_uppercase())
        }
        Some(_) => {
            return Err(CoreError::invalid(
                "departement",
                "Département : son numéro (ex. 69, 2A, 974).",
            ))
        }
        None => postal_code.as_deref().and_then(departement_of),
    };
    let phone = validate::optional_phone("phone", input.phone.as_deref())?;
    let email = validate::optional_email("email", input.email.as_deref())?;
    let spans = clean_hours(&input.hours)?;
    if spans.is_empty() {
        return Err(CoreError::invalid("hours", "Indiquez au moins une plage d'ouverture : les délais se comptent sur les jours d'ouverture."));
    }
    let closures = clean_closures(&input.closures)?;
    let taken: Option<i64> = conn
        .query_row(
            "SELECT id FROM sites WHERE name = ?1 AND id IS NOT ?2",
            params![name, input.id],
            |r| r.get(0),
        )
        .optional()?;
    if taken.is_some() {
        return Err(CoreError::invalid(
            "name",
            "Un autre site porte déjà ce nom.",
        ));
    }
    Ok(CleanSite {
        name,
        address,
        postal_code,
        city,
        departement,
        phone,
        email,
        spans,
        closures,
    })
}

/// Creates or updates a site from validated input, inside the caller's transaction.
pub(crate) fn save(conn: &Connection, ctx: &Ctx, input: &SiteInput) -> Result<SiteDetail> {
    let CleanSite {
        name,
        address,
        postal_code,
        city,
        departement,
        phone,
        email,
        spans,
        closures,
    } = clean(conn, input)?;
    let before = match input.id {
        Some(id) => Some(detail(conn, id)?),
        None => None,
    };
    let id = match input.id {
        Some(id) => {
            conn.execute(
                "UPDATE sites SET name = ?2, address = ?3, postal_code = ?4, city = ?5, departement = ?6, phone = ?7, email = ?8, updated_at = ?9 WHERE id = ?1",
                params![id, name, address, postal_code, city, departement, phone, email, ctx.now_text],
            )?;
            id
        }
        None => {
            conn.execute(
                "INSERT INTO sites(name, address, postal_code, city, departement, phone, email, created_at, updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8)",
                params![name, address, postal_code, city, departement, phone, email, ctx.now_text],
            )?;
            conn.last_insert_rowid()
        }
    };
    sites::set_hours(conn, id, &spans)?;
    conn.execute("DELETE FROM site_closures WHERE site_id = ?1", [id])?;
    for c in &closures {
        conn.execute(
            "INSERT INTO site_closures(site_id, day, label) VALUES (?1, ?2, ?3)",
            params![id, c.day, c.label],
        )?;
    }
    let after = detail(conn, id)?;
    match before {
        Some(before) => audit::record_change(
            conn,
            ctx,
            audit::kind::SITE,
            &format!("Site modifié : {}", after.name),
            &before,
            &after,
        )?,
        None => audit::record(
            conn,
            ctx,
            audit::kind::SITE,
            &format!("Site créé : {}", after.name),
            None,
            serde_json::to_value(&after).ok(),
        )?,
    }
    Ok(after)
}

impl App {
    pub fn sites_admin(&self, _: Empty) -> Result<Vec<SiteDetail>> {
        let conn = self.conn()?;
        sites::list(&conn)?
            .iter()
            .map(|s| detail(&conn, s.id))
            .collect()
    }

    pub fn site_save(&self, input: SiteInput) -> Result<SiteDetail> {
        self.write(|tx, ctx| save(tx, ctx, &input))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hours_are_read_and_checked() {
        assert_eq!(minutes("h", "09:30").unwrap(), 570);
        assert_eq!(minutes("h", "9h").unwrap(), 540);
        assert_eq!(minutes("h", "24:00").unwrap(), 1440);
        assert!(minutes("h", "25:00").is_err());
        assert!(minutes("h", "midi").is_err());
        let day = |o: &str, c: &str| DayHours {
            weekday: 1,
            opens: o.into(),
            closes: c.into(),
        };
        assert_eq!(
            clean_hours(&[day("14:00", "19:00"), day("09:00", "12:00")])
                .unwrap()
                .len(),
            2
        );
        assert!(clean_hours(&[day("12:00", "09:00")]).is_err());
        assert!(clean_hours(&[day("09:00", "13:00"), day("12:00", "19:00")]).is_err());
        assert_eq!(departement_of("67000").as_deref(), Some("67"));
        assert_eq!(departement_of("97400").as_deref(), Some("974"));
    }
}
