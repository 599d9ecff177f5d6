//! Backups and restore through SQLite's online backup API.
//!
//! A backup is a consistent copy of the database even while it is written (one read transaction,
//! WAL included), written under a temporary name and renamed into place: a backup killed half-way
//! never leaves a half file under a backup's name. Backups rotate (the newest `keep` of the
//! folder). A restore checks the file first, keeps the current database aside, and copies the
//! backup in ONE write transaction: killed half-way, the current database is as it was.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::kernel::settings::{self, Setting};
use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Where backups go; empty: `<data folder>/<base>-sauvegardes`.
pub const BACKUP_FOLDER: Setting<String> = Setting::new("backup_folder", String::new());
/// How many backups the folder keeps (the oldest go first).
pub const BACKUP_KEEP: Setting<u32> = Setting::new("backup_keep", 14);
const LAST_BACKUP: &str = "backup_last";
const INTEGRITY: &str = "integrity_last";

/// The automatic backup's period.
const DAILY: chrono::Duration = chrono::Duration::hours(24);

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupFile {
    pub path: String,
    pub name: String,
    pub bytes: u64,
    /// RFC 3339, UTC.
    pub at: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupStatus {
    /// The folder in use (the default one when none was chosen).
    pub folder: String,
    /// No folder chosen: backups go beside the database.
    pub folder_is_default: bool,
    pub keep: u32,
    pub last: Option<BackupFile>,
    /// The folder's backups, newest first.
    pub files: Vec<BackupFile>,
    /// The last `PRAGMA quick_check` (at start): "ok" or what SQLite found; None before the first.
    pub integrity: Option<String>,
    pub integrity_at: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BackupSettings {
    /// Empty: the default folder beside the database.
    pub folder: String,
    pub keep: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct RestoreReport {
    pub restored_from: String,
    /// The database as it was before the restore.
    pub kept_aside: Option<String>,
    pub schema_version: i64,
    pub leads: i64,
    pub integrity: String,
}

fn french_io(what: &str, path: &Path, e: &std::io::Error) -> CoreError {
    let why = match e.kind() {
        std::io::ErrorKind::PermissionDenied => "accès refusé".to_string(),
        std::io::ErrorKind::NotFound => "introuvable".to_string(),
        std::io::ErrorKind::StorageFull => "disque plein".to_string(),
        std::io::ErrorKind::ReadOnlyFilesystem => "support en lecture seule".to_string(),
        _ => e.to_string(),
    };
    CoreError::Refused(format!("{what} « {} » : {why}.", path.display()))
}

/// Copies the database `src` is connected to into `dest`, consistently, through a temporary file.
pub fn snapshot(src: &Connection, dest: &Path) -> Result<u64> {
    let part = dest.with_extension("part");
    let _ = std::fs::remove_file(&part);
    let copy = || -> Result<()> {
        let mut dst = Connection::open(&part)?;
        {
            let backup = rusqlite::backup::Backup::new(src, &mut dst)?;
            // All pages in one step: one read transaction, hence one consistent state.
            backup.step(-1)?;
        }
        // A backup file stands alone: no WAL beside it.
        dst.query_row("PRAGMA journal_mode = DELETE", [], |_| Ok(()))?;
        drop(dst);
        std::fs::File::open(&part)?.sync_all()?;
        std::fs::rename(&part, dest)?;
        if let Some(dir) = dest.parent().and_then(|d| std::fs::File::open(d).ok()) {
            let _ = dir.sync_all();
        }
        Ok(())
    };
    if let Err(e) = copy() {
        let _ = std::fs::remove_file(&part);
        return Err(match e {
            CoreError::Io(io) => french_io("Sauvegarde impossible vers", dest, &io),
            CoreError::Database(rusqlite::Error::SqliteFailure(f, _))
                if matches!(f.code, rusqlite::ErrorCode::DiskFull | rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly) =>
            {
                CoreError::Refused(format!(
                    "Sauvegarde impossible vers « {} » : dossier non accessible en écriture ou disque plein.",
                    dest.display()
                ))
            }
            other => other,
        });
    }
    Ok(std::fs::metadata(dest)?.len())
}

/// `PRAGMA quick_check`: "ok", or the first problems SQLite reports.
pub fn quick_check(conn: &Connection) -> Result<String> {
    let mut stmt = conn.prepare("PRAGMA quick_check(5)")?;
    let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
    let found: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    Ok(found.join(" ; "))
}

/// Checks that `path` is a Carnet database this version can open, and intact. Returns its schema
/// version. Never writes to it.
pub fn check_file(path: &Path) -> Result<i64> {
    let refuse = |why: &str| CoreError::Refused(format!("« {} » {why}", path.display()));
    let mut header = [0u8; 16];
    match std::fs::File::open(path).and_then(|mut f| std::io::Read::read_exact(&mut f, &mut header))
    {
        Ok(()) => {}
        Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => {
            return Err(refuse(
                "n'est pas une sauvegarde de Carnet (fichier trop court).",
            ))
        }
        Err(e) => return Err(french_io("Lecture impossible de", path, &e)),
    }
    if &header != b"SQLite format 3\0" {
        return Err(refuse(
            "n'est pas une sauvegarde de Carnet (ce n'est pas une base SQLite).",
        ));
    }
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY)
        .map_err(|_| refuse("ne s'ouvre pas : fichier endommagé."))?;
    let integrity =
        quick_check(&conn).map_err(|_| refuse("est endommagé (lecture impossible)."))?;
    if integrity != "ok" {
        return Err(refuse(&format!("est endommagé : {integrity}.")));
    }
    let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    let tables: i64 = conn.query_row(
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN ('leads', 'contacts', 'inbound')",
        [],
        |r| r.get(0),
    )?;
    if version < 1 || tables < 3 {
        return Err(refuse(
            "n'est pas une sauvegarde de Carnet (tables absentes).",
        ));
    }
    let latest = crate::kernel::db::latest_version();
    if version > latest {
        return Err(refuse(&format!(
            "vient d'une version plus récente de Carnet (schéma {version}, celle-ci lit jusqu'au {latest}) : mettez Carnet à jour avant de restaurer."
        )));
    }
    Ok(version)
}

/// Holds the database for this process (the window, `carnet serve`): a restore is refused while
/// the lock is held. Released when the file handle is dropped (or the process ends).
pub fn lock_instance(db: &Path) -> Result<std::fs::File> {
    let path = lock_path(db);
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(_) => Err(CoreError::Refused(
            "Carnet est déjà ouvert sur cette base (fenêtre ou « carnet serve ») : fermez-le d'abord.".into(),
        )),
    }
}

fn lock_path(db: &Path) -> PathBuf {
    let mut name = db.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".lock");
    db.with_file_name(name)
}

