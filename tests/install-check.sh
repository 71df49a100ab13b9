#!/usr/bin/env bash
# install-check.sh — `meson install` into a fresh prefix, then run Space
# Atlas from there, as a packager or a user would find it
#
# Usage: install-check.sh SOURCE_ROOT WORK_DIR
#
# WORK_DIR/build is a build of SOURCE_ROOT configured with
# --prefix=WORK_DIR/prefix.  It is kept between runs, so that only what
# changed is compiled again; the prefix is emptied before each install.
# A build folder installed with DESTDIR would not do: its binary looks for
# translations under the prefix it was configured with, and meson skips
# the post-install steps (compiling the settings schemas) under DESTDIR.
#
# Prints TAP.  What failed is left in WORK_DIR/prefix to look at.
# SPDX-License-Identifier: GPL-3.0-or-later
set -uo pipefail

if [ $# -ne 2 ]; then
  echo "usage: $0 SOURCE_ROOT WORK_DIR" >&2
  exit 2
fi

src=$(cd "$1" && pwd)
mkdir -p "$2"
work=$(cd "$2" && pwd)
build="$work/build"
prefix="$work/prefix"
scratch="$work/scratch"
log="$work/log.txt"
app_id=io.github.spaceatlas.SpaceAtlas

n=0
failed=0

ok () {
  n=$((n + 1))
  echo "ok $n - $1"
}

not_ok () {
  n=$((n + 1))
  failed=$((failed + 1))
  echo "not ok $n - $1"
  shift
  for line in "$@"; do
    printf '%s\n' "$line" | sed 's/^/#   /'
  done
}

skip () {
  n=$((n + 1))
  echo "ok $n - $1 # SKIP $2"
}

# check DESCRIPTION COMMAND…: ok when COMMAND succeeds; its output is
# shown only when it fails
check () {
  local what="$1" out
  shift
  if out=$("$@" 2>&1); then
    ok "$what"
  else
    not_ok "$what" "\$ $*" "$out"
  fi
}

check_file () {
  if [ -f "$prefix/$1" ]; then
    ok "installed: $1"
  else
    not_ok "installed: $1" "missing: $prefix/$1"
  fi
}

bail_out () {
  echo "Bail out! $1"
  if [ -f "$log" ]; then
    tail -n 30 "$log" | sed 's/^/# /'
    echo "# (the whole log: $log)"
  fi
  exit 1
}

# The installed program, with nothing from the build tree around it: its
# settings schemas are the installed ones, and no display is needed
run_installed () {
  (cd "$scratch" &&
   env -u DISPLAY -u WAYLAND_DISPLAY \
     GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas" \
     GSETTINGS_BACKEND=memory \
     G_DEBUG=fatal-criticals \
     LC_ALL=C.UTF-8 \
     "$@")
}

: >"$log"

# 1. Configure (once) and build what gets installed; the rest — tests,
# benchmarks — is not needed here
stamp="$work/meson-version"
if [ ! -f "$build/build.ninja" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$(meson --version)" ]; then
  rm -rf "$build"
  meson setup "$build" "$src" --prefix="$prefix" --buildtype=plain \
    --wrap-mode=nodownload >>"$log" 2>&1 ||
    bail_out "meson setup --prefix=$prefix failed"
  meson --version >"$stamp"
fi

targets=$(meson introspect "$build" --targets | python3 -c '
import json, os, sys
build = sys.argv[1]
for target in json.load(sys.stdin):
    if target.get("installed"):
        for name in target["filename"]:
            print(os.path.relpath(name, build))
' "$build") || bail_out "meson introspect --targets failed"
# shellcheck disable=SC2086  # one target a word
ninja -C "$build" $targets >>"$log" 2>&1 ||
  bail_out "building the installed targets failed"

# 2. Install into an empty prefix; the post-install steps run
rm -rf "$prefix" "$scratch"
mkdir -p "$scratch"
meson install -C "$build" --no-rebuild >>"$log" 2>&1 ||
  bail_out "meson install failed"
ok "meson install into $prefix"

version=$(meson introspect "$build" --projectinfo |
          python3 -c 'import json, sys; print(json.load(sys.stdin)["version"])')
mapfile -t languages < <(sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$src/po/LINGUAS")

# 3. The files
if [ -x "$prefix/bin/space-atlas" ]; then
  ok "installed: bin/space-atlas"
else
  bail_out "no executable $prefix/bin/space-atlas"
fi
check_file "share/applications/$app_id.desktop"
check_file "share/metainfo/$app_id.metainfo.xml"
check_file "share/glib-2.0/schemas/$app_id.gschema.xml"
check_file "share/icons/hicolor/scalable/apps/$app_id.svg"
check_file "share/icons/hicolor/symbolic/apps/$app_id-symbolic.svg"
for name in partnerships.json organizations.json; do
  check "installed: share/space-atlas/$name, the same as data/$name" \
    cmp "$src/data/$name" "$prefix/share/space-atlas/$name"
done
if [ ${#languages[@]} -eq 0 ]; then
  not_ok "po/LINGUAS names languages" "po/LINGUAS is empty"
fi
for lang in "${languages[@]}"; do
  check_file "share/locale/$lang/LC_MESSAGES/space-atlas.mo"
done

# 4. The post-install steps ran: settings schemas compiled, and the
# caches of icons and desktop files updated when their tools exist
check_file "share/glib-2.0/schemas/gschemas.compiled"
# shellcheck disable=SC2016  # expanded by the inner shell
check "the compiled schemas hold $app_id" \
  bash -c 'keys=$(gsettings --schemadir "$1" list-keys "$2") && [ -n "$keys" ]' _ \
  "$prefix/share/glib-2.0/schemas" "$app_id"
if command -v gtk4-update-icon-cache >/dev/null || command -v gtk-update-icon-cache >/dev/null; then
  check_file "share/icons/hicolor/icon-theme.cache"
else
  skip "icon cache" "no gtk-update-icon-cache"
fi
if command -v update-desktop-database >/dev/null; then
  check_file "share/applications/mimeinfo.cache"
else
  skip "desktop database" "no update-desktop-database"
fi

# 5. Desktop file and metainfo: valid, and naming what was installed
desktop="$prefix/share/applications/$app_id.desktop"
metainfo="$prefix/share/metainfo/$app_id.metainfo.xml"
if command -v desktop-file-validate >/dev/null; then
  check "desktop-file-validate the installed desktop file" desktop-file-validate "$desktop"
else
  skip "desktop-file-validate" "not installed"
fi
if command -v appstreamcli >/dev/null; then
  check "appstreamcli validate --no-net the installed metainfo" \
    appstreamcli validate --no-net "$metainfo"
else
  skip "appstreamcli validate" "not installed"
fi
exec_name=$(sed -n 's/^Exec=\([^ ]*\).*/\1/p' "$desktop" | head -n 1)
if [ -n "$exec_name" ] && [ -x "$prefix/bin/$exec_name" ]; then
  ok "the desktop file's Exec ($exec_name) is installed in bin/"
else
  not_ok "the desktop file's Exec is installed in bin/" "Exec=$exec_name"
fi
icon_name=$(sed -n 's/^Icon=//p' "$desktop" | head -n 1)
if [ -n "$icon_name" ] && [ -f "$prefix/share/icons/hicolor/scalable/apps/$icon_name.svg" ]; then
  ok "the desktop file's Icon ($icon_name) is installed"
else
  not_ok "the desktop file's Icon is installed" "Icon=$icon_name"
fi
if grep -q "<launchable type=\"desktop-id\">$app_id.desktop</launchable>" "$metainfo"; then
  ok "the metainfo launches the installed desktop file"
else
  not_ok "the metainfo launches the installed desktop file" \
    "no <launchable type=\"desktop-id\">$app_id.desktop</launchable> in $metainfo"
fi

# 6. The installed program
bin="$prefix/bin/space-atlas"
out=$(run_installed "$bin" --version 2>&1)
if [ "$out" = "Space Atlas $version" ]; then
  ok "space-atlas --version: $out"
else
  not_ok "space-atlas --version prints 'Space Atlas $version'" "it printed: $out"
fi

if out=$(run_installed "$bin" --help 2>&1) && grep -q -e '--check' <<<"$out"; then
  ok "space-atlas --help"
else
  not_ok "space-atlas --help exits with 0 and names --check" "$out"
fi

data="$prefix/share/space-atlas/partnerships.json"
if out=$(run_installed "$bin" --check "$data" 2>&1) && [ -z "$out" ]; then
  ok "space-atlas --check on the installed data set"
else
  not_ok "space-atlas --check on the installed data set: no problems, exit 0" "$out"
fi

printf '{"format": "space-atlas", "version": 1, "records": [{"id": "x"}]}\n' >"$scratch/broken.json"
out=$(run_installed "$bin" --check "$scratch/broken.json" 2>&1)
status=$?
if [ $status -eq 1 ] && grep -q 'broken.json' <<<"$out"; then
  ok "space-atlas --check finds the problems of a broken file"
else
  not_ok "space-atlas --check on a broken file: its problems, exit 1" "exit $status" "$out"
fi

# GeoJSON places each record on its countries through the world map that
# the binary carries in its resources
if out=$(run_installed "$bin" --convert "$data" "$scratch/records.geojson" 2>&1) &&
   features=$(python3 -c '
import json, sys
collection = json.load(open(sys.argv[1]))
points = [f for f in collection["features"] if f["geometry"]["type"] == "Point"]
assert points, "no Point features"
print(len(points))
' "$scratch/records.geojson" 2>&1); then
  ok "space-atlas --convert the installed data set to GeoJSON ($features points on the world map)"
else
  not_ok "space-atlas --convert the installed data set to GeoJSON" "$out" "${features:-}"
fi

# 7. Translations, found where the program was configured to look: its
# --help in each language says what the installed catalogue says
for lang in "${languages[@]}"; do
  mo="$prefix/share/locale/$lang/LC_MESSAGES/space-atlas.mo"
  [ -f "$mo" ] || continue
  expected=$(python3 -c '
import gettext, sys
print(gettext.GNUTranslations(open(sys.argv[1], "rb")).gettext(sys.argv[2]))
' "$mo" "Show the version and exit" 2>&1)
  if [ "$expected" = "Show the version and exit" ]; then
    not_ok "$lang: the catalogue translates 'Show the version and exit'" "untranslated in $mo"
    continue
  fi
  out=$(run_installed env LANGUAGE="$lang" "$bin" --help 2>&1)
  if grep -q -F -e "$expected" <<<"$out"; then
    ok "$lang: space-atlas --help is translated"
  else
    not_ok "$lang: space-atlas --help says '$expected'" "$out"
  fi
done

# 8. The window opens and stays open, with the installed schemas, on a
# private session bus (so that a running Space Atlas is not asked instead)
if [ -n "${DISPLAY:-}" ] && command -v dbus-run-session >/dev/null; then
  out=$(cd "$scratch" &&
        GSETTINGS_SCHEMA_DIR="$prefix/share/glib-2.0/schemas" GSETTINGS_BACKEND=memory \
        G_DEBUG=fatal-criticals GSK_RENDERER=cairo GTK_A11Y=none NO_AT_BRIDGE=1 \
        LC_ALL=C.UTF-8 \
        dbus-run-session -- timeout 4 "$bin" 2>&1)
  status=$?
  if [ $status -eq 124 ]; then
    ok "the installed space-atlas opens its window and keeps it open"
  else
    not_ok "the installed space-atlas opens its window and keeps it open" \
      "it exited with $status before being stopped" "$out"
  fi
else
  skip "the installed space-atlas opens its window" "no X display"
fi

echo "1..$n"
if [ $failed -ne 0 ]; then
  echo "# $failed of $n checks failed; the installed tree is in $prefix, the build log in $log"
  exit 1
fi
exit 0
