//! Which column of the export is which question: each column's header cells against every
//! wording of every question (both languages, both perspectives), the best pairs first, so
//! that no question gets two columns and no column two questions; then the comment columns
//! beside them.

use std::collections::BTreeSet;

use super::values::place;
use super::words::{fold, is_recommendation_question, likeness, Likeness, THRESHOLD};
use super::ColumnRef;
use crate::model::questionnaire::{Perspective, Questionnaire, Text};

/// The export's columns as the matcher sees them.
pub(super) struct Columns<'e> {
    /// Each column's header cells (of every header row), without the empty ones and
    /// Qualtrics' `{"ImportId":…}`.
    pub cells: Vec<Vec<&'e str>>,
    /// Each column's answers, one a row.
    pub values: Vec<Vec<&'e str>>,
    /// The first header row, what `column = …` names.
    pub first: &'e [String],
    /// What `question = …` searches in each column (see `Headers::texts`).
    pub texts: &'e [String],
    /// Columns already taken (respondent, date, language, keep).
    pub taken: BTreeSet<usize>,
}

/// A question of the questionnaire: an item by index, or the NPS question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Question {
    Item(usize),
    Nps,
}

impl Question {
    fn wordings(self, q: &Questionnaire) -> Vec<(&Text, Perspective)> {
        let (own, customer) = match self {
            Question::Item(i) => (q.items[i].self_text.as_ref(), q.items[i].customer.as_ref()),
            Question::Nps => match &q.nps {
                Some(nps) => (nps.self_text.as_ref(), nps.customer.as_ref()),
                None => (None, None),
            },
        };
        let mut wordings = Vec::new();
        wordings.extend(customer.map(|t| (t, Perspective::Customer)));
        wordings.extend(own.map(|t| (t, Perspective::SelfView)));
        wordings
    }

    fn range(self, q: &Questionnaire) -> std::ops::RangeInclusive<i64> {
        match self {
            Question::Item(_) => q.scale.min..=q.scale.max,
            Question::Nps => 0..=10,
        }
    }
}

/// How sure a match is.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sureness {
    /// A header cell (or its statement after a lead-in) is a wording of the question.
    Exact,
    /// This share of words in common with a wording (at least [`THRESHOLD`]).
    Words(f64),
    /// The usual recommendation question, though not the questionnaire's wording.
    UsualNps,
}

impl Sureness {
    fn score(self) -> f64 {
        match self {
            Sureness::Exact => 1.0,
            Sureness::Words(share) => share,
            Sureness::UsualNps => THRESHOLD,
        }
    }
}

/// A column matched to a question.
#[derive(Debug, Clone)]
pub struct Matched {
    pub question: Question,
    pub column: usize,
    pub name: ColumnRef,
    pub sure: Sureness,
    /// The header cell that matched.
    pub cell: String,
    /// The language and perspective of the wording it matched.
    pub language: String,
    pub perspective: Perspective,
    /// Other columns as like the question, left out: (column, how like).
    pub rivals: Vec<(usize, Sureness)>,
    pub comment: Option<Comment>,
}

/// A comment column of a question.
#[derive(Debug, Clone)]
pub struct Comment {
    pub column: usize,
    pub name: ColumnRef,
    pub why: CommentWhy,
}

/// Why a column is taken for a question's comment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommentWhy {
    /// Its header names the item's column (`R3[comment]`).
    NamesColumn,
    /// It follows the item's column and its header says it is a comment.
    Follows,
    /// A general "anything else?" question, the NPS question's comment.
    General,
    /// Free text right after the item's column, its header not saying so: unsure.
    FreeTextAfter,
}

impl CommentWhy {
    /// Whether the draft takes it; otherwise it is written commented out.
    pub fn sure(self) -> bool {
        self != CommentWhy::FreeTextAfter
    }
}

