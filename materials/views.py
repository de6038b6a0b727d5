"""Teachers on the public site (log in, accept an invitation) and editors' views (invite, downloads report)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import LoginView, PasswordResetConfirmView
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db.models import Sum
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django.views.generic import FormView

from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.reports import ReportView

from . import access
from .forms import TeacherInviteForm
from .models import MaterialPage


class TeacherLoginView(LoginView):
    """The public login page for teachers (the admin's login stays for editors)."""

    template_name = "materials/login.html"
    redirect_authenticated_user = True


class TeacherWelcomeView(PasswordResetConfirmView):
    """The invitation link: the teacher chooses a password, and the account becomes active."""

    template_name = "materials/welcome.html"
    success_url = reverse_lazy("materials_login")
    post_reset_login = False

    def form_valid(self, form):
        form.user.is_active = True
        response = super().form_valid(form)
        messages.success(self.request, _("Your password is set. Log in to download materials for teachers."))
        return response


def invite_teacher(email: str, name: str, *, request) -> None:
    """Create an inactive teacher account and email it a link to choose a password.

    Args:
        email: the teacher's address; it is also the user name.
        name: shown in the admin and in the email.
        request: the editor's request, for the link's host.
    """
    user = get_user_model().objects.create_user(username=email, email=email, first_name=name, is_active=False)
    user.set_unusable_password()
    user.save()
    user.groups.add(access.teachers_group())
    with override("zh-hans"):
        path = reverse(
            "materials_welcome",
            kwargs={
                "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                "token": default_token_generator.make_token(user),
            },
        )
        link = request.build_absolute_uri(path)
        subject = str(_("Your teacher account for the materials library"))
        body = str(_("Hello %(name)s,\n\nChoose your password here to download materials for teachers:\n%(link)s\n"))
    send_mail(subject, body % {"name": name, "link": link}, None, [email])


class InviteTeacherView(WagtailAdminTemplateMixin, FormView):
    """Editors invite a teacher by email; the teacher cannot reach the admin."""

    form_class = TeacherInviteForm
    template_name = "materials/admin/invite_teacher.html"
    page_title = _("Invite a teacher")
    header_icon = "user"

    def dispatch(self, request, *args, **kwargs):
        if not access.is_editor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_url": reverse("materials_invite_teacher"),
            "submit_button_label": _("Send invitation"),
            "submit_button_active_label": _("Sending…"),
        }

    def form_valid(self, form):
        invite_teacher(form.cleaned_data["email"], form.cleaned_data["name"], request=self.request)
        messages.success(self.request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
        return redirect("materials_invite_teacher")


class DownloadsReportView(ReportView):
    """Downloads per material: visitors counted once a day, no personal data kept."""

    page_title = _("Material downloads")
    header_icon = "download"
    index_url_name = "materials_downloads"
    index_results_url_name = "materials_downloads_results"
    paginate_by = 100
    columns = [
        Column("title", label=_("Material")),
        Column(
            "teacher_only", label=_("For teachers only"), accessor=lambda page: _("yes") if page.teacher_only else ""
        ),
        Column("download_total", label=_("Downloads"), accessor=lambda page: page.download_total or 0),
    ]

    def get_queryset(self):
        return MaterialPage.objects.annotate(download_total=Sum("downloads__count")).order_by(
            "-download_total", "title"
        )
