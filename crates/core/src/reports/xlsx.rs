//! Excel exports (rust_xlsxwriter): the lead list — every lead matching the filters on the first
//! sheet, then one sheet per kind — with typed columns (real dates, hours, euros), an Excel
//! table (its autofilter and banding), a frozen header row and sensible widths; and the KPI
//! workbook, one sheet per view with native charts. Written aside, then renamed: a failed or
//! cancelled export leaves no file.

use super::contacts::ContactRow;
use super::kpi::{KpiReport, KpiRow};
use super::lead_rows::{self, LeadRow, HEADERS};
use super::sales::SalesReport;
use super::ReportFilter;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use crate::leads::lead::LeadKind;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use rust_xlsxwriter::{
    Chart, ChartType, Format, Table, TableColumn, Workbook, Worksheet, XlsxError,
};
use std::path::Path;

fn xlsx_error(e: XlsxError) -> CoreError {
    CoreError::Internal(format!("classeur Excel : {e}"))
}

pub(crate) use crate::kernel::blobs::write_aside;

fn local(t: DateTime<Utc>) -> chrono::NaiveDateTime {
    t.with_timezone(&chrono_tz::Europe::Paris).naive_local()
}

struct Formats {
    date: Format,
    hours: Format,
    euros: Format,
}

fn formats() -> Formats {
    Formats {
        date: Format::new().set_num_format("dd/mm/yyyy hh:mm"),
        hours: Format::new().set_num_format("0.0"),
        euros: Format::new().set_num_format("#,##0.00 \"€\""),
    }
}

const WIDTHS: &[f64] = &[
    16.0, 16.0, 10.0, 12.0, 8.0, 14.0, 8.0, 18.0, 22.0, 18.0, 14.0, 16.0, 15.0, 26.0, 9.0, 16.0,
    28.0, 16.0, 16.0, 12.0, 16.0, 8.0, 8.0, 14.0, 14.0, 22.0, 14.0,
];

/// Header, widths, frozen header and an Excel table over `rows` data rows (at least one).
fn lead_sheet(ws: &mut Worksheet, name: &str, rows: u64) -> std::result::Result<(), XlsxError> {
    ws.set_name(name)?;
    for (i, w) in WIDTHS.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    let columns: Vec<TableColumn> = HEADERS
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    if rows == 0 {
        for (i, h) in HEADERS.iter().enumerate() {
            ws.write_string(0, i as u16, *h)?;
        }
        ws.write_string(1, 0, "Aucun lead pour ces filtres.")?;
        return Ok(());
    }
    let table = Table::new().set_columns(&columns);
    ws.add_table(0, 0, rows as u32, HEADERS.len() as u16 - 1, &table)?;
    Ok(())
}

/// One cell of a lead row, converted once and written to every sheet that shows the lead.
enum Cell {
    Empty,
    Text(String),
    Date(chrono::NaiveDateTime),
    Hours(f64),
    Count(u32),
    Euros(i64),
}

fn cells(l: LeadRow) -> Vec<Cell> {
    let text = |v: Option<String>| match v {
        Some(v) if !v.is_empty() => Cell::Text(v),
        _ => Cell::Empty,
    };
    let date = |v: Option<DateTime<Utc>>| v.map_or(Cell::Empty, |t| Cell::Date(local(t)));
    vec![
        Cell::Text(l.code),
        Cell::Date(local(l.created)),
        Cell::Text(l.status.label().into()),
        Cell::Text(l.stage.label().into()),
        Cell::Text(l.kind.as_str().into()),
        text(Some(l.source)),
        Cell::Text(l.interest.label().into()),
        text(l.owner),
        text(Some(l.site)),
        text(Some(l.last_name)),
        text(Some(l.first_name)),
        text(l.company),
        text(l.phone),
        text(l.email),
        text(l.postal_code),
        text(l.city),
        text(l.vehicle),
        date(l.deadline),
        date(l.contacted),
        l.first_contact_hours
            .map_or(Cell::Empty, |h| Cell::Hours((h * 10.0).round() / 10.0)),
        date(l.last_activity),
        Cell::Count(l.calls),
        Cell::Count(l.offers),
        l.last_offer_cents.map_or(Cell::Empty, Cell::Euros),
        l.order_cents.map_or(Cell::Empty, Cell::Euros),
        text(l.close_reason),
        text(l.external_ref),
    ]
}

