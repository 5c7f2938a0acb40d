#!/usr/bin/env python3
"""Writes answers/answers.csv of the drivers case: 64 customers and 8 staff, from a seeded
generator, so the case is the same on every machine. Customers answer around a personal
level per dimension; their NPS answer leans on reachability and reliability. Some cells are
"na" or empty, so that the half-coverage rule and the pairwise counts matter, and a few
customers give no NPS answer.

Run: python3 tests/reference/cases/drivers/generate.py
"""
import pathlib
import random

ITEMS = {"reach": ["r1", "r2", "r3"], "friend": ["f1", "f2"], "comp": ["c1", "c2", "c3"], "rel": ["l1", "l2"]}
REVERSE = {"r2"}
SELF_ONLY = {"c3"}


def answer(rng, level, reverse):
    u = rng.random()
    if u < 0.05:
        return "na"
    if u < 0.10:
        return ""
    a = min(5, max(1, round(level + (rng.random() - 0.5) * 2.2)))
    return str(6 - a if reverse else a)


def main():
    rng = random.Random(20261115)
    columns = [i for ids in ITEMS.values() for i in ids]
    lines = ["respondent,perspective,group," + ",".join(columns) + ",nps"]
    for k in range(64):
        common = rng.random() * 2.0
        level = {d: 1.5 + common + rng.random() * 1.5 for d in ITEMS}
        cells = [answer(rng, level[d], i in REVERSE) if i not in SELF_ONLY else ""
                 for d, ids in ITEMS.items() for i in ids]
        nps = 1.2 * level["reach"] + 0.9 * level["rel"] + 0.3 * level["comp"] - 1.5 + rng.random() * 3.0
        nps = "" if rng.random() < 0.06 else str(min(10, max(0, round(nps))))
        lines.append(f"k{k},customer,," + ",".join(cells) + f",{nps}")
    for k in range(8):
        cells = [answer(rng, 4.0, i in REVERSE) for ids in ITEMS.values() for i in ids]
        lines.append(f"s{k},self,Team," + ",".join(cells) + f",{rng.randint(6, 10)}")
    target = pathlib.Path(__file__).parent / "answers" / "answers.csv"
    target.write_text("\n".join(lines) + "\n")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