/// The best candidate for each (column, question), as one pair.
struct Candidate {
    column: usize,
    question: Question,
    sure: Sureness,
    /// The share of the column's answers that fit the question (numbers in its range,
    /// texts that can be placed): of two equally worded columns, the one with its answers.
    fit: f64,
    cell: String,
    language: String,
    perspective: Perspective,
}

/// The questions asked of `perspective`, each matched to its best column; and the questions
/// whose best column a mapping cannot name (its header is another column's too).
pub(super) fn match_questions(
    columns: &Columns,
    q: &Questionnaire,
    perspective: Perspective,
) -> (Vec<Matched>, Vec<(Question, usize)>) {
    let mut questions: Vec<Question> = (0..q.items.len())
        .filter(|&i| q.items[i].is_asked(perspective))
        .map(Question::Item)
        .collect();
    if q.nps.as_ref().is_some_and(|n| n.is_asked(perspective)) {
        questions.push(Question::Nps);
    }
    let mut candidates = Vec::new();
    for c in (0..columns.cells.len()).filter(|c| !columns.taken.contains(c)) {
        for &question in &questions {
            if let Some(candidate) = candidate(columns, c, question, q) {
                candidates.push(candidate);
            }
        }
    }
    candidates.sort_by(|a, b| {
        b.sure
            .score()
            .total_cmp(&a.sure.score())
            .then(b.fit.total_cmp(&a.fit))
            .then(a.column.cmp(&b.column))
            .then(a.question.cmp(&b.question))
    });
    let mut matched: Vec<Matched> = Vec::new();
    let mut unnamed: Vec<(Question, usize)> = Vec::new();
    let mut used = BTreeSet::new();
    for candidate in candidates {
        if used.contains(&candidate.column) {
            continue;
        }
        if let Some(best) = matched
            .iter_mut()
            .find(|m| m.question == candidate.question)
        {
            best.rivals.push((candidate.column, candidate.sure));
            continue;
        }
        let Some(name) = column_ref(columns, candidate.column, &candidate.cell) else {
            if !unnamed.iter().any(|(q, _)| *q == candidate.question) {
                unnamed.push((candidate.question, candidate.column));
            }
            continue;
        };
        used.insert(candidate.column);
        matched.push(Matched {
            question: candidate.question,
            column: candidate.column,
            name,
            sure: candidate.sure,
            cell: candidate.cell,
            language: candidate.language,
            perspective: candidate.perspective,
            rivals: Vec::new(),
            comment: None,
        });
    }
    // a rival that another question took is no rival
    for m in &mut matched {
        m.rivals.retain(|(c, _)| !used.contains(c));
    }
    matched.sort_by_key(|m| m.question);
    unnamed.retain(|(question, _)| !matched.iter().any(|m| m.question == *question));
    unnamed.sort();
    (matched, unnamed)
}

/// How like column `c` is to `question`: its best header cell against the question's best
/// wording, if like enough.
fn candidate(
    columns: &Columns,
    c: usize,
    question: Question,
    q: &Questionnaire,
) -> Option<Candidate> {
    let mut best: Option<(Likeness, &str, &str, Perspective)> = None;
    for cell in &columns.cells[c] {
        for (text, perspective) in question.wordings(q) {
            for (language, wording) in &text.0 {
                let found = likeness(cell, wording);
                if best.as_ref().is_none_or(|b| found.score() > b.0.score()) {
                    best = Some((found, cell, language, perspective));
                }
            }
        }
    }
    let (found, cell, language, perspective) = best?;
    let sure = match found {
        Likeness::Exact => Sureness::Exact,
        Likeness::Words(share) if share >= THRESHOLD => Sureness::Words(share),
        _ if question == Question::Nps => {
            let cell = columns.cells[c]
                .iter()
                .find(|cell| is_recommendation_question(cell))?;
            return Some(Candidate {
                column: c,
                question,
                sure: Sureness::UsualNps,
                fit: fit(&columns.values[c], question, q),
                cell: cell.to_string(),
                language: language.to_string(),
                perspective,
            });
        }
        _ => return None,
    };
    Some(Candidate {
        column: c,
        question,
        sure,
        fit: fit(&columns.values[c], question, q),
        cell: cell.to_string(),
        language: language.to_string(),
        perspective,
    })
}

