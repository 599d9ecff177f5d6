//! Bloctel, the French opposition list to phone prospecting (code de la consommation
//! L.223-1): the garage submits its numbers to Bloctel and imports the file of opposed numbers it
//! gets back. Contacts whose mobile or landline is on it carry a badge and are left out of
//! prospecting call lists; a call answering the person's own request (their lead) stays allowed.
//! A checked list is valid 30 days: past that, the window says it must be checked again.
//!
//! Each file replaces the previous list (Bloctel answers for the whole file submitted). A file
//! in the wrong format is refused whole, with the lines at fault: nothing is half-imported.

use crate::kernel::app::{App, Empty};
use crate::kernel::error::{CoreError, Result};
use crate::org::audit;
use base64::Engine;
use chrono::NaiveDate;
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// A Bloctel answer is valid this many days (then the numbers must be checked again).
pub const VALID_DAYS: i64 = 30;
/// Bloctel's own files hold at most a few hundred thousand lines; this bounds memory.
const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
/// Lines at fault quoted in a refusal.
const MAX_REASONS: usize = 10;

#[derive(Debug, Clone, Serialize, Deserialize, TS)]
pub struct BloctelImportInput {
    pub file_name: String,
    /// The file's bytes, base64.
    pub base64: String,
    /// Only say what the file would change.
    #[serde(default)]
    #[ts(as = "Option<bool>", optional)]
    pub dry_run: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BloctelReport {
    pub dry_run: bool,
    /// Distinct numbers in the file.
    pub numbers: u32,
    /// Numbers not on the previous list.
    pub added: u32,
    /// Numbers of the previous list that this file no longer holds.
    pub removed: u32,
    /// Contacts whose mobile or landline is on the list after this file.
    pub contacts_listed: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
pub struct BloctelStatus {
    /// Numbers on the list now.
    pub numbers: u32,
    pub contacts_listed: u32,
    /// RFC 3339 UTC of the latest import, if any.
    pub imported_at: Option<String>,
    pub file_name: Option<String>,
    /// The latest import is older than 30 days: the numbers must be checked again.
    pub stale: bool,
}

/// One line of a Bloctel file, read: the number (E.164) and the date it gives, if any.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ListedNumber {
    pub phone: String,
    pub listed_on: Option<String>,
}

/// Reads a Bloctel file: one number per line (0612345678, 33612345678, +33 6 12 34 56 78…),
/// optionally followed by a date (`;`, `,` or tab between), an optional header line. Refused
/// whole, with the lines at fault, if any line is neither.
pub(crate) fn read_file(bytes: &[u8]) -> Result<Vec<ListedNumber>> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(refused(format!(
            "Fichier Bloctel trop volumineux ({} Mo, au plus {} Mo).",
            bytes.len() / (1024 * 1024),
            MAX_FILE_BYTES / (1024 * 1024)
        )));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) || bytes.starts_with(b"PK") || bytes.starts_with(b"%PDF") {
        return Err(refused(
            "Ce fichier n'est pas un fichier Bloctel : un fichier texte ou CSV est attendu (un numéro par ligne, éventuellement suivi d'une date).".into(),
        ));
    }
    // Digits, separators and dates are ASCII: a Latin-1 header is read as such, never refused.
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
    };
    let mut numbers = Vec::new();
    let mut faults = Vec::new();
    let mut fault_count = 0usize;
    for (index, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        match read_line(line) {
            Ok(n) => numbers.push(n),
            // The first non-empty line may be a header ("numero;date").
            Err(_) if numbers.is_empty() && fault_count == 0 && is_header(line) => {}
            Err(reason) => {
                fault_count += 1;
                if faults.len() < MAX_REASONS {
                    faults.push(format!("ligne {} : {reason}", index + 1));
                }
            }
        }
    }
    if fault_count > 0 {
        let more = match fault_count > faults.len() {
            true => format!(" (et {} autre(s))", fault_count - faults.len()),
            false => String::new(),
        };
        return Err(refused(format!(
            "Fichier Bloctel refusé, rien n'a été importé : {} ligne(s) illisible(s){more}. {}",
            fault_count,
            faults.join(" ; ")
        )));
    }
    if numbers.is_empty() {
        return Err(refused(
            "Le fichier ne contient aucun numéro : est-ce bien le fichier renvoyé par Bloctel ?"
                .into(),
        ));
    }
    Ok(numbers)
}

