#!/usr/bin/env bash
# The main job on the sample case: build, create an encrypted case, import every sample
# extract, resolve people, companies and accounts, run the supervision models, and
# print the case's summary.
# The desktop app is not part of this build yet, so the same job runs headless.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

if [ -z "${DISPLAY:-}" ]; then
  echo "没有图形显示,以无界面方式运行同一任务 / no display: running the same job headless"
else
  echo "桌面应用尚未包含在此版本中,以无界面方式运行 / the desktop app is not in this build yet: running headless"
fi

cargo build --release -p mingjing-cli --quiet
bin="${CARGO_TARGET_DIR:-target}/release/mingjing"
case_dir="${CARGO_TARGET_DIR:-target}/demo"
case_file="$case_dir/sample.mjcase"
mkdir -p "$case_dir"
rm -f "$case_file" "$case_file-wal" "$case_file-shm"
if [ -z "${MINGJING_PASSPHRASE:-}" ]; then
  export MINGJING_PASSPHRASE="sample-case-demo"
  echo "演示口令 / demo passphrase: MINGJING_PASSPHRASE=$MINGJING_PASSPHRASE"
fi
"$bin" case create "$case_file"
"$bin" import "$case_file" sample-data/case/*
"$bin" models run "$case_file"
"$bin" case info "$case_file"
echo "案件文件 / case file: $case_file"
