//! `carnet backup`, `carnet backups` and `carnet restore`: the database's backups from the command
//! line (the window shows the same in Réglages → Sauvegardes).

use crate::output::print_json;
use carnet_core::api::Empty;
use carnet_core::kernel::backup;
use carnet_core::ApiError;
use std::path::Path;

fn size(bytes: u64) -> String {
    format!("{:.1} Mo", bytes as f64 / 1_048_576.0)
}

/// A backup into the backup folder (rotated), or to `output` (outside the rotation).
pub fn backup(db: &Path, output: Option<&Path>, json: bool) -> Result<(), ApiError> {
    let app = crate::backend::open_cli(db)?;
    let file = match output {
        Some(out) => app.backup_to(out),
        None => app.backup_now("manuelle"),
    }
    .map_err(|e| e.to_api())?;
    if json {
        print_json(&file);
    } else {
        println!("Sauvegarde écrite : {} ({})", file.path, size(file.bytes));
    }
    Ok(())
}

/// The backup folder, the last backup, the list and the last integrity check.
pub fn status(db: &Path, json: bool) -> Result<(), ApiError> {
    let app = crate::backend::open_cli(db)?;
    let status = app.backup_status(Empty {}).map_err(|e| e.to_api())?;
    if json {
        print_json(&status);
        return Ok(());
    }
    println!(
        "Dossier : {} (garde les {} plus récentes)",
        status.folder, status.keep
    );
    match &status.last {
        Some(last) => println!(
            "Dernière : {} ({}, {})",
            last.name,
            last.at,
            size(last.bytes)
        ),
        None => println!("Dernière : aucune"),
    }
    for f in &status.files {
        println!("  {}  {}", f.name, size(f.bytes));
    }
    Ok(())
}

/// Restores `file` into the database; the current one is copied aside into the default backup
/// folder first. Refused while the window or `carnet serve` holds the database.
pub fn restore(db: &Path, file: &Path, json: bool) -> Result<(), ApiError> {
    let report = backup::restore(db, file, &backup::default_folder(db)).map_err(|e| e.to_api())?;
    if json {
        print_json(&report);
    } else {
        if let Some(aside) = &report.kept_aside {
            println!("Base précédente gardée de côté : {aside}");
        }
        println!(
            "Restauré depuis {} : schéma {}, {} leads, intégrité {}.",
            report.restored_from, report.schema_version, report.leads, report.integrity
        );
    }
    Ok(())
}
