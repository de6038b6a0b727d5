"""Admin views that core provides to editors and translators."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale

from core.translation_status import STATES, summarise, translation_statuses


class TranslationStatusView(WagtailAdminTemplateMixin, TemplateView):
    """Pages and snippets without a translation, or whose translation is out of date."""

    template_name = "core/translation_status.html"
    page_title = _("Translation status")
    header_icon = "site"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": _("Reports")}, {"url": "", "label": self.page_title}]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        default = Locale.get_default()
        locales = Locale.objects.exclude(pk=default.pk)
        requested = self.request.GET.get("locale", "")
        locale = locales.filter(language_code=requested).first() or locales.first()
        state = self.request.GET.get("state", "")
        statuses = translation_statuses(locale, default) if locale else []
        context.update(
            locale=locale,
            locales=locales,
            counts=summarise(statuses),
            states=STATES,
            state=state if state in STATES else "",
            statuses=[status for status in statuses if not state or status.state == state],
        )
        return context
