//! Sales management (seed 000): the activity of each vendeur over the period (calls,
//! appointments, test drives, offers, orders — one day gives the "feuille de journée"), the
//! orders by brand, vehicle type, site and vendeur, and the forecast of open offers weighted by
//! how far their lead has gone.

use super::{Period, ReportFilter};
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::Result;
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ActivityRow {
    pub user_id: i64,
    pub user: String,
    pub calls: u32,
    pub appointments: u32,
    pub testdrives: u32,
    pub offers: u32,
    pub orders: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SalesRow {
    pub key: String,
    pub label: String,
    pub orders: u32,
    pub total_ttc_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ForecastRow {
    /// The lead's stage, or `acceptee` for an offer the customer accepted.
    pub stage: String,
    pub label: String,
    /// Chance of an order, in percent.
    pub weight: u32,
    pub offers: u32,
    pub total_ttc_cents: i64,
    pub weighted_cents: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct SalesReport {
    pub from: String,
    pub to: String,
    pub orders: u32,
    pub total_ttc_cents: i64,
    pub by_brand: Vec<SalesRow>,
    pub by_type: Vec<SalesRow>,
    pub by_site: Vec<SalesRow>,
    pub by_owner: Vec<SalesRow>,
    /// Offers still open today (latest version, no order), whatever the period.
    pub forecast: Vec<ForecastRow>,
    pub forecast_weighted_cents: i64,
    pub activity: Vec<ActivityRow>,
}

/// How likely an open offer turns into an order, by the stage of its lead (percent).
pub const FORECAST_WEIGHTS: &[(&str, &str, u32)] = &[
    ("contact", "Contact", 10),
    ("decouverte", "Découverte", 10),
    ("essai", "Essai", 20),
    ("offre", "Offre", 30),
    ("negociation", "Négociation", 60),
    ("acceptee", "Offre acceptée", 90),
];

fn bounds(period: &Period) -> [String; 2] {
    [clock::to_text(period.start), clock::to_text(period.end)]
}

fn sales_by(
    conn: &Connection,
    filter: &ReportFilter,
    period: &Period,
    key: &str,
    label: &str,
) -> Result<Vec<SalesRow>> {
    let (conditions, extra) = filter.lead_conditions(3);
    let sql = format!(
        "SELECT {key}, {label}, count(*), sum(d.total_ttc_cents)
         FROM orders d JOIN offers o ON o.id = d.offer_id JOIN leads l ON l.id = d.lead_id
         JOIN sites s ON s.id = l.site_id LEFT JOIN users u ON u.id = coalesce(l.owner_id, d.created_by)
         WHERE d.created_at >= ?1 AND d.created_at < ?2 AND {}
         GROUP BY 1, 2 ORDER BY 4 DESC",
        conditions.join(" AND ")
    );
    let mut args: Vec<rusqlite::types::Value> =
        bounds(period).into_iter().map(Into::into).collect();
    args.extend(extra);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(SalesRow {
                key: r.get::<_, Option<String>>(0)?.unwrap_or_default(),
                label: r.get::<_, Option<String>>(1)?.unwrap_or_else(|| "—".into()),
                orders: r.get(2)?,
                total_ttc_cents: r.get::<_, Option<i64>>(3)?.unwrap_or(0),
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

fn forecast(conn: &Connection, filter: &ReportFilter) -> Result<Vec<ForecastRow>> {
    let (conditions, extra) = filter.lead_conditions(1);
    let sql = format!(
        "SELECT CASE WHEN o.status = 'acceptee' THEN 'acceptee' ELSE l.stage END, count(*), sum(o.total_ttc_cents)
         FROM offers o JOIN leads l ON l.id = o.lead_id
         WHERE o.status IN ('ouverte', 'acceptee') AND NOT EXISTS (SELECT 1 FROM orders d WHERE d.offer_id = o.id)
           AND l.status IN ('nouveau', 'a_traiter', 'en_cours') AND {}
         GROUP BY 1",
        conditions.join(" AND ")
    );
    let mut stmt = conn.prepare(&sql)?;
    let found: Vec<(String, u32, i64)> = stmt
        .query_map(rusqlite::params_from_iter(extra), |r| {
            Ok((
                r.get(0)?,
                r.get(1)?,
                r.get::<_, Option<i64>>(2)?.unwrap_or(0),
            ))
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(FORECAST_WEIGHTS
        .iter()
        .filter_map(|(stage, label, weight)| {
            let (_, offers, total) = found.iter().find(|(s, _, _)| s == stage)?;
            Some(ForecastRow {
                stage: stage.to_string(),
                label: label.to_string(),
                weight: *weight,
                offers: *offers,
                total_ttc_cents: *total,
                weighted_cents: total * i64::from(*weight) / 100,
            })
        })
        .collect())
}

fn activity(conn: &Connection, filter: &ReportFilter, period: &Period) -> Result<Vec<ActivityRow>> {
    let (conditions, extra) = filter.lead_conditions(3);
    let leads = conditions.join(" AND ");
    let sql = format!(
        "SELECT u.id, u.name,
           (SELECT count(*) FROM events e JOIN leads l ON l.id = e.lead_id WHERE e.user_id = u.id AND e.kind = 'call' AND e.at >= ?1 AND e.at < ?2 AND {leads}),
           (SELECT count(*) FROM tasks t JOIN leads l ON l.id = t.lead_id WHERE t.assignee_id = u.id AND t.kind = 'rdv' AND t.due_at >= ?1 AND t.due_at < ?2 AND {leads}),
           (SELECT count(*) FROM testdrives d JOIN leads l ON l.id = d.lead_id WHERE coalesce(l.owner_id, d.created_by) = u.id AND d.cancelled_at IS NULL AND d.starts_at >= ?1 AND d.starts_at < ?2 AND {leads}),
           (SELECT count(DISTINCT o.number) FROM offers o JOIN leads l ON l.id = o.lead_id WHERE o.created_by = u.id AND o.created_at >= ?1 AND o.created_at < ?2 AND {leads}),
           (SELECT count(*) FROM orders d JOIN leads l ON l.id = d.lead_id WHERE d.created_by = u.id AND d.created_at >= ?1 AND d.created_at < ?2 AND {leads})
         FROM users u WHERE u.active = 1 AND u.role IN ('vendeur', 'chef_des_ventes', 'hotesse')
         ORDER BY u.name"
    );
    let mut args: Vec<rusqlite::types::Value> =
        bounds(period).into_iter().map(Into::into).collect();
    args.extend(extra);
    let mut stmt = conn.prepare(&sql)?;
    let rows = stmt
        .query_map(rusqlite::params_from_iter(args), |r| {
            Ok(ActivityRow {
                user_id: r.get(0)?,
                user: r.get(1)?,
                calls: r.get(2)?,
                appointments: r.get(3)?,
                testdrives: r.get(4)?,
                offers: r.get(5)?,
                orders: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(rows)
}

pub(crate) fn report(
    conn: &Connection,
    filter: &ReportFilter,
    period: &Period,
) -> Result<SalesReport> {
    let by_owner = sales_by(conn, filter, period, "CAST(u.id AS TEXT)", "u.name")?;
    let forecast = forecast(conn, filter)?;
    Ok(SalesReport {
        from: period.from.to_string(),
        to: period.to.to_string(),
        orders: by_owner.iter().map(|r| r.orders).sum(),
        total_ttc_cents: by_owner.iter().map(|r| r.total_ttc_cents).sum(),
        by_brand: sales_by(
            conn,
            filter,
            period,
            "json_extract(o.vehicle, '$.make')",
            "json_extract(o.vehicle, '$.make')",
        )?,
        by_type: sales_by(
            conn,
            filter,
            period,
            "CASE WHEN l.kind = 'VN' THEN 'VN' ELSE 'VO' END",
            "CASE WHEN l.kind = 'VN' THEN 'Véhicules neufs' ELSE 'Véhicules d''occasion' END",
        )?,
        by_site: sales_by(conn, filter, period, "CAST(s.id AS TEXT)", "s.name")?,
        by_owner,
        forecast_weighted_cents: forecast.iter().map(|f| f.weighted_cents).sum(),
        forecast,
        activity: activity(conn, filter, period)?,
    })
}

impl App {
    pub fn sales(&self, filter: ReportFilter) -> Result<SalesReport> {
        let period = filter.period(self.now())?;
        report(&*self.conn()?, &filter, &period)
    }
}