fn write_cells(
    ws: &mut Worksheet,
    row: u32,
    cells: &[Cell],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    for (col, cell) in cells.iter().enumerate() {
        let col = col as u16;
        match cell {
            Cell::Empty => {}
            Cell::Text(t) => {
                ws.write_string(row, col, t)?;
            }
            Cell::Date(d) => {
                ws.write_datetime_with_format(row, col, d, &f.date)?;
            }
            Cell::Hours(h) => {
                ws.write_number_with_format(row, col, *h, &f.hours)?;
            }
            Cell::Count(n) => {
                ws.write_number(row, col, f64::from(*n))?;
            }
            Cell::Euros(c) => {
                ws.write_number_with_format(row, col, *c as f64 / 100.0, &f.euros)?;
            }
        }
    }
    Ok(())
}

/// How many leads of each kind the export holds, for the sheets' tables (sized up front: a
/// constant-memory sheet is written top to bottom once).
fn kind_counts(
    conn: &Connection,
    filter: &ReportFilter,
    now: DateTime<Utc>,
) -> Result<Vec<(LeadKind, u64)>> {
    let mut counts = Vec::new();
    for kind in LeadKind::ALL {
        let one = ReportFilter {
            kind: Some(*kind),
            ..filter.clone()
        };
        if filter.kind.is_some_and(|k| k != *kind) {
            continue;
        }
        let n = lead_rows::count(conn, &one, now)?;
        if n > 0 {
            counts.push((*kind, n));
        }
    }
    Ok(counts)
}

/// The lead list as a workbook at `target`; `progress(done, total)` returns false to cancel.
/// A second thread reads the leads from the database while this one writes the sheets (two
/// cores: the read no longer adds to the write).
pub fn leads(
    app: &App,
    filter: &ReportFilter,
    now: DateTime<Utc>,
    target: &Path,
    mut progress: impl FnMut(u64, u64) -> bool,
) -> Result<u64> {
    let (total, kinds) = {
        let conn = app.conn()?;
        (
            lead_rows::count(&conn, filter, now)?,
            kind_counts(&conn, filter, now)?,
        )
    };
    let f = formats();
    let mut written = 0;
    write_aside(target, |tmp| {
        let mut book = Workbook::new();
        book.set_tempdir(tmp.parent().unwrap_or(Path::new(".")))
            .map_err(xlsx_error)?;
        lead_sheet(
            book.add_worksheet_with_constant_memory()
                .map_err(xlsx_error)?,
            "Tous les leads",
            total,
        )
        .map_err(xlsx_error)?;
        for (kind, n) in &kinds {
            let ws = book
                .add_worksheet_with_constant_memory()
                .map_err(xlsx_error)?;
            lead_sheet(ws, &format!("Leads {}", kind.as_str()), *n).map_err(xlsx_error)?;
        }
        let mut next = vec![1u32; kinds.len()];
        let mut done: u64 = 0;
        let (send, receive) = std::sync::mpsc::sync_channel::<(LeadKind, Vec<Cell>)>(4096);
        let reader = app.clone();
        std::thread::scope(|scope| -> Result<()> {
            let read = scope.spawn(move || -> Result<u64> {
                let conn = reader.conn()?;
                // A closed channel means the writer stopped (cancelled or failed).
                lead_rows::for_each(&conn, filter, now, |lead, _| {
                    Ok(send.send((lead.kind, cells(lead))).is_ok())
                })
            });
            let mut wrote = || -> Result<()> {
                for (kind, row) in receive.iter() {
                    done += 1;
                    let all = book.worksheet_from_index(0).map_err(xlsx_error)?;
                    write_cells(all, done as u32, &row, &f).map_err(xlsx_error)?;
                    if let Some(i) = kinds.iter().position(|(k, _)| *k == kind) {
                        let ws = book.worksheet_from_index(i + 1).map_err(xlsx_error)?;
                        write_cells(ws, next[i], &row, &f).map_err(xlsx_error)?;
                        next[i] += 1;
                    }
                    if !lead_rows::keep_going(done, total, &mut progress) {
                        return Err(CoreError::Refused(
                            "Export annulé : aucun fichier n'a été écrit.".into(),
                        ));
                    }
                }
                Ok(())
            };
            let writing = wrote();
            drop(receive);
            let reading = read
                .join()
                .map_err(|_| CoreError::Internal("lecture des leads interrompue".into()))?;
            writing?;
            reading?;
            Ok(())
        })?;
        progress(done, total);
        written = done;
        book.save(tmp).map_err(|e| {
            CoreError::invalid(
                "output",
                format!("Impossible d'écrire {} : {e}.", target.display()),
            )
        })
    })?;
    Ok(written)
}

