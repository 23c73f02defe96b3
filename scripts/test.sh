#!/usr/bin/env bash
# The test command (README and .ci/run): one release build, then every test on it.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --locked
cargo test --release --locked --workspace --no-fail-fast
# Every fuzz target for a bounded time (scripts/fuzz.sh; the build reuses the release deps).
scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
