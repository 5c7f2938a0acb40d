//! The mapping file of an import (which export column is which item, how answer texts
//! become values), and its resolution against the export's columns into a [`Plan`].

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::columns::{ColumnName, Columns};
use super::headers::Headers;
use super::keep::Keep;
use super::normalise;
use crate::input::check::{check_language, did_you_mean, Question};
use crate::input::diagnostics::{some_of, Diagnostic, Problems, Source};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::Answer;

/// The mapping file. Its column references are TOML values read by [`Field::read`], so that
/// every table in it rejects keys it does not know, with the line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct MappingFile {
    /// A built-in questionnaire id, or a path relative to the mapping file.
    pub questionnaire: Spanned<String>,
    /// `"customer"` / `"self"`, or `{ column = "Rolle", values = { "Kunde" = "customer" } }`.
    perspective: Spanned<toml::Value>,
    /// `{ column = "id", prefix = "ls-" }`, or `{ numbered = "gf-" }` for exports without ids.
    respondent: Spanned<toml::Value>,
    group: Option<Spanned<toml::Value>>,
    /// `{ column = "submitdate", format = "dd.mm.yyyy" }`.
    date: Option<Spanned<toml::Value>>,
    /// `"de"`, or `{ column = "startlanguage" }`, with `values = { "nl-informal" = "en" }`
    /// for the codes that are not a questionnaire language or a variant of one.
    language: Option<Spanned<toml::Value>>,
    /// How many header rows the export has; detected when left out (see
    /// [`super::headers::detect`]).
    pub header_rows: Option<Spanned<i64>>,
    /// The rows to import: `{ column = "Finished", values = ["1", "True"] }`,
    /// `{ column = "submitdate", filled = true }`, or a list of such that must all hold.
    keep: Option<Spanned<toml::Value>>,
    /// Columns that no item names are ignored when true; otherwise they are an error, so a
    /// forgotten question does not vanish quietly.
    #[serde(default)]
    pub ignore_other_columns: bool,
    /// Answer texts (or codes) → scale values or "na", for every item.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
    items: Vec<ItemMapping>,
    /// The export's numeric range for every item, `[0, 4]`, when it is the questionnaire's
    /// shifted: its values are moved onto the questionnaire's scale. Never squeezed: another
    /// number of points is an error.
    scale: Option<Spanned<toml::Value>>,
    /// The sheet of a spreadsheet export (else its first).
    pub sheet: Option<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemMapping {
    /// An item id of the questionnaire, or its NPS id.
    item: Spanned<String>,
    column: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    /// The column holding the comment on this item: its exact header, or
    /// `{ column = … }` / `{ question = … }` as for any column.
    comment: Option<Spanned<toml::Value>>,
    /// Answer texts for this item only, over `[values]`.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
    /// The export's numeric range for this item only, over the top-level `scale`.
    scale: Option<Spanned<toml::Value>>,
}

/// Every key a column reference may have; which of them a field takes is checked in
/// [`Field::read`].
#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct ColumnSpec {
    column: Option<String>,
    question: Option<String>,
    prefix: Option<String>,
    numbered: Option<String>,
    values: Option<BTreeMap<String, String>>,
    format: Option<String>,
}

/// A mapping field: a constant, or a column with its options.
enum Field {
    Constant(String),
    Column(ColumnSpec),
}

impl Field {
    /// Reads `value` as the field `what`, which takes `keys` in a table (and a constant
    /// string when `constant` is true).
    fn read(
        value: &Spanned<toml::Value>,
        what: &str,
        keys: &[&str],
        constant: bool,
        source: &Source,
    ) -> Result<Field, Diagnostic> {
        let expected = format!(
            "`{what}` takes {}{{ {} }}",
            if constant { "a text, or " } else { "" },
            keys.iter()
                .map(|k| format!("{k} = …"))
                .collect::<Vec<_>>()
                .join(", ")
        );
        match value.get_ref() {
            toml::Value::String(s) if constant => Ok(Field::Constant(s.clone())),
            toml::Value::Table(table) => {
                if let Some(key) = table.keys().find(|k| !keys.contains(&k.as_str())) {
                    return Err(source.error(
                        value.span(),
                        format!("`{key}` does not belong in `{what}` ({expected})"),
                    ));
                }
                let spec: ColumnSpec = toml::Value::Table(table.clone()).try_into().map_err(
                    |e: toml::de::Error| {
                        source.error(
                            value.span(),
                            format!("in `{what}`: {} ({expected})", e.message()),
                        )
                    },
                )?;
                Ok(Field::Column(spec))
            }
            _ => Err(source.error(value.span(), expected)),
        }
    }
}

