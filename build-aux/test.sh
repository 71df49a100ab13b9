#!/usr/bin/env bash
# test.sh — install what is missing, build, and run every test: model and
# I/O tests directly, widget tests under Xvfb.  Ends with one line
# "N passed, N failed".
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$top/build}"

bash "$top/build-aux/install-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top" || { echo "0 passed, 1 failed"; exit 1; }
fi
if ! ninja -C "$build"; then
  echo "0 passed, 1 failed"
  exit 1
fi

# One X server for all widget tests; a private session bus so that
# nothing talks to the user's.
rm -f "$build/meson-logs/testlog.json"
xvfb-run -a -s "-screen 0 1600x1200x24" \
  dbus-run-session -- \
  meson test -C "$build" --print-errorlogs --num-processes 2 "$@"
status=$?

summary=$(python3 - "$build/meson-logs/testlog.json" <<'PY'
import json, sys
passed = failed = skipped = 0
try:
    with open(sys.argv[1]) as f:
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
except OSError:
    failed += 1
if skipped:
    print(f"({skipped} skipped)")
print(f"{passed} passed, {failed} failed")
PY
)
echo "$summary"

case "$summary" in
  *", 0 failed") [ $status -eq 0 ] && exit 0 ;;
esac
exit 1
