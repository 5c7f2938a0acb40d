//! Key drivers: what moves the customers' willingness to recommend (the NPS answer, 0–10).
//!
//! Dimensions: a linear model of the NPS answer on the customers' dimension values (SPEC §3,
//! with the half-coverage rule), over the customers who have every dimension value and an
//! NPS answer (listwise); its R² split by LMG and, as a cross-check, Johnson's relative
//! weights ([`crate::analysis::importance`]). Items: each item's Pearson correlation with
//! the NPS answer over the customers who answered both (pairwise).
//!
//! Streaming like the rest of the tally: only running means and co-moments are kept, never
//! a respondent. A customer costs O(k²) for k dimensions; beyond [`MAX_DIMENSIONS`] the
//! dimension part is skipped (exact LMG needs 2^k models).

use serde::Serialize;
use statrs::distribution::{ContinuousCDF, Normal, StudentsT};

use crate::analysis::importance::{self, Symmetric};

/// Below this many customers with every dimension value and an NPS answer there is no
/// driver analysis: R² and its split would be noise.
pub const MIN_CUSTOMERS: u64 = 30;

/// Exact LMG fits 2^k models; above this many dimensions the dimension part is skipped.
pub const MAX_DIMENSIONS: usize = 12;

/// The driver analysis of `score --format json`.
#[derive(Debug, Clone, Serialize)]
pub struct Drivers {
    /// What is explained: the customers' NPS answer.
    pub outcome: &'static str,
    /// Customers with every dimension value and an NPS answer.
    pub n: u64,
    /// R² of the NPS answer on all dimension values; `None` where it cannot be computed.
    pub r2: Option<f64>,
    /// `None` when the questionnaire has more than [`MAX_DIMENSIONS`] dimensions.
    pub dimensions: Option<Vec<DimensionDriver>>,
    /// Why the dimensions have no numbers, when they have none: see [`Omitted`].
    pub dimensions_omitted: Option<Omitted>,
    /// The items asked of customers, in questionnaire order.
    pub items: Vec<ItemDriver>,
}

/// Why a driver analysis of the dimensions has no numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Omitted {
    /// More than [`MAX_DIMENSIONS`] dimensions.
    TooManyDimensions,
    /// A dimension value or the NPS answer does not vary among these customers.
    NoVariance,
    /// Some dimensions are (nearly) perfectly collinear: R² has no split among them.
    Collinear,
}

#[derive(Debug, Clone, Serialize)]
pub struct DimensionDriver {
    pub id: String,
    /// The dimension's LMG part of R² (the parts add up to R²).
    pub lmg: Option<f64>,
    /// `lmg` in percent of R².
    pub share: Option<f64>,
    /// Johnson's relative weight, also a part of R².
    pub relative_weight: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ItemDriver {
    pub id: String,
    /// Customers who answered the item and the NPS question.
    pub n: u64,
    /// Pearson's r of the (reverse-corrected) answers with the NPS answer.
    pub r: Option<f64>,
    /// 95 % interval of r by Fisher's z.
    pub ci95: Option<[f64; 2]>,
    /// Two-sided p-value of r = 0 (t with n − 2 degrees of freedom).
    pub p_value: Option<f64>,
}

/// Where an item lands in the importance–performance matrix (Martilla & James, 1977).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Quadrant {
    /// Important, performing below the others: fix this first.
    Concentrate,
    /// Important and performing well.
    KeepUp,
    /// Less important, performing below the others.
    LowPriority,
    /// Less important, performing well: effort perhaps better spent elsewhere.
    Overkill,
}

impl Quadrant {
    pub fn id(self) -> &'static str {
        match self {
            Quadrant::Concentrate => "concentrate",
            Quadrant::KeepUp => "keep_up",
            Quadrant::LowPriority => "low_priority",
            Quadrant::Overkill => "overkill",
        }
    }
}

/// An item in the priority matrix.
#[derive(Debug, Clone, Serialize)]
pub struct Priority {
    pub id: String,
    /// Its correlation with the NPS answer.
    pub importance: f64,
    /// The customers' score (0–100).
    pub performance: f64,
    /// The self-view's score (0–100), where there is one.
    #[serde(rename = "self")]
    pub self_score: Option<f64>,
    pub quadrant: Quadrant,
}

