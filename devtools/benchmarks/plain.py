"""Plain Wagtail search fields for a while, so the search benchmark can index text as written.

The site's models index their text analysed (their ``get_search_fields()`` returns fields
whose values are analysed tokens). The benchmark also measures what Wagtail does on its own;
:func:`plain_search_fields` swaps each model's ``get_search_fields()`` for one returning
plain ``wagtail.search.index`` fields of the same names, boosts and options, for the
duration of a ``with`` block, and puts the originals back afterwards, even on error.

Neither Wagtail nor modelsearch keeps search fields per class between calls (backends read
``get_search_fields()`` for every object and query), so the swap is seen at once; the
analysed fields a model caches for itself are left as they are and used again afterwards.
"""

import contextlib
import inspect
from collections.abc import Iterable, Iterator

from wagtail.search import index


def plain_field(field):
    """The plain Wagtail equivalent of a ``search_fields`` entry.

    Args:
        field: a SearchField, AutocompleteField or RelatedFields (of any subclass, such as the
            site's analysed fields), or any other entry.
    Returns:
        A new ``index.SearchField`` or ``index.AutocompleteField`` with the same name and options,
        a new ``index.RelatedFields`` whose fields are made plain in turn, or (filter fields and
        anything else) the entry itself.
    """
    if isinstance(field, index.SearchField):
        return index.SearchField(field.field_name, boost=field.boost, **field.kwargs)
    if isinstance(field, index.AutocompleteField):
        return index.AutocompleteField(field.field_name, **field.kwargs)
    if isinstance(field, index.RelatedFields):
        return index.RelatedFields(field.field_name, [plain_field(sub_field) for sub_field in field.fields])
    return field


def _plain_get_search_fields(original: classmethod) -> classmethod:
    """A ``get_search_fields`` classmethod returning ``original``'s fields made plain.

    The class it is called on is passed through, so a subclass that inherits the patched
    method gets its own fields, made plain too.
    """
    cache: dict[type, list] = {}

    def get_search_fields(cls):
        if cls not in cache:
            cache[cls] = [plain_field(field) for field in original.__func__(cls)]
        return cache[cls]

    return classmethod(get_search_fields)


@contextlib.contextmanager
def _patch_classmethod(model: type, name: str, replacement: classmethod) -> Iterator[None]:
    """Set ``model.<name>`` to ``replacement``; then restore it, or remove it if it was inherited."""
    missing = object()
    own = model.__dict__.get(name, missing)
    setattr(model, name, replacement)
    try:
        yield
    finally:
        if own is missing:
            delattr(model, name)
        else:
            setattr(model, name, own)


@contextlib.contextmanager
def plain_search_fields(models: Iterable[type]) -> Iterator[None]:
    """Make each model's ``get_search_fields()`` return plain Wagtail fields within the block.

    Args:
        models: indexed model classes; list each one, as ``wagtail.search.index.get_indexed_models()``
            does. An unlisted subclass that inherits a listed model's method gets its own fields
            made plain; one that finds another ``get_search_fields`` first in its MRO (the site's
            page types, whose analysing mixin comes before ``Page``) keeps that one's fields.
    Yields:
        Nothing; on leaving the block, even by an exception, every model's own
        ``get_search_fields`` is back.
    """
    models = list(models)
    # Read every original before patching any: a model listed after its parent would
    # otherwise wrap the parent's patched method.
    originals = [(model, inspect.getattr_static(model, "get_search_fields")) for model in models]
    with contextlib.ExitStack() as stack:
        for model, original in originals:
            stack.enter_context(_patch_classmethod(model, "get_search_fields", _plain_get_search_fields(original)))
        yield
