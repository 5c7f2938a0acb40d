//! `[targets]` in `assessment.toml`: the customer-view scores (0–100) the client aims for,
//! overall and per dimension.
//!
//! ```toml
//! [targets]
//! overall = 70
//! reachability = 65
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;
use toml::Spanned;

use crate::input::check::did_you_mean;
use crate::input::diagnostics::{Problems, Source};
use crate::model::assessment::Targets;
use crate::model::questionnaire::Questionnaire;

/// The key of the overall target; every other key is a dimension id.
const OVERALL: &str = "overall";

/// `[targets]` with the places of its keys and values, so each problem is shown at its line.
#[derive(Deserialize)]
struct TargetsOnly {
    targets: Option<Spanned<toml::Value>>,
}

type RawTargets = BTreeMap<Spanned<String>, Spanned<toml::Value>>;

#[derive(Deserialize)]
struct TargetsTable {
    targets: RawTargets,
}

/// Reads `[targets]`, checking each key against the questionnaire's dimensions and each value
/// against 0–100; every problem is pushed at its place, the targets that are right are kept.
pub(super) fn read(
    questionnaire: Option<&Questionnaire>,
    source: &Source,
    problems: &mut Problems,
) -> Targets {
    let mut targets = Targets::default();
    let Ok(TargetsOnly {
        targets: Some(value),
    }) = source.parse_toml::<TargetsOnly>(source.text)
    else {
        return targets;
    };
    let Ok(TargetsTable { targets: raw }) = source.parse_toml::<TargetsTable>(source.text) else {
        problems.push(source.error(
            value.span(),
            "`targets` is a table: [targets] with `overall = 70` and `DIMENSION = 65` under it",
        ));
        return targets;
    };
    for (key, value) in raw {
        let name = key.get_ref();
        if name != OVERALL {
            if let Some(q) = questionnaire {
                if !q.dimensions.iter().any(|d| &d.id == name) {
                    let ids = q.dimensions.iter().map(|d| d.id.as_str());
                    let close = match did_you_mean(name, ids.clone().chain([OVERALL])) {
                        hint if hint.is_empty() => format!(
                            " (its dimensions: {}, and `{OVERALL}` for the overall score)",
                            ids.collect::<Vec<_>>().join(", ")
                        ),
                        hint => hint,
                    };
                    problems.push(source.error(
                        key.span(),
                        format!(
                            "`targets.{name}`: the questionnaire has no dimension `{name}`{close}"
                        ),
                    ));
                    continue;
                }
            }
        }
        let score = match value.get_ref() {
            toml::Value::Integer(n) => Some(*n as f64),
            toml::Value::Float(x) => Some(*x),
            _ => None,
        };
        match score {
            Some(score) if (0.0..=100.0).contains(&score) => {
                if name == OVERALL {
                    targets.overall = Some(score);
                } else {
                    targets.dimensions.insert(name.clone(), score);
                }
            }
            Some(score) => problems.push(source.error(
                value.span(),
                format!(
                    "`targets.{name}` is {score}, but a target is a score from 0 to 100 (the customer view's scale)"
                ),
            )),
            None => problems.push(source.error(
                value.span(),
                format!(
                    "`targets.{name}` must be a number from 0 to 100, without quotes (like {name} = 65)"
                ),
            )),
        }
    }
    targets
}
