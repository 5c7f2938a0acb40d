#!/usr/bin/env python3
"""The customers' dimension scores of SPEC §3 for one answer table, computed with DuckDB or
polars (what a consultant who knows data would write), timed without the imports, and
checked against centricity's JSON to 1e-9. The rules are those of pandas_scores.py:
reverse-keyed items, item weights, "na" and blanks left out, and a respondent counted for a
dimension with at least half of its items answered. Both tools use every core.

Usage: python3 bench/dataframe_scores.py duckdb|polars ANSWERS.csv [CENTRICITY.json]
"""
import json
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def dimensions():
    """Per dimension: its id and its customer items as (id, reverse, weight); the scale."""
    q = tomllib.loads((ROOT / "questionnaires/customer-centricity.toml").read_text())
    lo, hi = q["scale"]["min"], q["scale"]["max"]
    dims = []
    for d in q["dimensions"]:
        items = [(i["id"], bool(i.get("reverse")), float(i.get("weight", 1.0)))
                 for i in q["items"] if i["dimension"] == d["id"] and "customer" in i]
        dims.append((d["id"], items))
    return dims, lo, hi


def with_duckdb(path):
    import duckdb
    dims, lo, hi = dimensions()
    items = [item for _, its in dims for item, _, _ in its]
    # only the columns needed, typed, "na" read as missing
    types = ", ".join(f"'{item}': 'DOUBLE'" for item in items)
    columns = ", ".join(f'"{item}"' for item in ["perspective", *items])
    values, selects = [], []
    for n, (dim, its) in enumerate(dims):
        for k, (item, reverse, _) in enumerate(its):
            values.append(f'{lo + hi} - "{item}" AS d{n}_{k}' if reverse else f'"{item}" AS d{n}_{k}')
        weighted = " + ".join(f"{w} * COALESCE(d{n}_{k}, 0)" for k, (_, _, w) in enumerate(its))
        weights = " + ".join(f"{w} * (d{n}_{k} IS NOT NULL)::INT" for k, (_, _, w) in enumerate(its))
        answered = " + ".join(f"(d{n}_{k} IS NOT NULL)::INT" for k in range(len(its)))
        selects.append(
            f"(AVG(CASE WHEN ({answered}) > 0 AND ({answered}) * 2 >= {len(its)} "
            f"THEN ({weighted}) / ({weights}) END) - {lo}) / {hi - lo} * 100 AS \"{dim}\""
        )
    query = (
        f"WITH t AS (SELECT {columns} FROM read_csv('{path}', header = true, quote = '\"', "
        f"escape = '\"', nullstr = ['na', ''], types = {{{types}}})), "
        f"v AS (SELECT {', '.join(values)} FROM t WHERE perspective = 'customer') "
        f"SELECT {', '.join(selects)} FROM v"
    )
    row = duckdb.sql(query).fetchall()[0]
    return {dim: row[n] for n, (dim, _) in enumerate(dims)}


def with_polars(path):
    import polars as pl
    dims, lo, hi = dimensions()
    items = [item for _, its in dims for item, _, _ in its]
    # lazily: only the columns needed are parsed, as numbers, "na" read as missing
    frame = pl.scan_csv(
        path,
        null_values=["na", ""],
        schema_overrides={item: pl.Float64 for item in items},
        infer_schema=False,
    ).filter(pl.col("perspective") == "customer")
    exprs = []
    for dim, its in dims:
        vals = []
        for item, reverse, w in its:
            v = pl.col(item)
            vals.append(((lo + hi) - v if reverse else v, w))
        answered = pl.sum_horizontal([v.is_not_null().cast(pl.Int32) for v, _ in vals])
        weights = pl.sum_horizontal([v.is_not_null().cast(pl.Float64) * w for v, w in vals])
        weighted = pl.sum_horizontal([v.fill_null(0.0) * w for v, w in vals])
        value = pl.when((answered > 0) & (answered * 2 >= len(its))).then(weighted / weights)
        exprs.append(((value.mean() - lo) / (hi - lo) * 100).alias(dim))
    row = frame.select(exprs).collect().row(0)
    return {dim: row[n] for n, (dim, _) in enumerate(dims)}


def main():
    tool, path = sys.argv[1], sys.argv[2]
    compute = {"duckdb": with_duckdb, "polars": with_polars}[tool]
    # the imports are not timed (a consultant's notebook has them loaded already)
    __import__(tool)
    started = time.perf_counter()
    result = compute(path)
    elapsed = time.perf_counter() - started
    print(json.dumps({"seconds": elapsed, "scores": result}))
    if len(sys.argv) > 3:
        ours = {d["id"]: d["customer"]["score"]
                for d in json.loads(Path(sys.argv[3]).read_text())["dimensions"]}
        for key, value in result.items():
            assert abs(ours[key] - value) <= 1e-9 * max(1.0, abs(value)), (tool, key, ours[key], value)


if __name__ == "__main__":
    main()
