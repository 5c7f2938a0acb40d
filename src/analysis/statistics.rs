//! The statistics behind "is this gap real?", as pure functions of counts and moments.
//! The distributions come from `statrs`; every formula names its source.

use statrs::distribution::{ContinuousCDF, StudentsT};

/// Running count, mean and sum of squared deviations (Welford, 1962: stable for any
/// number of values, unlike summing squares).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Moments {
    pub n: u64,
    pub mean: f64,
    pub m2: f64,
}

impl Moments {
    pub fn push(&mut self, x: f64) {
        self.n += 1;
        let delta = x - self.mean;
        self.mean += delta / self.n as f64;
        self.m2 += delta * (x - self.mean);
    }

    /// `count` equal values at once (item answers arrive as counts per scale step).
    pub fn push_many(&mut self, x: f64, count: u64) {
        if count == 0 {
            return;
        }
        // Chan et al. (1979): merging a group of `count` values with mean x and no spread.
        let n = self.n + count;
        let delta = x - self.mean;
        self.mean += delta * count as f64 / n as f64;
        self.m2 += delta * delta * self.n as f64 * count as f64 / n as f64;
        self.n = n;
    }

    /// Both sets of values together (Chan, Golub & LeVeque, 1979).
    pub fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        let n = self.n + other.n;
        let delta = other.mean - self.mean;
        self.mean += delta * other.n as f64 / n as f64;
        self.m2 += other.m2 + delta * delta * self.n as f64 * other.n as f64 / n as f64;
        self.n = n;
    }

    pub fn mean(&self) -> Option<f64> {
        (self.n > 0).then_some(self.mean)
    }

    /// Sample variance (n − 1); needs two values.
    pub fn variance(&self) -> Option<f64> {
        (self.n >= 2).then(|| self.m2 / (self.n - 1) as f64)
    }

    pub fn sd(&self) -> Option<f64> {
        self.variance().map(f64::sqrt)
    }

    /// The same values on another scale: `a + b·x`.
    pub fn rescaled(&self, a: f64, b: f64) -> Moments {
        Moments {
            n: self.n,
            mean: a + b * self.mean,
            m2: b * b * self.m2,
        }
    }
}

/// Values summed as their distances from a fixed centre (the middle of the scale): no
/// division per value, where a running mean divides at every one, and parts of a table
/// simply add up. The moments are worked out once, at the end: mean = c + Σd/n,
/// m2 = Σd² − (Σd)²/n. With the centre among the values, that difference loses no more
/// than a digit or two of sixteen (West, 1979, on shifted sums). The sums are kept in
/// blocks of [`BLOCK`] values, added to the totals block by block, so that a million values
/// in one pass round like a thousand. The smallest and largest value are kept too: values
/// that are all the same have their mean exactly and no spread at all, where the sums would
/// leave a rounding error (13/3 eleven times is not quite 0 apart).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Centred {
    pub n: u64,
    centre: f64,
    least: f64,
    most: f64,
    /// The sums of the blocks before.
    sum: f64,
    squares: f64,
    /// The sums of this block.
    block_sum: f64,
    block_squares: f64,
}

/// Values summed into a block before it is added to the totals (a power of two).
const BLOCK: u64 = 1 << 12;

impl Centred {
    pub fn new(centre: f64) -> Centred {
        Centred {
            n: 0,
            centre,
            least: f64::INFINITY,
            most: f64::NEG_INFINITY,
            sum: 0.0,
            squares: 0.0,
            block_sum: 0.0,
            block_squares: 0.0,
        }
    }

    #[inline]
    pub fn push(&mut self, x: f64) {
        let d = x - self.centre;
        self.n += 1;
        // compares rather than `f64::min`/`max`, which are slower here; a NaN is passed
        // over by both
        if x < self.least {
            self.least = x;
        }
        if x > self.most {
            self.most = x;
        }
        self.block_sum += d;
        self.block_squares += d * d;
        if self.n & (BLOCK - 1) == 0 {
            self.sum += std::mem::take(&mut self.block_sum);
            self.squares += std::mem::take(&mut self.block_squares);
        }
    }