impl ColumnSpec {
    fn name(&self) -> Option<ColumnName> {
        match (&self.column, &self.question) {
            (Some(c), _) => Some(ColumnName::Header(c.clone())),
            (None, Some(q)) => Some(ColumnName::Question(q.clone())),
            _ => None,
        }
    }
}

use crate::input::table::{date_format, FORMATS};

/// Where the respondent id comes from: a column (with a prefix, so two tools' ids stay
/// apart), or a number counted from 1.
pub(super) enum RespondentFrom {
    Column(usize, String),
    Numbered(String),
}

/// Where the perspective comes from: the same for every row, or a column whose (normalised)
/// texts the mapping turns into perspectives.
pub(super) enum PerspectiveFrom {
    Constant(Perspective),
    Column(usize, BTreeMap<String, Perspective>),
}

/// Where the language comes from: the same for every row, or a column with the mapping's
/// codes (lower-cased) for the questionnaire's languages.
pub(super) enum LanguageFrom {
    Constant(String),
    Column(usize, HashMap<String, String>),
}

/// A language code as the questionnaire's: without case, and reduced to its base (`DE`,
/// `de-CH`, `de_DE` and `de-informal` are `de`); `None` when that is none of its languages.
pub(super) fn base_language(q: &Questionnaire, code: &str) -> Option<String> {
    let lower = code.trim().to_lowercase();
    let base = lower.split(['-', '_']).next().unwrap_or("");
    q.languages
        .iter()
        .find(|l| l.to_lowercase() == lower || l.to_lowercase() == base)
        .cloned()
}

/// What one output column is filled from.
#[derive(Clone, Copy)]
pub(super) enum Target {
    Answer(Question),
    Comment(Question),
}

/// An export column that fills an answer or comment column of the answer table.
pub(super) struct MappedColumn {
    /// The export's column.
    pub column: usize,
    pub target: Target,
    /// Answer texts (normalised) and codes, and what they stand for (`None`: unanswered).
    pub values: HashMap<String, Option<Answer>>,
    /// What is added to a number of the export to put it on the questionnaire's scale, when
    /// the mapping gives the export's `scale` (`None`: not given).
    pub shift: Option<i64>,
}

/// The mapping, resolved against the export: where each column of the answer table comes
/// from.
pub(super) struct Plan {
    pub respondent: RespondentFrom,
    pub perspective: PerspectiveFrom,
    pub group: Option<usize>,
    /// The column and its format, one of [`FORMATS`].
    pub date: Option<(usize, String)>,
    pub language: Option<LanguageFrom>,
    /// Every rule a row must meet to be imported.
    pub keep: Vec<Keep>,
    /// The answers and comments, in questionnaire order (see [`Target::sort_key`]).
    pub columns: Vec<MappedColumn>,
    /// The headers of the export's columns the mapping does not use.
    pub ignored_columns: Vec<String>,
}

impl Target {
    /// The order of the answer table's columns (items, the NPS question, comments on items,
    /// the comment on the NPS question), so that any export of the same survey gives the same
    /// table; and the column's header.
    pub(super) fn sort_key(self, q: &Questionnaire) -> (u8, usize, String) {
        let nps_id = q.nps.as_ref().map_or("", |n| n.id.as_str());
        match self {
            Target::Answer(Question::Item(i)) => (0, i, q.items[i].id.clone()),
            Target::Answer(Question::Nps) => (1, 0, nps_id.to_string()),
            Target::Comment(Question::Item(i)) => (2, i, format!("comment:{}", q.items[i].id)),
            Target::Comment(Question::Nps) => (3, 0, format!("comment:{nps_id}")),
        }
    }
}

