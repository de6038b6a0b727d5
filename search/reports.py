"""The editors' report of what readers search for: popular terms and terms that find nothing."""

import datetime

from django_filters import BooleanFilter, DateFromToRangeFilter

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.auth import permission_denied
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.admin.ui.tables import Column, DateColumn, NumberColumn
from wagtail.admin.views.reports import ReportView
from wagtail.admin.widgets import BooleanRadioSelect

from search.models import SearchTerm
from textkit.analysis import normalise


class NormalisedTermSearchMixin:
    """Admin listing mixin: search stored terms (Simplified, folded) in the form the analysis compares.

    Search terms are kept in :func:`textkit.analysis.normalise` form, so what an editor types
    is normalised the same way before it is looked for: 團結 finds 团结.
    """

    def search_queryset(self, queryset):
        if not self.is_searching:
            return queryset
        return queryset.filter(query_string__icontains=" ".join(normalise(self.search_query).split()))


REPORT_PERMISSION = "search.view_searchterm"
DEFAULT_DAYS = 30


def can_view_report(user) -> bool:
    """Superusers, and editors given the "view search term" permission."""
    return user.is_superuser or user.has_perm(REPORT_PERMISSION)


class SearchTermsFilterSet(WagtailFilterSet):
    date = DateFromToRangeFilter(label=_("Date"), widget=DateRangePickerWidget, method="keep")
    without_results = BooleanFilter(label=_("Only searches without results"), widget=BooleanRadioSelect, method="keep")

    class Meta:
        model = SearchTerm
        fields = []

    def keep(self, queryset, name, value):
        # The view reads these values to build its sums; nothing to filter here.
        return queryset


class SearchTermsReportView(NormalisedTermSearchMixin, ReportView):
    """Search terms over a date range (the last 30 days unless chosen), most searched first."""

    page_title = _("Site search terms")
    header_icon = "search"
    is_searchable = True
    search_fields = ["query_string"]
    filterset_class = SearchTermsFilterSet
    default_ordering = "-searches_total"
    index_url_name = "shiliu_search:search_terms"
    index_results_url_name = "shiliu_search:search_terms_results"
    columns = [
        Column("query_string", label=_("Search term"), sort_key="query_string"),
        NumberColumn("searches_total", label=_("Searches"), sort_key="searches_total"),
        NumberColumn("zero_total", label=_("Searches without results"), sort_key="zero_total"),
        NumberColumn("last_result_count", label=_("Results last time"), sort_key="last_result_count"),
        DateColumn("last_searched_at", label=_("Last searched"), sort_key="last_searched_at"),
    ]
    export_headings = {
        "query_string": _("Search term"),
        "searches_total": _("Searches"),
        "zero_total": _("Searches without results"),
        "last_result_count": _("Results last time"),
        "last_searched_at": _("Last searched"),
    }
    list_export = ["query_string", "searches_total", "zero_total", "last_result_count", "last_searched_at"]

    def dispatch(self, request, *args, **kwargs):
        if not can_view_report(request.user):
            return permission_denied(request)
        return super().dispatch(request, *args, **kwargs)

    def _filter_values(self) -> dict:
        if self.filters and self.filters.is_valid():
            return self.filters.form.cleaned_data
        return {}

    def date_range(self) -> tuple[datetime.date, datetime.date]:
        """The chosen dates, or the last DEFAULT_DAYS days."""
        chosen = self._filter_values().get("date")
        today = timezone.localdate()
        start = (chosen.start if chosen else None) or today - datetime.timedelta(days=DEFAULT_DAYS)
        stop = (chosen.stop if chosen else None) or today
        return start, stop

    def get_base_queryset(self):
        start, stop = self.date_range()
        in_range = Q(days__date__gte=start, days__date__lte=stop)
        terms = SearchTerm.objects.annotate(
            searches_total=Coalesce(Sum("days__searches", filter=in_range), 0),
            zero_total=Coalesce(Sum("days__zero_result_searches", filter=in_range), 0),
        ).filter(searches_total__gt=0)
        if self._filter_values().get("without_results"):
            terms = terms.filter(zero_total__gt=0)
        return terms
