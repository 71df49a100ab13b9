#!/usr/bin/env bash
# fuzz.sh — build the libFuzzer targets with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and run each for a bounded time on its
# seed corpus.  A crash is saved as tests/fuzz/crash-NAME-*; make it a
# regression test by moving it to tests/fixtures/fuzz-regressions/NAME/
# (every build runs those through the target: fuzz-regress-NAME).
# Prints "fuzz-result: NAME ok" or "fuzz-result: NAME failed" for each.
# Usage: fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${FUZZ_BUILD_DIR:-$top/build-fuzz}"
seconds="${1:-30}"
shift || true

bash "$top/build-aux/install-deps.sh" >&2

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(cd "$top/tests/fuzz/corpus" && ls))
fi

fail_all () {
  for t in "${targets[@]}"; do
    echo "fuzz-result: $t failed"
  done
  exit 1
}

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null || fail_all
fi
ninja -C "$build" $(printf 'tests/fuzz/fuzz-%s ' "${targets[@]}") >&2 || fail_all

status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "$top/tests/fuzz/corpus/$t/." "$work/"
  echo "fuzz: $t for ${seconds}s"
  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
       G_SLICE=always-malloc \
       "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$top/tests/fuzz/crash-$t-" -print_final_stats=1 \
       "$work" > "$work.log" 2>&1; then
    tail -n 6 "$work.log"
    echo "fuzz-result: $t ok"
  else
    tail -n 40 "$work.log"
    echo "fuzz-result: $t failed"
    status=1
  fi
  rm -rf "$work" "$work.log"
done
exit $status