/// Resolves the mapping against the header of the export `export`; every problem is collected, and with
/// any there is no plan. `header_row` names the header row of a sheet (`Sheet1!1:1`); a CSV's
/// is its first line.
pub(super) fn plan(
    mapping: &MappingFile,
    q: &Questionnaire,
    map: &Source,
    (export, header_row): (&Path, Option<String>),
    headers: &Headers,
) -> Result<Plan, Problems> {
    let mut planner = Planner {
        q,
        map,
        columns: Columns::new(headers, map),
        problems: Problems::default(),
    };
    let respondent = planner.respondent(&mapping.respondent);
    let group = planner
        .column_field(&mapping.group, "group", &["column", "question"])
        .map(|(c, _)| c);
    let date = planner.date(&mapping.date);
    let language = mapping
        .language
        .as_ref()
        .and_then(|value| planner.language(value));
    let perspective = planner.perspective(&mapping.perspective);
    let mut columns = planner.items(mapping);
    // after the items: `keep` may look at a column an item is mapped to
    let keep = mapping
        .keep
        .as_ref()
        .map(|value| super::keep::rules(value, map, &mut planner.columns, &mut planner.problems))
        .unwrap_or_default();
    let ignored_columns = planner.columns.unused();
    let mut problems = planner.problems;
    if !mapping.ignore_other_columns && !ignored_columns.is_empty() {
        let message = format!(
            "the mapping does not say what these columns are: {} (map them, or set `ignore_other_columns = true`)",
            some_of(ignored_columns.iter().map(|c| format!("`{c}`")))
        );
        problems.push(match header_row {
            Some(row) => Diagnostic::file(export, format!("{row}: {message}")),
            None => Diagnostic::at(export, 1, 1, message),
        });
    }
    let (Some(respondent), Some(perspective)) = (respondent, perspective) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }
    columns.sort_by_key(|mapped| mapped.target.sort_key(q));
    Ok(Plan {
        respondent,
        perspective,
        group,
        date,
        language,
        keep,
        columns,
        ignored_columns,
    })
}

/// Resolves the fields of a mapping one by one, collecting problems.
struct Planner<'a> {
    q: &'a Questionnaire,
    map: &'a Source<'a>,
    columns: Columns<'a>,
    problems: Problems,
}

