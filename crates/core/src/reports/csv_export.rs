//! The lead list as CSV for those who open it in Excel: UTF-8 with a BOM, `;` between fields,
//! French dates and decimal commas; text from outside cannot become a formula. Written aside,
//! then renamed.

use super::lead_rows::{self, inert, HEADERS};
use super::ReportFilter;
use crate::kernel::error::{CoreError, Result};
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use std::io::Write;
use std::path::Path;

fn io_error(target: &Path, e: impl std::fmt::Display) -> CoreError {
    CoreError::invalid(
        "output",
        format!("Impossible d'écrire {} : {e}.", target.display()),
    )
}

fn date(t: Option<DateTime<Utc>>) -> String {
    t.map(|t| {
        t.with_timezone(&chrono_tz::Europe::Paris)
            .format("%d/%m/%Y %H:%M")
            .to_string()
    })
    .unwrap_or_default()
}

fn decimal(v: Option<f64>, digits: usize) -> String {
    v.map(|v| format!("{v:.digits$}").replace('.', ","))
        .unwrap_or_default()
}

/// The lead list as CSV at `target`; `progress(done, total)` returns false to cancel.
pub fn leads(
    conn: &Connection,
    filter: &ReportFilter,
    now: DateTime<Utc>,
    target: &Path,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> Result<u64> {
    let mut written = 0;
    super::xlsx::write_aside(target, |tmp| {
        let file = std::fs::File::create(tmp).map_err(|e| io_error(target, e))?;
        let mut out = std::io::BufWriter::new(file);
        out.write_all("\u{feff}".as_bytes())
            .map_err(|e| io_error(target, e))?;
        let mut csv = csv::WriterBuilder::new().delimiter(b';').from_writer(out);
        csv.write_record(HEADERS).map_err(|e| io_error(target, e))?;
        let mut done: u64 = 0;
        written = lead_rows::for_each(conn, filter, now, |l, total| {
            let text = |v: Option<&str>| inert(v.unwrap_or(""));
            let euros = |c: Option<i64>| decimal(c.map(|c| c as f64 / 100.0), 2);
            csv.write_record([
                l.code.clone(),
                date(Some(l.created)),
                l.status.label().into(),
                l.stage.label().into(),
                l.kind.as_str().into(),
                text(Some(&l.source)),
                l.interest.label().into(),
                text(l.owner.as_deref()),
                text(Some(&l.site)),
                text(Some(&l.last_name)),
                text(Some(&l.first_name)),
                text(l.company.as_deref()),
                l.phone.clone().unwrap_or_default(),
                text(l.email.as_deref()),
                text(l.postal_code.as_deref()),
                text(l.city.as_deref()),
                text(l.vehicle.as_deref()),
                date(l.deadline),
                date(l.contacted),
                decimal(l.first_contact_hours, 1),
                date(l.last_activity),
                l.calls.to_string(),
                l.offers.to_string(),
                euros(l.last_offer_cents),
                euros(l.order_cents),
                text(l.close_reason.as_deref()),
                text(l.external_ref.as_deref()),
            ])
            .map_err(|e| io_error(target, e))?;
            done += 1;
            Ok(lead_rows::keep_going(done, total, &mut progress))
        })?;
        let out = csv.into_inner().map_err(|e| io_error(target, e))?;
        let file = out.into_inner().map_err(|e| io_error(target, e))?;
        file.sync_all().map_err(|e| io_error(target, e))
    })?;
    Ok(written)
}
