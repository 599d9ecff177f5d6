//! Leads from a CSV export (manufacturer portals, trade-fair lists, call centers). Each row becomes
//! "Colonne : valeur" lines read by the same labelled-field parser as the mails, so the French and
//! English column names it knows work as they are; `--map` renames the others. Every row is stored
//! raw first, like a mail: a row that cannot be a lead waits in quarantine, and importing the same
//! file again creates nothing (rows are deduplicated by content).

use crate::intake::parse::{self, MailOutcome, ParsedMail};
use crate::intake::store::{Channel, IngestOutcome, IngestSummary};
use crate::kernel::app::App;
use crate::kernel::error::{CoreError, Result};
use serde::Serialize;

/// Larger files are refused before reading.
pub const MAX_FILE_BYTES: usize = 50 * 1024 * 1024;
pub const MAX_ROWS: usize = 200_000;

#[derive(Debug, Clone, Default)]
pub struct CsvOptions {
    /// Source given to the leads when no column names one.
    pub source: String,
    /// Column renames: (column in the file, label the parser knows), e.g. ("N° dossier", "Référence").
    pub renames: Vec<(String, String)>,
    /// Parse and report without storing anything.
    pub dry_run: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct CsvRow {
    /// 1-based line number in the file (the header is line 1).
    pub line: usize,
    #[serde(flatten)]
    pub outcome: IngestOutcome,
}

#[derive(Debug, Clone, Serialize)]
pub struct CsvReport {
    #[serde(flatten)]
    pub summary: IngestSummary,
    pub encoding: String,
    pub delimiter: String,
    pub columns: Vec<String>,
    pub dry_run: bool,
    pub rows: Vec<CsvRow>,
}

/// UTF-8 (with or without BOM) when valid, otherwise Windows-1252, which Excel and most French
/// portals write.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (
            encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned(),
            "windows-1252",
        ),
    }
}

/// The most frequent of `;`, `,`, tab and `|` on the header line.
pub fn sniff_delimiter(text: &str) -> u8 {
    let header = text.lines().next().unwrap_or("");
    [b';', b',', b'\t', b'|']
        .into_iter()
        .max_by_key(|d| header.bytes().filter(|b| b == d).count())
        .unwrap_or(b';')
}

/// The row as the text of a mail, so that the intake parsers read it and the quarantine shows it.
fn row_as_mail(
    file_name: &str,
    line: usize,
    columns: &[String],
    cells: &csv::StringRecord,
) -> Vec<u8> {
    let mut body = String::new();
    for (column, cell) in columns.iter().zip(cells.iter()) {
        let cell = cell.trim();
        if !cell.is_empty() && !column.is_empty() {
            // One line per field: a line break inside a cell would start a new label.
            body.push_str(&format!(
                "{column} : {}\r\n",
                cell.replace(['\r', '\n'], " ")
            ));
        }
    }
    let subject: String = format!("Import CSV {file_name}, ligne {line}")
        .chars()
        .filter(|c| !c.is_control())
        .collect();
    format!(
        "From: Import CSV <import@carnet.invalid>\r\nSubject: {subject}\r\nMIME-Version: 1.0\r\n\
         Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{body}"
    )
    .into_bytes()
}

impl App {
    pub fn import_leads_csv(
        &self,
        file_name: &str,
        bytes: &[u8],
        options: &CsvOptions,
    ) -> Result<CsvReport> {
        if bytes.len() > MAX_FILE_BYTES {
            return Err(CoreError::invalid(
                "file",
                format!(
                    "Fichier trop volumineux (maximum {} Mo).",
                    MAX_FILE_BYTES / (1024 * 1024)
                ),
            ));
        }
        let (text, encoding) = decode(bytes);
        let delimiter = sniff_delimiter(&text);
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(text.as_bytes());
        let headers = reader
            .headers()
            .map_err(|e| CoreError::invalid("file", format!("En-tête CSV illisible : {e}.")))?;
        let columns: Vec<String> = headers
            .iter()
            .map(|h| {
                let h = h.trim();
                options
                    .renames
                    .iter()
                    .find(|(from, _)| from.eq_ignore_ascii_case(h))
                    .map_or_else(|| h.to_string(), |(_, to)| to.clone())
            })
            .collect();
        if columns.iter().all(|c| c.is_empty()) {
            return Err(CoreError::invalid(
                "file",
                "Le fichier n'a pas de ligne d'en-tête (noms des colonnes).",
            ));
        }
        // Rows are read first, then stored in ONE transaction: the file is imported whole or not
        // at all (a crash or a full disk leaves nothing half-imported; importing it again is safe).
        let mut rows: Vec<CsvRow> = Vec::new();
        let mut pending: Vec<(usize, Vec<u8>, ParsedMail)> = Vec::new();
        for (index, record) in reader.records().enumerate() {
            let line = index + 2;
            if index >= MAX_ROWS {
                return Err(CoreError::invalid(
                    "file",
                    format!("Plus de {MAX_ROWS} lignes : découpez le fichier."),
                ));
            }
            match record {
                Err(e) => rows.push(CsvRow {
                    line,
                    outcome: IngestOutcome::error(format!("Ligne {line} illisible : {e}.")),
                }),
                Ok(cells) if cells.iter().all(|c| c.trim().is_empty()) => {}
                Ok(cells) => {
                    let raw = row_as_mail(file_name, line, &columns, &cells);
                    let mut mail = parse::parse_mail(&raw);
                    // The file's own date is not the lead's: received now, unless a column said otherwise.
                    mail.date = None;
                    if let MailOutcome::Lead(lead) = &mut mail.outcome {
                        lead.parser = "csv";
                        if !columns.iter().any(|c| c.eq_ignore_ascii_case("source")) {
                            lead.source = options.source.clone();
                        }
                    }
                    if options.dry_run {
                        rows.push(CsvRow {
                            line,
                            outcome: dry_outcome(&mail.outcome),
                        });
                    } else {
                        pending.push((line, raw, mail));
                    }
                }
            }
        }
        let items: Vec<(&[u8], &ParsedMail, Channel)> = pending
            .iter()
            .map(|(_, raw, mail)| (raw.as_slice(), mail, Channel::Csv))
            .collect();
        if !items.is_empty() {
            self.backup_before_import();
        }
        let stored = self.ingest_parsed_batch(&items)?;
        rows.extend(
            pending
                .iter()
                .zip(stored)
                .map(|((line, _, _), outcome)| CsvRow {
                    line: *line,
                    outcome,
                }),
        );
        rows.sort_by_key(|r| r.line);
        let mut summary = IngestSummary::default();
        for row in &rows {
            summary.add(&row.outcome);
        }
        Ok(CsvReport {
            summary,
            encoding: encoding.into(),
            delimiter: (delimiter as char).to_string(),
            columns,
            dry_run: options.dry_run,
            rows,
        })
    }
}

/// What a row would become, without the database (dedup and merge are not known in a dry run).
fn dry_outcome(outcome: &MailOutcome) -> IngestOutcome {
    let mut o = IngestOutcome::error(String::new());
    match outcome {
        MailOutcome::Lead(_) => {
            o.result = crate::intake::store::IngestResult::Created;
            o.reason = None;
        }
        MailOutcome::NotALead { reason } | MailOutcome::Unparseable { reason } => {
            o.result = crate::intake::store::IngestResult::Quarantined;
            o.reason = Some(reason.clone());
        }
        MailOutcome::OptOut { .. } => {
            o.result = crate::intake::store::IngestResult::OptOut;
            o.reason = None;
        }
    }
    o
}
