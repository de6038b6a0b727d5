"""The OpenAPI 3 description is valid, served by the site, and true of the live app (schemathesis)."""

import json

import pytest
import schemathesis
import yaml
from hypothesis import HealthCheck, given, settings
from openapi_spec_validator import validate
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone

from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, PhotoImageFactory
from tests.api.test_leaks import document, document_link
from tests.classroom.factories import EventIndexPageFactory, EventPageFactory
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

#: No 5xx, and every status, content type and body as the description says.
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


def test_the_description_is_served_as_json_and_yaml_and_is_valid_openapi(client, home):
    served = client.get("/api/v2/openapi.json")
    as_yaml = client.get("/api/v2/openapi.yaml")

    assert served.status_code == 200 and served["Content-Type"].startswith("application/json")
    validate(served.json())
    assert yaml.safe_load(as_yaml.content)["paths"].keys() == served.json()["paths"].keys()
    assert json.loads(served.content)["openapi"].startswith("3.")


def test_the_description_lists_every_page_type_and_the_filters_it_declares(client, home):
    from wagtail.models import get_page_models

    listing = client.get("/api/v2/openapi.json").json()["paths"]["/api/v2/pages/"]["get"]
    parameters = {parameter["name"]: parameter for parameter in listing["parameters"] if "name" in parameter}

    assert "stories.StoryPage" in parameters["type"]["schema"]["enum"]
    assert len(parameters["type"]["schema"]["enum"]) == len(get_page_models()) - 1  # all but Page itself
    assert {"place", "theme", "ethnic_group", "year", "kind", "venue"} <= set(parameters)
    assert "every place below it" in parameters["place"]["description"]


@pytest.fixture
def content(stories, home):
    """What a mini-program reads: stories, a campaign, an album with a photo, a linked document."""
    campaign = CampaignPageFactory(parent=CampaignIndexPageFactory(parent=home), results="<p>举办活动 36 场</p>")
    album = FestivalAlbumPageFactory(parent=AlbumIndexPageFactory(parent=home))
    album.photos.create(image=PhotoImageFactory(), caption="摔跤比赛")
    album.save_revision().publish()
    StoryPageFactory(parent=stories["community"].get_parent(), body=document_link(document("公开教案")))
    today = timezone.localdate()  # in the calendar's default range
    EventPageFactory(parent=EventIndexPageFactory(parent=home), start_date=today, end_date=today)
    return {"campaign": campaign, "album": album, **stories}


@pytest.fixture
def wsgi_app():
    """The site's WSGI application, called in the test's transaction.

    Django closes the database connection when a request finishes; its test client stops
    that for the test's sake, and so does this fixture for schemathesis's WSGI client.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield get_wsgi_application()
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


#: Generated requests per operation (ten operations).
EXAMPLES = 30


def test_the_live_app_keeps_to_its_description(content, wsgi_app):
    """Schemathesis generates requests from the description and sends them to the WSGI app.

    Operations are run one by one in this test (schemathesis's own lazy pytest loader does not
    work with the pytest version pinned here), each with its own Hypothesis search.
    """
    schema = schemathesis.openapi.from_wsgi("/api/v2/openapi.json", wsgi_app)
    operations = [result.ok() for result in schema.get_all_operations()]
    # List, detail and find of pages, images and documents; the calendar's occurrences.
    assert len(operations) == 10

    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def keeps_to_the_description(case):
            case.call_and_validate(checks=CHECKS)

        keeps_to_the_description()
