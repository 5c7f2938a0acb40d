//! Scores as SPEC §3 defines them, computed in one pass over the respondents.
//!
//! A [`Tally`] takes respondents one at a time and keeps only counts and running moments,
//! so its memory grows with the questionnaire, not with the survey. [`Tally::finish`] turns
//! it into [`Scores`], which is also the JSON document of `score --format json`.

use crate::analysis::drivers::{self, DriverTally};
use crate::analysis::gaps::{gap, Band};
use crate::analysis::scores::*;
use crate::analysis::statistics::{self, Centred, Moments, WholeSums};
use crate::model::questionnaire::{Perspective, Phase, Questionnaire};
use crate::model::respondent::{Answer, Respondent};

#[derive(Debug, Clone)]
pub(super) struct ItemTally {
    pub(super) counts: Vec<u64>,
    pub(super) na: u64,
    pub(super) missing: u64,
}

#[derive(Debug, Clone, Default)]
pub(super) struct NpsTally {
    pub(super) counts: [u64; 11],
}

pub struct Tally<'q> {
    pub(super) questionnaire: &'q Questionnaire,
    pub(super) respondents: Both<usize>,
    /// Per item; `None` for a perspective the item is not asked of.
    pub(super) items: Vec<Both<Option<ItemTally>>>,
    /// Per dimension: the items asked of each perspective.
    dimension_items: Vec<Both<Vec<usize>>>,
    /// Per dimension: the respondents' dimension values.
    pub(super) dimensions: Vec<Both<Centred>>,
    /// Per dimension: the respondents who answered all its items, for Cronbach's alpha.
    pub(super) complete: Vec<Both<Complete>>,
    /// Per group key (see [`group_key`]): respondents, their dimension values, spellings.
    pub(super) groups: Both<Groups>,
    /// The dimension values of the respondent being added, kept to spare an allocation.
    scratch: Vec<Option<f64>>,
    /// Per item, at hand for every answer: reverse-keyed?, weight.
    reverse: Vec<bool>,
    weight: Vec<f64>,
    /// min + max of the scale: a reversed answer is this minus the answer.
    reversal: i64,
    /// Steps of the scale.
    steps: usize,
    pub(super) nps: Both<NpsTally>,
    /// The customers' answers beside their NPS answer, for the driver analysis.
    pub(super) drivers: DriverTally,
}

#[derive(Debug, Clone, Default)]
pub(super) struct GroupTally {
    pub(super) n: usize,
    pub(super) dimensions: Vec<Centred>,
    /// The spellings of the name and how often each was written.
    pub(super) spellings: Vec<(String, usize)>,
}

impl GroupTally {
    /// The spelling most respondents wrote (the first in sort order on a tie).
    pub(super) fn name(&self) -> &str {
        self.spellings
            .iter()
            .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
            .map_or("", |(name, _)| name.as_str())
    }
}

