//! `carnet contacts export|erase|duplicates|merge`, `carnet retention run` and `carnet bloctel
//! import|status`: a person's rights, duplicates, the retention policy and the Bloctel list from
//! the command line (the window has the same buttons).

use crate::output::print_json;
use base64::Engine;
use carnet_core::api::{
    BloctelImportInput, ContactMergeInput, ContactRef, Empty, EraseInput, RetentionInput,
};
use carnet_core::{ApiError, App, CoreError};
use clap::Subcommand;
use std::path::PathBuf;

#[derive(Subcommand, Debug)]
pub enum ContactsCommand {
    /// Everything Carnet holds about a person, as JSON (stdout, or FILE with -o).
    Export {
        id: i64,
        #[arg(short, long)]
        output: Option<PathBuf>,
    },
    /// Anonymise a person everywhere (definitive): needs --yes.
    Erase {
        id: i64,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
    /// Contacts that look like this one (same phone, e-mail or name).
    Duplicates {
        id: i64,
        #[arg(long)]
        json: bool,
    },
    /// Merge contact OTHER into contact KEEP (leads, history and consents move): needs --yes.
    Merge {
        keep: i64,
        other: i64,
        #[arg(long)]
        yes: bool,
        #[arg(long)]
        json: bool,
    },
}

impl ContactsCommand {
    pub fn json(&self) -> bool {
        match self {
            ContactsCommand::Export { output, .. } => output.is_none(),
            ContactsCommand::Erase { json, .. }
            | ContactsCommand::Duplicates { json, .. }
            | ContactsCommand::Merge { json, .. } => *json,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum BloctelCommand {
    /// Import the file of opposed numbers Bloctel returned (replaces the list in force).
    Import {
        file: PathBuf,
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    /// The list in force: numbers, contacts concerned, date of the file, still valid or not.
    Status {
        #[arg(long)]
        json: bool,
    },
}

impl BloctelCommand {
    pub fn json(&self) -> bool {
        match self {
            BloctelCommand::Import { json, .. } | BloctelCommand::Status { json } => *json,
        }
    }
}

#[derive(Subcommand, Debug)]
pub enum RetentionCommand {
    /// Anonymise the contacts past their retention time (--dry-run: only say which).
    Run {
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
}

pub fn contacts(app: &App, command: ContactsCommand) -> Result<(), ApiError> {
    match command {
        ContactsCommand::Export { id, output } => {
            let export = app
                .contact_export(ContactRef { contact_id: id })
                .map_err(|e| e.to_api())?;
            match output {
                None => println!("{}", export.json),
                Some(path) => {
                    std::fs::write(&path, export.json.as_bytes()).map_err(|e| {
                        CoreError::Refused(format!(
                            "Écriture impossible de « {} » : {e}.",
                            path.display()
                        ))
                        .to_api()
                    })?;
                    println!("Données du contact {id} écrites dans {}", path.display());
                }
            }
        }
        ContactsCommand::Erase { id, yes, json } => {
            if !yes {
                return Err(CoreError::Refused(
                    "L'effacement est définitif : relancez avec --yes pour confirmer.".into(),
                )
                .to_api());
            }
            let report = app
                .contact_erase(EraseInput {
                    contact_id: id,
                    confirm: true,
                })
                .map_err(|e| e.to_api())?;
            if json {
                print_json(&report);
            } else {
                println!(
                    "Contact {id} effacé : {} lead(s), {} événement(s), {} e-mail(s) reçu(s), {} envoyé(s), {} fichier(s) ; {} commande(s) gardée(s) sans la personne.",
                    report.leads, report.events, report.mails_received, report.mails_sent, report.files, report.orders_kept
                );
            }
        }
        ContactsCommand::Duplicates { id, json } => {
            let found = app
                .contact_duplicates(ContactRef { contact_id: id })
                .map_err(|e| e.to_api())?;
            if json {
                print_json(&found);
            } else if found.is_empty() {
                println!("Aucun doublon probable du contact {id}.");
            } else {
                for c in &found {
                    println!(
                        "{}\t{}\t{}\t{}\tcommun : {}",
                        c.contact_id,
                        c.name,
                        c.phone.as_deref().unwrap_or("-"),
                        c.email.as_deref().unwrap_or("-"),
                        c.reasons.join(", ")
                    );
                }
            }
        }
        ContactsCommand::Merge {
            keep,
            other,
            yes,
            json,
        } => {
            if !yes {
                return Err(CoreError::Refused(
                    "La fusion réunit deux fiches en une : relancez avec --yes pour confirmer."
                        .into(),
                )
                .to_api());
            }
            let report = app
                .contacts_merge(ContactMergeInput {
                    keep_id: keep,
                    merge_id: other,
                    confirm: true,
                })
                .map_err(|e| e.to_api())?;
            if json {
                print_json(&report);
            } else {
                println!(
                    "Contact {other} fusionné dans le contact {keep} : {} lead(s), {} ligne(s) d'historique, {} alerte(s) VO déplacés.",
                    report.leads, report.history, report.alerts
                );
                for line in &report.kept_aside {
                    println!("  {line}");
                }
            }
        }
    }
    Ok(())
}

pub fn bloctel(app: &App, command: BloctelCommand) -> Result<(), ApiError> {
    match command {
        BloctelCommand::Import {
            file,
            dry_run,
            json,
        } => {
            let bytes = std::fs::read(&file).map_err(|e| {
                CoreError::Refused(format!(
                    "Lecture impossible de « {} » : {e}.",
                    file.display()
                ))
                .to_api()
            })?;
            let report = app
                .bloctel_import(BloctelImportInput {
                    file_name: file
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default(),
                    base64: base64::engine::general_purpose::STANDARD.encode(bytes),
                    dry_run,
                })
                .map_err(|e| e.to_api())?;
            if json {
                print_json(&report);
            } else {
                let verb = if dry_run { "serait" } else { "est" };
                println!(
                    "Liste Bloctel : {} numéro(s), {} ajouté(s), {} retiré(s) ; {} contact(s) {verb} à exclure de la prospection téléphonique.",
                    report.numbers, report.added, report.removed, report.contacts_listed
                );
            }
        }
        BloctelCommand::Status { json } => {
            let status = app.bloctel_status(Empty {}).map_err(|e| e.to_api())?;
            if json {
                print_json(&status);
            } else {
                match &status.imported_at {
                    None => println!("Aucune liste Bloctel importée."),
                    Some(at) => println!(
                        "Liste Bloctel du {} ({}) : {} numéro(s), {} contact(s) concerné(s){}.",
                        carnet_core::kernel::clock::parse(at)
                            .map(carnet_core::kernel::format::local_date)
                            .unwrap_or_else(|| at.clone()),
                        status.file_name.as_deref().unwrap_or("-"),
                        status.numbers,
                        status.contacts_listed,
                        if status.stale {
                            " — plus de 30 jours : vérifiez de nouveau vos numéros auprès de Bloctel"
                        } else {
                            ""
                        }
                    ),
                }
            }
        }
    }
    Ok(())
}

pub fn retention(app: &App, command: RetentionCommand) -> Result<(), ApiError> {
    let RetentionCommand::Run { dry_run, json } = command;
    let report = app
        .retention_run(RetentionInput { dry_run })
        .map_err(|e| e.to_api())?;
    if json {
        print_json(&report);
        return Ok(());
    }
    let verb = if dry_run {
        "seraient anonymisés"
    } else {
        "anonymisés"
    };
    println!(
        "{} contacts examinés, {} {verb} (prospects : {} ans, clients : {} ans).",
        report.examined, report.anonymised, report.prospect_years, report.customer_years
    );
    for k in &report.kept {
        println!("  gardés, {} : {}", k.reason, k.count);
    }
    Ok(())
}
