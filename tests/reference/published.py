#!/usr/bin/env python3
"""Checks the reference implementation of the driver analysis (reference.py) against numbers
published for R, on R's `mtcars` data (Motor Trend, 1974; public): mpg on cyl, disp, hp, wt.

- Johnson's relative weights: the rwa package's documentation ("regression methods" article,
  https://martinctc.github.io/rwa/articles/regression-methods.html) prints Raw.RelWeight
  cyl 0.2096904, disp 0.1883043, hp 0.1799590, wt 0.2706812.
- LMG: no printed relaimpo output for this model was found; pingouin's `relimp` is checked
  against LMG's definition instead, by averaging R² increments over all 24 orderings with
  R² from plain least squares (numpy), so the two share no code.

Run: python3 tests/reference/published.py   (exit 1 on a mismatch)
"""
import itertools
import sys

import numpy as np
import pandas as pd
import pingouin

from reference import johnson_weights

# mpg, cyl, disp, hp, wt
MTCARS = """
21.0 6 160.0 110 2.620
21.0 6 160.0 110 2.875
22.8 4 108.0 93 2.320
21.4 6 258.0 110 3.215
18.7 8 360.0 175 3.440
18.1 6 225.0 105 3.460
14.3 8 360.0 245 3.570
24.4 4 146.7 62 3.190
22.8 4 140.8 95 3.150
19.2 6 167.6 123 3.440
17.8 6 167.6 123 3.440
16.4 8 275.8 180 4.070
17.3 8 275.8 180 3.730
15.2 8 275.8 180 3.780
10.4 8 472.0 205 5.250
10.4 8 460.0 215 5.424
14.7 8 440.0 230 5.345
32.4 4 78.7 66 2.200
30.4 4 75.7 52 1.615
33.9 4 71.1 65 1.835
21.5 4 120.1 97 2.465
15.5 8 318.0 150 3.520
15.2 8 304.0 150 3.435
13.3 8 350.0 245 3.840
19.2 8 400.0 175 3.845
27.3 4 79.0 66 1.935
26.0 4 120.3 91 2.140
30.4 4 95.1 113 1.513
15.8 8 351.0 264 3.170
19.7 6 145.0 175 2.770
15.0 8 301.0 335 3.570
21.4 4 121.0 109 2.780
"""
PREDICTORS = ["cyl", "disp", "hp", "wt"]
PUBLISHED_RWA = {"cyl": 0.2096904, "disp": 0.1883043, "hp": 0.1799590, "wt": 0.2706812}


def r2(X, y):
    """R² of least squares with an intercept."""
    A = np.column_stack([np.ones(len(y)), X])
    coef, *_ = np.linalg.lstsq(A, y, rcond=None)
    residual = y - A @ coef
    return 1 - residual @ residual / ((y - y.mean()) @ (y - y.mean()))


def lmg_by_orderings(X, y):
    k = X.shape[1]
    shares = np.zeros(k)
    orders = list(itertools.permutations(range(k)))
    for order in orders:
        before = 0.0
        for m, j in enumerate(order):
            after = r2(X[:, list(order[: m + 1])], y)
            shares[j] += after - before
            before = after
    return shares / len(orders)


def main():
    data = pd.DataFrame([line.split() for line in MTCARS.strip().splitlines()],
                        columns=["mpg", *PREDICTORS], dtype=float)
    X, y = data[PREDICTORS].to_numpy(), data["mpg"].to_numpy()
    failures = []
    weights = johnson_weights(X, y)
    for name, w in zip(PREDICTORS, weights):
        # the documentation prints 7 decimals
        ok = abs(w - PUBLISHED_RWA[name]) < 5e-8
        print(f"relative weight {name}: {w:.7f} (rwa docs {PUBLISHED_RWA[name]:.7f}) {'ok' if ok else 'MISMATCH'}")
        ok or failures.append(name)
    lm = pingouin.linear_regression(data[PREDICTORS], data["mpg"], relimp=True)
    relimp = lm.set_index("names")["relimp"]
    by_orderings = lmg_by_orderings(X, y)
    for name, share in zip(PREDICTORS, by_orderings):
        ok = abs(relimp[name] - share) < 1e-12
        print(f"LMG {name}: pingouin {relimp[name]:.7f}, all orderings {share:.7f} {'ok' if ok else 'MISMATCH'}")
        ok or failures.append(name)
    total = r2(X, y)
    print(f"R² {total:.7f}; Σ LMG {by_orderings.sum():.7f}; Σ weights {sum(weights):.7f}")
    if failures or abs(sum(weights) - total) > 1e-12:
        sys.exit(1)


if __name__ == "__main__":
    main()
