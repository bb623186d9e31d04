#!/usr/bin/env bash
# Every test: formatting, lints, the engine alone (it must not depend on any GUI crate),
# then the whole workspace.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/setup.sh

echo "== cargo fmt --check"
cargo fmt --all --check
echo "== cargo clippy"
cargo clippy --workspace --all-targets --quiet -- -D warnings
echo "== the engine builds without any GUI crate"
if cargo tree -p mingjing-engine --edges normal | grep -qiE '\btauri|wry|webkit'; then
  echo "mingjing-engine depends on a GUI crate" >&2
  exit 1
fi
echo "== tests"
cargo test --workspace --all-targets
