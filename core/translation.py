"""Showing translatable snippets in the reader's language, falling back to the source."""

from collections.abc import Iterable

from wagtail.models import Locale


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
    default_locale_id = Locale.get_default().pk
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
