#!/usr/bin/env python3
# check-flatpak-manifest.py — the Flatpak manifest is JSON, names this
# application on the GNOME 47 runtime, builds libshumate (which the
# runtime lacks) and then this source tree with meson
#
# Usage: check-flatpak-manifest.py MANIFEST APP_ID SOURCE_ROOT
# SPDX-License-Identifier: GPL-3.0-or-later
import json
import os
import sys


def main():
    manifest_path, app_id, source_root = sys.argv[1:4]
    problems = []

    def expect(condition, message):
        if not condition:
            problems.append(message)

    try:
        with open(manifest_path, encoding="utf-8") as f:
            manifest = json.load(f)
    except (OSError, ValueError) as error:
        print(f"{manifest_path}: {error}")
        return 1

    expect(os.path.basename(manifest_path) == app_id + ".json",
           f"the manifest is not named after the application id ({app_id}.json)")
    expect(manifest.get("id") == app_id, f"id: {manifest.get('id')!r}, not {app_id!r}")
    expect(manifest.get("runtime") == "org.gnome.Platform",
           f"runtime: {manifest.get('runtime')!r}, not 'org.gnome.Platform'")
    expect(manifest.get("sdk") == "org.gnome.Sdk", f"sdk: {manifest.get('sdk')!r}, not 'org.gnome.Sdk'")
    expect(manifest.get("runtime-version") == "47",
           f"runtime-version: {manifest.get('runtime-version')!r}, not '47' (a string)")
    expect(manifest.get("command") == "space-atlas",
           f"command: {manifest.get('command')!r}, not 'space-atlas'")

    finish_args = manifest.get("finish-args", [])
    for arg in ("--share=ipc", "--socket=fallback-x11", "--socket=wayland",
                "--device=dri", "--share=network"):
        expect(arg in finish_args, f"finish-args lack {arg}")
    for arg in ("--socket=x11", "--filesystem=host", "--filesystem=home"):
        expect(arg not in finish_args, f"finish-args give {arg}, which the application does not need")

    modules = manifest.get("modules", [])
    names = [m.get("name") if isinstance(m, dict) else m for m in modules]
    expect("libshumate" in names, "no libshumate module (the GNOME runtime does not have it)")
    for name in ("gtk", "gtk4", "libadwaita", "json-glib", "iso-codes", "glib"):
        expect(name not in names, f"module {name} is in the GNOME runtime already")

    if "libshumate" in names:
        shumate = modules[names.index("libshumate")]
        expect(shumate.get("buildsystem") == "meson", "libshumate: buildsystem is not meson")
        sources = shumate.get("sources", [])
        expect(any(s.get("type") == "git" and "libshumate" in s.get("url", "")
                   and s.get("tag", "").startswith("1.")
                   for s in sources),
               "libshumate: no git source with a 1.x tag")

    if modules:
        app = modules[-1]
        expect(isinstance(app, dict) and app.get("name") == "space-atlas",
               "the last module is not space-atlas")
        if isinstance(app, dict):
            expect(app.get("buildsystem") == "meson", "space-atlas: buildsystem is not meson")
            dirs = [s for s in app.get("sources", []) if s.get("type") == "dir"]
            expect(len(dirs) == 1, "space-atlas: not built from one dir source")
            if dirs:
                path = os.path.join(os.path.dirname(os.path.abspath(manifest_path)), dirs[0].get("path", ""))
                expect(os.path.realpath(path) == os.path.realpath(source_root),
                       f"space-atlas: dir source {dirs[0].get('path')!r} is not the source tree")
    else:
        problems.append("no modules")

    for problem in problems:
        print(f"{manifest_path}: {problem}")
    if not problems:
        print(f"{manifest_path}: {app_id} on org.gnome.Platform 47 with {', '.join(names)}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
