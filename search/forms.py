"""The search box and its filters; a value that is not recognised is ignored, never an error."""

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from wagtail.models import Locale

from core.mixins import page_date_field
from search.registry import facets
from search.services import DOCUMENT_TYPE, Filters, searchable_page_types, type_value

YEARS_SHOWN = 30
#: ?lang= value for results in every language; without ?lang= the page's language is searched.
ANY_LANGUAGE = "any"


def _years() -> list[int]:
    """Years that dated pages (stories, campaigns) fall in, newest first; one query per dated type."""
    years: set[int] = set()
    for model in searchable_page_types():
        name = page_date_field(model)
        if name:
            years.update(date.year for date in model.objects.live().dates(name, "year"))
    return sorted(years, reverse=True)[:YEARS_SHOWN]


class SearchForm(forms.Form):
    """What to search for, and in which type of content, year, language and facet (search.registry)."""

    q = forms.CharField(label=_("Search for"), required=False, strip=True)
    type = forms.ChoiceField(label=_("Type"), required=False)
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int, empty_value=None)
    lang = forms.ChoiceField(label=_("Language"), required=False)

    def __init__(self, data=None, *args, locale: Locale, **kwargs):
        # Without ?lang= the page's own language is searched (and shown as chosen);
        # ?lang=any is "any language", one click away on the page.
        self.page_language = locale.language_code
        if data is not None and not data.get("lang"):
            data = data.copy()
            data["lang"] = self.page_language
        super().__init__(data, *args, **kwargs)
        everything = [("", _("All"))]
        self.page_types = {type_value(model): model for model in searchable_page_types()}
        self.fields["type"].choices = [
            ("", _("All pages")),
            *[(value, model._meta.verbose_name_plural) for value, model in self.page_types.items()],
            (DOCUMENT_TYPE, _("Documents")),
        ]
        self.facets = list(facets)
        for facet in self.facets:
            self.fields[facet.name] = forms.ChoiceField(
                label=facet.label, required=False, choices=everything + list(facet.choices(locale))
            )
        self.order_fields(["q", "type", *[facet.name for facet in self.facets]])  # then year and language
        self.fields["year"].choices = everything + [(year, str(year)) for year in _years()]
        self.fields["lang"].choices = [*settings.LANGUAGES, (ANY_LANGUAGE, _("Any language"))]
        self.fields["lang"].initial = self.page_language

    def ignored_filters(self) -> bool:
        """True if some filter values were not recognised (they are then left out)."""
        return self.is_bound and bool(set(self.errors) - {"q"})

    def query_text(self) -> str:
        """What was typed, whether or not the filters are valid."""
        return (self.data.get("q") or "").strip() if self.is_bound else ""

    def filters(self) -> Filters:
        """The valid filters as a :class:`search.services.Filters`."""
        if not self.is_bound:
            return Filters()
        self.is_valid()
        data = self.cleaned_data
        chosen_type = data.get("type") or ""
        language = data.get("lang") or self.page_language
        if language == ANY_LANGUAGE:
            language = ""
        return Filters(
            page_type=self.page_types.get(chosen_type),
            documents=chosen_type == DOCUMENT_TYPE,
            year=data.get("year"),
            facets={facet.name: data[facet.name] for facet in self.facets if data.get(facet.name)},
            locale=Locale.objects.filter(language_code=language).first() if language else None,
            page_language=language == self.page_language,
        )

    def any_language_query(self) -> str:
        """The query string of this search in any language (for the "any language" link)."""
        data = QueryDict(mutable=True)
        if self.is_bound:
            data.update(self.data)
        data.pop("page", None)
        data["lang"] = ANY_LANGUAGE
        return data.urlencode()
