//! Spreadsheet exports (`.xlsx`, `.xlsm`, `.xls`, `.ods`) read into the same [`Table`] a CSV
//! export is read into, and the files that are no export at all (another ZIP, an SPSS data
//! file, a syntax file) recognised by their first bytes, with the export to choose instead.
//!
//! A row's place in the [`Table`] is its 0-based row in the sheet, so that a cell is named as
//! a spreadsheet names it: `Sheet1!D17`.

use std::io::Read;
use std::path::Path;

use calamine::{Data, Reader};

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::table::{normalise_header, Table};
use crate::model::assessment::Date;

/// The largest workbook read (it is unpacked in memory; a survey's export is far smaller).
pub(crate) const MAX_WORKBOOK_BYTES: u64 = 64 * 1024 * 1024;

/// What an export file is, by its first bytes (and, for text, its name and words).
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A text table: read as CSV.
    Text,
    /// A workbook calamine reads.
    Workbook,
}

const ZIP: &[u8] = b"PK\x03\x04";
const EMPTY_ZIP: &[u8] = b"PK\x05\x06";
/// The compound file of Office 97–2003 (`.xls`, but also `.doc`).
const OLE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// Whether `path` is a text table or a workbook; any other kind of file is a problem that
/// says which export to choose instead.
pub(crate) fn kind(path: &Path) -> Result<Kind, Diagnostic> {
    crate::input::files::regular_file(path)?;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .map_err(|e| Diagnostic::file(path, format!("cannot read the file: {e}")))?;
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let refuse = |what: &str| {
        Diagnostic::file(
            path,
            format!("this is {what}, not a survey export (export the survey as CSV or Excel (.xlsx) instead)"),
        )
    };
    if head.starts_with(ZIP) || head.starts_with(EMPTY_ZIP) {
        let bytes = crate::input::files::read_bytes(path, MAX_WORKBOOK_BYTES)?;
        let holds = |name: &[u8]| bytes.windows(name.len()).any(|w| w == name);
        if holds(b"xl/workbook") || holds(b"application/vnd.oasis.opendocument.spreadsheet") {
            return Ok(Kind::Workbook);
        }
        return Err(if holds(b"word/document.xml") {
            refuse("a Word document")
        } else if holds(b"ppt/presentation.xml") {
            refuse("a PowerPoint presentation")
        } else if holds(b"application/vnd.oasis.opendocument") {
            refuse("an OpenDocument file that is no spreadsheet")
        } else {
            refuse("a ZIP archive")
        });
    }
    if head.starts_with(OLE) {
        // the names of the streams in the compound file, in UTF-16
        let bytes = crate::input::files::read_bytes(path, MAX_WORKBOOK_BYTES)?;
        let holds = |name: &str| {
            let name: Vec<u8> = name.encode_utf16().flat_map(u16::to_le_bytes).collect();
            bytes.windows(name.len()).any(|w| w == name)
        };
        return if holds("WordDocument") {
            Err(refuse("a Word document"))
        } else if holds("PowerPoint Document") {
            Err(refuse("a PowerPoint presentation"))
        } else {
            Ok(Kind::Workbook)
        };
    }
    if head.starts_with(b"$FL2") || head.starts_with(b"$FL3") {
        return Err(refuse("an SPSS data file (.sav)"));
    }
    if head.starts_with(b"%PDF") {
        return Err(refuse("a PDF document"));
    }
    let text = String::from_utf8_lossy(&head).to_lowercase();
    let spss_syntax = ["data list", "get data", "variable labels", "value labels"];
    let r_syntax = ["<-", "read.csv", "read.table", "data.frame", "factor("];
    if extension == "sps" && spss_syntax.iter().any(|w| text.contains(w)) {
        return Err(refuse("SPSS syntax (.sps)"));
    }
    if extension == "r" && r_syntax.iter().any(|w| text.contains(w)) {
        return Err(refuse("an R script (.R)"));
    }
    Ok(Kind::Text)
}

