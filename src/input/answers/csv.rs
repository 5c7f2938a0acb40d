//! Answer tables: CSV files with one respondent a row, read row by row (never whole), so
//! that a survey of any size fits.
//!
//! A cell that is `'` before `=`, `+`, `-`, `@`, a tab or a carriage return loses the `'`: it
//! is how every CSV centricity writes keeps spreadsheets from running a cell as a formula
//! ([`restore`] undoes exactly [`crate::input::cells::neutralise`]).

use std::collections::BTreeMap;
use std::path::Path;

use csv::StringRecord;

use super::{Loader, Place};
use crate::input::cells::restore;
use crate::input::check::{check_language, question_ids, unknown_question, Question, Raw};
use crate::input::diagnostics::{Diagnostic, Lines, Source};
use crate::input::table::{self, RecordStream, StreamedTable};
use crate::model::questionnaire::Perspective;

/// The most problems kept per table; the rest are counted and said to be there.
pub(super) const MAX_PROBLEMS_PER_FILE: usize = 1000;

/// The largest table read again whole to put its problems into lines and columns.
const MAX_REREAD_BYTES: u64 = 512 * 1024 * 1024;
use crate::model::respondent::Respondent;

const FIELDS: [&str; 5] = ["respondent", "perspective", "group", "date", "language"];
const FIELD_RESPONDENT: usize = 0;
const FIELD_PERSPECTIVE: usize = 1;
const FIELD_GROUP: usize = 2;
const FIELD_DATE: usize = 3;
const FIELD_LANGUAGE: usize = 4;

#[derive(Clone, Copy)]
enum Column {
    /// One of [`FIELDS`], by index.
    Field(usize),
    /// An item or the NPS question.
    Answer(Question),
    /// `comment:<id>`.
    Comment(Question),
}

/// What the header of a table says: each column's meaning, and where the fields every row
/// needs are.
struct Header {
    columns: Vec<Column>,
    /// The header cells, trimmed: the names problems give.
    keys: Vec<String>,
    respondent: usize,
    perspective: usize,
    group: Option<usize>,
}

/// A problem in a table, known by its row (and cell); its line and column are worked out
/// only when there are problems, so that a million rows need no line counting.
struct Pending {
    /// Byte offset of the row (or of the exact place, when `cell` is `None` and `exact`).
    offset: usize,
    cell: Option<usize>,
    message: String,
}

impl Pending {
    /// A problem at a byte offset, not in a cell.
    fn at(offset: usize, message: String) -> Pending {
        Pending {
            offset,
            cell: None,
            message,
        }
    }
}

