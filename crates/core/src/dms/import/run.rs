//! An import from start to end: open the file, map its columns (a saved profile, the user's
//! choice, or recognised from the headers), read every row, store the valid ones in ONE
//! transaction and report the rejected ones with their line and French reason. A dry run does
//! the same work and rolls back, so its counts are exact. Importing the same file twice
//! changes nothing; a later row for the same key updates the earlier one.

use super::mapping::{self, ImportProfile, ImportTarget, Mapping};
use super::rows::{self, Row};
use super::source::{FileFormat, Table};
use crate::dms::Upsert;
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use rusqlite::params;
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Rejected rows kept in the report (all are counted).
pub const MAX_REPORTED_ROWS: usize = 10_000;

#[derive(Debug, Clone)]
pub struct ImportRequest {
    pub target: ImportTarget,
    pub path: PathBuf,
    /// The name shown in reports (the path's file name by default).
    pub file_name: String,
    /// Columns chosen by the user; else the profile's; else recognised from the headers.
    pub mapping: Option<Mapping>,
    pub profile: Option<String>,
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RejectedRow {
    pub line: usize,
    pub reason: String,
    /// The row as read, cells joined with `;` (for the CSV of rejected rows).
    pub raw: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportSummary {
    pub target: ImportTarget,
    pub file_name: String,
    pub format: FileFormat,
    pub mapping: Mapping,
    pub dry_run: bool,
    /// Data rows read (empty lines are not rows).
    pub rows: u64,
    pub inserted: u64,
    pub updated: u64,
    pub unchanged: u64,
    pub rejected: u64,
    /// The first `MAX_REPORTED_ROWS` rejected rows.
    pub rejected_rows: Vec<RejectedRow>,
    /// Cells dropped from rows that were kept (an unreadable phone…).
    pub warnings: Vec<RejectedRow>,
    /// VO alerts that fired on the vehicles of this import.
    pub alerts: u32,
    /// The import's number in the history (None for a dry run).
    pub run_id: Option<i64>,
    pub seconds: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportProgress {
    pub rows: u64,
    /// 0 to 1.
    pub fraction: f64,
}

/// The wizard's second step: what was recognised and the first rows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportPreview {
    pub target: ImportTarget,
    pub format: FileFormat,
    pub mapping: Mapping,
    pub fields: Vec<ImportField>,
    /// The first rows, cells in the file's column order.
    pub sample: Vec<Vec<String>>,
    /// Required fields with no column yet.
    pub missing: Vec<String>,
    pub profiles: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct ImportField {
    pub key: String,
    pub label: String,
    pub required: bool,
}

fn open(target: ImportTarget, path: &Path) -> Result<Table> {
    Table::open(path, &|cells| mapping::header_score(target, cells))
}

fn raw_text(cells: &[String]) -> String {
    let joined = cells.join(";");
    joined.chars().take(2000).collect()
}

impl App {
    /// Reads the headers and first rows of a file and proposes a mapping.
    pub fn import_preview_file(
        &self,
        target: ImportTarget,
        path: &Path,
        profile: Option<&str>,
    ) -> Result<ImportPreview> {
        let conn = self.conn()?;
        let mut table = open(target, path)?;
        let mapping = match profile {
            Some(name) => mapping::profile(&conn, target, name)?,
            None => mapping::guess(target, &table.format.headers),
        };
        let mut sample = Vec::new();
        while sample.len() < 20 {
            match table.next_row() {
                Some(row) => {
                    let row = row?;
                    if row.cells.iter().any(|c| !c.is_empty()) {
                        sample.push(row.cells);
                    }
                }
                None => break,
            }
        }
        let missing = target
            .fields()
            .iter()
            .filter(|f| f.required && !mapping.contains_key(f.key))
            .map(|f| f.label.to_string())
            .collect();
        let profiles = mapping::profiles(&conn)?
            .into_iter()
            .filter(|p| p.target == target)
            .map(|p| p.name)
            .collect();
        Ok(ImportPreview {
            target,
            format: table.format,
            mapping,
            fields: target
                .fields()
                .iter()
                .map(|f| ImportField {
                    key: f.key.into(),
                    label: f.label.into(),
                    required: f.required,
                })
                .collect(),
            sample,
            missing,
            profiles,
        })
    }

    /// Imports a file; `progress` returns false to cancel (nothing is then stored).
    pub fn import_file(
        &self,
        req: &ImportRequest,
        progress: &mut dyn FnMut(ImportProgress) -> bool,
    ) -> Result<ImportSummary> {
        let started = std::time::Instant::now();
        let mut table = open(req.target, &req.path)?;
        let conn = self.conn()?;
        let mapping = match (&req.mapping, &req.profile) {
            (Some(m), _) => m.clone(),
            (None, Some(name)) => mapping::profile(&conn, req.target, name)?,
            (None, None) => mapping::guess(req.target, &table.format.headers),
        };
        drop(conn);
        let columns = mapping::resolve(req.target, &mapping, &table.format.headers)?;
        if !req.dry_run {
            self.backup_before_import();
        }
        let sha256 = crate::kernel::blobs::sha256_file(&req.path)
            .map_err(|e| CoreError::invalid("file", format!("Fichier illisible : {e}.")))?;
        let mut summary = ImportSummary {
            target: req.target,
            file_name: req.file_name.clone(),
            format: table.format.clone(),
            mapping: mapping.clone(),
            dry_run: req.dry_run,
            rows: 0,
            inserted: 0,
            updated: 0,
            unchanged: 0,
            rejected: 0,
            rejected_rows: Vec::new(),
            warnings: Vec::new(),
            alerts: 0,
            run_id: None,
            seconds: 0.0,
        };
        let total = table.total.max(1) as f64;
        let commit = !req.dry_run;
        self.write_or_roll_back(commit, |tx, ctx| {
            let mut importer = rows::importer(req.target, tx)?;
            let mut repeats = repeated_keys(req, &columns, importer.as_ref())?;
            let reject = |s: &mut ImportSummary, line: usize, reason: String, raw: String| {
                s.rejected += 1;
                if s.rejected_rows.len() < MAX_REPORTED_ROWS {
                    s.rejected_rows.push(RejectedRow { line, reason, raw });
                }
            };
            while let Some(raw) = table.next_row() {
                let raw = raw?;
                if !raw.oversize && raw.cells.iter().all(|c| c.is_empty()) {
                    continue;
                }
                summary.rows += 1;
                if summary.rows.is_multiple_of(512)
                    && !progress(ImportProgress {
                        rows: summary.rows,
                        fraction: (raw.position as f64 / total).min(1.0),
                    })
                {
                    return Err(CoreError::Refused(
                        "Import annulé : rien n'a été enregistré.".into(),
                    ));
                }
                if raw.oversize {
                    reject(
                        &mut summary,
                        raw.line,
                        "ligne trop longue (plus de 64 Ko)".into(),
                        String::new(),
                    );
                    continue;
                }
                let row = Row {
                    target: req.target,
                    cells: &raw.cells,
                    columns: &columns,
                };
                // A record the file holds several times: what counts is its state before the
                // file and after its last row (importing the file again then changes nothing).
                let mut repeat = match importer.key(&row).map(|k| key_hash(&k)) {
                    Some(h) => repeats.get_mut(&h),
                    None => None,
                };
                if let Some(r) = repeat.as_deref_mut() {
                    if r.before.is_none() {
                        r.before = Some(importer.stored(tx, &row)?);
                    }
                }
                let result = importer.apply(tx, &row, &ctx.now_text)?;
                if let Some(r) = repeat.as_deref_mut() {
                    r.left -= 1;
                }
                match result {
                    Err(reason) => reject(&mut summary, raw.line, reason, raw_text(&raw.cells)),
                    Ok(applied) => {
                        match (applied.outcome, repeat) {
                            (Upsert::Updated(_) | Upsert::Unchanged(_), Some(r))
                                if matches!(r.before, Some(Some(_))) =>
                            {
                                summary.unchanged += 1;
                                r.kept += 1;
                                if r.left == 0
                                    && importer.stored(tx, &row)? != r.before.clone().flatten()
                                {
                                    summary.unchanged -= 1;
                                    summary.updated += 1;
                                }
                            }
                            (Upsert::Inserted(_), _) => summary.inserted += 1,
                            (Upsert::Updated(_), _) => summary.updated += 1,
                            (Upsert::Unchanged(_), _) => summary.unchanged += 1,
                        }
                        for w in applied.warnings {
                            if summary.warnings.len() < MAX_REPORTED_ROWS {
                                summary.warnings.push(RejectedRow {
                                    line: raw.line,
                                    reason: w,
                                    raw: String::new(),
                                });
                            }
                        }
                    }
                }
            }
            summary.alerts = importer.finish(tx, &ctx.now_text)?;
            if commit {
                summary.run_id = Some(record_run(tx, req, &sha256, &summary, started, ctx)?);
            }
            Ok(())
        })?;
        progress(ImportProgress {
            rows: summary.rows,
            fraction: 1.0,
        });
        summary.seconds = started.elapsed().as_secs_f64();
        tracing::info!(
            target = req.target.as_str(),
            rows = summary.rows,
            inserted = summary.inserted,
            updated = summary.updated,
            rejected = summary.rejected,
            dry_run = req.dry_run,
            "import done"
        );
        Ok(summary)
    }

    pub fn import_profiles(&self, _: crate::kernel::app::Empty) -> Result<Vec<ImportProfile>> {
        let conn = self.conn()?;
        mapping::profiles(&conn)
    }

    pub fn import_profile_save(&self, p: ImportProfile) -> Result<Vec<ImportProfile>> {
        self.write(|tx, ctx| {
            mapping::save_profile(tx, &p, &ctx.now_text)?;
            crate::org::audit::record(
                tx,
                ctx,
                crate::org::audit::kind::SETTINGS,
                &format!(
                    "Profil d'import « {} » enregistré ({})",
                    p.name.trim(),
                    p.target.label()
                ),
                None,
                serde_json::to_value(&p.mapping).ok(),
            )
        })?;
        self.import_profiles(crate::kernel::app::Empty {})
    }
}

/// A record held by several rows of one file.
struct Repeat {
    /// Rows still to come.
    left: u32,
    /// The stored record before the file's first row for it (None: not read yet).
    before: Option<Option<String>>,
    kept: u32,
}

fn key_hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut h = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut h);
    h.finish()
}

/// The keys that appear on several rows of the file (a first reading pass, keys only: memory
/// grows with the number of distinct keys, 16 bytes each, not with the file's size).
fn repeated_keys(
    req: &ImportRequest,
    columns: &[Option<usize>],
    importer: &dyn rows::RowImporter,
) -> Result<std::collections::HashMap<u64, Repeat>> {
    let mut table = open(req.target, &req.path)?;
    let mut counts: std::collections::HashMap<u64, u32> = std::collections::HashMap::new();
    while let Some(raw) = table.next_row() {
        let raw = raw?;
        let row = Row {
            target: req.target,
            cells: &raw.cells,
            columns,
        };
        if let Some(key) = importer.key(&row) {
            *counts.entry(key_hash(&key)).or_default() += 1;
        }
    }
    Ok(counts
        .into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(h, n)| {
            (
                h,
                Repeat {
                    left: n,
                    before: None,
                    kept: 0,
                },
            )
        })
        .collect())
}

