#!/usr/bin/env python3
"""Expected "themes" of `centricity score --format json` for tests/reference/cases/themes.

An implementation of the rules in src/analysis/words.rs and src/analysis/themes.rs that
shares no code with them: its own tokenisation (a regular expression for the words of
UAX #29 that the comments use), the Snowball stemmers of the `snowballstemmer` package
(2.2.0: the same German algorithm as rust-stemmers; 3.x changed it), the stop lists read
from the files of the `stop-words` crate (NLTK's copies of the Snowball lists; found with
`cargo metadata`), and the weighted log-odds ratio with an informative Dirichlet prior
(Monroe, Colaresi & Quinn 2008, eq. 16-22) computed with numpy over the whole vocabulary.
tests/themes.rs compares the Rust output with the result to 1e-9.

Run: python3 tests/reference/themes.py   (writes tests/reference/expected_themes.json)
"""
import csv
import json
import pathlib
import re
import subprocess
import tomllib
import unicodedata

import numpy as np
import snowballstemmer

HERE = pathlib.Path(__file__).parent
CASE = HERE / "cases" / "themes"
TERMS_SHOWN, MIN_COUNT, Z_CRITICAL, QUOTES = 8, 2, 1.96, 2
EXTRA = {
    "de": {"beim", "mal", "schon", "erst", "ja", "eben", "halt", "eigentlich", "zwei", "drei",
           "vier", "fünf", "bzw", "usw", "z.b"},
    "en": {"also", "would", "could", "really", "even", "still", "one", "two", "three", "get",
           "got", "e.g"},
}
PART = r"[^\W_]+(?:['’.:][^\W_]+)*"
TOKEN = re.compile(PART + r"(?:-" + PART + r")*")


def stop_lists():
    meta = json.loads(subprocess.run(
        ["cargo", "metadata", "--format-version", "1", "--locked"],
        cwd=HERE.parent.parent, capture_output=True, text=True, check=True).stdout)
    crate = next(p for p in meta["packages"] if p["name"] == "stop-words")
    nltk = pathlib.Path(crate["manifest_path"]).parent / "src" / "nltk"
    return {code: {w for w in (nltk / name).read_text(encoding="utf-8").split("\n") if w} | EXTRA[code]
            for code, name in (("de", "german"), ("en", "english"))}


STOP = stop_lists()
STEMMERS = {"de": snowballstemmer.stemmer("german"), "en": snowballstemmer.stemmer("english")}


def words(text, lang):
    """(written, lower, stem, counted, initial, after_break) for each word, in order."""
    found, last_end = [], 0
    initial, after_break = True, False
    for m in TOKEN.finditer(text):
        gap = text[last_end:m.start()]
        last_end = m.end()
        if gap.strip() or "\n" in gap:
            after_break = True
        if any(c in gap for c in ".!?…\n"):
            initial = True
        token = m.group()
        if not any(c.isalpha() for c in token):
            after_break = True
            continue
        lower = unicodedata.normalize("NFC", token.lower().replace("’", "'"))
        stem = STEMMERS[lang].stemWord(lower)
        counted = len(lower) > 1 and lower not in STOP[lang]
        found.append((token, lower, stem, counted, initial, after_break))
        initial, after_break = False, False
    return found


def spelled(word, lang):
    written, _, _, _, initial, _ = word
    letters = [c for c in written if c.isalpha()]
    shouting = len(letters) > 1 and not any(c.islower() for c in written)
    if initial and lang == "en" and not shouting:
        return written[0].lower() + written[1:]
    return written


def terms(text, lang):
    result, seen, previous = [], set(), None
    for w in words(text, lang):
        if w[5]:
            previous = None
        if not w[3]:
            continue
        if previous is not None:
            key = previous[2] + " " + w[2]
            if key not in seen:
                seen.add(key)
                result.append((key, spelled(previous, lang) + " " + w[0]))
        if w[2] not in seen:
            seen.add(w[2])
            result.append((w[2], spelled(w, lang)))
        previous = w
    return result


def readable(spellings):
    def shouting(s):
        return len([c for c in s if c.isalpha()]) > 1 and not any(c.islower() for c in s)
    ranked = sorted(spellings.items(), key=lambda kv: (-kv[1], kv[0]))
    calm = [s for s, _ in ranked if not shouting(s)]
    if calm:
        return calm[0]
    s = ranked[0][0]
    return s.lower() if any(len(w) > 4 for w in s.split(" ")) else s


class Bucket:
    def __init__(self):
        self.comments, self.writers, self.counts, self.total = 0, 0, {}, 0

    def add(self, found):
        self.comments += 1
        self.total += len(found)
        for key, _ in found:
            self.counts[key] = self.counts.get(key, 0) + 1


def matchers(themes):
    """Per theme: (language, stems, prefix) of each word or phrase."""
    result = []
    for t, theme in enumerate(themes.values()):
        entries = theme["words"]
        lists = [(l, entries) for l in ("de", "en")] if isinstance(entries, list) else list(entries.items())
        for lang, lst in lists:
            for entry in lst:
                text = " ".join(entry.split())
                prefix = text.endswith("*")
                text = text.rstrip("*").strip().lower()
                parts = words(text, lang)
                stems = [p[2] for p in parts]
                last = None
                if prefix:
                    stems.pop()
                    last = parts[-1][1]
                result.append((t, lang, stems, last))
    return result


