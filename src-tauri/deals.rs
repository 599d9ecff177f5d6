//! The deal documents on the command line: offers, bons de commande and their PDFs. Creation goes
//! through the command table (`App::call`), so `--as EMAIL` has the permissions of the window.

use crate::output::print_json;
use carnet_core::api::{Offer, Order, PdfRef};
use carnet_core::documents::format::euros;
use carnet_core::documents::PdfKind;
use carnet_core::{ApiError, App, CoreError};
use clap::Subcommand;
use serde_json::{json, Value};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// An offer or order file larger than this is not a hand-written JSON.
const MAX_JSON_BYTES: u64 = 1024 * 1024;

#[derive(Subcommand)]
pub enum OffersCommand {
    /// Create an offer for a lead from a JSON file (see the README for its fields).
    Create {
        #[arg(long)]
        lead: String,
        #[arg(long)]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List offers (every version), newest first.
    List {
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum OrdersCommand {
    /// Make the bon de commande of an offer from a JSON file (buyer, delivery date, payment…).
    Create {
        #[arg(long)]
        offer: i64,
        #[arg(long)]
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List bons de commande, newest first.
    List {
        #[arg(long)]
        lead: Option<String>,
        #[arg(long)]
        json: bool,
    },
}

impl OffersCommand {
    pub fn json(&self) -> bool {
        match self {
            OffersCommand::Create { json, .. } | OffersCommand::List { json, .. } => *json,
        }
    }
}

impl OrdersCommand {
    pub fn json(&self) -> bool {
        match self {
            OrdersCommand::Create { json, .. } | OrdersCommand::List { json, .. } => *json,
        }
    }
}

fn invalid(field: &'static str, message: String) -> ApiError {
    CoreError::invalid(field, message).to_api()
}

/// A JSON object from a file, bounded in size, with a French message when it is not one.
fn read_json(file: &Path) -> Result<serde_json::Map<String, Value>, ApiError> {
    let mut text = String::new();
    std::fs::File::open(file)
        .and_then(|f| f.take(MAX_JSON_BYTES + 1).read_to_string(&mut text))
        .map_err(|e| {
            invalid(
                "file",
                format!("Lecture impossible de {} : {e}.", file.display()),
            )
        })?;
    if text.len() as u64 > MAX_JSON_BYTES {
        return Err(invalid(
            "file",
            format!(
                "{} dépasse 1 Mo : ce n'est pas un fichier d'offre.",
                file.display()
            ),
        ));
    }
    match serde_json::from_str(&text) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(invalid(
            "file",
            format!("{} doit contenir un objet JSON {{…}}.", file.display()),
        )),
        Err(e) => Err(invalid(
            "file",
            format!("{} n'est pas un JSON valide : {e}.", file.display()),
        )),
    }
}

fn lead_id(app: &App, code: &str) -> Result<i64, ApiError> {
    let detail = app.call("lead_get", json!({ "code": code.trim() }))?;
    detail["lead"]["id"]
        .as_i64()
        .ok_or_else(|| CoreError::Internal("lead sans id".into()).to_api())
}

fn parse<T: serde::de::DeserializeOwned>(v: Value) -> Result<T, ApiError> {
    serde_json::from_value(v).map_err(|e| CoreError::Internal(e.to_string()).to_api())
}

fn offer_line(o: &Offer) -> String {
    format!(
        "{:>5}  {} v{}  {}  {:<9}  {:<7}  {:<32}  {:>14} TTC  net {:>14}",
        o.id,
        o.number,
        o.version,
        o.lead_code,
        o.status.as_str(),
        o.vat_regime.as_str(),
        o.vehicle.title(),
        euros(o.total_ttc_cents),
        euros(o.net_cents)
    )
}

fn order_line(o: &Order) -> String {
    format!(
        "{:>5}  {}  {}  offre {}  {:<28}  livraison {}  {:>14} TTC",
        o.id,
        o.number,
        o.lead_code,
        o.offer_number,
        o.buyer.name,
        o.delivery_date,
        euros(o.total_ttc_cents)
    )
}

pub fn offers(app: &App, command: OffersCommand) -> Result<(), ApiError> {
    match command {
        OffersCommand::Create { lead, file, json } => {
            let mut args = read_json(&file)?;
            args.insert("lead_id".into(), json!(lead_id(app, &lead)?));
            let offer: Offer = parse(app.call("offer_create", Value::Object(args))?)?;
            if json {
                print_json(&offer);
            } else {
                println!("{}", offer_line(&offer));
            }
        }
        OffersCommand::List { lead, json } => {
            let lead_id = lead.map(|c| lead_id(app, &c)).transpose()?;
            let list: Vec<Offer> = parse(app.call("offers_list", json!({ "lead_id": lead_id }))?)?;
            if json {
                print_json(&list);
            } else {
                list.iter().for_each(|o| println!("{}", offer_line(o)));
                println!("{} offre(s)", list.len());
            }
        }
    }
    Ok(())
}

pub fn orders(app: &App, command: OrdersCommand) -> Result<(), ApiError> {
    match command {
        OrdersCommand::Create { offer, file, json } => {
            let mut args = read_json(&file)?;
            args.insert("offer_id".into(), json!(offer));
            let order: Order = parse(app.call("order_create", Value::Object(args))?)?;
            if json {
                print_json(&order);
            } else {
                println!("{}", order_line(&order));
            }
        }
        OrdersCommand::List { lead, json } => {
            let lead_id = lead.map(|c| lead_id(app, &c)).transpose()?;
            let list: Vec<Order> = parse(app.call("orders_list", json!({ "lead_id": lead_id }))?)?;
            if json {
                print_json(&list);
            } else {
                list.iter().for_each(|o| println!("{}", order_line(o)));
                println!("{} bon(s) de commande", list.len());
            }
        }
    }
    Ok(())
}

pub fn parse_kind(s: &str) -> Result<PdfKind, String> {
    PdfKind::parse(s)
        .ok_or_else(|| format!("document inconnu : {s} (offer, order, tradein, testdrive)"))
}

/// Writes the PDF beside its target then renames it: a failed write leaves no broken file.
pub fn pdf(app: &App, kind: PdfKind, id: i64, out: &Path) -> Result<(), ApiError> {
    let bytes = app.pdf_bytes(&PdfRef { kind, id })?;
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(".carnet-{}.pdf.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, out));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        return Err(invalid(
            "output",
            format!("Impossible d'écrire {} : {e}.", out.display()),
        ));
    }
    println!("{} ({} Ko)", out.display(), bytes.len().div_ceil(1024));
    Ok(())
}
