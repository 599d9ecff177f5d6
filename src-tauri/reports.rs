//! Reports on the command line: `carnet kpi` prints the KPI figures, `carnet export` writes the
//! lead list (Excel or CSV) or the KPI workbook. They run through the command table's rights
//! (`--as` a vendeur is refused like in the window).

use crate::output::print_json;
use carnet_core::api::{ExportInput, KpiReport, ReportFilter, SalesReport};
use carnet_core::leads::lead::LeadKind;
use carnet_core::reports::export::ExportKind;
use carnet_core::{ApiError, App, CoreError};
use clap::{Args as ClapArgs, Subcommand};
use std::path::PathBuf;

#[derive(ClapArgs, Clone)]
pub struct FilterArgs {
    /// First day, YYYY-MM-DD (default: 30 days before --to; exports: every lead).
    #[arg(long)]
    pub from: Option<String>,
    /// Last day, YYYY-MM-DD (default: today).
    #[arg(long)]
    pub to: Option<String>,
    /// VN, VO, APV, reprise or RH.
    #[arg(long, value_parser = parse_kind)]
    pub kind: Option<LeadKind>,
    #[arg(long)]
    pub source: Option<String>,
    /// The vendeur: e-mail, name or id.
    #[arg(long)]
    pub owner: Option<String>,
    /// Site name or id.
    #[arg(long)]
    pub site: Option<String>,
}

#[derive(Subcommand)]
pub enum ExportCommand {
    /// The lead list: --xlsx FILE (every lead on the first sheet, then a sheet per kind) or --csv FILE.
    Leads {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long, conflicts_with = "csv", required_unless_present = "csv")]
        xlsx: Option<PathBuf>,
        #[arg(long)]
        csv: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The KPI workbook (a sheet per view, with charts).
    Kpi {
        #[command(flatten)]
        filter: FilterArgs,
        #[arg(long)]
        xlsx: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

impl ExportCommand {
    pub fn json(&self) -> bool {
        match self {
            ExportCommand::Leads { json, .. } | ExportCommand::Kpi { json, .. } => *json,
        }
    }
}

/// A lead kind on the command line (also used by `leads list` and `campaigns create`).
pub(crate) fn parse_kind(s: &str) -> Result<LeadKind, String> {
    LeadKind::parse(s).ok_or_else(|| format!("type inconnu : {s} (VN, VO, APV, reprise, RH)"))
}

fn internal(e: impl std::fmt::Display) -> ApiError {
    CoreError::Internal(e.to_string()).to_api()
}

/// The filter, with the vendeur and the site named as people name them.
fn filter(app: &App, args: &FilterArgs) -> Result<ReportFilter, ApiError> {
    let meta: carnet_core::api::Meta =
        serde_json::from_value(app.call("meta", serde_json::json!({}))?).map_err(internal)?;
    let owner_id = match args.owner.as_deref().map(str::trim) {
        None => None,
        Some(o) => Some(
            meta.users
                .iter()
                .find(|u| {
                    u.email.eq_ignore_ascii_case(o)
                        || u.name.eq_ignore_ascii_case(o)
                        || u.id.to_string() == o
                })
                .map(|u| u.id)
                .ok_or_else(|| {
                    CoreError::invalid("owner", format!("Aucun utilisateur « {o} ».")).to_api()
                })?,
        ),
    };
    let site_id = match args.site.as_deref().map(str::trim) {
        None => None,
        Some(s) => Some(
            meta.sites
                .iter()
                .find(|x| x.name.eq_ignore_ascii_case(s) || x.id.to_string() == s)
                .map(|x| x.id)
                .ok_or_else(|| {
                    CoreError::invalid("site", format!("Aucun site « {s} ».")).to_api()
                })?,
        ),
    };
    Ok(ReportFilter {
        from: args.from.clone(),
        to: args.to.clone(),
        site_id,
        owner_id,
        source: args.source.clone(),
        kind: args.kind,
    })
}

pub fn kpi(app: &App, args: &FilterArgs, json: bool) -> Result<(), ApiError> {
    let f = filter(app, args)?;
    let kpi: KpiReport =
        serde_json::from_value(app.call("kpi", serde_json::to_value(&f).map_err(internal)?)?)
            .map_err(internal)?;
    let sales: SalesReport =
        serde_json::from_value(app.call("sales", serde_json::to_value(&f).map_err(internal)?)?)
            .map_err(internal)?;
    if json {
        let mut value = serde_json::to_value(&kpi).map_err(internal)?;
        value["sales"] = serde_json::to_value(&sales).map_err(internal)?;
        print_json(&value);
        return Ok(());
    }
    println!(
        "Période du {} au {} : {} leads",
        kpi.from, kpi.to, kpi.total.leads
    );
    let minutes = |m: Option<f64>| {
        m.map(|m| format!("{m:.0} min"))
            .unwrap_or_else(|| "—".into())
    };
    for (title, rows) in [
        ("Source", &kpi.by_source),
        ("Vendeur", &kpi.by_owner),
        ("Site", &kpi.by_site),
        ("Type", &kpi.by_kind),
    ] {
        println!(
            "\n{title:<28} {:>6} {:>9} {:>12} {:>10} {:>8} {:>9}",
            "leads", "contact", "1er contact", "sous 48 h", "offres", "commandes"
        );
        for r in rows.iter().chain(std::iter::once(&kpi.total)) {
            println!(
                "{:<28} {:>6} {:>8.1}% {:>12} {:>9.1}% {:>7.1}% {:>9}",
                r.label.chars().take(28).collect::<String>(),
                r.leads,
                r.contact_rate,
                minutes(r.first_contact_median_min),
                r.within_48h_rate,
                r.offer_rate,
                r.orders
            );
        }
    }
    println!(
        "\nCommandes : {} pour {} TTC ; prévisions pondérées {}",
        sales.orders,
        carnet_core::documents::format::euros(sales.total_ttc_cents),
        carnet_core::documents::format::euros(sales.forecast_weighted_cents)
    );
    Ok(())
}

pub fn export(app: &App, command: ExportCommand) -> Result<(), ApiError> {
    let json = command.json();
    let (what, args, target) = match command {
        ExportCommand::Leads {
            filter,
            xlsx: Some(path),
            ..
        } => (ExportKind::LeadsXlsx, filter, path),
        ExportCommand::Leads {
            filter,
            csv: Some(path),
            ..
        } => (ExportKind::LeadsCsv, filter, path),
        ExportCommand::Leads { .. } => {
            return Err(
                CoreError::invalid("output", "Indiquez --xlsx FICHIER ou --csv FICHIER.").to_api(),
            )
        }
        ExportCommand::Kpi { filter, xlsx, .. } => (ExportKind::KpiXlsx, filter, xlsx),
    };
    let input = ExportInput {
        what,
        filter: filter(app, &args)?,
    };
    // The rights of the acting user, as in the window (managers).
    app.check_access("export_file")?;
    let done = app.export_to(&input, &target, |done, total| {
        if !json {
            eprint!("\r{done} / {total} leads");
        }
        true
    })?;
    if json {
        print_json(&done);
    } else {
        eprintln!();
        println!("{} : {} lead(s)", done.path, done.rows);
    }
    Ok(())
}
