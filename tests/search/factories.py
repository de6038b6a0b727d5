"""Factories for the search app's models and for Mongolian text."""

import factory

from search.models import SegmenterWord

#: Mongolian words in the traditional script, spelled out by code point.
MONGOL = "\u182e\u1823\u1829\u182d\u1823\u182f"  # ᠮᠣᠩᠭᠣᠯ
SCRIPT = "\u182a\u1822\u1834\u1822\u182d"  # ᠪᠢᠴᠢᠭ
NAADAM = "\u1828\u1820\u182d\u1820\u1833\u1824\u182e"  # ᠨᠠᠭᠠᠳᠤᠮ
UNITY = "\u1821\u182a \u1828\u1820\u1822\u1837\u1820\u182e\u1833\u1820\u182f"  # ᠡᠪ ᠨᠠᠢᠷᠠᠮᠳᠠᠯ
GENITIVE = "\u1824\u1828"  # ᠤᠨ
FVS1 = "\u180b"
NNBSP = "\u202f"


class SegmenterWordFactory(factory.django.DjangoModelFactory):
    word = factory.Sequence(lambda n: "测试词" + "甲乙丙丁戊己庚辛壬癸"[n % 10])

    class Meta:
        model = SegmenterWord
