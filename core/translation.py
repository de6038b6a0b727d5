"""Showing translatable snippets in the reader's language, falling back to the source."""

import functools
from collections.abc import Iterable

from django.conf import settings
from django.core.signals import request_started
from django.utils import translation

from wagtail.models import Locale


@functools.lru_cache(maxsize=8)
def _locale_for(language_code: str) -> Locale:
    return Locale.objects.get_for_language(language_code)


def active_locale() -> Locale:
    """The locale of the active language, like ``Locale.get_active()`` but looked up once per request.

    A page asked Wagtail for it eight times or more (templates, snippet names, listings). The
    cache is emptied when each request starts, so a locale added or removed is seen at once.
    Raises Locale.DoesNotExist like Wagtail's method.
    """
    return _locale_for(translation.get_language() or settings.LANGUAGE_CODE)


def default_locale() -> Locale:
    """The source language's locale, like ``Locale.get_default()``, looked up once per request."""
    return _locale_for(settings.LANGUAGE_CODE)


request_started.connect(lambda **kwargs: _locale_for.cache_clear(), weak=False, dispatch_uid="shiliu_locale_cache")


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
    if not instances:
        return []
    model = type(instances[0])
    by_key = {i.translation_key: i for i in localized_snippets(model, locale, {i.translation_key for i in instances})}
    return [by_key.get(i.translation_key, i) for i in instances]


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
