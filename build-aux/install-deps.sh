#!/usr/bin/env bash
# install-deps.sh — install the Debian 12 packages Space Atlas needs to build,
# run and test.  Idempotent: only packages that are missing are installed.
# SPDX-License-Identifier: GPL-3.0-or-later
set -euo pipefail

packages=(
  # build
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libglib2.0-bin libgtk-4-dev libadwaita-1-dev
  libshumate-dev libjson-glib-dev
  # run time data; flags of countries are emoji; Chinese type for the
  # Chinese translation; locales for the translation tests
  iso-codes fonts-noto-color-emoji fonts-noto-cjk locales
  # validation and tests
  desktop-file-utils appstream xvfb xauth dbus dbus-x11
  # the accessibility test reads the app through AT-SPI
  at-spi2-core libatspi2.0-dev
  # screenshots and picture checks
  imagemagick xdotool poppler-utils libxml2-utils
  # fuzzing and sanitizers
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

sudo=""
if [ "$(id -u)" -ne 0 ]; then
  sudo="sudo"
fi

if [ ${#missing[@]} -ne 0 ]; then
  echo "install-deps: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# The locales of the translations, for their tests (dates use the C
# library's month names)
for loc in fr_FR ru_RU zh_CN; do
  if ! locale -a 2>/dev/null | grep -qi "^${loc}\.utf-\?8$"; then
    $sudo localedef -i "$loc" -f UTF-8 "${loc}.UTF-8" || echo "install-deps: could not make the ${loc}.UTF-8 locale" >&2
  fi
done