/// The crosshairs of the priority matrix: the mean importance and the mean performance of
/// the items plotted (Martilla & James put them at the means, not the scale's middle, so
/// that the quadrants sort the items against each other). `None` without items.
pub fn crosshairs(points: &[(f64, f64)]) -> Option<(f64, f64)> {
    if points.is_empty() {
        return None;
    }
    let n = points.len() as f64;
    let importance = points.iter().map(|p| p.0).sum::<f64>() / n;
    let performance = points.iter().map(|p| p.1).sum::<f64>() / n;
    Some((importance, performance))
}

/// Each item (id, importance, performance, self score) in its quadrant; at a crosshair an
/// item counts as the higher side.
pub fn priorities(items: Vec<(String, f64, f64, Option<f64>)>) -> Vec<Priority> {
    let points: Vec<(f64, f64)> = items.iter().map(|i| (i.1, i.2)).collect();
    let Some((importance, performance)) = crosshairs(&points) else {
        return Vec::new();
    };
    items
        .into_iter()
        .map(|(id, i, p, self_score)| Priority {
            id,
            importance: i,
            performance: p,
            self_score,
            quadrant: match (i >= importance, p >= performance) {
                (true, false) => Quadrant::Concentrate,
                (true, true) => Quadrant::KeepUp,
                (false, false) => Quadrant::LowPriority,
                (false, true) => Quadrant::Overkill,
            },
        })
        .collect()
}

/// Running means and co-moments of a vector: the multivariate form of Welford's update
/// (C += δ_old ⊗ (x − mean_new)), stable where sums of squares and products are not.
#[derive(Debug, Clone)]
struct CoMoments {
    n: u64,
    mean: Vec<f64>,
    /// Upper triangle used, row-major.
    comoment: Vec<f64>,
    delta: Vec<f64>,
}

impl CoMoments {
    fn new(size: usize) -> CoMoments {
        CoMoments {
            n: 0,
            mean: vec![0.0; size],
            comoment: vec![0.0; size * size],
            delta: vec![0.0; size],
        }
    }

    fn push(&mut self, x: &[f64]) {
        let size = self.mean.len();
        self.n += 1;
        let share = 1.0 / self.n as f64;
        for ((delta, mean), x) in self.delta.iter_mut().zip(&mut self.mean).zip(x) {
            *delta = x - *mean;
            *mean += *delta * share;
        }
        for (i, delta) in self.delta.iter().enumerate() {
            let row = &mut self.comoment[i * size..(i + 1) * size];
            for ((c, x), mean) in row.iter_mut().zip(x).zip(&self.mean).skip(i) {
                *c += delta * (x - mean);
            }
        }
    }

    /// Both sets of vectors together (Chan, Golub & LeVeque, 1979, for co-moments).
    fn merge(&mut self, other: &CoMoments) {
        if other.n == 0 {
            return;
        }
        if self.n == 0 {
            *self = other.clone();
            return;
        }
        let size = self.mean.len();
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        for ((delta, mean), theirs) in self.delta.iter_mut().zip(&self.mean).zip(&other.mean) {
            *delta = theirs - mean;
        }
        for i in 0..size {
            for j in i..size {
                self.comoment[i * size + j] +=
                    other.comoment[i * size + j] + self.delta[i] * self.delta[j] * na * nb / n;
            }
        }
        for (mean, delta) in self.mean.iter_mut().zip(&self.delta) {
            *mean += delta * nb / n;
        }
        self.n += other.n;
    }

    /// The correlation matrix; `None` when a variable does not vary.
    fn correlations(&self) -> Option<Symmetric> {
        let size = self.mean.len();
        let c = |i: usize, j: usize| self.comoment[i.min(j) * size + i.max(j)];
        if (0..size).any(|i| c(i, i) <= 0.0) {
            return None;
        }
        let values = (0..size * size)
            .map(|e| {
                let (i, j) = (e / size, e % size);
                if i == j {
                    1.0
                } else {
                    c(i, j) / (c(i, i) * c(j, j)).sqrt()
                }
            })
            .collect();
        Some(Symmetric { size, values })
    }
}

/// Sums of pairs of whole numbers (an item's values, the NPS answers), kept exact: r is
/// (n·Σxy − Σx·Σy) / √((n·Σx² − (Σx)²)(n·Σy² − (Σy)²)), every term an exact integer, so
/// only the last division and root round.
#[derive(Debug, Clone, Copy, Default)]
struct PairSums {
    n: u64,
    x: i128,
    y: i128,
    xx: i128,
    yy: i128,
    xy: i128,
}

impl PairSums {
    #[cfg(test)]
    fn push(&mut self, x: i64, y: i64) {
        self.push_many(x, y, 1);
    }

