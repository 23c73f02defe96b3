#!/usr/bin/env bash
# Builds the libFuzzer targets in fuzz/ and runs each for a bounded time (issue 7). CI runs it
# from scripts/test.sh; locally: scripts/fuzz.sh [SECONDS=20] [TARGET...]
#
# Plain cargo, no cargo-fuzz: fuzz/Cargo.toml instruments only atoll, wasi-bridge and the
# targets (profile rustflags), and the build shares ../target and the root Cargo.lock, so the
# dependencies the main release build compiled are reused. `profile-rustflags` is a nightly
# cargo feature; the channel override unlocks it on stable cargo without RUSTC_BOOTSTRAP,
# which some build scripts watch (setting it would rebuild most of the tree). rustc itself
# gets only stable flags.
# New corpus entries go to target/fuzz/<target>/ (the committed seeds in fuzz/corpus/ stay
# small); a crash leaves its input in target/fuzz/<target>/crash-* and fails the script.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-20}"
shift || true
all=(http_parser url_parse module_resolve encoding wasm_run js_wasm)
targets=("${@:-${all[@]}}")
root="$PWD"
cp Cargo.lock fuzz/Cargo.lock
# The root workspace's [patch.crates-io] path entries apply here too (same crates, same lock).
patches=()
while read -r name path; do
  patches+=(--config "patch.crates-io.$name.path=\"$root/$path\"")
done < <(awk '/^\[/ { on = ($0 == "[patch.crates-io]") } on && match($0, /^[A-Za-z0-9_-]+ *= *\{ *path *= *"[^"]+"/) {
  split($0, a, "\""); n = $1; print n, a[2] }' Cargo.toml)
(cd fuzz && __CARGO_TEST_CHANNEL_OVERRIDE_DO_NOT_USE_THIS=nightly CARGO_TARGET_DIR="$root/target" \
  cargo build --release --bins --quiet ${patches[@]+"${patches[@]}"})
failed=()
for t in "${targets[@]}"; do
  work="target/fuzz/$t"
  mkdir -p "$work/corpus"
  log="$work/log.txt"
  # stdin from /dev/null: wasm guests that read it get EOF instead of blocking.
  if target/release/"$t" "$work/corpus" "fuzz/corpus/$t" \
      -max_total_time="$secs" -timeout=20 -rss_limit_mb=4096 -close_fd_mask=1 \
      -artifact_prefix="$work/" -print_final_stats=1 </dev/null >"$log" 2>&1; then
    echo "fuzz $t: ok, $(grep -m1 -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$') runs in ${secs}s"
  else
    echo "fuzz $t: FAILED (input in $work/, log below)"
    grep -v '^atoll: ' "$log" | tail -40
    failed+=("$t")
  fi
done
if ((${#failed[@]})); then
  echo "fuzz targets that failed: ${failed[*]}"
  exit 1
fi
