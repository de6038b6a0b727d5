"""The library's filters and search, and the form editors invite a teacher with."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from search import services

from .choices import GradeBand, MaterialFormat, MaterialLanguage, Subject

#: Search hits the library looks at; a school's library has far fewer materials.
MAX_SEARCH_HITS = 500


def _with_all(label, choices):
    return [("", label), *choices]


class MaterialFilterForm(forms.Form):
    """Grade band, subject, language, format and words; an unrecognised value is ignored."""

    q = forms.CharField(label=_("Words"), required=False, max_length=200)
    grade = forms.ChoiceField(
        label=_("Grade band"), required=False, choices=_with_all(_("All grades"), GradeBand.choices)
    )
    subject = forms.ChoiceField(
        label=_("Subject"), required=False, choices=_with_all(_("All subjects"), Subject.choices)
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=_with_all(_("All languages"), MaterialLanguage.choices)
    )
    format = forms.ChoiceField(
        label=_("Format"), required=False, choices=_with_all(_("All formats"), MaterialFormat.choices)
    )

    def values(self) -> dict[str, str]:
        """The valid filter values by name ("" for a missing or unrecognised one)."""
        if not self.is_bound:
            return {}
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value}

    def results(self, materials):
        """``materials`` narrowed by the filters and, when words are given, by the analysed search."""
        values = self.values()
        words = values.pop("q", "")
        materials = materials.filtered(**values)
        if words:
            query = services.analyse(words)
            if query.is_empty:
                return materials.none()
            hits = services.run(materials.model.objects.live(), query)[:MAX_SEARCH_HITS]
            materials = materials.filter(pk__in=[hit.pk for hit in hits])
        return materials.for_listing()


class TeacherInviteForm(forms.Form):
    """A teacher to invite: an account is made, inactive until they set a password from the email."""

    email = forms.EmailField(label=_("Email address"))
    name = forms.CharField(label=_("Name"), max_length=150)

    def clean_email(self):
        email = self.cleaned_data["email"].strip().lower()
        if get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError(_("Someone with this email address has an account already."))
        return email
