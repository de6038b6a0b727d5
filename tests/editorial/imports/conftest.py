"""Import tests read warnings and reasons as written in the source (English), whatever is compiled."""

import pytest

from django.utils import translation


@pytest.fixture(autouse=True)
def _messages_in_english():
    # The site's default language is Chinese; editors whose admin is in English read these.
    with translation.override("en"):
        yield