/// The share of a column's filled cells that answer `question`: whole numbers in its range,
/// or (for an item) texts that can be placed on the scale.
pub(super) fn fit(values: &[&str], question: Question, q: &Questionnaire) -> f64 {
    // each distinct answer is placed once: an export of 100,000 rows has a handful
    let mut distinct: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for v in values.iter().map(|v| v.trim()).filter(|v| !v.is_empty()) {
        *distinct.entry(v).or_default() += 1;
    }
    let filled: usize = distinct.values().sum();
    if filled == 0 {
        return 0.0;
    }
    let range = question.range(q);
    let fits: usize = distinct
        .iter()
        .filter(|(v, _)| match v.parse::<i64>() {
            Ok(n) => range.contains(&n),
            Err(_) => question != Question::Nps && place(v, q, None).is_some(),
        })
        .map(|(_, count)| count)
        .sum();
    fits as f64 / filled as f64
}

/// How the mapping names column `c`: its exact first-row header when that is there, no other
/// column's, and no heading spanning the empty first-row cells after it (a matrix heading
/// names no statement); else the header text `cell` when it is in this column's header rows
/// only.
fn column_ref(columns: &Columns, c: usize, cell: &str) -> Option<ColumnRef> {
    let first = &columns.first[c];
    let unique = columns.first.iter().filter(|h| *h == first).count() == 1;
    let spans = columns.first.get(c + 1).is_some_and(|next| next.is_empty()) && first != cell;
    if !first.is_empty() && unique && !spans {
        return Some(ColumnRef::Header(first.clone()));
    }
    let wanted = super::super::normalise(cell);
    let holders = columns.texts.iter().filter(|t| t.contains(&wanted)).count();
    (holders == 1 && columns.texts[c].contains(&wanted))
        .then(|| ColumnRef::Question(cell.to_string()))
}

/// Words that make a header a comment's: `Kommentar`, `comment`, `Other (please specify)`.
const COMMENT_WORDS: &[&str] = &[
    "comment",
    "comments",
    "kommentar",
    "kommentare",
    "anmerkung",
    "anmerkungen",
    "bemerkung",
    "bemerkungen",
    "begrundung",
    "erlauterung",
    "remarks",
    "other",
    "sonstiges",
    "specify",
];

/// Phrases of a general "anything else?" question.
const GENERAL_PHRASES: &[&str] = &[
    "sonst noch",
    "noch etwas",
    "weitere anmerkungen",
    "weitere kommentare",
    "anything else",
    "other comments",
    "further comments",
    "additional comments",
];

/// Finds the comment columns among the columns no question took: one naming an item's
/// column, one following it, a general one for the NPS question.
pub(super) fn match_comments(columns: &Columns, matched: &mut [Matched]) {
    let taken: BTreeSet<usize> = matched.iter().map(|m| m.column).collect();
    for c in 0..columns.cells.len() {
        if taken.contains(&c) || columns.taken.contains(&c) {
            continue;
        }
        let folded: Vec<String> = columns.cells[c].iter().map(|cell| fold(cell)).collect();
        let has_word = folded
            .iter()
            .any(|f| f.split(' ').any(|w| COMMENT_WORDS.contains(&w)));
        let general = folded
            .iter()
            .any(|f| GENERAL_PHRASES.iter().any(|p| f.contains(p)));
        let found = if general {
            matched
                .iter()
                .position(|m| m.question == Question::Nps)
                .map(|i| (i, CommentWhy::General))
        } else {
            names_or_follows(columns, matched, c, has_word)
        };
        let Some((i, why)) = found else {
            continue;
        };
        if matched[i].comment.as_ref().is_some_and(|k| k.why.sure()) {
            continue;
        }
        let cell = columns.cells[c].first().copied().unwrap_or("");
        if let Some(name) = column_ref(columns, c, cell) {
            matched[i].comment = Some(Comment {
                column: c,
                name,
                why,
            });
        }
    }
}

