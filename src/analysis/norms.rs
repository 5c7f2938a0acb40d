//! Norms across a portfolio: how the scores of many assessments are spread ([`Portfolio`]),
//! and where one client stands among them ([`standing`]).
//!
//! Every assessment counts once, however many people answered it: a norm says how companies
//! score, not how their respondents do.

use std::collections::HashMap;

use crate::analysis::scores::{Both, Scores};
use crate::model::assessment::Date;
use crate::model::norms::{
    DimensionNorms, Excluded, Filters, ItemNorms, LeftOut, Norm, Norms, NormsQuestionnaire,
    NpsNorms, ScaleRange, Views, Waves, MIN_ASSESSMENTS, SCHEMA,
};
use crate::model::questionnaire::{Perspective, Questionnaire};

/// The `p`-quantile (0 ≤ p ≤ 1) of values sorted ascending, by linear interpolation between
/// order statistics: Hyndman & Fan (1996) definition 7, the default of R's `quantile` and
/// numpy's `quantile(method="linear")`. With h = (n − 1)·p, it is x₍⌊h⌋₎ + (h − ⌊h⌋)·(x₍⌊h⌋+1₎ −
/// x₍⌊h⌋₎), counting from 0. `None` for no values.
pub fn quantile(sorted: &[f64], p: f64) -> Option<f64> {
    let last = sorted.len().checked_sub(1)?;
    let h = last as f64 * p.clamp(0.0, 1.0);
    let low = (h.floor() as usize).min(last);
    let high = (low + 1).min(last);
    Some(sorted[low] + (h - low as f64) * (sorted[high] - sorted[low]))
}

/// The mean, quartiles and deciles of `values` (sorted here), each value weighted equally;
/// `None` for no values.
pub fn norm_of(values: &mut [f64]) -> Option<Norm> {
    values.sort_by(f64::total_cmp);
    let q = |p: f64| quantile(values, p);
    let mut deciles = [0.0; 9];
    for (k, d) in deciles.iter_mut().enumerate() {
        *d = q((k + 1) as f64 / 10.0)?;
    }
    Some(Norm {
        n: values.len(),
        mean: values.iter().sum::<f64>() / values.len() as f64,
        quartiles: [q(0.25)?, q(0.5)?, q(0.75)?],
        deciles,
    })
}

/// Where a value lies among the peers of a norm, in percent.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Percentile {
    /// Below the 10th percentile: the norms hold nothing lower to place it by.
    Below10,
    /// The percentile rank, 10 to 90.
    At(f64),
    /// Above the 90th percentile.
    Above90,
}

/// The percentile rank of `value` among the peers of `norm`: the p at which the peers'
/// quantile function (type 7, as written in the norms) reaches `value`. A norms file holds
/// no single assessment's score, only the deciles and quartiles, so the rank is interpolated
/// linearly between those eleven points (10th, 20th, 25th, 30th, …, 75th, 80th, 90th
/// percentile). Where several of them equal `value` (peers with the same score), the rank is
/// the middle of their range, as the mid-rank counts half of the peers that are equal.
/// Outside the 10th to 90th percentile the norms cannot say how far out a value is:
/// [`Percentile::Below10`] and [`Percentile::Above90`].
pub fn percentile(norm: &Norm, value: f64) -> Percentile {
    let d = &norm.deciles;
    let knots: [(f64, f64); 11] = [
        (10.0, d[0]),
        (20.0, d[1]),
        (25.0, norm.quartiles[0]),
        (30.0, d[2]),
        (40.0, d[3]),
        (50.0, d[4]),
        (60.0, d[5]),
        (70.0, d[6]),
        (75.0, norm.quartiles[2]),
        (80.0, d[7]),
        (90.0, d[8]),
    ];
    if value < knots[0].1 {
        return Percentile::Below10;
    }
    if value > knots[10].1 {
        return Percentile::Above90;
    }
    let equal: Vec<f64> = knots
        .iter()
        .filter(|(_, q)| *q == value)
        .map(|(p, _)| *p)
        .collect();
    if let (Some(first), Some(last)) = (equal.first(), equal.last()) {
        return Percentile::At((first + last) / 2.0);
    }
    for pair in knots.windows(2) {
        let ((p0, q0), (p1, q1)) = (pair[0], pair[1]);
        if q0 < value && value < q1 {
            return Percentile::At(p0 + (p1 - p0) * (value - q0) / (q1 - q0));
        }
    }
    // not reached: value lies within [d1, d9] and is equal to no knot
    Percentile::At(50.0)
}

