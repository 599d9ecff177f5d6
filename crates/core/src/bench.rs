//! Benchmark of the lead list and search on a database (usually a fresh demo of a million leads).
//! It prints figures; it is not a timed test.

use crate::app::App;
use crate::error::Result;
use crate::lead::{LeadKind, LeadStatus};
use crate::lead_list::{LeadQuery, LeadSort};
use serde::Serialize;
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct Percentiles {
    pub runs: usize,
    pub p50_ms: f64,
    pub p95_ms: f64,
    pub max_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct BenchReport {
    pub leads: i64,
    /// Lead list pages of 50 rows, filtered and sorted as people use the list.
    pub list_page: Percentiles,
    /// Free-text searches (names, phones, e-mails, codes, plates), first page of 50.
    pub search: Percentiles,
    /// Opening one lead page (lead, contact, vehicles, timeline).
    pub lead_page: Percentiles,
}

fn percentiles(mut samples: Vec<f64>) -> Percentiles {
    samples.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| {
        samples
            .get(((samples.len() as f64 - 1.0) * q).round() as usize)
            .copied()
            .unwrap_or(0.0)
    };
    Percentiles {
        runs: samples.len(),
        p50_ms: at(0.5),
        p95_ms: at(0.95),
        max_ms: at(1.0),
    }
}

fn time_ms(f: impl FnOnce() -> Result<()>) -> Result<f64> {
    let t = Instant::now();
    f()?;
    Ok(t.elapsed().as_secs_f64() * 1000.0)
}

pub fn run(app: &App, rounds: usize) -> Result<BenchReport> {
    let conn = app.conn()?;
    let leads: i64 = conn.query_row("SELECT count(*) FROM leads", [], |r| r.get(0))?;
    let users: Vec<i64> = conn
        .prepare("SELECT id FROM users")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let sites: Vec<i64> = conn
        .prepare("SELECT id FROM sites")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    // Real values to search for: sampled names, phones, e-mails, codes, plates.
    let mut terms: Vec<String> = conn
        .prepare(
            "SELECT c.last_name, substr(c.first_name, 1, 3) || ' ' || c.last_name, '0' || substr(c.phone, 4, 5), c.email, l.code
             FROM leads l JOIN contacts c ON c.id = l.contact_id WHERE l.id % 9973 = 1 LIMIT 20",
        )?
        .query_map([], |r| Ok([r.get::<_, String>(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?]))?
        .collect::<rusqlite::Result<Vec<_>>>()?
        .into_iter()
        .flatten()
        .collect();
    terms.push("Dupont".into());
    terms.push("06 12".into());
    drop(conn);

    let mut rng = fastrand::Rng::with_seed(7);
    let mut list_samples = Vec::new();
    let mut search_samples = Vec::new();
    let mut page_samples = Vec::new();
    for round in 0..rounds {
        let sort = [
            LeadSort::Recent,
            LeadSort::Deadline,
            LeadSort::LastActivity,
            LeadSort::Recent,
        ][round % 4];
        let mut q = LeadQuery {
            sort: Some(sort),
            limit: Some(50),
            ..Default::default()
        };
        match round % 6 {
            0 => q.status = Some(LeadStatus::EnCours),
            1 => q.owner_id = users.get(rng.usize(0..users.len().max(1))).copied(),
            2 => {
                q.site_id = sites.first().copied();
                q.status = Some(LeadStatus::ATraiter);
            }
            3 => q.kind = Some(LeadKind::Vo),
            4 => q.source = Some("Leboncoin".into()),
            _ => q.overdue = true,
        }
        let mut first_code = None;
        list_samples.push(time_ms(|| {
            let page = app.leads_list(q)?;
            first_code = page.leads.first().map(|l| l.code.clone());
            Ok(())
        })?);
        let term = terms[round % terms.len()].clone();
        search_samples.push(time_ms(|| {
            app.leads_list(LeadQuery {
                search: Some(term),
                limit: Some(50),
                ..Default::default()
            })
            .map(drop)
        })?);
        if let Some(code) = first_code {
            page_samples.push(time_ms(|| {
                app.lead_get(crate::app::LeadRef { code }).map(drop)
            })?);
        }
    }
    Ok(BenchReport {
        leads,
        list_page: percentiles(list_samples),
        search: percentiles(search_samples),
        lead_page: percentiles(page_samples),
    })
}