/// A sheet read as a table: the header is its first row, each row's place its 0-based row in
/// the sheet.
pub(crate) struct Sheet {
    pub table: Table,
    pub place: SheetPlace,
}

/// What names a cell of a sheet: `export.xlsx: Sheet1!D17`.
pub(crate) struct SheetPlace {
    pub name: String,
    /// The sheet's column of the table's first column (0 for `A`).
    pub first_column: usize,
}

impl SheetPlace {
    /// The cell of the table's column `column` in the sheet's (0-based) row `row`, as
    /// `Sheet1!D17` (`'Mein Blatt'!D17` when the name has spaces).
    pub(crate) fn cell(&self, row: usize, column: usize) -> String {
        format!(
            "{}!{}{}",
            self.sheet(),
            column_letters(self.first_column + column),
            row + 1
        )
    }

    /// The sheet's header row, as `Sheet1!1:1`.
    pub(crate) fn header_row(&self) -> String {
        format!("{}!1:1", self.sheet())
    }

    fn sheet(&self) -> String {
        if self.name.chars().all(|c| c.is_alphanumeric() || c == '_') {
            self.name.clone()
        } else {
            format!("'{}'", self.name.replace('\'', "''"))
        }
    }

    /// A problem in a cell, named by file, sheet and cell.
    pub(crate) fn error(
        &self,
        path: &Path,
        row: usize,
        column: usize,
        message: impl std::fmt::Display,
    ) -> Diagnostic {
        Diagnostic::file(path, format!("{}: {message}", self.cell(row, column)))
    }
}

/// `A` for 0, `Z` for 25, `AA` for 26.
fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// A workbook that cannot be read: damaged, cut short, or not what its first bytes say.
fn damaged(path: &Path, error: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::file(
        path,
        format!("the workbook is damaged or incomplete: {error} (download the export again, or open it in Excel and save it again, or export the survey as CSV)"),
    )
}

/// The most a workbook's parts may hold unpacked, all together: a survey's export holds a
/// few megabytes; a ZIP bomb (a small file that unpacks to gigabytes) is stopped here.
const MAX_UNPACKED_BYTES: u64 = 1024 * 1024 * 1024;

/// Unpacks every part of a ZIP workbook (`.xlsx`, `.ods`) into nothing, counting the bytes,
/// before calamine reads it: what a part really unpacks to counts, not the size its header
/// claims. A workbook unpacking to more than [`MAX_UNPACKED_BYTES`] is a problem.
fn unpacked_size(bytes: &[u8], path: &Path) -> Result<u64, Diagnostic> {
    let broken = |e: &dyn std::fmt::Display| damaged(path, e);
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).map_err(|e| broken(&e))?;
    let mut total = 0u64;
    for index in 0..archive.len() {
        let part = archive.by_index(index).map_err(|e| broken(&e))?;
        let left = MAX_UNPACKED_BYTES - total;
        let read = std::io::copy(&mut part.take(left + 1), &mut std::io::sink())
            .map_err(|e| broken(&e))?;
        total += read;
        if total > MAX_UNPACKED_BYTES {
            return Err(Diagnostic::file(
                path,
                format!(
                    "the workbook unpacks to more than {} MB, far more than a survey's export (is it a ZIP bomb? export the survey again, as CSV or .xlsx)",
                    MAX_UNPACKED_BYTES / 1024 / 1024
                ),
            ));
        }
    }
    Ok(total)
}

