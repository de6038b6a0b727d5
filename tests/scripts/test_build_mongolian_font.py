"""The self-hosted Mongolian web font: subset, WOFF2, shaping features kept, licensed, reproducible."""

import importlib.util
from pathlib import Path

from fontTools.ttLib import TTFont

from django.conf import settings

from tests.conftest import require

SCRIPT = Path(settings.BASE_DIR) / "scripts" / "build_mongolian_font.py"
spec = importlib.util.spec_from_file_location("build_mongolian_font", SCRIPT)
build = importlib.util.module_from_spec(spec)
spec.loader.exec_module(build)

FONT = Path(settings.BASE_DIR) / "site" / "static" / "fonts" / "NotoSansMongolian-Shiliu.woff2"
LICENSE = FONT.with_name("NotoSansMongolian-OFL.txt")


def test_font_is_a_small_woff2_with_the_mongolian_block_and_its_shaping_features():
    font = TTFont(FONT)
    cmap = font.getBestCmap()

    assert font.flavor == "woff2"
    assert FONT.stat().st_size < 60_000
    assert all(code in cmap for code in range(0x1820, 0x1879))  # the letters
    assert {0x180B, 0x180C, 0x180D, 0x180E, 0x202F, 0x200D} <= set(cmap)
    features = {record.FeatureTag for record in font["GSUB"].table.FeatureList.FeatureRecord}
    assert {"init", "medi", "fina", "isol", "rlig", "vert"} <= features
    assert "vmtx" in font


def test_license_sits_beside_the_font():
    text = LICENSE.read_text(encoding="utf-8")

    assert "Copyright 2018 Google Inc." in text
    assert "SIL OPEN FONT LICENSE Version 1.1" in text
    assert "PERMISSION & CONDITIONS" in text and "DISCLAIMER" in text


def test_script_rebuilds_the_committed_font_byte_for_byte(tmp_path):
    require(build.SOURCE.exists(), f"{build.SOURCE} not found (Debian's fonts-noto-core)")

    size = build.build_font(build.SOURCE, tmp_path / "font.woff2")

    assert size == FONT.stat().st_size
    assert (tmp_path / "font.woff2").read_bytes() == FONT.read_bytes()
