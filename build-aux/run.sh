#!/usr/bin/env bash
# run.sh — install what is missing, build, and start Space Atlas on the
# bundled data set (or on the files given as arguments).
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${BUILD_DIR:-$top/build}"

bash "$top/build-aux/install-deps.sh"

if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" "$top"
fi
ninja -C "$build"

# Uninstalled: the settings schema is compiled in the build tree
export GSETTINGS_SCHEMA_DIR="$build/data${GSETTINGS_SCHEMA_DIR:+:$GSETTINGS_SCHEMA_DIR}"
exec "$build/app/space-atlas" "$@"
