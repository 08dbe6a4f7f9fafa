//! Tabular exports read into rows of text: CSV files (comma, semicolon or tab separated) and
//! spreadsheets (.xlsx, .xlsm, .xlsb, .xls, .ods).
//!
//! This is the only module that knows the `csv`, `calamine` and `encoding_rs` crates. Every
//! cell becomes trimmed text. Spreadsheet dates become `YYYY-MM-DD` or `YYYY-MM-DD HH:MM:SS`
//! without an offset, because spreadsheets do not store one; the importer decides the zone.
//! Rows are numbered the way a spreadsheet program shows them, from 1 at the top of the
//! sheet or file, so that a report saying "row 17" leads the user to the right line.
//!
//! CSV text is UTF-8, with or without a byte-order mark, or UTF-16 with one. Excel on
//! Windows saves "CSV" in Windows-1251; such a file is refused with a hint unless the caller
//! asks for that encoding, because guessing between the Cyrillic 8-bit encodings is
//! unreliable and a wrong guess would silently fill the register with mojibake.

use crate::messages::{self, Lang, Message};
use calamine::{Data, Reader};
use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// Largest export read, in bytes. A year of a district's appeals is a few megabytes; the
/// limit keeps a wrong file (a video, a disk image) from being loaded into memory.
pub const MAX_TABLE: u64 = 512 * 1024 * 1024;

/// The character encoding of a CSV file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextEncoding {
    /// UTF-8 (a byte-order mark is allowed); UTF-16 is recognised by its byte-order mark.
    #[default]
    Utf8,
    /// Windows-1251, the Cyrillic code page Excel uses for "CSV" on Russian Windows.
    Windows1251,
}

impl TextEncoding {
    /// Reads `utf-8` or `windows-1251` (also `cp1251`), ignoring case.
    pub fn parse(text: &str) -> Option<TextEncoding> {
        match text.trim().to_ascii_lowercase().as_str() {
            "utf-8" | "utf8" => Some(TextEncoding::Utf8),
            "windows-1251" | "cp1251" | "win1251" => Some(TextEncoding::Windows1251),
            _ => None,
        }
    }
}

/// What separates the cells of a CSV line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Delimiter {
    /// Whichever of `;`, `,` and tab occurs most in the header line.
    #[default]
    Auto,
    /// This byte.
    Byte(u8),
}

/// How to read a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableOptions {
    /// CSV only: the cell separator.
    pub delimiter: Delimiter,
    /// CSV only: the character encoding.
    pub encoding: TextEncoding,
    /// The row that holds the column names, from 1; rows above it (a title) are skipped.
    pub header_row: usize,
    /// Spreadsheets only: the sheet to read; the first one when `None`.
    pub sheet: Option<String>,
    /// Read at most this many data rows.
    pub limit: Option<usize>,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            delimiter: Delimiter::Auto,
            encoding: TextEncoding::Utf8,
            header_row: 1,
            sheet: None,
            limit: None,
        }
    }
}

/// One data row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The row number a spreadsheet program shows (the header row is `header_row`).
    pub number: usize,
    /// Trimmed cell texts, in column order; may be shorter than the header.
    pub cells: Vec<String>,
}

impl Row {
    /// The text in column `index`, empty when the row is shorter.
    pub fn cell(&self, index: usize) -> &str {
        self.cells.get(index).map_or("", String::as_str)
    }
}

/// A whole table: its column names and its data rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    /// Column names, trimmed, in order.
    pub headers: Vec<String>,
    /// Data rows, in order; rows whose every cell is empty are left out.
    pub rows: Vec<Row>,
}

impl Table {
    /// The index of the first column called `name`, comparing without regard to case,
    /// surrounding spaces or runs of inner spaces.
    pub fn column(&self, name: &str) -> Option<usize> {
        let wanted = normalise_name(name);
        self.headers.iter().position(|h| normalise_name(h) == wanted)
    }
}

/// Lower-cases and collapses whitespace, so that `Дата  поступления ` finds
/// `Дата поступления`.
pub fn normalise_name(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// Why a table could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    /// The file could not be opened or read.
    Io {
        /// The file.
        path: PathBuf,
        /// The system's explanation.
        detail: String,
    },
    /// The file is larger than [`MAX_TABLE`].
    TooLarge {
        /// The file.
        path: PathBuf,
    },
    /// A CSV file is not in the expected encoding.
    Encoding {
        /// The file.
        path: PathBuf,
        /// The line (from 1) of the first byte that is not UTF-8.
        line: usize,
    },
    /// A CSV file is malformed.
    Csv {
        /// The file.
        path: PathBuf,
        /// The row where reading stopped.
        row: usize,
        /// The parser's explanation.
        detail: String,
    },
    /// The file ends inside a quoted cell: the export was cut off, and its last row with it.
    CutOff {
        /// The file.
        path: PathBuf,
        /// The row that is cut.
        row: usize,
    },
    /// A spreadsheet could not be opened.
    Workbook {
        /// The file.
        path: PathBuf,
        /// The reader's explanation.
        detail: String,
    },
    /// The requested sheet does not exist.
    NoSheet {
        /// The file.
        path: PathBuf,
        /// The sheet asked for.
        sheet: String,
        /// The sheets the file has.
        available: Vec<String>,
    },
    /// The header row is missing or empty.
    NoHeader {
        /// The file.
        path: PathBuf,
        /// The row that should hold the column names.
        row: usize,
    },
}

