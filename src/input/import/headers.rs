//! The header rows of an export: how many there are (`header_rows`, or detected from the
//! shapes of Qualtrics and SurveyMonkey exports), and what each column is called by them.

use super::normalise;
use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::table::{normalise_header, Table};
use std::path::Path;

/// The most header rows an export may have.
const MAX_HEADER_ROWS: usize = 20;

/// The columns as the header rows name them.
pub(super) struct Headers {
    /// The first header row, as [`normalise_header`] leaves it: what `column = …` matches.
    pub first: Vec<String>,
    /// What `question = …` searches: every header row of the column, an empty first-row
    /// cell carrying the nearest non-empty first-row text to its left, normalised.
    pub texts: Vec<String>,
    /// How problems name each column: its first-row text, with the second row's when the
    /// first-row cell is empty (a merged matrix heading).
    pub names: Vec<String>,
}

/// How many header rows an export has when the mapping does not say: Qualtrics (3: names,
/// question texts, `{"ImportId":…}`), its legacy export (2: `V1,V2,…`), SoSci Survey with
/// its variable labels (2: `CASE` over "Interview-Nummer (fortlaufend)"), SurveyMonkey (2:
/// `Response`, `Open-Ended Response` and matrix labels under the questions, nothing under
/// its first column), else 1.
pub(super) fn detect(table: &Table) -> usize {
    let second = table.rows.first().map(|(_, cells)| cells.as_slice());
    let third = table.rows.get(1).map(|(_, cells)| cells.as_slice());
    let import_ids = |cells: &[String]| {
        let filled: Vec<&str> = cells
            .iter()
            .map(|c| c.trim())
            .filter(|c| !c.is_empty())
            .collect();
        !filled.is_empty() && filled.iter().all(|c| c.starts_with("{\"ImportId\""))
    };
    if third.is_some_and(import_ids) {
        return 3;
    }
    let header = &table.header;
    let legacy =
        header.first().is_some_and(|h| h == "V1") && header.get(1).is_none_or(|h| h == "V2");
    if legacy && second.is_some() {
        return 2;
    }
    // SoSci Survey's second row, when its labels are exported, names CASE in words; a
    // respondent's CASE is a number
    let sosci = header.first().is_some_and(|h| h == "CASE")
        && second.is_some_and(|cells| {
            cells.first().is_some_and(|c| {
                let c = c.trim().to_lowercase();
                c.starts_with("interview-nummer") || c.starts_with("interview number")
            })
        });
    if sosci {
        return 2;
    }
    // under SurveyMonkey's `Respondent ID` the second row is empty; a respondent's is not
    let monkey = second.is_some_and(|cells| {
        cells.first().is_some_and(|c| c.trim().is_empty())
            && cells
                .iter()
                .any(|c| matches!(c.trim(), "Response" | "Open-Ended Response"))
    });
    if monkey {
        return 2;
    }
    1
}

/// Takes the header rows (`wanted`, else [`detect`]ed) off the top of the table's rows and
/// names the columns by them; the table's header becomes the columns' [`Headers::names`].
pub(super) fn split(
    table: &mut Table,
    wanted: Option<usize>,
    export: &Path,
) -> Result<Headers, Problems> {
    let count = wanted.unwrap_or_else(|| detect(table));
    if count == 0 || count > MAX_HEADER_ROWS {
        return Err(Diagnostic::file(
            export,
            format!("`header_rows` is {count} (expected 1 to {MAX_HEADER_ROWS})"),
        )
        .into());
    }
    if table.rows.len() < count - 1 {
        return Err(Diagnostic::file(
            export,
            format!(
                "the export has {} rows, fewer than its {count} header rows",
                table.rows.len() + 1
            ),
        )
        .into());
    }
    let more: Vec<Vec<String>> = table
        .rows
        .drain(..count - 1)
        .map(|(_, cells)| cells.iter().map(|c| normalise_header(c)).collect())
        .collect();
    let first = table.header.clone();
    let mut texts = Vec::with_capacity(first.len());
    let mut names = Vec::with_capacity(first.len());
    let mut carried = String::new();
    for (c, own) in first.iter().enumerate() {
        let below = |r: usize| more.get(r).and_then(|row| row.get(c)).cloned();
        if !own.is_empty() {
            carried = own.clone();
        }
        let mut text = carried.clone();
        for row in &more {
            if let Some(cell) = row.get(c) {
                text.push(' ');
                text.push_str(cell);
            }
        }
        texts.push(normalise(&text));
        names.push(match (own.is_empty(), below(0)) {
            (true, Some(label)) if !label.is_empty() && !carried.is_empty() => {
                format!("{carried} / {label}")
            }
            (true, Some(label)) if !label.is_empty() => label,
            _ => own.clone(),
        });
    }
    table.header = names.clone();
    Ok(Headers {
        first,
        texts,
        names,
    })
}
