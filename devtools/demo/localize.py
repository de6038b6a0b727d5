"""The demo's Mongolian translations, made with wagtail-localize as a translator makes them.

For each object: wagtail-localize takes (or refreshes) a TranslationSource of the Chinese
original, which splits it into segments; each segment gets a StringTranslation from
devtools.demo.translations, exactly what the translation editor or a PO upload stores; then
Translation.save_target() builds and publishes the Mongolian page or snippet. Running it
again updates the same translations: nothing is created twice.
"""

from collections.abc import Iterable, Mapping

from django.db.models import Model

from wagtail.models import Locale, Page
from wagtail_localize.models import (
    OverridableSegment,
    RelatedObjectSegment,
    StringSegment,
    StringTranslation,
    TemplateSegment,
    Translation,
    TranslationContext,
    TranslationSource,
)

from campaigns.models import CampaignIndexPage, CampaignPage
from devtools.demo.campaigns import CAMPAIGN_MONGOLIAN, CAMPAIGNS
from devtools.demo.stories import STORIES
from devtools.demo.translations import MONGOLIAN
from home.models import HomePage
from stories.models import EthnicGroup, Place, StoryIndexPage, StoryPage, Theme

TOOL_NAME = "Shiliu demo"
SEGMENT_MODELS = (StringSegment, TemplateSegment, RelatedObjectSegment, OverridableSegment)


def mongolian_for(text: str, extra: Mapping[str, str] | None = None) -> str | None:
    """The Mongolian for a Chinese source string; Latin and digits stay; None when unknown."""
    if text in MONGOLIAN:
        return MONGOLIAN[text]
    if extra and text in extra:
        return extra[text]
    if text.isascii():
        return text  # slugs and figures such as 10,600
    return None


def translate(instance: Model, locale: Locale, extra: Mapping[str, str] | None = None) -> tuple[Model, bool, int]:
    """Translate one page or snippet into ``locale`` with the demo texts and publish it.

    Args:
        instance: the Chinese original (a page or a TranslatableMixin snippet).
        locale: the target locale, Mongolian.
        extra: more Chinese-to-Mongolian texts beside devtools.demo.translations (classroom's).
    Returns:
        (the translated instance, whether it was created, how many strings stayed Chinese).
    """
    model = type(instance.specific) if isinstance(instance, Page) else type(instance)
    existed = model.objects.filter(translation_key=instance.translation_key, locale=locale).exists()
    source, _created = TranslationSource.update_or_create_from_instance(instance)
    translation, _created = Translation.objects.update_or_create(
        source=source, target_locale=locale, defaults={"enabled": True}
    )
    missing = 0
    for segment in StringSegment.objects.filter(source=source).select_related("string", "context"):
        text = mongolian_for(segment.string.data, extra)
        if text is None:
            missing += 1
            continue
        StringTranslation.objects.update_or_create(
            translation_of=segment.string,
            locale=locale,
            context=segment.context,
            defaults={
                "data": text,
                "translation_type": StringTranslation.TRANSLATION_TYPE_MANUAL,
                "tool_name": TOOL_NAME,
                "has_error": False,
                "field_error": "",
            },
        )
    forget_stale_contexts(source, locale)
    if isinstance(instance, Page):
        # Publish now rather than on commit, as save_target(publish=True) would: load_demo runs
        # in one transaction, and a page published at commit from a revision taken before its
        # children were added would be saved with a stale child count (treebeard's numchild).
        translation.save_target(publish=False)
        translated = source.get_translated_instance(locale)
        translated.get_latest_revision().publish()
        children = Page.objects.filter(path__startswith=translated.path, depth=translated.depth + 1).count()
        if translated.numchild != children:  # repair the trees of older runs
            Page.objects.filter(pk=translated.pk).update(numchild=children)
    else:
        translation.save_target(publish=True)  # snippets are saved at once
        translated = source.get_translated_instance(locale)
    return translated, not existed, missing


def forget_stale_contexts(source: TranslationSource, locale: Locale) -> None:
    """Drop the demo's translations of strings the source no longer has.

    load_demo rewrites story bodies on every run, and StreamField blocks get new ids, so
    yesterday's contexts (body.<old id>) would pile up in translation memory.
    """
    in_use = set()
    for segment_model in SEGMENT_MODELS:
        in_use.update(segment_model.objects.filter(source=source).values_list("context_id", flat=True))
    stale = TranslationContext.objects.filter(object_id=source.object_id).exclude(pk__in=in_use)
    StringTranslation.objects.filter(context__in=stale, locale=locale, tool_name=TOOL_NAME).delete()
    stale.exclude(translations__isnull=False).delete()


def demo_pages() -> list[Page]:
    """The Chinese pages the demo translates, parents before children."""
    default = Locale.get_default()
    home = HomePage.objects.filter(locale=default, depth=2).first()
    if home is None:
        return []
    pages: list[Page] = [home]
    story_index = StoryIndexPage.objects.child_of(home).first()
    if story_index is not None:
        pages.append(story_index)
        slugs = [story["slug"] for story in STORIES]
        stories = {story.slug: story for story in StoryPage.objects.child_of(story_index).filter(slug__in=slugs)}
        pages.extend(stories[slug] for slug in slugs if slug in stories)
    campaign_index = CampaignIndexPage.objects.child_of(home).first()
    if campaign_index is not None:
        pages.append(campaign_index)
        slugs = [campaign["slug"] for campaign in CAMPAIGNS]
        campaigns = {page.slug: page for page in CampaignPage.objects.child_of(campaign_index).filter(slug__in=slugs)}
        pages.extend(campaigns[slug] for slug in slugs if slug in campaigns)
    return pages


def demo_snippets() -> Iterable[Model]:
    """The Chinese snippets the demo translates: themes, places (parents first), groups."""
    default = Locale.get_default()
    yield from Theme.objects.filter(locale=default)
    yield from Place.objects.filter(locale=default).order_by("level", "pk")
    yield from EthnicGroup.objects.filter(locale=default, name__in=list(MONGOLIAN))


def load_mongolian_translations(command) -> None:
    """The load_demo step: translate the demo's snippets and pages into Mongolian.

    Args:
        command: the running load_demo command, for its counts and output.
    """
    translate_all(command, [*demo_snippets(), *demo_pages()])


def translate_all(command, instances: Iterable[Model], extra: Mapping[str, str] | None = CAMPAIGN_MONGOLIAN) -> None:
    """Translate ``instances`` (parents before children) into Mongolian, counting and warning on ``command``.

    Args:
        command: the running load_demo command (or anything with ``count`` and ``stdout``).
        instances: Chinese pages and snippets; a page's parent must have its Mongolian already.
        extra: a table of Mongolian texts looked up before devtools.demo.translations (an app's own).
    """
    locale = Locale.objects.get(language_code="mn-mong")
    for instance in instances:
        _translation, created, missing = translate(instance, locale, extra)
        name = "Mongolian pages" if isinstance(instance, Page) else "Mongolian snippets"
        command.count(name, created)
        if missing:
            command.stdout.write(command.style.WARNING(f"  {instance}: {missing} strings left in Chinese"))


def translate_sections(command, home: Page, sections: Iterable[Page]) -> None:
    """Translate the community sections, which load_demo makes after its translation step.

    Skipped when ``home`` has no Mongolian translation yet (the editorial demo run on its own):
    wagtail-localize cannot place a translated page under an untranslated parent.
    """
    locale = Locale.objects.filter(language_code="mn-mong").first()
    if locale is None or home.get_translation_or_none(locale) is None:
        return
    translate_all(command, sections)
