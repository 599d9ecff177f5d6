//! Files of a lead: the generated PDFs and what the vendeurs upload (photos, ID, grey card…).
//! The bytes live in the data folder beside the database (`kernel::blobs`), stored before the
//! row that names them commits: a failed write leaves the lead as it was.
//! Deleting a file hides it (recorded in the timeline); its row and bytes stay.

use crate::kernel::app::{App, Ctx};
use crate::kernel::blobs;
use crate::kernel::error::{CoreError, Result};
use crate::kernel::validate::{self, MAX_SHORT_TEXT};
use crate::leads::timeline;
use base64::Engine;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Largest file a vendeur may attach (a phone photo is 3–8 MB, a scanned contract less).
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

crate::kernel::text_enum!(FileOrigin {
    Upload = "upload",
    Offer = "offer",
    Order = "order",
    Tradein = "tradein",
    Testdrive = "testdrive",
});

/// A generated PDF is filed under the kind of document it prints.
impl From<super::PdfKind> for FileOrigin {
    fn from(k: super::PdfKind) -> FileOrigin {
        match k {
            super::PdfKind::Offer => FileOrigin::Offer,
            super::PdfKind::Order => FileOrigin::Order,
            super::PdfKind::Tradein => FileOrigin::Tradein,
            super::PdfKind::Testdrive => FileOrigin::Testdrive,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct LeadFile {
    pub id: i64,
    pub lead_id: i64,
    pub title: String,
    pub file_name: String,
    pub mime: String,
    pub size: i64,
    pub origin: FileOrigin,
    /// The trade-in, test drive, offer or order the PDF was made from.
    pub ref_id: Option<i64>,
    pub created_by: Option<String>,
    pub created_at: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileUpload {
    pub lead_id: i64,
    pub title: String,
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileRef {
    pub id: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileRename {
    pub id: i64,
    pub title: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct FileContent {
    pub file_name: String,
    pub mime: String,
    pub base64: String,
}

/// What a file is, from its first bytes (the name's extension is only a hint).
fn sniff_mime(bytes: &[u8], file_name: &str) -> &'static str {
    let ext = file_name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    match bytes {
        [b'%', b'P', b'D', b'F', ..] => "application/pdf",
        [0x89, b'P', b'N', b'G', ..] => "image/png",
        [0xFF, 0xD8, 0xFF, ..] => "image/jpeg",
        [b'G', b'I', b'F', b'8', ..] => "image/gif",
        [b'R', b'I', b'F', b'F', _, _, _, _, b'W', b'E', b'B', b'P', ..] => "image/webp",
        [b'P', b'K', 3, 4, ..] => match ext.as_str() {
            "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "odt" => "application/vnd.oasis.opendocument.text",
            _ => "application/zip",
        },
        _ if ext == "txt" || ext == "csv" => "text/plain",
        _ => "application/octet-stream",
    }
}

/// A file name safe on every system (what the user downloads).
fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || "/\\:*?\"<>|".contains(c) {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim().trim_start_matches('.');
    let short: String = trimmed.chars().take(120).collect();
    if short.is_empty() {
        "document".into()
    } else {
        short
    }
}

const COLUMNS: &str = "f.id, f.lead_id, f.title, f.file_name, f.mime, f.size, f.origin, f.ref_id, u.name, f.created_at";

fn from_row(r: &rusqlite::Row) -> rusqlite::Result<LeadFile> {
    Ok(LeadFile {
        id: r.get(0)?,
        lead_id: r.get(1)?,
        title: r.get(2)?,
        file_name: r.get(3)?,
        mime: r.get(4)?,
        size: r.get(5)?,
        origin: r.get(6)?,
        ref_id: r.get(7)?,
        created_by: r.get(8)?,
        created_at: r.get(9)?,
    })
}

pub(crate) fn get(conn: &Connection, id: i64) -> Result<LeadFile> {
    conn.query_row(
        &format!("SELECT {COLUMNS} FROM lead_files f LEFT JOIN users u ON u.id = f.created_by WHERE f.id = ?1 AND f.deleted_at IS NULL"),
        [id],
        from_row,
    )
    .optional()?
    .ok_or(CoreError::NotFound { what: "Document" })
}

pub(crate) fn for_lead(conn: &Connection, lead_id: i64) -> Result<Vec<LeadFile>> {
    Ok(conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM lead_files f LEFT JOIN users u ON u.id = f.created_by WHERE f.lead_id = ?1 AND f.deleted_at IS NULL ORDER BY f.id DESC"))?
        .query_map([lead_id], from_row)?
        .collect::<rusqlite::Result<_>>()?)
}

/// The lead a file belongs to (deleted files included), for the permission checks.
pub fn lead_of(conn: &Connection, id: i64) -> Result<Option<i64>> {
    Ok(conn
        .query_row("SELECT lead_id FROM lead_files WHERE id = ?1", [id], |r| {
            r.get(0)
        })
        .optional()?)
}

/// A stored file's name, type and bytes (checked against their SHA-256).
pub(crate) fn read(conn: &Connection, folder: &Path, id: i64) -> Result<(LeadFile, Vec<u8>)> {
    let file = get(conn, id)?;
    let sha: String = conn.query_row("SELECT sha256 FROM lead_files WHERE id = ?1", [id], |r| {
        r.get(0)
    })?;
    let bytes = blobs::read(folder, &sha, &file.title)?;
    Ok((file, bytes))
}

/// Adds a file to a lead (bytes already stored) and records it in the timeline.
#[allow(clippy::too_many_arguments)]
pub(crate) fn insert(
    tx: &Connection,
    ctx: &Ctx,
    lead_id: i64,
    title: &str,
    file_name: &str,
    mime: &str,
    bytes_len: usize,
    sha: &str,
    origin: FileOrigin,
    ref_id: Option<i64>,
) -> Result<LeadFile> {
    tx.execute(
        "INSERT INTO lead_files(lead_id, title, file_name, mime, size, sha256, origin, ref_id, created_by, created_at, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)",
        params![lead_id, title, file_name, mime, bytes_len as i64, sha, origin, ref_id, ctx.actor, ctx.now_text],
    )?;
    let id = tx.last_insert_rowid();
    timeline::append(
        tx,
        lead_id,
        &ctx.now_text,
        ctx.actor,
        timeline::kind::DOCUMENT,
        &format!("Document ajouté : {title}"),
        Some(&serde_json::json!({"file_id": id, "origin": origin})),
    )?;
    get(tx, id)
}

impl App {
    pub fn documents_folder(&self) -> PathBuf {
        blobs::folder(self.db_path())
    }

    pub fn document_upload(&self, input: FileUpload) -> Result<LeadFile> {
        let title = validate::required_text("title", "Titre", &input.title, MAX_SHORT_TEXT)?;
        // base64 is 4/3 of the bytes: refuse before decoding what is too big.
        if input.base64.len() > MAX_FILE_BYTES / 3 * 4 + 4 {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Fichier trop volumineux : {} Mo au plus.",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            ));
        }
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.base64.trim())
            .map_err(|_| {
                CoreError::invalid("file", "Le fichier n'a pas pu être lu (contenu illisible).")
            })?;
        if bytes.is_empty() {
            return Err(CoreError::invalid("file", "Le fichier est vide."));
        }
        if bytes.len() > MAX_FILE_BYTES {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Fichier trop volumineux : {} Mo au plus.",
                    MAX_FILE_BYTES / 1024 / 1024
                ),
            ));
        }
        let file_name = safe_file_name(&input.file_name);
        let mime = sniff_mime(&bytes, &file_name);
        crate::leads::lead::get(&*self.conn()?, input.lead_id)?;
        let sha = blobs::store(&self.documents_folder(), &bytes)?;
        self.write(|tx, ctx| {
            insert(
                tx,
                ctx,
                input.lead_id,
                &title,
                &file_name,
                mime,
                bytes.len(),
                &sha,
                FileOrigin::Upload,
                None,
            )
        })
    }

    pub fn document_rename(&self, input: FileRename) -> Result<LeadFile> {
        let title = validate::required_text("title", "Titre", &input.title, MAX_SHORT_TEXT)?;
        self.write(|tx, ctx| {
            let before = get(tx, input.id)?;
            if before.title == title {
                return Ok(before);
            }
            tx.execute(
                "UPDATE lead_files SET title = ?2, updated_at = ?3 WHERE id = ?1",
                params![input.id, title, ctx.now_text],
            )?;
            timeline::append(
                tx,
                before.lead_id,
                &ctx.now_text,
                ctx.actor,
                timeline::kind::DOCUMENT,
                &format!("Document renommé : {} → {title}", before.title),
                Some(&serde_json::json!({"file_id": before.id, "from": before.title, "to": title})),
            )?;
            get(tx, input.id)
        })
    }

    pub fn document_delete(&self, input: FileRef) -> Result<LeadFile> {
        self.write(|tx, ctx| {
            let file = get(tx, input.id)?;
            tx.execute(
                "UPDATE lead_files SET deleted_at = ?2, updated_at = ?2 WHERE id = ?1",
                params![input.id, ctx.now_text],
            )?;
            timeline::append(
                tx,
                file.lead_id,
                &ctx.now_text,
                ctx.actor,
                timeline::kind::DOCUMENT_DELETED,
                &format!("Document supprimé : {}", file.title),
                Some(&serde_json::json!({"file_id": file.id})),
            )?;
            Ok(file)
        })
    }

    pub fn document_read(&self, input: FileRef) -> Result<FileContent> {
        let (file, bytes) = read(&*self.conn()?, &self.documents_folder(), input.id)?;
        Ok(FileContent {
            file_name: file.file_name,
            mime: file.mime,
            base64: base64::engine::general_purpose::STANDARD.encode(bytes),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_and_types_are_safe() {
        assert_eq!(safe_file_name("../../etc/passwd"), "_.._etc_passwd");
        assert_eq!(safe_file_name("  "), "document");
        assert_eq!(sniff_mime(b"%PDF-1.7", "x.exe"), "application/pdf");
        assert_eq!(
            sniff_mime(b"MZ\x90\x00", "photo.jpg"),
            "application/octet-stream"
        );
        assert_eq!(
            blobs::folder(Path::new("/data/carnet.db")),
            Path::new("/data/carnet-documents")
        );
    }
}
