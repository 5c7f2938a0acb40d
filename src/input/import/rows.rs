//! Converting each row of an export into a row of the answer table, as the [`Plan`] says:
//! respondent ids, perspectives, dates, languages, answers and comments.

use std::collections::HashMap;

use super::mapping::{
    base_language, LanguageFrom, MappedColumn, PerspectiveFrom, Plan, RespondentFrom, Target,
};
use super::normalise;
use crate::input::check::Question;
use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::input::spreadsheet::{serial_date, SheetPlace};
use crate::input::table::{cell_offsets, cell_span, parse_date, Table, FORMATS};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::Answer;

/// The answer table's header: `respondent`, `perspective`, the optional fields the mapping
/// fills, then the answers and comments in the plan's order.
pub(super) fn header(plan: &Plan, q: &Questionnaire) -> Vec<String> {
    let mut header: Vec<String> = vec!["respondent".into(), "perspective".into()];
    if plan.group.is_some() {
        header.push("group".into());
    }
    if plan.date.is_some() {
        header.push("date".into());
    }
    if plan.language.is_some() {
        header.push("language".into());
    }
    header.extend(plan.columns.iter().map(|m| m.target.sort_key(q).2));
    header
}

/// The rows of an export that are not imported, by why (in the order first met).
pub type LeftOut = Vec<(String, usize)>;

/// Why a row that answers no mapped item and no NPS question is left out.
pub const ANSWERED_NOTHING: &str = "answered nothing mapped";

/// Where the rows of an export are, for naming the place of a problem: byte offsets in a
/// CSV's text, or rows of a sheet.
pub(super) enum Places<'a> {
    Text(&'a Source<'a>),
    Sheet(&'a std::path::Path, &'a SheetPlace),
}

impl Places<'_> {
    /// A problem in cell `c` of `row`.
    fn error(&self, row: &Row, c: usize, message: String) -> Diagnostic {
        match self {
            Places::Text(source) => {
                let span = cell_span(source.text, row.start, &row.offsets, c);
                source.error(span, message)
            }
            Places::Sheet(path, sheet) => sheet.error(path, row.start, c, message),
        }
    }

    /// Whether a number is an Excel serial date (in a sheet, where a date cell without a
    /// date format is one).
    pub(super) fn serial_dates(&self) -> bool {
        matches!(self, Places::Sheet(..))
    }

    /// Where the row that starts at `start` is: `line 4`, or `row 4` of a sheet.
    fn row(&self, start: usize) -> String {
        match self {
            Places::Text(source) => format!("line {}", source.position(start).0),
            Places::Sheet(..) => format!("row {}", start + 1),
        }
    }
}

/// Converts every row of the export that meets the mapping's `keep` rules and answers
/// something; with any problem (all are collected), there are no rows. Also returns the
/// number of respondents and the rows left out.
pub(super) fn convert(
    plan: &Plan,
    q: &Questionnaire,
    table: &Table,
    source: &Places,
    dates: Option<String>,
) -> Result<(Vec<Vec<String>>, usize, LeftOut), Problems> {
    let mut converter = Converter {
        plan,
        q,
        table,
        source,
        dates,
        ids: HashMap::new(),
        problems: Problems::default(),
    };
    let mut left_out: LeftOut = Vec::new();
    let mut rows = Vec::new();
    for (start, cells) in &table.rows {
        match left_out_because(plan, cells) {
            Some(reason) => match left_out.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, n)) => *n += 1,
                None => left_out.push((reason, 1)),
            },
            None => rows.push(converter.row(*start, cells)),
        }
    }
    let respondents = converter.ids.len();
    converter
        .problems
        .into_result((rows, respondents, left_out))
}

