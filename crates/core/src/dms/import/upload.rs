//! Files sent by the window for an import, in chunks (a webview cannot hand over a path, and a
//! DMS export may be hundreds of megabytes): appended to `<db name>-imports/<id>.part` beside
//! the database, then previewed and imported from there. A staged file is removed once its
//! import committed; forgotten ones are removed after a day.

use super::mapping::{ImportTarget, Mapping};
use super::run::{ImportPreview, ImportRequest, ImportSummary, RejectedRow};
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use base64::Engine;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::PathBuf;
use ts_rs::TS;

/// A staged file may not grow beyond this.
pub const MAX_UPLOAD_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// One chunk, base64-decoded.
pub const MAX_CHUNK_BYTES: usize = 8 * 1024 * 1024;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportUpload {
    /// None for the first chunk: a new staged file.
    #[ts(optional = nullable)]
    #[serde(default)]
    pub upload_id: Option<String>,
    /// Where this chunk starts (the bytes already received).
    pub offset: u64,
    pub data_base64: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct UploadState {
    pub upload_id: String,
    pub received: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportPreviewInput {
    pub upload_id: String,
    pub target: ImportTarget,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub profile: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct ImportRunInput {
    pub upload_id: String,
    pub target: ImportTarget,
    /// The file's name as the user chose it (shown in the history).
    pub file_name: String,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub mapping: Option<Mapping>,
    #[ts(optional = nullable)]
    #[serde(default)]
    pub profile: Option<String>,
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RejectsFileInput {
    pub rows: Vec<RejectedRow>,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct RejectsFile {
    pub path: String,
}

fn folder(app: &App) -> PathBuf {
    let db = app.db_path();
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "carnet".into());
    db.with_file_name(format!("{stem}-imports"))
}

/// A staged file's path; ids are ours (hex), never a path from outside.
fn staged(app: &App, id: &str) -> Result<PathBuf> {
    if id.len() != 32 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(CoreError::invalid(
            "upload_id",
            "Fichier d'import inconnu : envoyez-le à nouveau.",
        ));
    }
    let path = folder(app).join(format!("{id}.part"));
    if !path.exists() {
        return Err(CoreError::invalid(
            "upload_id",
            "Fichier d'import introuvable : envoyez-le à nouveau.",
        ));
    }
    Ok(path)
}

fn io_error(e: std::io::Error) -> CoreError {
    tracing::warn!(error = %e, "import upload failed");
    CoreError::Unavailable {
        component: "Dossier de la base",
        message: format!("le fichier n'a pas pu être reçu ({e})."),
    }
}

/// Removes staged files older than a day (an import the user abandoned).
fn sweep(folder: &std::path::Path) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let old = entry
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 24 * 3600);
        if old && entry.path().extension().is_some_and(|e| e == "part") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl App {
    pub fn import_upload(&self, chunk: ImportUpload) -> Result<UploadState> {
        let data = base64::engine::general_purpose::STANDARD
            .decode(chunk.data_base64.as_bytes())
            .map_err(|_| CoreError::invalid("data_base64", "Morceau de fichier illisible."))?;
        if data.len() > MAX_CHUNK_BYTES {
            return Err(CoreError::invalid(
                "data_base64",
                "Morceau de fichier trop grand.",
            ));
        }
        let (id, path) = match chunk.upload_id {
            Some(id) => {
                let path = staged(self, &id)?;
                (id, path)
            }
            None => {
                let dir = folder(self);
                std::fs::create_dir_all(&dir).map_err(io_error)?;
                sweep(&dir);
                let mut raw = [0u8; 16];
                getrandom::fill(&mut raw).map_err(|e| CoreError::Internal(e.to_string()))?;
                let id: String = raw.iter().map(|b| format!("{b:02x}")).collect();
                let path = dir.join(format!("{id}.part"));
                (id, path)
            }
        };
        let mut file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(io_error)?;
        let size = file.metadata().map_err(io_error)?.len();
        if size != chunk.offset {
            return Err(CoreError::invalid(
                "offset",
                "Envoi interrompu : recommencez l'import de ce fichier.",
            ));
        }
        if size + data.len() as u64 > MAX_UPLOAD_BYTES {
            return Err(CoreError::invalid(
                "file",
                "Fichier trop volumineux (2 Go au plus).",
            ));
        }
        file.write_all(&data).map_err(io_error)?;
        Ok(UploadState {
            upload_id: id,
            received: size + data.len() as u64,
        })
    }

    pub fn import_preview(&self, input: ImportPreviewInput) -> Result<ImportPreview> {
        let path = staged(self, &input.upload_id)?;
        self.import_preview_file(input.target, &path, input.profile.as_deref())
    }

    /// The window's import: from a staged file, with progress reported to `progress`.
    pub fn import_staged(
        &self,
        input: ImportRunInput,
        progress: &mut dyn FnMut(super::run::ImportProgress) -> bool,
    ) -> Result<ImportSummary> {
        let path = staged(self, &input.upload_id)?;
        let request = ImportRequest {
            target: input.target,
            path: path.clone(),
            file_name: input.file_name.chars().take(200).collect(),
            mapping: input.mapping,
            profile: input.profile,
            dry_run: input.dry_run,
        };
        let summary = self.import_file(&request, progress)?;
        if !input.dry_run {
            let _ = std::fs::remove_file(&path);
        }
        Ok(summary)
    }

    pub fn import_run(&self, input: ImportRunInput) -> Result<ImportSummary> {
        self.import_staged(input, &mut |_| true)
    }

    /// Writes rejected rows as a CSV into the exports folder.
    pub fn import_rejects_file(&self, input: RejectsFileInput) -> Result<RejectsFile> {
        let dir = self.exports_dir().ok_or_else(|| CoreError::Unavailable {
            component: "Dossier Téléchargements",
            message: "Aucun dossier d'export sur ce poste.".into(),
        })?;
        let stamp = self
            .now()
            .with_timezone(&chrono_tz::Europe::Paris)
            .format("%Y-%m-%d-%H%M%S");
        let path = dir.join(format!("carnet-import-rejets-{stamp}.csv"));
        let bytes = super::run::rejects_csv(&input.rows);
        crate::kernel::blobs::write_aside(&path, |tmp| {
            std::fs::write(tmp, &bytes).map_err(io_error)
        })?;
        Ok(RejectsFile {
            path: path.display().to_string(),
        })
    }
}
