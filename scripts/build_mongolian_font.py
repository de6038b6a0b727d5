#!/usr/bin/env python3
"""Build the Mongolian web font the site serves itself: Noto Sans Mongolian, subset, WOFF2.

Reads Debian's fonts-noto-core copy of Noto Sans Mongolian (SIL Open Font License 1.1),
keeps the Mongolian block and the few other characters Mongolian text needs, keeps every
OpenType layout feature (Mongolian shaping depends on init/medi/fina/isol, rlig and the
vertical alternates), drops hinting and writes WOFF2 next to its license:

    .venv/bin/python scripts/build_mongolian_font.py

Needs fonttools and brotli (in the test extras). Run it again after a font update and commit
both files; the output is the same for the same input. See docs/bilingual.md.
"""

import argparse
import re
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parent.parent
SOURCE = Path("/usr/share/fonts/truetype/noto/NotoSansMongolian-Regular.ttf")
DEBIAN_COPYRIGHT = Path("/usr/share/doc/fonts-noto-core/copyright")
OUTPUT = ROOT / "site" / "static" / "fonts" / "NotoSansMongolian-Shiliu.woff2"
LICENSE = ROOT / "site" / "static" / "fonts" / "NotoSansMongolian-OFL.txt"

# What Mongolian text in Inner Mongolia needs from this font:
UNICODES = [
    *range(0x1800, 0x18B0),  # Mongolian: letters, punctuation, digits, free variation selectors, U+180E
    0x200C,  # ZERO WIDTH NON-JOINER
    0x200D,  # ZERO WIDTH JOINER
    0x202F,  # NARROW NO-BREAK SPACE, joins a case suffix to its stem
    0x25CC,  # DOTTED CIRCLE, shown by shapers for a stray variation selector
    *range(0x0020, 0x007F),  # space, basic punctuation and ASCII digits (where the font has them)
    0x00A0,  # NO-BREAK SPACE
    0x2013,  # EN DASH
    0x2014,  # EM DASH
    0x201C,  # quotation marks used in Mongolian text
    0x201D,
    0x2048,  # QUESTION EXCLAMATION MARK and EXCLAMATION QUESTION MARK
    0x2049,
    0x3001,  # IDEOGRAPHIC COMMA and FULL STOP, as Inner Mongolian texts use them
    0x3002,
    *range(0x300A, 0x3010),  # 《》「」『』 title and quotation brackets
]


def subset_options() -> subset.Options:
    """fontTools subsetter options: every layout feature, every name record, WOFF2, no hinting."""
    options = subset.Options()
    options.layout_features = ["*"]
    options.layout_scripts = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.name_legacy = True
    options.notdef_outline = True
    options.glyph_names = False
    options.hinting = False
    options.flavor = "woff2"
    return options


def build_font(source: Path, output: Path) -> int:
    """Subset ``source`` into ``output`` (WOFF2); returns the output's size in bytes."""
    font = TTFont(source, recalcTimestamp=False)  # the same input gives the same bytes
    subsetter = subset.Subsetter(options=subset_options())
    available = set(font.getBestCmap())
    subsetter.populate(unicodes=[code for code in UNICODES if code in available])
    subsetter.subset(font)
    output.parent.mkdir(parents=True, exist_ok=True)
    font.flavor = "woff2"
    font.save(output)
    return output.stat().st_size


def ofl_text(copyright_file: Path) -> str:
    """The SIL Open Font License 1.1 text from Debian's machine-readable copyright file."""
    stanza = copyright_file.read_text(encoding="utf-8").split("\nLicense: OFL-1.1\n")[-1]
    lines = []
    for line in stanza.splitlines():
        if not line.startswith(" "):
            break  # the next stanza
        line = line[1:]
        lines.append("" if line == "." else line)
    return "\n".join(lines).strip() + "\n"


def write_license(source: Path, copyright_file: Path, license_path: Path) -> None:
    """The font's copyright notice and the full OFL 1.1 text, as the license requires."""
    font = TTFont(source)
    notice = font["name"].getDebugName(0) or "Copyright 2018 Google Inc. All Rights Reserved."
    version = font["name"].getDebugName(5) or ""
    version = re.sub(r";.*", "", version)
    header = (
        f"{notice}\n\n"
        "Noto Sans Mongolian, from Debian's fonts-noto-core package "
        f"({version}), upstream https://github.com/notofonts/mongolian.\n"
        "NotoSansMongolian-Shiliu.woff2 is a Modified Version: a subset to the characters\n"
        "Mongolian text needs, without hinting, in WOFF2, made by scripts/build_mongolian_font.py.\n\n"
        "This Font Software is licensed under the SIL Open Font License, Version 1.1.\n"
        "This license is copied below, and is also available with a FAQ at:\n"
        "https://openfontlicense.org\n\n"
        "-----------------------------------------------------------\n"
        "SIL OPEN FONT LICENSE Version 1.1 - 26 February 2007\n"
        "-----------------------------------------------------------\n\n"
    )
    license_path.write_text(header + ofl_text(copyright_file), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=SOURCE, help=f"TTF to subset (default {SOURCE})")
    parser.add_argument("--copyright", type=Path, default=DEBIAN_COPYRIGHT, help="Debian copyright file with the OFL")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    parser.add_argument("--license", type=Path, default=LICENSE)
    args = parser.parse_args(argv)
    if not args.source.exists():
        parser.error(f"{args.source} not found: apt-get install fonts-noto-core")
    size = build_font(args.source, args.output)
    write_license(args.source, args.copyright, args.license)
    print(f"{args.output.relative_to(ROOT) if args.output.is_relative_to(ROOT) else args.output}: {size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
