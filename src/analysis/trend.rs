//! This wave against an earlier one.

use std::collections::HashMap;

use serde::Serialize;

use crate::analysis::gaps::gap;
use crate::analysis::scores::{Both, DimensionScores, ItemScores, Scores};
use crate::analysis::statistics;
use crate::model::assessment::Targets;
use crate::model::questionnaire::{Perspective, Questionnaire};

/// This wave against an earlier one: per dimension, item and overall, for both views.
#[derive(Debug, Clone, Serialize)]
pub struct Trend {
    /// The earlier wave's label.
    pub baseline_wave: String,
    /// The earlier wave's respondents: none for a view means no change of it can be shown.
    pub before_respondents: Both<usize>,
    pub overall: Both<Change>,
    pub dimensions: Vec<(String, Both<Change>)>,
    pub items: Vec<(String, Both<Change>)>,
    /// The customer view's way toward its targets: overall first, then the dimensions.
    pub progress: Vec<Progress>,
}

/// How far the customer view came toward its target (`[targets]`) between the waves.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Progress {
    /// A dimension id, or `None` for the overall score.
    pub dimension: Option<String>,
    pub target: f64,
    pub before: Option<f64>,
    pub now: Option<f64>,
    /// The share of the earlier wave's distance to the target closed since (0.4: 40 %; more
    /// than 1 past the target; negative when the score moved away). `None` when the earlier
    /// wave had reached the target already, or a score is missing.
    pub closed: Option<f64>,
}

impl Progress {
    fn of(dimension: Option<String>, target: f64, change: &Change) -> Progress {
        let closed = match (change.before, change.now) {
            (Some(before), Some(now)) if before < target => {
                Some((now - before) / (target - before))
            }
            _ => None,
        };
        Progress {
            dimension,
            target,
            before: change.before,
            now: change.now,
            closed,
        }
    }
}

/// The progress toward each target that has a change to measure it by.
pub fn progress(trend: &Trend, targets: &Targets) -> Vec<Progress> {
    let overall = targets
        .overall
        .map(|t| Progress::of(None, t, &trend.overall.customer));
    let dimensions = trend.dimensions.iter().filter_map(|(id, change)| {
        let target = targets.dimension(id)?;
        Some(Progress::of(Some(id.clone()), target, &change.customer))
    });
    overall.into_iter().chain(dimensions).collect()
}

/// A score then and now; the change with its 95 % interval where both waves have spread.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub before: Option<f64>,
    pub now: Option<f64>,
    pub change: Option<f64>,
    pub ci95: Option<[f64; 2]>,
    /// The interval leaves out zero.
    pub significant: bool,
}

impl Change {
    fn between(
        now: (usize, Option<f64>, Option<f64>),
        before: (usize, Option<f64>, Option<f64>),
    ) -> Change {
        let ci95 = if now.1.is_some() && before.1.is_some() {
            statistics::difference_ci95(
                &statistics::moments_of(now.0, now.1, now.2),
                &statistics::moments_of(before.0, before.1, before.2),
            )
        } else {
            None
        };
        Change {
            before: before.1,
            now: now.1,
            change: gap(now.1, before.1),
            ci95,
            significant: ci95.is_some_and(|[low, high]| low > 0.0 || high < 0.0),
        }
    }
}

/// The changes of the entries of `now` that `before` has too (matched by id), per perspective;
/// `view` gives an entry's n, score and sd.
fn matched<T>(
    now: &[T],
    before: &[T],
    id: impl Fn(&T) -> &String,
    view: impl Fn(&T, Perspective) -> (usize, Option<f64>, Option<f64>),
) -> Vec<(String, Both<Change>)> {
    // by id: a look-up per entry, not a scan
    let earlier: HashMap<&String, usize> =
        before.iter().enumerate().map(|(i, o)| (id(o), i)).collect();
    now.iter()
        .filter_map(|entry| {
            let old = &before[*earlier.get(id(entry))?];
            Some((
                id(entry).clone(),
                Both::from_fn(|p| Change::between(view(entry, p), view(old, p))),
            ))
        })
        .collect()
}

