#!/usr/bin/env bash
# fuzz.sh — build the libFuzzer targets with clang (AddressSanitizer and
# UndefinedBehaviorSanitizer on) and run each for a bounded time on its
# seed corpus.  A crash is saved as tests/fuzz/crash-*; turn it into a
# regression fixture.  Usage: fuzz.sh [SECONDS-PER-TARGET] [TARGET...]
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${FUZZ_BUILD_DIR:-$top/build-fuzz}"
seconds="${1:-30}"
shift || true

bash "$top/build-aux/install-deps.sh"

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$top" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false -Dbuildtype=debugoptimized >/dev/null || exit 1
fi
ninja -C "$build" $(cd "$top/tests/fuzz" && ls fuzz-*.c | sed 's/\.c$//; s|^|tests/fuzz/|') || exit 1

targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=($(cd "$top/tests/fuzz/corpus" && ls))
fi

status=0
for t in "${targets[@]}"; do
  work=$(mktemp -d)
  cp -r "$top/tests/fuzz/corpus/$t/." "$work/"
  echo "fuzz: $t for ${seconds}s"
  if ! ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
       G_SLICE=always-malloc \
       "$build/tests/fuzz/fuzz-$t" -max_total_time="$seconds" -max_len=65536 -timeout=10 \
       -rss_limit_mb=2048 -artifact_prefix="$top/tests/fuzz/crash-$t-" -print_final_stats=1 \
       "$work" 2>&1 | tail -n 12; then
    echo "fuzz: $t FAILED"
    status=1
  fi
  rm -rf "$work"
done
exit $status