fn kpi_sheet(
    book: &mut Workbook,
    name: &str,
    rows: &[KpiRow],
) -> std::result::Result<(), XlsxError> {
    let headers = [
        "Groupe",
        "Leads",
        "Contactés",
        "Taux de contact (%)",
        "1er contact médian (min ouvrées)",
        "1er contact 90e centile (min ouvrées)",
        "Contactés sous 1 jour ouvré (%)",
        "Contactés sous 48 h (%)",
        "RDV (%)",
        "Essais (%)",
        "Offres (%)",
        "Commandes",
        "Conversion (%)",
        "Perdus",
        "Contacts par lead",
    ];
    let ws = book.add_worksheet();
    ws.set_name(name)?;
    ws.set_column_width(0, 28)?;
    for c in 1..headers.len() as u16 {
        ws.set_column_width(c, 14)?;
    }
    ws.set_freeze_panes(1, 1)?;
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.label)?;
        let values = [
            Some(f64::from(r.leads)),
            Some(f64::from(r.contacted)),
            Some(r.contact_rate),
            r.first_contact_median_min,
            r.first_contact_p90_min,
            Some(r.within_working_day_rate),
            Some(r.within_48h_rate),
            Some(r.appointment_rate),
            Some(r.testdrive_rate),
            Some(r.offer_rate),
            Some(f64::from(r.orders)),
            Some(r.conversion_rate),
            Some(f64::from(r.lost)),
            Some(r.contacts_per_lead),
        ];
        for (c, v) in values.iter().enumerate() {
            if let Some(v) = v {
                ws.write_number(row, c as u16 + 1, *v)?;
            }
        }
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    if rows.is_empty() {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string(0, i as u16, *h)?;
        }
        ws.write_string(1, 0, "Aucun lead sur la période.")?;
        return Ok(());
    }
    ws.add_table(
        0,
        0,
        rows.len() as u32,
        headers.len() as u16 - 1,
        &Table::new().set_columns(&columns),
    )?;
    let last = rows.len() as u32;
    let mut chart = Chart::new(ChartType::Column);
    chart
        .title()
        .set_name(&format!("{name} : leads et commandes"));
    chart
        .add_series()
        .set_name("Leads")
        .set_categories((name, 1, 0, last, 0))
        .set_values((name, 1, 1, last, 1));
    chart
        .add_series()
        .set_name("Commandes")
        .set_categories((name, 1, 0, last, 0))
        .set_values((name, 1, 11, last, 11));
    ws.insert_chart(last + 3, 0, &chart)?;
    let mut rates = Chart::new(ChartType::Bar);
    rates.title().set_name("Contactés sous 48 h (%)");
    rates
        .add_series()
        .set_name("Sous 48 h")
        .set_categories((name, 1, 0, last, 0))
        .set_values((name, 1, 7, last, 7));
    ws.insert_chart(last + 3, 8, &rates)?;
    Ok(())
}