/// Reads the sheet `sheet` (or the first) of the workbook at `path` as a table; blank rows
/// are skipped, and the header must be the sheet's first row.
pub(crate) fn read(path: &Path, sheet: Option<&str>) -> Result<Sheet, Problems> {
    let bytes = crate::input::files::read_bytes(path, MAX_WORKBOOK_BYTES)?;
    let broken = |e: &dyn std::fmt::Display| damaged(path, e);
    if bytes.starts_with(ZIP) {
        unpacked_size(&bytes, path)?;
    }
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| broken(&e))?;
    let names = workbook.sheet_names();
    let name = match sheet {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.trim().eq_ignore_ascii_case(wanted.trim())))
            .cloned()
            .ok_or_else(|| {
                Diagnostic::file(
                    path,
                    format!(
                        "the workbook has no sheet `{wanted}` (write one of its sheets in the mapping's `sheet`: {})",
                        names.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
                    ),
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Diagnostic::file(path, "the workbook has no sheet"))?,
    };
    let cells = match &mut workbook {
        // streamed cell by cell: a sheet with a cell in A1 and one in XFD1048576 is not
        // made a range of 17 billion cells
        calamine::Sheets::Xlsx(xlsx) => {
            let mut reader = xlsx.worksheet_cells_reader(&name).map_err(|e| broken(&e))?;
            let mut cells = Vec::new();
            while let Some(cell) = reader.next_cell().map_err(|e| broken(&e))? {
                let (row, column) = cell.get_position();
                push(
                    &mut cells,
                    row,
                    column,
                    &Data::from(cell.get_value().clone()),
                )
                .map_err(|too_many| Diagnostic::file(path, too_many))?;
            }
            cells
        }
        other => {
            let range = other.worksheet_range(&name).map_err(|e| broken(&e))?;
            let (row0, column0) = range.start().unwrap_or((0, 0));
            let mut cells = Vec::new();
            for (row, column, value) in range.used_cells() {
                push(
                    &mut cells,
                    row0 + row as u32,
                    column0 + column as u32,
                    value,
                )
                .map_err(|too_many| Diagnostic::file(path, too_many))?;
            }
            cells
        }
    };
    table(path, &name, cells)
}

/// The most cells with a value a sheet may have: a survey's export has far fewer, and each
/// is held in memory.
const MAX_CELLS: usize = 20_000_000;

/// Keeps a cell that is not blank, as text; too many cells is a problem.
fn push(
    cells: &mut Vec<(u32, u32, String)>,
    row: u32,
    column: u32,
    value: &Data,
) -> Result<(), String> {
    let text = text(value);
    if !text.trim().is_empty() {
        if cells.len() >= MAX_CELLS {
            return Err(format!(
                "the sheet has more than {MAX_CELLS} cells with a value, more than centricity reads"
            ));
        }
        cells.push((row, column, text));
    }
    Ok(())
}

/// The table of a sheet's cells (row, column, text): the header is row 1, blank rows are
/// skipped.
fn table(path: &Path, name: &str, mut cells: Vec<(u32, u32, String)>) -> Result<Sheet, Problems> {
    let empty = || Diagnostic::file(path, format!("the sheet `{name}` is empty"));
    let (Some(first_row), Some(first_column)) = (
        cells.iter().map(|c| c.0).min(),
        cells.iter().map(|c| c.1).min(),
    ) else {
        return Err(empty().into());
    };
    let place = SheetPlace {
        name: name.to_string(),
        first_column: first_column as usize,
    };
    if first_row > 0 {
        return Err(Diagnostic::file(
            path,
            format!(
                "{}: the first row of the sheet is empty, so the export has no header row (export it again with the column titles in row 1)",
                place.cell(0, 0)
            ),
        )
        .into());
    }
    cells.sort_by_key(|c| (c.0, c.1));
    let width = cells
        .iter()
        .take_while(|c| c.0 == 0)
        .map(|c| (c.1 - first_column) as usize + 1)
        .max()
        .unwrap_or(0);
    // the rows that are kept, each as wide as the header
    let rows = cells.windows(2).filter(|w| w[0].0 != w[1].0).count();
    if rows.saturating_mul(width) > MAX_CELLS {
        return Err(Diagnostic::file(
            path,
            format!(
                "the sheet has {rows} rows of {width} columns, more than the {MAX_CELLS} cells centricity reads"
            ),
        )
        .into());
    }
    let mut header = vec![String::new(); width];
    let mut problems = Problems::default();
    let mut table_rows: Vec<(usize, Vec<String>)> = Vec::new();
    for (row, column, text) in cells {
        let (row, column) = (row as usize, (column - first_column) as usize);
        if row == 0 {
            header[column] = normalise_header(&text);
            continue;
        }
        if column >= width {
            problems.push(place.error(
                path,
                row,
                column,
                "this cell has no column title in the header row (give the column a title in row 1, or delete the cell)",
            ));
            continue;
        }
        if table_rows.last().is_none_or(|(r, _)| *r != row) {
            table_rows.push((row, vec![String::new(); width]));
        }
        if let Some((_, cells)) = table_rows.last_mut() {
            cells[column] = text;
        }
    }
    if table_rows.is_empty() && problems.is_empty() {
        problems.push(Diagnostic::file(
            path,
            format!("the sheet `{name}` has a header but no rows"),
        ));
    }
    problems.into_result(Sheet {
        table: Table {
            header,
            rows: table_rows,
            delimiter: b',',
        },
        place,
    })
}

