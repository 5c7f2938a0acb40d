//! `[recommendations]` in `assessment.toml`: the consultant's own texts for a dimension at a
//! level, over the questionnaire's, without editing the questionnaire.
//!
//! ```toml
//! [recommendations.reliability]
//! 2 = "Agree binding time slots with the courier and measure them."
//! 3 = { de = "Zeitfenster verbindlich vereinbaren …", en = "Agree binding time slots …" }
//! ```

use std::collections::BTreeMap;

use toml::Spanned;

use crate::input::check::did_you_mean;
use crate::input::diagnostics::{Problems, Source};
use crate::model::assessment::Recommendations;
use crate::model::questionnaire::Questionnaire;

/// Reads the table, checking each dimension id, level and language against the
/// questionnaire; every problem is pushed, the texts that are right are kept.
pub(super) fn read(
    value: &Spanned<toml::Value>,
    questionnaire: Option<&Questionnaire>,
    source: &Source,
    problems: &mut Problems,
) -> Recommendations {
    let mut found = Recommendations::new();
    let mut problem = |message: String| problems.push(source.error(value.span(), message));
    let Some(dimensions) = value.get_ref().as_table() else {
        problem("`recommendations` is a table: [recommendations.DIMENSION] with `LEVEL = \"text\"` under it".into());
        return found;
    };
    for (dimension, levels) in dimensions {
        if let Some(q) = questionnaire {
            if !q.dimensions.iter().any(|d| &d.id == dimension) {
                let close = did_you_mean(dimension, q.dimensions.iter().map(|d| d.id.as_str()));
                problem(format!(
                    "`recommendations.{dimension}`: the questionnaire has no dimension `{dimension}`{close}"
                ));
                continue;
            }
        }
        let Some(levels) = levels.as_table() else {
            problem(format!(
                "`recommendations.{dimension}` is a table of levels, like `2 = \"text\"`"
            ));
            continue;
        };
        let most = questionnaire.map_or(usize::MAX, |q| q.levels.len());
        for (level, text) in levels {
            let number = level
                .parse::<usize>()
                .ok()
                .filter(|l| (1..=most).contains(l));
            let Some(number) = number else {
                problem(format!(
                    "`recommendations.{dimension}.{level}`: a level is a number from 1 to {most}"
                ));
                continue;
            };
            let texts: BTreeMap<String, String> = match text {
                toml::Value::String(s) => BTreeMap::from([("*".to_string(), s.clone())]),
                toml::Value::Table(t) => t
                    .iter()
                    .filter_map(|(language, s)| {
                        let known = questionnaire.is_none_or(|q| q.languages.contains(language));
                        match (s.as_str(), known) {
                            (Some(s), true) => Some((language.clone(), s.to_string())),
                            _ => {
                                problem(format!("`recommendations.{dimension}.{level}.{language}`: a text in one of the questionnaire's languages"));
                                None
                            }
                        }
                    })
                    .collect(),
                _ => {
                    problem(format!(
                        "`recommendations.{dimension}.{level}` is a text, or one per language: {{ de = \"…\", en = \"…\" }}"
                    ));
                    continue;
                }
            };
            found.insert((dimension.clone(), number), texts);
        }
    }
    found
}