/// The default backup folder: `<folder of the database>/<base name>-sauvegardes`.
pub fn default_folder(db: &Path) -> PathBuf {
    let db = std::path::absolute(db).unwrap_or_else(|_| db.to_path_buf());
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "carnet".into());
    db.with_file_name(format!("{stem}-sauvegardes"))
}

fn file_info(path: &Path) -> Option<BackupFile> {
    let meta = std::fs::metadata(path).ok()?;
    let at: DateTime<Utc> = meta.modified().ok()?.into();
    Some(BackupFile {
        path: path.display().to_string(),
        name: path.file_name()?.to_string_lossy().into_owned(),
        bytes: meta.len(),
        at: crate::kernel::clock::to_text(at),
    })
}

/// The backups Carnet wrote in `folder` (carnet-*.db), newest first.
fn backups_in(folder: &Path) -> Vec<BackupFile> {
    let mut files: Vec<BackupFile> = std::fs::read_dir(folder)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p
                        .file_name()
                        .map(|n| n.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    name.starts_with("carnet-") && name.ends_with(".db")
                })
                .filter_map(|p| file_info(&p))
                .collect()
        })
        .unwrap_or_default();
    files.sort_by(|a, b| b.name.cmp(&a.name));
    files
}

/// Restores `from` into the database at `db` (which may be missing or damaged). The current
/// file is copied aside into `aside_folder` first; the copy in is one transaction.
pub fn restore(db: &Path, from: &Path, aside_folder: &Path) -> Result<RestoreReport> {
    let version = check_file(from)?;
    let _lock = lock_instance(db)?;
    let mut kept_aside = None;
    if db.exists() {
        std::fs::create_dir_all(aside_folder)
            .map_err(|e| french_io("Dossier de sauvegarde inaccessible", aside_folder, &e))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let aside = aside_folder.join(format!("avant-restauration-{stamp}.db"));
        let copied = Connection::open(db)
            .map_err(CoreError::from)
            .and_then(|current| snapshot(&current, &aside));
        if copied.is_err() {
            // A damaged database is kept as its raw files.
            std::fs::copy(db, &aside)
                .map_err(|e| french_io("Copie de côté impossible vers", &aside, &e))?;
            for ext in ["-wal", "-shm"] {
                let mut side = db.as_os_str().to_os_string();
                side.push(ext);
                let mut to = aside.as_os_str().to_os_string();
                to.push(ext);
                let _ = std::fs::copy(&side, &to);
            }
        }
        kept_aside = Some(aside.display().to_string());
    }
    let src = Connection::open_with_flags(from, OpenFlags::SQLITE_OPEN_READ_ONLY)?;
    let mut dst = crate::kernel::db::connect(db)?;
    {
        let backup = rusqlite::backup::Backup::new(&src, &mut dst)?;
        backup.step(-1)?;
    }
    let integrity = quick_check(&dst)?;
    let leads: i64 = dst
        .query_row("SELECT count(*) FROM leads", [], |r| r.get(0))
        .unwrap_or(0);
    tracing::info!(from = %from.display(), version, leads, %integrity, "database restored");
    Ok(RestoreReport {
        restored_from: from.display().to_string(),
        kept_aside,
        schema_version: version,
        leads,
        integrity,
    })
}

