#!/usr/bin/env python3
# check-screenshots.py — the screenshots the metainfo names are in the
# repository, at the path their URL gives, as real PNG pictures of a
# useful size, one of them the default, each with a caption.
#
# usage: check-screenshots.py METAINFO SOURCE_ROOT
#
# SPDX-License-Identifier: GPL-3.0-or-later

import struct
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

PREFIX = 'https://raw.githubusercontent.com/spaceatlas/space-atlas/main/'


def fail(message):
    print(f'check-screenshots: {message}', file=sys.stderr)
    sys.exit(1)


def png_size(path):
    data = path.read_bytes()[:24]
    if len(data) < 24 or data[:8] != b'\x89PNG\r\n\x1a\n' or data[12:16] != b'IHDR':
        fail(f'{path}: not a PNG picture')
    return struct.unpack('>II', data[16:24])


def main():
    metainfo, root = Path(sys.argv[1]), Path(sys.argv[2])
    screenshots = ET.parse(metainfo).getroot().findall('./screenshots/screenshot')
    if not screenshots:
        fail(f'{metainfo}: no screenshots')

    defaults = [s for s in screenshots if s.get('type') == 'default']
    if len(defaults) != 1:
        fail(f'{metainfo}: {len(defaults)} default screenshots, not one')

    for screenshot in screenshots:
        image = screenshot.findtext('image', '').strip()
        caption = screenshot.findtext('caption', '').strip()
        if not caption:
            fail(f'{image}: no caption')
        if not image.startswith(PREFIX):
            fail(f'{image}: not a URL under {PREFIX}')
        path = root / image[len(PREFIX):]
        if not path.is_file():
            fail(f'{image}: {path} is not in the repository')
        width, height = png_size(path)
        if width < 560 or height < 400:
            fail(f'{path}: {width}×{height} is too small to show anything')
        print(f'ok {path.relative_to(root)} {width}×{height} “{caption}”')


main()
