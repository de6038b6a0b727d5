"""What translators still have to do: pages and snippets without a translation, and
translations out of date against their Chinese source.

wagtail-localize keeps a TranslationSource (a snapshot of the source when it was last sent
for translation or synced), a Translation per target locale and the StringTranslations of
its segments; comparing those with the live objects tells each item's state. The admin
report in core.wagtail_hooks shows the result.
"""

import json
from collections import Counter
from dataclasses import dataclass

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db.models import Count, Exists, Model, OuterRef
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from modelcluster.models import ClusterableModel, get_serializable_data_for_fields
from wagtail.models import Locale, Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail_localize.models import StringSegment, StringTranslation, Translation, TranslationSource, get_edit_url

MISSING = "missing"
SOURCE_CHANGED = "source-changed"
INCOMPLETE = "incomplete"
UNPUBLISHED = "unpublished"

STATES = {
    MISSING: _("No translation yet"),
    SOURCE_CHANGED: _("Chinese source changed since it was translated"),
    INCOMPLETE: _("Some strings not translated yet"),
    UNPUBLISHED: _("Translation not published"),
}


@dataclass
class TranslationStatus:
    """One page or snippet that needs a translator's attention."""

    state: str
    kind: str  # "page", or the snippet model's verbose name
    source: Model  # the original, in the default locale
    translation: Model | None  # its version in the target locale, when there is one
    detail: str = ""

    @property
    def state_label(self) -> str:
        return str(STATES[self.state])

    @property
    def source_edit_url(self) -> str:
        return get_edit_url(self.source) or ""

    @property
    def translation_edit_url(self) -> str:
        return get_edit_url(self.translation) if self.translation is not None else ""

    @property
    def translate_url(self) -> str:
        """wagtail-localize's "Translate this page/snippet" form for the source."""
        if isinstance(self.source, Page):
            return reverse("wagtail_localize:submit_page_translation", args=[self.source.pk])
        meta = self.source._meta
        args = [meta.app_label, meta.model_name, self.source.pk]
        return reverse("wagtail_localize:submit_snippet_translation", args=args)


def translatable_snippet_models() -> list[type[Model]]:
    """Snippet models editors translate, such as Place, EthnicGroup and Theme."""
    return [
        model
        for model in get_snippet_models()
        if issubclass(model, TranslatableMixin) and apps.is_installed(model._meta.app_config.name)
    ]


def translation_statuses(locale: Locale, default: Locale | None = None) -> list[TranslationStatus]:
    """Every live page and translatable snippet of ``default`` that ``locale`` lacks or lags behind.

    Args:
        locale: the target locale, such as Mongolian.
        default: the source locale; the site's default language when None.
    Returns:
        Pages first (in tree order), then snippets by model; up-to-date items are left out, and
        so are pages never published (drafts waiting for review) and unpublished drafts of
        live pages, which only count once they are published.
        The number of queries does not grow with the number of items.
    """
    default = default or Locale.get_default()
    statuses = _page_statuses(locale, default)
    for model in translatable_snippet_models():
        statuses.extend(_snippet_statuses(model, locale, default))
    return statuses


def summarise(statuses: list[TranslationStatus]) -> dict[str, int]:
    """How many items are in each state, for the report's heading."""
    counts = Counter(status.state for status in statuses)
    return {state: counts.get(state, 0) for state in STATES}


def _sources_and_progress(keys, locale: Locale, default: Locale) -> tuple[dict, dict, dict]:
    """TranslationSources by translation key, the Translation of each, and (total, done) strings."""
    sources = {
        source.object_id: source for source in TranslationSource.objects.filter(object_id__in=keys, locale=default)
    }
    translations = {
        translation.source_id: translation
        for translation in Translation.objects.filter(source__in=sources.values(), target_locale=locale, enabled=True)
    }
    segments = StringSegment.objects.filter(source__in=list(translations))
    totals = dict(segments.values_list("source_id").annotate(n=Count("pk")))
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"), context_id=OuterRef("context_id"), locale=locale, has_error=False
    )
    done = dict(segments.filter(Exists(translated)).values_list("source_id").annotate(n=Count("pk")))
    progress = {source_id: (totals.get(source_id, 0), done.get(source_id, 0)) for source_id in translations}
    return sources, translations, progress


def _managed_state(source, translations, progress, changed: bool) -> tuple[str, str] | None:
    """The state of a translation wagtail-localize manages, or None when it is up to date."""
    if changed:
        return SOURCE_CHANGED, ""
    translation = translations.get(source.pk)
    if translation is not None:
        total, done = progress.get(source.pk, (0, 0))
        if done < total:
            return INCOMPLETE, f"{done}/{total}"
    return None


def _page_statuses(locale: Locale, default: Locale) -> list[TranslationStatus]:
    pages = list(
        # Only what readers can see needs translating: drafts waiting for review are left out.
        Page.objects.live()
        .filter(locale=default, depth__gt=1, alias_of__isnull=True)
        .exclude(content_type=ContentType.objects.get_for_model(Page))  # placeholders such as Wagtail's welcome page
        .order_by("path")
        .specific()
    )
    keys = [page.translation_key for page in pages]
    targets = {
        page.translation_key: page
        for page in Page.objects.filter(locale=locale, translation_key__in=keys).select_related("alias_of")
    }
    sources, translations, progress = _sources_and_progress(keys, locale, default)
    statuses = []
    for page in pages:
        target = targets.get(page.translation_key)
        if target is None or (target.alias_of_id and target.alias_of.locale_id != locale.pk):
            statuses.append(TranslationStatus(MISSING, "page", page, target))
            continue
        source = sources.get(page.translation_key)
        if source is not None:
            # A draft of the Chinese page is not a change until it is approved and published.
            changed = bool(page.last_published_at and page.last_published_at > source.last_updated_at)
            state = _managed_state(source, translations, progress, changed)
        elif page.last_published_at and page.last_published_at > (target.last_published_at or page.last_published_at):
            state = (SOURCE_CHANGED, "")  # translated outside wagtail-localize: compare publication times
        else:
            state = None
        if state is None and (not target.live or target.has_unpublished_changes):
            state = (UNPUBLISHED, "")
        if state is not None:
            statuses.append(TranslationStatus(state[0], "page", page, target, state[1]))
    return statuses


def _snippet_statuses(model: type[Model], locale: Locale, default: Locale) -> list[TranslationStatus]:
    originals = list(model.objects.filter(locale=default))
    keys = [item.translation_key for item in originals]
    targets = {item.translation_key: item for item in model.objects.filter(locale=locale, translation_key__in=keys)}
    sources, translations, progress = _sources_and_progress(keys, locale, default)
    kind = str(model._meta.verbose_name)
    statuses = []
    for item in originals:
        target = targets.get(item.translation_key)
        if target is None:
            statuses.append(TranslationStatus(MISSING, kind, item, None))
            continue
        source = sources.get(item.translation_key)
        if source is None:
            continue  # translated by hand outside wagtail-localize: nothing to compare with
        if isinstance(item, ClusterableModel):
            current = json.loads(item.to_json())
        else:
            current = json.loads(json.dumps(get_serializable_data_for_fields(item), cls=DjangoJSONEncoder))
        state = _managed_state(source, translations, progress, current != json.loads(source.content_json))
        if state is not None:
            statuses.append(TranslationStatus(state[0], kind, item, target, state[1]))
    return statuses
