//! Lead KPIs for a period (leads received in it), by source, vendeur, site, brand and kind:
//! volume, time to first contact in business hours (median, 90th percentile), share contacted
//! within one working day and within 48 h (the follow-up clock's definitions), contact,
//! appointment, test-drive and offer rates, conversion (orders / leads), lost reasons, contacts
//! per lead.

use super::{Period, ReportFilter};
use crate::kernel::app::App;
use crate::kernel::clock;
use crate::kernel::error::Result;
use crate::leads::lead::LeadKind;
use chrono::{DateTime, Duration, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// One lead as the KPIs read it.
pub(crate) struct LeadFacts {
    pub contacted: Option<DateTime<Utc>>,
    pub source: String,
    pub owner_id: Option<i64>,
    pub owner: String,
    pub site_id: i64,
    pub site: String,
    pub kind: LeadKind,
    pub brand: String,
    pub status: String,
    pub close_reason: Option<String>,
    pub appointment: bool,
    pub testdrive: bool,
    pub offer: bool,
    pub order: bool,
    pub contacts: u32,
    /// Working minutes from receipt to first contact (opening hours of the lead's site).
    pub first_contact_min: Option<f64>,
    pub within_working_day: bool,
    pub within_48h: bool,
}

/// The figures of one group of leads. Rates are percentages (0–100, one decimal).
#[derive(Debug, Clone, Default, Serialize, Deserialize, TS)]
pub struct KpiRow {
    /// The group's value as the lead list filters it (source, owner id, site id, make, kind);
    /// empty for the total.
    pub key: String,
    pub label: String,
    pub leads: u32,
    pub contacted: u32,
    pub contact_rate: f64,
    /// Working minutes from receipt to first contact: median and 90th percentile of the
    /// contacted leads (null when none was contacted).
    pub first_contact_median_min: Option<f64>,
    pub first_contact_p90_min: Option<f64>,
    pub within_working_day: u32,
    pub within_working_day_rate: f64,
    pub within_48h: u32,
    pub within_48h_rate: f64,
    pub appointments: u32,
    pub appointment_rate: f64,
    pub testdrives: u32,
    pub testdrive_rate: f64,
    pub offers: u32,
    pub offer_rate: f64,
    pub orders: u32,
    pub conversion_rate: f64,
    pub lost: u32,
    /// Calls, e-mails and contacts made recorded per lead, on average.
    pub contacts_per_lead: f64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct CountRow {
    pub label: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct KpiReport {
    pub from: String,
    pub to: String,
    pub total: KpiRow,
    pub by_source: Vec<KpiRow>,
    pub by_owner: Vec<KpiRow>,
    pub by_site: Vec<KpiRow>,
    pub by_brand: Vec<KpiRow>,
    pub by_kind: Vec<KpiRow>,
    pub lost_reasons: Vec<CountRow>,
}

fn pct(part: u32, whole: u32) -> f64 {
    if whole == 0 {
        0.0
    } else {
        (f64::from(part) * 1000.0 / f64::from(whole)).round() / 10.0
    }
}

fn quantile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let at = ((sorted.len() as f64 - 1.0) * q).round() as usize;
    sorted.get(at).map(|v| v.round())
}

/// The figures of a group of leads.
pub(crate) fn row(key: String, label: String, leads: &[&LeadFacts]) -> KpiRow {
    let n = leads.len() as u32;
    let count = |f: &dyn Fn(&LeadFacts) -> bool| leads.iter().filter(|l| f(l)).count() as u32;
    let contacted = count(&|l| l.contacted.is_some());
    let mut times: Vec<f64> = leads.iter().filter_map(|l| l.first_contact_min).collect();
    times.sort_by(f64::total_cmp);
    let within_working_day = count(&|l| l.within_working_day);
    let within_48h = count(&|l| l.within_48h);
    let appointments = count(&|l| l.appointment);
    let testdrives = count(&|l| l.testdrive);
    let offers = count(&|l| l.offer);
    let orders = count(&|l| l.order);
    let contacts: u32 = leads.iter().map(|l| l.contacts).sum();
    KpiRow {
        key,
        label,
        leads: n,
        contacted,
        contact_rate: pct(contacted, n),
        first_contact_median_min: quantile(&times, 0.5),
        first_contact_p90_min: quantile(&times, 0.9),
        within_working_day,
        within_working_day_rate: pct(within_working_day, n),
        within_48h,
        within_48h_rate: pct(within_48h, n),
        appointments,
        appointment_rate: pct(appointments, n),
        testdrives,
        testdrive_rate: pct(testdrives, n),
        offers,
        offer_rate: pct(offers, n),
        orders,
        conversion_rate: pct(orders, n),
        lost: count(&|l| l.status == "perdu"),
        contacts_per_lead: if n == 0 {
            0.0
        } else {
            (f64::from(contacts) * 10.0 / f64::from(n)).round() / 10.0
        },
    }
}

/// Groups the leads by `key` (value, label) and computes each group, largest first.
fn grouped(leads: &[LeadFacts], key: impl Fn(&LeadFacts) -> (String, String)) -> Vec<KpiRow> {
    let mut groups: BTreeMap<(String, String), Vec<&LeadFacts>> = BTreeMap::new();
    for l in leads {
        groups.entry(key(l)).or_default().push(l);
    }
    let mut rows: Vec<KpiRow> = groups
        .into_iter()
        .map(|((k, label), members)| row(k, label, &members))
        .collect();
    rows.sort_by(|a, b| b.leads.cmp(&a.leads).then_with(|| a.label.cmp(&b.label)));
    rows
}

/// The leads received in the period that match the filters, with what the KPIs need.
pub(crate) fn facts(
    conn: &Connection,
    filter: &ReportFilter,
    period: &Period,
) -> Result<Vec<LeadFacts>> {
    let (conditions, extra) = filter.lead_conditions(3);
    let sql = format!(
        "SELECT l.id, l.code, l.created_at, l.contacted_at, l.source, l.owner_id, coalesce(u.name, ''), l.site_id, s.name,
                l.kind, coalesce(v.make, ''), l.status, l.close_reason,
                EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id AND t.kind = 'rdv'),
                EXISTS (SELECT 1 FROM testdrives d WHERE d.lead_id = l.id AND d.cancelled_at IS NULL)
                  OR EXISTS (SELECT 1 FROM tasks t WHERE t.lead_id = l.id AND t.kind = 'essai'),
                EXISTS (SELECT 1 FROM offers o WHERE o.lead_id = l.id),
                EXISTS (SELECT 1 FROM orders o WHERE o.lead_id = l.id),
                (SELECT count(*) FROM events e WHERE e.lead_id = l.id AND e.kind IN ('call', 'contact_made', 'mail_sent'))
         FROM leads l JOIN sites s ON s.id = l.site_id LEFT JOIN users u ON u.id = l.owner_id
         LEFT JOIN vehicles v ON v.id = l.vehicle_id
         WHERE l.created_at >= ?1 AND l.created_at < ?2 AND {}
         ORDER BY l.created_at",
        conditions.join(" AND ")
    );
    let mut args = vec![
        rusqlite::types::Value::Text(clock::to_text(period.start)),
        rusqlite::types::Value::Text(clock::to_text(period.end)),
    ];
    args.extend(extra);
    let mut schedules = super::Schedules::default();
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(rusqlite::params_from_iter(args))?;
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        let created: String = r.get(2)?;
        let contacted: Option<String> = r.get(3)?;
        let Some(created) = clock::parse(&created) else {
            continue;
        };
        let contacted = contacted.as_deref().and_then(clock::parse);
        let site_id: i64 = r.get(7)?;
        let schedule = schedules.of(conn, site_id)?;
        let (first_contact_min, within_working_day, within_48h) = match contacted {
            Some(c) => (
                Some(
                    schedule
                        .working_between(created, c.max(created))
                        .num_seconds() as f64
                        / 60.0,
                ),
                c <= schedule.end_of_next_working_day(created),
                c <= schedule.add_hours_on_open_days(created, Duration::hours(48)),
            ),
            None => (None, false, false),
        };
        let owner: String = r.get(6)?;
        out.push(LeadFacts {
            contacted,
            source: r.get(4)?,
            owner_id: r.get(5)?,
            owner: if owner.is_empty() {
                "Non assigné".into()
            } else {
                owner
            },
            site_id,
            site: r.get(8)?,
            kind: r.get(9)?,
            brand: r.get(10)?,
            status: r.get(11)?,
            close_reason: r.get(12)?,
            appointment: r.get(13)?,
            testdrive: r.get(14)?,
            offer: r.get(15)?,
            order: r.get(16)?,
            contacts: r.get(17)?,
            first_contact_min,
            within_working_day,
            within_48h,
        });
    }
    Ok(out)
}

