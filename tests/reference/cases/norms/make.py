#!/usr/bin/env python3
"""Writes the synthetic portfolio of tests/norms.rs (portfolio/): 14 small assessments of the
built-in questionnaire, each company with its own level, so that the norms have a spread.

Anonymity probes: every client, wave label, group and comment carries a word that must never
reach a norms file (`Geheim AG`, `Zauberwort`, `Flamingo`, `Pinguin`).
Shapes: a14 asks no staff (self-view n = 13); a09..a14 leave out `reach.hours` (its norms
have n = 8 and are left out); industries Handel (a01..a10) and Industrie (a11..a14); sizes
alternate 10-49 and 50-249.

Run: python3 tests/reference/cases/norms/make.py   (rewrites portfolio/; seeded)
"""
import pathlib
import random
import shutil

HERE = pathlib.Path(__file__).parent
OUT = HERE / "portfolio"
ITEMS = {
    "reachability": ["reach.channels", "reach.hours", "reach.response-time", "reach.right-person", "reach.transfers"],
    "friendliness": ["friend.courtesy", "friend.listening", "friend.empathy", "friend.valued", "friend.processes"],
    "competence": ["comp.product-knowledge", "comp.understands-needs", "comp.advice", "comp.first-time", "comp.repeat-explain"],
    "reliability": ["rel.promises", "rel.delivery-partner", "rel.prices", "rel.honest-limits", "rel.callbacks"],
    "delight": ["delight.proactive", "delight.personal", "delight.surprise", "delight.extra-mile", "delight.tell-others"],
}
REVERSE = {"reach.transfers", "comp.repeat-explain"}


def answer(rng, mean, reverse):
    u = rng.random()
    if u < 0.04:
        return "na"
    if u < 0.08:
        return ""
    value = mean + rng.gauss(0, 0.9)
    if reverse:
        value = 6 - value
    return str(max(1, min(5, round(value))))


def main():
    rng = random.Random(15)
    if OUT.exists():
        shutil.rmtree(OUT)
    for k in range(1, 15):
        folder = OUT / f"a{k:02d}"
        (folder / "answers").mkdir(parents=True)
        client = "Geheim AG" if k == 1 else f"Geheim Kunde {k} Zauberwort GmbH"
        (folder / "assessment.toml").write_text(
            f'client = "{client}"\nwave = "Frühjahr Zauberwort {k}"\n'
            f"date = 2025-{(k % 12) + 1:02d}-{10 + k:02d}\n"
            'language = "de"\nquestionnaire = "customer-centricity"\n'
            f'industry = "{"Handel" if k <= 10 else "Industrie"}"\n'
            f'size = "{"10-49" if k % 2 else "50-249"}"\n',
            encoding="utf-8")
        level = 2.4 + rng.random() * 1.6      # the company's customers
        belief = level + rng.random() * 1.2   # what its staff believe
        dims = {d: rng.gauss(0, 0.35) for d in ITEMS}
        items = [i for d in ITEMS for i in ITEMS[d] if not (k >= 9 and i == "reach.hours")]
        for who, mean, count in (("customer", level, 6 + k % 5), ("self", belief, 0 if k == 14 else 3 + k % 3)):
            if count == 0:
                continue
            header = ["respondent", "perspective", "group"] + items + ["nps", "comment:reach.channels"]
            rows = [",".join(header)]
            for r in range(count):
                cells = [f"{who[0]}{r}", who, "Abteilung Flamingo" if r % 2 else "Segment Flamingo"]
                for d in ITEMS:
                    for i in ITEMS[d]:
                        if i in items:
                            cells.append(answer(rng, mean + dims[d], i in REVERSE))
                cells.append(str(max(0, min(10, round(mean * 2 + rng.gauss(0, 2))))))
                cells.append("Kommentar Pinguin sagt Hallo" if r == 0 else "")
                rows.append(",".join(cells))
            (folder / "answers" / f"{who}.csv").write_text("\n".join(rows) + "\n", encoding="utf-8")


main()
