#!/usr/bin/env bash
# Models benchmark: the whole large generated case (1,000,000 bank rows, 100,000 people,
# registries, contracts and every other kind, with planted cases listed in planted.tsv)
# imported into a new case, entities resolved, then every
# built-in model run once; prints the time of each step and of each model, and peak memory.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

data="${BENCH_DATA:-bench-data/large}"
target="${CARGO_TARGET_DIR:-target}"
cargo build --release --quiet -p mingjing-cli -p mingjing-sample-gen
[ -d "$data" ] || "$target/release/mingjing-sample" large --out "$data"
export MINGJING_PASSPHRASE=bench
case_file=$(mktemp -u --suffix=.mjcase)
measure() { /usr/bin/time -f "    elapsed %e s, peak RSS %M KB" "$@"; }
"$target/release/mingjing" case create "$case_file" >/dev/null
# The bank statement comes as xlsx and as csv with the same rows: import the xlsx only.
files=$(ls "$data"/*.xlsx "$data"/*.csv | grep -vE '流水.*\.csv$')
echo "== import $data (the bank statement as xlsx)"
# shellcheck disable=SC2086
measure "$target/release/mingjing" import --no-resolve "$case_file" $files 2>&1 | grep -E '^\S|elapsed' | grep -vE '^(校验|保存原件|读取|处理) '
echo "== resolve"
measure "$target/release/mingjing" resolve "$case_file" 2>&1 | grep -vE '^处理 '
echo "== models run (all built-in models)"
measure "$target/release/mingjing" models run "$case_file" 2>&1 | grep -vE '^处理 '
rm -f "$case_file" "$case_file-wal" "$case_file-shm"
