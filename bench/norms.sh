#!/usr/bin/env bash
# Norms across a portfolio (bench/README.md, "Norms"): writes 1,000 synthetic assessments of
# 1,000 respondents each (980 customers in a CSV table, 20 staff answer files; writing them
# takes a few minutes and is not timed), then times `centricity norms` over all of them, and
# over the half of one industry, three runs each (release build, warm file cache).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet
bin=${CARGO_TARGET_DIR:-target}/release/centricity
work=${BENCH_DIR:-/tmp/centricity-bench}/norms
assessments=${ASSESSMENTS:-1000}
if [ ! -f "$work/portfolio/a$(printf %04d "$assessments")/assessment.toml" ]; then
  rm -rf "$work" && mkdir -p "$work/portfolio"
  for k in $(seq 1 "$assessments"); do
    dir="$work/portfolio/a$(printf %04d "$k")"
    "$bin" generate "$dir" --customers 980 --staff-files 20 2> /dev/null
    if [ $((k % 2)) -eq 0 ]; then industry=Handel; else industry=Industrie; fi
    printf 'industry = "%s"\nsize = "50-249"\n' "$industry" >> "$dir/assessment.toml"
  done
fi
cat "$work"/portfolio/*/answers/customers.csv > /dev/null   # a warm file cache
: > "$work/times.txt"
for run in 1 2 3; do
  /usr/bin/time -f "norms, $assessments assessments: %e s, %M KB peak memory" \
    "$bin" norms "$work/portfolio" -o "$work/norms.json" 2>> "$work/times.txt"
done
for run in 1 2 3; do
  /usr/bin/time -f "norms --industry Handel (half of them): %e s, %M KB peak memory" \
    "$bin" norms "$work/portfolio" -o "$work/norms-handel.json" --industry Handel 2>> "$work/times.txt"
done
grep "peak memory" "$work/times.txt"
echo "norms file: $(stat -c %s "$work/norms.json") bytes"
