//! Opening a DMS export: a workbook (XLSX, XLS, ODS, read with calamine) or a delimited text file
//! in UTF-8 (with or without BOM) or Windows-1252, with `;`, `,`, tab or `|` between cells. Text
//! files are read as a stream, so a file of any size uses bounded memory; a workbook is read
//! whole (they are capped). The header row is the first of the first lines that names known
//! columns (exports often start with a title line).

use crate::kernel::error::{CoreError, Result};
use std::io::{BufReader, Read, Seek};
use std::path::Path;

/// Workbooks are read into memory: larger ones are refused before reading.
pub const MAX_WORKBOOK_BYTES: u64 = 100 * 1024 * 1024;
/// A row longer than this is not a row of a DMS export.
pub const MAX_ROW_BYTES: usize = 64 * 1024;
/// How many lines may come before the header row.
const HEADER_SEARCH_LINES: usize = 10;

/// One row of the file, its cells trimmed, with its line number (1-based, as a spreadsheet shows it).
#[derive(Debug, Clone, PartialEq)]
pub struct RawRow {
    pub line: usize,
    pub cells: Vec<String>,
    /// Longer than `MAX_ROW_BYTES`: its cells were not kept.
    pub oversize: bool,
    /// How far into the file the row is, out of `Table::total` (for the progress bar).
    pub position: u64,
}

/// What was recognised about the file, shown in the wizard and the report.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, ts_rs::TS)]
pub struct FileFormat {
    /// "CSV" or "Classeur" (XLSX, XLS, ODS).
    pub kind: String,
    /// "UTF-8", "windows-1252" (CSV) or the sheet's name (workbook).
    pub encoding: String,
    /// The cell separator of a CSV ("" for a workbook).
    pub delimiter: String,
    pub headers: Vec<String>,
    /// Line of the header row.
    pub header_line: usize,
}

/// An opened file: its format and its data rows, read on demand.
pub struct Table {
    pub format: FileFormat,
    /// The file's size (CSV) or number of rows (workbook), the scale of `RawRow::position`.
    pub total: u64,
    rows: Box<dyn Iterator<Item = Result<RawRow>>>,
}

impl Table {
    /// Opens `path`; `header_score` tells how many known columns a row names.
    pub fn open(path: &Path, header_score: &dyn Fn(&[String]) -> usize) -> Result<Table> {
        let file_error = |e: std::io::Error| {
            tracing::warn!(error = %e, "import file unreadable");
            CoreError::invalid("file", format!("Fichier illisible : {e}."))
        };
        let mut file = std::fs::File::open(path).map_err(file_error)?;
        let size = file.metadata().map_err(file_error)?.len();
        let mut head = vec![0u8; 64 * 1024];
        let n = read_up_to(&mut file, &mut head).map_err(file_error)?;
        head.truncate(n);
        if size == 0 || head.iter().all(|b| b.is_ascii_whitespace()) {
            return Err(CoreError::invalid("file", "Le fichier est vide."));
        }
        file.rewind().map_err(file_error)?;
        if is_workbook(&head) {
            if size > MAX_WORKBOOK_BYTES {
                return Err(CoreError::invalid(
                    "file",
                    format!(
                        "Classeur trop volumineux ({} Mo, {} Mo au plus) : enregistrez-le en CSV, qui n'a pas de limite.",
                        size / 1_000_000,
                        MAX_WORKBOOK_BYTES / 1_000_000
                    ),
                ));
            }
            return workbook(file, header_score);
        }
        if looks_binary(&head) {
            return Err(CoreError::invalid(
                "file",
                "Ce fichier n'est ni un CSV ni un classeur Excel (contenu binaire). Exportez-le depuis votre DMS en CSV ou XLSX.",
            ));
        }
        delimited(path, size, file, &head, header_score)
    }

    /// The next data row, or None at the end of the file.
    pub fn next_row(&mut self) -> Option<Result<RawRow>> {
        self.rows.next()
    }
}

