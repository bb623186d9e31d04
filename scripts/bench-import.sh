#!/usr/bin/env bash
# Import benchmark: generates the large case if missing (1,000,000 bank rows), then times,
# in one run and side by side, the bare read of every cell (calamine / csv crate) and a
# full `mingjing import` into a new encrypted case, with peak memory for each.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh
command -v /usr/bin/time >/dev/null || { as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }; as_root apt-get install -y -qq time; }

data="${BENCH_DATA:-bench-data/large}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet -p mingjing-cli -p mingjing-sample-gen
cargo build --release --quiet -p mingjing-engine --example read_baseline
if [ ! -d "$data" ]; then
  "$target/release/mingjing-sample" large --out "$data"
fi
xlsx=$(ls "$data"/*.xlsx | grep -E '流水|bank' | head -1)
csv=$(ls "$data"/*.csv | grep -E '流水|bank' | head -1)
export MINGJING_PASSPHRASE=bench
measure() { /usr/bin/time -f "    elapsed %e s, peak RSS %M KB" "$@"; }
for file in "$xlsx" "$csv"; do
  format="${file##*.}"
  echo "== $format: $file ($(du -h "$file" | cut -f1))"
  echo "  bare read (${format}):"
  measure "$target/release/examples/read_baseline" "$format" "$file" | sed 's/^/    /'
  case_file=$(mktemp -u --suffix=.mjcase)
  "$target/release/mingjing" case create "$case_file" >/dev/null
  echo "  mingjing import:"
  measure "$target/release/mingjing" import --no-resolve "$case_file" "$file" 2>&1 | grep -vE '^(校验|保存原件|读取|处理) ' | sed 's/^/    /'
  echo "  mingjing resolve (entities and links from the imported rows):"
  measure "$target/release/mingjing" resolve "$case_file" 2>&1 | grep -vE '^(处理) ' | sed 's/^/    /'
  rm -f "$case_file" "$case_file-wal" "$case_file-shm"
done
