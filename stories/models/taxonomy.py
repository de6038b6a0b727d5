"""The places, ethnic groups and themes a story is filed under; editors manage them as snippets."""

from collections.abc import Iterable

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from search.dictionary import DictionaryWordsMixin
from textkit.analysis import dictionary_form

#: Level words at the end of place names: 阿吉拉沁社区 is also found as 阿吉拉沁.
PLACE_SUFFIXES = (
    "街道办事处",
    "自治区",
    "自治旗",
    "自治县",
    "社区",
    "街道",
    "嘎查",
    "苏木",
    "村",
    "镇",
    "乡",
    "旗",
    "县",
    "区",
    "市",
    "盟",
    "省",
)


def place_name_forms(name: str) -> set[str]:
    """A place name and the name without its level word, in dictionary form (东胜区: 东胜区, 东胜)."""
    form = dictionary_form(name)
    forms = {form}
    for suffix in PLACE_SUFFIXES:
        if form.endswith(suffix) and len(form) - len(suffix) >= 2:
            forms.add(form[: -len(suffix)])
            break
    return forms


class PlaceQuerySet(models.QuerySet):
    def with_ancestor_keys(self, keys: Iterable) -> set:
        """``keys`` (place translation keys) and the keys of every place above them, in one query.

        A filter that matches a place and everything below it offers the places above a place
        with content too: 东胜区 has stories when 阿吉拉沁社区 has.
        """
        parents = dict(self.values_list("translation_key", "parent__translation_key"))
        found: set = set()
        for key in keys:
            while key is not None and key not in found:
                found.add(key)
                key = parents.get(key)
        return found

    def ancestry_of(self, place_id: int) -> list["Place"]:
        """The place with ``place_id`` and the places above it, outermost first, in one query
        for up to five levels (Place.ancestry); an empty list when there is no such place."""
        place = self.select_related(*ANCESTRY_JOINS).filter(pk=place_id).first()
        return place.ancestry if place is not None else []

    def subtree_translation_keys(self, place: "Place") -> set:
        """Translation keys of a place and every place below it, in one query.

        Stories are filtered by translation key so that a Mongolian page still matches when
        its place points at the Chinese original or at the Mongolian translation.
        """
        children: dict[int | None, list[tuple[int, object]]] = {}
        for pk, parent_id, key in self.filter(locale_id=place.locale_id).values_list(
            "pk", "parent_id", "translation_key"
        ):
            children.setdefault(parent_id, []).append((pk, key))
        keys = {place.translation_key}
        stack = [place.pk]
        while stack:
            for pk, key in children.get(stack.pop(), []):
                if key not in keys:
                    keys.add(key)
                    stack.append(pk)
        return keys


class Place(DictionaryWordsMixin, TranslatableMixin, index.Indexed, models.Model):
    """A place in the administrative hierarchy, from autonomous region down to community."""

    class Level(models.IntegerChoices):
        REGION = 1, _("Autonomous region or province")
        CITY = 2, _("League or city")
        COUNTY = 3, _("Banner, county or district")
        TOWN = 4, _("Street or town")
        COMMUNITY = 5, _("Community or village")

    name = models.CharField(_("name"), max_length=100)
    level = models.PositiveSmallIntegerField(_("level"), choices=Level.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("belongs to"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )

    objects = PlaceQuerySet.as_manager()

    panels = [FieldPanel("name"), FieldPanel("level"), FieldPanel("parent")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *(index.FilterField(name) for name in ("name", "level", "parent", "locale")),
    ]
    override_translatable_fields = [SynchronizedField("level")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("place")
        verbose_name_plural = _("places")
        ordering = ["level", "name"]

    def __str__(self) -> str:
        return self.name

    @classmethod
    def dictionary_words(cls) -> set[str]:
        """Place names, and each without its level word, so 阿吉拉沁 alone finds 阿吉拉沁社区."""
        words: set[str] = set()
        for name in cls.objects.values_list("name", flat=True).distinct():
            words |= place_name_forms(name)
        return words

    @cached_property
    def ancestry(self) -> list["Place"]:
        """This place and the places above it, outermost first.

        One query for up to five levels (region, league or city, banner, street, community)
        however many there are; a deeper chain costs one more query per five levels.
        """
        chain, place = [self], self
        while place.parent_id is not None:
            if not Place.parent.is_cached(place):
                place = Place.objects.select_related(*ANCESTRY_JOINS).get(pk=place.pk)
            place = place.parent
            chain.append(place)
        return chain[::-1]


# parent, parent__parent, ... : the levels above a community in one join.
ANCESTRY_JOINS = ("parent__parent__parent__parent",)


class EthnicGroup(DictionaryWordsMixin, TranslatableMixin, index.Indexed, models.Model):
    """One of the 56 ethnic groups China recognises, by its GB/T 3304 code."""

    code = models.CharField(
        _("code"), max_length=2, help_text=_("Two-digit code from GB/T 3304, for example 02 for Mongol.")
    )
    name = models.CharField(_("name"), max_length=40)

    panels = [FieldPanel("code"), FieldPanel("name")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        *(index.FilterField(name) for name in ("code", "name", "locale")),  # the listing's filters and sorting
    ]
    override_translatable_fields = [SynchronizedField("code")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["code", "locale"], name="unique_ethnic_group_code_per_locale")]

    def __str__(self) -> str:
        return self.name


class Theme(DictionaryWordsMixin, TranslatableMixin, index.Indexed, models.Model):
    """A theme stories are told under, such as the "six togethers" (共居 共学 共建 共享 共事 共乐)."""

    slug = models.SlugField(_("slug"), max_length=40, allow_unicode=False)
    name = models.CharField(_("name"), max_length=40)
    description = models.CharField(_("description"), max_length=200, blank=True)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    panels = [FieldPanel("name"), FieldPanel("slug"), FieldPanel("description"), FieldPanel("sort_order")]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("description"),
        *(index.FilterField(name) for name in ("name", "slug", "sort_order", "locale")),
    ]
    override_translatable_fields = [SynchronizedField("slug"), SynchronizedField("sort_order")]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("theme")
        verbose_name_plural = _("themes")
        ordering = ["sort_order", "slug"]
        constraints = [models.UniqueConstraint(fields=["slug", "locale"], name="unique_theme_slug_per_locale")]

    def __str__(self) -> str:
        return self.name
