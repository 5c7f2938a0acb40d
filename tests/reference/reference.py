#!/usr/bin/env python3
"""Expected statistics for the cases in tests/reference/cases, from established packages.

SPEC §3 defines which respondents and values count (reverse keying, "na", the half-coverage
rule); this script re-implements those rules independently of the Rust code and hands the
numbers to scipy (t quantiles, Welch's test, Pearson's r with its Fisher interval) and pingouin
(Hedges' g, Cronbach's alpha, LMG shares of R²); Johnson's relative weights are the published
formula in numpy (checked against R's rwa package by published.py).
tests/reference.rs compares `centricity score --format json` with the result to 1e-9.

Run: python3 tests/reference/reference.py   (writes tests/reference/expected.json)
"""
import csv
import warnings
import json
import math
import pathlib
import tomllib

import numpy as np
import pandas as pd
import pingouin
from scipy import stats

HERE = pathlib.Path(__file__).parent
# scipy warns about "nearly identical data" in the zero-variance cases, which are the point
warnings.filterwarnings("ignore", category=RuntimeWarning)
PERSPECTIVES = ("self", "customer")


def load_case(case):
    assessment = tomllib.loads((case / "assessment.toml").read_text())
    questionnaire = tomllib.loads((case / assessment["questionnaire"]).read_text())
    rows = []
    for path in sorted((case / "answers").rglob("*.csv")):
        with path.open(newline="", encoding="utf-8") as f:
            rows.extend(csv.DictReader(f))
    return assessment, questionnaire, rows


def value(item, raw, scale):
    """The reverse-corrected value of an answer, or None for "na" and empty cells."""
    raw = raw.strip()
    if raw in ("", "na"):
        return None
    a = int(raw)
    return scale["min"] + scale["max"] - a if item.get("reverse", False) else a


def asked(item, perspective):
    return perspective in item


def interval(values):
    """95 % confidence interval of the mean (Student t); None below two values."""
    n = len(values)
    if n < 2:
        return None
    mean, sd = np.mean(values), np.std(values, ddof=1)
    half = stats.t.ppf(0.975, n - 1) * sd / math.sqrt(n)
    return [mean - half, mean + half]


def test(a, b):
    """Welch's p and Hedges' g, with SPEC §3's nulls."""
    if len(a) < 2 or len(b) < 2:
        return None, None
    va, vb = np.var(a, ddof=1), np.var(b, ddof=1)
    p = None
    if va > 0 or vb > 0:
        p = float(stats.ttest_ind(a, b, equal_var=False).pvalue)
    pooled = math.sqrt(((len(a) - 1) * va + (len(b) - 1) * vb) / (len(a) + len(b) - 2))
    g = None
    if pooled > 0:
        g = float(pingouin.compute_effsize(a, b, paired=False, eftype="hedges"))
    return p, g


def to_score(values, scale):
    return [(v - scale["min"]) / (scale["max"] - scale["min"]) * 100 for v in values]


def describe(values, scale):
    scores = to_score(values, scale)
    return {
        "n": len(values),
        "mean": float(np.mean(values)) if values else None,
        "score": float(np.mean(scores)) if values else None,
        "sd": float(np.std(scores, ddof=1)) if len(values) >= 2 else None,
        "ci95": interval(scores),
    }


def alpha(item_ids, respondents, items, scale):
    """Cronbach's alpha over respondents who answered every item (listwise)."""
    if len(item_ids) < 2:
        return None
    table = []
    for row in respondents:
        values = [value(items[i], row.get(i, ""), scale) for i in item_ids]
        if all(v is not None for v in values):
            table.append(values)
    if len(table) < 3:
        return None
    frame = pd.DataFrame(table, columns=item_ids, dtype=float)
    if frame.sum(axis=1).var(ddof=1) == 0:
        return None
    return float(pingouin.cronbach_alpha(data=frame, nan_policy="listwise")[0])


def nps(answers):
    n = len(answers)
    promoters = sum(1 for a in answers if a >= 9)
    detractors = sum(1 for a in answers if a <= 6)
    result = {"n": n, "promoters": promoters, "detractors": detractors,
              "score": 100 * (promoters - detractors) / n if n else None, "ci95": None}
    if n >= 2:
        p, d = promoters / n, detractors / n
        se = 100 * math.sqrt((p + d - (p - d) ** 2) / n)
        result["ci95"] = [result["score"] - 1.96 * se, result["score"] + 1.96 * se]
    return result


MIN_DRIVER_CUSTOMERS = 30


def dimension_value(ids, row, items, scale):
    """SPEC §3: the weighted mean of the answered items, with at least half of them answered."""
    answered = [(items[i].get("weight", 1.0), value(items[i], row.get(i, ""), scale)) for i in ids]
    answered = [(w, v) for w, v in answered if v is not None]
    if answered and 2 * len(answered) >= len(ids):
        return sum(w * v for w, v in answered) / sum(w for w, _ in answered)
    return None


def johnson_weights(X, y):
    """Johnson (2000): R_xx = V diag(λ) Vᵀ, Λ = V diag(√λ) Vᵀ, β = Λ⁻¹ r_xy, ε_j = Σ_k Λ_jk² β_k²."""
    corr = np.corrcoef(np.column_stack([X, y]), rowvar=False)
    rxx, rxy = corr[:-1, :-1], corr[:-1, -1]
    values, vectors = np.linalg.eigh(rxx)
    lam = vectors @ np.diag(np.sqrt(values)) @ vectors.T
    beta = np.linalg.solve(lam, rxy)
    return list((lam ** 2) @ (beta ** 2))


def nps_answer(row):
    raw = row.get("nps", "").strip()
    return None if raw in ("", "na") else int(raw)


