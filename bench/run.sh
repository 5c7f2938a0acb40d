#!/usr/bin/env bash
# Reproduces bench/README.md in one run: builds the release binary and the csv floor,
# generates the synthetic assessments (1,000,000 and 3,000,000 customer rows, 10,000 TOML
# answer files), and times on the same files centricity (score, report, validate), a bare
# parse with the csv crate, and DuckDB, polars and pandas computing the same customer
# dimension scores, checked against centricity's JSON to 1e-9. Best of three each;
# `/usr/bin/time` gives wall time and peak memory (the Python tools time themselves,
# without their imports). Takes about five minutes.
#
#   bash bench/run.sh                 # everything
#   BEFORE=/tmp/centricity-before bash bench/run.sh   # also an older binary, interleaved
#   SKIP_3M=1 bash bench/run.sh       # without the 3,000,000 rows
set -euo pipefail
cd "$(dirname "$0")/.."
target=${CARGO_TARGET_DIR:-target}
cargo build --release --quiet
cargo build --release --quiet --example csv_floor
bin=$target/release/centricity
floor=$target/release/examples/csv_floor
work=${BENCH_DIR:-/tmp/centricity-bench}
python3 -m pip install --quiet duckdb polars pandas numpy 2>/dev/null \
  || python3 -m pip install --quiet --user duckdb polars pandas numpy

rm -rf "$work" && mkdir -p "$work"
$bin generate "$work/million" --customers 1000000 > /dev/null
[ -n "${SKIP_3M:-}" ] || $bin generate "$work/three" --customers 3000000 > /dev/null
$bin generate "$work/files" --customers 10 --staff-files 10000 > /dev/null
table=$work/million/answers/customers.csv
cat "$table" > /dev/null   # a warm file cache

# best (seconds, KB) of three runs of a command; its output goes to /dev/null
best() {
  local best_s=999999 best_kb=0
  for run in 1 2 3; do
    /usr/bin/time -f '%e %M' -o "$work/time" "$@" > /dev/null 2> "$work/stderr" || {
      cat "$work/stderr" >&2; return 1; }
    read -r s kb < "$work/time"
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

# best of three for a Python tool: the seconds it reports, and its peak memory
best_py() {
  local best_s=999999 best_kb=0
  for run in 1 2 3; do
    /usr/bin/time -f '%M' -o "$work/time" python3 "$@" > "$work/py.json"
    s=$(python3 -c "import json; print(round(json.load(open('$work/py.json'))['seconds'], 3))")
    kb=$(cat "$work/time")
    if awk "BEGIN{exit !($s < $best_s)}"; then best_s=$s; best_kb=$kb; fi
  done
  echo "$best_s $best_kb"
}

$bin score "$work/million" --format json > "$work/million.json"
declare -A result
result[score]=$(best $bin score "$work/million" --format json)
result[report]=$(best $bin report "$work/million" -o "$work/million.html")
result[validate]=$(best $bin validate "$work/million")
result[one]=$(CENTRICITY_THREADS=1 best $bin score "$work/million" --format json)
result[floor]=$(best $floor "$table")
result[duckdb]=$(best_py bench/dataframe_scores.py duckdb "$table" "$work/million.json")
result[polars]=$(best_py bench/dataframe_scores.py polars "$table" "$work/million.json")
result[pandas]=$(best_py bench/pandas_scores.py "$table" "$work/million.json")
result[files]=$(best $bin score "$work/files" --format json)
[ -n "${SKIP_3M:-}" ] || result[three]=$(best $bin score "$work/three" --format json)
if [ -n "${BEFORE:-}" ]; then
  # old and new alternately, five each, the best of each
  old=999999 new=999999
  for run in 1 2 3 4 5; do
    for which in old new; do
      b=$bin; [ $which = old ] && b=$BEFORE
      /usr/bin/time -f '%e' -o "$work/time" $b score "$work/million" --format json > /dev/null
      s=$(cat "$work/time")
      if [ $which = old ]; then awk "BEGIN{exit !($s < $old)}" && old=$s
      else awk "BEGIN{exit !($s < $new)}" && new=$s; fi
    done
  done
  echo "interleaved, score 1,000,000 rows, best of 5: before $old s, now $new s"
fi

read -r score_s score_kb <<< "${result[score]}"
row() { # label, key
  read -r s kb <<< "${result[$2]}"
  printf '| %s | %s s | %s MB | %s |\n' "$1" "$s" "$((kb / 1024))" \
    "$(awk "BEGIN{printf \"%.1f×\", $s / $score_s}")"
}
echo
echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem/{print $2}') GiB"
echo "1,000,000 customer rows, $(($(stat -c %s "$table") / 1000000)) MB; all agree to 1e-9"
echo
echo "| what | time (best of 3) | peak memory | time ÷ centricity score |"
echo "|---|---|---|---|"
row "centricity \`score --format json\`" score
row "centricity \`score\`, one thread (\`CENTRICITY_THREADS=1\`)" one
row "centricity \`report\`" report
row "centricity \`validate\`" validate
row "csv crate, bare parse, one thread (the floor)" floor
row "DuckDB $(python3 -c 'import duckdb; print(duckdb.__version__)'), both cores" duckdb
row "polars $(python3 -c 'import polars; print(polars.__version__)'), both cores" polars
row "pandas $(python3 -c 'import pandas; print(pandas.__version__)')" pandas
row "centricity \`score\`, 10,000 TOML files" files
if [ -z "${SKIP_3M:-}" ]; then
  row "centricity \`score\`, 3,000,000 rows" three
  read -r three_s three_kb <<< "${result[three]}"
  echo
  echo "3,000,000 rows: $(awk "BEGIN{printf \"%.2f\", $three_s / $score_s}")× the time of 1,000,000;" \
    "$(awk "BEGIN{printf \"%.1f\", ($three_kb - $score_kb) * 1024 / 2000000}") bytes more memory per extra respondent"
fi
echo "report size: $(stat -c %s "$work/million.html") bytes"