/// Group names that differ only in case, spacing or accents name one group:
/// `Buchhaltung`, `buchhaltung ` and `BUCHHALTUNG` are one department, `Zürich` and `Zurich`
/// one branch.
pub fn group_key(name: &str) -> String {
    use unicode_normalization::char::is_combining_mark;
    use unicode_normalization::UnicodeNormalization;
    let folded: String = name
        .nfkd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The groups of one perspective, by key, and each spelling seen: a respondent's group is
/// one hash look-up of the name they wrote.
#[derive(Debug, Default)]
pub(super) struct Groups {
    /// Each group key and its group's place in `tallies`, in key order.
    keys: std::collections::BTreeMap<String, usize>,
    tallies: Vec<GroupTally>,
    /// Each spelling seen: its group's place in `tallies`, and its own among the group's
    /// spellings.
    spellings: foldhash::HashMap<String, (usize, usize)>,
    /// The middle of the scale, about which dimension values are summed.
    centre: f64,
}

impl Groups {
    /// The groups in key order, each with its key.
    pub(super) fn iter(&self) -> impl Iterator<Item = (&String, &GroupTally)> {
        self.keys.iter().map(|(key, &at)| (key, &self.tallies[at]))
    }

    /// The group of a respondent who wrote `name`, with `count` more respondents who wrote
    /// it; a group seen first gets `dimensions` empty moments.
    fn count(&mut self, name: &str, count: usize, dimensions: usize) -> &mut GroupTally {
        let (at, spelling) = match self.spellings.get(name) {
            Some(&found) => found,
            None => {
                let key = group_key(name);
                let at = match self.keys.get(&key) {
                    Some(&at) => at,
                    None => {
                        self.keys.insert(key, self.tallies.len());
                        self.tallies.push(GroupTally {
                            n: 0,
                            dimensions: vec![Centred::new(self.centre); dimensions],
                            spellings: Vec::new(),
                        });
                        self.tallies.len() - 1
                    }
                };
                let spellings = &mut self.tallies[at].spellings;
                spellings.push((name.to_string(), 0));
                self.spellings
                    .insert(name.to_string(), (at, spellings.len() - 1));
                (at, spellings.len() - 1)
            }
        };
        let group = &mut self.tallies[at];
        group.spellings[spelling].1 += count;
        group
    }

    /// Adds the groups of respondents read after all of these.
    pub(super) fn merge(&mut self, part: Groups) {
        // in key order, the same every run
        for (_, at) in part.keys {
            let theirs = &part.tallies[at];
            let mut group = None;
            for (spelling, count) in &theirs.spellings {
                group = Some(self.count(spelling, *count, theirs.dimensions.len()));
            }
            let Some(group) = group else { continue };
            group.n += theirs.n;
            for (m, t) in group.dimensions.iter_mut().zip(&theirs.dimensions) {
                m.merge(t);
            }
        }
    }
}

/// Over the respondents who answered every item of a dimension: how often each item's
/// steps were answered, and the sums of their (unweighted, reverse-corrected) values.
#[derive(Debug, Clone, Default)]
pub(super) struct Complete {
    /// `items[k * steps + step]`, k the item's place in the dimension.
    pub(super) items: Vec<u64>,
    pub(super) total: WholeSums,
}

impl<'q> Tally<'q> {
    pub fn new(questionnaire: &'q Questionnaire) -> Tally<'q> {
        let steps = questionnaire.scale.steps();
        let centre = questionnaire.scale.centre();
        let items = questionnaire
            .items
            .iter()
            .map(|item| {
                Both::from_fn(|p| {
                    item.is_asked(p).then(|| ItemTally {
                        counts: vec![0; steps],
                        na: 0,
                        missing: 0,
                    })
                })
            })
            .collect();
        let own = questionnaire.items_by_dimension(Some(Perspective::SelfView));
        let theirs = questionnaire.items_by_dimension(Some(Perspective::Customer));
        let dimension_items: Vec<Both<Vec<usize>>> = own
            .into_iter()
            .zip(theirs)
            .map(|(self_view, customer)| Both {
                self_view,
                customer,
            })
            .collect();
        let complete = dimension_items
            .iter()
            .map(|items| {
                Both::from_fn(|p| Complete {
                    items: vec![0; items.get(p).len() * steps],
                    total: WholeSums::default(),
                })
            })
            .collect();
        Tally {
            questionnaire,
            respondents: Both::default(),
            items,
            dimension_items,
            dimensions: vec![
                Both::from_fn(|_| Centred::new(centre));
                questionnaire.dimensions.len()
            ],
            complete,
            groups: Both::from_fn(|_| Groups {
                centre,
                ..Groups::default()
            }),
            scratch: Vec::new(),
            reverse: questionnaire.items.iter().map(|i| i.reverse).collect(),
            weight: questionnaire.items.iter().map(|i| i.weight).collect(),
            reversal: questionnaire.scale.min + questionnaire.scale.max,
            steps,
            nps: Both::default(),
            drivers: DriverTally::new(
                questionnaire.dimensions.len(),
                questionnaire.items.iter().map(|i| {
                    i.is_asked(Perspective::Customer).then(|| {
                        let reversal = questionnaire.scale.min + questionnaire.scale.max;
                        (questionnaire.scale.min..=questionnaire.scale.max)
                            .map(|a| if i.reverse { reversal - a } else { a })
                            .collect()
                    })
                }),
            ),
        }
    }

    /// The reverse-corrected value of a raw answer: `min + max − a` for reverse-keyed items.
    fn value(&self, item: usize, answer: i64) -> i64 {
        if self.reverse[item] {
            self.reversal - answer
        } else {
            answer
        }
    }

    /// The reverse-corrected value of each step of the scale, for an item.
    fn step_values(&self, item: usize) -> Vec<i64> {
        let scale = &self.questionnaire.scale;
        (scale.min..=scale.max)
            .map(|a| self.value(item, a))
            .collect()
    }

    pub fn add(&mut self, respondent: &Respondent) {
        let p = respondent.perspective;
        let min = self.questionnaire.scale.min;
        *self.respondents.get_mut(p) += 1;
        // a customer's NPS answer: their item answers are counted beside it for the drivers
        let driver_nps = match respondent.nps {
            Some(Answer::Value(v)) if p == Perspective::Customer => Some(v as usize),
            _ => None,
        };
        for (item, answer) in respondent.answers.iter().enumerate() {
            let Some(tally) = self.items[item].get_mut(p) else {
                continue;
            };
            match answer {
                Some(Answer::Value(a)) => {
                    let step = (a - min) as usize;
                    tally.counts[step] += 1;
                    if let Some(nps) = driver_nps {
                        self.drivers.add_item(item, step, nps);
                    }
                }
                Some(Answer::NotApplicable) => tally.na += 1,
                None => tally.missing += 1,
            }
        }
        // The respondent's value for a dimension: the weighted mean of the items they gave
        // a value for ("na" and left-out items are not answers). It counts only when they
        // answered at least half of the dimension's items asked of their perspective, so a
        // single answered item cannot stand for a whole dimension.
        let mut values = std::mem::take(&mut self.scratch);
        values.clear();
        values.resize(self.dimensions.len(), None);
        for (d, slot) in values.iter_mut().enumerate() {
            let asked = self.dimension_items[d].get(p);
            let (mut weighted, mut weights, mut answered, mut total) = (0.0, 0.0, 0, 0);
            for &item in asked {
                if let Some(Answer::Value(a)) = respondent.answers[item] {
                    let w = self.weight[item];
                    let v = self.value(item, a);
                    weighted += w * v as f64;
                    weights += w;
                    answered += 1;
                    total += v;
                }
            }
            if answered > 0 && answered * 2 >= asked.len() {
                let value = weighted / weights;
                self.dimensions[d].get_mut(p).push(value);
                *slot = Some(value);
            }
            // Alpha looks at the unweighted values of those who answered every item.
            if answered == asked.len() && answered > 0 {
                let complete = self.complete[d].get_mut(p);
                for (k, &item) in asked.iter().enumerate() {
                    if let Some(Answer::Value(a)) = respondent.answers[item] {
                        complete.items[k * self.steps + (a - min) as usize] += 1;
                    }
                }
                complete.total.push(total);
            }
        }
        if let Some(Answer::Value(v)) = respondent.nps {
            self.nps.get_mut(p).counts[v as usize] += 1;
        }
        if let Some(nps) = driver_nps {
            self.drivers.add_dimensions(&values, nps as f64);
        }
        if let Some(name) = &respondent.group {
            let group = self.groups.get_mut(p).count(name, 1, values.len());
            group.n += 1;
            for (moments, value) in group.dimensions.iter_mut().zip(&values) {
                if let Some(v) = value {
                    moments.push(*v);
                }
            }
        }
        self.scratch = values;
    }

    /// The driver analysis (without an NPS question asked of customers, none) and the
    /// items of the priority matrix: importance r, performance the customers' score.
    fn drivers(
        &self,
        items: &[ItemScores],
    ) -> (Option<drivers::Drivers>, Option<Vec<drivers::Priority>>) {
        let q = self.questionnaire;
        if !q
            .nps
            .as_ref()
            .is_some_and(|n| n.is_asked(Perspective::Customer))
        {
            return (None, None);
        }
        let dimension_ids: Vec<&str> = q.dimensions.iter().map(|d| d.id.as_str()).collect();
        let item_ids: Vec<&str> = q.items.iter().map(|i| i.id.as_str()).collect();
        let Some(drivers) = self.drivers.finish(&dimension_ids, &item_ids) else {
            return (None, None);
        };
        // drivers.items are the items asked of customers, in questionnaire order
        let asked = items.iter().filter(|i| i.customer.is_some());
        let plotted = drivers
            .items
            .iter()
            .zip(asked)
            .filter_map(|(d, scores)| {
                let performance = scores.customer.as_ref()?.score?;
                let self_score = scores.self_view.as_ref().and_then(|v| v.score);
                Some((d.id.clone(), d.r?, performance, self_score))
            })
            .collect();
        (Some(drivers), Some(drivers::priorities(plotted)))
    }

    /// The scores; `min_group_size` decides which gaps may be called significant.
    pub fn finish(&self, client: &str, wave: &str, min_group_size: usize) -> Scores {
        let q = self.questionnaire;
        let scale = self.rescaling();
        let dimensions = self.dimension_scores(scale, min_group_size);
        let item_moments = self.item_moments();
        let items = self.item_scores(&item_moments, scale, min_group_size);
        let overall = Both::from_fn(|p| self.overall_view(&dimensions, p));
        let overall_gap = gap(overall.self_view.score, overall.customer.score);
        let to_score = |mean: f64| scale.0 + scale.1 * mean;
        let groups = Both::from_fn(|p| self.groups(p, min_group_size, to_score));
        let journey = self.journey(&item_moments, to_score);
        let (drivers, priorities) = self.drivers(&items);
        let nps = q.nps.as_ref().map(|nps| {
            Both::from_fn(|p| nps.is_asked(p).then(|| nps_scores(&self.nps.get(p).counts)))
        });
        Scores {
            schema: SCHEMA,
            questionnaire: QuestionnaireRef {
                id: q.id.clone(),
                version: q.version.clone(),
            },
            assessment: AssessmentRef {
                client: client.to_string(),
                wave: wave.to_string(),
            },
            respondents: self.respondents.clone(),
            overall: Overall {
                self_view: overall.self_view,
                customer: overall.customer,
                gap: overall_gap,
                band: overall_gap.map(Band::of),
            },
            dimensions,
            items,
            nps,
            groups,
            journey,
            themes: Both::default(),
            drivers,
            priorities,
            driver_customers: self.drivers.listwise(),
        }
    }

    /// Values on the answer scale as scores on 0–100: score = a + b·value.
    fn rescaling(&self) -> (f64, f64) {
        let q = self.questionnaire;
        let (min, max) = (q.scale.min as f64, q.scale.max as f64);
        (-min / (max - min) * 100.0, 100.0 / (max - min))
    }

    /// Each dimension for both perspectives, with its gap and the test of the gap.
    fn dimension_scores(&self, (a, b): (f64, f64), min_group_size: usize) -> Vec<DimensionScores> {
        let q = self.questionnaire;
        q.dimensions
            .iter()
            .enumerate()
            .map(|(d, dimension)| {
                let view = Both::from_fn(|p| {
                    let moments = self.dimensions[d].get(p).moments();
                    let scores = moments.rescaled(a, b);
                    let complete = self.complete[d].get(p);
                    let items: Vec<Moments> = self.dimension_items[d]
                        .get(p)
                        .iter()
                        .zip(complete.items.chunks(self.steps))
                        .map(|(&item, counts)| statistics::counted(&self.step_values(item), counts))
                        .collect();
                    DimensionView {
                        n: moments.n as usize,
                        mean: moments.mean(),
                        score: scores.mean(),
                        sd: scores.sd(),
                        ci95: statistics::ci95(&scores),
                        alpha: statistics::cronbach_alpha(&items, &complete.total.moments()),
                        level: scores.mean().and_then(|s| q.level_of(s)),
                        target: Target::default(),
                    }
                });
                let gap = gap(view.self_view.score, view.customer.score);
                let moments = Both::from_fn(|p| self.dimensions[d].get(p).moments());
                DimensionScores {
                    id: dimension.id.clone(),
                    self_view: view.self_view,
                    customer: view.customer,
                    gap,
                    band: gap.map(Band::of),
                    test: GapTest::of(&moments.self_view, &moments.customer, min_group_size),
                }
            })
            .collect()
    }

    /// The moments of each item's values, from its counts.
    fn item_moments(&self) -> Vec<Both<Option<Moments>>> {
        let q = self.questionnaire;
        (0..q.items.len())
            .map(|i| {
                Both::from_fn(|p| {
                    self.items[i]
                        .get(p)
                        .as_ref()
                        .map(|tally| statistics::counted(&self.step_values(i), &tally.counts))
                })
            })
            .collect()
    }

    /// Each item for both perspectives, with its gap and the test of the gap.
    fn item_scores(
        &self,
        item_moments: &[Both<Option<Moments>>],
        (a, b): (f64, f64),
        min_group_size: usize,
    ) -> Vec<ItemScores> {
        let q = self.questionnaire;
        q.items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let moments = &item_moments[i];
                let view = Both::from_fn(|p| {
                    let m = moments.get(p).as_ref()?;
                    let tally = self.items[i].get(p).as_ref()?;
                    let scores = m.rescaled(a, b);
                    Some(ItemView {
                        n: m.n,
                        na: tally.na,
                        missing: tally.missing,
                        mean: m.mean(),
                        score: scores.mean(),
                        sd: scores.sd(),
                        ci95: statistics::ci95(&scores),
                        counts: tally.counts.clone(),
                    })
                });
                let score = |v: &Option<ItemView>| v.as_ref().and_then(|v| v.score);
                let gap = gap(score(&view.self_view), score(&view.customer));
                let test = match (&moments.self_view, &moments.customer) {
                    (Some(s), Some(c)) => GapTest::of(s, c, min_group_size),
                    _ => GapTest::of(&Moments::default(), &Moments::default(), min_group_size),
                };
                ItemScores {
                    id: item.id.clone(),
                    dimension: q.dimensions[item.dimension].id.clone(),
                    phase: item.phase,
                    self_view: view.self_view,
                    customer: view.customer,
                    gap,
                    band: gap.map(Band::of),
                    test,
                }
            })
            .collect()
    }

    /// Overall: the dimension scores weighted by the dimensions' weights, over the
    /// dimensions that have a score for that perspective.
    fn overall_view(&self, dimensions: &[DimensionScores], p: Perspective) -> OverallView {
        let q = self.questionnaire;
        let (mut weighted, mut weights) = (0.0, 0.0);
        for (dimension, scores) in q.dimensions.iter().zip(dimensions) {
            let view = match p {
                Perspective::SelfView => &scores.self_view,
                Perspective::Customer => &scores.customer,
            };
            if let Some(score) = view.score {
                weighted += dimension.weight * score;
                weights += dimension.weight;
            }
        }
        let score = (weights > 0.0).then(|| weighted / weights);
        OverallView {
            score,
            level: score.and_then(|s| q.level_of(s)),
            target: Target::default(),
        }
    }

    /// Phase × dimension. Each journey cell pools the answers to its items, so that every
    /// answer counts once.
    fn journey(
        &self,
        item_moments: &[Both<Option<Moments>>],
        to_score: impl Fn(f64) -> f64,
    ) -> Vec<JourneyCell> {
        let q = self.questionnaire;
        let mut journey = Vec::new();
        let by_dimension = q.items_by_dimension(None);
        for (d, dimension) in q.dimensions.iter().enumerate() {
            for phase in Phase::ALL {
                let view = Both::from_fn(|p| {
                    let mut cell: Option<Moments> = None;
                    for &i in &by_dimension[d] {
                        if q.items[i].phase == phase {
                            if let Some(m) = item_moments[i].get(p) {
                                cell.get_or_insert_with(Moments::default).merge(m);
                            }
                        }
                    }
                    cell.map(|m| JourneyView {
                        n: m.n,
                        score: m.mean().map(&to_score),
                    })
                });
                let score = |v: &Option<JourneyView>| v.as_ref().and_then(|v| v.score);
                journey.push(JourneyCell {
                    phase,
                    dimension: dimension.id.clone(),
                    gap: gap(score(&view.self_view), score(&view.customer)),
                    self_view: view.self_view,
                    customer: view.customer,
                });
            }
        }

        journey
    }
}

