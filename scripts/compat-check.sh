#!/usr/bin/env bash
# Dev aid: run tests/node-compat under atoll (polyfills read from the tree, no rebuild) with the
# harness's grants, and list the failures. CI runs the same files through `cargo test` (runtime/tests/node_compat.rs).
cd "$(dirname "$0")/.." || exit 1
root=$PWD
atoll=${ATOLL:-target/release/atoll}
pass=0; fail=0
for f in $(find tests/node-compat -name '*.test.mjs' -o -name '*.test.cjs' -o -name '*.test.js' | sort); do
  if [ -n "$1" ] && [[ "$f" != *"$1"* ]]; then continue; fi
  if out=$(cd "$(dirname "$f")" && TEST_TMPDIR=${TMPDIR:-/tmp} ATOLL_POLYFILLS_DIR=$root/polyfills timeout 10 "$OLDPWD/$atoll" run --allow-read="$root/tests/node-compat,${TMPDIR:-/tmp}" --allow-write="${TMPDIR:-/tmp}" --allow-env=TEST_TMPDIR "$(basename "$f")" 2>&1); then
    pass=$((pass+1))
  else
    fail=$((fail+1)); echo "FAIL $f"; echo "$out" | head -${LINES_SHOWN:-6} | sed 's/^/    /'
  fi
done
echo "$pass passed, $fail failed"
