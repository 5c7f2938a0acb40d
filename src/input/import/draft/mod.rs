//! A mapping drafted from an export alone: its header rows and tool, the respondent, date,
//! language and "finished" columns it recognises, the columns whose headers are the
//! questionnaire's wording, their comment columns, and the answer texts placed on the scale.
//! Everything it is unsure of is said, for the output to write as comments; nothing is
//! guessed silently. Writing the mapping's text is the output layer's (`output::mapping`).

mod fields;
mod items;
mod values;
mod words;

use std::collections::BTreeSet;
use std::path::Path;

use crate::input::diagnostics::Problems;
use crate::model::questionnaire::{Perspective, Questionnaire};

pub use fields::{DateColumn, Keep, LanguageColumn, Respondent, Tool};
pub use items::{Comment, CommentWhy, Matched, Question, Sureness};
pub use values::{Placed, ScaleNote, Value, Values, Why};

/// How a mapping names a column of the export.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnRef {
    /// `column = "…"`: its exact first-row header, unique.
    Header(String),
    /// `question = "…"`: text in its header rows only (a matrix statement under an empty or
    /// repeated first-row cell).
    Question(String),
}

/// The draft of a mapping for one export.
#[derive(Debug)]
pub struct Draft {
    pub header_rows: usize,
    pub tool: Option<Tool>,
    /// Each column's name as problems and lists name it (`Heading / Statement` under a
    /// merged matrix heading).
    pub names: Vec<String>,
    /// How many rows there are under the header rows.
    pub rows: usize,
    pub respondent: Respondent,
    pub date: Option<DateColumn>,
    pub language: Option<LanguageColumn>,
    /// When there is no language column: the one language every matched header is worded
    /// in, if there is one.
    pub worded_in: Option<String>,
    /// The rules of `keep`, all of which must hold.
    pub keep: Vec<Keep>,
    /// The questions found, in questionnaire order (the NPS question last).
    pub matched: Vec<Matched>,
    /// The ids of the questions asked of the perspective that no column matched.
    pub unmatched: Vec<String>,
    /// Questions whose best column cannot be named by a mapping (its header is another
    /// column's too), with that column; they are also among the `unmatched`.
    pub unnamed: Vec<(Question, usize)>,
    /// How many matched headers are worded for the other perspective.
    pub other_perspective: usize,
    pub values: Values,
    /// The range the export's NPS answers are stored on when it is not 0–10: SoSci Survey
    /// stores a scale of 11 points as 1 … 11, so `scale = [1, 11]` on the NPS question.
    pub nps_scale: Option<(i64, i64)>,
    /// The columns no field or question takes, in the export's order.
    pub left_out: Vec<usize>,
    /// Of those, the columns whose answers fit the scale (answers without a wording to match).
    pub answer_like: Vec<usize>,
}

impl Draft {
    /// The item or NPS id of a matched question.
    pub fn id<'q>(&self, question: Question, q: &'q Questionnaire) -> &'q str {
        match question {
            Question::Item(i) => &q.items[i].id,
            Question::Nps => q.nps.as_ref().map_or("nps", |n| n.id.as_str()),
        }
    }
}

