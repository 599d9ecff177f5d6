//! `carnet ingest`: .eml files and folders through the intake pipeline, with a summary whose
//! `files` always equals leads_created + merged + duplicates + quarantined + opt_outs + errors.

use carnet_core::intake::store::{Channel, IngestOutcome, IngestSummary, MAX_BATCH, MAX_RAW_BYTES};
use carnet_core::{ApiError, CoreError};
use serde::Serialize;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Serialize)]
struct Report {
    #[serde(flatten)]
    summary: IngestSummary,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    file: String,
    #[serde(flatten)]
    outcome: IngestOutcome,
}

/// The files to read: each path, or the .eml files of each folder (sorted).
fn expand(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(|e| e.ok().map(|e| e.path()))
                        .filter(|p| {
                            p.is_file()
                                && p.extension().is_some_and(|x| x.eq_ignore_ascii_case("eml"))
                        })
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// Reads at most the size the pipeline accepts (plus one byte to tell "too large").
fn read_bounded(path: &Path) -> std::io::Result<Vec<u8>> {
    let mut raw = Vec::new();
    std::fs::File::open(path)?
        .take(MAX_RAW_BYTES as u64 + 1)
        .read_to_end(&mut raw)?;
    Ok(raw)
}

pub fn run(db: &Path, paths: &[PathBuf], imap: bool, json: bool) -> Result<(), ApiError> {
    let app = crate::backend::open_cli(db)?;
    app.inbound_recover().map_err(|e| e.to_api())?;
    let mut summary = IngestSummary::default();
    let mut items = Vec::new();
    if imap {
        let report = carnet_core::intake::imap::poll_once_blocking(&app)?;
        summary = report.summary.clone();
        if !json {
            println!(
                "Boîte {} : {} message(s) lu(s).",
                report.mailbox, report.summary.files
            );
        }
    }
    if paths.is_empty() && !imap {
        return Err(CoreError::invalid(
            "paths",
            "Indiquez des fichiers .eml, un dossier, ou --imap.",
        )
        .to_api());
    }
    // Files are committed in batches (one durable commit each): a crash leaves each file either
    // a lead (or merge, duplicate, quarantine item) or untouched, to be ingested again.
    let files = expand(paths);
    let mut outcomes: Vec<IngestOutcome> = Vec::with_capacity(files.len());
    for chunk in files.chunks(MAX_BATCH) {
        let read: Vec<std::io::Result<Vec<u8>>> = chunk.iter().map(|f| read_bounded(f)).collect();
        let items: Vec<(&[u8], Channel)> = read
            .iter()
            .filter_map(|r| r.as_ref().ok().map(|raw| (raw.as_slice(), Channel::File)))
            .collect();
        let mut stored = app.ingest_mails(&items)?.into_iter();
        for (file, r) in chunk.iter().zip(&read) {
            outcomes.push(match r {
                Ok(_) => stored
                    .next()
                    .unwrap_or_else(|| IngestOutcome::error("Message non traité.")),
                Err(e) => {
                    IngestOutcome::error(format!("Lecture impossible de {} : {e}", file.display()))
                }
            });
        }
    }
    for (file, outcome) in files.into_iter().zip(outcomes) {
        summary.add(&outcome);
        if !json {
            let what = outcome
                .lead_code
                .as_deref()
                .or(outcome.reason.as_deref())
                .unwrap_or("");
            println!("{}  {}  {what}", file.display(), outcome.result.as_str());
        }
        items.push(Item {
            file: file.display().to_string(),
            outcome,
        });
    }
    if json {
        match serde_json::to_string_pretty(&Report { summary, items }) {
            Ok(text) => println!("{text}"),
            Err(e) => eprintln!("Erreur : {e}"),
        }
    } else {
        println!(
            "{} fichier(s) : {} lead(s) créé(s), {} fusionné(s), {} doublon(s), {} en quarantaine, {} désinscription(s), {} erreur(s).",
            summary.files, summary.leads_created, summary.merged, summary.duplicates, summary.quarantined, summary.opt_outs, summary.errors
        );
    }
    Ok(())
}