def drivers(q, customers, items, scale):
    """The NPS answer on the dimension values (listwise): R² and its split; each item's
    Pearson correlation with the NPS answer (pairwise)."""
    if "customer" not in q.get("nps", {}):
        return None
    dims = q["dimensions"]
    ids = {d["id"]: [i for i, item in items.items() if item["dimension"] == d["id"] and asked(item, "customer")]
           for d in dims}
    table = []
    for row in customers:
        y = nps_answer(row)
        values = [dimension_value(ids[d["id"]], row, items, scale) for d in dims]
        if y is not None and all(v is not None for v in values):
            table.append(values + [y])
    if len(table) < MIN_DRIVER_CUSTOMERS:
        return None
    names = [d["id"] for d in dims]
    frame = pd.DataFrame(table, columns=names + ["nps"], dtype=float)
    lm = pingouin.linear_regression(frame[names], frame["nps"], relimp=True).set_index("names")
    weights = johnson_weights(frame[names].to_numpy(), frame["nps"].to_numpy())
    out = {"outcome": "nps", "n": len(table), "r2": float(lm["r2"].iloc[0]), "dimensions": {}, "items": {}}
    for name, weight in zip(names, weights):
        out["dimensions"][name] = {"lmg": float(lm.loc[name, "relimp"]),
                                   "share": float(lm.loc[name, "relimp_perc"]),
                                   "relative_weight": float(weight)}
    for item_id, item in items.items():
        if not asked(item, "customer"):
            continue
        pairs = [(value(item, row.get(item_id, ""), scale), nps_answer(row)) for row in customers]
        pairs = [(x, y) for x, y in pairs if x is not None and y is not None]
        entry = {"n": len(pairs), "r": None, "ci95": None, "p_value": None}
        x, y = [p[0] for p in pairs], [p[1] for p in pairs]
        if len(pairs) >= 3 and np.var(x) > 0 and np.var(y) > 0:
            result = stats.pearsonr(x, y)
            entry["r"], entry["p_value"] = float(result.statistic), float(result.pvalue)
            if len(pairs) >= 4:
                ci = result.confidence_interval(confidence_level=0.95)
                entry["ci95"] = [float(ci.low), float(ci.high)]
        out["items"][item_id] = entry
    return out


def priorities(drivers_out, item_scores):
    """Martilla & James (1977): importance r across performance, crosshairs at the means."""
    if drivers_out is None:
        return None
    points = {}
    for item_id, d in drivers_out["items"].items():
        performance = item_scores[item_id]["customer"]["score"]
        if d["r"] is not None and performance is not None:
            own = item_scores[item_id]["self"]
            points[item_id] = (d["r"], performance, own["score"] if own else None)
    mean_i = np.mean([p[0] for p in points.values()])
    mean_p = np.mean([p[1] for p in points.values()])
    names = {(True, False): "concentrate", (True, True): "keep_up",
             (False, False): "low_priority", (False, True): "overkill"}
    return {item_id: {"importance": i, "performance": p, "self": own,
                      "quadrant": names[(bool(i >= mean_i), bool(p >= mean_p))]}
            for item_id, (i, p, own) in points.items()}


def expected(case):
    assessment, q, rows = load_case(case)
    scale = q["scale"]
    items = {item["id"]: item for item in q["items"]}
    by = {p: [r for r in rows if r["perspective"] == p] for p in PERSPECTIVES}
    out = {"dimensions": {}, "items": {}, "nps": {}}

    for dimension in q["dimensions"]:
        entry = {}
        values = {}
        for p in PERSPECTIVES:
            ids = [i for i, item in items.items() if item["dimension"] == dimension["id"] and asked(item, p)]
            values[p] = []
            for row in by[p]:
                answered = [(items[i].get("weight", 1.0), value(items[i], row.get(i, ""), scale)) for i in ids]
                answered = [(w, v) for w, v in answered if v is not None]
                # SPEC §3: a respondent counts with at least half of the dimension's items
                if answered and 2 * len(answered) >= len(ids):
                    values[p].append(sum(w * v for w, v in answered) / sum(w for w, _ in answered))
            entry[p] = describe(values[p], scale) | {"alpha": alpha(ids, by[p], items, scale)}
        entry["p_value"], entry["hedges_g"] = test(values["self"], values["customer"])
        out["dimensions"][dimension["id"]] = entry

    for item_id, item in items.items():
        entry = {}
        values = {}
        for p in PERSPECTIVES:
            if not asked(item, p):
                entry[p] = None
                continue
            values[p] = [v for v in (value(item, row.get(item_id, ""), scale) for row in by[p]) if v is not None]
            entry[p] = describe(values[p], scale)
        if len(values) == 2:
            entry["p_value"], entry["hedges_g"] = test(values["self"], values["customer"])
        out["items"][item_id] = entry

    for p in PERSPECTIVES:
        answers = [int(row["nps"]) for row in by[p] if row.get("nps", "").strip() not in ("", "na")]
        out["nps"][p] = nps(answers)
    out["drivers"] = drivers(q, by["customer"], items, scale)
    out["priorities"] = priorities(out["drivers"], out["items"])
    return out


def main():
    # a case is an assessment; cases/norms is a portfolio of them (tests/reference/norms.py)
    cases = sorted(d for d in (HERE / "cases").iterdir() if (d / "assessment.toml").is_file())
    result = {case.name: expected(case) for case in cases}
    target = HERE / "expected.json"
    target.write_text(json.dumps(result, indent=1, sort_keys=True, allow_nan=False) + "\n")
    print(f"wrote {target} for {len(cases)} cases")


if __name__ == "__main__":
    main()
