//! The rows of an answer table, checked one by one: every cell against the questionnaire,
//! each valid respondent handed to a sink. Nothing here needs the loader, so a part of a
//! table can be read on a thread of its own ([`Rows::read`]); what only the loader can
//! decide (whether an id was seen before, in this part or any earlier) is handed back in
//! file order ([`Outcome`]).

use csv::StringRecord;

use super::Sink;
use crate::input::cells::restore;
use crate::input::check::{check_answer, check_language, Question, Raw};
use crate::input::table;
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::{Answer, Comment, Respondent};

/// The most problems kept per table; the rest are counted and said to be there.
pub(super) const MAX_PROBLEMS_PER_FILE: usize = 1000;

pub(super) const FIELDS: [&str; 5] = ["respondent", "perspective", "group", "date", "language"];
pub(super) const FIELD_RESPONDENT: usize = 0;
pub(super) const FIELD_PERSPECTIVE: usize = 1;
pub(super) const FIELD_GROUP: usize = 2;
const FIELD_DATE: usize = 3;
const FIELD_LANGUAGE: usize = 4;

#[derive(Clone, Copy)]
pub(super) enum Column {
    /// One of [`FIELDS`], by index.
    Field(usize),
    /// An item or the NPS question.
    Answer(Question),
    /// `comment:<id>`.
    Comment(Question),
}

/// What the header of a table says: each column's meaning, and where the fields every row
/// needs are.
pub(super) struct Header {
    pub columns: Vec<Column>,
    /// The header cells, trimmed: the names problems give.
    pub keys: Vec<String>,
    pub respondent: usize,
    pub perspective: usize,
    pub group: Option<usize>,
}

/// A problem in a table, known by its row (and cell); its line and column are worked out
/// only when there are problems, so that a million rows need no line counting.
pub(super) struct Pending {
    /// Byte offset of the row (or of the exact place, when `cell` is `None` and `exact`).
    pub offset: usize,
    pub cell: Option<usize>,
    pub message: String,
    /// For a record that is not UTF-8: its record and line number in the part it was read
    /// in. The csv crate's message names them, and they are made whole numbers of the
    /// table when the part is added ([`Pending::renumber`]).
    pub numbered: Option<(u64, u64)>,
}

impl Pending {
    /// A problem at a byte offset, not in a cell.
    pub fn at(offset: usize, message: String) -> Pending {
        Pending {
            offset,
            cell: None,
            message,
            numbered: None,
        }
    }

    /// A record's problem counted in a part that starts after `records` records and
    /// `lines` line breaks: its message as one reader of the whole table gives it.
    pub fn renumber(&mut self, records: u64, lines: u64) {
        if let Some((record, line)) = self.numbered.take() {
            self.message = format!(
                "cannot read the table: CSV parse error: record {} (line {}, {}",
                record + records,
                line + lines,
                self.message
            );
        }
    }
}

/// The id of a row that has one, for the loader to claim in file order.
pub(super) struct RowId {
    /// By the loader's hasher.
    pub hash: u64,
    /// The row has no problem: its respondent was handed to the sink.
    pub clean: bool,
}

/// What reading rows found besides the respondents.
#[derive(Default)]
pub(super) struct Outcome {
    pub pending: Vec<Pending>,
    /// Problems past [`MAX_PROBLEMS_PER_FILE`]: counted, not kept.
    pub unlisted: u64,
    /// Rows that are not blank.
    pub rows: usize,
    pub ids: Vec<RowId>,
    /// Records read and line breaks passed, to number the records of the next part.
    pub records: u64,
    pub lines: u64,
}

/// Per column, for a respondent of one perspective: the question a one-digit answer there
/// answers, and the digits that fit it (`None` for a column of anything else).
type Digits = Vec<Option<(Question, i64, i64)>>;

/// What reading rows needs: the questionnaire, the header, and how ids are hashed.
pub(super) struct Rows<'a> {
    pub questionnaire: &'a Questionnaire,
    pub header: &'a Header,
    pub delimiter: u8,
    pub hasher: foldhash::fast::RandomState,
}