fn sales_sheet(
    book: &mut Workbook,
    sales: &SalesReport,
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let ws = book.add_worksheet();
    ws.set_name("Ventes")?;
    ws.set_column_width(0, 30)?;
    ws.set_column_width(1, 12)?;
    ws.set_column_width(2, 16)?;
    let bold = Format::new().set_bold();
    let mut row = 0u32;
    let mut chart_at = Vec::new();
    for (title, rows) in [
        ("Par marque", &sales.by_brand),
        ("Par type", &sales.by_type),
        ("Par site", &sales.by_site),
        ("Par vendeur", &sales.by_owner),
    ] {
        ws.write_string_with_format(row, 0, title, &bold)?;
        ws.write_string_with_format(row, 1, "Commandes", &bold)?;
        ws.write_string_with_format(row, 2, "Montant TTC", &bold)?;
        let first = row + 1;
        for r in rows.iter() {
            row += 1;
            ws.write_string(row, 0, &r.label)?;
            ws.write_number(row, 1, f64::from(r.orders))?;
            ws.write_number_with_format(row, 2, r.total_ttc_cents as f64 / 100.0, &f.euros)?;
        }
        if !rows.is_empty() {
            chart_at.push((title, first, row));
        }
        row += 2;
    }
    for (i, (title, first, last)) in chart_at.into_iter().enumerate() {
        let mut chart = Chart::new(ChartType::Pie);
        chart
            .title()
            .set_name(&format!("Ventes {}", title.to_lowercase()));
        chart
            .add_series()
            .set_categories(("Ventes", first, 0, last, 0))
            .set_values(("Ventes", first, 2, last, 2));
        ws.insert_chart(i as u32 * 16, 4, &chart)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("Prévisions")?;
    ws.set_column_width(0, 22)?;
    for (c, h) in [
        "Étape",
        "Probabilité (%)",
        "Offres",
        "Montant TTC",
        "Montant pondéré",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
        ws.set_column_width(c as u16 + 1, 16)?;
    }
    for (i, r) in sales.forecast.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.label)?;
        ws.write_number(row, 1, f64::from(r.weight))?;
        ws.write_number(row, 2, f64::from(r.offers))?;
        ws.write_number_with_format(row, 3, r.total_ttc_cents as f64 / 100.0, &f.euros)?;
        ws.write_number_with_format(row, 4, r.weighted_cents as f64 / 100.0, &f.euros)?;
    }
    let ws = book.add_worksheet();
    ws.set_name("Activité")?;
    ws.set_column_width(0, 24)?;
    for (c, h) in ["Vendeur", "Appels", "RDV", "Essais", "Offres", "Commandes"]
        .iter()
        .enumerate()
    {
        ws.write_string_with_format(0, c as u16, *h, &bold)?;
    }
    for (i, r) in sales.activity.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_string(row, 0, &r.user)?;
        for (c, v) in [r.calls, r.appointments, r.testdrives, r.offers, r.orders]
            .iter()
            .enumerate()
        {
            ws.write_number(row, c as u16 + 1, f64::from(*v))?;
        }
    }
    if !sales.activity.is_empty() {
        let last = sales.activity.len() as u32;
        let mut chart = Chart::new(ChartType::Column);
        chart.title().set_name("Activité par vendeur");
        for (c, name) in [
            (1u16, "Appels"),
            (2, "RDV"),
            (3, "Essais"),
            (4, "Offres"),
            (5, "Commandes"),
        ] {
            chart
                .add_series()
                .set_name(name)
                .set_categories(("Activité", 1, 0, last, 0))
                .set_values(("Activité", 1, c, last, c));
        }
        ws.insert_chart(last + 3, 0, &chart)?;
    }
    Ok(())
}