impl Loader<'_> {
    /// Reads a table row by row from the file (never whole), so that a survey of any size
    /// fits; what goes wrong is kept as byte places and put into lines at the end.
    pub(super) fn csv_file(&mut self, path: &Path, sink: &mut dyn FnMut(&Respondent)) {
        self.summary.files += 1;
        let file_index = self.register(path);
        let mut table = match table::stream(path) {
            Ok(table::Opened::Table(table)) => table,
            Ok(table::Opened::Mixed(at)) => {
                return self.problems.push(table::mixed_encoding(path, at));
            }
            Err(e) => {
                return self
                    .problems
                    .push(Diagnostic::file(path, format!("cannot read the file: {e}")))
            }
        };
        let mut pending: Vec<Pending> = Vec::new();
        let mut record = StringRecord::new();
        match table.reader.read_record(&mut record) {
            Ok(true) => {}
            Ok(false) => {
                return self.problems.push(Diagnostic::file(
                    path,
                    "the table is empty (expected a header row: respondent,perspective,…)",
                ))
            }
            Err(e) => {
                let offset = e.position().map_or(0, |p| p.byte() as usize);
                pending.push(Pending::at(offset, format!("cannot read the table: {e}")));
                return self.report_pending(path, pending);
            }
        }
        let Some(header) = self.csv_header(path, &table, &record) else {
            return;
        };
        self.reserve_ids(path, &table);
        let rows = self.csv_rows(&mut table.reader, &header, file_index, &mut pending, sink);
        // An unclosed quote swallows the rest of the table into one cell.
        if let Some(open) = table.reader.get_ref().open_quote() {
            pending.push(Pending::at(
                open as usize,
                "this quote is never closed, so the rest of the table was read as one cell (add the closing `\"`)".to_string(),
            ));
        }
        if rows == 0 && pending.is_empty() {
            self.summary.warnings.push(Diagnostic::file(
                path,
                "the table has a header but no respondents",
            ));
        }
        self.report_pending(path, pending);
    }

    /// Reads the header row; it must name known columns, a `respondent` and a `perspective`.
    fn csv_header(
        &mut self,
        path: &Path,
        table: &StreamedTable,
        record: &StringRecord,
    ) -> Option<Header> {
        let head_source = Source {
            path,
            text: &table.head,
        };
        let columns = self.csv_columns(&head_source, record, table.delimiter)?;
        let position = |c: usize| {
            columns
                .iter()
                .position(|col| matches!(col, Column::Field(f) if *f == c))
        };
        let (Some(respondent), Some(perspective)) =
            (position(FIELD_RESPONDENT), position(FIELD_PERSPECTIVE))
        else {
            self.problems.push(Diagnostic::at(
                path,
                1,
                1,
                "the header needs a `respondent` and a `perspective` column",
            ));
            return None;
        };
        let group = position(FIELD_GROUP);
        Some(Header {
            keys: record
                .iter()
                .map(|h| restore(h).trim().to_string())
                .collect(),
            columns,
            respondent,
            perspective,
            group,
        })
    }

    /// Makes room for about as many ids as the file has rows, so the id table need not grow
    /// while reading; capped, so a file of blank lines cannot make it reserve much.
    fn reserve_ids(&mut self, path: &Path, table: &StreamedTable) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
        let head_rows = table.head.lines().filter(|l| !l.trim().is_empty()).count();
        if head_rows > 0 && table.head_bytes > 0 {
            self.seen
                .reserve((size / table.head_bytes * head_rows).min(2_000_000));
        }
    }

    /// Reads and checks the rows after the header, handing each valid respondent to `sink`;
    /// returns how many rows were not blank.
    fn csv_rows(
        &mut self,
        reader: &mut RecordStream,
        header: &Header,
        file_index: u32,
        pending: &mut Vec<Pending>,
        sink: &mut dyn FnMut(&Respondent),
    ) -> usize {
        // one respondent and one record, reused for every row
        let mut respondent = self.new_respondent(String::new(), None);
        let mut record = StringRecord::new();
        let mut rows = 0;
        loop {
            // every row is still checked, but a file's problems past the limit are only
            // counted: a table with a wrong value in each of a million rows stays in memory
            if pending.len() > MAX_PROBLEMS_PER_FILE {
                self.unlisted += (pending.len() - MAX_PROBLEMS_PER_FILE) as u64;
                pending.truncate(MAX_PROBLEMS_PER_FILE);
            }
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    let offset = e.position().map_or(0, |p| p.byte() as usize);
                    let io = matches!(e.kind(), csv::ErrorKind::Io(_));
                    pending.push(Pending::at(offset, format!("cannot read the table: {e}")));
                    if io {
                        break;
                    }
                    continue;
                }
            }
            let start = record.position().map_or(0, |p| p.byte() as usize);
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue; // a blank line, as spreadsheets leave at the end
            }
            rows += 1;
            if record.len() != header.columns.len() {
                let hint = if record.iter().any(|cell| cell.contains('\n')) {
                    " (a cell runs over several lines: is a closing quote missing?)"
                } else {
                    ""
                };
                pending.push(Pending::at(
                    start,
                    format!(
                        "the row has {} cells, but the header has {} columns{hint}",
                        record.len(),
                        header.columns.len()
                    ),
                ));
                continue;
            }
            let before = pending.len();
            self.csv_row(&record, start, header, &mut respondent, pending);
            let id = restore(&record[header.respondent]).trim();
            if !id.is_empty() {
                let here = Place {
                    file: file_index,
                    offset: start as u64,
                };
                if self.claim_id(id, here) && pending.len() == before {
                    respondent.id.clear();
                    respondent.id.push_str(id);
                    self.summary.respondents += 1;
                    sink(&respondent);
                }
            }
        }
        rows
    }

    /// Checks one row (of the header's length) into `respondent`; its problems go to
    /// `pending`.
    fn csv_row(
        &self,
        record: &StringRecord,
        start: usize,
        header: &Header,
        respondent: &mut Respondent,
        pending: &mut Vec<Pending>,
    ) {
        let mut problem = |cell: usize, message: String| {
            let name = header.keys[cell].as_str();
            let message = if message.contains(&format!("`{name}`")) {
                message
            } else {
                format!("{message} (column `{name}`)")
            };
            pending.push(Pending {
                offset: start,
                cell: Some(cell),
                message,
            });
        };
        if restore(&record[header.respondent]).trim().is_empty() {
            problem(header.respondent, "the respondent id is empty".to_string());
        }
        let perspective = match self.perspective(restore(&record[header.perspective]).trim()) {
            Ok(p) => Some(p),
            Err(message) => {
                problem(header.perspective, message);
                None
            }
        };
        respondent.perspective = perspective.unwrap_or(Perspective::Customer);
        if header.group.is_none_or(|c| record[c].trim().is_empty()) {
            respondent.group = None;
        }
        respondent.language = None;
        respondent.answers.iter_mut().for_each(|a| *a = None);
        respondent.nps = None;
        respondent.comments.clear();
        for (c, &column) in header.columns.iter().enumerate() {
            let cell = tidy(restore(&record[c]));
            if cell.is_empty() {
                continue;
            }
            if cell.contains('\0') {
                problem(
                    c,
                    "the cell contains a NUL character (is the file damaged, or not a table?)"
                        .to_string(),
                );
                continue;
            }
            let key = header.keys[c].as_str();
            if let Err(message) = self.csv_cell(column, key, cell, perspective, respondent) {
                problem(c, message);
            }
        }
    }

    /// Checks one cell that is not empty into `respondent`, whose perspective is
    /// `perspective` (`None` when that is wrong: then everything else is still checked).
    #[inline]
    fn csv_cell(
        &self,
        column: Column,
        key: &str,
        cell: &str,
        perspective: Option<Perspective>,
        respondent: &mut Respondent,
    ) -> Result<(), String> {
        match column {
            Column::Field(FIELD_GROUP) => {
                // the same group on most rows: keep the allocation
                match &mut respondent.group {
                    Some(group) if group == cell => {}
                    group => *group = Some(cell.to_string()),
                }
                Ok(())
            }
            Column::Field(FIELD_DATE) => match table::table_date(cell) {
                Some(_) => Ok(()),
                None => Err(table::date_problem(cell)),
            },
            Column::Field(FIELD_LANGUAGE) => check_language(self.questionnaire, cell).map(|()| {
                respondent.language = Some(cell.to_string());
            }),
            Column::Field(_) => Ok(()),
            Column::Answer(question) | Column::Comment(question)
                if perspective.is_some_and(|p| !question.is_asked(self.questionnaire, p)) =>
            {
                Err(Self::not_asked(key, respondent.perspective))
            }
            Column::Answer(question) => {
                self.record_answer(respondent, key, question, Raw::cell(cell))
            }
            Column::Comment(question) => {
                Self::record_comment(respondent, question, cell);
                Ok(())
            }
        }
    }

    /// The problems of a table, with lines and columns: the file is read once more for it.
    fn report_pending(&mut self, path: &Path, mut pending: Vec<Pending>) {
        if pending.len() > MAX_PROBLEMS_PER_FILE {
            self.unlisted += (pending.len() - MAX_PROBLEMS_PER_FILE) as u64;
            pending.truncate(MAX_PROBLEMS_PER_FILE);
        }
        let unlisted = std::mem::take(&mut self.unlisted);
        if unlisted > 0 {
            self.problems.push(Diagnostic::file(
                path,
                format!(
                    "{unlisted} more problems in this table are counted but not listed: only the first {MAX_PROBLEMS_PER_FILE} are kept (fix those and run again)"
                ),
            ));
        }
        if pending.is_empty() {
            return;
        }
        // placing problems in lines needs the whole text: not for a table of gigabytes
        let size = std::fs::metadata(path).map_or(0, |m| m.len());
        if size > MAX_REREAD_BYTES {
            for p in pending {
                self.problems.push(Diagnostic::file(
                    path,
                    format!("at byte {}: {}", p.offset, p.message),
                ));
            }
            return;
        }
        let text = table::reread(path);
        let delimiter =
            table::detect_delimiter(text.get(..text.len().min(1 << 16)).unwrap_or(&text));
        let lines = Lines::new(&text);
        for p in pending {
            let start = table::record_start(&text, p.offset.min(text.len()));
            let span = match p.cell {
                None => start..start,
                Some(cell) => {
                    let offsets = table::cell_offsets(&text, start, delimiter, cell + 2);
                    table::cell_span(&text, start, &offsets, cell)
                }
            };
            self.problems
                .push(lines.error(path, &text, span, p.message));
        }
    }

    /// Reads the header row; unknown and repeated columns are problems.
    fn csv_columns(
        &mut self,
        source: &Source,
        header: &StringRecord,
        delimiter: u8,
    ) -> Option<Vec<Column>> {
        let before = self.problems.0.len();
        let q = self.questionnaire;
        let offsets = table::cell_offsets(source.text, 0, delimiter, header.len());
        let mut columns = Vec::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (c, name) in header.iter().enumerate() {
            let name = restore(name).trim();
            let offset = offsets.get(c).copied().unwrap_or(0);
            let at = |message: String| source.error(offset..offset, message);
            if let Some(first) = seen.insert(name, c) {
                self.problems.push(at(format!(
                    "column `{name}` appears twice (first as column {})",
                    first + 1
                )));
            }
            let column = if let Some(f) = FIELDS.iter().position(|f| *f == name) {
                Column::Field(f)
            } else if let Some(key) = name.strip_prefix("comment:") {
                match Question::find(q, key.trim()) {
                    Some(question) => Column::Comment(question),
                    None => {
                        let message = unknown_question(q, key.trim());
                        self.problems
                            .push(at(format!("column `{name}`: {message}")));
                        continue;
                    }
                }
            } else if let Some(question) = Question::find(q, name) {
                Column::Answer(question)
            } else {
                let known = FIELDS.iter().copied().chain(question_ids(q));
                let hint = crate::input::check::did_you_mean(name, known);
                self.problems.push(at(format!(
                    "unknown column `{name}`{hint} (expected {}, an item id, or `comment:<item id>`)",
                    FIELDS.join(", ")
                )));
                continue;
            };
            columns.push(column);
        }
        (self.problems.0.len() == before).then_some(columns)
    }
}

/// A cell without the spaces around it; most cells have none, and checking is cheaper than
/// trimming.
fn tidy(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}