impl TableError {
    /// What went wrong, in every language, starting with the file.
    pub fn message(&self) -> Message {
        match self {
            TableError::Io { path, detail } => messages::table_io(&show(path), detail),
            TableError::TooLarge { path } => {
                messages::table_too_large(&show(path), MAX_TABLE / (1024 * 1024))
            }
            TableError::Encoding { path, line } => messages::table_not_utf8(&show(path), *line),
            TableError::Csv { path, row, detail } => messages::table_csv(&show(path), *row, detail),
            TableError::CutOff { path, row } => messages::table_cut_off(&show(path), *row),
            TableError::Workbook { path, detail } => messages::table_workbook(&show(path), detail),
            TableError::NoSheet { path, sheet, available } => {
                messages::table_no_sheet(&show(path), sheet, available)
            }
            TableError::NoHeader { path, row } => messages::table_no_header(&show(path), *row),
        }
    }
}

impl fmt::Display for TableError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message().get(Lang::En))
    }
}

fn show(path: &Path) -> String {
    path.display().to_string()
}

/// Reads the table in `path`: a spreadsheet when the file is one (by its content, whatever
/// its name), else CSV.
///
/// Fails when the file cannot be read, is too large, is not in the expected encoding, is
/// a damaged spreadsheet, lacks the requested sheet, or has no header row.
pub fn read(path: &Path, options: &TableOptions) -> Result<Table, TableError> {
    let io = |e: std::io::Error| TableError::Io { path: path.to_path_buf(), detail: e.to_string() };
    if std::fs::metadata(path).map_err(io)?.len() > MAX_TABLE {
        return Err(TableError::TooLarge { path: path.to_path_buf() });
    }
    let bytes = std::fs::read(path).map_err(io)?;
    if is_spreadsheet(&bytes) {
        read_spreadsheet(path, bytes, options)
    } else {
        read_csv(path, &bytes, options)
    }
}

/// Zip containers (xlsx, xlsb, ods) and OLE compound files (xls) start with these bytes;
/// no text file does.
fn is_spreadsheet(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0])
}