/// Why a row is not imported: the first `keep` rule it fails, or that it answers no mapped
/// question ("na" is an answer; an empty cell or a code mapped to unanswered is not).
fn left_out_because(plan: &Plan, cells: &[String]) -> Option<String> {
    for rule in &plan.keep {
        let cell = cells.get(rule.column).map_or("", |c| c.trim());
        let kept = match &rule.values {
            Some(values) => values.contains(&normalise(cell)),
            None => !cell.is_empty(),
        };
        if !kept {
            return Some(rule.reason.clone());
        }
    }
    let answers = plan.columns.iter().any(|mapped| {
        let cell = cells.get(mapped.column).map_or("", |c| c.trim());
        matches!(mapped.target, Target::Answer(_))
            && !cell.is_empty()
            && !matches!(mapped.values.get(&normalise(cell)), Some(None))
    });
    (!answers).then(|| ANSWERED_NOTHING.to_string())
}

struct Converter<'a> {
    plan: &'a Plan,
    q: &'a Questionnaire,
    table: &'a Table,
    /// Where problems are placed.
    source: &'a Places<'a>,
    /// Every respondent id so far, and where its row starts.
    ids: HashMap<String, usize>,
    problems: Problems,
    /// When no value of the date column is a date: that problem, said once at the first
    /// value (then `None`), not at each row.
    dates: Option<String>,
}

/// A row of the export being converted.
struct Row<'a> {
    start: usize,
    cells: &'a [String],
    /// Where its cells start in the export's text.
    offsets: Vec<usize>,
}

