"""The site search page, /zh-hans/search/ and /mn-mong/search/."""

from django.template.response import TemplateResponse
from django.views.decorators.http import require_safe

from core.params import page_number
from core.translation import active_locale
from search import services
from search.forms import SearchForm


@require_safe
def search_page(request):
    """Results for ?q= with filters; any input gives a page, at worst with a message."""
    form = SearchForm(request.GET or None, locale=active_locale())
    query = services.analyse(form.query_text())
    filters = form.filters()
    outcome = services.site_search(request, query, filters, page_number(request.GET)) if form.query_text() else None
    querystring = request.GET.copy()
    querystring.pop("page", None)
    return TemplateResponse(
        request,
        "search/search_page.html",
        {
            "form": form,
            "search": outcome,
            "query": query,
            "querystring": querystring.urlencode(),
            "ignored_filters": form.ignored_filters(),
        },
    )