impl Planner<'_> {
    /// Reads a field (see [`Field::read`]); a problem is kept.
    fn field(
        &mut self,
        value: &Spanned<toml::Value>,
        what: &str,
        keys: &[&str],
        constant: bool,
    ) -> Option<Field> {
        Field::read(value, what, keys, constant, self.map)
            .map_err(|d| self.problems.push(d))
            .ok()
    }

    /// An optional field that can only be a column: the export's column and its options.
    fn column_field(
        &mut self,
        value: &Option<Spanned<toml::Value>>,
        what: &str,
        keys: &[&str],
    ) -> Option<(usize, ColumnSpec)> {
        let value = value.as_ref()?;
        match Field::read(value, what, keys, false, self.map) {
            Ok(Field::Column(spec)) => match spec.name() {
                Some(name) => self
                    .columns
                    .locate(&name, value.span(), &mut self.problems)
                    .map(|c| (c, spec)),
                None => {
                    self.problems.push(self.map.error(
                        value.span(),
                        format!("`{what}` needs a `column` or a `question`"),
                    ));
                    None
                }
            },
            Ok(Field::Constant(_)) => None,
            Err(d) => {
                self.problems.push(d);
                None
            }
        }
    }

    fn respondent(&mut self, value: &Spanned<toml::Value>) -> Option<RespondentFrom> {
        let keys = ["column", "question", "prefix", "numbered"];
        match self.field(value, "respondent", &keys, false) {
            Some(Field::Column(spec)) => match (spec.name(), spec.numbered) {
                (None, Some(prefix)) if spec.prefix.is_none() => {
                    Some(RespondentFrom::Numbered(prefix))
                }
                (Some(name), None) => self
                    .columns
                    .locate(&name, value.span(), &mut self.problems)
                    .map(|c| RespondentFrom::Column(c, spec.prefix.unwrap_or_default())),
                _ => {
                    self.problems.push(self.map.error(
                        value.span(),
                        "`respondent` takes a `column` (or `question`) with an optional `prefix`, or `numbered` alone",
                    ));
                    None
                }
            },
            _ => None,
        }
    }

    fn date(&mut self, value: &Option<Spanned<toml::Value>>) -> Option<(usize, String)> {
        let (c, spec) = self.column_field(value, "date", &["column", "question", "format"])?;
        let format = spec.format.unwrap_or_else(|| FORMATS[0].to_string());
        if let Some(format) = date_format(&format) {
            Some((c, format.to_string()))
        } else {
            let span = value.as_ref().map_or(0..0, |d| d.span());
            self.problems.push(self.map.error(
                span,
                format!(
                    "date `format` is `{format}` (expected {})",
                    FORMATS.join(", ")
                ),
            ));
            None
        }
    }

    fn language(&mut self, value: &Spanned<toml::Value>) -> Option<LanguageFrom> {
        match self.field(value, "language", &["column", "question", "values"], true)? {
            Field::Constant(l) => match check_language(self.q, &l) {
                Ok(()) => Some(LanguageFrom::Constant(l)),
                Err(_) if base_language(self.q, &l).is_some() => {
                    base_language(self.q, &l).map(LanguageFrom::Constant)
                }
                Err(message) => {
                    self.problems.push(self.map.error(value.span(), message));
                    None
                }
            },
            Field::Column(spec) => match spec.name() {
                Some(name) => {
                    let mut codes = HashMap::new();
                    for (code, language) in spec.values.clone().unwrap_or_default() {
                        match check_language(self.q, &language) {
                            Ok(()) => {
                                codes.insert(code.trim().to_lowercase(), language);
                            }
                            Err(message) => self.problems.push(self.map.error(
                                value.span(),
                                format!("in `language` `values`, `{code}`: {message}"),
                            )),
                        }
                    }
                    self.columns
                        .locate(&name, value.span(), &mut self.problems)
                        .map(|c| LanguageFrom::Column(c, codes))
                }
                None => {
                    self.problems.push(
                        self.map
                            .error(value.span(), "`language` needs a `column` or a `question`"),
                    );
                    None
                }
            },
        }
    }

    fn perspective(&mut self, value: &Spanned<toml::Value>) -> Option<PerspectiveFrom> {
        let keys = ["column", "question", "values"];
        match self.field(value, "perspective", &keys, true)? {
            Field::Constant(p) => match Perspective::parse(&p) {
                Some(p) => Some(PerspectiveFrom::Constant(p)),
                None => {
                    self.problems.push(self.map.error(value.span(), format!("`perspective` is `{p}` (expected \"self\", \"customer\", or {{ column = …, values = {{ … }} }})")));
                    None
                }
            },
            Field::Column(spec) => {
                let mut values = BTreeMap::new();
                for (text, p) in spec.values.clone().unwrap_or_default() {
                    match Perspective::parse(&p) {
                        Some(p) => {
                            values.insert(normalise(&text), p);
                        }
                        None => self.problems.push(self.map.error(
                            value.span(),
                            format!("`{text}` maps to `{p}` (expected \"self\" or \"customer\")"),
                        )),
                    }
                }
                if values.is_empty() {
                    self.problems.push(self.map.error(value.span(), "a perspective column needs `values`, like { \"Kunde\" = \"customer\", \"Mitarbeiter\" = \"self\" }"));
                }
                spec.name()
                    .and_then(|name| self.columns.locate(&name, value.span(), &mut self.problems))
                    .map(|c| PerspectiveFrom::Column(c, values))
            }
        }
    }

    /// Answer texts and codes, checked once: a value must be a whole number or "na".
    fn value_table(
        &mut self,
        values: &BTreeMap<String, Spanned<toml::Value>>,
    ) -> HashMap<String, Option<Answer>> {
        let mut table: HashMap<String, Option<Answer>> = HashMap::new();
        for (text, value) in values {
            let answer = match value.get_ref() {
                toml::Value::Integer(v) => Some(Some(Answer::Value(*v))),
                toml::Value::String(s) if s == "na" && self.q.scale.allow_na => {
                    Some(Some(Answer::NotApplicable))
                }
                toml::Value::String(s) if s.is_empty() => Some(None),
                _ => None,
            };
            match answer {
                Some(a) => {
                    table.insert(normalise(text), a);
                }
                None => self.problems.push(self.map.error(
                    value.span(),
                    format!("`{text}` must map to a whole number, \"na\", or \"\" (unanswered)"),
                )),
            }
        }
        table
    }

    /// The shift from the export's `scale` (`[low, high]`) onto the range of `question`;
    /// another number of points is a problem, for values are never squeezed.
    fn shift(&mut self, value: &Spanned<toml::Value>, question: Question) -> Option<i64> {
        let range = question.range(self.q);
        let bounds = match value.get_ref() {
            toml::Value::Array(list) => match list.as_slice() {
                [toml::Value::Integer(low), toml::Value::Integer(high)] if low < high => {
                    Some((*low, *high))
                }
                _ => None,
            },
            _ => None,
        };
        let Some((low, high)) = bounds else {
            self.problems.push(self.map.error(
                value.span(),
                format!(
                    "`scale` takes the export's lowest and highest value, like [{}, {}]",
                    range.start() - 1,
                    range.end() - 1
                ),
            ));
            return None;
        };
        let points = high - low + 1;
        let ours = range.end() - range.start() + 1;
        if points == ours {
            return Some(range.start() - low);
        }
        let what = match question {
            Question::Item(_) => "the questionnaire's",
            Question::Nps => "the NPS question's",
        };
        let remedy = if matches!(question, Question::Item(_)) && matches!(points, 5 | 7) {
            format!("create the assessment with `centricity init DIR --scale {points}` (a questionnaire on {points} points), or use a questionnaire whose scale matches")
        } else {
            format!("use a questionnaire on {points} points (a questionnaire file, given to `centricity init --questionnaire`)")
        };
        self.problems.push(self.map.error(
            value.span(),
            format!("the export's scale has {points} points, {what} {ours}: {remedy}; values are never squeezed"),
        ));
        None
    }

    /// The export columns of the mapped items, with their answer values, and of their
    /// comments.
    fn items(&mut self, mapping: &MappingFile) -> Vec<MappedColumn> {
        let global_values = self.value_table(&mapping.values);
        let global_shift = match (&mapping.scale, self.q.items.is_empty()) {
            (Some(scale), false) => self.shift(scale, Question::Item(0)),
            _ => None,
        };
        let mut columns = Vec::new();
        let mut mapped_items: BTreeMap<String, usize> = BTreeMap::new();
        for item in &mapping.items {
            let id = item.item.get_ref();
            let Some(question) = Question::find(self.q, id) else {
                let hint = did_you_mean(id, self.q.items.iter().map(|i| i.id.as_str()));
                self.problems.push(self.map.error(
                    item.item.span(),
                    format!(
                        "`{id}` is not an item of questionnaire `{}`{hint}",
                        self.q.id
                    ),
                ));
                continue;
            };
            if let Some(first) = mapped_items.insert(id.clone(), item.item.span().start) {
                let (line, _) = self.map.position(first);
                self.problems.push(self.map.error(
                    item.item.span(),
                    format!("`{id}` is already mapped on line {line}"),
                ));
            }
            let mut values = global_values.clone();
            values.extend(self.value_table(&item.values));
            let (name, span) = match (&item.column, &item.question) {
                (Some(c), _) => (ColumnName::Header(c.get_ref().clone()), c.span()),
                (None, Some(q)) => (ColumnName::Question(q.get_ref().clone()), q.span()),
                (None, None) => {
                    self.problems.push(self.map.error(item.item.span(), format!("`{id}` needs a `column` (the exact header) or a `question` (text the header contains)")));
                    continue;
                }
            };
            let shift = match (&item.scale, question) {
                (Some(scale), _) => self.shift(scale, question),
                (None, Question::Item(_)) => global_shift,
                (None, Question::Nps) => None,
            };
            if let Some(column) = self.columns.locate(&name, span, &mut self.problems) {
                columns.push(MappedColumn {
                    column,
                    target: Target::Answer(question),
                    values,
                    shift,
                });
            }
            if let Some(comment) = &item.comment {
                let name =
                    match self.field(comment, "comment", &["column", "question"], true) {
                        Some(Field::Constant(header)) => Some(ColumnName::Header(header)),
                        Some(Field::Column(spec)) => spec.name().or_else(|| {
                            self.problems.push(self.map.error(
                                comment.span(),
                                "`comment` needs a `column` or a `question`",
                            ));
                            None
                        }),
                        None => None,
                    };
                let found = name.and_then(|name| {
                    self.columns
                        .locate(&name, comment.span(), &mut self.problems)
                });
                if let Some(column) = found {
                    columns.push(MappedColumn {
                        column,
                        target: Target::Comment(question),
                        values: HashMap::new(),
                        shift: None,
                    });
                }
            }
        }
        columns
    }
}
