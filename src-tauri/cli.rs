//! The command line: the same core as the window, for automation, support and tests.
//! Every subcommand takes `--db PATH`; `--json` prints machine-readable output (fields documented in the README).

use crate::output::print_json;
use carnet_core::api::COMMAND_NAMES;
use carnet_core::dms::import::mapping::ImportTarget;
use carnet_core::leads::lead::{Lead, LeadKind, LeadStatus};
use carnet_core::leads::list::{LeadQuery, LeadSort};
use carnet_core::{ApiError, App, CoreError};
use clap::{Parser, Subcommand};
use std::path::{Path, PathBuf};

#[derive(Parser)]
#[command(
    name = "carnet",
    version,
    about = "Carnet : gestion des leads pour garages et concessions. Sans sous-commande, ouvre la fenêtre."
)]
pub struct Args {
    /// Database file (default: the OS data dir).
    #[arg(long, global = true, env = "CARNET_DB")]
    pub db: Option<PathBuf>,
    /// Act as this user (e-mail), with their permissions; without it the CLI acts as the
    /// system account (whoever runs the CLI holds the database file).
    #[arg(long = "as", global = true, value_name = "EMAIL")]
    pub as_user: Option<String>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand)]
pub enum Command {
    /// Seed a realistic French demo dataset into an empty database.
    Demo {
        #[arg(long, default_value_t = 400)]
        leads: u64,
        #[arg(long, default_value_t = 2026)]
        seed: u64,
        #[arg(long)]
        json: bool,
    },
    /// Leads: list or show.
    Leads {
        #[command(subcommand)]
        command: LeadsCommand,
    },
    /// Ingest lead e-mails: .eml files or folders of them (`--imap`: poll the configured mailbox once).
    Ingest {
        paths: Vec<PathBuf>,
        #[arg(long)]
        imap: bool,
        #[arg(long)]
        json: bool,
    },
    /// Serve the lead webhook (POST /webhook/lead) on loopback and poll the mailbox, until stopped.
    Serve {
        #[arg(long, default_value = "127.0.0.1:8765")]
        addr: std::net::SocketAddr,
        /// Print the webhook's bearer token (to configure the website).
        #[arg(long)]
        show_token: bool,
        /// Do not poll the mailbox.
        #[arg(long)]
        no_poll: bool,
        /// Accept an address other than loopback (the local network; no TLS yet).
        #[arg(long, env = "CARNET_WEBHOOK_LAN")]
        lan: bool,
    },
    /// Import a file: `leads` from a CSV export (manufacturer portal, trade fair, call center);
    /// `stock`, `customers`, `history` from the garage's DMS (CSV or XLSX).
    Import {
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// Run any core command by name with JSON arguments (the same table as the window): `carnet call meta '{}'`.
    Call {
        name: String,
        #[arg(default_value = "{}")]
        args: String,
    },
    /// The VN/VO stock: list.
    Stock {
        #[command(subcommand)]
        command: crate::dms::StockCommand,
    },
    /// Contacts and DMS customers: list, show a customer's file.
    Customers {
        #[command(subcommand)]
        command: crate::dms::CustomersCommand,
    },
    /// Users: list, add.
    Users {
        #[command(subcommand)]
        command: crate::admin::UsersCommand,
    },
    /// The garage's legal identity: show, set.
    Garage {
        #[command(subcommand)]
        command: crate::admin::GarageCommand,
    },
    /// Offers: create from a JSON file, list.
    Offers {
        #[command(subcommand)]
        command: crate::deals::OffersCommand,
    },
    /// Bons de commande: create from an offer and a JSON file, list.
    Orders {
        #[command(subcommand)]
        command: crate::deals::OrdersCommand,
    },
    /// Write the PDF of an offer, order, trade-in or test drive: `carnet pdf offer 12 -o offre.pdf`.
    Pdf {
        #[arg(value_parser = crate::deals::parse_kind)]
        kind: carnet_core::documents::PdfKind,
        id: i64,
        #[arg(short = 'o', long = "output")]
        output: PathBuf,
    },
    /// Lead and sales KPIs for a period (by source, vendeur, site, kind).
    Kpi {
        #[command(flatten)]
        filter: crate::reports::FilterArgs,
        #[arg(long)]
        json: bool,
    },
    /// Export the lead list (Excel, CSV) or the KPI workbook.
    Export {
        #[command(subcommand)]
        what: crate::reports::ExportCommand,
    },
    /// Print the permission matrix (who may run each command), as in the README.
    Permissions,
    /// Back up the database now: into the backup folder (rotated), or to FILE with -o.
    Backup {
        #[arg(short, long)]
        output: Option<PathBuf>,
        #[arg(long)]
        json: bool,
    },
    /// The backups: folder, last one, list, last integrity check.
    Backups {
        #[arg(long)]
        json: bool,
    },
    /// A person's data (GDPR): export it, erase it; duplicates and their merge.
    Contacts {
        #[command(subcommand)]
        command: crate::privacy::ContactsCommand,
    },
    /// The retention policy: anonymise contacts past their time.
    Retention {
        #[command(subcommand)]
        command: crate::privacy::RetentionCommand,
    },
    /// Phone campaigns on the customer file: create, list, calls, log a call.
    Campaigns {
        #[command(subcommand)]
        command: crate::campaigns::CampaignsCommand,
    },
    /// The Bloctel opposition list: import the file Bloctel returned, show the list in force.
    Bloctel {
        #[command(subcommand)]
        command: crate::privacy::BloctelCommand,
    },
    /// Restore the database from a backup file (the current one is kept aside first).
    Restore {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// Benchmark the lead list and search on a demo database of N leads (prints figures).
    Bench {
        #[arg(long, default_value_t = 1_000_000)]
        leads: u64,
        #[arg(long, default_value_t = 200)]
        rounds: usize,
        /// Also measure the intake pipeline on this many generated lead mails (0: skip).
        #[arg(long, default_value_t = 10_000)]
        mails: usize,
        /// Only measure the DMS import of a customers file of this many rows (then nothing else).
        #[arg(long)]
        dms_rows: Option<u64>,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand)]
pub enum ImportCommand {
    /// Leads from a CSV file (UTF-8 or Windows-1252; `;`, `,` or tab separated; first line = column names).
    Leads {
        file: PathBuf,
        /// Source of the leads when the file has no "Source" column.
        #[arg(long, default_value = "Constructeur")]
        source: String,
        /// Rename a column to a label Carnet knows, e.g. --map "N° dossier=Référence" (repeatable).
        #[arg(long = "map", value_parser = parse_rename)]
        renames: Vec<(String, String)>,
        /// Read and report without storing anything.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The VN/VO stock from the DMS (upsert by VIN).
    Stock(crate::dms::DmsImportArgs),
    /// The customer file from the DMS (upsert by customer number).
    Customers(crate::dms::DmsImportArgs),
    /// Customers' purchase and workshop history (after the customers).
    History(crate::dms::DmsImportArgs),
}

fn parse_rename(s: &str) -> Result<(String, String), String> {
    s.split_once('=')
        .map(|(a, b)| (a.trim().to_string(), b.trim().to_string()))
        .filter(|(a, b)| !a.is_empty() && !b.is_empty())
        .ok_or_else(|| format!("attendu COLONNE=LIBELLÉ, reçu « {s} »"))
}

#[derive(Subcommand)]
pub enum LeadsCommand {
    /// List leads, most recent first.
    List {
        #[arg(long, value_parser = parse_status)]
        status: Option<LeadStatus>,
        #[arg(long, value_parser = crate::reports::parse_kind)]
        kind: Option<LeadKind>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long)]
        search: Option<String>,
        #[arg(long)]
        overdue: bool,
        #[arg(long, value_parser = parse_sort, default_value = "recent")]
        sort: LeadSort,
        #[arg(long, default_value_t = 50)]
        limit: u32,
        #[arg(long, default_value_t = 0)]
        offset: u32,
        #[arg(long)]
        json: bool,
    },
    /// Show one lead with its timeline.
    Show {
        code: String,
        #[arg(long)]
        json: bool,
    },
}

fn parse_status(s: &str) -> Result<LeadStatus, String> {
    LeadStatus::parse(s)
        .ok_or_else(|| format!("statut inconnu : {s} (nouveau, a_traiter, en_cours, gagne, perdu)"))
}
fn parse_sort(s: &str) -> Result<LeadSort, String> {
    LeadSort::parse(s)
        .ok_or_else(|| format!("tri inconnu : {s} (recent, oldest, deadline, last_activity, name)"))
}

/// Runs a subcommand as `as_user` (None: the system account); returns the process exit code.
/// Errors print in French (and as JSON with --json).
pub fn run(db: &Path, as_user: Option<&str>, command: Command) -> i32 {
    let json = match &command {
        Command::Demo { json, .. } | Command::Bench { json, .. } | Command::Ingest { json, .. } => {
            *json
        }
        Command::Leads {
            command: LeadsCommand::List { json, .. } | LeadsCommand::Show { json, .. },
        } => *json,
        Command::Call { .. } => true,
        Command::Users { command } => command.json(),
        Command::Garage { command } => command.json(),
        Command::Offers { command } => command.json(),
        Command::Kpi { json, .. } => *json,
        Command::Export { what } => what.json(),
        Command::Orders { command } => command.json(),
        Command::Serve { .. } | Command::Permissions | Command::Pdf { .. } => false,
        Command::Backup { json, .. }
        | Command::Backups { json }
        | Command::Restore { json, .. } => *json,
        Command::Contacts { command } => command.json(),
        Command::Bloctel { command } => command.json(),
        Command::Campaigns { command } => command.json(),
        Command::Retention {
            command: crate::privacy::RetentionCommand::Run { json, .. },
        } => *json,
        Command::Import {
            what: ImportCommand::Leads { json, .. },
        } => *json,
        Command::Import {
            what:
                ImportCommand::Stock(args)
                | ImportCommand::Customers(args)
                | ImportCommand::History(args),
        } => args.json,
        Command::Stock { command } => command.json(),
        Command::Customers { command } => command.json(),
    };
    match execute(db, as_user, command) {
        Ok(()) => 0,
        Err(e) => {
            eprintln!("Erreur : {}", e.message);
            if json {
                print_json(&serde_json::json!({ "error": e }));
            }
            1
        }
    }
}

fn execute(db: &Path, as_user: Option<&str>, command: Command) -> Result<(), ApiError> {
    let open = |db: &Path| open_as(db, as_user);
    match command {
        Command::Demo { leads, seed, json } => {
            let app = open(db)?;
            let summary = carnet_core::dev::demo::seed(&app, leads, seed)?;
            if json {
                print_json(&summary);
            } else {
                println!(
                    "Démo créée dans {} : {} sites, {} utilisateurs, {} leads, {} contacts, {} événements en {:.1} s ({:.0} leads/s).",
                    db.display(), summary.sites, summary.users, summary.leads, summary.contacts, summary.events, summary.seconds, summary.leads_per_second
                );
            }
        }
        Command::Leads {
            command:
                LeadsCommand::List {
                    status,
                    kind,
                    source,
                    search,
                    overdue,
                    sort,
                    limit,
                    offset,
                    json,
                },
        } => {
            let app = open(db)?;
            let query = LeadQuery {
                status,
                kind,
                source,
                search,
                overdue,
                sort: Some(sort),
                limit: Some(limit),
                offset: Some(offset),
                ..Default::default()
            };
            let page = app.leads_list_unbounded(&query)?;
            if json {
                print_json(&page);
            } else {
                for lead in &page.leads {
                    println!("{}", lead_line(lead));
                }
                println!(
                    "{} lead(s){}",
                    page.total,
                    if page.total_capped { " ou plus" } else { "" }
                );
            }
        }
        Command::Leads {
            command: LeadsCommand::Show { code, json },
        } => {
            let app = open(db)?;
            let detail = app.lead_get(carnet_core::api::LeadRef { code })?;
            if json {
                let mut value = serde_json::to_value(&detail.lead).map_err(internal)?;
                value["events"] = serde_json::to_value(&detail.events).map_err(internal)?;
                value["counters"] = serde_json::to_value(&detail.counters).map_err(internal)?;
                print_json(&value);
            } else {
                println!("{}", lead_line(&detail.lead));
                if let Some(m) = &detail.lead.message {
                    println!("  message : {m}");
                }
                for e in &detail.events {
                    println!(
                        "  {}  {}  {}",
                        e.at,
                        e.user.as_deref().unwrap_or("système"),
                        e.text
                    );
                }
            }
        }
        Command::Call { name, args } => {
            if !COMMAND_NAMES.contains(&name.as_str()) {
                return Err(CoreError::UnknownCommand(name).to_api());
            }
            let args: serde_json::Value = serde_json::from_str(&args)
                .map_err(|e| CoreError::BadArguments(e.to_string()).to_api())?;
            let app = open(db)?;
            print_json(&app.call(&name, args)?);
        }
        Command::Bench {
            dms_rows: Some(rows),
            json,
            ..
        } => crate::dms::bench(rows, json)?,
        Command::Bench {
            leads,
            rounds,
            mails,
            json,
            ..
        } => bench(db, leads, rounds, mails, json)?,
        Command::Permissions => print!("{}", carnet_core::api::permission_matrix()),
        Command::Backup { output, json } => crate::backups::backup(db, output.as_deref(), json)?,
        Command::Backups { json } => crate::backups::status(db, json)?,
        Command::Restore { file, json } => crate::backups::restore(db, &file, json)?,
        Command::Contacts { command } => crate::privacy::contacts(&open(db)?, command)?,
        Command::Retention { command } => crate::privacy::retention(&open(db)?, command)?,
        Command::Bloctel { command } => crate::privacy::bloctel(&open(db)?, command)?,
        Command::Campaigns { command } => crate::campaigns::campaigns(&open(db)?, command)?,
        Command::Import {
            what: ImportCommand::Stock(args),
        } => crate::dms::import(&open(db)?, ImportTarget::Stock, args)?,
        Command::Import {
            what: ImportCommand::Customers(args),
        } => crate::dms::import(&open(db)?, ImportTarget::Customers, args)?,
        Command::Import {
            what: ImportCommand::History(args),
        } => crate::dms::import(&open(db)?, ImportTarget::History, args)?,
        Command::Stock { command } => crate::dms::stock(&open(db)?, command)?,
        Command::Customers { command } => crate::dms::customers(&open(db)?, command)?,
        Command::Users { command } => crate::admin::users_command(&open(db)?, command)?,
        Command::Garage { command } => crate::admin::garage_command(&open(db)?, command)?,
        Command::Offers { command } => crate::deals::offers(&open(db)?, command)?,
        Command::Kpi { filter, json } => crate::reports::kpi(&open(db)?, &filter, json)?,
        Command::Export { what } => crate::reports::export(&open(db)?, what)?,
        Command::Orders { command } => crate::deals::orders(&open(db)?, command)?,
        Command::Pdf { kind, id, output } => crate::deals::pdf(&open(db)?, kind, id, &output)?,
        Command::Ingest { paths, imap, json } => crate::ingest::run(db, &paths, imap, json)?,
        Command::Serve {
            addr,
            show_token,
            no_poll,
            lan,
        } => serve(db, addr, show_token, no_poll, lan)?,
        Command::Import {
            what:
                ImportCommand::Leads {
                    file,
                    source,
                    renames,
                    dry_run,
                    json,
                },
        } => import_leads(db, &file, source, renames, dry_run, json)?,
    }
    Ok(())
}

/// Seeds a fresh demo database (unless --db already holds leads) and measures it.
fn bench(db: &Path, leads: u64, rounds: usize, mails: usize, json: bool) -> Result<(), ApiError> {
    let dir = std::env::temp_dir().join(format!("carnet-bench-{}", std::process::id()));
    let path = if db.exists() {
        db.to_path_buf()
    } else {
        dir.join("bench.db")
    };
    let app = App::open(&path)?;
    let demo = match carnet_core::dev::demo::seed(&app, leads, 1) {
        Ok(summary) => Some(summary),
        Err(CoreError::Refused(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let report = carnet_core::dev::bench::run(&app, rounds)?;
    let pdf = carnet_core::dev::bench::documents(&app, rounds.min(200))?;
    let reports = carnet_core::dev::bench::reports(&app, rounds.min(50))?;
    let privacy = carnet_core::dev::bench_privacy::privacy(&app, rounds.min(200), 50_000)?;
    // Intake is measured on its own fresh database: it writes.
    let intake = if mails > 0 {
        let intake_app = App::open(&dir.join("intake.db"))?;
        carnet_core::dev::demo::seed(&intake_app, 0, 1)?;
        Some(carnet_core::dev::bench::intake(&intake_app, mails)?)
    } else {
        None
    };
    if json {
        print_json(
            &serde_json::json!({ "demo": demo, "report": report, "intake": intake, "pdf": pdf, "reports": reports, "privacy": privacy }),
        );
    } else {
        if let Some(d) = &demo {
            println!(
                "démo : {} leads, {} événements en {:.1} s ({:.0} leads/s)",
                d.leads, d.events, d.seconds, d.leads_per_second
            );
        }
        println!("base : {} ({} leads)", path.display(), report.leads);
        for (name, p) in [
            ("page de liste (filtre + tri, 50 lignes)", &report.list_page),
            ("recherche (50 premiers)", &report.search),
            ("fiche lead", &report.lead_page),
        ] {
            println!(
                "{name:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} essais)",
                p.p50_ms, p.p95_ms, p.max_ms, p.runs
            );
        }
        if let Some(p) = &pdf {
            for (name, t, bytes) in [
                ("PDF de l'offre", &p.offer, p.offer_bytes),
                ("PDF du bon de commande", &p.order, p.order_bytes),
            ] {
                println!(
                    "{name:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} essais, {} Ko)",
                    t.p50_ms, t.p95_ms, t.max_ms, t.runs, bytes.div_ceil(1024)
                );
            }
        }
        for (name, p) in [
            ("tableau de pilotage", &reports.dashboard),
            ("indicateurs des 30 derniers jours", &reports.kpi),
        ] {
            println!(
                "{name:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} essais)",
                p.p50_ms, p.p95_ms, p.max_ms, p.runs
            );
        }
        if let Some(e) = &reports.export {
            println!(
                "export Excel de {} leads : {:.2} s ({:.2} s pour les mêmes cellules en rust_xlsxwriter nu, rapport {:.2}), mémoire {} avant, pic {}, fichier {:.1} Mo",
                e.leads,
                e.seconds,
                e.bare_seconds,
                e.ratio,
                e.rss_before_mb.map(|m| format!("{m:.0} Mo")).unwrap_or_else(|| "?".into()),
                e.peak_mb.map(|m| format!("{m:.0} Mo")).unwrap_or_else(|| "?".into()),
                e.file_mb
            );
        }
        println!(
            "liste Bloctel de {} numéros vérifiée contre {} contacts (essai à blanc) : {:.0} ms, {} contacts concernés",
            privacy.bloctel_numbers, privacy.contacts, privacy.bloctel_import_ms, privacy.bloctel_contacts_listed
        );
        let d = &privacy.duplicates;
        println!(
            "{:<40} p50 {:>7.2} ms   p95 {:>7.2} ms   max {:>7.2} ms   ({} essais)",
            "doublons probables d'un contact", d.p50_ms, d.p95_ms, d.max_ms, d.runs
        );
        println!(
            "ciblage d'une campagne : fichier entier {:.0} ms ({} à appeler), un code postal {:.0} ms ; aperçu de la conservation {:.0} ms",
            privacy.campaign_preview_ms, privacy.campaign_targets, privacy.campaign_preview_prefix_ms, privacy.retention_preview_ms
        );
        if let Some(i) = &intake {
            println!(
                "réception : {} e-mails analysés et enregistrés en {:.1} s ({:.0} e-mails/s par lots, {:.0} e-mails/s un par un, {} leads créés)",
                i.mails, i.seconds, i.mails_per_second, i.single_mails_per_second, i.leads_created
            );
        }
    }
    drop(app);
    let _ = std::fs::remove_dir_all(&dir);
    Ok(())
}

fn open(db: &Path) -> Result<App, ApiError> {
    Ok(crate::backend::open_cli(db)?)
}

/// The database, acting as the user with this e-mail (who must be active).
fn open_as(db: &Path, as_user: Option<&str>) -> Result<App, ApiError> {
    let app = open(db)?;
    let Some(email) = as_user.map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(app);
    };
    let meta: carnet_core::api::Meta =
        serde_json::from_value(app.call("meta", serde_json::json!({}))?)
            .map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
    let user = meta
        .users
        .iter()
        .find(|u| u.email.eq_ignore_ascii_case(email) && u.active)
        .ok_or_else(|| {
            CoreError::invalid(
                "as",
                format!("Aucun utilisateur actif avec l'e-mail « {email} »."),
            )
            .to_api()
        })?;
    Ok(app.acting_as(Some(user.id)))
}

fn serve(
    db: &Path,
    addr: std::net::SocketAddr,
    show_token: bool,
    no_poll: bool,
    lan: bool,
) -> Result<(), ApiError> {
    crate::http::check_addr(addr, lan).map_err(|m| CoreError::invalid("addr", m).to_api())?;
    // Held while serving: a restore is refused meanwhile.
    let _instance = carnet_core::kernel::backup::lock_instance(db).map_err(|e| e.to_api())?;
    let app = std::sync::Arc::new(open(db)?);
    let token = crate::http::token(&app)?;
    println!("Webhook : http://{addr}/webhook/lead (en-tête Authorization: Bearer <jeton>)");
    if show_token {
        println!("Jeton : {token}");
    }
    let on_change: std::sync::Arc<dyn Fn() + Send + Sync> =
        std::sync::Arc::new(|| tracing::info!("new leads"));
    if !no_poll {
        crate::poller::start(app.clone(), on_change.clone());
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| CoreError::Io(e).to_api())?;
    runtime
        .block_on(crate::http::serve(app, addr, on_change))
        .map_err(|e| CoreError::Internal(format!("serveur arrêté : {e}")).to_api())
}

fn import_leads(
    db: &Path,
    file: &Path,
    source: String,
    renames: Vec<(String, String)>,
    dry_run: bool,
    json: bool,
) -> Result<(), ApiError> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)
        .and_then(|f| {
            f.take(carnet_core::intake::csv_import::MAX_FILE_BYTES as u64 + 1)
                .read_to_end(&mut bytes)
        })
        .map_err(|e| {
            CoreError::invalid(
                "file",
                format!("Lecture impossible de {} : {e}.", file.display()),
            )
            .to_api()
        })?;
    let app = open(db)?;
    let name = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let options = carnet_core::intake::csv_import::CsvOptions {
        source,
        renames,
        dry_run,
    };
    let report = app.import_leads_csv(&name, &bytes, &options)?;
    if json {
        print_json(&report);
    } else {
        for row in &report.rows {
            let what = row
                .outcome
                .lead_code
                .as_deref()
                .or(row.outcome.reason.as_deref())
                .unwrap_or("");
            println!(
                "ligne {:>5}  {:<11}  {what}",
                row.line,
                row.outcome.result.as_str()
            );
        }
        let s = &report.summary;
        println!(
            "{}{} ligne(s) ({}, séparateur « {} ») : {} lead(s) créé(s), {} fusionné(s), {} doublon(s), {} en quarantaine, {} erreur(s).",
            if dry_run { "Essai à blanc — rien n'est enregistré. " } else { "" },
            s.files, report.encoding, report.delimiter, s.leads_created, s.merged, s.duplicates, s.quarantined, s.errors
        );
    }
    Ok(())
}

fn lead_line(l: &Lead) -> String {
    format!(
        "{}  {:<9}  {:<3}  {:<12}  {:<28}  {:<16}  {}",
        l.code,
        l.status.as_str(),
        l.kind.as_str(),
        l.source,
        l.contact.display_name(),
        l.owner.as_deref().unwrap_or("non assigné"),
        l.vehicle.as_ref().map(|v| v.label()).unwrap_or_default()
    )
}

fn internal(e: serde_json::Error) -> ApiError {
    CoreError::BadArguments(e.to_string()).to_api()
}