    /// `count` equal pairs at once.
    fn push_many(&mut self, x: i64, y: i64, count: u64) {
        let (x, y, c) = (i128::from(x), i128::from(y), i128::from(count));
        self.n += count;
        self.x += x * c;
        self.y += y * c;
        self.xx += x * x * c;
        self.yy += y * y * c;
        self.xy += x * y * c;
    }

    fn driver(&self, id: &str) -> ItemDriver {
        let n = i128::from(self.n);
        let sxx = n * self.xx - self.x * self.x;
        let syy = n * self.yy - self.y * self.y;
        let sxy = n * self.xy - self.x * self.y;
        let r = (self.n >= 3 && sxx > 0 && syy > 0)
            .then(|| (sxy as f64 / (sxx as f64 * syy as f64).sqrt()).clamp(-1.0, 1.0));
        ItemDriver {
            id: id.to_string(),
            n: self.n,
            r,
            ci95: r.and_then(|r| fisher_ci95(r, self.n)),
            p_value: r.and_then(|r| pearson_p(r, self.n)),
        }
    }
}

/// The NPS answers (0–10) a customer gave beside each step of an item: a count per pair,
/// one increment per answer. The sums are made from the counts at the end.
#[derive(Debug, Clone)]
struct PairCounts {
    /// Each scale step's (reverse-corrected) value.
    values: Vec<i64>,
    /// `counts[step * 11 + nps]`.
    counts: Vec<u64>,
}

impl PairCounts {
    fn new(values: Vec<i64>) -> PairCounts {
        let counts = vec![0; values.len() * 11];
        PairCounts { values, counts }
    }

    fn sums(&self) -> PairSums {
        let mut sums = PairSums::default();
        for (step, &x) in self.values.iter().enumerate() {
            for nps in 0..11 {
                sums.push_many(x, nps as i64, self.counts[step * 11 + nps]);
            }
        }
        sums
    }
}

/// 95 % interval of a correlation by Fisher's z: tanh(atanh r ± z₀.₉₇₅ / √(n − 3)), z₀.₉₇₅
/// the exact normal quantile (as scipy's `pearsonr(...).confidence_interval()`). Needs
/// n ≥ 4; a perfect correlation is its own interval.
pub fn fisher_ci95(r: f64, n: u64) -> Option<[f64; 2]> {
    if n < 4 {
        return None;
    }
    if r.abs() >= 1.0 {
        return Some([r, r]);
    }
    let quantile = Normal::new(0.0, 1.0).ok()?.inverse_cdf(0.975);
    let z = r.atanh();
    let half = quantile / ((n - 3) as f64).sqrt();
    Some([(z - half).tanh(), (z + half).tanh()])
}

/// Two-sided p-value of a Pearson correlation: t = r √(n − 2) / √(1 − r²) with n − 2
/// degrees of freedom (as scipy's `pearsonr`). Needs n ≥ 3.
pub fn pearson_p(r: f64, n: u64) -> Option<f64> {
    if n < 3 {
        return None;
    }
    if r.abs() >= 1.0 {
        return Some(0.0);
    }
    let df = (n - 2) as f64;
    let t = r * df.sqrt() / (1.0 - r * r).sqrt();
    let distribution = StudentsT::new(0.0, 1.0, df).ok()?;
    Some((2.0 * distribution.sf(t.abs())).min(1.0))
}

/// What the driver analysis needs from the customers, kept while they stream past.
#[derive(Debug, Clone)]
pub struct DriverTally {
    /// Customers with every dimension value and an NPS answer.
    listwise: u64,
    /// Their (dimension values…, NPS) vectors; `None` above [`MAX_DIMENSIONS`].
    dimensions: Option<CoMoments>,
    /// Per item: its answers counted beside the NPS answer; `None` for an item customers
    /// are not asked.
    items: Vec<Option<PairCounts>>,
    row: Vec<f64>,
}

impl DriverTally {
    /// For `dimensions` dimensions and the items: for each item customers are asked, the
    /// (reverse-corrected) value of each step of the scale.
    pub fn new(dimensions: usize, items: impl Iterator<Item = Option<Vec<i64>>>) -> DriverTally {
        DriverTally {
            listwise: 0,
            dimensions: (dimensions <= MAX_DIMENSIONS).then(|| CoMoments::new(dimensions + 1)),
            items: items.map(|values| values.map(PairCounts::new)).collect(),
            row: Vec::with_capacity(dimensions.min(MAX_DIMENSIONS) + 1),
        }
    }

