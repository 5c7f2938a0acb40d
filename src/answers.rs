//! Respondents' answers: TOML files (one respondent each) and CSV tables (one respondent a
//! row), found at any depth under the answers folder, in sorted path order.
//!
//! Respondents are handed to a sink one by one, so that scoring can run over a survey of any
//! size without holding it; what must be remembered across files (respondent ids, to find
//! duplicates) is kept here.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::assessment::Date;
use crate::diagnostics::{read_to_string, Diagnostic, Problems, Source};
use crate::questionnaire::{Perspective, Questionnaire};

/// One answer that is there: a value on the scale, or "not applicable / don't know".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    Value(i64),
    NotApplicable,
}

/// A comment a respondent left on an item, or on the NPS question (`item: None`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    pub item: Option<usize>,
    pub text: String,
}

#[derive(Debug, Clone)]
pub struct Respondent {
    pub id: String,
    pub perspective: Perspective,
    /// Department or level (self), segment (customer).
    pub group: Option<String>,
    pub language: Option<String>,
    /// One entry per questionnaire item; `None` = left out.
    pub answers: Vec<Option<Answer>>,
    pub nps: Option<Answer>,
    pub comments: Vec<Comment>,
}

/// What a load found besides the respondents.
#[derive(Debug, Default)]
pub struct LoadSummary {
    pub files: usize,
    pub respondents: usize,
    /// Files under the answers folder that are not answer files; reported, not read.
    pub skipped: Vec<PathBuf>,
}

/// Reads every answer file under `dir`, handing each valid respondent to `sink`.
/// All problems are collected; with any, the result is an error listing them all.
pub fn load(
    dir: &Path,
    questionnaire: &Questionnaire,
    sink: &mut dyn FnMut(Respondent),
) -> Result<LoadSummary, Problems> {
    let mut loader = Loader {
        questionnaire,
        problems: Problems::default(),
        seen: HashMap::new(),
        summary: LoadSummary::default(),
    };
    if !dir.is_dir() {
        return Err(Diagnostic::file(
            dir,
            "the answers folder does not exist (put answer files, *.toml or *.csv, there)",
        )
        .into());
    }
    let walk = walkdir::WalkDir::new(dir)
        .follow_links(true)
        .sort_by_file_name();
    for entry in walk {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                let path = e.path().unwrap_or(dir).to_path_buf();
                loader.problems.push(Diagnostic::file(
                    path,
                    format!("cannot read the folder: {e}"),
                ));
                continue;
            }
        };
        let path = entry.path();
        let hidden = entry.depth() > 0 && entry.file_name().to_string_lossy().starts_with('.');
        if hidden || !entry.file_type().is_file() {
            continue;
        }
        let extension = path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase);
        match extension.as_deref() {
            Some("toml") => loader.toml_file(path, sink),
            Some("csv") => loader.csv_file(path, sink),
            _ => loader.summary.skipped.push(path.to_path_buf()),
        }
    }
    if loader.summary.files == 0 && loader.problems.is_empty() {
        loader.problems.push(Diagnostic::file(
            dir,
            "no answer files found (expected *.toml files, one respondent each, or *.csv tables)",
        ));
    }
    loader.problems.into_result(loader.summary)
}

struct Loader<'q> {
    questionnaire: &'q Questionnaire,
    problems: Problems,
    /// Respondent id → where it was first seen.
    seen: HashMap<String, String>,
    summary: LoadSummary,
}

/// An answer as written, before it is checked against the scale.
enum Raw<'a> {
    Integer(i64),
    Text(&'a str),
    Other(String),
}

/// What a key in `[answers]` or a CSV column refers to.
#[derive(Clone, Copy)]
enum Question {
    Item(usize),
    Nps,
}

impl<'q> Loader<'q> {
    fn question(&self, key: &str) -> Option<Question> {
        if self.questionnaire.nps.as_ref().is_some_and(|n| n.id == key) {
            return Some(Question::Nps);
        }
        self.questionnaire.item_index(key).map(Question::Item)
    }

    fn unknown_question(&self, key: &str) -> String {
        let nps = self
            .questionnaire
            .nps
            .as_ref()
            .map(|n| format!(" or `{}`", n.id))
            .unwrap_or_default();
        format!(
            "unknown item id `{key}` (expected an item id of questionnaire `{}`, like `{}`{nps})",
            self.questionnaire.id,
            self.questionnaire
                .items
                .first()
                .map_or("", |i| i.id.as_str()),
        )
    }

    fn is_asked(&self, question: Question, perspective: Perspective) -> bool {
        match question {
            Question::Item(i) => self.questionnaire.items[i].is_asked(perspective),
            Question::Nps => self
                .questionnaire
                .nps
                .as_ref()
                .is_some_and(|n| n.is_asked(perspective)),
        }
    }