/// Net Promoter Score: promoters answer 9–10, passives 7–8, detractors 0–6;
/// NPS = 100 × (promoters − detractors) / n.
fn nps_scores(counts: &[u64; 11]) -> NpsScores {
    let detractors: u64 = counts[..=6].iter().sum();
    let passives: u64 = counts[7..=8].iter().sum();
    let promoters: u64 = counts[9..].iter().sum();
    let n = promoters + passives + detractors;
    NpsScores {
        counts: *counts,
        n,
        promoters,
        passives,
        detractors,
        score: (n > 0).then(|| 100.0 * (promoters as f64 - detractors as f64) / n as f64),
        ci95: statistics::nps_ci95(promoters, detractors, n),
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    /// Two dimensions: `a` with items a1, a2 (reverse), a3 (weight 2), and `b` with b1
    /// (customers only) and b2. Scale 1–5, so score = (mean − 1) / 4 × 100.
    fn questionnaire() -> Questionnaire {
        let text = r#"
id = "t"
version = "1.0.0"
languages = ["en"]
title = { en = "T" }
[scale]
min = 1
max = 5
labels = { en = ["1", "2", "3", "4", "5"] }
allow_na = true
[[levels]]
min_score = 0
name = { en = "Low" }
description = { en = "." }
[[levels]]
min_score = 50
name = { en = "High" }
description = { en = "." }
[[dimensions]]
id = "a"
name = { en = "A" }
description = { en = "." }
recommendations = [{ en = "." }, { en = "." }]
[[dimensions]]
id = "b"
weight = 3.0
name = { en = "B" }
description = { en = "." }
recommendations = [{ en = "." }, { en = "." }]
[[items]]
id = "a1"
dimension = "a"
phase = "buy"
self = { en = "." }
customer = { en = "." }
[[items]]
id = "a2"
dimension = "a"
phase = "use"
reverse = true
self = { en = "." }
customer = { en = "." }
[[items]]
id = "a3"
dimension = "a"
phase = "use"
weight = 2.0
self = { en = "." }
customer = { en = "." }
[[items]]
id = "b1"
dimension = "b"
phase = "after"
customer = { en = "." }
[[items]]
id = "b2"
dimension = "b"
phase = "after"
self = { en = "." }
customer = { en = "." }
[nps]
id = "nps"
customer = { en = "." }
self = { en = "." }
"#;
        Questionnaire::parse(Path::new("t.toml"), text).expect("test questionnaire")
    }

    fn respondent(
        perspective: Perspective,
        answers: [Option<Answer>; 5],
        nps: Option<i64>,
    ) -> Respondent {
        Respondent {
            id: String::new(),
            perspective,
            group: None,
            language: None,
            answers: answers.to_vec(),
            nps: nps.map(Answer::Value),
            comments: Vec::new(),
        }
    }

    use Answer::{NotApplicable as Na, Value as V};
    const C: Perspective = Perspective::Customer;
    const S: Perspective = Perspective::SelfView;

    fn close(actual: Option<f64>, expected: f64) {
        let actual = actual.expect("a value");
        assert!(
            (actual - expected).abs() < 1e-9,
            "expected {expected}, got {actual}"
        );
    }

    #[test]
    fn reverse_items_and_weights_make_the_dimension_value() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        // a1 = 5, a2 = 2 reversed to 4, a3 = 3 with weight 2: (5 + 4 + 2·3) / 4 = 3.75
        tally.add(&respondent(
            C,
            [Some(V(5)), Some(V(2)), Some(V(3)), None, None],
            None,
        ));
        let scores = tally.finish("c", "w", 2);
        let a = &scores.dimensions[0].customer;
        assert_eq!(a.n, 1);
        close(a.mean, 3.75);
        close(a.score, 68.75);
        assert_eq!(a.sd, None, "one respondent has no standard deviation");
        assert_eq!(a.level, Some(2));
        // the item mean of a reverse item is on the corrected values
        close(scores.items[1].customer.as_ref().unwrap().mean, 4.0);
        assert_eq!(
            scores.items[1].customer.as_ref().unwrap().counts,
            [0, 1, 0, 0, 0]
        );
    }

    #[test]
    fn not_applicable_and_missing_are_counted_but_left_out_of_means() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        tally.add(&respondent(
            C,
            [Some(V(4)), Some(Na), None, None, None],
            None,
        ));
        tally.add(&respondent(
            C,
            [Some(V(2)), Some(V(5)), Some(V(5)), None, None],
            None,
        ));
        let scores = tally.finish("c", "w", 2);
        let a1 = scores.items[0].customer.as_ref().unwrap();
        assert_eq!((a1.n, a1.na, a1.missing), (2, 0, 0));
        close(a1.mean, 3.0);
        let a2 = scores.items[1].customer.as_ref().unwrap();
        assert_eq!((a2.n, a2.na, a2.missing), (1, 1, 0));
        let a3 = scores.items[2].customer.as_ref().unwrap();
        assert_eq!((a3.n, a3.na, a3.missing), (1, 0, 1));
    }

    #[test]
    fn a_respondent_counts_for_a_dimension_with_half_of_its_items() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        // 1 of 3 items of `a`: left out; 1 of 2 items of `b`: counts (1 × 2 ≥ 2)
        tally.add(&respondent(
            C,
            [Some(V(5)), Some(Na), None, Some(V(4)), None],
            None,
        ));
        let scores = tally.finish("c", "w", 2);
        assert_eq!(scores.dimensions[0].customer.n, 0);
        assert_eq!(scores.dimensions[0].customer.score, None);
        assert_eq!(scores.dimensions[1].customer.n, 1);
        close(scores.dimensions[1].customer.mean, 4.0);
    }

    #[test]
    fn one_sided_items_count_only_for_their_perspective() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        // b has only b2 for self: one answer is all of it
        tally.add(&respondent(S, [None, None, None, None, Some(V(3))], None));
        let scores = tally.finish("c", "w", 2);
        assert!(
            scores.items[3].self_view.is_none(),
            "b1 is not asked of self"
        );
        assert_eq!(scores.items[3].gap, None);
        close(scores.dimensions[1].self_view.mean, 3.0);
        assert_eq!(scores.dimensions[1].customer.n, 0);
    }

    #[test]
    fn overall_gap_level_and_sd_from_several_respondents() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        tally.add(&respondent(
            S,
            [Some(V(5)), Some(V(1)), Some(V(5)), None, Some(V(5))],
            Some(10),
        ));
        tally.add(&respondent(
            S,
            [Some(V(4)), Some(V(2)), Some(V(4)), None, Some(V(4))],
            Some(8),
        ));
        tally.add(&respondent(
            C,
            [Some(V(2)), Some(V(4)), Some(V(2)), Some(V(3)), Some(V(1))],
            Some(3),
        ));
        tally.add(&respondent(
            C,
            [Some(V(3)), Some(V(3)), Some(V(3)), Some(V(3)), Some(V(3))],
            Some(9),
        ));
        let scores = tally.finish("c", "w", 2);
        // self a: values 5 and 4 → mean 4.5, score 87.5; sd of (100, 75) = 17.677…
        let a = &scores.dimensions[0];
        close(a.self_view.score, 87.5);
        close(a.self_view.sd, 12.5 * 2f64.sqrt());
        // customer a: (2+2+2·2)/4 = 2 and 3 → mean 2.5 → 37.5; gap 50 → severe
        close(a.customer.score, 37.5);
        close(a.gap, 50.0);
        assert_eq!(a.band, Some(Band::Severe));
        // self b: b2 only, 5 and 4 → 87.5; customer b: (3+1)/2 = 2 and 3 → 2.5 → 37.5
        close(scores.dimensions[1].self_view.score, 87.5);
        close(scores.dimensions[1].customer.score, 37.5);
        // overall with weights 1 and 3: customer (37.5 + 3·37.5)/4 = 37.5
        close(scores.overall.customer.score, 37.5);
        assert_eq!(scores.overall.customer.level, Some(1));
        assert_eq!(scores.overall.self_view.level, Some(2));
        close(scores.overall.gap, 50.0);
        // NPS: customers 3 (detractor) and 9 (promoter) → 0; self 10 and 8 → 50
        let nps = scores.nps.as_ref().unwrap();
        let customer = nps.customer.as_ref().unwrap();
        assert_eq!(
            (customer.promoters, customer.passives, customer.detractors),
            (1, 0, 1)
        );
        close(customer.score, 0.0);
        close(nps.self_view.as_ref().unwrap().score, 50.0);
        // the largest blind spot first
        assert_eq!(scores.items[scores.blind_spots()[0]].id, "b2");
        assert!(scores.hidden_strengths().is_empty());
    }

    #[test]
    fn an_empty_perspective_gives_null_not_nan() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        tally.add(&respondent(
            C,
            [Some(V(3)), Some(V(3)), Some(V(3)), Some(V(3)), Some(V(3))],
            None,
        ));
        let scores = tally.finish("c", "w", 2);
        assert_eq!(scores.respondents.self_view, 0);
        assert_eq!(scores.overall.self_view.score, None);
        assert_eq!(scores.overall.self_view.level, None);
        assert_eq!(scores.overall.gap, None);
        assert_eq!(scores.dimensions[0].self_view.mean, None);
        assert_eq!(scores.items[0].self_view.as_ref().unwrap().mean, None);
        assert_eq!(
            scores
                .nps
                .as_ref()
                .unwrap()
                .self_view
                .as_ref()
                .unwrap()
                .score,
            None
        );
        let json = serde_json::to_string(&scores).unwrap();
        assert!(!json.contains("NaN"));
        assert!(json.contains(r#""gap":null"#));
    }

    fn in_group(mut r: Respondent, group: &str) -> Respondent {
        r.group = Some(group.to_string());
        r
    }

    #[test]
    fn small_groups_are_pooled_and_a_small_pool_shows_nothing() {
        let q = questionnaire();
        let all = [Some(V(4)), Some(V(2)), Some(V(4)), Some(V(4)), Some(V(4))];
        let mut tally = Tally::new(&q);
        for group in ["Verkauf", "Verkauf", "Verkauf", "Werkstatt", "GL"] {
            tally.add(&in_group(respondent(C, all, None), group));
        }
        let groups = tally.finish("c", "w", 2).groups.customer;
        let names: Vec<&str> = groups.iter().map(|g| g.name.as_str()).collect();
        assert_eq!(names, ["Verkauf", OTHER]);
        assert_eq!((groups[0].n, groups[0].pooled), (Some(3), 0));
        assert_eq!((groups[1].n, groups[1].pooled), (Some(2), 2));
        close(groups[1].dimensions[0].score, 75.0);

        // With a minimum of 3 the pool of 2 is hidden, and then Verkauf must go too: the
        // whole (5) minus Verkauf (3) would give the pool's numbers back.
        let groups = tally.finish("c", "w", 3).groups.customer;
        assert_eq!(groups.len(), 1);
        assert_eq!(
            (groups[0].name.as_str(), groups[0].n, groups[0].pooled),
            (OTHER, Some(5), 3)
        );
    }

    #[test]
    fn journey_cells_pool_the_answers_of_their_items() {
        let q = questionnaire();
        let mut tally = Tally::new(&q);
        // a2 (use, reverse) and a3 (use): answers 2 → 4 and 3; cell mean 3.5 → 62.5
        tally.add(&respondent(
            C,
            [Some(V(5)), Some(V(2)), Some(V(3)), None, None],
            None,
        ));
        let scores = tally.finish("c", "w", 2);
        let cell = |phase: Phase, dimension: &str| {
            scores
                .journey
                .iter()
                .find(|c| c.phase == phase && c.dimension == dimension)
                .unwrap()
        };
        let use_a = cell(Phase::Use, "a");
        assert_eq!(use_a.customer.as_ref().unwrap().n, 2);
        close(use_a.customer.as_ref().unwrap().score, 62.5);
        assert!(
            cell(Phase::Discover, "a").customer.is_none(),
            "no item there"
        );
        let after_b = cell(Phase::After, "b");
        assert_eq!(
            after_b.self_view.as_ref().unwrap().score,
            None,
            "an item, but no answers"
        );
    }

    #[test]
    fn bands_follow_half_steps() {
        assert_eq!(Band::of(12.4), Band::Aligned);
        assert_eq!(Band::of(-12.5), Band::Moderate);
        assert_eq!(Band::of(30.0), Band::High);
        assert_eq!(Band::of(-37.5), Band::Severe);
        // 12.5 computed through sums of fractions lands just below; it is still 12.5
        assert_eq!(Band::of(0.1 * 3.0 * 125.0 / 3.0 - 1e-12), Band::Moderate);
    }
}