    /// A customer's dimension values (`None` where the half-coverage rule left them out) and
    /// NPS answer.
    pub fn add_dimensions(&mut self, values: &[Option<f64>], nps: f64) {
        if values.iter().any(Option::is_none) {
            return;
        }
        self.listwise += 1;
        if let Some(moments) = &mut self.dimensions {
            self.row.clear();
            self.row.extend(values.iter().flatten());
            self.row.push(nps);
            moments.push(&self.row);
        }
    }

    /// A customer's answer to an item (the step of the scale, 0 for its lowest) with their
    /// NPS answer (0–10).
    pub fn add_item(&mut self, item: usize, step: usize, nps: usize) {
        if let Some(Some(pairs)) = self.items.get_mut(item) {
            pairs.counts[step * 11 + nps] += 1;
        }
    }

    /// Adds the tally of customers read after all of this one's.
    pub fn merge(&mut self, part: &DriverTally) {
        self.listwise += part.listwise;
        if let (Some(mine), Some(theirs)) = (&mut self.dimensions, &part.dimensions) {
            mine.merge(theirs);
        }
        for (mine, theirs) in self.items.iter_mut().zip(&part.items) {
            if let (Some(mine), Some(theirs)) = (mine, theirs) {
                for (m, t) in mine.counts.iter_mut().zip(&theirs.counts) {
                    *m += t;
                }
            }
        }
    }

    /// Customers with every dimension value and an NPS answer.
    pub fn listwise(&self) -> u64 {
        self.listwise
    }

    /// The analysis, for the dimensions' and items' ids; `None` below [`MIN_CUSTOMERS`].
    pub fn finish(&self, dimension_ids: &[&str], item_ids: &[&str]) -> Option<Drivers> {
        if self.listwise < MIN_CUSTOMERS {
            return None;
        }
        let items = self
            .items
            .iter()
            .zip(item_ids)
            .filter_map(|(pairs, id)| pairs.as_ref().map(|p| p.sums().driver(id)))
            .collect();
        let Some(moments) = &self.dimensions else {
            return Some(Drivers {
                outcome: "nps",
                n: self.listwise,
                r2: None,
                dimensions: None,
                dimensions_omitted: Some(Omitted::TooManyDimensions),
                items,
            });
        };
        let (r2, parts, omitted) = split(moments);
        let dimensions = dimension_ids
            .iter()
            .enumerate()
            .map(|(d, id)| {
                let (lmg, weight) = parts.as_ref().map_or((None, None), |(l, w)| (l[d], w[d]));
                DimensionDriver {
                    id: id.to_string(),
                    lmg,
                    share: lmg
                        .zip(r2)
                        .filter(|(_, r2)| *r2 > 0.0)
                        .map(|(l, r2)| 100.0 * l / r2),
                    relative_weight: weight,
                }
            })
            .collect();
        Some(Drivers {
            outcome: "nps",
            n: self.listwise,
            r2,
            dimensions: Some(dimensions),
            dimensions_omitted: omitted,
            items,
        })
    }
}

type Parts = (Vec<Option<f64>>, Vec<Option<f64>>);