/// The views of a score whose norms are kept: the two views and the gap, or (for the NPS)
/// the two views.
const VIEWS: [&str; 3] = ["self", "customer", "gap"];

/// One assessment's values of every quantity the norms are made of, in the portfolio's
/// order (see [`Portfolio::sample`]): a few hundred numbers, however many people answered.
pub struct Sample(Vec<Option<f64>>);

/// A quantity of the norms: where it is written and which of its values it takes.
struct Quantity {
    part: &'static str,
    /// Index into the portfolio's dimensions or items.
    index: Option<usize>,
    view: &'static str,
}

/// The assessments of one questionnaire (id and major version), one at a time: of each it
/// keeps only a [`Sample`], so a thousand assessments take little memory.
pub struct Portfolio {
    questionnaire: NormsQuestionnaire,
    dimensions: Vec<(String, f64)>,
    items: Vec<(String, String, bool, f64)>,
    has_nps: bool,
    dimension_index: HashMap<String, usize>,
    item_index: HashMap<String, usize>,
    /// Overall (self, customer, gap), each dimension's three, each item's three, the NPS's two.
    quantities: Vec<Quantity>,
    values: Vec<Vec<f64>>,
    assessments: usize,
    waves: Option<(Date, Date)>,
}

impl Portfolio {
    /// Norms in the order and with the scoring of `q` (the newest version of the portfolio's
    /// questionnaire): a dimension or item only an earlier version had is left out.
    pub fn new(q: &Questionnaire) -> Portfolio {
        let dimensions: Vec<(String, f64)> = q
            .dimensions
            .iter()
            .map(|d| (d.id.clone(), d.weight))
            .collect();
        let items: Vec<(String, String, bool, f64)> = q
            .items
            .iter()
            .map(|i| {
                let dimension = q.dimensions[i.dimension].id.clone();
                (i.id.clone(), dimension, i.reverse, i.weight)
            })
            .collect();
        let three = |part: &'static str, index: Option<usize>| {
            VIEWS.map(|view| Quantity { part, index, view })
        };
        let mut quantities: Vec<Quantity> = three("overall", None).into();
        for k in 0..dimensions.len() {
            quantities.extend(three("dimension", Some(k)));
        }
        for k in 0..items.len() {
            quantities.extend(three("item", Some(k)));
        }
        if q.nps.is_some() {
            quantities.extend(VIEWS[..2].iter().map(|view| Quantity {
                part: "nps",
                index: None,
                view,
            }));
        }
        Portfolio {
            questionnaire: NormsQuestionnaire {
                id: q.id.clone(),
                major: q.major,
                scale: ScaleRange {
                    min: q.scale.min,
                    max: q.scale.max,
                },
            },
            dimension_index: index(dimensions.iter().map(|d| &d.0)),
            item_index: index(items.iter().map(|i| &i.0)),
            values: quantities.iter().map(|_| Vec::new()).collect(),
            quantities,
            dimensions,
            items,
            has_nps: q.nps.is_some(),
            assessments: 0,
            waves: None,
        }
    }

    /// An assessment's values of the portfolio's quantities, by dimension and item id.
    pub fn sample(&self, scores: &Scores) -> Sample {
        let mut values = vec![None; self.quantities.len()];
        let o = &scores.overall;
        values[..3].copy_from_slice(&[o.self_view.score, o.customer.score, o.gap]);
        let dimensions_at = 3;
        for d in &scores.dimensions {
            if let Some(&k) = self.dimension_index.get(&d.id) {
                let at = dimensions_at + 3 * k;
                values[at..at + 3].copy_from_slice(&[d.self_view.score, d.customer.score, d.gap]);
            }
        }
        let items_at = dimensions_at + 3 * self.dimensions.len();
        for item in &scores.items {
            if let Some(&k) = self.item_index.get(&item.id) {
                let score = |p: Perspective| item.view(p).and_then(|v| v.score);
                let at = items_at + 3 * k;
                values[at..at + 3].copy_from_slice(&[
                    score(Perspective::SelfView),
                    score(Perspective::Customer),
                    item.gap,
                ]);
            }
        }
        if let (true, Some(nps)) = (self.has_nps, &scores.nps) {
            let at = items_at + 3 * self.items.len();
            for (k, p) in Perspective::BOTH.into_iter().enumerate() {
                values[at + k] = nps.get(p).as_ref().and_then(|v| v.score);
            }
        }
        Sample(values)
    }

    /// One assessment, of the report dated `date`.
    pub fn add(&mut self, sample: Sample, date: Date) {
        self.assessments += 1;
        self.waves = Some(match self.waves {
            None => (date, date),
            Some((from, to)) => (from.min(date), to.max(date)),
        });
        for (values, value) in self.values.iter_mut().zip(sample.0) {
            values.extend(value.filter(|v| v.is_finite()));
        }
    }

    pub fn assessments(&self) -> usize {
        self.assessments
    }

    /// The norms; `None` without a single assessment. A quantity with fewer than
    /// [`MIN_ASSESSMENTS`] values is `None` and listed in `left_out`.
    pub fn finish(self, filters: Filters, excluded: Excluded) -> Option<Norms> {
        let (from, to) = self.waves?;
        let mut left_out = Vec::new();
        let mut norms = Vec::with_capacity(self.values.len());
        for (q, mut values) in self.quantities.iter().zip(self.values) {
            if values.len() < MIN_ASSESSMENTS {
                let id = match q.part {
                    "dimension" => q.index.map(|k| self.dimensions[k].0.clone()),
                    "item" => q.index.map(|k| self.items[k].0.clone()),
                    _ => None,
                };
                left_out.push(LeftOut {
                    part: q.part.to_string(),
                    id,
                    view: q.view.to_string(),
                    n: values.len(),
                });
                norms.push(None);
            } else {
                norms.push(norm_of(&mut values));
            }
        }
        let mut norms = norms.into_iter();
        let mut views = || Views {
            self_view: norms.next().flatten(),
            customer: norms.next().flatten(),
            gap: norms.next().flatten(),
        };
        let overall = views();
        let dimensions = self
            .dimensions
            .into_iter()
            .map(|(id, weight)| {
                let v = views();
                DimensionNorms {
                    id,
                    weight,
                    self_view: v.self_view,
                    customer: v.customer,
                    gap: v.gap,
                }
            })
            .collect();
        let items = self
            .items
            .into_iter()
            .map(|(id, dimension, reverse, weight)| {
                let v = views();
                ItemNorms {
                    id,
                    dimension,
                    reverse,
                    weight,
                    self_view: v.self_view,
                    customer: v.customer,
                    gap: v.gap,
                }
            })
            .collect();
        let nps = self.has_nps.then(|| NpsNorms {
            self_view: norms.next().flatten(),
            customer: norms.next().flatten(),
        });
        Some(Norms {
            schema: SCHEMA.to_string(),
            questionnaire: self.questionnaire,
            assessments: self.assessments,
            waves: Waves { from, to },
            filters,
            excluded,
            overall,
            dimensions,
            items,
            nps,
            left_out,
        })
    }
}