    /// Σd and Σd² of all values.
    fn sums(&self) -> (f64, f64) {
        (self.sum + self.block_sum, self.squares + self.block_squares)
    }

    /// Both sets of values together (summed about the same centre).
    pub fn merge(&mut self, other: &Centred) {
        debug_assert_eq!(self.centre, other.centre);
        let (sum, squares) = other.sums();
        self.n += other.n;
        self.least = self.least.min(other.least);
        self.most = self.most.max(other.most);
        self.sum += sum;
        self.squares += squares;
    }

    pub fn moments(&self) -> Moments {
        if self.n == 0 {
            return Moments::default();
        }
        if self.least == self.most {
            return Moments {
                n: self.n,
                mean: self.least,
                m2: 0.0,
            };
        }
        let n = self.n as f64;
        let (sum, squares) = self.sums();
        Moments {
            n: self.n,
            mean: self.centre + sum / n,
            m2: (squares - sum * sum / n).max(0.0),
        }
    }
}

/// Whole numbers (answers, and sums of a respondent's answers) kept as exact sums: adding
/// is exact, so parts of a table added in any order give the same sums, and the moments are
/// worked out once, at the end, from exact integers (two roundings, where a running update
/// rounds at every value).
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct WholeSums {
    pub n: u64,
    sum: i128,
    squares: i128,
}

impl WholeSums {
    pub fn push(&mut self, x: i64) {
        self.push_many(x, 1);
    }

    /// `count` equal values at once.
    pub fn push_many(&mut self, x: i64, count: u64) {
        let (x, c) = (i128::from(x), i128::from(count));
        self.n += count;
        self.sum += x * c;
        self.squares += x * x * c;
    }

    pub fn merge(&mut self, other: &WholeSums) {
        self.n += other.n;
        self.sum += other.sum;
        self.squares += other.squares;
    }

    /// Count, mean and sum of squared deviations: m2 = (n·Σx² − (Σx)²) / n, the numerator
    /// exact.
    pub fn moments(&self) -> Moments {
        if self.n == 0 {
            return Moments::default();
        }
        let n = i128::from(self.n);
        Moments {
            n: self.n,
            mean: self.sum as f64 / self.n as f64,
            m2: (n * self.squares - self.sum * self.sum) as f64 / self.n as f64,
        }
    }
}

/// The moments of whole-number values counted per value: `counts[k]` times `values[k]`.
pub fn counted(values: &[i64], counts: &[u64]) -> Moments {
    let mut sums = WholeSums::default();
    for (&x, &count) in values.iter().zip(counts) {
        sums.push_many(x, count);
    }
    sums.moments()
}

/// 95 % confidence interval of the mean: mean ± t(0.975, n − 1) · sd / √n (Student).
/// A side without spread gives the point itself; fewer than two values give none.
pub fn ci95(m: &Moments) -> Option<[f64; 2]> {
    let sd = m.sd()?;
    let t = StudentsT::new(0.0, 1.0, (m.n - 1) as f64)
        .ok()?
        .inverse_cdf(0.975);
    let half = t * sd / (m.n as f64).sqrt();
    Some([m.mean - half, m.mean + half])
}

/// 95 % interval of the difference of two independent means, a − b: Welch's standard error
/// with Welch–Satterthwaite degrees of freedom. `None` below two values on a side, or when
/// neither side varies.
pub fn difference_ci95(a: &Moments, b: &Moments) -> Option<[f64; 2]> {
    let (va, vb) = (a.variance()?, b.variance()?);
    let (sa, sb) = (va / a.n as f64, vb / b.n as f64);
    let se2 = sa + sb;
    if se2 <= 0.0 {
        return None;
    }
    let df = se2 * se2 / (sa * sa / (a.n - 1) as f64 + sb * sb / (b.n - 1) as f64);
    let t = StudentsT::new(0.0, 1.0, df).ok()?.inverse_cdf(0.975);
    let difference = a.mean - b.mean;
    let half = t * se2.sqrt();
    Some([difference - half, difference + half])
}