/// The traceability of contacts: date and time, lead, channel, who, verbatim.
fn contacts_sheet(
    book: &mut Workbook,
    rows: &[ContactRow],
    f: &Formats,
) -> std::result::Result<(), XlsxError> {
    let headers = ["Date et heure", "Lead", "Canal", "Par", "Verbatim"];
    let ws = book.add_worksheet();
    ws.set_name("Contacts")?;
    for (c, w) in [16.0, 16.0, 11.0, 18.0, 80.0].iter().enumerate() {
        ws.set_column_width(c as u16, *w)?;
    }
    ws.set_freeze_panes(1, 0)?;
    if rows.is_empty() {
        for (i, h) in headers.iter().enumerate() {
            ws.write_string(0, i as u16, *h)?;
        }
        ws.write_string(1, 0, "Aucun contact enregistré sur la période.")?;
        return Ok(());
    }
    for (i, r) in rows.iter().enumerate() {
        let row = i as u32 + 1;
        ws.write_datetime_with_format(row, 0, local(r.at), &f.date)?;
        ws.write_string(row, 1, &r.lead_code)?;
        ws.write_string(row, 2, r.channel)?;
        if let Some(u) = &r.user {
            ws.write_string(row, 3, u)?;
        }
        ws.write_string(row, 4, &r.verbatim)?;
    }
    let columns: Vec<TableColumn> = headers
        .iter()
        .map(|h| TableColumn::new().set_header(*h))
        .collect();
    ws.add_table(
        0,
        0,
        rows.len() as u32,
        headers.len() as u16 - 1,
        &Table::new().set_columns(&columns),
    )?;
    Ok(())
}

/// The KPI workbook: a sheet per view (total, source, vendeur, site, brand, kind), lost reasons,
/// sales, forecast and activity, each with native charts, and the contact traceability.
pub fn kpi(
    kpi: &KpiReport,
    sales: &SalesReport,
    contacts: &[ContactRow],
    target: &Path,
) -> Result<()> {
    write_aside(target, |tmp| {
        let f = formats();
        let mut book = Workbook::new();
        let views: [(&str, Vec<KpiRow>); 6] = [
            ("Synthèse", vec![kpi.total.clone()]),
            ("Par source", kpi.by_source.clone()),
            ("Par vendeur", kpi.by_owner.clone()),
            ("Par site", kpi.by_site.clone()),
            ("Par marque", kpi.by_brand.clone()),
            ("Par type", kpi.by_kind.clone()),
        ];
        for (name, rows) in &views {
            kpi_sheet(&mut book, name, rows).map_err(xlsx_error)?;
        }
        let ws = book.add_worksheet();
        ws.set_name("Motifs de perte").map_err(xlsx_error)?;
        ws.set_column_width(0, 34).map_err(xlsx_error)?;
        ws.write_string(0, 0, "Motif").map_err(xlsx_error)?;
        ws.write_string(0, 1, "Leads perdus").map_err(xlsx_error)?;
        for (i, r) in kpi.lost_reasons.iter().enumerate() {
            ws.write_string(i as u32 + 1, 0, &r.label)
                .map_err(xlsx_error)?;
            ws.write_number(i as u32 + 1, 1, f64::from(r.count))
                .map_err(xlsx_error)?;
        }
        if !kpi.lost_reasons.is_empty() {
            let last = kpi.lost_reasons.len() as u32;
            let mut chart = Chart::new(ChartType::Pie);
            chart.title().set_name("Motifs de perte");
            chart
                .add_series()
                .set_categories(("Motifs de perte", 1, 0, last, 0))
                .set_values(("Motifs de perte", 1, 1, last, 1));
            ws.insert_chart(1, 3, &chart).map_err(xlsx_error)?;
        }
        sales_sheet(&mut book, sales, &f).map_err(xlsx_error)?;
        contacts_sheet(&mut book, contacts, &f).map_err(xlsx_error)?;
        book.save(tmp).map_err(|e| {
            CoreError::invalid(
                "output",
                format!("Impossible d'écrire {} : {e}.", target.display()),
            )
        })
    })
}
