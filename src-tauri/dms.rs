//! DMS files and data on the command line: `carnet import stock|customers|history FILE`, the
//! stock list and a customer's file. Imports run through the command table's rights (`--as` a
//! vendeur is refused like in the window).

use crate::output::print_json;
use carnet_core::api::{ContactRef, CustomerQuery, StockQuery};
use carnet_core::dms::import::mapping::ImportTarget;
use carnet_core::dms::import::run::{ImportRequest, ImportSummary};
use carnet_core::dms::stock::{Condition, StockStatus};
use carnet_core::{ApiError, App, CoreError};
use clap::{Args as ClapArgs, Subcommand};
use std::io::IsTerminal;
use std::path::PathBuf;

#[derive(ClapArgs, Clone)]
pub struct DmsImportArgs {
    /// CSV (UTF-8 or Windows-1252; `;`, `,`, tab or `|`) or workbook (XLSX, XLS, ODS).
    pub file: PathBuf,
    /// A saved column mapping (profile) instead of recognising the headers.
    #[arg(long)]
    pub profile: Option<String>,
    /// Read and check every row, report, and store nothing.
    #[arg(long)]
    pub dry_run: bool,
    #[arg(long)]
    pub json: bool,
}

#[derive(Subcommand)]
pub enum StockCommand {
    /// The stock, filtered.
    List {
        /// Words of the make, model, version, VIN, plate or reference.
        #[arg(long)]
        search: Option<String>,
        /// VN or VO.
        #[arg(long, value_parser = parse_condition)]
        condition: Option<Condition>,
        /// disponible, reserve or vendu.
        #[arg(long, value_parser = parse_status)]
        status: Option<StockStatus>,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum CustomersCommand {
    /// Search contacts and customers by name, customer number, phone or e-mail.
    List {
        #[arg(long)]
        search: Option<String>,
        /// Only the contacts that came from the DMS.
        #[arg(long)]
        dms: bool,
        #[arg(long, default_value_t = 100)]
        limit: u32,
        #[arg(long)]
        json: bool,
    },
    /// A customer's file: identity, consents, vehicles, purchase and workshop history, leads.
    Show {
        /// Contact id, or DMS customer number.
        id: String,
        #[arg(long)]
        json: bool,
    },
}

impl StockCommand {
    pub fn json(&self) -> bool {
        match self {
            StockCommand::List { json, .. } => *json,
        }
    }
}

impl CustomersCommand {
    pub fn json(&self) -> bool {
        match self {
            CustomersCommand::List { json, .. } | CustomersCommand::Show { json, .. } => *json,
        }
    }
}

fn parse_condition(s: &str) -> Result<Condition, String> {
    Condition::parse(&s.to_uppercase()).ok_or_else(|| format!("type inconnu : {s} (VN, VO)"))
}

fn parse_status(s: &str) -> Result<StockStatus, String> {
    StockStatus::parse(s)
        .ok_or_else(|| format!("statut inconnu : {s} (disponible, reserve, vendu)"))
}

fn euros(cents: Option<i64>) -> String {
    cents
        .map(carnet_core::kernel::format::euros)
        .unwrap_or_else(|| "—".into())
}

pub fn import(app: &App, target: ImportTarget, args: DmsImportArgs) -> Result<(), ApiError> {
    app.check_access("import_run")?;
    let request = ImportRequest {
        target,
        file_name: args
            .file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        path: args.file,
        mapping: None,
        profile: args.profile,
        dry_run: args.dry_run,
    };
    // A progress line on a terminal for big files; nothing in scripts.
    let show = !args.json && std::io::stderr().is_terminal();
    let summary = app
        .import_file(&request, &mut |p| {
            if show {
                eprint!("\r{} lignes lues ({:.0} %)", p.rows, p.fraction * 100.0);
            }
            true
        })
        .map_err(|e| {
            e.log("import");
            e.to_api()
        })?;
    if show {
        eprintln!();
    }
    if args.json {
        print_json(&summary);
    } else {
        print_summary(&summary);
    }
    Ok(())
}

fn print_summary(s: &ImportSummary) {
    let what = if s.dry_run {
        "Vérification (rien n'est enregistré)"
    } else {
        "Import"
    };
    println!(
        "{what} de {} ({}, {}{}) : {} lignes, {} ajoutées, {} mises à jour, {} inchangées, {} rejetées en {:.2} s.",
        s.file_name,
        s.format.kind,
        s.format.encoding,
        if s.format.delimiter.is_empty() { String::new() } else { format!(", séparateur {}", s.format.delimiter) },
        s.rows,
        s.inserted,
        s.updated,
        s.unchanged,
        s.rejected,
        s.seconds
    );
    if s.alerts > 0 {
        println!("{} alerte(s) VO déclenchée(s).", s.alerts);
    }
    for r in &s.rejected_rows {
        println!("  ligne {} rejetée : {}", r.line, r.reason);
    }
    if s.rejected > s.rejected_rows.len() as u64 {
        println!(
            "  … et {} autres lignes rejetées",
            s.rejected - s.rejected_rows.len() as u64
        );
    }
    for w in &s.warnings {
        println!("  ligne {} : {}", w.line, w.reason);
    }
}

pub fn stock(app: &App, command: StockCommand) -> Result<(), ApiError> {
    let StockCommand::List {
        search,
        condition,
        status,
        limit,
        json,
    } = command;
    let page: carnet_core::api::StockPage = call(
        app,
        "stock_list",
        &StockQuery {
            text: search,
            condition,
            status,
            limit: Some(limit),
            ..Default::default()
        },
    )?;
    if json {
        print_json(&page);
        return Ok(());
    }
    for v in &page.items {
        let f = &v.fields;
        println!(
            "{}  {}  {:<40}  {:>10} km  {:>14}  {}  {}",
            f.vin,
            f.condition.map_or("", |c| c.as_str()),
            v.label(),
            f.km.map(|k| k.to_string()).unwrap_or_default(),
            euros(f.price_cents),
            f.status.map_or("", |s| s.as_str()),
            v.days_in_stock
                .map(|d| format!("{d} j"))
                .unwrap_or_default()
        );
    }
    println!("{} véhicule(s)", page.total);
    Ok(())
}

fn call<A: serde::Serialize, R: serde::de::DeserializeOwned>(
    app: &App,
    name: &str,
    args: &A,
) -> Result<R, ApiError> {
    let value =
        serde_json::to_value(args).map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
    serde_json::from_value(app.call(name, value)?)
        .map_err(|e| CoreError::Internal(e.to_string()).to_api())
}

pub fn customers(app: &App, command: CustomersCommand) -> Result<(), ApiError> {
    match command {
        CustomersCommand::List {
            search,
            dms,
            limit,
            json,
        } => {
            let page: carnet_core::api::CustomerPage = call(
                app,
                "customers_list",
                &CustomerQuery {
                    text: search,
                    customers_only: dms,
                    limit: Some(limit),
                    offset: None,
                },
            )?;
            if json {
                print_json(&page);
            } else {
                for c in &page.items {
                    println!(
                        "{:>7}  {:<10}  {:<30}  {}  {}",
                        c.contact_id,
                        c.customer_code.as_deref().unwrap_or(""),
                        c.name,
                        c.phone.as_deref().unwrap_or(""),
                        c.email.as_deref().unwrap_or("")
                    );
                }
                println!("{} contact(s)", page.total);
            }
        }
        CustomersCommand::Show { id, json } => {
            let contact_id = match id.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    let page: carnet_core::api::CustomerPage = call(
                        app,
                        "customers_list",
                        &CustomerQuery {
                            text: Some(id.clone()),
                            customers_only: true,
                            limit: Some(50),
                            offset: None,
                        },
                    )?;
                    page.items
                        .iter()
                        .find(|c| c.customer_code.as_deref() == Some(id.trim()))
                        .map(|c| c.contact_id)
                        .ok_or_else(|| CoreError::NotFound { what: "Client" }.to_api())?
                }
            };
            let file: carnet_core::api::CustomerFile =
                call(app, "customer_file", &ContactRef { contact_id })?;
            if json {
                print_json(&file);
            } else {
                println!(
                    "{} {} {} — client {}",
                    file.civility.as_deref().unwrap_or(""),
                    file.first_name,
                    file.last_name,
                    file.customer_code.as_deref().unwrap_or("(prospect)")
                );
                println!(
                    "  achats {}, atelier {} en {} passage(s)",
                    euros(Some(file.purchases_cents)),
                    euros(Some(file.workshop_cents)),
                    file.workshop_visits
                );
                for v in &file.vehicles {
                    println!("  véhicule {} {}", v.vin, v.label.as_deref().unwrap_or(""));
                }
                for h in &file.history {
                    println!(
                        "  {}  {:<10}  {:<40}  {}",
                        carnet_core::kernel::format::date(&h.happened_on),
                        h.kind_label,
                        h.label,
                        euros(h.amount_cents)
                    );
                }
            }
        }
    }
    Ok(())
}

