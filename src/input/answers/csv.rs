//! Answer tables: CSV files with one respondent a row, read in parts of whole rows (never
//! whole), so that a survey of any size fits, and a large one is read on every core.
//!
//! A cell that is `'` before `=`, `+`, `-`, `@`, a tab or a carriage return loses the `'`: it
//! is how every CSV centricity writes keeps spreadsheets from running a cell as a formula
//! ([`restore`] undoes exactly [`crate::input::cells::neutralise`]).

use std::collections::BTreeMap;
use std::path::Path;

use csv::StringRecord;

use super::chunks::{Chunk, Chunks};
use super::ids::Claims;
use super::parallel;
use super::rows::{
    Column, Header, Outcome, Pending, Rows, FIELDS, FIELD_GROUP, FIELD_PERSPECTIVE,
    FIELD_RESPONDENT, MAX_PROBLEMS_PER_FILE,
};
use super::{Loader, Sink};
use crate::input::cells::restore;
use crate::input::check::{question_ids, unknown_question, Question};
use crate::input::diagnostics::{Diagnostic, Lines, Source};
use crate::input::table;

/// The largest table read again whole to put its problems into lines and columns.
const MAX_REREAD_BYTES: u64 = 512 * 1024 * 1024;

/// Records and line breaks before the part being added, and the rows that are not blank.
struct Count {
    records: u64,
    lines: u64,
    rows: usize,
}

impl Loader<'_> {
    /// Reads a table in parts of whole rows (never whole), so that a survey of any size
    /// fits; what goes wrong is kept as byte places and put into lines at the end.
    pub(super) fn csv_file<S: Sink>(&mut self, path: &Path, sink: &mut S) {
        self.summary.files += 1;
        let file_index = self.register(path);
        let table = match table::stream(path) {
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
        let (head, head_bytes, delimiter) = (table.head, table.head_bytes, table.delimiter);
        let mut chunks = Chunks::new(table.input, delimiter, parallel::chunk_bytes());
        let mut pending: Vec<Pending> = Vec::new();
        let mut first = match first_record(&mut chunks) {
            Ok(Some(first)) => first,
            Ok(None) => {
                return self.problems.push(Diagnostic::file(
                    path,
                    "the table is empty (expected a header row: respondent,perspective,…)",
                ))
            }
            Err(message) => {
                pending.push(message);
                return self.report_pending(path, pending);
            }
        };
        let record = std::mem::take(&mut first.header);
        let head_source = Source { path, text: &head };
        let Some(header) = self.csv_header(&head_source, &record, delimiter) else {
            return;
        };
        self.claims[file_index as usize] = Claims::Table {
            respondent: header.respondent,
            columns: header.columns.len(),
        };
        self.reserve_ids(path, &head, head_bytes);
        let rows = Rows {
            questionnaire: self.questionnaire,
            header: &header,
            delimiter,
            hasher: self.seen.hasher(),
        };
        let mut count = Count {
            records: first.records,
            lines: first.lines,
            rows: 0,
        };
        let read = parallel::read(&mut chunks, first.rest, &rows, sink, |outcome| {
            self.settle(outcome, &mut pending, &mut count)
        });
        if let Err(e) = read {
            pending.push(Pending::at(0, format!("cannot read the table: {e}")));
        }
        // An unclosed quote swallows the rest of the table into one cell.
        if let Some(open) = chunks.open_quote() {
            pending.push(Pending::at(
                open as usize,
                "this quote is never closed, so the rest of the table was read as one cell (add the closing `\"`)".to_string(),
            ));
        }
        if count.rows == 0 && pending.is_empty() {
            self.summary.warnings.push(Diagnostic::file(
                path,
                "the table has a header but no respondents",
            ));
        }
        self.report_pending(path, pending);
    }

    /// Adds what a part of a table found, in file order: its problems, and its ids, each
    /// claimed (a respondent counts when the row has no problem).
    fn settle(&mut self, outcome: Outcome, pending: &mut Vec<Pending>, count: &mut Count) {
        for mut p in outcome.pending {
            p.renumber(count.records, count.lines);
            pending.push(p);
        }
        self.unlisted += outcome.unlisted;
        if pending.len() > MAX_PROBLEMS_PER_FILE {
            self.unlisted += (pending.len() - MAX_PROBLEMS_PER_FILE) as u64;
            pending.truncate(MAX_PROBLEMS_PER_FILE);
        }
        for id in outcome.ids {
            self.claim_id(id.hash, id.clean);
        }
        count.records += outcome.records;
        count.lines += outcome.lines;
        count.rows += outcome.rows;
    }

    /// Reads the header row; it must name known columns, a `respondent` and a `perspective`.
    fn csv_header(
        &mut self,
        head: &Source,
        record: &StringRecord,
        delimiter: u8,
    ) -> Option<Header> {
        let columns = self.csv_columns(head, record, delimiter)?;
        let position = |c: usize| {
            columns
                .iter()
                .position(|col| matches!(col, Column::Field(f) if *f == c))
        };
        let (Some(respondent), Some(perspective)) =
            (position(FIELD_RESPONDENT), position(FIELD_PERSPECTIVE))
        else {
            self.problems.push(Diagnostic::at(
                head.path,
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
    fn reserve_ids(&mut self, path: &Path, head: &str, head_bytes: usize) {
        let size = std::fs::metadata(path).map_or(0, |m| m.len() as usize);
        let head_rows = head.lines().filter(|l| !l.trim().is_empty()).count();
        if head_rows > 0 && head_bytes > 0 {
            self.seen
                .reserve((size / head_bytes * head_rows).min(2_000_000));
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

/// The first part of a table and its header record.
struct First {
    header: StringRecord,
    /// The rest of the part, after the header.
    rest: Chunk,
    /// Records and line breaks up to the end of the header.
    records: u64,
    lines: u64,
}

/// The header record and the rest of the part it is in (a part of blank lines takes the
/// next); `None` for a table without a record.
fn first_record<R: std::io::Read>(chunks: &mut Chunks<R>) -> Result<Option<First>, Pending> {
    let unreadable = |e: &dyn std::fmt::Display, at: u64| {
        Pending::at(at as usize, format!("cannot read the table: {e}"))
    };
    let mut first = Chunk {
        bytes: Vec::new(),
        offset: 0,
    };
    loop {
        match chunks.next_chunk() {
            Ok(Some(more)) => first.bytes.extend_from_slice(&more.bytes),
            Ok(None) => return Ok(None),
            Err(e) => return Err(unreadable(&e, 0)),
        }
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(chunks.delimiter())
            .from_reader(first.bytes.as_slice());
        let mut header = StringRecord::new();
        match reader.read_record(&mut header) {
            Ok(true) => {
                let end = reader.position().clone();
                first.bytes.drain(..end.byte() as usize);
                first.offset = end.byte();
                return Ok(Some(First {
                    header,
                    rest: first,
                    records: end.record(),
                    lines: end.line() - 1,
                }));
            }
            Ok(false) => continue,
            Err(e) => {
                let at = e.position().map_or(0, |p| p.byte());
                return Err(unreadable(&e, at));
            }
        }
    }
}