/// The KPIs of these leads.
pub(crate) fn report(leads: &[LeadFacts], period: &Period) -> KpiReport {
    let all: Vec<&LeadFacts> = leads.iter().collect();
    let mut reasons: BTreeMap<String, u32> = BTreeMap::new();
    for l in leads.iter().filter(|l| l.status == "perdu") {
        *reasons
            .entry(
                l.close_reason
                    .clone()
                    .unwrap_or_else(|| "Sans motif".into()),
            )
            .or_default() += 1;
    }
    let mut lost_reasons: Vec<CountRow> = reasons
        .into_iter()
        .map(|(label, count)| CountRow { label, count })
        .collect();
    lost_reasons.sort_by_key(|r| std::cmp::Reverse(r.count));
    KpiReport {
        from: period.from.to_string(),
        to: period.to.to_string(),
        total: row(String::new(), "Total".into(), &all),
        by_source: grouped(leads, |l| (l.source.clone(), l.source.clone())),
        by_owner: grouped(leads, |l| {
            (
                l.owner_id.map(|i| i.to_string()).unwrap_or_default(),
                l.owner.clone(),
            )
        }),
        by_site: grouped(leads, |l| (l.site_id.to_string(), l.site.clone())),
        by_brand: grouped(leads, |l| {
            let label = if l.brand.is_empty() {
                "Sans marque".to_string()
            } else {
                l.brand.clone()
            };
            (l.brand.clone(), label)
        }),
        by_kind: grouped(leads, |l| {
            (
                l.kind.as_str().to_string(),
                super::space(l.kind).to_string() + " — " + l.kind.as_str(),
            )
        }),
        lost_reasons,
    }
}

impl App {
    pub fn kpi(&self, filter: ReportFilter) -> Result<KpiReport> {
        let period = filter.period(self.now())?;
        let conn = self.conn()?;
        let leads = facts(&conn, &filter, &period)?;
        Ok(report(&leads, &period))
    }
}