/// The matched item whose comment column `c` is by its header (`R3[comment]`) or its place
/// (right after the item's column, with a comment's header or free text).
fn names_or_follows(
    columns: &Columns,
    matched: &[Matched],
    c: usize,
    has_word: bool,
) -> Option<(usize, CommentWhy)> {
    let header = &columns.first[c];
    let named = matched.iter().position(|m| {
        let own = &columns.first[m.column];
        !own.is_empty()
            && header.len() > own.len()
            && header.starts_with(own.as_str())
            && header[own.len()..].starts_with(['[', '_', ' ', '.', '-', '('])
            && (has_word || fold(&header[own.len()..]).split(' ').any(|w| w == "text"))
    });
    if let Some(i) = named {
        return Some((i, CommentWhy::NamesColumn));
    }
    let before = matched
        .iter()
        .position(|m| m.column + 1 == c && m.question != Question::Nps)?;
    if has_word {
        Some((before, CommentWhy::Follows))
    } else if free_text(&columns.values[c]) {
        Some((before, CommentWhy::FreeTextAfter))
    } else {
        None
    }
}

/// Whether a column holds free text: some answer of three words or more, and no number.
fn free_text(values: &[&str]) -> bool {
    let filled: Vec<&str> = values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .collect();
    filled.iter().any(|v| v.split_whitespace().count() >= 3)
        && !filled.iter().any(|v| v.parse::<f64>().is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn questionnaire() -> Questionnaire {
        Questionnaire::load("customer-centricity", std::path::Path::new("."))
            .unwrap_or_else(|_| panic!("the built-in questionnaire loads"))
    }

    /// The questions matched in a one-row export with these headers and answers.
    fn matched(
        headers: &[&str],
        answers: &[&str],
        perspective: Perspective,
    ) -> Vec<(String, usize, Sureness)> {
        let q = questionnaire();
        let first: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let texts: Vec<String> = headers
            .iter()
            .map(|h| super::super::super::normalise(h))
            .collect();
        let columns = Columns {
            cells: headers.iter().map(|h| vec![*h]).collect(),
            values: answers.iter().map(|a| vec![*a]).collect(),
            first: &first,
            texts: &texts,
            taken: BTreeSet::new(),
        };
        let (mut found, _) = match_questions(&columns, &q, perspective);
        match_comments(&columns, &mut found);
        found
            .iter()
            .map(|m| {
                let id = match m.question {
                    Question::Item(i) => q.items[i].id.clone(),
                    Question::Nps => "nps".to_string(),
                };
                (id, m.column, m.sure)
            })
            .collect()
    }

    #[test]
    fn either_language_and_either_perspective_match() {
        let found = matched(
            &[
                "I receive an answer within one working day.",
                "Unsere Kundinnen und Kunden erhalten innerhalb eines Arbeitstages eine Antwort.",
                "Ich werde höflich und respektvoll behandelt.",
            ],
            &["4", "3", "5"],
            Perspective::Customer,
        );
        let ids: Vec<&str> = found.iter().map(|(id, _, _)| id.as_str()).collect();
        // the English and the self wording of one item: one column wins, the other is its rival
        assert_eq!(ids, ["reach.response-time", "friend.courtesy"], "{found:?}");
    }

    #[test]
    fn a_reversed_item_is_matched_like_any_other() {
        let found = matched(
            &["Bitte bewerten Sie – Ich musste mein Anliegen mehrmals erklaren!"],
            &["2"],
            Perspective::Customer,
        );
        assert_eq!(
            found,
            [("comp.repeat-explain".to_string(), 0, Sureness::Exact)]
        );
    }

    #[test]
    fn an_edited_wording_says_how_much_matches_and_an_unrelated_one_nothing() {
        let found = matched(
            &[
                "Ich erhalte binnen eines Arbeitstages eine Antwort.",
                "Wie alt sind Sie?",
            ],
            &["4", "41"],
            Perspective::Customer,
        );
        assert_eq!(found.len(), 1, "{found:?}");
        let (id, column, sure) = &found[0];
        assert_eq!((id.as_str(), *column), ("reach.response-time", 0));
        assert!(
            matches!(sure, Sureness::Words(s) if *s >= THRESHOLD && *s < 1.0),
            "{sure:?}"
        );
    }

    #[test]
    fn the_nps_column_with_numbers_wins_over_its_group_column() {
        let question = "How likely are you to recommend the company to a friend or colleague?";
        let q = questionnaire();
        let first = vec!["Q6_NPS_GROUP".to_string(), "Q6".to_string()];
        let texts = vec![format!("q6_nps_group {question}"), format!("q6 {question}")];
        let columns = Columns {
            cells: vec![vec!["Q6_NPS_GROUP", question], vec!["Q6", question]],
            values: vec![vec!["Promoter"], vec!["9"]],
            first: &first,
            texts: &texts,
            taken: BTreeSet::new(),
        };
        let (found, unnamed) = match_questions(&columns, &q, Perspective::Customer);
        let columns: Vec<(Question, usize, usize)> = found
            .iter()
            .map(|m| (m.question, m.column, m.rivals.len()))
            .collect();
        assert_eq!(columns, [(Question::Nps, 1, 1)]);
        assert!(unnamed.is_empty());
        // two columns of the same header: neither can be named, and that is said
        let (found, unnamed) = matched_twice(question);
        assert!(found.is_empty());
        assert_eq!(unnamed, [(Question::Nps, 1)]);
    }

    fn matched_twice(header: &str) -> (Vec<Matched>, Vec<(Question, usize)>) {
        let q = questionnaire();
        let first = vec![header.to_string(), header.to_string()];
        let texts: Vec<String> = first
            .iter()
            .map(|h| super::super::super::normalise(h))
            .collect();
        let columns = Columns {
            cells: vec![vec![header], vec![header]],
            values: vec![vec!["Promoter"], vec!["9"]],
            first: &first,
            texts: &texts,
            taken: BTreeSet::new(),
        };
        match_questions(&columns, &q, Perspective::Customer)
    }

    #[test]
    fn comment_columns_are_found_by_name_place_and_question() {
        let q = questionnaire();
        let headers = [
            "R3",
            "R3[comment]",
            "Ich werde höflich und respektvoll behandelt.",
            "Kommentar",
            "How likely are you to recommend us?",
            "Anything else you would like to tell us?",
        ];
        let first: Vec<String> = headers.iter().map(|h| h.to_string()).collect();
        let texts: Vec<String> = headers
            .iter()
            .map(|h| super::super::super::normalise(h))
            .collect();
        let mut found = vec![Matched {
            question: Question::Item(2),
            column: 0,
            name: ColumnRef::Header("R3".into()),
            sure: Sureness::Exact,
            cell: "R3".into(),
            language: "de".into(),
            perspective: Perspective::Customer,
            rivals: Vec::new(),
            comment: None,
        }];
        let columns = Columns {
            cells: headers.iter().map(|h| vec![*h]).collect(),
            values: vec![
                vec!["4"],
                vec!["Nie"],
                vec!["5"],
                vec!["Sehr nett"],
                vec!["9"],
                vec!["Nichts"],
            ],
            first: &first,
            texts: &texts,
            taken: BTreeSet::from([0]),
        };
        found.extend(match_questions(&columns, &q, Perspective::Customer).0);
        match_comments(&columns, &mut found);
        let comments: Vec<(usize, Option<(usize, CommentWhy)>)> = found
            .iter()
            .map(|m| (m.column, m.comment.as_ref().map(|c| (c.column, c.why))))
            .collect();
        assert_eq!(
            comments,
            [
                (0, Some((1, CommentWhy::NamesColumn))),
                (2, Some((3, CommentWhy::Follows))),
                (4, Some((5, CommentWhy::General))),
            ]
        );
    }
}
