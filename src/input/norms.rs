//! Reading a norms file (`report --norms`): a file that may come from someone else, so it is
//! read as untrusted: a size limit, the schema first, no unknown key, and every number
//! checked for what a norm can be before a report shows it.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use crate::input::diagnostics::{Diagnostic, Problems};
use crate::input::files::{read_bytes, refuse_nul};
use crate::model::norms::{Norm, Norms, MIN_ASSESSMENTS, SCHEMA};
use crate::model::questionnaire::{
    is_valid_id, Dimension, Item, Phase, Questionnaire, Scale, Text,
};

/// Far more than the norms of any questionnaire (the built-in one's are about 60 KB).
pub const MAX_NORMS_BYTES: u64 = 8 * 1024 * 1024;

/// The longest filter value a norms file may hold.
const MAX_FILTER_CHARS: usize = 200;

/// The schema alone, read before the whole file: a newer file or a scores file is told apart
/// from a broken one.
#[derive(Deserialize)]
struct Head {
    schema: Option<serde_json::Value>,
}

/// Reads and checks a norms file; every problem in its content at once.
pub fn load(path: &Path) -> Result<Norms, Problems> {
    let bytes = read_bytes(path, MAX_NORMS_BYTES)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| Diagnostic::file(path, "the file is not UTF-8 text: is it a norms file?"))?;
    refuse_nul(path, &text)?;
    let place = |e: serde_json::Error, what: &str| {
        // the place goes in front, as in every message, not at the end
        let message = e.to_string();
        let suffix = format!(" at line {} column {}", e.line(), e.column());
        let message = message.strip_suffix(&suffix).unwrap_or(&message);
        Diagnostic::at(path, e.line(), e.column(), format!("{what}: {message}"))
    };
    let head: Head =
        serde_json::from_str(&text).map_err(|e| place(e, "not a norms file (JSON)"))?;
    match head.schema.as_ref().and_then(|s| s.as_str()) {
        Some(SCHEMA) => {}
        Some(s) if s.starts_with("centricity.scores/") => {
            return Err(Diagnostic::file(
                path,
                "is the scores of one assessment (`score --format json`), not norms: make norms with `centricity norms DIR... -o norms.json`",
            )
            .into())
        }
        Some(s) if s.starts_with("centricity.norms/") => {
            return Err(Diagnostic::file(
                path,
                format!("has the schema `{s}`, and this centricity reads `{SCHEMA}`: make the norms again with this version, or update centricity"),
            )
            .into())
        }
        _ => {
            return Err(Diagnostic::file(
                path,
                format!("is not a norms file: it has no `\"schema\": \"{SCHEMA}\"` (make norms with `centricity norms`)"),
            )
            .into())
        }
    }
    let norms: Norms = serde_json::from_str(&text).map_err(|e| place(e, "not valid norms"))?;
    let mut problems = Problems::default();
    for message in check(&norms) {
        problems.push(Diagnostic::file(path, message));
    }
    problems.into_result(norms)
}

/// What makes the norms unusable, each with where it is (`dimensions[2].customer`).
fn check(norms: &Norms) -> Vec<String> {
    let mut problems = Vec::new();
    let q = &norms.questionnaire;
    if !is_valid_id(&q.id) {
        problems.push(format!("questionnaire.id `{}` is not an id", q.id));
    }
    if q.scale.min >= q.scale.max {
        problems.push("questionnaire.scale: `min` must be below `max`".to_string());
    }
    if norms.assessments < MIN_ASSESSMENTS {
        problems.push(format!(
            "assessments is {}: norms are made of at least {MIN_ASSESSMENTS}",
            norms.assessments
        ));
    }
    if norms.waves.from > norms.waves.to {
        problems.push("waves: `from` is after `to`".to_string());
    }
    for (key, value) in [
        ("industry", &norms.filters.industry),
        ("size", &norms.filters.size),
    ] {
        if value.as_ref().is_some_and(|v| {
            v.chars().count() > MAX_FILTER_CHARS || v.chars().any(char::is_control)
        }) {
            problems.push(format!(
                "filters.{key}: at most {MAX_FILTER_CHARS} characters, none of them a control character"
            ));
        }
    }
    let mut norm = |path: String, norm: &Option<Norm>, low: f64, high: f64| {
        if let Some(norm) = norm {
            problems.extend(
                check_norm(norm, norms.assessments, low, high).map(|m| format!("{path}: {m}")),
            );
        }
    };
    let o = &norms.overall;
    norm("overall.self".into(), &o.self_view, 0.0, 100.0);
    norm("overall.customer".into(), &o.customer, 0.0, 100.0);
    norm("overall.gap".into(), &o.gap, -100.0, 100.0);
    for (k, d) in norms.dimensions.iter().enumerate() {
        norm(format!("dimensions[{k}].self"), &d.self_view, 0.0, 100.0);
        norm(format!("dimensions[{k}].customer"), &d.customer, 0.0, 100.0);
        norm(format!("dimensions[{k}].gap"), &d.gap, -100.0, 100.0);
    }
    for (k, i) in norms.items.iter().enumerate() {
        norm(format!("items[{k}].self"), &i.self_view, 0.0, 100.0);
        norm(format!("items[{k}].customer"), &i.customer, 0.0, 100.0);
        norm(format!("items[{k}].gap"), &i.gap, -100.0, 100.0);
    }
    if let Some(nps) = &norms.nps {
        norm("nps.self".into(), &nps.self_view, -100.0, 100.0);
        norm("nps.customer".into(), &nps.customer, -100.0, 100.0);
    }
    problems.extend(check_ids(norms));
    for (k, l) in norms.left_out.iter().enumerate() {
        let parts = ["overall", "dimension", "item", "nps"];
        let views = ["self", "customer", "gap"];
        if !parts.contains(&l.part.as_str())
            || !views.contains(&l.view.as_str())
            || l.n >= MIN_ASSESSMENTS
        {
            problems.push(format!(
                "left_out[{k}]: a part ({}), a view ({}) and n below {MIN_ASSESSMENTS}",
                parts.join(", "),
                views.join(", ")
            ));
        }
    }
    problems
}