/// Drafts a mapping of the export at `path` onto `q` for respondents of `perspective`. The
/// export is read as `import` reads it; a problem with it is the only error.
pub fn draft(path: &Path, q: &Questionnaire, perspective: Perspective) -> Result<Draft, Problems> {
    let mut export = super::read_export(path)?;
    let header_rows = export.header_cells.len();
    let first = &export.headers.first;
    // the rows are taken, not copied: an export of 100,000 rows is read once
    let rows: Vec<Vec<String>> = std::mem::take(&mut export.table.rows)
        .into_iter()
        .map(|(_, r)| r)
        .collect();
    let tool = fields::tool(first, header_rows);
    let respondent = fields::respondent(first, &rows, tool);
    let date = fields::date(first, &rows, export.workbook);
    let language = fields::language(first, &rows, q);
    let keep = fields::keep(first, tool);
    let mut taken = BTreeSet::new();
    if let Respondent::Column { column, .. } = &respondent {
        taken.insert(*column);
    }
    taken.extend(date.as_ref().map(|d| d.column));
    taken.extend(language.as_ref().map(|l| l.column));
    taken.extend(keep.iter().map(|k| k.column));
    let width = first.len();
    let cells: Vec<Vec<&str>> = (0..width)
        .map(|c| {
            let mut cells: Vec<&str> = export
                .header_cells
                .iter()
                .filter_map(|row| row.get(c).map(String::as_str))
                .filter(|cell| !cell.is_empty() && !cell.starts_with("{\"ImportId\""))
                .collect();
            cells.dedup();
            cells
        })
        .collect();
    let column_values: Vec<Vec<&str>> = (0..width)
        .map(|c| rows.iter().map(|r| r[c].as_str()).collect())
        .collect();
    let columns = items::Columns {
        cells,
        values: column_values,
        first,
        texts: &export.headers.texts,
        taken,
    };
    let (mut matched, unnamed) = items::match_questions(&columns, q, perspective);
    items::match_comments(&columns, &mut matched);
    let answered: Vec<Vec<&str>> = matched
        .iter()
        .filter(|m| m.question != Question::Nps)
        .map(|m| columns.values[m.column].clone())
        .collect();
    let mut used = columns.taken.clone();
    for m in &matched {
        used.insert(m.column);
        if let Some(comment) = m.comment.as_ref().filter(|k| k.why.sure()) {
            used.insert(comment.column);
        }
    }
    let left_out: Vec<usize> = (0..width).filter(|c| !used.contains(c)).collect();
    let answer_like: Vec<usize> = match q.items.is_empty() {
        true => Vec::new(),
        false => left_out
            .iter()
            .copied()
            .filter(|&c| items::fit(&columns.values[c], Question::Item(0), q) >= 0.5)
            .collect(),
    };
    // without a matched item, the answers of the columns without wording still tell the
    // [values] to write
    let answered = match answered.is_empty() {
        true => answer_like
            .iter()
            .map(|&c| columns.values[c].clone())
            .collect(),
        false => answered,
    };
    let mut values = values::values(&answered, q, tool);
    // the NPS question's answers that are no number: `import` needs them placed too
    if let Some(nps) = matched.iter().find(|m| m.question == Question::Nps) {
        values::add_unplaced(&mut values, &columns.values[nps.column], |cell| {
            cell.parse::<i64>().is_ok()
        });
    }
    let nps_scale = matched
        .iter()
        .find(|m| m.question == Question::Nps)
        .and_then(|m| nps_stored_from_one(&columns.values[m.column], tool));
    let languages: BTreeSet<&str> = matched.iter().map(|m| m.language.as_str()).collect();
    let worded_in = match (languages.len(), &language) {
        (1, None) => languages.first().map(|l| l.to_string()),
        _ => None,
    };
    let other_perspective = matched
        .iter()
        .filter(|m| m.perspective != perspective)
        .count();
    let unmatched = unmatched(q, perspective, &matched);
    Ok(Draft {
        header_rows,
        tool,
        names: export.headers.names.clone(),
        rows: rows.len(),
        respondent,
        date,
        language,
        worded_in,
        keep,
        matched,
        unmatched,
        unnamed,
        other_perspective,
        values,
        nps_scale,
        left_out,
        answer_like,
    })
}

/// `Some((1, 11))` when the NPS answers are stored as 1 … 11 instead of 0 … 10: an 11 and
/// no 0 among them, or, from SoSci Survey (which stores every scale from 1), no 0 at all.
fn nps_stored_from_one(cells: &[&str], tool: Option<Tool>) -> Option<(i64, i64)> {
    let numbers: Vec<i64> = cells
        .iter()
        .filter_map(|c| c.trim().parse::<i64>().ok())
        .filter(|n| *n >= 0)
        .collect();
    let (min, max) = (numbers.iter().min()?, numbers.iter().max()?);
    let from_one = *min >= 1 && *max <= 11;
    (from_one && (*max == 11 || tool == Some(Tool::SoSci))).then_some((1, 11))
}

/// The ids of the questions asked of `perspective` that no column matched.
fn unmatched(q: &Questionnaire, perspective: Perspective, matched: &[Matched]) -> Vec<String> {
    let found: BTreeSet<Question> = matched.iter().map(|m| m.question).collect();
    let items = (0..q.items.len())
        .filter(|&i| q.items[i].is_asked(perspective) && !found.contains(&Question::Item(i)))
        .map(|i| q.items[i].id.clone());
    let nps = q
        .nps
        .as_ref()
        .filter(|n| n.is_asked(perspective) && !found.contains(&Question::Nps))
        .map(|n| n.id.clone());
    items.chain(nps).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_answers_stored_from_one_get_a_scale() {
        assert_eq!(nps_stored_from_one(&["1", "11", "7"], None), Some((1, 11)));
        assert_eq!(nps_stored_from_one(&["1", "10", "7"], None), None);
        assert_eq!(
            nps_stored_from_one(&["1", "10", "-9"], Some(Tool::SoSci)),
            Some((1, 11))
        );
        assert_eq!(nps_stored_from_one(&["0", "10"], Some(Tool::SoSci)), None);
        assert_eq!(nps_stored_from_one(&["", "na"], None), None);
    }
}