fn index<'a>(ids: impl Iterator<Item = &'a String>) -> HashMap<String, usize> {
    ids.enumerate().map(|(k, id)| (id.clone(), k)).collect()
}

/// A client's score among its peers: the score, its percentile rank and the peers' norm.
#[derive(Debug, Clone, PartialEq)]
pub struct Placement {
    pub value: f64,
    pub percentile: Percentile,
    pub norm: Norm,
}

/// A client's self-view, customer view and gap, each placed among its peers where both the
/// client's value and the norm exist.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Placements {
    pub views: Both<Option<Placement>>,
    pub gap: Option<Placement>,
}

/// Where a client stands among the norms' assessments: overall and per dimension (in the
/// client's questionnaire order; a dimension the norms do not have is `None`).
#[derive(Debug, Clone)]
pub struct Standing {
    /// The assessments the norms were made of, their dates and filters.
    pub assessments: usize,
    pub waves: Waves,
    pub filters: Filters,
    pub overall: Placements,
    pub dimensions: Vec<Option<Placements>>,
}

fn place(value: Option<f64>, norm: Option<&Norm>) -> Option<Placement> {
    let (value, norm) = (value?, norm?);
    Some(Placement {
        value,
        percentile: percentile(norm, value),
        norm: norm.clone(),
    })
}

