//! `keep` in a mapping: the rules a row of the export must meet to be imported
//! (`{ column = "Finished", values = ["1", "True"] }`, `{ column = …, filled = true }`, or a
//! list of such that must all hold).

use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use super::columns::{ColumnName, Columns};
use super::normalise;
use crate::input::diagnostics::{Problems, Source};

/// A rule that a row must meet to be imported: its cell in `column` is one of `values`
/// (normalised), or (without values) is not empty.
pub(super) struct Keep {
    pub column: usize,
    pub values: Option<Vec<String>>,
    /// Why a row is left out, for the summary: `not finished (keep)`.
    pub reason: String,
}

/// The keys of one `keep` rule.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct KeepSpec {
    column: Option<String>,
    question: Option<String>,
    values: Option<Vec<String>>,
    filled: Option<bool>,
}

/// The `keep` rules: one table, or a list of them.
pub(super) fn rules(
    value: &Spanned<toml::Value>,
    map: &Source,
    columns: &mut Columns,
    problems: &mut Problems,
) -> Vec<Keep> {
    const EXPECTED: &str = "`keep` takes { column = …, values = [ … ] }, { column = …, filled = true }, or a list of such";
    let Some(entries) = entries(value, map) else {
        problems.push(map.error(value.span(), EXPECTED));
        return Vec::new();
    };
    let mut rules = Vec::new();
    // a problem with one rule of a list is placed at that rule, not at the whole list
    for (table, span) in entries {
        let spec: KeepSpec = match table.try_into() {
            Ok(spec) => spec,
            Err(e) => {
                let e: toml::de::Error = e;
                problems.push(map.error(span, format!("in `keep`: {} ({EXPECTED})", e.message())));
                continue;
            }
        };
        let name = match (&spec.column, &spec.question) {
            (Some(c), _) => ColumnName::Header(c.clone()),
            (None, Some(q)) => ColumnName::Question(q.clone()),
            (None, None) => {
                problems.push(map.error(
                    span,
                    format!("`keep` needs a `column` or a `question` ({EXPECTED})"),
                ));
                continue;
            }
        };
        let label = spec
            .column
            .clone()
            .or(spec.question.clone())
            .unwrap_or_default();
        let (values, reason) = match (spec.values, spec.filled) {
            (Some(values), None) => {
                let reason = left_out_because(&label, &values);
                (Some(values.iter().map(|v| normalise(v)).collect()), reason)
            }
            (None, Some(true)) => (None, format!("without {label} (keep)")),
            _ => {
                problems.push(map.error(
                    span,
                    format!("`keep` takes either `values` or `filled = true` ({EXPECTED})"),
                ));
                continue;
            }
        };
        if let Some(column) = columns.locate_shared(&name, span, problems) {
            rules.push(Keep {
                column,
                values,
                reason,
            });
        }
    }
    rules
}

/// The rules of `keep` with where each is in the mapping: one table at the place of `keep`,
/// or each entry of a list at its own place; `None` when `keep` is neither.
fn entries(value: &Spanned<toml::Value>, map: &Source) -> Option<Vec<(toml::Value, Range<usize>)>> {
    let span = value.span();
    match value.get_ref() {
        toml::Value::Table(_) => Some(vec![(value.get_ref().clone(), span)]),
        toml::Value::Array(list) => {
            // the parsed mapping keeps no places inside a value: the list's own text, read
            // again, has them
            let spanned = map
                .text
                .get(span.clone())
                .and_then(|text| toml::de::ValueDeserializer::parse(text).ok())
                .and_then(|de| Vec::<Spanned<toml::Value>>::deserialize(de).ok())
                .filter(|entries| entries.len() == list.len());
            Some(match spanned {
                Some(entries) => entries
                    .into_iter()
                    .map(|entry| {
                        let at = entry.span();
                        (
                            entry.into_inner(),
                            span.start + at.start..span.start + at.end,
                        )
                    })
                    .collect(),
                None => list
                    .iter()
                    .map(|entry| (entry.clone(), span.clone()))
                    .collect(),
            })
        }
        _ => None,
    }
}

/// Why a row failing a `values` rule is left out, for the summary: a yes/no column reads
/// `not finished (keep)`; any other reads `mode not interview (keep)`.
fn left_out_because(label: &str, values: &[String]) -> String {
    const YES: [&str; 9] = [
        "1",
        "true",
        "yes",
        "ja",
        "y",
        "wahr",
        "x",
        "complete",
        "completed",
    ];
    let label = label.to_lowercase();
    if values.iter().all(|v| YES.contains(&normalise(v).as_str())) {
        format!("not {label} (keep)")
    } else {
        let wanted: Vec<&str> = values.iter().map(|v| v.trim()).collect();
        format!("{label} not {} (keep)", wanted.join(" or "))
    }
}
