//! VO alerts: a prospect's wish for a used car (make, model, price, km, energy, year) saved on
//! their lead or contact. When an import or a typed vehicle brings an available VO that
//! matches, the vendeur is notified and the match appears on the lead — once per vehicle.

use crate::dms::stock::{self, StockVehicle};
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize, TS)]
#[serde(default)]
pub struct VoAlertInput {
    #[ts(optional = nullable)]
    pub id: Option<i64>,
    /// The lead the alert belongs to (its contact and owner follow).
    pub lead_id: i64,
    #[ts(optional = nullable)]
    pub make: Option<String>,
    #[ts(optional = nullable)]
    pub model: Option<String>,
    #[ts(optional = nullable)]
    pub energy: Option<String>,
    #[ts(optional = nullable)]
    pub max_price_cents: Option<i64>,
    #[ts(optional = nullable)]
    pub max_km: Option<i64>,
    /// First registered this year or later.
    #[ts(optional = nullable)]
    pub min_year: Option<i32>,
    #[ts(as = "Option<bool>", optional)]
    pub active: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct VoAlert {
    pub id: i64,
    pub contact_id: i64,
    pub lead_id: Option<i64>,
    pub owner_id: Option<i64>,
    pub make: Option<String>,
    pub model: Option<String>,
    pub energy: Option<String>,
    pub max_price_cents: Option<i64>,
    pub max_km: Option<i64>,
    pub min_year: Option<i32>,
    pub active: bool,
    pub created_at: String,
    /// Stock vehicles that matched, newest first.
    pub matches: Vec<StockVehicle>,
}

impl VoAlert {
    pub fn describe(&self) -> String {
        let mut parts: Vec<String> = [&self.make, &self.model, &self.energy]
            .into_iter()
            .flatten()
            .cloned()
            .collect();
        if let Some(p) = self.max_price_cents {
            parts.push(format!("≤ {}", crate::kernel::format::euros(p)));
        }
        if let Some(k) = self.max_km {
            parts.push(format!("≤ {k} km"));
        }
        if let Some(y) = self.min_year {
            parts.push(format!("depuis {y}"));
        }
        if parts.is_empty() {
            "tout VO".into()
        } else {
            parts.join(", ")
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct VoAlertRef {
    pub id: i64,
}

const COLUMNS: &str = "id, contact_id, lead_id, owner_id, make, model, energy, max_price_cents, max_km, min_year, active, created_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<VoAlert> {
    Ok(VoAlert {
        id: r.get(0)?,
        contact_id: r.get(1)?,
        lead_id: r.get(2)?,
        owner_id: r.get(3)?,
        make: r.get(4)?,
        model: r.get(5)?,
        energy: r.get(6)?,
        max_price_cents: r.get(7)?,
        max_km: r.get(8)?,
        min_year: r.get(9)?,
        active: r.get(10)?,
        created_at: r.get(11)?,
        matches: Vec::new(),
    })
}

/// The condition a stock row `s` must meet for alert `a` (folded comparisons on text).
const MATCH: &str = "a.active = 1 AND s.condition = 'VO' AND s.status = 'disponible'
    AND (a.make IS NULL OR lower(s.make) = lower(a.make))
    AND (a.model IS NULL OR lower(s.model) LIKE lower(a.model) || '%')
    AND (a.energy IS NULL OR lower(s.energy) = lower(a.energy))
    AND (a.max_price_cents IS NULL OR s.price_cents <= a.max_price_cents)
    AND (a.max_km IS NULL OR s.km <= a.max_km)
    AND (a.min_year IS NULL OR CAST(substr(s.first_registration, 1, 4) AS INTEGER) >= a.min_year)";

/// Records the new matches of these stock vehicles and tells each alert's vendeur; returns how
/// many matches were new.
pub(crate) fn match_stock(conn: &Connection, stock_ids: &[i64], now: &str) -> Result<u32> {
    let mut find = conn.prepare_cached(&format!(
        "SELECT a.id, a.lead_id, a.owner_id, s.id FROM vo_alerts a, stock s
         WHERE s.id = ?1 AND {MATCH}
           AND NOT EXISTS (SELECT 1 FROM vo_alert_matches m WHERE m.alert_id = a.id AND m.stock_id = s.id)"
    ))?;
    let mut found = Vec::new();
    for id in stock_ids {
        let rows = find.query_map([id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<i64>>(1)?,
                r.get::<_, Option<i64>>(2)?,
                r.get::<_, i64>(3)?,
            ))
        })?;
        for row in rows {
            found.push(row?);
        }
    }
    let today = crate::kernel::clock::parse(now)
        .unwrap_or_else(chrono::Utc::now)
        .with_timezone(&chrono_tz::Europe::Paris)
        .date_naive();
    for (alert, lead, owner, stock_id) in &found {
        conn.prepare_cached(
            "INSERT INTO vo_alert_matches(alert_id, stock_id, matched_at) VALUES (?1, ?2, ?3)",
        )?
        .execute(params![alert, stock_id, now])?;
        let v = stock::get(conn, *stock_id, today)?;
        let price = v
            .fields
            .price_cents
            .map(crate::kernel::format::euros)
            .unwrap_or_default();
        let text = format!(
            "VO correspondant à l'alerte : {} {price} (VIN {})",
            v.label(),
            v.fields.vin
        );
        // The lead's current owner takes precedence over whoever saved the alert.
        let lead_owner: Option<i64> = match lead {
            Some(l) => conn
                .query_row("SELECT owner_id FROM leads WHERE id = ?1", [l], |r| {
                    r.get(0)
                })
                .optional()?
                .flatten(),
            None => None,
        };
        if let Some(l) = lead {
            crate::leads::timeline::append(
                conn,
                *l,
                now,
                None,
                crate::leads::timeline::kind::VO_ALERT,
                &text,
                None,
            )?;
        }
        if let Some(user) = lead_owner.or(*owner) {
            crate::notify::inapp::user(conn, user, *lead, now, "vo_alert", &text)?;
        }
    }
    Ok(found.len() as u32)
}

fn clean_text(field: &'static str, label: &str, v: &Option<String>) -> Result<Option<String>> {
    validate::optional_text(field, label, v.as_deref(), MAX_SHORT_TEXT)
}

impl App {
    /// Saves an alert on a lead and looks at once for the VO already in stock that match it.
    pub fn vo_alert_save(&self, input: VoAlertInput) -> Result<VoAlert> {
        let make = clean_text("make", "Marque", &input.make)?;
        let model = clean_text("model", "Modèle", &input.model)?;
        let (make, model) = match (make, model) {
            (Some(make), model) => {
                let (make, model) =
                    crate::leads::referential::normalise(&make, model.as_deref().unwrap_or(""));
                (Some(make), Some(model).filter(|m| !m.is_empty()))
            }
            (None, model) => (None, model),
        };
        let energy = clean_text("energy", "Énergie", &input.energy)?;
        for (field, v) in [
            ("max_price_cents", input.max_price_cents),
            ("max_km", input.max_km),
        ] {
            if v.is_some_and(|v| v <= 0) {
                return Err(CoreError::invalid(field, "Indiquez une valeur positive."));
            }
        }
        if input.min_year.is_some_and(|y| !(1950..=2100).contains(&y)) {
            return Err(CoreError::invalid("min_year", "Année invalide."));
        }
        let id = self.write(|tx, ctx| {
            let lead = crate::leads::lead::get(tx, input.lead_id)?;
            let active = input.active.unwrap_or(true);
            let id = match input.id {
                Some(id) => {
                    let n = tx.execute(
                        "UPDATE vo_alerts SET make = ?2, model = ?3, energy = ?4, max_price_cents = ?5, max_km = ?6, min_year = ?7,
                           active = ?8, updated_at = ?9 WHERE id = ?1 AND lead_id = ?10",
                        params![id, make, model, energy, input.max_price_cents, input.max_km, input.min_year, active, ctx.now_text, input.lead_id],
                    )?;
                    if n == 0 {
                        return Err(CoreError::NotFound { what: "Alerte VO" });
                    }
                    id
                }
                None => {
                    tx.execute(
                        "INSERT INTO vo_alerts(contact_id, lead_id, owner_id, make, model, energy, max_price_cents, max_km, min_year, active, created_at, updated_at)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)",
                        params![lead.contact.id, lead.id, lead.owner_id.or(ctx.actor), make, model, energy, input.max_price_cents, input.max_km, input.min_year, active, ctx.now_text],
                    )?;
                    tx.last_insert_rowid()
                }
            };
            let alert = get(tx, id)?;
            crate::leads::timeline::append(
                tx,
                lead.id,
                &ctx.now_text,
                ctx.actor,
                crate::leads::timeline::kind::VO_ALERT,
                &format!(
                    "Alerte VO {} : {}",
                    if input.id.is_some() { "modifiée" } else { "créée" },
                    alert.describe()
                ),
                None,
            )?;
            let candidates: Vec<i64> = tx
                .prepare("SELECT id FROM stock WHERE condition = 'VO' AND status = 'disponible'")?
                .query_map([], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            match_stock(tx, &candidates, &ctx.now_text)?;
            Ok(id)
        })?;
        let conn = self.conn()?;
        let mut alert = get(&conn, id)?;
        alert.matches = matches(&conn, id, self.now().date_naive())?;
        Ok(alert)
    }

    /// The alerts of a lead with the vehicles that matched.
    pub fn vo_alerts(&self, input: crate::leads::trash::LeadIdInput) -> Result<Vec<VoAlert>> {
        let conn = self.conn()?;
        let mut alerts: Vec<VoAlert> = conn
            .prepare(&format!(
                "SELECT {COLUMNS} FROM vo_alerts WHERE lead_id = ?1 ORDER BY id DESC"
            ))?
            .query_map([input.lead_id], from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for a in &mut alerts {
            a.matches = matches(&conn, a.id, self.now().date_naive())?;
        }
        Ok(alerts)
    }
}

fn get(conn: &Connection, id: i64) -> Result<VoAlert> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM vo_alerts WHERE id = ?1"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Alerte VO" })
}

fn matches(conn: &Connection, alert: i64, today: chrono::NaiveDate) -> Result<Vec<StockVehicle>> {
    let ids: Vec<i64> = conn
        .prepare("SELECT stock_id FROM vo_alert_matches WHERE alert_id = ?1 ORDER BY matched_at DESC, stock_id DESC LIMIT 50")?
        .query_map([alert], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    ids.into_iter()
        .map(|id| stock::get(conn, id, today))
        .collect()
}
