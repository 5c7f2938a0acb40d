//! Survey-tool exports (LimeSurvey, Google Forms, Microsoft Forms, …) mapped onto the answer
//! table of SPEC §2.4 by a small mapping file.
//!
//! Exports come as they come: with or without a byte-order mark, in UTF-8, UTF-16 or
//! Windows-1252, separated by commas, semicolons or tabs, with CRLF line ends and quoted
//! cells that run over lines. All of that is detected (see [`crate::input::table`]), so the
//! same export saved in any of these variants imports to the same table. Writing the table
//! is the output layer's (`output::answer_table`).

mod columns;
pub mod draft;
mod headers;
mod keep;
mod mapping;
mod rows;

use std::path::Path;

use crate::input::diagnostics::{Problems, Source};
use crate::input::files::read_to_string;
use crate::input::spreadsheet::{self, Kind};
use crate::input::table::{read_decoded, read_table};
use crate::model::questionnaire::Questionnaire;
use mapping::MappingFile;

/// An export mapped onto the answer table: its header and rows, as text cells.
pub struct Imported {
    /// `respondent`, `perspective`, the optional fields the mapping fills, then the items,
    /// the NPS question and the comments in questionnaire order, so that any export of the
    /// same survey gives the same table.
    pub header: Vec<String>,
    /// One row a respondent, each as long as the header.
    pub rows: Vec<Vec<String>>,
    pub respondents: usize,
    /// The export's columns left out, when the mapping allows that (else they are an error).
    pub ignored_columns: Vec<String>,
    /// The export's rows not imported, and why: `("not finished (keep)", 201)`.
    pub left_out: Vec<(String, usize)>,
}

/// Maps an export onto the answer table; every problem names the column and row (or the
/// mapping's line). With any problem, there is no table.
pub fn import(export: &Path, mapping_path: &Path) -> Result<Imported, Problems> {
    let mapping_text = read_to_string(mapping_path)?;
    let map = Source {
        path: mapping_path,
        text: &mapping_text,
    };
    let mapping: MappingFile = map.parse_toml(&mapping_text)?;
    let base = mapping_path.parent().unwrap_or(Path::new("."));
    let q = Questionnaire::load(mapping.questionnaire.get_ref(), base)?;
    // a workbook is read as a table like a CSV's; only the places of problems differ
    let (text, place);
    let export_source;
    let (table, places) = match spreadsheet::kind(export)? {
        Kind::Workbook => {
            let sheet =
                spreadsheet::read(export, mapping.sheet.as_ref().map(|s| s.get_ref().as_str()))?;
            place = sheet.place;
            (sheet.table, rows::Places::Sheet(export, &place))
        }
        Kind::Text => {
            if let Some(name) = &mapping.sheet {
                return Err(map
                    .error(
                        name.span(),
                        "`sheet` is for spreadsheet exports, and this export is a text table (leave `sheet` out)",
                    )
                    .into());
            }
            let table;
            (table, text) = read_text_export(export)?;
            export_source = Source {
                path: export,
                text: &text,
            };
            (table, rows::Places::Text(&export_source))
        }
    };
    let (table, headers) = header_rows(table, &mapping, &map, export)?;
    let header_row = match &places {
        rows::Places::Sheet(_, sheet) => Some(sheet.header_row()),
        rows::Places::Text(_) => None,
    };
    let plan = mapping::plan(&mapping, &q, &map, (export, header_row), &headers)?;
    let header = rows::header(&plan, &q);
    // a date column none of whose values is a date in the format is one problem, not one
    // a row
    let dates = rows::unreadable_dates(&plan, &table, &places);
    let (rows, respondents, left_out) = rows::convert(&plan, &q, &table, &places, dates)?;
    Ok(Imported {
        header,
        rows,
        respondents,
        ignored_columns: if mapping.ignore_other_columns {
            plan.ignored_columns
        } else {
            Vec::new()
        },
        left_out,
    })
}

/// A text export read as a table (see [`read_decoded`] and [`read_table`]), with its text
/// for placing problems.
fn read_text_export(export: &Path) -> Result<(crate::input::table::Table, String), Problems> {
    let text = read_decoded(export)?;
    let source = Source {
        path: export,
        text: &text,
    };
    let table = read_table(&source, "export")?;
    Ok((table, text))
}

/// An export read without a mapping, as `import` would read it: its first sheet or its text
/// table, with the header rows detected.
struct Export {
    /// The rows under the header rows.
    table: crate::input::table::Table,
    headers: headers::Headers,
    /// Each header row's cells, as [`normalise_header`](crate::input::table::normalise_header)
    /// leaves them.
    header_cells: Vec<Vec<String>>,
    /// Whether it is a workbook (whose date cells are read as dates).
    workbook: bool,
}

/// Reads an export and takes off its header rows, detected as `import` detects them.
fn read_export(export: &Path) -> Result<Export, Problems> {
    let (mut table, workbook) = match spreadsheet::kind(export)? {
        Kind::Workbook => (spreadsheet::read(export, None)?.table, true),
        Kind::Text => (read_text_export(export)?.0, false),
    };
    let count = headers::detect(&table);
    let mut header_cells = vec![table.header.clone()];
    header_cells.extend(table.rows.iter().take(count - 1).map(|(_, cells)| {
        cells
            .iter()
            .map(|c| crate::input::table::normalise_header(c))
            .collect()
    }));
    let headers = headers::split(&mut table, Some(count), export)?;
    Ok(Export {
        table,
        headers,
        header_cells,
        workbook,
    })
}

/// Takes the export's header rows (the mapping's `header_rows`, else detected) off its rows.
fn header_rows(
    mut table: crate::input::table::Table,
    mapping: &MappingFile,
    map: &Source,
    export: &Path,
) -> Result<(crate::input::table::Table, headers::Headers), Problems> {
    let wanted = match &mapping.header_rows {
        Some(n) => match usize::try_from(*n.get_ref()) {
            Ok(n) if n >= 1 => Some(n),
            _ => {
                let message = format!("`header_rows` is {} (expected 1 or more)", n.get_ref());
                return Err(map.error(n.span(), message).into());
            }
        },
        None => None,
    };
    let headers = headers::split(&mut table, wanted, export)?;
    Ok((table, headers))
}

/// Whitespace (also non-breaking) collapsed and lower-cased, for matching headers and answers.
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}
