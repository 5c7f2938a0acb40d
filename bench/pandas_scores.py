#!/usr/bin/env python3
"""The dimension scores of SPEC §3 for one answer table, computed with pandas: what a
consultant would otherwise write. Used by bench/run.sh to compare speed with centricity, and
to check that both compute the same numbers.

Usage: python3 bench/pandas_scores.py ANSWERS.csv [CENTRICITY.json]
"""
import json
import sys
import time
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent


def scores(csv_path):
    q = tomllib.loads((ROOT / "questionnaires/customer-centricity.toml").read_text())
    lo, hi = q["scale"]["min"], q["scale"]["max"]
    asked = [i["id"] for i in q["items"] if "customer" in i]
    # only the columns needed, as numbers, "na" and blanks read as missing
    frame = pd.read_csv(
        csv_path,
        usecols=["perspective", *asked],
        dtype={"perspective": str, **{item: "float64" for item in asked}},
        na_values=["na", ""],
        keep_default_na=False,
    )
    customers = frame[frame["perspective"] == "customer"]
    result = {}
    for dimension in q["dimensions"]:
        items = [i for i in q["items"] if i["dimension"] == dimension["id"] and "customer" in i]
        values = pd.DataFrame({i["id"]: customers[i["id"]] for i in items})
        for i in items:
            if i.get("reverse"):
                values[i["id"]] = lo + hi - values[i["id"]]
        weights = np.array([i.get("weight", 1.0) for i in items])
        answered = values.notna()
        weight_sum = (answered * weights).sum(axis=1)
        weighted = (values.fillna(0) * weights).sum(axis=1)
        # a respondent counts with at least half of the dimension's items answered
        counts = answered.sum(axis=1)
        covered = (counts > 0) & (counts * 2 >= len(items))
        respondent = weighted[covered] / weight_sum[covered]
        mean = respondent.mean()
        result[dimension["id"]] = (mean - lo) / (hi - lo) * 100
    return result


def main():
    started = time.perf_counter()
    result = scores(sys.argv[1])
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "scores": result}))
    if len(sys.argv) > 2:
        ours = {d["id"]: d["customer"]["score"] for d in json.loads(Path(sys.argv[2]).read_text())["dimensions"]}
        for key, value in result.items():
            assert abs(ours[key] - value) <= 1e-9 * max(1.0, abs(value)), (key, ours[key], value)


if __name__ == "__main__":
    main()