fn refused(message: String) -> CoreError {
    CoreError::Refused(message)
}

/// A header names its columns: letters, where a number line has none.
fn is_header(line: &str) -> bool {
    line.chars().any(char::is_alphabetic)
}

fn read_line(line: &str) -> std::result::Result<ListedNumber, String> {
    let mut cells = line
        .split([';', ',', '\t', '|'])
        .map(|c| c.trim().trim_matches('"').trim());
    let raw = cells.next().unwrap_or_default();
    let phone = read_number(raw).ok_or_else(|| {
        let shown: String = raw.chars().take(30).collect();
        format!("« {shown} » n'est pas un numéro de téléphone français")
    })?;
    let listed_on = match cells.find(|c| !c.is_empty()) {
        None => None,
        Some(cell) => Some(read_date(cell).ok_or_else(|| {
            let shown: String = cell.chars().take(30).collect();
            format!("date illisible « {shown} » (attendu JJ/MM/AAAA ou AAAA-MM-JJ)")
        })?),
    };
    Ok(ListedNumber { phone, listed_on })
}

/// A French number as Bloctel writes it: national (10 digits), international with or without
/// `+`/`00`, or the 9 digits a spreadsheet leaves.
fn read_number(raw: &str) -> Option<String> {
    if raw.chars().any(|c| c.is_alphabetic()) {
        return None;
    }
    let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
    let international = raw.trim_start().starts_with('+') || digits.starts_with("00");
    let candidate = match digits.len() {
        11 if digits.starts_with("33") && !international => format!("+{digits}"),
        9 if !international => format!("0{digits}"),
        _ => raw.to_string(),
    };
    crate::kernel::validate::phone("phone", &candidate).ok()
}

fn read_date(cell: &str) -> Option<String> {
    let cell = cell.split([' ', 'T']).next().unwrap_or(cell);
    ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%Y%m%d", "%d.%m.%Y"]
        .iter()
        .find_map(|f| NaiveDate::parse_from_str(cell, f).ok())
        .map(|d| d.format("%Y-%m-%d").to_string())
}

/// Replaces the list by the file's, keeping the previous one aside (temp tables) for the counts.
fn replace_list(tx: &Connection, list: &BTreeMap<String, Option<String>>) -> Result<()> {
    tx.execute_batch(
        "DROP TABLE IF EXISTS temp.bloctel_file; DROP TABLE IF EXISTS temp.bloctel_previous;
         CREATE TEMP TABLE bloctel_file(phone TEXT PRIMARY KEY, listed_on TEXT) WITHOUT ROWID;
         CREATE TEMP TABLE bloctel_previous(phone TEXT PRIMARY KEY) WITHOUT ROWID;
         INSERT INTO temp.bloctel_previous SELECT phone FROM main.bloctel_numbers;",
    )?;
    let mut insert =
        tx.prepare("INSERT INTO temp.bloctel_file(phone, listed_on) VALUES (?1, ?2)")?;
    for (phone, listed_on) in list {
        insert.execute(params![phone, listed_on])?;
    }
    tx.execute_batch(
        "DELETE FROM main.bloctel_numbers;
         INSERT INTO main.bloctel_numbers(phone, listed_on) SELECT phone, listed_on FROM temp.bloctel_file;",
    )?;
    Ok(())
}

fn contacts_listed(conn: &Connection) -> Result<u32> {
    // From the list's side: the list is small, the contacts' phone indexes do the rest.
    Ok(conn.query_row(
        "SELECT count(*) FROM contacts c WHERE c.id IN (
           SELECT c2.id FROM bloctel_numbers b JOIN contacts c2 ON c2.phone = b.phone WHERE c2.phone IS NOT NULL
           UNION SELECT c3.id FROM bloctel_numbers b JOIN contacts c3 ON c3.landline = b.phone WHERE c3.landline IS NOT NULL)",
        [],
        |r| r.get(0),
    )?)
}

