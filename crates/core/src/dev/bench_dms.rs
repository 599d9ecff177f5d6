//! The DMS import benchmark: a customers export of N rows (Windows-1252, `;`, French dates,
//! like a real DMS writes it) imported into a fresh database, compared with the `sqlite3`
//! command-line shell's `.import` of the same file into a bare table (which checks nothing).

use crate::dms::import::mapping::ImportTarget;
use crate::dms::import::run::ImportRequest;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use serde::Serialize;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

#[derive(Debug, Clone, Serialize)]
pub struct DmsBench {
    pub rows: u64,
    pub file_mb: f64,
    pub seconds: f64,
    pub rows_per_second: f64,
    /// The same file through `sqlite3 … .import` (None when the shell is not installed).
    pub sqlite_import_seconds: Option<f64>,
    /// Carnet's time over the shell's (goal ≤ 1).
    pub ratio: Option<f64>,
    pub peak_mb: Option<f64>,
    /// The same file imported again: every row unchanged.
    pub again_seconds: f64,
    pub again_unchanged: u64,
}

const FIRST: [&str; 8] = [
    "François",
    "Zoé",
    "Jérôme",
    "Célia",
    "Loïc",
    "Hélène",
    "Agnès",
    "Inès",
];
const LAST: [&str; 8] = [
    "Martin",
    "Lemaître",
    "Dubois",
    "Mercier",
    "Perrin",
    "Lefèvre",
    "Roux",
    "Fabre",
];
const CITY: [(&str, &str); 4] = [
    ("69003", "Lyon"),
    ("75011", "Paris"),
    ("13008", "Marseille"),
    ("31000", "Toulouse"),
];

/// Writes `rows` customers as a DMS would export them.
pub fn write_customers(path: &Path, rows: u64) -> Result<()> {
    let mut rng = fastrand::Rng::with_seed(2026);
    let file = std::fs::File::create(path)?;
    let mut out = std::io::BufWriter::new(file);
    let mut text = String::from("Code client;Civilité;Nom;Prénom;Adresse;CP;Ville;Tél portable;Tél fixe;Email;Date création;Accord email\r\n");
    for i in 0..rows {
        let (first, last) = (FIRST[rng.usize(..8)], LAST[rng.usize(..8)]);
        let (cp, city) = CITY[rng.usize(..4)];
        text.push_str(&format!(
            "C{};{};{last};{first};{} rue de la Gare;{cp};{city};06 {:02} {:02} {:02} {:02};;client{i}@example.fr;{:02}/{:02}/{};{}\r\n",
            500_000 + i,
            if rng.bool() { "M." } else { "Mme" },
            rng.u32(1..200),
            rng.u32(10..99),
            rng.u32(10..99),
            rng.u32(10..99),
            rng.u32(10..99),
            rng.u32(1..29),
            rng.u32(1..13),
            rng.u32(2005..2027),
            if rng.bool() { "O" } else { "N" },
        ));
        if text.len() > 1 << 20 {
            out.write_all(&encoding_rs::WINDOWS_1252.encode(&text).0)?;
            text.clear();
        }
    }
    out.write_all(&encoding_rs::WINDOWS_1252.encode(&text).0)?;
    out.flush()?;
    Ok(())
}

/// `sqlite3 FILE` with `.mode csv`, `.separator ;` and `.import` into a new table.
fn sqlite_import(dir: &Path, csv: &Path) -> Option<f64> {
    let db = dir.join("sqlite-shell.db");
    let _ = std::fs::remove_file(&db);
    let script = format!(
        ".mode csv\n.separator ;\n.import '{}' customers\n",
        csv.display()
    );
    let started = Instant::now();
    let mut child = std::process::Command::new("sqlite3")
        .arg(&db)
        .stdin(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(script.as_bytes()).ok()?;
    let ok = child.wait().ok()?.success();
    ok.then(|| started.elapsed().as_secs_f64())
}

pub fn customers_import(dir: &Path, rows: u64) -> Result<DmsBench> {
    std::fs::create_dir_all(dir)?;
    let csv = dir.join("clients-dms.csv");
    write_customers(&csv, rows)?;
    let file_mb = std::fs::metadata(&csv)?.len() as f64 / 1e6;
    let db = dir.join("dms-bench.db");
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    let app = App::open(&db)?;
    let request = ImportRequest {
        target: ImportTarget::Customers,
        path: csv.clone(),
        file_name: "clients-dms.csv".into(),
        mapping: None,
        profile: None,
        dry_run: false,
    };
    super::bench::peak_reset();
    let started = Instant::now();
    let summary = app.import_file(&request, &mut |_| true)?;
    let seconds = started.elapsed().as_secs_f64();
    let peak_mb = super::bench::status_mb("VmHWM:");
    if summary.inserted != rows {
        return Err(CoreError::Internal(format!(
            "bench: {} of {rows} rows inserted",
            summary.inserted
        )));
    }
    let started = Instant::now();
    let again = app.import_file(&request, &mut |_| true)?;
    let again_seconds = started.elapsed().as_secs_f64();
    let sqlite_import_seconds = sqlite_import(dir, &csv);
    Ok(DmsBench {
        rows,
        file_mb,
        seconds,
        rows_per_second: rows as f64 / seconds,
        ratio: sqlite_import_seconds.map(|s| seconds / s),
        sqlite_import_seconds,
        peak_mb,
        again_seconds,
        again_unchanged: again.unchanged,
    })
}
