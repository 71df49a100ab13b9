#!/usr/bin/env bash
# test.sh — install what is missing, build, and run every test: model and
# I/O tests directly, widget tests under Xvfb; then the same model, cli
# and widget tests again in a build with AddressSanitizer and
# UndefinedBehaviorSanitizer; then each libFuzzer target for a bounded
# time.  Ends with one line "N passed, N failed" that counts every test
# of both builds and every fuzz target.
#
# Environment: BUILD_DIR, ASAN_BUILD_DIR, FUZZ_BUILD_DIR (build folders),
# ATLAS_TEST_SANITIZERS=0 or ATLAS_TEST_FUZZ=0 to leave those parts out,
# ATLAS_FUZZ_SECONDS (20 by default) for each fuzz target.  Arguments go
# to the first `meson test`.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$top/build}"
asan_build="${ASAN_BUILD_DIR:-$top/build-asan}"
fuzz_seconds="${ATLAS_FUZZ_SECONDS:-20}"
logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
setup_failures=0

bash "$top/build-aux/install-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

# One X server for all widget tests; a private session bus so that
# nothing talks to the user's.  -noreset: by default Xvfb resets itself
# whenever its last client leaves, and a test that connects during that
# reset is refused ("cannot open display"), which happens when one test
# ends just as the next starts.
run_meson_test () {
  xvfb-run -a -s "-screen 0 1600x1200x24 -noreset" \
    dbus-run-session -- \
    meson test "$@"
}

# 1. The tests
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" || { echo "0 passed, 1 failed"; exit 1; }
fi
if ! ninja -C "$build"; then
  echo "0 passed, 1 failed"
  exit 1
fi

rm -f "$build/meson-logs/testlog.json"
start=$(date +%s)
run_meson_test -C "$build" --print-errorlogs --num-processes 2 "$@"
cp "$build/meson-logs/testlog.json" "$logs/tests.json" 2>/dev/null || setup_failures=$((setup_failures + 1))
echo "test: the tests took $(( $(date +%s) - start )) s"

# 2. The same under AddressSanitizer and UndefinedBehaviorSanitizer (gcc).
# Leaks are errors, but those inside system libraries listed in
# tests/lsan.supp; undefined behaviour stops the test.
if [ "${ATLAS_TEST_SANITIZERS:-1}" != 0 ]; then
  start=$(date +%s)
  if [ ! -f "$asan_build/build.ninja" ]; then
    meson setup "$asan_build" "$top" -Db_sanitize=address,undefined -Db_lundef=false \
      -Dbuildtype=debugoptimized >/dev/null || setup_failures=$((setup_failures + 1))
  fi
  if ninja -C "$asan_build" >"$logs/asan-build.txt" 2>&1; then
    rm -f "$asan_build/meson-logs/testlog.json"
    ASAN_OPTIONS=detect_leaks=1:fast_unwind_on_malloc=0:strict_string_checks=1:detect_stack_use_after_return=1 \
    LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0" \
    UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
    G_SLICE=always-malloc \
    ATLAS_KILL_ITERATIONS=10 \
    ATLAS_TEST_SLOWDOWN=5 \
      run_meson_test -C "$asan_build" --suite model --suite cli --suite ui \
        --print-errorlogs --num-processes 2 --timeout-multiplier 4
    cp "$asan_build/meson-logs/testlog.json" "$logs/asan.json" 2>/dev/null ||
      setup_failures=$((setup_failures + 1))
  else
    tail -n 40 "$logs/asan-build.txt"
    echo "test: the sanitizer build failed"
    setup_failures=$((setup_failures + 1))
  fi
  echo "test: the sanitizer build and its tests took $(( $(date +%s) - start )) s"
fi

# 3. Each fuzz target for a while, from its seed corpus (clang, libFuzzer)
if [ "${ATLAS_TEST_FUZZ:-1}" != 0 ]; then
  start=$(date +%s)
  bash "$top/build-aux/fuzz.sh" "$fuzz_seconds" | tee "$logs/fuzz.txt"
  echo "test: fuzzing took $(( $(date +%s) - start )) s"
fi

summary=$(python3 - "$logs" "$setup_failures" <<'PY'
import json, os, sys
logs, setup_failures = sys.argv[1], int(sys.argv[2])
passed = skipped = 0
failed = setup_failures
for name in ("tests.json", "asan.json"):
    path = os.path.join(logs, name)
    if not os.path.exists(path):
        continue
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line:
                continue
            result = json.loads(line).get("result")
            if result in ("OK", "EXPECTEDFAIL"):
                passed += 1
            elif result == "SKIP":
                skipped += 1
            else:
                failed += 1
fuzz = os.path.join(logs, "fuzz.txt")
if os.path.exists(fuzz):
    with open(fuzz) as f:
        for line in f:
            if line.startswith("fuzz-result: "):
                if line.split()[2] == "ok":
                    passed += 1
                else:
                    failed += 1
if skipped:
    print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
PY
)
echo "$summary"

case "$summary" in
  *", 0 failed") exit 0 ;;
esac
exit 1
