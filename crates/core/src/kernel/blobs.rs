//! Content-addressed files beside the database (`<name>-documents/ab/<sha256>`): written to a
//! temporary file, synced and renamed (and the folder synced) before any row naming them
//! commits, so that a crash never leaves a row without its bytes. Read back checked against
//! their hash.

use crate::kernel::error::{CoreError, Result};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The folder holding the files of the database at `db`.
pub fn folder(db: &Path) -> PathBuf {
    let stem = db
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "carnet".into());
    db.with_file_name(format!("{stem}-documents"))
}

/// Writes with `write` to a file beside `target`, then renames it over `target`.
pub(crate) fn write_aside(target: &Path, write: impl FnOnce(&Path) -> Result<()>) -> Result<()> {
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    if !dir.is_dir() {
        return Err(CoreError::invalid(
            "output",
            format!("Le dossier {} n'existe pas.", dir.display()),
        ));
    }
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let done = write(&tmp).and_then(|()| {
        std::fs::rename(&tmp, target).map_err(|e| {
            CoreError::invalid(
                "output",
                format!("Impossible d'écrire {} : {e}.", target.display()),
            )
        })
    });
    if done.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    done
}

/// The SHA-256 of a file, read as a stream (imports record which file they read).
pub fn sha256_file(path: &Path) -> std::io::Result<String> {
    let mut hasher = Sha256::new();
    std::io::copy(&mut std::fs::File::open(path)?, &mut hasher)?;
    Ok(format!("{:x}", hasher.finalize()))
}

fn path(folder: &Path, sha: &str) -> PathBuf {
    folder.join(sha.get(..2).unwrap_or("xx")).join(sha)
}

fn unavailable(message: String) -> CoreError {
    CoreError::Unavailable {
        component: "Dossier des documents",
        message,
    }
}

/// Stores bytes under their SHA-256 (the same content is kept once) and returns the hash.
pub fn store(folder: &Path, bytes: &[u8]) -> Result<String> {
    let sha = format!("{:x}", Sha256::digest(bytes));
    let target = path(folder, &sha);
    if target.exists() {
        return Ok(sha);
    }
    let dir = target.parent().unwrap_or(folder).to_path_buf();
    let tmp = dir.join(format!(".{sha}.{}.tmp", std::process::id()));
    let written = (|| {
        std::fs::create_dir_all(&dir)?;
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, &target)?;
        std::fs::File::open(&dir)?.sync_all()
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        tracing::error!(error = %e, "file not written");
        return Err(unavailable(format!("Le fichier n'a pas pu être enregistré ({e}). Vérifiez la place disque et les droits du dossier de données.")));
    }
    Ok(sha)
}

/// Removes the bytes stored under `sha` (an erasure): overwritten with zeros first, then deleted.
pub fn erase(folder: &Path, sha: &str) -> std::io::Result<()> {
    let target = path(folder, sha);
    let Ok(meta) = std::fs::metadata(&target) else {
        return Ok(());
    };
    let mut f = std::fs::OpenOptions::new().write(true).open(&target)?;
    f.write_all(&vec![0u8; meta.len() as usize])?;
    f.sync_all()?;
    std::fs::remove_file(&target)
}

/// The bytes stored under `sha`, checked; `title` names the file in the messages.
pub fn read(folder: &Path, sha: &str, title: &str) -> Result<Vec<u8>> {
    let bytes = std::fs::read(path(folder, sha)).map_err(|e| {
        tracing::error!(error = %e, "file unreadable");
        unavailable(format!(
            "Le fichier « {title} » est introuvable dans le dossier de données ({e})."
        ))
    })?;
    if format!("{:x}", Sha256::digest(&bytes)) != sha {
        tracing::error!("file altered on disk");
        return Err(unavailable(format!("Le fichier « {title} » a été modifié sur le disque : restaurez-le depuis une sauvegarde.")));
    }
    Ok(bytes)
}
