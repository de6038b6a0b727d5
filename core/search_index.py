"""Keep the search index current from background tasks, never inside the request that saved.

Wagtail (modelsearch) updates the index from every indexed model's ``post_save`` and
``post_delete`` signals. Shiliu's settings turn ``AUTO_UPDATE`` off on every search backend, and
:func:`connect` takes those signals over for every indexed model (pages, images, documents,
snippets): a save or a delete enqueues a django-tasks task with the model's label and primary
key, and the worker (``manage.py db_worker``) updates every configured backend. With the
immediate task backend (``TASKS_BACKEND=immediate``) the task runs at once, as Wagtail did.

The tasks are idempotent: they read the object as it is when they run, so a task run twice,
late, or after a later save leaves the same index; an object gone by then is removed.
"""

import logging
from collections.abc import Iterable

from django_tasks import task
from modelsearch import signal_handlers

from django.apps import apps
from django.db.models import Model
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.search import index
from wagtail.search.backends import get_search_backends_with_name

logger = logging.getLogger(__name__)


def search_backends() -> list:
    """(name, backend) of every configured search backend, whatever its AUTO_UPDATE says."""
    return list(get_search_backends_with_name())


def _each_backend(action: str, obj_or_model, call) -> None:
    for name, backend in search_backends():
        try:
            call(backend)
        except Exception:
            logger.exception("Could not %s %r in the %r search backend", action, obj_or_model, name)
            if not backend.catch_indexing_errors:
                raise


def index_objects(model: type[Model], objects: Iterable[Model]) -> int:
    """Add or update ``objects`` (instances of ``model``, already specific) on every backend now.

    Returns how many were indexed. Meant for the worker's tasks; a request enqueues instead.
    """
    objects = list(objects)
    if objects:
        _each_backend("index", model, lambda backend: backend.add_bulk(model, objects))
    return len(objects)


def _specific(model: type[Model], pk) -> Model | None:
    """The object ``pk`` of ``model`` as Wagtail indexes it, or None when it is not indexed now."""
    instance = model.get_indexed_objects().filter(pk=pk).first()
    return index.get_indexed_instance(instance, check_exists=False) if instance is not None else None


def _remove(model: type[Model], pk) -> None:
    # Backends delete by content type and primary key, so an unsaved stand-in of the class is enough.
    _each_backend("remove", model, lambda backend: backend.delete(model(pk=pk)))


@task()
def update_object_index(model_label: str, pk: str) -> str:
    """Index object ``pk`` of ``model_label`` (``"stories.storypage"``) as it is now.

    Returns ``"indexed"``, or ``"removed"`` when the object no longer exists or is no longer
    indexed (its entry is deleted, so a late task never brings a deleted object back).
    """
    model = apps.get_model(model_label)
    instance = _specific(model, pk)
    if instance is None:
        _remove(model, pk)
        return "removed"
    index_objects(type(instance), [instance])
    return "indexed"


@task()
def remove_object_index(model_label: str, pk: str) -> str:
    """Remove object ``pk`` of ``model_label`` from every backend; the id is all it needs."""
    model = apps.get_model(model_label)
    _remove(model, pk)
    return "removed"


@task()
def update_objects_index(model_label: str, pks: list[str]) -> int:
    """Index the objects ``pks`` of ``model_label`` as they are now (a bulk re-index); returns how many."""
    model = apps.get_model(model_label)
    objects = [
        index.get_indexed_instance(obj, check_exists=False) for obj in model.get_indexed_objects().filter(pk__in=pks)
    ]
    by_model: dict[type, list] = {}
    for obj in objects:
        if obj is not None:
            by_model.setdefault(type(obj), []).append(obj)
    return sum(index_objects(cls, items) for cls, items in by_model.items())


def enqueue_update(instance: Model) -> None:
    """Have the worker index ``instance`` (after its transaction, as it is then)."""
    update_object_index.enqueue(instance._meta.label_lower, str(instance.pk))


def enqueue_bulk_update(objects: Iterable[Model]) -> int:
    """Have the worker index ``objects``, one task per model; returns how many were queued."""
    pks: dict[str, list[str]] = {}
    for obj in objects:
        pks.setdefault(obj._meta.label_lower, []).append(str(obj.pk))
    for label, ids in pks.items():
        update_objects_index.enqueue(label, ids)
    return sum(len(ids) for ids in pks.values())


def _saved(sender, instance, raw=False, **kwargs) -> None:
    if not raw:
        enqueue_update(instance)


def _deleted(sender, instance, **kwargs) -> None:
    remove_object_index.enqueue(sender._meta.label_lower, str(instance.pk))


def _relations_changed(sender, instance, action, reverse=False, **kwargs) -> None:
    # Tags (an image's, a document's) and many-to-many fields are saved after the object, without
    # post_save: index it again, so the task sees them even when it runs at once.
    if action in {"post_add", "post_remove", "post_clear"} and not reverse and type(instance) in _indexed_by_task:
        enqueue_update(instance)


#: Models whose index this module keeps (see :func:`connect`).
_indexed_by_task: set[type] = set()


def connect() -> None:
    """Index every indexed model through the tasks above; called from CoreConfig.ready().

    A model that sets ``search_auto_update = False`` keeps being left alone. Wagtail's own
    handlers are disconnected (or, when its app is not ready yet, told to skip the model), so
    nothing indexes inside the request.
    """
    # Read every flag before setting any: subclasses inherit the attribute set on Page.
    models = [model for model in index.get_indexed_models() if getattr(model, "search_auto_update", True)]
    for model in models:
        model.search_auto_update = False  # modelsearch's register_signal_handlers skips it
        post_save.disconnect(signal_handlers.post_save_signal_handler, sender=model)
        post_delete.disconnect(signal_handlers.post_delete_signal_handler, sender=model)
        _indexed_by_task.add(model)
        uid = f"core_search_index_{model._meta.label_lower}"
        post_save.connect(_saved, sender=model, dispatch_uid=f"{uid}_saved")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"{uid}_deleted")
    m2m_changed.connect(_relations_changed, dispatch_uid="core_search_index_relations")
