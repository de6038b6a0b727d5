"""Keep the index current when what pages are indexed with changes outside the page.

Publishing, unpublishing, translating and deleting pages reach the index through Wagtail's
own signal handlers (every page save is indexed). What Wagtail misses is handled here:

- a model that feeds the dictionary (search.dictionary.DictionaryWordsMixin: places, ethnic
  groups, themes) renamed: the dictionary is reloaded and the pages filed under it re-indexed;
- a segmenter word added: the dictionary is reloaded and the pages containing the word are
  re-indexed, so the word is found whole.
"""

import logging

from django_tasks import task

from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page
from wagtail.search import index
from wagtail.search.backends import get_search_backends

from search import dictionary
from search.analysis import AnalysedQuery, QueryUnit, analyse_query
from search.models import SegmenterWord
from search.services import run

logger = logging.getLogger(__name__)

#: Pages re-indexed at most per change, so that saving a snippet stays quick.
MAX_REINDEXED = 5000


def reindex(pages) -> int:
    """Re-index ``pages`` (any page queryset or list) on every auto-updated backend."""
    by_model: dict[type, list] = {}
    for page in pages:
        page = page.specific
        by_model.setdefault(type(page), []).append(page)
    for backend in get_search_backends(with_auto_update=True):
        for model, items in by_model.items():
            try:
                backend.add_bulk(model, items)
            except Exception:
                logger.exception("Could not re-index %d %s pages", len(items), model.__name__)
                if not backend.catch_indexing_errors:
                    raise
    return sum(len(items) for items in by_model.values())


def related_pages(instance) -> list:
    """Pages whose search fields include ``instance`` through a RelatedFields entry."""
    pages = []
    for model in index.get_indexed_models():
        if not issubclass(model, Page):
            continue
        for field in model.get_search_fields():
            if isinstance(field, index.RelatedFields) and field.get_field(model).related_model is type(instance):
                pages.extend(model.objects.filter(**{field.field_name: instance})[:MAX_REINDEXED])
    return pages


@task()
def reindex_pages_containing(word: str) -> int:
    """Re-index pages whose text contains ``word`` (found by its character bigrams)."""
    query = analyse_query(word)
    if query.is_empty:
        return 0
    characters = "".join(query.normalised.split())
    bigrams = tuple(dict.fromkeys(characters[i : i + 2] for i in range(len(characters) - 1))) or (characters,)
    bigrams_only = AnalysedQuery(original=word, units=(QueryUnit(tokens=bigrams),))
    pages = run(Page.objects.all(), bigrams_only, order_by_relevance=False)[:MAX_REINDEXED]
    return reindex(pages)


def segmenter_word_saved(sender, instance, **kwargs):
    dictionary.changed()
    if not kwargs.get("raw"):
        reindex_pages_containing.enqueue(instance.word)


def segmenter_word_deleted(sender, instance, **kwargs):
    dictionary.changed()


def named_snippet_saved(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    dictionary.changed()
    reindex(related_pages(instance))


def named_snippet_deleting(sender, instance, **kwargs):
    # Foreign keys are cleared in bulk on delete, without signals: remember the pages now.
    instance._search_pages_to_reindex = [page.pk for page in related_pages(instance)]


def named_snippet_deleted(sender, instance, **kwargs):
    dictionary.changed()
    page_ids = getattr(instance, "_search_pages_to_reindex", [])
    if page_ids:
        reindex(Page.objects.filter(pk__in=page_ids))


def connect() -> None:
    """Connect the handlers; called once from SearchConfig.ready(), when every model is loaded."""
    post_save.connect(segmenter_word_saved, sender=SegmenterWord, dispatch_uid="search_segmenter_word_saved")
    post_delete.connect(segmenter_word_deleted, sender=SegmenterWord, dispatch_uid="search_segmenter_word_deleted")
    for model in dictionary.dictionary_models():
        uid = f"search_{model._meta.label_lower}"
        post_save.connect(named_snippet_saved, sender=model, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(named_snippet_deleting, sender=model, dispatch_uid=f"{uid}_deleting")
        post_delete.connect(named_snippet_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