/// `carnet bench --dms-rows N`: the customers import against the sqlite3 shell's `.import`.
pub fn bench(rows: u64, json: bool) -> Result<(), ApiError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-dms-{}", std::process::id()));
    let report = carnet_core::dev::bench_dms::customers_import(&dir, rows);
    let _ = std::fs::remove_dir_all(&dir);
    let report = report.map_err(ApiError::from)?;
    if json {
        print_json(&report);
        return Ok(());
    }
    println!(
        "import clients DMS : {} lignes ({:.1} Mo, windows-1252) en {:.2} s ({:.0} lignes/s), mémoire max {}",
        report.rows,
        report.file_mb,
        report.seconds,
        report.rows_per_second,
        report.peak_mb.map(|m| format!("{m:.0} Mo")).unwrap_or_else(|| "?".into())
    );
    match (report.sqlite_import_seconds, report.ratio) {
        (Some(s), Some(r)) => println!(
            "sqlite3 .import du même fichier : {s:.2} s — rapport Carnet / sqlite3 = {r:.2}"
        ),
        _ => println!("sqlite3 absent : pas de comparaison"),
    }
    println!(
        "même fichier une 2e fois : {:.2} s, {} lignes inchangées",
        report.again_seconds, report.again_unchanged
    );
    Ok(())
}
