//! How much each predictor adds to a linear model's R², from the correlation matrix alone:
//! the LMG decomposition (Lindeman, Merenda & Gold, 1980; the Shapley value of R²) and
//! Johnson's (2000) relative weights. Both split R² into non-negative parts that add up to
//! it. The matrices are small (at most twelve predictors), so a Cholesky factorisation and
//! a cyclic Jacobi eigen-decomposition of a few lines serve, and no linear-algebra crate is
//! needed.

/// A pivot (or eigenvalue) of a correlation matrix below this means the predictors are
/// (nearly) perfectly collinear: R² may exist, but no split of it among them does.
const SINGULAR: f64 = 1e-10;

/// A symmetric matrix, row-major.
#[derive(Debug, Clone, PartialEq)]
pub struct Symmetric {
    pub size: usize,
    pub values: Vec<f64>,
}

impl Symmetric {
    pub fn get(&self, i: usize, j: usize) -> f64 {
        self.values[i * self.size + j]
    }

    fn set(&mut self, i: usize, j: usize, value: f64) {
        self.values[i * self.size + j] = value;
    }

    fn identity(size: usize) -> Symmetric {
        let mut m = Symmetric {
            size,
            values: vec![0.0; size * size],
        };
        (0..size).for_each(|i| m.set(i, i, 1.0));
        m
    }
}

/// R² of y on the predictors in `subset` (a bit mask), from their correlations `rxx` and
/// their correlations with y `rxy`: R² = r_yxᵀ R_xx⁻¹ r_yx, solved through the Cholesky
/// factor R_xx = L Lᵀ as ‖L⁻¹ r_yx‖². `None` when R_xx of the subset is singular.
fn r2_of(rxx: &Symmetric, rxy: &[f64], subset: usize) -> Option<f64> {
    let index: Vec<usize> = (0..rxx.size).filter(|j| subset >> j & 1 == 1).collect();
    let k = index.len();
    let mut l = vec![0.0; k * k];
    let mut z = vec![0.0; k];
    for a in 0..k {
        for b in 0..=a {
            let mut sum = rxx.get(index[a], index[b]);
            for c in 0..b {
                sum -= l[a * k + c] * l[b * k + c];
            }
            if a == b {
                if sum < SINGULAR {
                    return None;
                }
                l[a * k + a] = sum.sqrt();
            } else {
                l[a * k + b] = sum / l[b * k + b];
            }
        }
        // forward substitution, row by row as L is made
        let mut sum = rxy[index[a]];
        for c in 0..a {
            sum -= l[a * k + c] * z[c];
        }
        z[a] = sum / l[a * k + a];
    }
    Some(z.iter().map(|v| v * v).sum())
}

/// The R² of the model with all predictors, and each predictor's LMG share of it: the
/// increase in R² it brings when added to a subset S of the others, averaged over all
/// orderings of the predictors, i.e. weighted |S|! (k − |S| − 1)! / k! (Lindeman, Merenda
/// & Gold, 1980, p. 119 ff.; Grömping, 2006). Exact over all 2^k subsets. `None` when the
/// predictors are collinear.
pub fn lmg(rxx: &Symmetric, rxy: &[f64]) -> Option<(f64, Vec<f64>)> {
    let k = rxx.size;
    let subsets = 1usize << k;
    let mut r2 = vec![0.0; subsets];
    // every principal submatrix of a positive definite matrix is positive definite: if
    // the whole is not singular, no subset is
    for (subset, slot) in r2.iter_mut().enumerate().skip(1) {
        *slot = r2_of(rxx, rxy, subset)?;
    }
    let factorial = |n: usize| (1..=n).map(|v| v as f64).product::<f64>();
    let weight: Vec<f64> = (0..k)
        .map(|size| factorial(size) * factorial(k - size - 1) / factorial(k))
        .collect();
    let shares = (0..k)
        .map(|j| {
            (0..subsets)
                .filter(|s| s >> j & 1 == 0)
                .map(|s| weight[s.count_ones() as usize] * (r2[s | 1 << j] - r2[s]))
                .sum()
        })
        .collect();
    Some((r2[subsets - 1], shares))
}

/// Johnson's (2000) relative weights: with R_xx = V diag(λ) Vᵀ, Λ = R_xx^½ = V diag(√λ) Vᵀ
/// relates the predictors to their closest orthogonal counterparts; β = Λ⁻¹ r_xy regresses
/// y on those, and predictor j's weight is Σ_k Λ_jk² β_k². The weights add up to R².
/// `None` when the predictors are collinear.
pub fn relative_weights(rxx: &Symmetric, rxy: &[f64]) -> Option<Vec<f64>> {
    let k = rxx.size;
    let (values, vectors) = symmetric_eigen(rxx);
    if values.iter().any(|&v| v < SINGULAR) {
        return None;
    }
    // Λ and Λ⁻¹ from the same eigenvectors
    let root = |power: f64| {
        let mut m = Symmetric::identity(k);
        for i in 0..k {
            for j in 0..k {
                let v = (0..k)
                    .map(|e| vectors.get(i, e) * values[e].powf(power) * vectors.get(j, e))
                    .sum();
                m.set(i, j, v);
            }
        }
        m
    };
    let (lambda, inverse) = (root(0.5), root(-0.5));
    let beta: Vec<f64> = (0..k)
        .map(|i| (0..k).map(|j| inverse.get(i, j) * rxy[j]).sum())
        .collect();
    Some(
        (0..k)
            .map(|j| {
                (0..k)
                    .map(|e| lambda.get(j, e).powi(2) * beta[e].powi(2))
                    .sum()
            })
            .collect(),
    )
}