/// R², and each dimension's LMG part and relative weight, from the co-moments of
/// (dimension values…, NPS); or why not.
fn split(moments: &CoMoments) -> (Option<f64>, Option<Parts>, Option<Omitted>) {
    let Some(all) = moments.correlations() else {
        return (None, None, Some(Omitted::NoVariance));
    };
    let k = all.size - 1;
    let rxx = Symmetric {
        size: k,
        values: (0..k * k).map(|e| all.get(e / k, e % k)).collect(),
    };
    let rxy: Vec<f64> = (0..k).map(|j| all.get(j, k)).collect();
    match (
        importance::lmg(&rxx, &rxy),
        importance::relative_weights(&rxx, &rxy),
    ) {
        (Some((r2, lmg)), weights) => {
            let weights =
                weights.map_or_else(|| vec![None; k], |w| w.into_iter().map(Some).collect());
            (
                Some(r2),
                Some((lmg.into_iter().map(Some).collect(), weights)),
                None,
            )
        }
        _ => (None, None, Some(Omitted::Collinear)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "expected {b}, got {a}");
    }

    #[test]
    fn co_moments_match_the_two_pass_formula() {
        let rows = [
            [1.0, 2.0, 5.0],
            [2.0, 1.0, 7.0],
            [4.0, 4.0, 9.0],
            [3.0, 5.0, 6.0],
        ];
        let mut m = CoMoments::new(3);
        rows.iter().for_each(|r| m.push(r));
        for i in 0..3 {
            let mean_i = rows.iter().map(|r| r[i]).sum::<f64>() / 4.0;
            close(m.mean[i], mean_i);
            for j in i..3 {
                let mean_j = rows.iter().map(|r| r[j]).sum::<f64>() / 4.0;
                let c: f64 = rows.iter().map(|r| (r[i] - mean_i) * (r[j] - mean_j)).sum();
                close(m.comoment[i * 3 + j], c);
            }
        }
    }

    #[test]
    fn a_perfect_line_and_a_known_correlation() {
        let mut pair = PairSums::default();
        for (x, y) in [(1, 2), (2, 4), (3, 6), (4, 8)] {
            pair.push(x, y);
        }
        let d = pair.driver("x");
        close(d.r.unwrap(), 1.0);
        assert_eq!(d.p_value, Some(0.0));
        // x = 1..5, y = 2, 1, 4, 3, 5: r = 0.8 (Σxy − n x̄ȳ = 8, Σ(x − x̄)² = Σ(y − ȳ)² = 10)
        let mut pair = PairSums::default();
        for (x, y) in [(1, 2), (2, 1), (3, 4), (4, 3), (5, 5)] {
            pair.push(x, y);
        }
        let d = pair.driver("x");
        close(d.r.unwrap(), 0.8);
        // t = 0.8 √3 / 0.6 = 2.3094…, two-sided p with 3 df = 0.1041…  (scipy: 0.10408803866182788)
        assert!((d.p_value.unwrap() - 0.10408803866182788).abs() < 1e-12);
        // Fisher: tanh(atanh 0.8 ± 1.959963984540054 / √2)
        let [low, high] = d.ci95.unwrap();
        let half = 1.959963984540054 / 2f64.sqrt();
        close(low, (0.8f64.atanh() - half).tanh());
        close(high, (0.8f64.atanh() + half).tanh());
    }

    #[test]
    fn too_few_or_no_variance_give_nulls() {
        let mut pair = PairSums::default();
        pair.push(1, 3);
        pair.push(2, 5);
        assert_eq!(pair.driver("x").r, None, "two answers say nothing");
        let mut flat = PairSums::default();
        for y in [1, 5, 9] {
            flat.push(3, y);
        }
        let d = flat.driver("x");
        assert_eq!((d.r, d.ci95, d.p_value), (None, None, None));
        assert_eq!(fisher_ci95(0.5, 3), None);
    }

    #[test]
    fn below_thirty_customers_there_is_no_analysis() {
        let mut tally = DriverTally::new(2, [Some(vec![1, 2, 3, 4, 5])].into_iter());
        for k in 0..29 {
            tally.add_dimensions(&[Some(k as f64), Some((k * k % 7) as f64)], (k % 11) as f64);
        }
        tally.add_dimensions(&[Some(1.0), None], 5.0);
        assert_eq!(tally.listwise(), 29);
        assert!(tally.finish(&["a", "b"], &["i"]).is_none());
        tally.add_dimensions(&[Some(3.0), Some(2.0)], 10.0);
        let drivers = tally.finish(&["a", "b"], &["i"]).unwrap();
        let dims = drivers.dimensions.unwrap();
        let lmg: f64 = dims.iter().map(|d| d.lmg.unwrap()).sum();
        let weights: f64 = dims.iter().map(|d| d.relative_weight.unwrap()).sum();
        close(lmg, drivers.r2.unwrap());
        close(weights, drivers.r2.unwrap());
        close(dims.iter().map(|d| d.share.unwrap()).sum(), 100.0);
    }

    #[test]
    fn collinear_dimensions_and_too_many_dimensions_give_nulls() {
        let mut tally = DriverTally::new(2, std::iter::empty());
        for k in 0..40 {
            let v = (k % 5) as f64;
            tally.add_dimensions(&[Some(v), Some(2.0 * v + 1.0)], (k % 11) as f64);
        }
        let drivers = tally.finish(&["a", "b"], &[]).unwrap();
        assert_eq!(drivers.r2, None);
        assert_eq!(drivers.dimensions_omitted, Some(Omitted::Collinear));
        assert!(drivers.dimensions.unwrap().iter().all(|d| d.lmg.is_none()));

        let mut wide = DriverTally::new(MAX_DIMENSIONS + 1, std::iter::empty());
        for _ in 0..30 {
            wide.add_dimensions(&[Some(1.0); MAX_DIMENSIONS + 1], 7.0);
        }
        let drivers = wide.finish(&[], &[]).unwrap();
        assert_eq!(drivers.n, 30);
        assert!(drivers.dimensions.is_none());
        assert_eq!(drivers.dimensions_omitted, Some(Omitted::TooManyDimensions));
    }

    /// R's mtcars (mpg on cyl, disp, hp, wt; 32 cars): Johnson's weights as the rwa
    /// package's documentation prints them; LMG as pingouin computes it (and as averaging
    /// over all 24 orderings does, tests/reference/published.py).
    #[test]
    fn mtcars_matches_published_relative_weights_and_pingouins_lmg() {
        #[rustfmt::skip]
        let cars: [[f64; 5]; 32] = [
            [21.0, 6.0, 160.0, 110.0, 2.620], [21.0, 6.0, 160.0, 110.0, 2.875],
            [22.8, 4.0, 108.0, 93.0, 2.320], [21.4, 6.0, 258.0, 110.0, 3.215],
            [18.7, 8.0, 360.0, 175.0, 3.440], [18.1, 6.0, 225.0, 105.0, 3.460],
            [14.3, 8.0, 360.0, 245.0, 3.570], [24.4, 4.0, 146.7, 62.0, 3.190],
            [22.8, 4.0, 140.8, 95.0, 3.150], [19.2, 6.0, 167.6, 123.0, 3.440],
            [17.8, 6.0, 167.6, 123.0, 3.440], [16.4, 8.0, 275.8, 180.0, 4.070],
            [17.3, 8.0, 275.8, 180.0, 3.730], [15.2, 8.0, 275.8, 180.0, 3.780],
            [10.4, 8.0, 472.0, 205.0, 5.250], [10.4, 8.0, 460.0, 215.0, 5.424],
            [14.7, 8.0, 440.0, 230.0, 5.345], [32.4, 4.0, 78.7, 66.0, 2.200],
            [30.4, 4.0, 75.7, 52.0, 1.615], [33.9, 4.0, 71.1, 65.0, 1.835],
            [21.5, 4.0, 120.1, 97.0, 2.465], [15.5, 8.0, 318.0, 150.0, 3.520],
            [15.2, 8.0, 304.0, 150.0, 3.435], [13.3, 8.0, 350.0, 245.0, 3.840],
            [19.2, 8.0, 400.0, 175.0, 3.845], [27.3, 4.0, 79.0, 66.0, 1.935],
            [26.0, 4.0, 120.3, 91.0, 2.140], [30.4, 4.0, 95.1, 113.0, 1.513],
            [15.8, 8.0, 351.0, 264.0, 3.170], [19.7, 6.0, 145.0, 175.0, 2.770],
            [15.0, 8.0, 301.0, 335.0, 3.570], [21.4, 4.0, 121.0, 109.0, 2.780],
        ];
        let mut tally = DriverTally::new(4, std::iter::empty());
        for car in cars {
            let predictors: Vec<Option<f64>> = car[1..].iter().copied().map(Some).collect();
            tally.add_dimensions(&predictors, car[0]);
        }
        let drivers = tally.finish(&["cyl", "disp", "hp", "wt"], &[]).unwrap();
        let dims = drivers.dimensions.unwrap();
        let published = [0.2096904, 0.1883043, 0.1799590, 0.2706812];
        let pingouin = [0.2157094, 0.2006984, 0.1700769, 0.2621501];
        for (d, (rw, lmg)) in dims.iter().zip(published.iter().zip(pingouin)) {
            assert!((d.relative_weight.unwrap() - rw).abs() < 5e-8, "{}", d.id);
            assert!((d.lmg.unwrap() - lmg).abs() < 5e-8, "{}", d.id);
        }
        assert!((drivers.r2.unwrap() - 0.8486348).abs() < 5e-8);
    }

    #[test]
    fn quadrants_split_at_the_means() {
        let items = vec![
            ("a".to_string(), 0.6, 40.0, Some(80.0)),
            ("b".to_string(), 0.5, 80.0, None),
            ("c".to_string(), 0.1, 30.0, None),
            ("d".to_string(), 0.2, 90.0, None),
        ];
        // means: importance 0.35, performance 60
        let quadrants: Vec<Quadrant> = priorities(items).iter().map(|p| p.quadrant).collect();
        assert_eq!(
            quadrants,
            [
                Quadrant::Concentrate,
                Quadrant::KeepUp,
                Quadrant::LowPriority,
                Quadrant::Overkill
            ]
        );
    }
}