def matches(stems, prefix, ws):
    n = len(stems) + (prefix is not None)
    for i in range(len(ws) - n + 1):
        window = ws[i:i + n]
        if all(w[2] == s for w, s in zip(window, stems)) and (prefix is None or window[-1][1].startswith(prefix)):
            return True
    return False


def main():
    assessment = tomllib.loads((CASE / "assessment.toml").read_text())
    questionnaire = tomllib.loads((CASE / assessment["questionnaire"]).read_text())
    themes = tomllib.loads((CASE / "themes.toml").read_text())["themes"]
    minimum = assessment["min_group_size"]
    dims = [d["id"] for d in questionnaire["dimensions"]]
    dim_of = {i["id"]: dims.index(i["dimension"]) for i in questionnaire["items"]}
    match = matchers(themes)
    spellings = {}
    sides = {p: {"dims": [Bucket() for _ in dims], "all": Bucket(), "detr": Bucket(), "prom": Bucket(),
                 "themes": [[0, 0] for _ in themes], "nps": 0} for p in ("self", "customer")}
    with (CASE / "answers" / "answers.csv").open(newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        side = sides[row["perspective"]]
        lang = row.get("language") or assessment["language"]
        nps = row.get("nps", "").strip()
        group = None
        if nps not in ("", "na"):
            side["nps"] += 1
            group = "detr" if int(nps) <= 6 else "prom" if int(nps) >= 9 else None
        comments = [(k[len("comment:"):], v) for k, v in row.items() if k.startswith("comment:") and v.strip()]
        if not comments:
            continue
        wrote, named = set(), set()
        for item, text in comments:
            found = terms(text, lang)
            for key, spelling in found:
                spellings.setdefault(key, {})
                spellings[key][spelling] = spellings[key].get(spelling, 0) + 1
            if item in dim_of:
                side["dims"][dim_of[item]].add(found)
                wrote.add(dim_of[item])
            side["all"].add(found)
            if group:
                side[group].add(found)
            ws = words(text, lang)
            hit = {t for t, l, stems, prefix in match if l == lang and matches(stems, prefix, ws)}
            for t in hit:
                side["themes"][t][0] += 1
            named |= hit
        for d in wrote:
            side["dims"][d].writers += 1
        for t in named:
            side["themes"][t][1] += 1
        side["all"].writers += 1
        if group:
            side[group].writers += 1

    def show(key):
        return readable(spellings[key])

    out = {}
    for p, side in sides.items():
        dimensions = []
        for d, bucket in zip(dims, side["dims"]):
            terms_ = None
            if bucket.writers >= minimum and bucket.writers > 0:
                ranked = sorted(((k, c) for k, c in bucket.counts.items() if c >= MIN_COUNT), key=lambda kc: (-kc[1], kc[0]))
                terms_ = [{"term": show(k), "count": c} for k, c in ranked[:TERMS_SHOWN]]
            dimensions.append({"id": d, "comments": bucket.comments, "respondents": bucket.writers, "terms": terms_})
        detr, prom, every = side["detr"], side["prom"], side["all"]
        lists = {"detractors": None, "promoters": None}
        if side["nps"] > 0 and min(detr.writers, prom.writers) >= max(minimum, 1):
            vocab = sorted(set(detr.counts) | set(prom.counts))
            y_i = np.array([detr.counts.get(w, 0) for w in vocab], dtype=float)
            y_j = np.array([prom.counts.get(w, 0) for w in vocab], dtype=float)
            y_all = np.array([every.counts.get(w, 0) for w in vocab], dtype=float)
            alpha_0 = float(len(every.counts))             # the vocabulary of the perspective
            alpha_w = alpha_0 * y_all / float(every.total)  # the corpus's shares, scaled to alpha_0
            n_i, n_j = float(detr.total), float(prom.total)
            delta = (np.log((y_i + alpha_w) / (n_i + alpha_0 - y_i - alpha_w))
                     - np.log((y_j + alpha_w) / (n_j + alpha_0 - y_j - alpha_w)))
            z = delta / np.sqrt(1.0 / (y_i + alpha_w) + 1.0 / (y_j + alpha_w))
            for name, sign in (("detractors", 1.0), ("promoters", -1.0)):
                ranked = sorted(zip(vocab, sign * z), key=lambda wz: (-wz[1], wz[0]))
                lists[name] = [{"term": show(w), "z": float(v)} for w, v in ranked if v > Z_CRITICAL][:TERMS_SHOWN]
        out[p] = {
            "dimensions": dimensions,
            "detractor_comments": detr.comments,
            "promoter_comments": prom.comments,
            **lists,
            "dictionary": [{"theme": name, "comments": count if writers >= minimum else None}
                           for name, (count, writers) in zip(themes, side["themes"])],
        }
    (HERE / "expected_themes.json").write_text(json.dumps({"themes": out}, indent=1, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