/// Moments back from what a score document keeps: n, mean and sample standard deviation.
pub fn moments_of(n: usize, mean: Option<f64>, sd: Option<f64>) -> Moments {
    let (mean, sd) = (mean.unwrap_or(0.0), sd.unwrap_or(0.0));
    Moments {
        n: n as u64,
        mean,
        m2: sd * sd * n.saturating_sub(1) as f64,
    }
}

/// Welch's two-sided t-test of a difference in means with unequal variances
/// (Welch, 1947; the Welch–Satterthwaite degrees of freedom). `None` below two values on
/// a side, or when neither side varies.
pub fn welch_p(a: &Moments, b: &Moments) -> Option<f64> {
    let (va, vb) = (a.variance()?, b.variance()?);
    let (sa, sb) = (va / a.n as f64, vb / b.n as f64);
    let se2 = sa + sb;
    if se2 <= 0.0 {
        return None;
    }
    let t = (a.mean - b.mean) / se2.sqrt();
    let df = se2 * se2 / (sa * sa / (a.n - 1) as f64 + sb * sb / (b.n - 1) as f64);
    let distribution = StudentsT::new(0.0, 1.0, df).ok()?;
    // the survival function keeps tiny p-values exact, where 1 − cdf would round to 0
    Some((2.0 * distribution.sf(t.abs())).min(1.0))
}

/// Hedges' g: Cohen's d on the pooled standard deviation, times the small-sample correction
/// J = 1 − 3 / (4 (n₁ + n₂) − 9) (Hedges & Olkin, 1985, as pingouin computes it). Positive
/// when `a` is higher. `None` below two values on a side or without pooled spread.
pub fn hedges_g(a: &Moments, b: &Moments) -> Option<f64> {
    let (va, vb) = (a.variance()?, b.variance()?);
    let (na, nb) = (a.n as f64, b.n as f64);
    let pooled = (((na - 1.0) * va + (nb - 1.0) * vb) / (na + nb - 2.0)).sqrt();
    if pooled <= 0.0 {
        return None;
    }
    let d = (a.mean - b.mean) / pooled;
    Some(d * (1.0 - 3.0 / (4.0 * (na + nb) - 9.0)))
}

/// Cronbach's alpha: k / (k − 1) · (1 − Σ var(itemᵢ) / var(total)), over respondents who
/// answered every item (Cronbach, 1951). `None` below three such respondents or two items,
/// or when the totals do not vary.
pub fn cronbach_alpha(items: &[Moments], total: &Moments) -> Option<f64> {
    let k = items.len();
    if k < 2 || total.n < 3 {
        return None;
    }
    let total_variance = total.variance()?;
    if total_variance <= 0.0 {
        return None;
    }
    let item_variances: f64 = items.iter().map(|m| m.variance().unwrap_or(0.0)).sum();
    let k = k as f64;
    Some(k / (k - 1.0) * (1.0 - item_variances / total_variance))
}

/// The z-score of a term's weighted log-odds ratio between two groups of texts, with an
/// informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words", eq. 16–22):
/// `y_i`, `y_j` the term's counts in the groups, `n_i`, `n_j` all counts there, `alpha_w`
/// the term's prior count and `alpha_0` the prior's size (the sum of every term's
/// `alpha_w`).
///
/// δ = log((y_i+α_w)/(n_i+α_0−y_i−α_w)) − log((y_j+α_w)/(n_j+α_0−y_j−α_w)),
/// σ² ≈ 1/(y_i+α_w) + 1/(y_j+α_w), z = δ/σ. Positive: the term is more typical of group i.
/// `None` where a log has no finite value (a prior of nothing, or a term that is the
/// whole corpus).
pub fn log_odds_z(
    y_i: f64,
    n_i: f64,
    y_j: f64,
    n_j: f64,
    alpha_w: f64,
    alpha_0: f64,
) -> Option<f64> {
    let (in_i, out_i) = (y_i + alpha_w, n_i + alpha_0 - y_i - alpha_w);
    let (in_j, out_j) = (y_j + alpha_w, n_j + alpha_0 - y_j - alpha_w);
    if [in_i, out_i, in_j, out_j].iter().any(|v| *v <= 0.0) {
        return None;
    }
    let delta = (in_i / out_i).ln() - (in_j / out_j).ln();
    let sigma = (1.0 / in_i + 1.0 / in_j).sqrt();
    Some(delta / sigma).filter(|z| z.is_finite())
}