impl Rows<'_> {
    /// Reads and checks the rows of `bytes`, which start at byte `offset` of the table and
    /// at a row, handing each valid respondent to `sink`.
    pub fn read<S: Sink>(&self, bytes: &[u8], offset: u64, sink: &mut S) -> Outcome {
        use std::hash::BuildHasher;
        let header = self.header;
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(self.delimiter)
            .from_reader(bytes);
        // one respondent and one record, reused for every row
        let mut respondent = new_respondent(self.questionnaire, String::new(), None);
        let mut record = StringRecord::new();
        let mut out = Outcome::default();
        let q = self.questionnaire;
        // by perspective, in the order of `Perspective::BOTH`
        let digits: [Digits; 2] = Perspective::BOTH.map(|p| {
            header
                .columns
                .iter()
                .map(|column| match *column {
                    Column::Answer(question) if question.is_asked(q, p) => {
                        let range = question.range(q);
                        Some((question, *range.start(), *range.end()))
                    }
                    _ => None,
                })
                .collect()
        });
        let pending = &mut out.pending;
        loop {
            // every row is still checked, but a file's problems past the limit are only
            // counted: a table with a wrong value in each of a million rows stays in memory
            if pending.len() > MAX_PROBLEMS_PER_FILE {
                out.unlisted += (pending.len() - MAX_PROBLEMS_PER_FILE) as u64;
                pending.truncate(MAX_PROBLEMS_PER_FILE);
            }
            match reader.read_record(&mut record) {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) => {
                    pending.push(unreadable(&e, offset));
                    continue;
                }
            }
            let start = offset as usize + record.position().map_or(0, |p| p.byte() as usize);
            if record.iter().all(|cell| tidy(cell).is_empty()) {
                continue; // a blank line, as spreadsheets leave at the end
            }
            out.rows += 1;
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
            self.row(&record, start, &digits, &mut respondent, pending);
            let id = tidy(restore(&record[header.respondent]));
            if !id.is_empty() {
                let clean = pending.len() == before;
                out.ids.push(RowId {
                    hash: self.hasher.hash_one(id.as_bytes()),
                    clean,
                });
                if clean {
                    respondent.id.clear();
                    respondent.id.push_str(id);
                    sink.add(&respondent);
                }
            }
        }
        let end = reader.position();
        (out.records, out.lines) = (end.record(), end.line() - 1);
        out
    }

    /// Checks one row (of the header's length) into `respondent`; its problems go to
    /// `pending`.
    fn row(
        &self,
        record: &StringRecord,
        start: usize,
        digits: &[Digits; 2],
        respondent: &mut Respondent,
        pending: &mut Vec<Pending>,
    ) {
        let header = self.header;
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
                numbered: None,
            });
        };
        if tidy(restore(&record[header.respondent])).is_empty() {
            problem(header.respondent, "the respondent id is empty".to_string());
        }
        let perspective = match perspective(tidy(restore(&record[header.perspective]))) {
            Ok(p) => Some(p),
            Err(message) => {
                problem(header.perspective, message);
                None
            }
        };
        respondent.perspective = perspective.unwrap_or(Perspective::Customer);
        if header
            .group
            .is_none_or(|c| tidy(restore(&record[c])).is_empty())
        {
            respondent.group = None;
        }
        respondent.language = None;
        respondent.answers.iter_mut().for_each(|a| *a = None);
        respondent.nps = None;
        respondent.comments.clear();
        let digits = perspective.map(|p| &digits[p as usize]);
        for (c, (&column, cell)) in header.columns.iter().zip(record).enumerate() {
            // nearly every cell is a one-digit answer that fits: stored straight away
            if let (Some(digits), &[digit @ b'0'..=b'9']) = (digits, cell.as_bytes()) {
                if let Some((question, min, max)) = digits[c] {
                    let v = i64::from(digit - b'0');
                    if (min..=max).contains(&v) {
                        match question {
                            Question::Item(i) => respondent.answers[i] = Some(Answer::Value(v)),
                            Question::Nps => respondent.nps = Some(Answer::Value(v)),
                        }
                        continue;
                    }
                }
            }
            if cell.is_empty() {
                continue;
            }
            let cell = tidy(restore(cell));
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
            if let Err(message) = self.cell(column, key, cell, perspective, respondent) {
                problem(c, message);
            }
        }
    }

    /// Checks one cell that is not empty into `respondent`, whose perspective is
    /// `perspective` (`None` when that is wrong: then everything else is still checked).
    #[inline]
    fn cell(
        &self,
        column: Column,
        key: &str,
        cell: &str,
        perspective: Option<Perspective>,
        respondent: &mut Respondent,
    ) -> Result<(), String> {
        let q = self.questionnaire;
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
            Column::Field(FIELD_LANGUAGE) => check_language(q, cell).map(|()| {
                respondent.language = Some(cell.to_string());
            }),
            Column::Field(_) => Ok(()),
            Column::Answer(question) | Column::Comment(question)
                if perspective.is_some_and(|p| !question.is_asked(q, p)) =>
            {
                Err(not_asked(key, respondent.perspective))
            }
            Column::Answer(question) => {
                record_answer(q, respondent, key, question, Raw::cell(cell))
            }
            Column::Comment(question) => {
                record_comment(respondent, question, cell);
                Ok(())
            }
        }
    }
}