    /// Checks one answer against the scale (0–10 for the NPS question).
    fn answer(&self, key: &str, question: Question, raw: Raw) -> Result<Answer, String> {
        let scale = &self.questionnaire.scale;
        let (min, max) = match question {
            Question::Item(_) => (scale.min, scale.max),
            Question::Nps => (0, 10),
        };
        let na = if scale.allow_na { " or \"na\"" } else { "" };
        let expected = format!("a whole number from {min} to {max}{na}");
        match raw {
            Raw::Integer(v) if (min..=max).contains(&v) => Ok(Answer::Value(v)),
            Raw::Text(t) if t.eq_ignore_ascii_case("na") && scale.allow_na => {
                Ok(Answer::NotApplicable)
            }
            Raw::Text(t) if t.eq_ignore_ascii_case("na") => Err(format!(
                "the answer to `{key}` is \"na\", but this questionnaire does not allow \"na\" (expected {expected})"
            )),
            Raw::Integer(v) => Err(format!(
                "the answer to `{key}` is {v}, outside the scale (expected {expected})"
            )),
            Raw::Text(t) => match t.parse::<f64>() {
                Ok(_) => Err(format!(
                    "the answer to `{key}` is {t}, not a whole number (expected {expected})"
                )),
                Err(_) => Err(format!(
                    "the answer to `{key}` is \"{t}\" (expected {expected})"
                )),
            },
            Raw::Other(found) => Err(format!(
                "the answer to `{key}` is {found} (expected {expected})"
            )),
        }
    }

    fn perspective_not_asked(key: &str, perspective: Perspective) -> String {
        format!(
            "`{key}` is not asked of the `{}` perspective (its wording for that side is missing in the questionnaire)",
            perspective.id()
        )
    }

    /// Registers a respondent id; false (and a problem) when it was seen before.
    fn claim_id(&mut self, id: &str, here: Diagnostic) -> bool {
        let location = match here.position {
            Some((line, _)) => format!("{}:{line}", here.file.display()),
            None => here.file.display().to_string(),
        };
        if let Some(first) = self.seen.get(id) {
            self.problems.push(Diagnostic {
                message: format!("respondent `{id}` appears twice: first in {first}"),
                ..here
            });
            return false;
        }
        self.seen.insert(id.to_string(), location);
        true
    }

    fn check_language(&self, language: &str) -> Result<(), String> {
        if self.questionnaire.languages.iter().any(|l| l == language) {
            Ok(())
        } else {
            Err(format!(
                "`language` is `{language}`, but the questionnaire has only {}",
                self.questionnaire.languages.join(", ")
            ))
        }
    }

    fn new_respondent(&self, id: String, perspective: Perspective) -> Respondent {
        Respondent {
            id,
            perspective,
            group: None,
            language: None,
            answers: vec![None; self.questionnaire.items.len()],
            nps: None,
            comments: Vec::new(),
        }
    }

