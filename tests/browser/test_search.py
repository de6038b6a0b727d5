"""Searching from the header box in a real Chromium: results, marks, and axe is clean."""

import pytest

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("language", ["zh-hans", "mn-mong"])
def test_header_search_box_finds_stories_and_the_results_page_passes_axe(
    live_server, demo_site, browser_page, page_errors, axe, artifacts_dir, language
):
    browser_page.goto(f"{live_server.url}/{language}/")
    browser_page.locator(".site-search > summary").click()  # search opens from an icon
    browser_page.locator("#site-search-q").fill("團結")
    browser_page.locator("#site-search-q").press("Enter")
    browser_page.wait_for_url(f"**/{language}/search/?q=*")
    if language == "mn-mong":  # Chinese words on the Mongolian site: no Mongolian page has them,
        assert browser_page.locator(".search-result").count() == 0  # and the other language is one click away
        browser_page.locator(".search__any-language").click()
        browser_page.wait_for_url("**lang=any*")

    assert browser_page.locator(".search-result").count() > 0
    assert browser_page.locator(".search-result mark").first.inner_text() in {"团结", "團結"}
    assert serious_violations(axe, browser_page) == []
    browser_page.screenshot(path=artifacts_dir / f"{language[:2]}-search-1366.png", full_page=True)
    assert page_errors == []


def test_hostile_query_in_the_browser_gets_a_page(live_server, demo_site, browser_page, page_errors):
    response = browser_page.goto(f"{live_server.url}/zh-hans/search/?q=%22*%20OR%20NEAR(&page=x")
    assert response.status == 200
    assert browser_page.locator("h1").first.is_visible()
    assert page_errors == []