fn record_run(
    tx: &rusqlite::Transaction,
    req: &ImportRequest,
    sha256: &str,
    s: &ImportSummary,
    started: std::time::Instant,
    ctx: &crate::kernel::app::Ctx,
) -> Result<i64> {
    let started_at = crate::kernel::clock::to_text(
        ctx.now - chrono::Duration::from_std(started.elapsed()).unwrap_or_default(),
    );
    tx.execute(
        "INSERT INTO import_runs(target, file_name, sha256, profile, rows, inserted, updated, unchanged, rejected, user_id, started_at, finished_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![
            req.target, s.file_name, sha256, req.profile, s.rows as i64, s.inserted as i64, s.updated as i64,
            s.unchanged as i64, s.rejected as i64, ctx.actor, started_at, ctx.now_text
        ],
    )?;
    let run = tx.last_insert_rowid();
    let mut insert = tx.prepare_cached(
        "INSERT OR IGNORE INTO import_rejects(run_id, line, reason, raw) VALUES (?1, ?2, ?3, ?4)",
    )?;
    for r in &s.rejected_rows {
        insert.execute(params![run, r.line as i64, r.reason, r.raw])?;
    }
    Ok(run)
}

/// The rejected rows as a CSV the user opens in Excel (UTF-8 with BOM, `;`), with the original
/// cells to correct and re-import.
pub fn rejects_csv(rows: &[RejectedRow]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    let mut w = csv::WriterBuilder::new()
        .delimiter(b';')
        .from_writer(Vec::new());
    let _ = w.write_record(["Ligne", "Motif", "Contenu de la ligne"]);
    for r in rows {
        let _ = w.write_record([
            r.line.to_string().as_str(),
            &crate::kernel::format::inert(&r.reason),
            &crate::kernel::format::inert(&r.raw),
        ]);
    }
    out.extend(w.into_inner().unwrap_or_default());
    out
}