impl App {
    /// Imports the file Bloctel returned (`carnet bloctel import FILE`, Réglages → Confidentialité).
    pub fn bloctel_import(&self, input: BloctelImportInput) -> Result<BloctelReport> {
        let bytes = base64::engine::general_purpose::STANDARD
            .decode(input.base64.trim())
            .map_err(|_| refused("Fichier Bloctel illisible (transfert incomplet).".into()))?;
        let file_name: String = input.file_name.trim().chars().take(200).collect();
        let mut list: BTreeMap<String, Option<String>> = BTreeMap::new();
        for n in read_file(&bytes)? {
            let entry = list.entry(n.phone).or_insert(None);
            if entry.is_none() {
                *entry = n.listed_on;
            }
        }
        // A dry run computes the counts on the new list inside the transaction, then undoes it.
        let report = self.write_or_roll_back(!input.dry_run, |tx, ctx| {
            replace_list(tx, &list)?;
            let count = |sql: &str| -> Result<u32> { Ok(tx.query_row(sql, [], |r| r.get(0))?) };
            let report = BloctelReport {
                dry_run: input.dry_run,
                numbers: list.len() as u32,
                added: count("SELECT count(*) FROM temp.bloctel_file f WHERE NOT EXISTS (SELECT 1 FROM bloctel_previous p WHERE p.phone = f.phone)")?,
                removed: count("SELECT count(*) FROM temp.bloctel_previous p WHERE NOT EXISTS (SELECT 1 FROM bloctel_file f WHERE f.phone = p.phone)")?,
                contacts_listed: contacts_listed(tx)?,
            };
            tx.execute_batch("DROP TABLE temp.bloctel_file; DROP TABLE temp.bloctel_previous;")?;
            tx.execute(
                "INSERT INTO bloctel_imports(at, user_id, file_name, numbers, added, removed) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![ctx.now_text, ctx.actor, file_name, report.numbers, report.added, report.removed],
            )?;
            audit::record(
                tx,
                ctx,
                audit::kind::BLOCTEL,
                &format!(
                    "Liste Bloctel importée ({file_name}) : {} numéros, {} ajoutés, {} retirés",
                    report.numbers, report.added, report.removed
                ),
                None,
                None,
            )?;
            Ok(report)
        })?;
        if !input.dry_run {
            tracing::info!(
                numbers = report.numbers,
                added = report.added,
                removed = report.removed,
                "Bloctel list imported"
            );
        }
        Ok(report)
    }

    /// The list in force: how many numbers and contacts, from which file, still valid or not.
    pub fn bloctel_status(&self, _: Empty) -> Result<BloctelStatus> {
        let conn = self.conn()?;
        let numbers: u32 =
            conn.query_row("SELECT count(*) FROM bloctel_numbers", [], |r| r.get(0))?;
        let last: Option<(String, String)> = conn
            .query_row(
                "SELECT at, file_name FROM bloctel_imports ORDER BY id DESC LIMIT 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let stale = match &last {
            None => false,
            Some((at, _)) => crate::kernel::clock::parse(at)
                .is_none_or(|at| self.now() - at > chrono::Duration::days(VALID_DAYS)),
        };
        let (imported_at, file_name) = last.unzip();
        Ok(BloctelStatus {
            numbers,
            contacts_listed: contacts_listed(&conn)?,
            imported_at,
            file_name,
            stale,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_and_dates_as_bloctel_and_spreadsheets_write_them() {
        let file = "numero;date\n0612345678;15/11/2026\n33 7 98 76 54 32\n+33 1 23 45 67 89,2026-11-02\n612345679\n\n";
        let read = read_file(file.as_bytes()).unwrap();
        let phones: Vec<&str> = read.iter().map(|n| n.phone.as_str()).collect();
        assert_eq!(
            phones,
            [
                "+33612345678",
                "+33798765432",
                "+33123456789",
                "+33612345679"
            ]
        );
        assert_eq!(read[0].listed_on.as_deref(), Some("2026-11-15"));
        assert_eq!(read[1].listed_on, None);
        assert_eq!(read[2].listed_on.as_deref(), Some("2026-11-02"));
    }

    #[test]
    fn a_file_in_the_wrong_format_is_refused_whole_with_its_lines() {
        let bad = "0612345678\nDupont Jean\n0612\n0698765432;31/02/2026\n";
        let message = read_file(bad.as_bytes()).unwrap_err().to_string();
        assert!(message.contains("rien n'a été importé"), "{message}");
        assert!(message.contains("ligne 2"), "{message}");
        assert!(message.contains("ligne 3 : « 0612 »"), "{message}");
        assert!(message.contains("ligne 4 : date illisible"), "{message}");
        assert!(read_file(b"PK\x03\x04xlsx").is_err());
        assert!(read_file(b"numero\n\n")
            .unwrap_err()
            .to_string()
            .contains("aucun numéro"));
    }
}