impl App {
    /// The folder backups go to.
    pub fn backup_folder(&self) -> Result<PathBuf> {
        let chosen = settings::get(&*self.conn()?, &BACKUP_FOLDER)?;
        Ok(if chosen.trim().is_empty() {
            default_folder(self.db_path())
        } else {
            PathBuf::from(chosen.trim())
        })
    }

    /// A backup now into the backup folder (`reason` ends its name: quotidienne, avant-import,
    /// manuelle…), then the oldest beyond `keep` are deleted.
    pub fn backup_now(&self, reason: &str) -> Result<BackupFile> {
        let folder = self.backup_folder()?;
        std::fs::create_dir_all(&folder)
            .map_err(|e| french_io("Dossier de sauvegarde inaccessible", &folder, &e))?;
        let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
        let dest = folder.join(format!("carnet-{stamp}-{reason}.db"));
        let conn = self.conn()?;
        snapshot(&conn, &dest)?;
        let keep = settings::get(&conn, &BACKUP_KEEP)?.max(1) as usize;
        for old in backups_in(&folder).into_iter().skip(keep) {
            if let Err(e) = std::fs::remove_file(&old.path) {
                tracing::warn!(file = %old.path, error = %e, "old backup not removed");
            }
        }
        let info =
            file_info(&dest).ok_or_else(|| CoreError::Internal("sauvegarde introuvable".into()))?;
        settings::set_json(&conn, LAST_BACKUP, &info)?;
        tracing::info!(file = %info.path, bytes = info.bytes, reason, "backup written");
        Ok(info)
    }

