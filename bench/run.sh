#!/usr/bin/env bash
# Reproduces bench/README.md: builds the release binary, writes the synthetic assessments
# and times centricity (and pandas, for comparison) on them. Takes a few minutes.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=target/release/centricity
work=${BENCH_DIR:-/tmp/centricity-bench}
rm -rf "$work" && mkdir -p "$work"
$bin generate "$work/million" --customers 1000000
$bin generate "$work/files" --customers 10 --staff-files 10000
cat "$work/million/answers/customers.csv" > /dev/null   # a warm file cache

measure() { # name, command…
  local name=$1; shift
  for run in 1 2 3; do
    /usr/bin/time -f "$name: %e s, %M KB peak memory" "$@" > /dev/null 2>> "$work/times.txt"
  done
}
: > "$work/times.txt"
measure "score, 1,000,000 rows" $bin score "$work/million" --format json
measure "report, 1,000,000 rows" $bin report "$work/million" -o "$work/million.html"
measure "score, 10,000 TOML files" $bin score "$work/files" --format json
$bin score "$work/million" --format json > "$work/million.json"
for run in 1 2 3; do
  python3 bench/pandas_scores.py "$work/million/answers/customers.csv" "$work/million.json" >> "$work/pandas.txt"
done
grep -E "rows|files" "$work/times.txt" | grep -v "^wrote"
echo "pandas (read_csv + the same dimension scores), seconds:"
python3 -c "import json,sys; print([round(json.loads(l)['seconds'], 2) for l in open('$work/pandas.txt')])"
echo "report size: $(stat -c %s "$work/million.html") bytes"