fn read_csv(path: &Path, bytes: &[u8], options: &TableOptions) -> Result<Table, TableError> {
    let text = decode(bytes, options.encoding)
        .map_err(|line| TableError::Encoding { path: path.to_path_buf(), line })?;
    let delimiter = match options.delimiter {
        Delimiter::Byte(b) => b,
        Delimiter::Auto => sniff_delimiter(header_line(&text, options.header_row)),
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    // Rows are numbered as a spreadsheet numbers records: a cell with line breaks inside
    // quotes is still one row. Blank lines, which the csv crate skips, are not counted; the
    // crate's own line positions lag behind them and cannot tell them apart from quoted
    // line breaks, so a file with blank lines between records reports rows a little early.
    let mut last_start = 0;
    let mut record = csv::StringRecord::new();
    let mut number = 0;
    loop {
        let start = reader.position().byte() as usize;
        let more = reader.read_record(&mut record).map_err(|e| TableError::Csv {
            path: path.to_path_buf(),
            row: number + 1,
            detail: e.to_string(),
        })?;
        if !more {
            // The csv crate ends a quoted cell silently at the end of the file; a
            // truncated export would lose the rest of its last row without a word.
            if ends_inside_quotes(&text[last_start.min(text.len())..], delimiter) {
                return Err(TableError::CutOff { path: path.to_path_buf(), row: number });
            }
            break;
        }
        number += 1;
        last_start = start;
        rows.push(Row { number, cells: record.iter().map(|c| c.trim().to_string()).collect() });
        if options.limit.is_some_and(|limit| number >= options.header_row + limit) {
            break;
        }
    }
    assemble(path, rows, options)
}

/// Whether one raw CSV record is left open inside a quoted cell. A quote opens a cell
/// only at the cell's start (elsewhere it is an ordinary character, as the csv crate
/// reads it), and two quotes inside a quoted cell stand for one.
fn ends_inside_quotes(record: &str, delimiter: u8) -> bool {
    let mut quoted = false;
    let mut at_cell_start = true;
    let mut bytes = record.bytes().peekable();
    while let Some(b) = bytes.next() {
        if quoted {
            if b == b'"' {
                if bytes.peek() == Some(&b'"') {
                    bytes.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        match b {
            b'"' if at_cell_start => quoted = true,
            b'\n' | b'\r' => at_cell_start = true,
            _ if b == delimiter => at_cell_start = true,
            _ => at_cell_start = false,
        }
    }
    quoted
}

/// Decodes CSV bytes; on failure returns the line of the first undecodable byte.
fn decode(bytes: &[u8], encoding: TextEncoding) -> Result<Cow<'_, str>, usize> {
    if let Some((bom_encoding, bom_length)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_length..];
        if bom_encoding == encoding_rs::UTF_8 {
            return std::str::from_utf8(body)
                .map(Cow::Borrowed)
                .map_err(|e| line_at(body, e.valid_up_to()));
        }
        let (text, had_errors) = bom_encoding.decode_without_bom_handling(body);
        return if had_errors { Err(1) } else { Ok(text) };
    }
    match encoding {
        TextEncoding::Utf8 => std::str::from_utf8(bytes)
            .map(Cow::Borrowed)
            .map_err(|e| line_at(bytes, e.valid_up_to())),
        TextEncoding::Windows1251 => {
            Ok(encoding_rs::WINDOWS_1251.decode_without_bom_handling(bytes).0)
        }
    }
}

fn line_at(bytes: &[u8], offset: usize) -> usize {
    bytes[..offset].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The physical line that holds the header; good enough for counting separators, since
/// column names rarely contain line breaks.
fn header_line(text: &str, header_row: usize) -> &str {
    text.lines().nth(header_row.saturating_sub(1)).unwrap_or("")
}

/// Picks the separator that occurs most often outside quotes.
fn sniff_delimiter(line: &str) -> u8 {
    let mut counts = [(b',', 0usize), (b';', 0), (b'\t', 0)];
    let mut quoted = false;
    for b in line.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted && let Some(c) = counts.iter_mut().find(|(d, _)| *d == b) {
            c.1 += 1;
        }
    }
    // On a tie the earlier entry wins, so a header without separators reads as one column.
    let mut best = counts[0];
    for c in &counts[1..] {
        if c.1 > best.1 {
            best = *c;
        }
    }
    best.0
}

fn read_spreadsheet(
    path: &Path,
    bytes: Vec<u8>,
    options: &TableOptions,
) -> Result<Table, TableError> {
    let broken = |detail: String| TableError::Workbook { path: path.to_path_buf(), detail };
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| broken(e.to_string()))?;
    let names = book.sheet_names();
    let name = match &options.sheet {
        Some(wanted) => names.iter().find(|n| normalise_name(n) == normalise_name(wanted)),
        None => names.first(),
    };
    let Some(name) = name.cloned() else {
        return Err(TableError::NoSheet {
            path: path.to_path_buf(),
            sheet: options.sheet.clone().unwrap_or_default(),
            available: names,
        });
    };
    let range = book.worksheet_range(&name).map_err(|e| broken(e.to_string()))?;
    let (first_row, first_column) = range.start().unwrap_or((0, 0));
    let padding = usize::try_from(first_column).unwrap_or(0);
    let mut rows = Vec::new();
    for (index, cells) in range.rows().enumerate() {
        let number = usize::try_from(first_row).unwrap_or(0) + index + 1;
        let mut texts = vec![String::new(); padding];
        texts.extend(cells.iter().map(cell_text));
        rows.push(Row { number, cells: texts });
        if options.limit.is_some_and(|limit| number >= options.header_row + limit) {
            break;
        }
    }
    assemble(path, rows, options)
}

/// The text of a spreadsheet cell. Whole numbers lose the `.0` that a float would print,
/// so that an id stored as a number reads `327441806`.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.trim().to_string(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{f:.0}"),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            let (y, mo, da, h, mi, s, _) = d.to_ymd_hms_milli();
            if (h, mi, s) == (0, 0, 0) {
                format!("{y:04}-{mo:02}-{da:02}")
            } else {
                format!("{y:04}-{mo:02}-{da:02} {h:02}:{mi:02}:{s:02}")
            }
        }
        Data::DateTime(d) => d.as_f64().to_string(),
    }
}