    /// The backup taken before an import writes anything. A backup that cannot be written (a USB
    /// drive unplugged) does not stop the import, which commits whole or not at all anyway: it is
    /// logged, and Réglages → Sauvegardes shows the last backup's date.
    pub(crate) fn backup_before_import(&self) {
        if let Err(e) = self.backup_now("avant-import") {
            tracing::warn!(error = %e, "backup before import not written");
        }
    }

    /// `PRAGMA quick_check` of the database, remembered for Réglages → Sauvegardes (run at start
    /// by the background worker: it reads the whole file).
    pub fn integrity_check(&self) -> Result<String> {
        let conn = self.conn()?;
        let result = quick_check(&conn)?;
        if result != "ok" {
            tracing::error!(%result, "database integrity check failed");
        }
        let at = crate::kernel::clock::to_text(self.now());
        settings::set_json(&conn, INTEGRITY, &(at, result.clone()))?;
        Ok(result)
    }

    /// The daily backup, when the last one is older than a day (run by the background worker).
    pub fn backup_if_due(&self) -> Result<Option<BackupFile>> {
        let last: Option<BackupFile> = settings::get_json(&*self.conn()?, LAST_BACKUP)?;
        let due = last
            .and_then(|l| DateTime::parse_from_rfc3339(&l.at).ok())
            .is_none_or(|at| self.now() - at.with_timezone(&Utc) >= DAILY);
        if !due {
            return Ok(None);
        }
        self.backup_now("quotidienne").map(Some)
    }

    /// A copy of the database to `dest` (`carnet backup -o FILE`), outside the rotation.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupFile> {
        let conn = self.conn()?;
        snapshot(&conn, dest)?;
        file_info(dest).ok_or_else(|| CoreError::Internal("sauvegarde introuvable".into()))
    }

    pub fn backup_status(&self, _: Empty) -> Result<BackupStatus> {
        let conn = self.conn()?;
        let folder = self.backup_folder()?;
        let integrity: Option<(String, String)> = settings::get_json(&conn, INTEGRITY)?;
        Ok(BackupStatus {
            folder_is_default: settings::get(&conn, &BACKUP_FOLDER)?.trim().is_empty(),
            folder: folder.display().to_string(),
            keep: settings::get(&conn, &BACKUP_KEEP)?,
            last: settings::get_json(&conn, LAST_BACKUP)?,
            files: backups_in(&folder),
            integrity_at: integrity.as_ref().map(|(at, _)| at.clone()),
            integrity: integrity.map(|(_, result)| result),
        })
    }

    pub fn backup_run(&self, _: Empty) -> Result<BackupFile> {
        self.backup_now("manuelle")
    }

    pub fn backup_settings_set(&self, s: BackupSettings) -> Result<BackupStatus> {
        if !(1..=365).contains(&s.keep) {
            return Err(CoreError::invalid(
                "keep",
                "Nombre de sauvegardes gardées : de 1 à 365.",
            ));
        }
        let folder = s.folder.trim().to_string();
        if !folder.is_empty() {
            let path = Path::new(&folder);
            if !path.is_absolute() {
                return Err(CoreError::invalid(
                    "folder",
                    "Indiquez un dossier complet (ex. /media/cle-usb/carnet).",
                ));
            }
            // The folder must take a file now, not on the night of the first backup.
            std::fs::create_dir_all(path)
                .and_then(|_| std::fs::write(path.join(".carnet-test"), b"ok"))
                .and_then(|_| std::fs::remove_file(path.join(".carnet-test")))
                .map_err(
                    |e| match french_io("Dossier de sauvegarde inaccessible", path, &e) {
                        CoreError::Refused(m) => CoreError::invalid("folder", m),
                        other => other,
                    },
                )?;
        }
        let conn = self.conn()?;
        settings::set(&conn, &BACKUP_FOLDER, &folder)?;
        settings::set(&conn, &BACKUP_KEEP, &s.keep)?;
        drop(conn);
        self.backup_status(Empty {})
    }
}