    fn toml_file(&mut self, path: &Path, sink: &mut dyn FnMut(Respondent)) {
        self.summary.files += 1;
        let text = match read_to_string(path) {
            Ok(text) => text,
            Err(e) => return self.problems.push(e),
        };
        let source = Source { path, text: &text };
        let file: AnswerFile = match toml::from_str(&text) {
            Ok(file) => file,
            Err(e) => return self.problems.push(source.toml_error(&e)),
        };
        let before = self.problems.0.len();
        let q = self.questionnaire;
        if file.questionnaire.get_ref() != &q.id {
            self.problems.push(source.error(
                file.questionnaire.span(),
                format!(
                    "answers questionnaire `{}`, but this assessment uses `{}`",
                    file.questionnaire.get_ref(),
                    q.id
                ),
            ));
        }
        let version = file.questionnaire_version.get_ref();
        if crate::questionnaire::major_version(version) != Some(q.major) {
            self.problems.push(source.error(
                file.questionnaire_version.span(),
                format!(
                    "`questionnaire_version` is `{version}`, but the questionnaire is version {} (the major versions must match)",
                    q.version
                ),
            ));
        }
        let perspective = match Perspective::parse(file.perspective.get_ref()) {
            Some(p) => p,
            None => {
                return self.problems.push(source.error(
                    file.perspective.span(),
                    format!(
                        "unknown perspective `{}` (expected \"self\" or \"customer\")",
                        file.perspective.get_ref()
                    ),
                ))
            }
        };
        let id = file.respondent.get_ref().trim().to_string();
        if id.is_empty() {
            self.problems.push(source.error(
                file.respondent.span(),
                "`respondent` is empty (give each respondent a pseudonymous id)",
            ));
        }
        if let Some(date) = &file.date {
            if Date::from_toml(date.get_ref()).is_none() {
                self.problems.push(source.error(
                    date.span(),
                    "`date` must be a date like 2026-10-01, without a time",
                ));
            }
        }
        let mut respondent = self.new_respondent(id.clone(), perspective);
        respondent.group = file
            .group
            .map(|g| g.trim().to_string())
            .filter(|g| !g.is_empty());
        if let Some(language) = &file.language {
            match self.check_language(language.get_ref()) {
                Ok(()) => respondent.language = Some(language.get_ref().clone()),
                Err(message) => self.problems.push(source.error(language.span(), message)),
            }
        }
        for (key, value) in &file.answers {
            let Some(question) = self.question(key.get_ref()) else {
                let message = self.unknown_question(key.get_ref());
                self.problems.push(source.error(key.span(), message));
                continue;
            };
            if !self.is_asked(question, perspective) {
                let message = Self::perspective_not_asked(key.get_ref(), perspective);
                self.problems.push(source.error(key.span(), message));
                continue;
            }
            let raw = match value.get_ref() {
                toml::Value::Integer(v) => Raw::Integer(*v),
                toml::Value::String(s) => Raw::Text(s),
                toml::Value::Float(f) => Raw::Other(f.to_string() + ", not a whole number"),
                other => Raw::Other(format!("a {}", other.type_str())),
            };
            match self.answer(key.get_ref(), question, raw) {
                Ok(answer) => match question {
                    Question::Item(i) => respondent.answers[i] = Some(answer),
                    Question::Nps => respondent.nps = Some(answer),
                },
                Err(message) => self.problems.push(source.error(value.span(), message)),
            }
        }
        for (key, text) in &file.comments {
            let Some(question) = self.question(key.get_ref()) else {
                let message = self.unknown_question(key.get_ref());
                self.problems.push(source.error(key.span(), message));
                continue;
            };
            if !self.is_asked(question, perspective) {
                let message = Self::perspective_not_asked(key.get_ref(), perspective);
                self.problems.push(source.error(key.span(), message));
                continue;
            }
            push_comment(&mut respondent, question, text.get_ref());
        }
        let here = source.error(file.respondent.span(), "");
        if !id.is_empty() && self.claim_id(&id, here) && self.problems.0.len() == before {
            self.summary.respondents += 1;
            sink(respondent);
        }
    }

