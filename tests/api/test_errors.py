"""Every API error is JSON with the right status: never an HTML page, a redirect or a 500."""

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.django_db

BAD_REQUESTS = [
    ("/api/v2/images/", {"search": '"'}, 200),
    ("/api/v2/documents/", {"search": '"'}, 200),
    ("/api/v2/pages/", {"search": '"'}, 200),
    ("/api/v2/pages/find/", {"id": "abc"}, 400),
    ("/api/v2/images/find/", {"id": "abc"}, 400),
    ("/api/v2/documents/find/", {"id": "٣"}, 400),
    ("/api/v2/pages/", {"offset": "9" * 20}, 400),
    ("/api/v2/pages/", {"limit": "9" * 20}, 400),
    ("/api/v2/images/", {"offset": "9" * 20}, 400),
    ("/api/v2/pages/", {"offset": "-1"}, 400),
    ("/api/v2/pages/", {"limit": "0"}, 400),
    ("/api/v2/pages/", {"limit": "²"}, 400),
    ("/api/v2/pages/", {"offset": "１"}, 400),
    ("/api/v2/pages/", {"child_of": "٣"}, 400),
    ("/api/v2/pages/", {"descendant_of": "9" * 20}, 400),
    ("/api/v2/pages/", {"type": "stories.StoryPage", "place": "٣"}, 400),
    ("/api/v2/pages/", {"type": "stories.StoryPage", "place": "9" * 20}, 400),
    ("/api/v2/pages/", {"type": "stories.StoryPage", "year": "２０２５"}, 400),
    ("/api/v2/pages/", {"type": "stories.StoryPage", "year": "99999"}, 400),
    ("/api/v2/pages/", {"search": "a\x00b"}, 400),
    ("/api/v2/pages/", {"title\x00": "a"}, 400),
    ("/api/v2/images/", {"search": "\x00"}, 400),
    ("/api/v2/pages/", {"locale": "xx"}, 400),
    ("/api/v2/pages/", {"type": "nothing.Here"}, 400),
    ("/api/v2/pages/", {"title": "石榴"}, 400),  # not a filter of any type
    ("/api/v2/pages/", {"order": "nothing"}, 400),
    ("/api/v2/pages/", {"fields": "nothing"}, 400),
    ("/api/v2/pages/", {"fields": "title(id)"}, 400),
    ("/api/v2/images/", {"width": "9" * 20}, 400),
    ("/api/v2/pages/", {"site": "nowhere"}, 404),
    ("/api/v2/pages/", {"type": "stories.StoryPage", "place": "999999", "search": "团结"}, 200),
    ("/api/v2/pages/999999/", {}, 404),
    ("/api/v2/pages/99999999999999999999/", {}, 404),
    ("/api/v2/images/99999999999999999999/", {}, 404),
    ("/api/v2/documents/99999999999999999999/", {}, 404),
    ("/api/v2/pages/abc/", {}, 404),
    ("/api/v2/nothing/", {}, 404),
    ("/api/v3/pages/", {}, 404),
    ("/api/v2/pages/find/", {"id": "999999"}, 404),
    ("/api/v2/pages/find/", {"html_path": "/no/such/page/"}, 404),
]


@pytest.mark.parametrize(("path", "params", "status"), BAD_REQUESTS)
def test_bad_requests_answer_json_with_the_right_status(client, index, path, params, status):
    response = client.get(path, params)

    assert response.status_code == status, response.content[:300]
    assert response["Content-Type"].startswith("application/json")
    if status >= 400:
        assert isinstance(response.json()["message"], str) and response.json()["message"]


def test_html_is_never_answered_even_when_asked_for(client, index):
    response = client.get("/api/v2/pages/999999/", HTTP_ACCEPT="text/html")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    response = client.get("/api/v2/pages/", {"format": "api"})
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")


def test_an_address_without_its_final_slash_is_sent_to_the_one_with_it(client, index):
    response = client.get("/api/v2/pages", {"type": "stories.StoryPage"})
    assert response.status_code == 301
    assert response["Location"] == "/api/v2/pages/?type=stories.StoryPage"


def test_a_parameter_given_twice_is_refused(client, index):
    response = client.get("/api/v2/pages/?limit=1&limit=2")
    assert response.status_code == 400
    assert response.json() == {"message": "limit is given more than once"}


INTEGER_PARAMETERS = ["offset", "limit", "child_of", "descendant_of", "ancestor_of", "translation_of", "year"]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(INTEGER_PARAMETERS), value=st.text(max_size=30))
def test_any_text_in_an_integer_parameter_gives_200_400_or_404(client, index, name, value):
    params = {"type": "stories.StoryPage", name: value}
    response = client.get("/api/v2/pages/", params)

    assert response.status_code in (200, 400, 404), (name, value, response.content[:300])
    assert response["Content-Type"].startswith("application/json")


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(endpoint=st.sampled_from(["pages", "images", "documents"]), value=st.text(max_size=40))
def test_any_search_text_gives_200_or_400(client, index, endpoint, value):
    response = client.get(f"/api/v2/{endpoint}/", {"search": value})

    assert response.status_code in (200, 400), (endpoint, value, response.content[:300])
    assert "\x00" in value or response.status_code == 200
