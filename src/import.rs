//! Survey-tool exports (LimeSurvey, Google Forms, Microsoft Forms, …) mapped onto the answer
//! table of SPEC §2.4 by a small mapping file.
//!
//! Exports come as they come: with or without a byte-order mark, in UTF-8, UTF-16 or
//! Windows-1252, separated by commas, semicolons or tabs, with CRLF line ends and quoted
//! cells that run over lines. All of that is detected, so the same export saved in any of
//! these variants imports to the same bytes.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::diagnostics::{Diagnostic, Problems, Source};
use crate::questionnaire::{Perspective, Questionnaire};

/// The mapping file.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MappingFile {
    /// A built-in questionnaire id, or a path relative to the mapping file.
    questionnaire: Spanned<String>,
    /// `"customer"` / `"self"` for every row, or a column with a table of its values.
    perspective: Spanned<PerspectiveSource>,
    /// A column with ids, or `{ numbered = "gf-" }` for exports without one (ids from the
    /// row order: gf-001, gf-002, …).
    respondent: Spanned<RespondentSource>,
    group: Option<Spanned<ColumnRef>>,
    date: Option<Spanned<DateColumn>>,
    language: Option<Spanned<LanguageSource>>,
    /// Columns that no item names are ignored when true; otherwise they are an error, so a
    /// forgotten question does not vanish quietly.
    #[serde(default)]
    ignore_other_columns: bool,
    /// Text answers → scale values (or "na"), for every item.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
    items: Vec<ItemMapping>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum PerspectiveSource {
    Constant(String),
    Column {
        column: ColumnName,
        values: BTreeMap<String, String>,
    },
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RespondentSource {
    Numbered {
        numbered: String,
    },
    /// `prefix` keeps ids from different tools apart (LimeSurvey and Forms both count 1, 2, …).
    Column {
        #[serde(flatten)]
        name: ColumnName,
        #[serde(default)]
        prefix: String,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ColumnRef {
    #[serde(flatten)]
    name: ColumnName,
}

/// A column by its exact header, or by text the header contains (a question's wording).
#[derive(Deserialize, Clone)]
struct ColumnName {
    column: Option<String>,
    question: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DateColumn {
    column: String,
    /// `yyyy-mm-dd` (the default; a time after the date is ignored), `dd.mm.yyyy` or
    /// `mm/dd/yyyy`.
    #[serde(default = "iso")]
    format: String,
}

fn iso() -> String {
    "yyyy-mm-dd".to_string()
}

#[derive(Deserialize)]
#[serde(untagged)]
enum LanguageSource {
    Constant(String),
    Column { column: String },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ItemMapping {
    /// An item id of the questionnaire, or its NPS id.
    item: Spanned<String>,
    column: Option<String>,
    question: Option<String>,
    /// The column holding the comment on this item.
    comment: Option<String>,
    /// Text answers for this item only, over `[values]`.
    #[serde(default)]
    values: BTreeMap<String, Spanned<toml::Value>>,
}

/// An export's text, decoded: UTF-8 (with or without BOM), UTF-16 with BOM, else
/// Windows-1252, which is what Excel writes in German-speaking countries.
pub fn decode(bytes: &[u8]) -> String {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return text.into_owned();
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => encoding_rs::WINDOWS_1252
            .decode_without_bom_handling(bytes)
            .0
            .into_owned(),
    }
}

/// Whitespace collapsed and lower-cased, for matching headers to question wording.
fn normalise(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The parsed export: header and rows with the line each starts on.
struct Table {
    header: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

fn read_table(path: &Path, text: &str) -> Result<Table, Problems> {
    let source = Source { path, text };
    let header_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| header_line.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut problems = Problems::default();
    let mut header = None;
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(Diagnostic::file(
                    path,
                    format!("cannot read the export: {e}"),
                ));
                continue;
            }
        };
        let start =
            crate::answers::record_start(text, record.position().map_or(0, |p| p.byte() as usize));
        let (line, _) = source.position(start);
        let cells: Vec<String> = record.iter().map(|c| c.to_string()).collect();
        match &header {
            None => header = Some(cells),
            Some(h) => {
                if cells.iter().all(|c| c.trim().is_empty()) {
                    continue;
                }
                if cells.len() != h.len() {
                    problems.push(Diagnostic::at(
                        path,
                        line,
                        1,
                        format!(
                            "the row has {} cells, but the header has {} columns",
                            cells.len(),
                            h.len()
                        ),
                    ));
                    continue;
                }
                rows.push((line, cells));
            }
        }
    }
    let Some(header) = header else {
        return Err(Diagnostic::file(path, "the export is empty").into());
    };
    problems.into_result(Table {
        header: header.iter().map(|h| h.trim().to_string()).collect(),
        rows,
    })
}

/// What one output column is filled from.
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

/// Maps an export onto the answer table; every problem names the column and row.
pub fn import(export: &Path, mapping_path: &Path) -> Result<Imported, Problems> {
    let mapping_text = crate::diagnostics::read_to_string(mapping_path)?;
    let mapping_source = Source {
        path: mapping_path,
        text: &mapping_text,
    };
    let mapping: MappingFile =
        toml::from_str(&mapping_text).map_err(|e| mapping_source.toml_error(&e))?;
    let base = mapping_path.parent().unwrap_or(Path::new("."));
    let q = Questionnaire::load(mapping.questionnaire.get_ref(), base)?;
    let bytes = std::fs::read(export)
        .map_err(|e| Diagnostic::file(export, format!("cannot read the file: {e}")))?;
    let text = decode(&bytes);
    let table = read_table(export, &text)?;
    let mut problems = Problems::default();
    let map_error =
        |span: std::ops::Range<usize>, message: String| mapping_source.error(span, message);

    // Which export column is each mapped thing?
    let find = |name: &ColumnName| -> Result<usize, String> {
        if let Some(column) = &name.column {
            return table
                .header
                .iter()
                .position(|h| h == column.trim())
                .ok_or_else(|| {
                    format!(
                        "the export has no column `{column}` (its columns: {})",
                        table.header.join(", ")
                    )
                });
        }
        if let Some(question) = &name.question {
            let wanted = normalise(question);
            let hits: Vec<usize> = (0..table.header.len())
                .filter(|&c| normalise(&table.header[c]).contains(&wanted))
                .collect();
            return match hits.as_slice() {
                [c] => Ok(*c),
                [] => Err(format!("no column of the export contains the question \"{question}\"")),
                _ => Err(format!("{} columns of the export contain the question \"{question}\"; name the column instead", hits.len())),
            };
        }
        Err(
            "give a `column` (the exact header) or a `question` (text the header contains)"
                .to_string(),
        )
    };
    let mut used: Vec<usize> = Vec::new();
    let mut locate = |name: &ColumnName,
                      span: std::ops::Range<usize>,
                      problems: &mut Problems|
     -> Option<usize> {
        match find(name) {
            Ok(c) => {
                used.push(c);
                Some(c)
            }
            Err(message) => {
                problems.push(map_error(span, message));
                None
            }
        }
    };

    let respondent_column = match mapping.respondent.get_ref() {
        RespondentSource::Column { name, .. } => {
            locate(name, mapping.respondent.span(), &mut problems).map(Some)
        }
        RespondentSource::Numbered { .. } => Some(None),
    };
    let group_column = mapping
        .group
        .as_ref()
        .and_then(|g| locate(&g.get_ref().name, g.span(), &mut problems));
    let date_column = mapping.date.as_ref().and_then(|d| {
        let name = ColumnName {
            column: Some(d.get_ref().column.clone()),
            question: None,
        };
        locate(&name, d.span(), &mut problems)
    });
    if let Some(d) = &mapping.date {
        if !["yyyy-mm-dd", "dd.mm.yyyy", "mm/dd/yyyy"].contains(&d.get_ref().format.as_str()) {
            problems.push(map_error(
                d.span(),
                format!(
                    "date `format` is `{}` (expected yyyy-mm-dd, dd.mm.yyyy or mm/dd/yyyy)",
                    d.get_ref().format
                ),
            ));
        }
    }
    enum Language {
        Constant(String),
        Column(usize),
    }
    let language = match mapping.language.as_ref().map(|l| (l.get_ref(), l.span())) {
        None => None,
        Some((LanguageSource::Constant(l), span)) => {
            if !q.languages.contains(l) {
                problems.push(map_error(
                    span,
                    format!(
                        "`language` is `{l}`, but the questionnaire has only {}",
                        q.languages.join(", ")
                    ),
                ));
            }
            Some(Language::Constant(l.clone()))
        }
        Some((LanguageSource::Column { column }, span)) => {
            let name = ColumnName {
                column: Some(column.clone()),
                question: None,
            };
            locate(&name, span, &mut problems).map(Language::Column)
        }
    };
    enum PerspectiveFrom {
        Constant(Perspective),
        Column(usize, BTreeMap<String, Perspective>),
    }
    let perspective = match mapping.perspective.get_ref() {
        PerspectiveSource::Constant(p) => match Perspective::parse(p) {
            Some(p) => Some(PerspectiveFrom::Constant(p)),
            None => {
                problems.push(map_error(mapping.perspective.span(), format!("`perspective` is `{p}` (expected \"self\", \"customer\", or {{ column = …, values = {{ … }} }})")));
                None
            }
        },
        PerspectiveSource::Column { column, values } => {
            let mut table = BTreeMap::new();
            for (text, p) in values {
                match Perspective::parse(p) {
                    Some(p) => {
                        table.insert(normalise(text), p);
                    }
                    None => problems.push(map_error(
                        mapping.perspective.span(),
                        format!("`{text}` maps to `{p}` (expected \"self\" or \"customer\")"),
                    )),
                }
            }
            locate(column, mapping.perspective.span(), &mut problems)
                .map(|c| PerspectiveFrom::Column(c, table))
        }
    };

    // Text answers, checked against the scale once, up front.
    let scale = &q.scale;
    let value_table = |values: &BTreeMap<String, Spanned<toml::Value>>, problems: &mut Problems| {
        let mut table: HashMap<String, crate::answers::Answer> = HashMap::new();
        for (text, value) in values {
            let answer = match value.get_ref() {
                toml::Value::Integer(v) => Some(crate::answers::Answer::Value(*v)),
                toml::Value::String(s) if s == "na" && scale.allow_na => {
                    Some(crate::answers::Answer::NotApplicable)
                }
                _ => None,
            };
            match answer {
                Some(a) => {
                    table.insert(normalise(text), a);
                }
                None => problems.push(map_error(
                    value.span(),
                    format!("`{text}` must map to a whole number or \"na\""),
                )),
            }
        }
        table
    };
    let global_values = value_table(&mapping.values, &mut problems);
    let mut columns: Vec<(usize, Target, HashMap<String, crate::answers::Answer>)> = Vec::new();
    let mut seen_items: BTreeMap<String, ()> = BTreeMap::new();
    for item in &mapping.items {
        let id = item.item.get_ref();
        let target = if q.nps.as_ref().is_some_and(|n| &n.id == id) {
            Target::Nps
        } else if let Some(i) = q.item_index(id) {
            Target::Item(i)
        } else {
            problems.push(map_error(
                item.item.span(),
                format!("`{id}` is not an item of questionnaire `{}`", q.id),
            ));
            continue;
        };
        if seen_items.insert(id.clone(), ()).is_some() {
            problems.push(map_error(
                item.item.span(),
                format!("`{id}` is mapped twice"),
            ));
        }
        let mut values = global_values.clone();
        values.extend(value_table(&item.values, &mut problems));
        let name = ColumnName {
            column: item.column.clone(),
            question: item.question.clone(),
        };
        if let Some(c) = locate(&name, item.item.span(), &mut problems) {
            let comment_target = match target {
                Target::Item(i) => Target::Comment(Some(i)),
                _ => Target::Comment(None),
            };
            columns.push((c, target, values));
            if let Some(comment) = &item.comment {
                let name = ColumnName {
                    column: Some(comment.clone()),
                    question: None,
                };
                if let Some(cc) = locate(&name, item.item.span(), &mut problems) {
                    columns.push((cc, comment_target, HashMap::new()));
                }
            }
        }
    }
    used.sort_unstable();
    used.dedup();
    let ignored_columns: Vec<String> = (0..table.header.len())
        .filter(|c| !used.contains(c))
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
    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(respondent_column), Some(perspective)) = (respondent_column, perspective) else {
        return Err(problems);
    };

    // The output columns, in questionnaire order so that any export of the same survey gives
    // the same table.
    let mut out_header: Vec<String> = vec!["respondent".into(), "perspective".into()];
    if group_column.is_some() {
        out_header.push("group".into());
    }
    if date_column.is_some() {
        out_header.push("date".into());
    }
    if language.is_some() {
        out_header.push("language".into());
    }
    let key = |t: &Target| match t {
        Target::Item(i) => (0, *i, q.items[*i].id.clone()),
        Target::Nps => (1, 0, q.nps.as_ref().map_or(String::new(), |n| n.id.clone())),
        Target::Comment(Some(i)) => (2, *i, format!("comment:{}", q.items[*i].id)),
        Target::Comment(None) => (
            3,
            0,
            format!("comment:{}", q.nps.as_ref().map_or("", |n| n.id.as_str())),
        ),
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
    let date_format = mapping
        .date
        .as_ref()
        .map(|d| d.get_ref().format.clone())
        .unwrap_or_else(iso);
    for (line, cells) in &table.rows {
        let at = |c: usize, message: String| {
            Diagnostic::at(
                export,
                *line,
                c + 1,
                format!(
                    "{message} (column `{}`, row on line {line})",
                    table.header[c]
                ),
            )
        };
        let before = problems.0.len();
        let id = match (respondent_column, mapping.respondent.get_ref()) {
            (Some(c), RespondentSource::Column { prefix, .. }) if !cells[c].trim().is_empty() => {
                format!("{prefix}{}", cells[c].trim())
            }
            (None, RespondentSource::Numbered { numbered }) => {
                format!("{numbered}{:03}", ids.len() + 1)
            }
            _ => String::new(),
        };
        let id_column = respondent_column.unwrap_or(0);
        if id.is_empty() {
            problems.push(at(id_column, "the respondent id is empty".into()));
        } else if let Some(first) = ids.insert(id.clone(), *line) {
            problems.push(at(
                id_column,
                format!("respondent `{id}` appears twice (first on line {first})"),
            ));
        }
        let p = match &perspective {
            PerspectiveFrom::Constant(p) => Some(*p),
            PerspectiveFrom::Column(c, values) => {
                let cell = normalise(&cells[*c]);
                let found = values.get(&cell).copied();
                if found.is_none() {
                    problems.push(at(
                        *c,
                        format!(
                            "`{}` is not in the mapping's perspective values",
                            cells[*c].trim()
                        ),
                    ));
                }
                found
            }
        };
        let mut record = vec![id, p.map_or("", |p| p.id()).to_string()];
        if let Some(c) = group_column {
            record.push(cells[c].trim().to_string());
        }
        if let Some(c) = date_column {
            let cell = cells[c].trim();
            match convert_date(cell, &date_format) {
                Some(date) => record.push(date),
                None if cell.is_empty() => record.push(String::new()),
                None => {
                    problems.push(at(c, format!("`{cell}` is not a date as `{date_format}`")));
                    record.push(String::new());
                }
            }
        }
        match &language {
            Some(Language::Constant(l)) => record.push(l.clone()),
            Some(Language::Column(c)) => record.push(cells[*c].trim().to_string()),
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
            let answer = match cell.parse::<i64>() {
                Ok(v) => Some(crate::answers::Answer::Value(v)),
                Err(_) => values.get(&normalise(cell)).copied(),
            };
            match answer {
                Some(crate::answers::Answer::Value(v)) if range.contains(&v) => {
                    record.push(v.to_string())
                }
                Some(crate::answers::Answer::Value(v)) => {
                    problems.push(at(
                        *c,
                        format!(
                            "{v} is outside the scale ({} to {})",
                            range.start(),
                            range.end()
                        ),
                    ));
                    record.push(String::new());
                }
                Some(crate::answers::Answer::NotApplicable) => record.push("na".into()),
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

/// A date as survey tools write it, as `YYYY-MM-DD`; a time after the date is dropped.
fn convert_date(cell: &str, format: &str) -> Option<String> {
    let date = cell.split([' ', 'T']).next()?;
    let parts: Vec<&str> = date.split(['-', '.', '/']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let (y, m, d) = match format {
        "dd.mm.yyyy" => (c, b, a),
        "mm/dd/yyyy" => (c, a, b),
        _ => (a, b, c),
    };
    let date = crate::assessment::Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)?;
    Some(date.to_string())
}

/// Where the answer table goes; refuses a path that is not a `.csv`.
pub fn check_output(path: &Path) -> Result<PathBuf, Problems> {
    if path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
        .as_deref()
        != Some("csv")
    {
        return Err(
            Diagnostic::file(path, "the output must be a .csv file (an answer table)").into(),
        );
    }
    Ok(path.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exports_decode_whatever_their_encoding() {
        let text = "id;Frage\n1;Stimme voll zu – gerne\n";
        let utf8_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        let (cp1252, _, _) = encoding_rs::WINDOWS_1252.encode(text);
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        for bytes in [text.as_bytes(), &utf8_bom, &cp1252, &utf16] {
            assert_eq!(decode(bytes), text);
        }
    }

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
    }
}
