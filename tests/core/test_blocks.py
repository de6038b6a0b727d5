"""Shared blocks: each is complete for editors and renders what readers need."""

import pytest

from django.template.loader import get_template

from core.blocks import BodyStreamBlock, FiguresBlock, PullQuoteBlock


@pytest.mark.parametrize("name", list(BodyStreamBlock.base_blocks))
def test_every_body_block_has_icon_label_template_and_preview(name):
    block = BodyStreamBlock.base_blocks[name]

    assert block.meta.icon and block.meta.icon != "placeholder", name
    assert str(block.label), name
    get_template(block.meta.template)  # the template exists
    assert block.meta.preview_value, name


def test_figures_block_sets_short_numbers_upright_for_vertical_text():
    html = FiguresBlock().render(
        FiguresBlock().to_python(
            {"heading": "一年来", "figures": [{"value": "326", "unit": "户", "label": "服务居民家庭"}]}
        )
    )

    assert '<span class="tcy">326</span>' in html
    assert "服务居民家庭" in html and "<h2" in html


def test_pull_quote_keeps_line_breaks_and_escapes_markup():
    html = PullQuoteBlock().render(
        PullQuoteBlock().to_python({"quote": "第一行\n<b>第二行</b>", "attribution": "乌云"})
    )

    assert "第一行<br>" in html
    assert "&lt;b&gt;" in html