fn placements(
    scores: (Option<f64>, Option<f64>, Option<f64>),
    norms: (Option<&Norm>, Option<&Norm>, Option<&Norm>),
) -> Placements {
    Placements {
        views: Both {
            self_view: place(scores.0, norms.0),
            customer: place(scores.1, norms.1),
        },
        gap: place(scores.2, norms.2),
    }
}

/// The client's scores placed among the norms. The caller has made sure that both are of
/// the same questionnaire, major version and scoring.
pub fn standing(scores: &Scores, norms: &Norms) -> Standing {
    let o = &scores.overall;
    let overall = placements(
        (o.self_view.score, o.customer.score, o.gap),
        (
            norms.overall.self_view.as_ref(),
            norms.overall.customer.as_ref(),
            norms.overall.gap.as_ref(),
        ),
    );
    let by_id: HashMap<&str, &DimensionNorms> = norms
        .dimensions
        .iter()
        .map(|d| (d.id.as_str(), d))
        .collect();
    let dimensions = scores
        .dimensions
        .iter()
        .map(|d| {
            let n = by_id.get(d.id.as_str())?;
            Some(placements(
                (d.self_view.score, d.customer.score, d.gap),
                (n.self_view.as_ref(), n.customer.as_ref(), n.gap.as_ref()),
            ))
        })
        .collect();
    Standing {
        assessments: norms.assessments,
        waves: norms.waves.clone(),
        filters: norms.filters.clone(),
        overall,
        dimensions,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn quantiles_interpolate_between_order_statistics_as_r_type_7() {
        // R: quantile(c(1, 2, 4, 8), c(0.1, 0.25, 0.5, 0.9)) = 1.3, 1.75, 3.0, 6.8
        let sorted = [1.0, 2.0, 4.0, 8.0];
        for (p, expected) in [(0.1, 1.3), (0.25, 1.75), (0.5, 3.0), (0.9, 6.8)] {
            assert!(close(quantile(&sorted, p).unwrap(), expected), "{p}");
        }
        assert_eq!(quantile(&[5.0], 0.3), Some(5.0));
        assert_eq!(quantile(&[], 0.3), None);
        assert_eq!(quantile(&sorted, 1.0), Some(8.0));
    }

    #[test]
    fn a_norm_sorts_and_weighs_each_value_once() {
        let mut values: Vec<f64> = (1..=11).rev().map(f64::from).collect();
        let norm = norm_of(&mut values).unwrap();
        assert_eq!(norm.n, 11);
        assert!(close(norm.mean, 6.0));
        assert_eq!(norm.quartiles, [3.5, 6.0, 8.5]);
        assert_eq!(norm.deciles[0], 2.0);
        assert_eq!(norm.deciles[8], 10.0);
    }

    #[test]
    fn percentiles_are_read_off_the_deciles() {
        let mut values: Vec<f64> = (1..=11).map(|v| f64::from(v) * 10.0).collect();
        let norm = norm_of(&mut values).unwrap();
        // deciles 20, 30, …, 100; quartiles 35, 60, 85
        assert_eq!(percentile(&norm, 60.0), Percentile::At(50.0));
        assert_eq!(percentile(&norm, 65.0), Percentile::At(55.0));
        assert_eq!(percentile(&norm, 20.0), Percentile::At(10.0));
        assert_eq!(percentile(&norm, 19.9), Percentile::Below10);
        assert_eq!(percentile(&norm, 100.5), Percentile::Above90);
        assert_eq!(percentile(&norm, 100.0), Percentile::At(90.0));
    }

    #[test]
    fn equal_peers_count_half() {
        let norm = Norm {
            n: 20,
            mean: 50.0,
            quartiles: [40.0, 50.0, 50.0],
            deciles: [30.0, 40.0, 50.0, 50.0, 50.0, 50.0, 50.0, 60.0, 70.0],
        };
        // 30th to 75th percentile are all 50: the middle of that range
        assert_eq!(percentile(&norm, 50.0), Percentile::At(52.5));
        assert_eq!(percentile(&norm, 45.0), Percentile::At(27.5));
    }
}
