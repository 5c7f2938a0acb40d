//! Survey-tool exports (LimeSurvey, Google Forms, Microsoft Forms, …) mapped onto the answer
//! table of SPEC §2.4 by a small mapping file.
//!
//! Exports come as they come: with or without a byte-order mark, in UTF-8, UTF-16 or
//! Windows-1252, separated by commas, semicolons or tabs, with CRLF line ends and quoted
//! cells that run over lines. All of that is detected, so the same export saved in any of
//! these variants imports to the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::input::diagnostics::{Diagnostic, Problems, Source};
use crate::input::table::{cell_offsets, normalise_header, read_decoded, read_table};
use crate::model::questionnaire::{Perspective, Questionnaire};
use crate::model::respondent::Answer;

/// The mapping file. Its column references are TOML values read by [`Field::read`], so that
/// every table in it rejects keys it does not know, with the line.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    /// A built-in questionnaire id, or a path relative to the mapping file.
    questionnaire: Spanned<String>,
    /// `"customer"` / `"self"`, or `{ column = "Rolle", values = { "Kunde" = "customer" } }`.
    perspective: Spanned<toml::Value>,
    /// `{ column = "id", prefix = "ls-" }`, or `{ numbered = "gf-" }` for exports without ids.
    respondent: Spanned<toml::Value>,
    group: Option<Spanned<toml::Value>>,
    /// `{ column = "submitdate", format = "dd.mm.yyyy" }`.
    date: Option<Spanned<toml::Value>>,
    /// `"de"`, or `{ column = "startlanguage" }`.
    language: Option<Spanned<toml::Value>>,
    /// Columns that no item names are ignored when true; otherwise they are an error, so a
    /// forgotten question does not vanish quietly.
    #[serde(default)]
    ignore_other_columns: bool,
    /// Answer texts (or codes) → scale values or "na", for every item.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
    items: Vec<ItemMapping>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemMapping {
    /// An item id of the questionnaire, or its NPS id.
    item: Spanned<String>,
    column: Option<Spanned<String>>,
    question: Option<Spanned<String>>,
    /// The column holding the comment on this item.
    comment: Option<Spanned<String>>,
    /// Answer texts for this item only, over `[values]`.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
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

/// Where a mapped thing is: its exact header, or text its header contains.
#[derive(Clone)]
enum ColumnName {
    Header(String),
    Question(String),
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

/// Whitespace (also non-breaking) collapsed and lower-cased, for matching headers and answers.
fn normalise(text: &str) -> String {
    text.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// Finds a mapped column in the export and marks it used (or reports why not).
type Locate<'a> = dyn FnMut(&ColumnName, Range<usize>, &mut Problems) -> Option<usize> + 'a;

/// What one output column is filled from.
#[derive(Clone, Copy)]
enum Target {
    Item(usize),
    Nps,
    Comment(Option<usize>),
}

pub struct Imported {
    pub csv: String,
    pub respondents: usize,
    pub ignored_columns: Vec<String>,
}

const FORMATS: [&str; 3] = ["yyyy-mm-dd", "dd.mm.yyyy", "mm/dd/yyyy"];

/// Maps an export onto the answer table; every problem names the column and row (or the
/// mapping's line). With any problem, there is no table.
pub fn import(export: &Path, mapping_path: &Path) -> Result<Imported, Problems> {
    let mapping_text = crate::input::files::read_to_string(mapping_path)?;
    let map = Source {
        path: mapping_path,
        text: &mapping_text,
    };
    let mapping: MappingFile = toml::from_str(&mapping_text).map_err(|e| map.toml_error(&e))?;
    let base = mapping_path.parent().unwrap_or(Path::new("."));
    let q = Questionnaire::load(mapping.questionnaire.get_ref(), base)?;
    let text = read_decoded(export)?;
    let export_source = Source {
        path: export,
        text: &text,
    };
    let table = read_table(&export_source, "export")?;
    let mut problems = Problems::default();

    // Which export column is each mapped thing?
    let mut used: BTreeMap<usize, Range<usize>> = BTreeMap::new();
    let mut locate =
        |name: &ColumnName, span: Range<usize>, problems: &mut Problems| -> Option<usize> {
            let hits: Vec<usize> = match name {
                ColumnName::Header(header) => {
                    let wanted = normalise_header(header);
                    (0..table.header.len())
                        .filter(|&c| table.header[c] == wanted)
                        .collect()
                }
                ColumnName::Question(question) => {
                    let wanted = normalise(question);
                    (0..table.header.len())
                        .filter(|&c| normalise(&table.header[c]).contains(&wanted))
                        .collect()
                }
            };
            let found = match (hits.as_slice(), name) {
                ([c], _) => Ok(*c),
                ([], ColumnName::Header(h)) => Err(format!(
                    "the export has no column `{h}`{} (its columns: {})",
                    crate::input::check::did_you_mean(h, table.header.iter().map(String::as_str)),
                    table.header.join(", ")
                )),
                ([], ColumnName::Question(q)) => Err(format!(
                    "no column of the export contains the question \"{q}\""
                )),
                (_, ColumnName::Header(h)) => {
                    Err(format!("the export has {} columns named `{h}`", hits.len()))
                }
                (_, ColumnName::Question(q)) => Err(format!(
                "{} columns of the export contain the question \"{q}\"; name the column instead",
                hits.len()
            )),
            };
            match found {
                Ok(c) => {
                    if let Some(first) = used.insert(c, span.clone()) {
                        let (line, _) = map.position(first.start);
                        problems.push(map.error(
                            span,
                            format!(
                                "column `{}` is already mapped on line {line}",
                                table.header[c]
                            ),
                        ));
                        return None;
                    }
                    Some(c)
                }
                Err(message) => {
                    problems.push(map.error(span, message));
                    None
                }
            }
        };
    let field = |value: &Spanned<toml::Value>,
                 what: &str,
                 keys: &[&str],
                 constant: bool,
                 problems: &mut Problems| {
        Field::read(value, what, keys, constant, &map)
            .map_err(|d| problems.push(d))
            .ok()
    };

    // The respondent: a column (with a prefix, so two tools' ids stay apart) or numbered.
    enum Respondent {
        Column(usize, String),
        Numbered(String),
    }
    let respondent = match field(
        &mapping.respondent,
        "respondent",
        &["column", "question", "prefix", "numbered"],
        false,
        &mut problems,
    ) {
        Some(Field::Column(spec)) => match (spec.name(), spec.numbered) {
            (None, Some(prefix)) if spec.prefix.is_none() => Some(Respondent::Numbered(prefix)),
            (Some(name), None) => locate(&name, mapping.respondent.span(), &mut problems)
                .map(|c| Respondent::Column(c, spec.prefix.unwrap_or_default())),
            _ => {
                problems.push(map.error(
                    mapping.respondent.span(),
                    "`respondent` takes a `column` (or `question`) with an optional `prefix`, or `numbered` alone",
                ));
                None
            }
        },
        _ => None,
    };
    let column_field = |value: &Option<Spanned<toml::Value>>,
                        what: &str,
                        keys: &[&str],
                        problems: &mut Problems,
                        locate: &mut Locate| {
        let value = value.as_ref()?;
        match Field::read(value, what, keys, false, &map) {
            Ok(Field::Column(spec)) => match spec.name() {
                Some(name) => locate(&name, value.span(), problems).map(|c| (c, spec)),
                None => {
                    problems.push(map.error(
                        value.span(),
                        format!("`{what}` needs a `column` or a `question`"),
                    ));
                    None
                }
            },
            Ok(Field::Constant(_)) => None,
            Err(d) => {
                problems.push(d);
                None
            }
        }
    };
    let group = column_field(
        &mapping.group,
        "group",
        &["column", "question"],
        &mut problems,
        &mut locate,
    )
    .map(|(c, _)| c);
    let date = column_field(
        &mapping.date,
        "date",
        &["column", "question", "format"],
        &mut problems,
        &mut locate,
    )
    .and_then(|(c, spec)| {
        let format = spec.format.unwrap_or_else(|| FORMATS[0].to_string());
        if FORMATS.contains(&format.as_str()) {
            Some((c, format))
        } else {
            let span = mapping.date.as_ref().map_or(0..0, |d| d.span());
            problems.push(map.error(
                span,
                format!(
                    "date `format` is `{format}` (expected {})",
                    FORMATS.join(", ")
                ),
            ));
            None
        }
    });
    enum Language {
        Constant(String),
        Column(usize),
    }
    let language = match &mapping.language {
        None => None,
        Some(value) => match field(
            value,
            "language",
            &["column", "question"],
            true,
            &mut problems,
        ) {
            Some(Field::Constant(l)) if q.languages.contains(&l) => Some(Language::Constant(l)),
            Some(Field::Constant(l)) => {
                problems.push(map.error(
                    value.span(),
                    format!(
                        "`language` is `{l}`, but the questionnaire has only {}",
                        q.languages.join(", ")
                    ),
                ));
                None
            }
            Some(Field::Column(spec)) => match spec.name() {
                Some(name) => locate(&name, value.span(), &mut problems).map(Language::Column),
                None => {
                    problems.push(
                        map.error(value.span(), "`language` needs a `column` or a `question`"),
                    );
                    None
                }
            },
            None => None,
        },
    };
    enum PerspectiveFrom {
        Constant(Perspective),
        Column(usize, BTreeMap<String, Perspective>),
    }
    let perspective = match field(
        &mapping.perspective,
        "perspective",
        &["column", "question", "values"],
        true,
        &mut problems,
    ) {
        Some(Field::Constant(p)) => match Perspective::parse(&p) {
            Some(p) => Some(PerspectiveFrom::Constant(p)),
            None => {
                problems.push(map.error(mapping.perspective.span(), format!("`perspective` is `{p}` (expected \"self\", \"customer\", or {{ column = …, values = {{ … }} }})")));
                None
            }
        },
        Some(Field::Column(spec)) => {
            let mut values = BTreeMap::new();
            for (text, p) in spec.values.clone().unwrap_or_default() {
                match Perspective::parse(&p) {
                    Some(p) => {
                        values.insert(normalise(&text), p);
                    }
                    None => problems.push(map.error(
                        mapping.perspective.span(),
                        format!("`{text}` maps to `{p}` (expected \"self\" or \"customer\")"),
                    )),
                }
            }
            if values.is_empty() {
                problems.push(map.error(mapping.perspective.span(), "a perspective column needs `values`, like { \"Kunde\" = \"customer\", \"Mitarbeiter\" = \"self\" }"));
            }
            spec.name()
                .and_then(|name| locate(&name, mapping.perspective.span(), &mut problems))
                .map(|c| PerspectiveFrom::Column(c, values))
        }
        None => None,
    };

    // Answer texts and codes, checked once: a value must be a whole number or "na".
    let scale = &q.scale;
    let value_table = |values: &BTreeMap<String, Spanned<toml::Value>>, problems: &mut Problems| {
        let mut table: HashMap<String, Answer> = HashMap::new();
        for (text, value) in values {
            let answer = match value.get_ref() {
                toml::Value::Integer(v) => Some(Answer::Value(*v)),
                toml::Value::String(s) if s == "na" && scale.allow_na => {
                    Some(Answer::NotApplicable)
                }
                _ => None,
            };
            match answer {
                Some(a) => {
                    table.insert(normalise(text), a);
                }
                None => problems.push(map.error(
                    value.span(),
                    format!("`{text}` must map to a whole number or \"na\""),
                )),
            }
        }
        table
    };
    let global_values = value_table(&mapping.values, &mut problems);
    let mut columns: Vec<(usize, Target, HashMap<String, Answer>)> = Vec::new();
    let mut mapped_items: BTreeMap<String, usize> = BTreeMap::new();
    for item in &mapping.items {
        let id = item.item.get_ref();
        let target = if q.nps.as_ref().is_some_and(|n| &n.id == id) {
            Target::Nps
        } else if let Some(i) = q.item_index(id) {
            Target::Item(i)
        } else {
            let hint = crate::input::check::did_you_mean(id, q.items.iter().map(|i| i.id.as_str()));
            problems.push(map.error(
                item.item.span(),
                format!("`{id}` is not an item of questionnaire `{}`{hint}", q.id),
            ));
            continue;
        };
        if let Some(first) = mapped_items.insert(id.clone(), item.item.span().start) {
            let (line, _) = map.position(first);
            problems.push(map.error(
                item.item.span(),
                format!("`{id}` is already mapped on line {line}"),
            ));
        }
        let mut values = global_values.clone();
        values.extend(value_table(&item.values, &mut problems));
        let (name, span) = match (&item.column, &item.question) {
            (Some(c), _) => (ColumnName::Header(c.get_ref().clone()), c.span()),
            (None, Some(q)) => (ColumnName::Question(q.get_ref().clone()), q.span()),
            (None, None) => {
                problems.push(map.error(item.item.span(), format!("`{id}` needs a `column` (the exact header) or a `question` (text the header contains)")));
                continue;
            }
        };
        if let Some(c) = locate(&name, span, &mut problems) {
            columns.push((c, target, values));
        }
        if let Some(comment) = &item.comment {
            let name = ColumnName::Header(comment.get_ref().clone());
            if let Some(c) = locate(&name, comment.span(), &mut problems) {
                let target = match target {
                    Target::Item(i) => Target::Comment(Some(i)),
                    _ => Target::Comment(None),
                };
                columns.push((c, target, HashMap::new()));
            }
        }
    }
    let ignored_columns: Vec<String> = (0..table.header.len())
        .filter(|c| !used.contains_key(c))
        .map(|c| table.header[c].clone())
        .collect();
    if !mapping.ignore_other_columns && !ignored_columns.is_empty() {
        problems.push(Diagnostic::at(
            export,
            1,
            1,
            format!(
                "the mapping does not say what these columns are: {} (map them, or set `ignore_other_columns = true`)",
                ignored_columns.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(", ")
            ),
        ));
    }
    let (Some(respondent), Some(perspective)) = (respondent, perspective) else {
        return Err(problems);
    };
    if !problems.is_empty() {
        return Err(problems);
    }

    // The output columns in questionnaire order, so that any export of the same survey
    // gives the same table.
    let mut out_header: Vec<String> = vec!["respondent".into(), "perspective".into()];
    if group.is_some() {
        out_header.push("group".into());
    }
    if date.is_some() {
        out_header.push("date".into());
    }
    if language.is_some() {
        out_header.push("language".into());
    }
    let nps_id = q.nps.as_ref().map_or("", |n| n.id.as_str());
    let key = |t: &Target| match *t {
        Target::Item(i) => (0, i, q.items[i].id.clone()),
        Target::Nps => (1, 0, nps_id.to_string()),
        Target::Comment(Some(i)) => (2, i, format!("comment:{}", q.items[i].id)),
        Target::Comment(None) => (3, 0, format!("comment:{nps_id}")),
    };
    columns.sort_by_key(|(_, t, _)| key(t));
    out_header.extend(columns.iter().map(|(_, t, _)| key(t).2));

    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    let write_error =
        |e: csv::Error| Diagnostic::file(export, format!("cannot write the table: {e}"));
    writer.write_record(&out_header).map_err(write_error)?;
    let mut ids: HashMap<String, usize> = HashMap::new();
    for (start, cells) in &table.rows {
        let offsets = cell_offsets(&text, *start, table.delimiter, cells.len());
        let at = |c: usize, message: String| {
            let from = offsets.get(c).copied().unwrap_or(*start);
            let to = offsets.get(c + 1).map_or_else(
                || from + text[from..].find(['\r', '\n']).unwrap_or(text.len() - from),
                |next| next - 1,
            );
            export_source.error(
                from..to.max(from),
                format!("{message} (column `{}`)", table.header[c]),
            )
        };
        let before = problems.0.len();
        let (id, id_column) = match &respondent {
            Respondent::Column(c, prefix) if !cells[*c].trim().is_empty() => {
                (format!("{prefix}{}", cells[*c].trim()), *c)
            }
            Respondent::Column(c, _) => (String::new(), *c),
            Respondent::Numbered(prefix) => (format!("{prefix}{:03}", ids.len() + 1), 0),
        };
        if id.is_empty() {
            problems.push(at(id_column, "the respondent id is empty".into()));
        } else if let Some(first) = ids.insert(id.clone(), *start) {
            let (line, _) = export_source.position(first);
            problems.push(at(
                id_column,
                format!("respondent `{id}` appears twice (first on line {line})"),
            ));
        }
        let p = match &perspective {
            PerspectiveFrom::Constant(p) => Some(*p),
            PerspectiveFrom::Column(c, values) => {
                let cell = cells[*c].trim();
                let found = values.get(&normalise(cell)).copied();
                if found.is_none() {
                    let message = if cell.is_empty() {
                        "the perspective cell is empty".to_string()
                    } else {
                        format!("`{cell}` is not in the mapping's perspective `values`")
                    };
                    problems.push(at(*c, message));
                }
                found
            }
        };
        let mut record = vec![id, p.map_or("", |p| p.id()).to_string()];
        if let Some(c) = group {
            record.push(cells[c].trim().to_string());
        }
        if let Some((c, format)) = &date {
            let cell = cells[*c].trim();
            match convert_date(cell, format) {
                Some(date) => record.push(date),
                None if cell.is_empty() => record.push(String::new()),
                None => {
                    problems.push(at(*c, format!("`{cell}` is not a date as {format}")));
                    record.push(String::new());
                }
            }
        }
        match &language {
            Some(Language::Constant(l)) => record.push(l.clone()),
            Some(Language::Column(c)) => {
                let cell = cells[*c].trim();
                if !cell.is_empty() && !q.languages.iter().any(|l| l == cell) {
                    problems.push(at(
                        *c,
                        format!(
                            "the language `{cell}` is not one of the questionnaire's ({})",
                            q.languages.join(", ")
                        ),
                    ));
                }
                record.push(cell.to_string());
            }
            None => {}
        }
        for (c, target, values) in &columns {
            let cell = cells[*c].trim();
            let (question, range) = match target {
                Target::Comment(_) => {
                    // a line break in a cell is one, however the file ends its lines
                    record.push(cell.replace("\r\n", "\n"));
                    continue;
                }
                Target::Item(i) => (Some(*i), scale.min..=scale.max),
                Target::Nps => (None, 0..=10),
            };
            if cell.is_empty() {
                record.push(String::new());
                continue;
            }
            let asked = match (question, p) {
                (Some(i), Some(p)) => q.items[i].is_asked(p),
                (None, Some(p)) => q.nps.as_ref().is_some_and(|n| n.is_asked(p)),
                _ => true,
            };
            if !asked {
                problems.push(at(
                    *c,
                    format!(
                        "this question is not asked of the `{}` perspective",
                        p.map_or("", |p| p.id())
                    ),
                ));
                record.push(String::new());
                continue;
            }
            // the mapping decides first, so that tools that export codes ("1" for "fully
            // agree") are read as the mapping says, not as the number
            let mapped = values.get(&normalise(cell)).copied();
            let answer = mapped.or_else(|| cell.parse::<i64>().ok().map(Answer::Value));
            match answer {
                Some(Answer::Value(v)) if range.contains(&v) => record.push(v.to_string()),
                Some(Answer::Value(v)) => {
                    let how = if mapped.is_some() {
                        format!("the mapping turns \"{cell}\" into {v}, which")
                    } else {
                        format!("{v}")
                    };
                    problems.push(at(
                        *c,
                        format!(
                            "{how} is outside the scale ({} to {})",
                            range.start(),
                            range.end()
                        ),
                    ));
                    record.push(String::new());
                }
                Some(Answer::NotApplicable) => record.push("na".into()),
                None => {
                    problems.push(at(
                        *c,
                        format!("the answer \"{cell}\" is not in the mapping's `values`"),
                    ));
                    record.push(String::new());
                }
            }
        }
        if problems.0.len() == before {
            writer.write_record(&record).map_err(write_error)?;
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let bytes = writer
        .into_inner()
        .map_err(|e| Diagnostic::file(export, format!("cannot write the table: {e}")))?;
    Ok(Imported {
        csv: String::from_utf8(bytes).unwrap_or_default(),
        respondents: ids.len(),
        ignored_columns: if mapping.ignore_other_columns {
            ignored_columns
        } else {
            Vec::new()
        },
    })
}

/// A date as survey tools write it, as `YYYY-MM-DD`; a time after the date is dropped. The
/// separators must be the format's and the year must have four digits, so that a day and
/// a month are never swapped quietly.
fn convert_date(cell: &str, format: &str) -> Option<String> {
    let date = cell.split([' ', 'T']).next()?;
    let separator = match format {
        "dd.mm.yyyy" => '.',
        "mm/dd/yyyy" => '/',
        _ => '-',
    };
    let parts: Vec<&str> = date.split(separator).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = match format {
        "dd.mm.yyyy" => (c, b, a),
        "mm/dd/yyyy" => (c, a, b),
        _ => (a, b, c),
    };
    if y.len() != 4 {
        return None;
    }
    let date =
        crate::model::assessment::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.to_string())
}

/// Where the answer table goes: a `.csv`, and not the export itself.
pub fn check_output(export: &Path, output: &Path) -> Result<PathBuf, Problems> {
    if output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
        != Some("csv")
    {
        return Err(
            Diagnostic::file(output, "the output must be a .csv file (an answer table)").into(),
        );
    }
    let same = match (export.canonicalize(), output.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    };
    if same {
        return Err(Diagnostic::file(
            output,
            "is the export itself; write the answer table to another file",
        )
        .into());
    }
    Ok(output.to_path_buf())
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
