//! `keep` in a mapping: the rules a row of the export must meet to be imported
//! (`{ column = "Finished", values = ["1", "True"] }`, `{ column = …, filled = true }`, or a
//! list of such that must all hold).

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
    let tables = match value.get_ref() {
        toml::Value::Table(_) => vec![value.get_ref().clone()],
        toml::Value::Array(list) => list.clone(),
        _ => {
            problems.push(map.error(value.span(), EXPECTED));
            return Vec::new();
        }
    };
    let mut rules = Vec::new();
    for table in tables {
        let spec: KeepSpec = match table.try_into() {
            Ok(spec) => spec,
            Err(e) => {
                let e: toml::de::Error = e;
                problems.push(map.error(
                    value.span(),
                    format!("in `keep`: {} ({EXPECTED})", e.message()),
                ));
                continue;
            }
        };
        let name = match (&spec.column, &spec.question) {
            (Some(c), _) => ColumnName::Header(c.clone()),
            (None, Some(q)) => ColumnName::Question(q.clone()),
            (None, None) => {
                problems.push(map.error(
                    value.span(),
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
            (Some(values), None) => (
                Some(values.iter().map(|v| normalise(v)).collect()),
                format!("not {} (keep)", label.to_lowercase()),
            ),
            (None, Some(true)) => (None, format!("without {label} (keep)")),
            _ => {
                problems.push(map.error(
                    value.span(),
                    format!("`keep` takes either `values` or `filled = true` ({EXPECTED})"),
                ));
                continue;
            }
        };
        if let Some(column) = columns.locate_shared(&name, value.span(), problems) {
            rules.push(Keep {
                column,
                values,
                reason,
            });
        }
    }
    rules
}