/// The standard error of a Net Promoter Score in points: 100 · √((P + D − (P − D)²) / n),
/// P and D the shares of promoters and detractors (the variance of a variable that is +1,
/// 0 or −1). Its 95 % interval is NPS ± 1.96 SE. `None` below two answers.
pub fn nps_ci95(promoters: u64, detractors: u64, n: u64) -> Option<[f64; 2]> {
    if n < 2 {
        return None;
    }
    let (p, d) = (promoters as f64 / n as f64, detractors as f64 / n as f64);
    let se = 100.0 * ((p + d - (p - d).powi(2)) / n as f64).sqrt();
    let score = 100.0 * (p - d);
    Some([score - 1.96 * se, score + 1.96 * se])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(values: &[f64]) -> Moments {
        let mut m = Moments::default();
        values.iter().for_each(|&v| m.push(v));
        m
    }

    #[test]
    fn counts_merge_like_single_values() {
        let one_by_one = moments(&[1.0, 3.0, 3.0, 3.0, 5.0, 5.0]);
        let mut merged = Moments::default();
        merged.push_many(1.0, 1);
        merged.push_many(3.0, 3);
        merged.push_many(5.0, 2);
        assert_eq!(merged.n, one_by_one.n);
        assert!((merged.mean - one_by_one.mean).abs() < 1e-12);
        assert!((merged.m2 - one_by_one.m2).abs() < 1e-12);
    }

    #[test]
    fn centred_sums_give_the_moments_of_their_values() {
        // 1, 2, 4, 5, 5 and 4.5: mean 3.5833…, m2 = Σ(x − mean)² = 14.208333…
        let values = [1.0, 2.0, 4.0, 5.0, 5.0, 4.5];
        let mut all = Centred::new(3.0);
        values.iter().for_each(|&v| all.push(v));
        let mut parts = Centred::new(3.0);
        let mut later = Centred::new(3.0);
        values[..2].iter().for_each(|&v| parts.push(v));
        values[2..].iter().for_each(|&v| later.push(v));
        parts.merge(&later);
        for m in [all.moments(), parts.moments()] {
            assert_eq!(m.n, 6);
            assert!((m.mean - 21.5 / 6.0).abs() < 1e-15, "{}", m.mean);
            assert!((m.m2 - 14.208333333333334).abs() < 1e-13, "{}", m.m2);
        }
        assert_eq!(Centred::new(3.0).moments(), Moments::default());
    }

    #[test]
    fn centred_values_all_the_same_have_no_spread() {
        // 13/3 eleven times: the sums alone would leave m2 near 1e-15, and a gap without
        // spread would pass for significant
        let mut same = Centred::new(3.0);
        (0..11).for_each(|_| same.push(13.0 / 3.0));
        let m = same.moments();
        assert_eq!((m.n, m.mean, m.m2), (11, 13.0 / 3.0, 0.0));
        let mut merged = Centred::new(3.0);
        merged.merge(&same);
        merged.merge(&same);
        assert_eq!(merged.moments().m2, 0.0);
    }

    #[test]
    fn centred_sums_over_many_blocks_stay_exact_on_whole_numbers() {
        // 1 to 5, 2,001 times each: past several blocks of 4,096, in one pass and in parts
        let values: Vec<f64> = (0..10_005).map(|k| (1 + k % 5) as f64).collect();
        let mut all = Centred::new(3.0);
        values.iter().for_each(|&v| all.push(v));
        let mut parts = Centred::new(3.0);
        for chunk in values.chunks(777) {
            let mut part = Centred::new(3.0);
            chunk.iter().for_each(|&v| part.push(v));
            parts.merge(&part);
        }
        for m in [all.moments(), parts.moments()] {
            assert_eq!((m.n, m.mean, m.m2), (10_005, 3.0, 2_001.0 * 10.0));
        }
    }

    #[test]
    fn merged_moments_equal_moments_of_all_values() {
        let mut a = moments(&[1.0, 2.0, 4.0]);
        a.merge(&moments(&[5.0, 5.0]));
        let all = moments(&[1.0, 2.0, 4.0, 5.0, 5.0]);
        assert_eq!(a.n, all.n);
        assert!((a.mean - all.mean).abs() < 1e-12 && (a.m2 - all.m2).abs() < 1e-12);
    }

    #[test]
    fn a_side_without_spread_has_a_point_interval() {
        assert_eq!(ci95(&moments(&[4.0, 4.0, 4.0])), Some([4.0, 4.0]));
        assert_eq!(ci95(&moments(&[4.0])), None);
    }

    #[test]
    fn no_spread_on_either_side_gives_no_p_value_or_effect() {
        let a = moments(&[4.0, 4.0]);
        let b = moments(&[2.0, 2.0, 2.0]);
        assert_eq!(welch_p(&a, &b), None);
        assert_eq!(hedges_g(&a, &b), None);
        // one side varying is enough
        assert!(welch_p(&moments(&[3.0, 5.0]), &b).is_some());
    }

    #[test]
    fn alpha_needs_three_complete_respondents_and_variance() {
        let items = [moments(&[1.0, 2.0, 3.0]), moments(&[1.0, 2.0, 3.0])];
        // two identical items: alpha = 2 · (1 − 2/4) = 1
        let total = moments(&[2.0, 4.0, 6.0]);
        assert!((cronbach_alpha(&items, &total).unwrap() - 1.0).abs() < 1e-12);
        assert_eq!(cronbach_alpha(&items[..1], &total), None);
        assert_eq!(cronbach_alpha(&items, &moments(&[2.0, 4.0])), None);
        assert_eq!(cronbach_alpha(&items, &moments(&[4.0, 4.0, 4.0])), None);
    }

    #[test]
    fn the_difference_interval_is_welchs() {
        // equal sizes and variances: df = 2(n − 1) = 6, t(0.975, 6) = 2.446911851144969
        let a = moments(&[1.0, 2.0, 3.0, 4.0]);
        let b = moments(&[2.0, 3.0, 4.0, 5.0]);
        let [low, high] = difference_ci95(&a, &b).unwrap();
        let half = 2.446911851144969 * (2.0 * (5.0 / 3.0) / 4.0f64).sqrt();
        assert!((low - (-1.0 - half)).abs() < 1e-9 && (high - (-1.0 + half)).abs() < 1e-9);
        let back = moments_of(4, Some(a.mean), a.sd());
        assert!((back.m2 - a.m2).abs() < 1e-12);
    }

    #[test]
    fn nps_interval() {
        // 5 promoters, 3 passives, 2 detractors: NPS 30, SE = 100·√((0.7 − 0.09)/10)
        let [low, high] = nps_ci95(5, 2, 10).unwrap();
        let se = 100.0 * (0.61f64 / 10.0).sqrt();
        assert!((low - (30.0 - 1.96 * se)).abs() < 1e-9);
        assert!((high - (30.0 + 1.96 * se)).abs() < 1e-9);
        assert_eq!(nps_ci95(1, 0, 1), None);
    }

    #[test]
    fn log_odds_on_a_hand_case() {
        // y_i = 4 of n_i = 10, y_j = 1 of n_j = 10, prior α_w = 2 of α_0 = 8:
        // δ = ln(6/12) − ln(3/15) = ln(2.5), σ = √(1/6 + 1/3)
        let z = log_odds_z(4.0, 10.0, 1.0, 10.0, 2.0, 8.0).unwrap();
        let expected = 2.5f64.ln() / (1.0f64 / 6.0 + 1.0 / 3.0).sqrt();
        assert!((z - expected).abs() < 1e-12, "{z} vs {expected}");
        assert!((z - 1.295_830_78).abs() < 1e-8);
        // the other way round: the same size, the other sign
        let back = log_odds_z(1.0, 10.0, 4.0, 10.0, 2.0, 8.0).unwrap();
        assert!((z + back).abs() < 1e-12);
        assert_eq!(log_odds_z(1.0, 1.0, 0.0, 0.0, 0.0, 0.0), None);
    }
}