/// Splits raw rows into the header and the data, dropping blank rows.
fn assemble(path: &Path, rows: Vec<Row>, options: &TableOptions) -> Result<Table, TableError> {
    let header_row = options.header_row.max(1);
    let no_header = || TableError::NoHeader { path: path.to_path_buf(), row: header_row };
    let mut rows = rows.into_iter().skip_while(|r| r.number < header_row);
    let header = rows.next().filter(|r| r.number == header_row).ok_or_else(no_header)?;
    if header.cells.iter().all(String::is_empty) {
        return Err(no_header());
    }
    let mut headers = header.cells;
    if let Some(first) = headers.first_mut() {
        *first = first.trim_start_matches('\u{feff}').trim().to_string();
    }
    let rows = rows.filter(|r| r.cells.iter().any(|c| !c.is_empty())).collect();
    Ok(Table { headers, rows })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn table_from(bytes: &[u8], options: &TableOptions) -> Result<Table, TableError> {
        let mut file = tempfile::NamedTempFile::new().unwrap();
        file.write_all(bytes).unwrap();
        read(file.path(), options)
    }

    #[test]
    fn semicolons_and_a_byte_order_mark_are_handled() {
        let csv =
            "\u{feff}Номер;Дата поступления;Текст\n1;06.01.2026;\"a;\nb\"\n\n2;07.01.2026;c\n";
        let t = table_from(csv.as_bytes(), &TableOptions::default()).unwrap();
        assert_eq!(t.headers, ["Номер", "Дата поступления", "Текст"]);
        assert_eq!(t.rows.len(), 2);
        assert_eq!(t.rows[0].cells, ["1", "06.01.2026", "a;\nb"]);
        assert_eq!((t.rows[0].number, t.rows[1].number), (2, 3));
        assert_eq!(t.column(" дата  ПОСТУПЛЕНИЯ"), Some(1));
    }

    #[test]
    fn commas_win_when_the_header_has_more_of_them() {
        assert_eq!(sniff_delimiter("id,Текст Сообщения,Тематика"), b',');
        assert_eq!(sniff_delimiter("a;b;c,d"), b';');
        assert_eq!(sniff_delimiter("a\tb\tc"), b'\t');
        assert_eq!(sniff_delimiter("\"a;b\",c"), b',');
        assert_eq!(sniff_delimiter("single"), b',');
    }

    #[test]
    fn windows_1251_is_refused_with_its_line_unless_asked_for() {
        let (bytes, _, _) = encoding_rs::WINDOWS_1251.encode("id;Текст\n1;Яма\n");
        let e = table_from(&bytes, &TableOptions::default()).unwrap_err();
        assert!(matches!(e, TableError::Encoding { line: 1, .. }), "{e:?}");
        assert!(e.message().get(Lang::Ru).contains("windows-1251"));
        let options = TableOptions { encoding: TextEncoding::Windows1251, ..Default::default() };
        let t = table_from(&bytes, &options).unwrap();
        assert_eq!(t.headers, ["id", "Текст"]);
        assert_eq!(t.rows[0].cells, ["1", "Яма"]);
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "a\tb\n1\tЯ\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let t = table_from(&bytes, &TableOptions::default()).unwrap();
        assert_eq!(t.rows[0].cells, ["1", "Я"]);
    }

    #[test]
    fn a_title_above_the_header_is_skipped_and_the_limit_counts_data_rows() {
        let csv = "Выгрузка ПОС\nid,x\n1,a\n2,b\n3,c\n";
        let options = TableOptions { header_row: 2, limit: Some(2), ..Default::default() };
        let t = table_from(csv.as_bytes(), &options).unwrap();
        assert_eq!(t.headers, ["id", "x"]);
        let numbers: Vec<_> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [3, 4]);
    }

    #[test]
    fn line_breaks_inside_quoted_cells_do_not_shift_row_numbers() {
        let csv = "id,text\r\n1,\"first\nsecond\nthird\"\r\n2,b\r\n3,\"x\ny\"\r\n4,d\r\n";
        let options = TableOptions { limit: Some(3), ..Default::default() };
        let t = table_from(csv.as_bytes(), &options).unwrap();
        let numbers: Vec<_> = t.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 3, 4]);
    }

    #[test]
    fn a_file_cut_inside_a_quoted_cell_is_refused_with_its_row() {
        let cut = table_from(b"id,text\n1,\"whole\"\n2,\"cut in the mid", &TableOptions::default());
        assert!(matches!(cut, Err(TableError::CutOff { row: 3, .. })), "{cut:?}");
        let whole = b"id,text\n1,\"say \"\"hi\"\"\"\n2,5\" pipe,\"a,b\"";
        let table = table_from(whole, &TableOptions::default()).unwrap();
        assert_eq!(table.rows.len(), 2);
        assert_eq!(table.rows[0].cells[1], "say \"hi\"");
    }

    #[test]
    fn an_empty_file_has_no_header() {
        let e = table_from(b"", &TableOptions::default()).unwrap_err();
        assert!(matches!(e, TableError::NoHeader { row: 1, .. }));
    }

    #[test]
    fn a_damaged_spreadsheet_is_reported() {
        let e = table_from(b"PK\x03\x04garbage", &TableOptions::default()).unwrap_err();
        assert!(matches!(e, TableError::Workbook { .. }), "{e:?}");
    }
}