    fn csv_file(&mut self, path: &Path, sink: &mut dyn FnMut(Respondent)) {
        self.summary.files += 1;
        let text = match read_to_string(path) {
            Ok(text) => text,
            Err(e) => return self.problems.push(e),
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let mut records = reader.records();
        let header = match records.next() {
            Some(Ok(header)) => header,
            Some(Err(e)) => return self.problems.push(csv_error(path, &e)),
            None => {
                return self.problems.push(Diagnostic::file(
                    path,
                    "the table is empty (expected a header row: respondent,perspective,…)",
                ))
            }
        };
        let Some(columns) = self.csv_columns(path, &header) else {
            return;
        };
        let position = |c: usize| {
            columns
                .iter()
                .position(|col| matches!(col, Column::Field(f) if *f == c))
        };
        let (Some(id_column), Some(perspective_column)) =
            (position(FIELD_RESPONDENT), position(FIELD_PERSPECTIVE))
        else {
            return self.problems.push(Diagnostic::at(
                path,
                1,
                1,
                "the header needs a `respondent` and a `perspective` column",
            ));
        };

        for record in records {
            let record = match record {
                Ok(record) => record,
                Err(e) => {
                    self.problems.push(csv_error(path, &e));
                    continue;
                }
            };
            let line = record.position().map_or(0, |p| p.line() as usize);
            if record.iter().all(|cell| cell.trim().is_empty()) {
                continue; // a blank line at the end of a spreadsheet export
            }
            if record.len() != columns.len() {
                self.problems.push(Diagnostic::at(
                    path,
                    line,
                    1,
                    format!(
                        "the row has {} cells, but the header has {} columns",
                        record.len(),
                        columns.len()
                    ),
                ));
                continue;
            }
            let at = |column: usize, message: String| {
                Diagnostic::at(
                    path,
                    line,
                    column + 1,
                    format!("{message} (column `{}`)", &header[column]),
                )
            };
            let before = self.problems.0.len();
            let id = record[id_column].trim().to_string();
            if id.is_empty() {
                self.problems
                    .push(at(id_column, "the respondent id is empty".to_string()));
            }
            let cell = record[perspective_column].trim();
            let Some(perspective) = Perspective::parse(cell) else {
                self.problems.push(at(
                    perspective_column,
                    format!("unknown perspective `{cell}` (expected \"self\" or \"customer\")"),
                ));
                continue;
            };
            let mut respondent = self.new_respondent(id.clone(), perspective);
            for (c, column) in columns.iter().enumerate() {
                let cell = record[c].trim();
                if cell.is_empty() {
                    continue;
                }
                match *column {
                    Column::Field(FIELD_GROUP) => respondent.group = Some(cell.to_string()),
                    Column::Field(FIELD_DATE) => {
                        if Date::parse(cell).is_none() {
                            self.problems.push(at(
                                c,
                                format!("the date `{cell}` is not a date like 2026-10-01"),
                            ));
                        }
                    }
                    Column::Field(FIELD_LANGUAGE) => match self.check_language(cell) {
                        Ok(()) => respondent.language = Some(cell.to_string()),
                        Err(message) => self.problems.push(at(c, message)),
                    },
                    Column::Field(_) => {}
                    Column::Answer(question) | Column::Comment(question)
                        if !self.is_asked(question, perspective) =>
                    {
                        self.problems
                            .push(at(c, Self::perspective_not_asked(&header[c], perspective)));
                    }
                    Column::Answer(question) => {
                        let raw = match cell.parse::<i64>() {
                            Ok(v) => Raw::Integer(v),
                            Err(_) => Raw::Text(cell),
                        };
                        match self.answer(&header[c], question, raw) {
                            Ok(answer) => match question {
                                Question::Item(i) => respondent.answers[i] = Some(answer),
                                Question::Nps => respondent.nps = Some(answer),
                            },
                            Err(message) => self.problems.push(at(c, message)),
                        }
                    }
                    Column::Comment(question) => push_comment(&mut respondent, question, cell),
                }
            }
            if !id.is_empty() {
                let here = Diagnostic::at(path, line, id_column + 1, "");
                if self.claim_id(&id, here) && self.problems.0.len() == before {
                    self.summary.respondents += 1;
                    sink(respondent);
                }
            }
        }
    }

    /// Reads the header row; unknown and repeated columns are problems.
    fn csv_columns(&mut self, path: &Path, header: &csv::StringRecord) -> Option<Vec<Column>> {
        let before = self.problems.0.len();
        let mut columns = Vec::new();
        let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
        for (c, name) in header.iter().enumerate() {
            let name = name.trim();
            let at = |message: String| Diagnostic::at(path, 1, c + 1, message);
            if let Some(first) = seen.insert(name, c) {
                self.problems.push(at(format!(
                    "column `{name}` appears twice (first as column {})",
                    first + 1
                )));
            }
            let column = if let Some(f) = FIELDS.iter().position(|f| *f == name) {
                Column::Field(f)
            } else if let Some(key) = name.strip_prefix("comment:") {
                match self.question(key) {
                    Some(q) => Column::Comment(q),
                    None => {
                        let message = self.unknown_question(key);
                        self.problems
                            .push(at(format!("column `{name}`: {message}")));
                        Column::Field(usize::MAX)
                    }
                }
            } else {
                match self.question(name) {
                    Some(q) => Column::Answer(q),
                    None => {
                        self.problems.push(at(format!(
                            "unknown column `{name}` (expected {}, an item id, or `comment:<item id>`)",
                            FIELDS.join(", ")
                        )));
                        Column::Field(usize::MAX)
                    }
                }
            };
            columns.push(column);
        }
        (self.problems.0.len() == before).then_some(columns)
    }
}

const FIELDS: [&str; 5] = ["respondent", "perspective", "group", "date", "language"];
const FIELD_RESPONDENT: usize = 0;
const FIELD_PERSPECTIVE: usize = 1;
const FIELD_GROUP: usize = 2;
const FIELD_DATE: usize = 3;
const FIELD_LANGUAGE: usize = 4;

enum Column {
    /// One of [`FIELDS`], by index.
    Field(usize),
    Answer(Question),
    Comment(Question),
}

fn push_comment(respondent: &mut Respondent, question: Question, text: &str) {
    let text = text.trim();
    if text.is_empty() {
        return;
    }
    let item = match question {
        Question::Item(i) => Some(i),
        Question::Nps => None,
    };
    respondent.comments.push(Comment {
        item,
        text: text.to_string(),
    });
}

fn csv_error(path: &Path, error: &csv::Error) -> Diagnostic {
    let message = format!("cannot read the table: {error}");
    match error.position() {
        Some(p) => Diagnostic::at(path, p.line() as usize, 1, message),
        None => Diagnostic::file(path, message),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnswerFile {
    questionnaire: Spanned<String>,
    questionnaire_version: Spanned<String>,
    perspective: Spanned<String>,
    respondent: Spanned<String>,
    group: Option<String>,
    date: Option<Spanned<toml::value::Datetime>>,
    language: Option<Spanned<String>>,
    #[serde(default)]
    answers: BTreeMap<Spanned<String>, Spanned<toml::Value>>,
    #[serde(default)]
    comments: BTreeMap<Spanned<String>, Spanned<String>>,
}
