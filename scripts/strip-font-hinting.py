#!/usr/bin/env python3
"""Removes the TrueType hinting from the embedded DejaVu Sans faces (assets/fonts/).

Usage:  pip install fonttools && python3 scripts/strip-font-hinting.py SRC_DIR

SRC_DIR holds DejaVuSans.ttf and DejaVuSans-Bold.ttf as released (version 2.37, e.g. from
Debian's fonts-dejavu-core in /usr/share/fonts/truetype/dejavu). Every glyph, character
mapping, metric and table is kept; only the hinting instructions (fpgm, prep, cvt and each
glyph's program) go. Hinting only matters on screens at small sizes, and PDF viewers mostly
ignore it; without it the two faces embedded in each PDF are about 15 KB smaller. The names
stay "DejaVu Sans", as the licence allows (assets/fonts/LICENSE-DejaVu.txt).
"""

import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    for name in ["DejaVuSans", "DejaVuSans-Bold"]:
        font = TTFont(os.path.join(sys.argv[1], f"{name}.ttf"))
        glyphs = font.getGlyphOrder()
        opts = subset.Options()
        opts.hinting = False
        opts.layout_features = ["*"]
        opts.name_IDs = ["*"]
        opts.name_legacy = True
        opts.name_languages = ["*"]
        opts.notdef_outline = True
        opts.glyph_names = True
        opts.legacy_kern = True
        opts.drop_tables = []
        opts.passthrough_tables = True
        s = subset.Subsetter(opts)
        s.populate(glyphs=glyphs, unicodes=font.getBestCmap().keys())
        s.subset(font)
        assert font.getGlyphOrder() == glyphs, "the glyph order must not change"
        out = os.path.join(ROOT, "assets", "fonts", f"{name}.ttf")
        font.save(out)
        print(f"{out}: {len(glyphs)} glyphs, {os.path.getsize(out)} bytes")


if __name__ == "__main__":
    main()
