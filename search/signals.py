"""Keep the index current when what pages are indexed with changes outside the page.

Saving and deleting pages, images, documents and snippets reach the index through
core.search_index, which queues a task per object for the worker. What that misses is handled
here, with tasks too, so no admin request re-indexes pages:

- a model that feeds the dictionary (search.dictionary.DictionaryWordsMixin: places, ethnic
  groups, themes) renamed: the dictionary is reloaded and the pages filed under it re-indexed;
- a segmenter word added: the dictionary is reloaded and the pages containing the word are
  re-indexed, so the word is found whole.

The worker reloads the dictionary before every task (:func:`dictionary_before_task`), so it
indexes with the words editors saved a moment ago even without a shared cache.
"""

import logging

from django_tasks import task
from django_tasks.backends.immediate import ImmediateBackend
from django_tasks.signals import task_started

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page
from wagtail.search import index

from core.search_index import enqueue_bulk_update, index_objects
from search import dictionary
from search.analysis import AnalysedQuery, QueryUnit, analyse_query
from search.models import SegmenterWord
from search.services import run

logger = logging.getLogger(__name__)

#: Pages re-indexed at most per change, so that a re-index task stays bounded.
MAX_REINDEXED = 5000


def reindex(pages) -> int:
    """Re-index ``pages`` (any page queryset or list) on every search backend now; returns how many."""
    by_model: dict[type, list] = {}
    for page in pages:
        page = page.specific
        by_model.setdefault(type(page), []).append(page)
    return sum(index_objects(model, items) for model, items in by_model.items())


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


@task()
def reindex_pages_using(model_label: str, pk: str) -> int:
    """Re-index the pages whose search fields include object ``pk`` of ``model_label`` (a place...)."""
    instance = apps.get_model(model_label)._default_manager.filter(pk=pk).first()
    return reindex(related_pages(instance)) if instance is not None else 0


def dictionary_before_task(sender, **kwargs) -> None:
    """task_started receiver: a worker reloads the editors' words before each task.

    Two small queries; the words change the segmenter only when they changed. A task run at once
    inside the request (the immediate backend) has this process's words already.
    """
    backend = sender if isinstance(sender, type) else type(sender)  # a class or an instance, by backend
    if not issubclass(backend, ImmediateBackend):
        dictionary.refresh(force=True)


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
    reindex_pages_using.enqueue(instance._meta.label_lower, str(instance.pk))


def named_snippet_deleting(sender, instance, **kwargs):
    # Foreign keys are cleared in bulk on delete, without signals: remember the pages now.
    instance._search_pages_to_reindex = related_pages(instance)


def named_snippet_deleted(sender, instance, **kwargs):
    dictionary.changed()
    pages = getattr(instance, "_search_pages_to_reindex", [])
    if pages:
        enqueue_bulk_update(pages)


def connect() -> None:
    """Connect the handlers; called once from SearchConfig.ready(), when every model is loaded."""
    task_started.connect(dictionary_before_task, dispatch_uid="search_dictionary_before_task")
    post_save.connect(segmenter_word_saved, sender=SegmenterWord, dispatch_uid="search_segmenter_word_saved")
    post_delete.connect(segmenter_word_deleted, sender=SegmenterWord, dispatch_uid="search_segmenter_word_deleted")
    for model in dictionary.dictionary_models():
        uid = f"search_{model._meta.label_lower}"
        post_save.connect(named_snippet_saved, sender=model, dispatch_uid=f"{uid}_saved")
        pre_delete.connect(named_snippet_deleting, sender=model, dispatch_uid=f"{uid}_deleting")
        post_delete.connect(named_snippet_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