/// The dimensions' and items' ids and what scores them.
fn check_ids(norms: &Norms) -> Vec<String> {
    let mut problems = Vec::new();
    let mut seen = HashSet::new();
    for (k, d) in norms.dimensions.iter().enumerate() {
        if !is_valid_id(&d.id) || !seen.insert(d.id.as_str()) {
            problems.push(format!("dimensions[{k}].id `{}` is not a new id", d.id));
        }
        if !(d.weight.is_finite() && d.weight > 0.0) {
            problems.push(format!("dimensions[{k}].weight must be above 0"));
        }
    }
    let mut items = HashSet::new();
    for (k, i) in norms.items.iter().enumerate() {
        if !is_valid_id(&i.id) || !items.insert(i.id.as_str()) {
            problems.push(format!("items[{k}].id `{}` is not a new id", i.id));
        }
        if !seen.contains(i.dimension.as_str()) {
            problems.push(format!(
                "items[{k}].dimension `{}` is none of the dimensions",
                i.dimension
            ));
        }
        if !(i.weight.is_finite() && i.weight > 0.0) {
            problems.push(format!("items[{k}].weight must be above 0"));
        }
    }
    problems
}

/// What a norm must be: of enough assessments, within the quantity's range, its quantiles
/// in order.
fn check_norm(norm: &Norm, assessments: usize, low: f64, high: f64) -> Option<String> {
    if norm.n < MIN_ASSESSMENTS || norm.n > assessments {
        return Some(format!(
            "n is {}, but must be from {MIN_ASSESSMENTS} to the {assessments} assessments",
            norm.n
        ));
    }
    let values = norm
        .quartiles
        .iter()
        .chain(&norm.deciles)
        .chain([&norm.mean]);
    // a small tolerance: the numbers went through decimal text
    let slack = 1e-9;
    if values
        .clone()
        .any(|v| !(low - slack..=high + slack).contains(v))
    {
        return Some(format!("every value must be from {low} to {high}"));
    }
    let ascending = |v: &[f64]| v.windows(2).all(|w| w[0] <= w[1]);
    if !ascending(&norm.quartiles) || !ascending(&norm.deciles) {
        return Some("quartiles and deciles must be in ascending order".to_string());
    }
    let (q, d) = (&norm.quartiles, &norm.deciles);
    if (q[1] - d[4]).abs() > slack
        || q[0] < d[1] - slack
        || q[0] > d[2] + slack
        || q[2] < d[6] - slack
        || q[2] > d[7] + slack
    {
        return Some(
            "the quartiles do not fit the deciles (the median is the 5th decile)".to_string(),
        );
    }
    None
}

/// A questionnaire with the scoring the norms were made with (scale, weights, dimensions of
/// the items, reverse keying) and no words, for comparing with an assessment's by the one
/// rule (`analysis::trend::scores_differently`).
pub fn scoring(norms: &Norms, path: &Path) -> Questionnaire {
    let dimensions: Vec<Dimension> = norms
        .dimensions
        .iter()
        .map(|d| Dimension {
            id: d.id.clone(),
            weight: d.weight,
            name: no_text(),
            description: no_text(),
            recommendations: Vec::new(),
        })
        .collect();
    let position: HashMap<&str, usize> = dimensions
        .iter()
        .enumerate()
        .map(|(k, d)| (d.id.as_str(), k))
        .collect();
    let items: Vec<Item> = norms
        .items
        .iter()
        .map(|i| Item {
            id: i.id.clone(),
            dimension: position.get(i.dimension.as_str()).copied().unwrap_or(0),
            // not in the norms, and no score depends on it
            phase: Phase::Use,
            weight: i.weight,
            reverse: i.reverse,
            self_text: None,
            customer: None,
            help: None,
        })
        .collect();
    let q = &norms.questionnaire;
    Questionnaire {
        id: q.id.clone(),
        version: format!("{}.x", q.major),
        major: q.major,
        languages: Vec::new(),
        title: no_text(),
        scale: Scale {
            min: q.scale.min,
            max: q.scale.max,
            labels: BTreeMap::new(),
            allow_na: true,
        },
        levels: Vec::new(),
        dimensions,
        item_ids: items
            .iter()
            .enumerate()
            .map(|(k, i)| (i.id.clone(), k))
            .collect(),
        items,
        nps: None,
        origin: path.to_path_buf(),
    }
}

fn no_text() -> Text {
    Text(BTreeMap::new())
}
