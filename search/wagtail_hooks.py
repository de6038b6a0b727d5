"""Admin: the segmenter words snippet, the search terms report, warnings about unsearchable text."""

from django.contrib import messages
from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet

from search.models import SearchTerm, SegmenterWord
from search.reports import NormalisedTermSearchMixin, SearchTermsReportView, can_view_report


class SegmenterWordViewSet(SnippetViewSet):
    model = SegmenterWord
    icon = "search"
    menu_label = _("Search words")
    add_to_settings_menu = True
    list_display = ["word", "note", "created_at"]
    ordering = ["word"]


register_snippet(SegmenterWordViewSet)


class SearchTermIndexView(NormalisedTermSearchMixin, IndexView):
    pass


class SearchTermViewSet(SnippetViewSet):
    """Popular searches: editors with the "change search term" permission hide a term from readers."""

    model = SearchTerm
    icon = "search"
    menu_label = _("Popular searches")
    menu_name = "popular-searches"
    add_to_settings_menu = True
    index_view_class = SearchTermIndexView
    list_display = ["query_string", "hidden", "last_result_count", "last_searched_at"]
    list_filter = ["hidden"]
    search_fields = ["query_string"]
    search_backend_name = None
    ordering = ["-last_searched_at"]


register_snippet(SearchTermViewSet)


@hooks.register("register_admin_urls")
def register_report_urls():
    urls = [
        path("search-terms/", SearchTermsReportView.as_view(), name="search_terms"),
        path("search-terms/results/", SearchTermsReportView.as_view(results_only=True), name="search_terms_results"),
    ]
    return [path("site-search/", include((urls, "shiliu_search"), namespace="shiliu_search"))]


class SearchTermsMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_report(request.user)


@hooks.register("register_reports_menu_item")
def register_search_terms_menu_item():
    return SearchTermsMenuItem(
        _("Site search terms"),
        reverse("shiliu_search:search_terms"),
        name="site-search-terms",
        icon_name="search",
        order=1310,
    )


def warn_about_private_use(request, page) -> None:
    """Tell the editor when a page holds text in an old private-use encoding."""
    specific = page.specific
    check = getattr(specific, "search_text_private_use", None)
    if check and check():
        messages.warning(
            request,
            _(
                "“%(title)s” contains text in an old font encoding (private-use characters), probably "
                "pasted from an old Mongolian document. Readers cannot search it and may not be able to "
                "read it; please retype or convert it to Unicode."
            )
            % {"title": page.title},
        )


hooks.register("after_create_page", warn_about_private_use)
hooks.register("after_edit_page", warn_about_private_use)
