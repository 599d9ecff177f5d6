//! Saving and opening a lead's file from the window. The core reads it (the session and the
//! permissions checked as for any command); the shell writes it into the user's Downloads folder
//! under a name not yet taken (written aside, then renamed) and, to open it, hands it to the
//! system's viewer. A webview cannot do either reliably (no new windows, no download handler).

use base64::Engine;
use carnet_core::api::FileContent;
use carnet_core::{ApiError, App, CoreError};
use std::io::Write;
use std::path::{Path, PathBuf};

fn unavailable(message: String) -> ApiError {
    CoreError::Unavailable {
        component: "Dossier Téléchargements",
        message,
    }
    .to_api()
}

/// `name`, or `stem (2).ext`, `stem (3).ext`… the first that does not exist in `dir`.
fn free_name(dir: &Path, name: &str) -> PathBuf {
    let first = dir.join(name);
    if !first.exists() {
        return first;
    }
    let (stem, ext) = match name.rsplit_once('.') {
        Some((s, e)) if !s.is_empty() => (s, format!(".{e}")),
        _ => (name, String::new()),
    };
    (2..10_000)
        .map(|n| dir.join(format!("{stem} ({n}){ext}")))
        .find(|p| !p.exists())
        .unwrap_or(first)
}

/// Writes the file with the given id to the Downloads folder; opens it when asked. Returns
/// where it was written.
pub fn save(app: &App, token: Option<&str>, id: i64, open: bool) -> Result<PathBuf, ApiError> {
    let value = app.call_in_session(token, "document_read", serde_json::json!({ "id": id }))?;
    let content: FileContent =
        serde_json::from_value(value).map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
    let bytes = base64::engine::general_purpose::STANDARD
        .decode(content.base64)
        .map_err(|e| CoreError::Internal(e.to_string()).to_api())?;
    let dir = directories::UserDirs::new()
        .and_then(|u| u.download_dir().map(Path::to_path_buf))
        .or_else(|| directories::UserDirs::new().map(|u| u.home_dir().to_path_buf()))
        .ok_or_else(|| unavailable("Aucun dossier Téléchargements sur ce poste.".into()))?;
    std::fs::create_dir_all(&dir)
        .map_err(|e| unavailable(format!("Dossier {} inaccessible : {e}.", dir.display())))?;
    // The name comes from the core, already safe; keep only its last component anyway.
    let name = Path::new(&content.file_name)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "document".into());
    let target = free_name(&dir, &name);
    let tmp = dir.join(format!(".carnet-{}-{id}.tmp", std::process::id()));
    let written = std::fs::File::create(&tmp)
        .and_then(|mut f| f.write_all(&bytes).and_then(|()| f.sync_all()))
        .and_then(|()| std::fs::rename(&tmp, &target));
    if let Err(e) = written {
        let _ = std::fs::remove_file(&tmp);
        tracing::warn!(error = %e, "file not saved to the downloads folder");
        return Err(unavailable(format!(
            "Impossible d'enregistrer le fichier dans {} : {e}.",
            dir.display()
        )));
    }
    if open {
        opener::open(&target).map_err(|e| {
            tracing::warn!(error = %e, "no viewer for the file");
            unavailable(format!(
                "Fichier enregistré dans {}, mais aucune application ne l'a ouvert ({e}).",
                target.display()
            ))
        })?;
    }
    Ok(target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_name_gets_a_number() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(
            free_name(dir.path(), "Offre.pdf"),
            dir.path().join("Offre.pdf")
        );
        std::fs::write(dir.path().join("Offre.pdf"), b"x").unwrap();
        assert_eq!(
            free_name(dir.path(), "Offre.pdf"),
            dir.path().join("Offre (2).pdf")
        );
        std::fs::write(dir.path().join("notes"), b"x").unwrap();
        assert_eq!(free_name(dir.path(), "notes"), dir.path().join("notes (2)"));
    }
}
