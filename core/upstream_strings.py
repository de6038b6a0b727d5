"""Strings of Django and Wagtail that public pages can show, listed so that makemessages puts
them in our catalogues (site/locale).

Django and Wagtail ship no traditional-script Mongolian; core.apps keeps their Cyrillic "mn"
catalogues away from mn-Mong pages, so any string missing here would fall back to Chinese.
Nothing imports this module: it exists to be read by makemessages (gettext_noop marks a string
without translating it; pgettext_lazy keeps Django's message contexts).
"""

from django.utils.translation import gettext_noop, pgettext_lazy

# Dates (django.utils.dates): weekdays and month names, for the "l", "D", "F" and "N" formats.
WEEKDAYS = [
    gettext_noop("Monday"),
    gettext_noop("Tuesday"),
    gettext_noop("Wednesday"),
    gettext_noop("Thursday"),
    gettext_noop("Friday"),
    gettext_noop("Saturday"),
    gettext_noop("Sunday"),
]
MONTHS = [
    gettext_noop("January"),
    gettext_noop("February"),
    gettext_noop("March"),
    gettext_noop("April"),
    gettext_noop("May"),
    gettext_noop("June"),
    gettext_noop("July"),
    gettext_noop("August"),
    gettext_noop("September"),
    gettext_noop("October"),
    gettext_noop("November"),
    gettext_noop("December"),
]
MONTHS_ALT = [
    pgettext_lazy("alt. month", "January"),
    pgettext_lazy("alt. month", "February"),
    pgettext_lazy("alt. month", "March"),
    pgettext_lazy("alt. month", "April"),
    pgettext_lazy("alt. month", "May"),
    pgettext_lazy("alt. month", "June"),
    pgettext_lazy("alt. month", "July"),
    pgettext_lazy("alt. month", "August"),
    pgettext_lazy("alt. month", "September"),
    pgettext_lazy("alt. month", "October"),
    pgettext_lazy("alt. month", "November"),
    pgettext_lazy("alt. month", "December"),
]

# Form errors a resident can meet in the filters and the search form (django.forms).
FORM_ERRORS = [
    gettext_noop("This field is required."),
    gettext_noop("Select a valid choice. %(value)s is not one of the available choices."),
    gettext_noop("Enter a whole number."),
    gettext_noop("Enter a valid date."),
    gettext_noop("Enter a valid value."),
]

# Wagtail's page for a password-protected page (wagtailcore/password_required.html).
PASSWORD_PAGE = [
    gettext_noop("Password required"),
    gettext_noop("You need a password to access this page."),
    gettext_noop("Password"),
    gettext_noop("Continue"),
    gettext_noop("The password you have entered is not correct. Please try again."),
]
