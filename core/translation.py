"""Showing translatable snippets in the reader's language, falling back to the source."""

from collections.abc import Iterable

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils import translation

from wagtail.models import Locale

from core.shared import shared


def _locales() -> dict:
    """Every locale by language code and by id, in one query per change (core.shared)."""
    locales = list(Locale.objects.all())
    return {**{locale.language_code: locale for locale in locales}, **{locale.pk: locale for locale in locales}}


def _locale_for(language_code: str) -> Locale:
    locale = shared("locales", _locales).get(language_code.lower())
    return locale if locale is not None else Locale.objects.get_for_language(language_code)


def locale_by_id(locale_id: int) -> Locale:
    """The locale with this id, without a query once the process has read the locales."""
    locale = shared("locales", _locales).get(locale_id)
    return locale if locale is not None else Locale.objects.get(pk=locale_id)


def active_locale() -> Locale:
    """The locale of the active language, like ``Locale.get_active()`` without its query.

    A page asked Wagtail for it eight times or more (templates, snippet names, listings).
    Locales are read once per process and again after any change (core.shared).
    Raises Locale.DoesNotExist like Wagtail's method.
    """
    return _locale_for(translation.get_language() or settings.LANGUAGE_CODE)


def default_locale() -> Locale:
    """The source language's locale, like ``Locale.get_default()`` without its query."""
    return _locale_for(settings.LANGUAGE_CODE)


def localized_snippets(model, locale: Locale, keys: Iterable | None = None) -> list:
    """One instance per translation key: the translation in ``locale``, else the source's.

    Args:
        model: a TranslatableMixin model, such as Theme.
        locale: the reader's locale.
        keys: restrict to these translation keys; all when None.
    Returns:
        Instances in the model's default ordering, in two queries at most.
    """
    queryset = model.objects.all()
    if keys is not None:
        queryset = queryset.filter(translation_key__in=list(keys))
    chosen: dict = {}
    default_locale_id = default_locale().pk
    for instance in queryset.filter(locale_id__in={locale.pk, default_locale_id}):
        current = chosen.get(instance.translation_key)
        if current is None or instance.locale_id == locale.pk:
            chosen[instance.translation_key] = instance
    order = {
        instance.pk: position
        for position, instance in enumerate(queryset.filter(pk__in=[i.pk for i in chosen.values()]))
    }
    return sorted(chosen.values(), key=lambda instance: order[instance.pk])


def localize_all(instances: Iterable, locale: Locale) -> list:
    """The given snippets in ``locale`` where a translation exists, keeping their order."""
    instances = list(instances)
    if all(instance.locale_id == locale.pk for instance in instances):
        return instances  # already in the reader's language: no query
    model = type(instances[0])
    versions: dict = {}
    for version in model.objects.filter(
        translation_key__in={i.translation_key for i in instances}, locale_id__in={locale.pk, default_locale().pk}
    ):
        versions.setdefault(version.translation_key, {})[version.locale_id] = version
    chosen = []
    for instance in instances:
        by_locale = versions.get(instance.translation_key, {})
        chosen.append(by_locale.get(locale.pk) or by_locale.get(default_locale().pk) or instance)
    return chosen


def localized_related(queryset, locale: Locale) -> list:
    """The snippets of ``queryset`` (``page.themes.all()``, say) in ``locale``, in one query.

    Each is replaced by its translation in ``locale`` where there is one, else by its version
    in the default language, else kept (as :func:`localize_all` does for a list).

    Args:
        queryset: a queryset of a TranslatableMixin model, in the order to show.
        locale: the reader's locale.
    Returns:
        A list in the queryset's order.
    """
    if not isinstance(queryset, QuerySet):  # a preview's unsaved relations (modelcluster)
        return localize_all(queryset, locale)
    chosen_pks = queryset.values("pk")
    locale_ids = {locale.pk, default_locale().pk}
    rows = list(
        queryset.model.objects.filter(
            Q(pk__in=chosen_pks) | Q(locale_id__in=locale_ids, translation_key__in=queryset.values("translation_key"))
        )
        .annotate(_chosen=Exists(chosen_pks.filter(pk=OuterRef("pk"))))
        .order_by(*(queryset.query.order_by or queryset.model._meta.ordering or ["pk"]))
    )
    versions: dict = {}
    for row in rows:
        versions.setdefault(row.translation_key, {})[row.locale_id] = row
    result = []
    for row in rows:
        if row._chosen:
            by_locale = versions[row.translation_key]
            result.append(by_locale.get(locale.pk) or by_locale.get(default_locale().pk) or row)
    return result


def localized_instance(instance, locale: Locale, cache: dict):
    """One snippet in ``locale`` where translated, else as it is, for a listing of many cards.

    The first call for a model loads that model's translations in ``locale`` into ``cache``
    (one query, however many cards follow); an instance already in ``locale`` costs none.

    Args:
        instance: a TranslatableMixin instance, or None.
        locale: the reader's locale.
        cache: a dict kept for one request.
    Returns:
        The translation, the instance itself when there is none, or None for None.
    """
    if instance is None or instance.locale_id == locale.pk:
        return instance
    model = type(instance)
    key = (model._meta.label, locale.pk)
    if key not in cache:
        cache[key] = {item.translation_key: item for item in model.objects.filter(locale_id=locale.pk)}
    return cache[key].get(instance.translation_key, instance)