/// A record the csv crate could not read (not UTF-8), in a part starting at `offset`.
#[cold]
fn unreadable(e: &csv::Error, offset: u64) -> Pending {
    let at = e.position().map_or(0, |p| p.byte());
    match e.kind() {
        csv::ErrorKind::Utf8 {
            pos: Some(pos),
            err,
        } => Pending {
            offset: (offset + at) as usize,
            cell: None,
            message: format!("field: {}, byte: {}): {err}", err.field(), offset + at),
            numbered: Some((pos.record(), pos.line())),
        },
        _ => Pending::at(
            (offset + at) as usize,
            format!("cannot read the table: {e}"),
        ),
    }
}

/// A cell without the spaces around it; most cells have none, and checking is cheaper than
/// trimming.
#[inline]
fn tidy(cell: &str) -> &str {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(first), Some(last)) if first.is_ascii_graphic() && last.is_ascii_graphic() => cell,
        _ => cell.trim(),
    }
}

/// A respondent without answers, with a place for each item's.
pub(super) fn new_respondent(
    questionnaire: &Questionnaire,
    id: String,
    perspective: Option<Perspective>,
) -> Respondent {
    Respondent {
        id,
        perspective: perspective.unwrap_or(Perspective::Customer),
        group: None,
        language: None,
        answers: vec![None; questionnaire.items.len()],
        nps: None,
        comments: Vec::new(),
    }
}

/// Records an answer to a question already known to be asked of the respondent.
#[inline]
pub(super) fn record_answer(
    questionnaire: &Questionnaire,
    respondent: &mut Respondent,
    key: &str,
    question: Question,
    raw: Raw,
) -> Result<(), String> {
    let answer = check_answer(questionnaire, key, question, raw)?;
    match question {
        Question::Item(i) => respondent.answers[i] = Some(answer),
        Question::Nps => respondent.nps = Some(answer),
    }
    Ok(())
}

pub(super) fn record_comment(respondent: &mut Respondent, question: Question, text: &str) {
    let text = text.trim();
    if !text.is_empty() {
        respondent.comments.push(Comment {
            item: question.item(),
            text: text.to_string(),
        });
    }
}

pub(super) fn not_asked(key: &str, perspective: Perspective) -> String {
    format!(
        "`{key}` is not asked of the `{}` perspective (its wording for that side is missing in the questionnaire)",
        perspective.id()
    )
}

pub(super) fn perspective(value: &str) -> Result<Perspective, String> {
    Perspective::parse(value).ok_or_else(|| {
        format!("unknown perspective `{value}` (expected \"self\" for the company's people or \"customer\")")
    })
}