/// Compares two waves by dimension and item id (a later minor version may add items; those
/// without a counterpart are left out). The overall scores compared are over the dimensions
/// both waves have a score for, weighted by `weights` (this wave's, per dimension id), so a
/// dimension nobody answered in one wave does not move the total. The overall score is a
/// weighted mean of dimension scores, not a mean over respondents, so its change has no
/// interval. Where no dimension has a score in both waves (say, the earlier wave asked no
/// customers), the overall change is `None` and `now` is this wave's overall score.
pub fn trend(
    now: &Scores,
    before: &Scores,
    weights: &[(String, f64)],
    baseline_wave: &str,
) -> Trend {
    let overall = Both::from_fn(|p| {
        let score = |d: &DimensionScores| match p {
            Perspective::SelfView => d.self_view.score,
            Perspective::Customer => d.customer.score,
        };
        let (mut now_sum, mut before_sum, mut weight_sum) = (0.0, 0.0, 0.0);
        let earlier: HashMap<&String, &DimensionScores> =
            before.dimensions.iter().map(|o| (&o.id, o)).collect();
        let weights: HashMap<&String, f64> = weights.iter().map(|(id, w)| (id, *w)).collect();
        for d in &now.dimensions {
            let old = earlier.get(&d.id).copied();
            let weight = weights.get(&d.id).copied().unwrap_or(1.0);
            if let (Some(a), Some(b)) = (score(d), old.and_then(score)) {
                now_sum += weight * a;
                before_sum += weight * b;
                weight_sum += weight;
            }
        }
        let shared = |sum: f64| (weight_sum > 0.0).then(|| sum / weight_sum);
        // no dimension to compare: this wave's overall score still stands, without a change
        let now_score = if weight_sum > 0.0 {
            shared(now_sum)
        } else {
            match p {
                Perspective::SelfView => now.overall.self_view.score,
                Perspective::Customer => now.overall.customer.score,
            }
        };
        Change::between((0, now_score, None), (0, shared(before_sum), None))
    });
    let dimension_view = |d: &DimensionScores, p: Perspective| {
        let v = match p {
            Perspective::SelfView => &d.self_view,
            Perspective::Customer => &d.customer,
        };
        (v.n, v.score, v.sd)
    };
    let dimensions = matched(
        &now.dimensions,
        &before.dimensions,
        |d| &d.id,
        dimension_view,
    );
    let item_view = |i: &ItemScores, p: Perspective| {
        i.view(p)
            .map_or((0, None, None), |v| (v.n as usize, v.score, v.sd))
    };
    let items = matched(&now.items, &before.items, |i| &i.id, item_view);
    Trend {
        baseline_wave: baseline_wave.to_string(),
        before_respondents: before.respondents.clone(),
        overall,
        dimensions,
        items,
        progress: Vec::new(),
    }
}

/// What makes two questionnaires give different scores for the same answers, if anything:
/// the scale, a shared item's dimension, reverse keying or weight, a shared dimension's
/// weight. (Items and dimensions only one of them has are left out of the trend anyway.)
pub fn scores_differently(now: &Questionnaire, before: &Questionnaire) -> Option<String> {
    if (now.scale.min, now.scale.max) != (before.scale.min, before.scale.max) {
        return Some(format!(
            "its scale runs from {} to {}, this one from {} to {}",
            before.scale.min, before.scale.max, now.scale.min, now.scale.max
        ));
    }
    let dimensions: HashMap<&String, &crate::model::questionnaire::Dimension> =
        before.dimensions.iter().map(|d| (&d.id, d)).collect();
    for dimension in &now.dimensions {
        if let Some(old) = dimensions.get(&dimension.id) {
            if old.weight != dimension.weight {
                return Some(format!(
                    "dimension `{}` weighs {} there and {} here",
                    dimension.id, old.weight, dimension.weight
                ));
            }
        }
    }
    for item in &now.items {
        let Some(old) = before.item_index(&item.id).map(|i| &before.items[i]) else {
            continue;
        };
        let (here, there) = (
            &now.dimensions[item.dimension].id,
            &before.dimensions[old.dimension].id,
        );
        if here != there {
            return Some(format!(
                "item `{}` belongs to `{there}` there and to `{here}` here",
                item.id
            ));
        }
        if old.reverse != item.reverse {
            return Some(format!(
                "item `{}` is reverse-keyed in one and not the other",
                item.id
            ));
        }
        if old.weight != item.weight {
            return Some(format!(
                "item `{}` weighs {} there and {} here",
                item.id, old.weight, item.weight
            ));
        }
    }
    None
}
