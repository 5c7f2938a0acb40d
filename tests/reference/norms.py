#!/usr/bin/env python3
"""Expected `centricity norms` of the portfolio in tests/reference/cases/norms/portfolio.

Reads each assessment's scores as `centricity score DIR --format json` prints them (the
binary is run through `cargo run`, or the one CENTRICITY names) and computes the norms
independently: for the overall score, each dimension and item (self, customer, gap) and the
NPS (self, customer), over the assessments with a value, each weighted equally: n, the mean,
the quartiles and deciles with numpy.quantile(method="linear") (Hyndman & Fan type 7), and
the quantities with fewer than 10 assessments in `left_out`. tests/norms.rs compares the
Rust output with the result to 1e-9.

Run: python3 tests/reference/norms.py   (writes tests/reference/expected_norms.json)
"""
import json
import os
import pathlib
import shlex
import subprocess

import numpy as np

HERE = pathlib.Path(__file__).parent
ROOT = HERE.parent.parent
PORTFOLIO = HERE / "cases" / "norms" / "portfolio"
MIN_ASSESSMENTS = 10
BINARY = shlex.split(os.environ.get("CENTRICITY", "cargo run --quiet --"))


def scores(folder):
    out = subprocess.run(BINARY + ["score", str(folder), "--format", "json"],
                         cwd=ROOT, capture_output=True, text=True, check=True).stdout
    return json.loads(out)


def norm(values, where, left_out):
    values = [v for v in values if v is not None]
    if len(values) < MIN_ASSESSMENTS:
        left_out.append({**where, "n": len(values)})
        return None
    a = np.array(values, dtype=float)
    return {
        "n": len(values),
        "mean": float(np.mean(a)),
        "quartiles": [float(q) for q in np.quantile(a, [0.25, 0.5, 0.75], method="linear")],
        "deciles": [float(q) for q in np.quantile(a, np.arange(1, 10) / 10, method="linear")],
    }


def main():
    folders = sorted(p for p in PORTFOLIO.iterdir() if (p / "assessment.toml").is_file())
    all_scores = [scores(f) for f in folders]
    left_out = []
    views = ("self", "customer", "gap")
    first = all_scores[0]

    def item_score(item, view):
        if view == "gap":
            return item["gap"]
        side = item[view]
        return None if side is None else side["score"]

    overall = {
        v: norm([s["overall"]["gap"] if v == "gap" else s["overall"][v]["score"] for s in all_scores],
                {"part": "overall", "id": None, "view": v}, left_out)
        for v in views
    }
    dimensions = []
    for d in first["dimensions"]:
        entry = {"id": d["id"]}
        for v in views:
            values = [next((x["gap"] if v == "gap" else x[v]["score"])
                           for x in s["dimensions"] if x["id"] == d["id"]) for s in all_scores]
            entry[v] = norm(values, {"part": "dimension", "id": d["id"], "view": v}, left_out)
        dimensions.append(entry)
    items = []
    for i in first["items"]:
        entry = {"id": i["id"], "dimension": i["dimension"]}
        for v in views:
            values = [item_score(x, v) for s in all_scores for x in s["items"] if x["id"] == i["id"]]
            entry[v] = norm(values, {"part": "item", "id": i["id"], "view": v}, left_out)
        items.append(entry)
    nps = {v: norm([s["nps"][v]["score"] if s["nps"][v] else None for s in all_scores],
                   {"part": "nps", "id": None, "view": v}, left_out)
           for v in ("self", "customer")}
    expected = {
        "assessments": len(all_scores),
        "overall": overall,
        "dimensions": dimensions,
        "items": items,
        "nps": nps,
        "left_out": left_out,
    }
    (HERE / "expected_norms.json").write_text(json.dumps(expected, indent=1) + "\n", encoding="utf-8")


main()
