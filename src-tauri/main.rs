//! Carnet: one binary. With no subcommand it opens the window; otherwise it is the CLI.
#![cfg_attr(
    all(not(debug_assertions), target_os = "windows"),
    windows_subsystem = "windows"
)]

mod admin;
mod backend;
mod backups;
mod campaigns;
mod cli;
mod deals;
mod dms;
mod export;
mod http;
mod ingest;
mod keyring_store;
mod logging;
mod output;
mod paths;
mod poller;
mod privacy;
mod reports;
mod shell;

use clap::Parser;

fn main() {
    let args = cli::Args::parse();
    let db = args.db.clone().unwrap_or_else(paths::default_db);
    let _log_guard = logging::init(args.command.is_none());
    let code = match args.command {
        None => match shell::run(db) {
            Ok(()) => 0,
            Err(e) => {
                eprintln!("Carnet n'a pas pu démarrer : {e:#}");
                1
            }
        },
        Some(command) => cli::run(&db, args.as_user.as_deref(), command),
    };
    std::process::exit(code);
}
