//! `carnet contacts export|erase` and `carnet retention run`: a person's rights and the
//! retention policy from the command line (the window has the same buttons).

use crate::output::print_json;
use carnet_core::api::{ContactRef, EraseInput, RetentionInput};
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
}

impl ContactsCommand {
    pub fn json(&self) -> bool {
        match self {
            ContactsCommand::Export { output, .. } => output.is_none(),
            ContactsCommand::Erase { json, .. } => *json,
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