fn read_up_to(r: &mut impl Read, buf: &mut [u8]) -> std::io::Result<usize> {
    let mut filled = 0;
    while filled < buf.len() {
        match r.read(&mut buf[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

fn is_workbook(head: &[u8]) -> bool {
    // ZIP (XLSX, ODS) or the OLE compound file of an old XLS.
    head.starts_with(b"PK\x03\x04") || head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

/// NUL bytes or many control characters: not text.
fn looks_binary(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    head.contains(&0) || controls * 100 > head.len()
}

/// UTF-8 when the whole file is valid UTF-8 (one streaming pass), otherwise Windows-1252,
/// which Excel and most French DMS write.
fn sniff_encoding(file: &mut std::fs::File) -> std::io::Result<&'static encoding_rs::Encoding> {
    let mut decoder = encoding_rs::UTF_8.new_decoder_without_bom_handling();
    let mut buf = vec![0u8; 256 * 1024];
    let mut scratch = vec![0u8; 1024 * 1024 + 16];
    loop {
        let n = file.read(&mut buf)?;
        let last = n == 0;
        let (result, _, _) =
            decoder.decode_to_utf8_without_replacement(&buf[..n], &mut scratch, last);
        if let encoding_rs::DecoderResult::Malformed(_, _) = result {
            return Ok(encoding_rs::WINDOWS_1252);
        }
        if last {
            return Ok(encoding_rs::UTF_8);
        }
    }
}

/// The separator that splits the first lines into the same, largest number of cells.
fn sniff_delimiter(sample: &str) -> u8 {
    let lines: Vec<&str> = sample
        .lines()
        .filter(|l| !l.trim().is_empty())
        .take(HEADER_SEARCH_LINES)
        .collect();
    let score = |d: u8| {
        let counts: Vec<usize> = lines
            .iter()
            .map(|l| l.bytes().filter(|b| *b == d).count())
            .collect();
        let max = counts.iter().copied().max().unwrap_or(0);
        let steady = counts.iter().filter(|c| **c == max).count();
        (steady * usize::from(max > 0), max)
    };
    [b';', b'\t', b',', b'|']
        .into_iter()
        .max_by_key(|d| score(*d))
        .unwrap_or(b';')
}

fn delimited(
    path: &Path,
    size: u64,
    mut file: std::fs::File,
    head: &[u8],
    header_score: &dyn Fn(&[String]) -> usize,
) -> Result<Table> {
    let io = |e: std::io::Error| CoreError::invalid("file", format!("Fichier illisible : {e}."));
    let encoding = sniff_encoding(&mut file).map_err(io)?;
    file.rewind().map_err(io)?;
    let sample = encoding.decode(head).0;
    let delimiter = sniff_delimiter(&sample);
    let decoded = encoding_rs_io::DecodeReaderBytesBuilder::new()
        .encoding(Some(encoding))
        .bom_sniffing(true)
        .build(BufReader::with_capacity(256 * 1024, file));
    let reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(256 * 1024)
        .from_reader(LineEnds::new(decoded));
    let mut records = reader.into_byte_records();
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let mut next = move || -> Option<Result<RawRow>> {
        let record = match records.next()? {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                tracing::warn!(file = ?name, line, "import: CSV read error");
                return Some(Err(CoreError::invalid(
                    "file",
                    format!("Fichier illisible à la ligne {line} : {e}."),
                )));
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let position = record.position().map_or(0, |p| p.byte());
        if record.as_slice().len() > MAX_ROW_BYTES {
            return Some(Ok(RawRow {
                line,
                cells: Vec::new(),
                oversize: true,
                position,
            }));
        }
        let cells = record
            .iter()
            .map(|c| String::from_utf8_lossy(c).trim().to_string())
            .collect();
        Some(Ok(RawRow {
            line,
            cells,
            oversize: false,
            position,
        }))
    };
    let mut leading = Vec::new();
    while leading.len() < HEADER_SEARCH_LINES {
        match next() {
            Some(row) => leading.push(row?),
            None => break,
        }
    }
    let rows = std::iter::from_fn(next);
    let format = FileFormat {
        kind: "CSV".into(),
        encoding: encoding.name().to_string(),
        delimiter: match delimiter {
            b'\t' => "tabulation".into(),
            d => (d as char).to_string(),
        },
        headers: Vec::new(),
        header_line: 0,
    };
    finish(format, size, leading, Box::new(rows), header_score)
}

/// Line ends as `\n` only, and a space on empty lines: the csv reader then reads every line as a
/// record (empty ones are skipped later) and its line numbers are those a spreadsheet shows.
/// (It counts a `\r\n`'s `\n`, and a skipped empty line, only when the next record starts.)
struct LineEnds<R> {
    inner: R,
    out: Vec<u8>,
    at: usize,
    line_start: bool,
    after_cr: bool,
}

impl<R: Read> LineEnds<R> {
    fn new(inner: R) -> Self {
        LineEnds {
            inner,
            out: Vec::new(),
            at: 0,
            line_start: true,
            after_cr: false,
        }
    }

    fn newline(&mut self) {
        if self.line_start {
            self.out.push(b' ');
        }
        self.out.push(b'\n');
        self.line_start = true;
    }
}

impl<R: Read> Read for LineEnds<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        if self.at == self.out.len() {
            let mut chunk = [0u8; 64 * 1024];
            let n = self.inner.read(&mut chunk)?;
            self.out.clear();
            self.at = 0;
            for &b in &chunk[..n] {
                match b {
                    b'\r' => {
                        self.newline();
                        self.after_cr = true;
                    }
                    b'\n' if self.after_cr => self.after_cr = false,
                    b'\n' => self.newline(),
                    _ => {
                        self.after_cr = false;
                        self.line_start = false;
                        self.out.push(b);
                    }
                }
            }
        }
        let n = buf.len().min(self.out.len() - self.at);
        buf[..n].copy_from_slice(&self.out[self.at..self.at + n]);
        self.at += n;
        Ok(n)
    }
}

/// Picks the header among the leading rows and chains the rest.
fn finish(
    mut format: FileFormat,
    total: u64,
    leading: Vec<RawRow>,
    rest: Box<dyn Iterator<Item = Result<RawRow>>>,
    header_score: &dyn Fn(&[String]) -> usize,
) -> Result<Table> {
    let non_empty: Vec<usize> = (0..leading.len())
        .filter(|i| leading[*i].cells.iter().any(|c| !c.is_empty()))
        .collect();
    let Some(&first) = non_empty.first() else {
        return Err(CoreError::invalid("file", "Le fichier est vide."));
    };
    let best = non_empty
        .iter()
        .copied()
        .max_by_key(|i| (header_score(&leading[*i].cells), usize::MAX - i))
        .unwrap_or(first);
    let header_at = if header_score(&leading[best].cells) >= 2 {
        best
    } else {
        first
    };
    let mut leading = leading.into_iter().skip(header_at);
    let header = leading
        .next()
        .ok_or_else(|| CoreError::invalid("file", "Le fichier est vide."))?;
    format.headers = header.cells;
    format.header_line = header.line;
    let rows = leading.map(Ok).chain(rest);
    Ok(Table {
        format,
        total,
        rows: Box::new(rows),
    })
}

fn workbook(mut file: std::fs::File, header_score: &dyn Fn(&[String]) -> usize) -> Result<Table> {
    use calamine::Reader;
    let refused = |e: calamine::Error| {
        tracing::warn!(error = %e, "import: workbook unreadable");
        CoreError::invalid(
            "file",
            "Classeur illisible (protégé par un mot de passe, endommagé ou d'un format inconnu). Enregistrez-le à nouveau en XLSX ou en CSV.",
        )
    };
    let mut bytes = Vec::new();
    file.read_to_end(&mut bytes)
        .map_err(|e| CoreError::invalid("file", format!("Fichier illisible : {e}.")))?;
    let mut book =
        calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).map_err(refused)?;
    let names = book.sheet_names();
    // The sheet whose first lines name the most known columns.
    let mut best: Option<(usize, String, calamine::Range<calamine::Data>)> = None;
    for name in names {
        let Ok(range) = book.worksheet_range(&name) else {
            continue;
        };
        let score = range
            .rows()
            .take(HEADER_SEARCH_LINES)
            .map(|r| header_score(&r.iter().map(cell_text).collect::<Vec<_>>()))
            .max()
            .unwrap_or(0);
        if !range.is_empty() && best.as_ref().is_none_or(|(s, _, _)| score > *s) {
            best = Some((score, name, range));
        }
    }
    let Some((_, sheet, range)) = best else {
        return Err(CoreError::invalid(
            "file",
            "Le classeur ne contient aucune donnée.",
        ));
    };
    let total = range.height() as u64;
    let first_line = range.start().map_or(0, |(row, _)| row as usize) + 1;
    let mut all = range.rows().enumerate().map(move |(i, r)| RawRow {
        line: first_line + i,
        cells: r.iter().map(cell_text).collect(),
        oversize: false,
        position: i as u64,
    });
    let leading: Vec<RawRow> = all.by_ref().take(HEADER_SEARCH_LINES).collect();
    let rest: Vec<RawRow> = all.collect();
    let format = FileFormat {
        kind: "Classeur".into(),
        encoding: sheet,
        delimiter: String::new(),
        headers: Vec::new(),
        header_line: 0,
    };
    finish(
        format,
        total,
        leading,
        Box::new(rest.into_iter().map(Ok)),
        header_score,
    )
}

/// A workbook cell as the text a CSV would hold: whole numbers without decimals, dates ISO.
fn cell_text(cell: &calamine::Data) -> String {
    use calamine::{Data, DataType};
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => if *b { "oui" } else { "non" }.to_string(),
        Data::DateTime(_) | Data::DateTimeIso(_) => cell
            .as_date()
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_else(|| cell.to_string()),
        Data::DurationIso(s) => s.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(cells: &[String]) -> usize {
        cells
            .iter()
            .filter(|c| c.contains("Nom") || c.contains("Code"))
            .count()
    }

    fn open(bytes: &[u8]) -> Result<(FileFormat, Vec<RawRow>)> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("f.csv");
        std::fs::write(&path, bytes).unwrap();
        let mut t = Table::open(&path, &score)?;
        let mut rows = Vec::new();
        while let Some(r) = t.next_row() {
            rows.push(r?);
        }
        Ok((t.format, rows))
    }

    #[test]
    fn encodings_delimiters_and_a_title_line() {
        let (f, rows) = open(b"Code;Nom\r\nC1;Lema\xeetre\r\n").unwrap();
        assert_eq!(f.encoding, "windows-1252");
        assert_eq!(rows[0].cells, ["C1", "Lemaître"]);
        let (f, rows) = open("\u{feff}Code,Nom\nC1,Lemaître\n".as_bytes()).unwrap();
        assert_eq!((f.encoding.as_str(), f.delimiter.as_str()), ("UTF-8", ","));
        assert_eq!(f.headers, ["Code", "Nom"]);
        assert_eq!(rows[0].cells, ["C1", "Lemaître"]);
        let (f, rows) =
            open(b"Export du 01/12/2026\n\nCode\tNom\nC1\t\"Dupont\nJean\"\nC2\tX\n").unwrap();
        assert_eq!((f.header_line, f.delimiter.as_str()), (3, "tabulation"));
        assert_eq!(rows[0].cells, ["C1", "Dupont\nJean"]);
        assert_eq!((rows[0].line, rows[1].line), (4, 6));
    }

    #[test]
    fn empty_binary_and_header_only_files() {
        let message = |r: Result<(FileFormat, Vec<RawRow>)>| r.unwrap_err().to_string();
        assert!(message(open(b"")).contains("vide"));
        assert!(message(open(b"  \r\n ")).contains("vide"));
        assert!(message(open(b"\x00\x01\x02binary\x00")).contains("binaire"));
        assert!(message(open(b"PK\x03\x04garbage")).contains("Classeur illisible"));
        let (f, rows) = open(b"Code;Nom\r\n").unwrap();
        assert_eq!(f.headers.len(), 2);
        assert!(rows.is_empty());
    }
}
