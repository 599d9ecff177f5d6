//! Benchmark of the lead list and search on a database (usually a fresh demo of a million leads).
//! It prints figures; it is not a timed test.

use crate::kernel::app::App;
use crate::kernel::error::Result;
use crate::leads::lead::{LeadKind, LeadStatus};
use crate::leads::list::{LeadQuery, LeadSort};
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

pub(crate) fn percentiles(mut samples: Vec<f64>) -> Percentiles {
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

pub(crate) fn time_ms(f: impl FnOnce() -> Result<()>) -> Result<f64> {
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
        let shown = term.clone();
        search_samples.push(time_ms(|| {
            app.leads_list(LeadQuery {
                search: Some(term),
                limit: Some(50),
                ..Default::default()
            })
            .map(drop)
        })?);
        if std::env::var_os("CARNET_BENCH_DEBUG").is_some()
            && search_samples.last().is_some_and(|t| *t > 8.0)
        {
            eprintln!(
                "slow search {shown:?}: {:.1} ms",
                search_samples.last().unwrap_or(&0.0)
            );
        }
        if let Some(code) = first_code {
            page_samples.push(time_ms(|| {
                app.lead_get(crate::leads::commands::LeadRef { code })
                    .map(drop)
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

#[derive(Debug, Clone, Serialize)]
pub struct IntakeBench {
    pub mails: usize,
    pub seconds: f64,
    /// In batches, as a folder or an IMAP backlog is committed.
    pub mails_per_second: f64,
    /// One mail per durable commit (a webhook post).
    pub single_mails_per_second: f64,
    pub leads_created: u32,
    pub merged: u32,
}

/// A realistic classified-ad lead mail (quoted-printable body, accents), different for each `n`.
fn sample_mail(n: usize) -> Vec<u8> {
    let names = [
        "Lemaître",
        "François",
        "Guérin",
        "Da Silva",
        "Nguyen",
        "Dubois",
        "Haddad",
        "Perrin",
    ];
    let firsts = [
        "Hélène",
        "Inès",
        "Loïc",
        "Zoé",
        "Jérôme",
        "Stéphane",
        "Léa",
        "Raphaël",
    ];
    let cars = [
        "Peugeot 3008 1.2 PureTech 130 Allure - 24 990 €",
        "Renault Clio V TCe 90 Evolution - 17 490 €",
        "Volkswagen Golf 8 1.5 eTSI 150 - 28 900 €",
    ];
    let (last, first, car) = (
        names[n % names.len()],
        firsts[n / 8 % firsts.len()],
        cars[n % cars.len()],
    );
    format!(
        "From: La Centrale <noreply@lacentrale.fr>\r\nTo: leads@garage.fr\r\nSubject: Nouveau contact pour votre annonce {n}\r\n\
         Date: Mon, 02 Nov 2026 10:20:00 +0100\r\nMessage-ID: <bench-{n}@lacentrale.fr>\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n\
         Bonjour,\r\n\r\nUn internaute est intéressé par votre annonce :\r\n{car}\r\nRéférence annonce : {ref_}\r\n\r\n\
         Nom : {last}\r\nPrénom : {first}\r\nTéléphone : 06 {a:02} {b:02} {c:02} {d:02}\r\nE-mail : client{n}@example.fr\r\n\
         Code postal : 69003\r\nMessage : Bonjour, le véhicule est-il toujours disponible ? Je peux passer samedi.\r\n\r\nL'équipe La Centrale\r\n",
        ref_ = 10_000_000 + n,
        a = n / 1_000_000 % 100,
        b = n / 10_000 % 100,
        c = n / 100 % 100,
        d = n % 100,
    )
    .into_bytes()
}

/// Parse + store rate of the intake pipeline on `count` distinct mails: as a folder or an IMAP
/// backlog arrives (batches of `MAX_BATCH`, one durable commit each), and one mail per commit
/// (the webhook's case) on the first tenth.
pub fn intake(app: &App, count: usize) -> Result<IntakeBench> {
    use crate::intake::store::{Channel, MAX_BATCH};
    let mails: Vec<Vec<u8>> = (0..count).map(sample_mail).collect();
    let single = count / 10;
    let mut summary = crate::intake::store::IngestSummary::default();
    let started = Instant::now();
    for raw in &mails[..single] {
        summary.add(&app.ingest_mail(raw, Channel::File)?);
    }
    let single_seconds = started.elapsed().as_secs_f64();
    let started = Instant::now();
    for chunk in mails[single..].chunks(MAX_BATCH) {
        let items: Vec<(&[u8], Channel)> = chunk
            .iter()
            .map(|m| (m.as_slice(), Channel::File))
            .collect();
        for outcome in app.ingest_mails(&items)? {
            summary.add(&outcome);
        }
    }
    let seconds = started.elapsed().as_secs_f64();
    let batched = count - single;
    Ok(IntakeBench {
        mails: count,
        seconds: seconds + single_seconds,
        mails_per_second: batched as f64 / seconds.max(1e-9),
        single_mails_per_second: single as f64 / single_seconds.max(1e-9),
        leads_created: summary.leads_created,
        merged: summary.merged,
    })
}

#[cfg(test)]
mod tests {
    #[test]
    fn sample_mails_are_parsed_as_la_centrale_leads() {
        let mail = crate::intake::parse::parse_mail(&super::sample_mail(4242));
        let crate::intake::parse::MailOutcome::Lead(lead) = mail.outcome else {
            panic!("not a lead")
        };
        assert_eq!(lead.source, "La Centrale");
        assert_eq!(lead.external_ref.as_deref(), Some("10004242"));
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct PdfBench {
    /// Rendering the offer PDF (data read, layout, font subset, compression), in ms.
    pub offer: Percentiles,
    pub order: Percentiles,
    pub offer_bytes: usize,
    pub order_bytes: usize,
}

/// PDF rendering of the demo's first order and its offer (None when the database has none).
pub fn documents(app: &App, rounds: usize) -> Result<Option<PdfBench>> {
    use crate::documents::{PdfKind, PdfRef};
    let conn = app.conn()?;
    let ids: Option<(i64, i64)> = conn
        .query_row(
            "SELECT id, offer_id FROM orders ORDER BY id LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .ok();
    drop(conn);
    let Some((order, offer)) = ids else {
        return Ok(None);
    };
    let measure = |kind, id| -> Result<(Percentiles, usize)> {
        let doc = PdfRef { kind, id };
        // The first rendering parses the embedded fonts once for the process.
        let size = app.pdf_bytes(&doc)?.len();
        let samples = (0..rounds.max(1))
            .map(|_| time_ms(|| app.pdf_bytes(&doc).map(drop)))
            .collect::<Result<Vec<f64>>>()?;
        Ok((percentiles(samples), size))
    };
    let (offer_p, offer_bytes) = measure(PdfKind::Offer, offer)?;
    let (order_p, order_bytes) = measure(PdfKind::Order, order)?;
    Ok(Some(PdfBench {
        offer: offer_p,
        order: order_p,
        offer_bytes,
        order_bytes,
    }))
}

#[derive(Debug, Clone, Serialize)]
pub struct ReportBench {
    /// The tableau de pilotage (default filters), in ms.
    pub dashboard: Percentiles,
    /// The KPIs of the last 30 days, in ms.
    pub kpi: Percentiles,
    /// The lead export (every lead) to XLSX, when the database holds 200,000 leads or fewer.
    pub export: Option<ExportBench>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ExportBench {
    pub leads: u64,
    pub seconds: f64,
    /// The same number of rows and cells written with bare rust_xlsxwriter (constant memory).
    pub bare_seconds: f64,
    pub ratio: f64,
    /// Resident memory of the process before the export and its peak during it (Linux), in MB.
    pub rss_before_mb: Option<f64>,
    pub peak_mb: Option<f64>,
    pub file_mb: f64,
}

/// Resets the process's peak RSS (Linux `clear_refs` 5) and reads it back later (`VmHWM`).
pub(crate) fn peak_reset() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

pub(crate) fn status_mb(field: &str) -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with(field))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb / 1024.0)
}

/// Writes the cells of the lead export with bare rust_xlsxwriter — `rows` rows shaped like a
/// lead (17 texts, 5 dates, 5 numbers) on the first sheet and again spread over the per-kind
/// sheets — : the floor the export is compared with.
fn bare_xlsx(rows: u64, path: &std::path::Path) -> Result<f64> {
    use rust_xlsxwriter::{Format, Workbook};
    let started = Instant::now();
    let err =
        |e: rust_xlsxwriter::XlsxError| crate::kernel::error::CoreError::Internal(e.to_string());
    let mut book = Workbook::new();
    let date = Format::new().set_num_format("dd/mm/yyyy hh:mm");
    let when = chrono::NaiveDate::from_ymd_opt(2026, 11, 30)
        .and_then(|d| d.and_hms_opt(9, 30, 0))
        .unwrap_or_default();
    for _ in 0..2 {
        let ws = book.add_worksheet_with_constant_memory().map_err(err)?;
        for r in 1..=rows as u32 {
            for c in 0..17u16 {
                ws.write_string(r, c, "Texte de cellule").map_err(err)?;
            }
            for c in 17..22u16 {
                ws.write_datetime_with_format(r, c, when, &date)
                    .map_err(err)?;
            }
            for c in 22..27u16 {
                ws.write_number(r, c, f64::from(r)).map_err(err)?;
            }
        }
    }
    book.save(path).map_err(err)?;
    Ok(started.elapsed().as_secs_f64())
}

pub fn reports(app: &App, rounds: usize) -> Result<ReportBench> {
    use crate::reports::export::{ExportInput, ExportKind};
    use crate::reports::ReportFilter;
    let samples = |f: &dyn Fn() -> Result<()>| -> Result<Percentiles> {
        f()?;
        Ok(percentiles(
            (0..rounds.max(1))
                .map(|_| time_ms(f))
                .collect::<Result<Vec<f64>>>()?,
        ))
    };
    let dashboard = samples(&|| app.dashboard(ReportFilter::default()).map(drop))?;
    let kpi = samples(&|| app.kpi(ReportFilter::default()).map(drop))?;
    let leads =
        crate::reports::lead_rows::count(&*app.conn()?, &ReportFilter::default(), app.now())?;
    let export = if leads <= 200_000 {
        let dir = std::env::temp_dir().join(format!("carnet-export-bench-{}", std::process::id()));
        std::fs::create_dir_all(&dir)?;
        let target = dir.join("leads.xlsx");
        peak_reset();
        let rss_before_mb = status_mb("VmRSS:");
        let started = Instant::now();
        let done = app.export_to(
            &ExportInput {
                what: ExportKind::LeadsXlsx,
                filter: ReportFilter::default(),
            },
            &target,
            |_, _| true,
        )?;
        let seconds = started.elapsed().as_secs_f64();
        let peak = status_mb("VmHWM:");
        let file_mb = std::fs::metadata(&target)
            .map(|m| m.len() as f64 / 1e6)
            .unwrap_or(0.0);
        let bare_seconds = bare_xlsx(done.rows, &dir.join("bare.xlsx"))?;
        let _ = std::fs::remove_dir_all(&dir);
        Some(ExportBench {
            leads: done.rows,
            seconds,
            bare_seconds,
            ratio: seconds / bare_seconds.max(1e-9),
            rss_before_mb,
            peak_mb: peak,
            file_mb,
        })
    } else {
        None
    };
    Ok(ReportBench {
        dashboard,
        kpi,
        export,
    })
}