impl Converter<'_> {
    /// One row of the answer table.
    fn row(&mut self, start: usize, cells: &[String]) -> Vec<String> {
        let offsets = match self.source {
            Places::Text(source) => {
                cell_offsets(source.text, start, self.table.delimiter, cells.len())
            }
            Places::Sheet(..) => Vec::new(),
        };
        let row = Row {
            start,
            cells,
            offsets,
        };
        let id = self.respondent(&row);
        let perspective = self.perspective(&row);
        let mut record = vec![id, perspective.map_or("", |p| p.id()).to_string()];
        if let Some(c) = self.plan.group {
            record.push(cells[c].trim().to_string());
        }
        if let Some((c, format)) = &self.plan.date {
            let date = match &mut self.dates {
                None => self.date(&row, *c, format),
                Some(_) if row.cells[*c].trim().is_empty() => String::new(),
                Some(message) => {
                    let message = std::mem::take(message);
                    if !message.is_empty() {
                        self.problems.push(self.source.error(&row, *c, message));
                    }
                    String::new()
                }
            };
            record.push(date);
        }
        match &self.plan.language {
            Some(LanguageFrom::Constant(l)) => record.push(l.clone()),
            Some(LanguageFrom::Column(c, codes)) => record.push(self.language(&row, *c, codes)),
            None => {}
        }
        for mapped in &self.plan.columns {
            record.push(self.answer(&row, mapped, perspective));
        }
        record
    }

    /// A problem in cell `c` of `row`.
    fn problem(&mut self, row: &Row, c: usize, message: String) {
        let header = &self.table.header[c];
        let message = format!("{message} (column `{header}`)");
        self.problems.push(self.source.error(row, c, message));
    }

    /// The respondent id; an empty or repeated one is a problem.
    fn respondent(&mut self, row: &Row) -> String {
        let (id, id_column) = match &self.plan.respondent {
            RespondentFrom::Column(c, prefix) if !row.cells[*c].trim().is_empty() => {
                (format!("{prefix}{}", row.cells[*c].trim()), *c)
            }
            RespondentFrom::Column(c, _) => (String::new(), *c),
            RespondentFrom::Numbered(prefix) => (format!("{prefix}{:03}", self.ids.len() + 1), 0),
        };
        if id.is_empty() {
            self.problem(row, id_column, "the respondent id is empty".into());
        } else if let Some(first) = self.ids.insert(id.clone(), row.start) {
            let first = self.source.row(first);
            self.problem(
                row,
                id_column,
                format!("respondent `{id}` appears twice (first on {first})"),
            );
        }
        id
    }

    fn perspective(&mut self, row: &Row) -> Option<Perspective> {
        match &self.plan.perspective {
            PerspectiveFrom::Constant(p) => Some(*p),
            PerspectiveFrom::Column(c, values) => {
                let cell = row.cells[*c].trim();
                let found = values.get(&normalise(cell)).copied();
                if found.is_none() {
                    let message = if cell.is_empty() {
                        "the perspective cell is empty".to_string()
                    } else {
                        format!("`{cell}` is not in the mapping's perspective `values`")
                    };
                    self.problem(row, *c, message);
                }
                found
            }
        }
    }

    /// The date of column `c` as `YYYY-MM-DD` (empty when the cell is, or is no date).
    fn date(&mut self, row: &Row, c: usize, format: &str) -> String {
        let cell = row.cells[c].trim();
        let serial = || serial_date(cell).filter(|_| self.source.serial_dates());
        match convert_date(cell, format).or_else(serial) {
            Some(date) => date,
            None if cell.is_empty() => String::new(),
            None => {
                self.problem(row, c, format!("`{cell}` is not a date as {format}"));
                String::new()
            }
        }
    }

    /// The language of column `c`, which must be one of the questionnaire's or a variant of
    /// one, or one of the mapping's `codes` (or empty); written as the questionnaire's code.
    fn language(&mut self, row: &Row, c: usize, codes: &HashMap<String, String>) -> String {
        let cell = row.cells[c].trim();
        if cell.is_empty() {
            return String::new();
        }
        let found = codes
            .get(&cell.to_lowercase())
            .cloned()
            .or_else(|| base_language(self.q, cell));
        if let Some(language) = found {
            return language;
        }
        self.problem(
            row,
            c,
            format!(
                "the language `{cell}` is not one of the questionnaire's ({}; map it in the mapping's `language` `values`)",
                self.q.languages.join(", ")
            ),
        );
        cell.to_string()
    }

    /// An answer (a scale value or "na") or a comment, for a respondent of `perspective`;
    /// empty when the cell is, or has a problem.
    fn answer(
        &mut self,
        row: &Row,
        mapped: &MappedColumn,
        perspective: Option<Perspective>,
    ) -> String {
        let c = mapped.column;
        let cell = row.cells[c].trim();
        let question = match mapped.target {
            Target::Comment(_) => {
                // a line break in a cell is one, however the file ends its lines
                return cell.replace("\r\n", "\n");
            }
            Target::Answer(question) => question,
        };
        if cell.is_empty() {
            return String::new();
        }
        if let Some(p) = perspective.filter(|&p| !question.is_asked(self.q, p)) {
            let message = format!("this question is not asked of the `{}` perspective", p.id());
            self.problem(row, c, message);
            return String::new();
        }
        // the mapping decides first, so that tools that export codes ("1" for "fully
        // agree") are read as the mapping says, not as the number
        let mapped_answer = match mapped.values.get(&normalise(cell)).copied() {
            Some(None) => return String::new(),
            Some(Some(answer)) => Some(answer),
            None => None,
        };
        // a number of the export is moved onto the questionnaire's scale by the mapping's
        // `scale`; the mapping's `values` are already on it
        let shift = mapped.shift.unwrap_or(0);
        let answer = mapped_answer.or_else(|| {
            cell.parse::<i64>()
                .ok()
                .map(|v| Answer::Value(v.saturating_add(shift)))
        });
        let range = question.range(self.q);
        match answer {
            Some(Answer::Value(v)) if range.contains(&v) => v.to_string(),
            Some(Answer::Value(v)) => {
                let how = if mapped_answer.is_some() {
                    format!("the mapping turns \"{cell}\" into {v}, which")
                } else if shift != 0 {
                    format!("{cell} (on the mapping's `scale`, {v} on the questionnaire's)")
                } else {
                    format!("{v}")
                };
                let hint = match (question, mapped_answer, mapped.shift) {
                    (Question::Item(_), None, None) => scale_hint(&range),
                    _ => String::new(),
                };
                let message = format!(
                    "{how} is outside the scale ({} to {}){hint}",
                    range.start(),
                    range.end()
                );
                self.problem(row, c, message);
                String::new()
            }
            Some(Answer::NotApplicable) => "na".into(),
            None => {
                let message = format!("the answer \"{cell}\" is not in the mapping's `values`");
                self.problem(row, c, message);
                String::new()
            }
        }
    }
}

