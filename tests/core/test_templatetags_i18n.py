"""Template tags of the bilingual site: upright short numbers in vertical Mongolian."""

import pytest

from django.template import Context, Template
from django.utils import translation
from django.utils.safestring import mark_safe

from core.templatetags.shiliu_i18n import tcy_digits


def render(source: str, **context) -> str:
    return Template("{% load shiliu_i18n %}" + source).render(Context(context))


def test_short_numbers_stand_upright_in_mongolian_only():
    with translation.override("mn-mong"):
        assert tcy_digits("2025 ᠣᠨ 5 ᠰᠠᠷ 13") == '2025 ᠣᠨ <span class="tcy">5</span> ᠰᠠᠷ <span class="tcy">13</span>'
    with translation.override("zh-hans"):
        assert tcy_digits("2025年5月13日") == "2025年5月13日"


@pytest.mark.parametrize("language", ["mn-mong", "zh-hans"])
def test_text_is_escaped_and_entities_are_not_broken(language):
    with translation.override(language):
        html = render("{{ text|tcy_digits }}", text="<b>it's 13</b>")

    assert "<b>" not in html
    assert "&#x27;" in html
    assert "&#x<span" not in html


def test_html_is_left_alone():
    with translation.override("mn-mong"):
        assert tcy_digits(mark_safe("<em>13</em>")) == "<em>13</em>"  # noqa: S308 - a literal


@pytest.mark.parametrize(("language", "separator"), [("zh-hans", "、"), ("mn-mong", "᠂ ")])
def test_lists_are_joined_with_the_languages_own_separator(language, separator):
    """A Mongolian page listed its themes with the Chinese 、 (a hard-coded separator)."""
    with translation.override(language):
        html = render("{{ names|join_list }}", names=["共居", "<b>共学</b>"])

    assert html == f"共居{separator}&lt;b&gt;共学&lt;/b&gt;"