/// A cell as the importer reads CSV: a whole number without `.0`, a date as `yyyy-mm-dd`.
fn text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) => number(*f),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) if d.is_datetime() => {
            excel_date(d).map_or_else(|| number(d.as_f64()), |d| d.to_string())
        }
        Data::DateTime(d) => number(d.as_f64()),
        // ISO 8601 from OpenDocument: the date before the time
        Data::DateTimeIso(s) => match Date::parse(s.get(..10).unwrap_or(s)) {
            Some(date) => date.to_string(),
            None => s.clone(),
        },
        Data::DurationIso(s) => s.clone(),
        Data::Error(e) => e.to_string(),
    }
}

/// `3.0` as `3`, other numbers as Rust writes them.
fn number(f: f64) -> String {
    if f.fract() == 0.0 && f.abs() < 1e15 {
        format!("{}", f as i64)
    } else {
        f.to_string()
    }
}

/// The day of an Excel serial date in a cell without a date format (`46306` or `46306.5`),
/// as `yyyy-mm-dd`; none for text, or a number before 1900 or after Excel's years.
pub(crate) fn serial_date(cell: &str) -> Option<String> {
    let serial: f64 = cell.trim().parse().ok()?;
    if serial < 1.0 {
        return None;
    }
    let date = calamine::ExcelDateTime::new(serial, calamine::ExcelDateTimeType::DateTime, false);
    excel_date(&date).map(|d| d.to_string())
}

/// The day of a date cell (an Excel serial date, 1900 or 1904 system); none outside the
/// years Excel knows.
fn excel_date(date: &calamine::ExcelDateTime) -> Option<Date> {
    if !(0.0..2_900_000.0).contains(&date.as_f64()) {
        return None;
    }
    let (year, month, day, ..) = date.to_ymd_hms_milli();
    Date::new(year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_named_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27 * 26), "AAA");
        let place = SheetPlace {
            name: "Mein Blatt".into(),
            first_column: 1,
        };
        assert_eq!(place.cell(16, 2), "'Mein Blatt'!D17");
    }

    #[test]
    fn serial_dates_are_days() {
        use calamine::{ExcelDateTime, ExcelDateTimeType::DateTime};
        let date = |v, is_1904| excel_date(&ExcelDateTime::new(v, DateTime, is_1904));
        assert_eq!(date(45943.541, false).unwrap().to_string(), "2025-10-13");
        assert_eq!(date(61.0, false).unwrap().to_string(), "1900-03-01");
        assert_eq!(date(0.0, true).unwrap().to_string(), "1904-01-01");
        assert_eq!(date(-5.0, false), None);
        assert_eq!(date(f64::NAN, false), None);
        assert_eq!(date(1e300, false), None);
        assert_eq!(serial_date("46306").as_deref(), Some("2026-10-11"));
        assert_eq!(serial_date("46306.34").as_deref(), Some("2026-10-11"));
        assert_eq!(serial_date("0"), None);
        assert_eq!(serial_date("inf"), None);
        assert_eq!(serial_date("11.10.2026"), None);
    }

    #[test]
    fn whole_numbers_lose_their_point() {
        assert_eq!(number(3.0), "3");
        assert_eq!(number(-2.0), "-2");
        assert_eq!(number(3.5), "3.5");
    }
}