/// The eigenvalues of a symmetric matrix and its eigenvectors (as the columns of the second
/// matrix), by cyclic Jacobi rotations (Jacobi, 1846; Golub & Van Loan, *Matrix
/// Computations*, §8.5): each rotation zeroes one off-diagonal element; sweeps repeat until
/// the off-diagonal part is negligible. Converges quadratically and keeps the vectors
/// orthogonal to rounding, which is all a 12 × 12 correlation matrix needs.
pub fn symmetric_eigen(matrix: &Symmetric) -> (Vec<f64>, Symmetric) {
    let n = matrix.size;
    let mut a = matrix.clone();
    let mut v = Symmetric::identity(n);
    let scale: f64 = a.values.iter().map(|x| x * x).sum();
    for _sweep in 0..64 {
        let off: f64 = (0..n)
            .flat_map(|i| (0..n).filter(move |&j| j != i).map(move |j| (i, j)))
            .map(|(i, j)| a.get(i, j).powi(2))
            .sum();
        if off <= scale * 1e-30 {
            break;
        }
        for p in 0..n {
            for q in p + 1..n {
                let apq = a.get(p, q);
                if apq == 0.0 {
                    continue;
                }
                // the angle that zeroes a_pq: t = tan θ, the smaller root of
                // t² + 2t·cot 2θ − 1 = 0, cot 2θ = (a_qq − a_pp) / (2 a_pq)
                let theta = (a.get(q, q) - a.get(p, p)) / (2.0 * apq);
                let t = theta.signum() / (theta.abs() + (theta * theta + 1.0).sqrt());
                let c = 1.0 / (t * t + 1.0).sqrt();
                let s = t * c;
                for k in 0..n {
                    let (akp, akq) = (a.get(k, p), a.get(k, q));
                    a.set(k, p, c * akp - s * akq);
                    a.set(k, q, s * akp + c * akq);
                }
                for k in 0..n {
                    let (apk, aqk) = (a.get(p, k), a.get(q, k));
                    a.set(p, k, c * apk - s * aqk);
                    a.set(q, k, s * apk + c * aqk);
                }
                for k in 0..n {
                    let (vkp, vkq) = (v.get(k, p), v.get(k, q));
                    v.set(k, p, c * vkp - s * vkq);
                    v.set(k, q, s * vkp + c * vkq);
                }
            }
        }
    }
    ((0..n).map(|i| a.get(i, i)).collect(), v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matrix(size: usize, values: &[f64]) -> Symmetric {
        Symmetric {
            size,
            values: values.to_vec(),
        }
    }

    fn close(a: f64, b: f64) {
        assert!((a - b).abs() < 1e-12, "expected {b}, got {a}");
    }

    #[test]
    fn eigenvectors_rebuild_the_matrix_and_are_orthonormal() {
        let m = matrix(3, &[2.0, 1.0, 0.5, 1.0, 3.0, 0.2, 0.5, 0.2, 1.0]);
        let (values, v) = symmetric_eigen(&m);
        for i in 0..3 {
            for j in 0..3 {
                let rebuilt: f64 = (0..3).map(|e| v.get(i, e) * values[e] * v.get(j, e)).sum();
                close(rebuilt, m.get(i, j));
                let dot: f64 = (0..3).map(|e| v.get(e, i) * v.get(e, j)).sum();
                close(dot, if i == j { 1.0 } else { 0.0 });
            }
        }
        // a 2 × 2 correlation matrix [[1, r], [r, 1]] has eigenvalues 1 ± r
        let (mut values, _) = symmetric_eigen(&matrix(2, &[1.0, 0.6, 0.6, 1.0]));
        values.sort_by(f64::total_cmp);
        close(values[0], 0.4);
        close(values[1], 1.6);
    }

    #[test]
    fn uncorrelated_predictors_each_get_their_own_r2() {
        // orthogonal predictors: every method gives r², and R² = Σ r²
        let rxx = Symmetric::identity(3);
        let rxy = [0.5, -0.3, 0.1];
        let (r2, shares) = lmg(&rxx, &rxy).unwrap();
        close(r2, 0.35);
        let weights = relative_weights(&rxx, &rxy).unwrap();
        for j in 0..3 {
            close(shares[j], rxy[j] * rxy[j]);
            close(weights[j], rxy[j] * rxy[j]);
        }
    }

    #[test]
    fn two_predictors_split_by_hand() {
        // R² = (r1² + r2² − 2 r1 r2 r12) / (1 − r12²); LMG_1 = (r1² + (R² − r2²)) / 2
        let (r1, r2, r12) = (0.6, 0.4, 0.5);
        let rxx = matrix(2, &[1.0, r12, r12, 1.0]);
        let full = (r1 * r1 + r2 * r2 - 2.0 * r1 * r2 * r12) / (1.0 - r12 * r12);
        let (total, shares) = lmg(&rxx, &[r1, r2]).unwrap();
        close(total, full);
        close(shares[0], (r1 * r1 + full - r2 * r2) / 2.0);
        close(shares[1], (r2 * r2 + full - r1 * r1) / 2.0);
        let weights = relative_weights(&rxx, &[r1, r2]).unwrap();
        close(weights.iter().sum(), full);
    }

    #[test]
    fn collinear_predictors_have_no_split() {
        let rxx = matrix(2, &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(lmg(&rxx, &[0.5, 0.5]), None);
        assert_eq!(relative_weights(&rxx, &[0.5, 0.5]), None);
    }
}