/// What to do about a number of the export outside the questionnaire's scale when the mapping
/// says nothing of the export's: another questionnaire, or the mapping's `scale`.
fn scale_hint(range: &std::ops::RangeInclusive<i64>) -> String {
    let (min, max) = (*range.start(), *range.end());
    let points = max - min + 1;
    let other = if points == 7 { 5 } else { 7 };
    format!(
        ": is the export on {other} points? use `init --scale {other}`; is it shifted ({}–{})? write `scale = [{}, {}]` in the mapping",
        min - 1,
        max - 1,
        min - 1,
        max - 1
    )
}

/// When no value of the date column is a date in the mapping's format: the one problem to
/// say so (at the first value), with the format they are all written in, if one of the
/// known, and what to do.
pub(super) fn unreadable_dates(plan: &Plan, table: &Table, places: &Places) -> Option<String> {
    let (c, format) = plan.date.as_ref()?;
    let values: Vec<&str> = table
        .rows
        .iter()
        .map(|(_, cells)| cells[*c].trim())
        .filter(|cell| !cell.is_empty())
        .collect();
    let first = values.first()?;
    let serial = |v: &str| places.serial_dates() && serial_date(v).is_some();
    if values
        .iter()
        .any(|v| parse_date(v, format).is_some() || serial(v))
    {
        return None;
    }
    let fits = FORMATS
        .iter()
        .find(|f| values.iter().all(|v| parse_date(v, f).is_some()));
    let header = &table.header[*c];
    let (what, they) = match values.len() {
        1 => (
            format!("`{first}` is not a date as {format} (column `{header}`)"),
            "it is",
        ),
        2 => (
            format!(
                "`{first}` is not a date as {format}, nor is the other value of the column `{header}`"
            ),
            "they are",
        ),
        n => (
            format!(
                "`{first}` is not a date as {format}, nor is any of the other {} values of the column `{header}`",
                n - 1
            ),
            "they are",
        ),
    };
    Some(match fits {
        Some(fits) => format!(
            "{what}: {they} dates as {fits} (write format = \"{fits}\" in the mapping's `date`)"
        ),
        None => format!(
            "{what} (write the date's `format` in the mapping, one of {}, or leave `date` out)",
            FORMATS.join(", ")
        ),
    })
}

/// A date as survey tools write it, as `YYYY-MM-DD` (see [`parse_date`]).
fn convert_date(cell: &str, format: &str) -> Option<String> {
    parse_date(cell, format).map(|d| d.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_survey_tools() {
        assert_eq!(
            convert_date("2026-10-12 14:33:01", "yyyy-mm-dd").as_deref(),
            Some("2026-10-12")
        );
        assert_eq!(
            convert_date("12.10.2026 14:33", "dd.mm.yyyy").as_deref(),
            Some("2026-10-12")
        );
        assert_eq!(
            convert_date("10/12/2026 2:33:01 PM", "mm/dd/yyyy").as_deref(),
            Some("2026-10-12")
        );
        assert_eq!(convert_date("31.02.2026", "dd.mm.yyyy"), None);
        assert_eq!(
            convert_date("11.04.2026", "mm/dd/yyyy"),
            None,
            "the separator must fit the format"
        );
        assert_eq!(
            convert_date("4/10/26", "mm/dd/yyyy"),
            None,
            "a two-digit year is ambiguous"
        );
    }
}
