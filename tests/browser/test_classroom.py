"""A resident on a phone (390x844) filters the calendar for seniors and opens a session, in
Chinese and in vertical Mongolian; axe finds nothing serious. Screenshots go to
test-artifacts/screenshots (calendar-*.png)."""

import pytest

from devtools.demo.classroom import CLASSROOM_MONGOLIAN

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
CASES = {
    "zh": ("/zh-hans/events/", "zh-CN", "老年人智能手机课", "党群服务中心二楼教室"),
    "mn": (
        "/mn-mong/events/",
        "mn-CN",
        CLASSROOM_MONGOLIAN["老年人智能手机课"],
        CLASSROOM_MONGOLIAN["党群服务中心二楼教室"],
    ),
}


@pytest.mark.parametrize("language", ["zh", "mn"])
def test_resident_filters_by_seniors_and_opens_a_session(
    browser, live_server, demo_site, axe, artifacts_dir, page_errors, language
):
    url, browser_locale, course_title, venue = CASES[language]
    context = browser.new_context(viewport=PHONE, locale=browser_locale)
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.route("**/media/**", lambda route: route.fulfill(status=404))

    assert page.goto(live_server.url + url).status == 200
    assert page.locator("body.calendar--agenda").count() == 1  # the agenda is the default
    # On a phone the filters wait behind their "Filter" button: the results come first.
    assert not page.locator("#id_audience").is_visible()
    page.locator(".filters-panel__toggle").click()
    page.select_option("#id_audience", "seniors")
    page.locator("form.filters button[type=submit]").click()
    page.wait_for_load_state()
    assert "audience=seniors" in page.url
    assert page.locator(".occurrence").count() > 0
    assert page.locator(".occurrence__title a", has_text="书法班" if language == "zh" else "ᠬᠡᠦᠬᠡᠳ").count() == 0
    if language == "mn":
        writing_mode = page.evaluate("getComputedStyle(document.querySelector('.agenda')).writingMode")
        assert writing_mode == "vertical-lr"
    page.evaluate("document.fonts.ready")
    page.locator(".agenda").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"calendar-{language}-seniors-390x844.png"))
    assert serious_violations(axe, page) == []

    page.locator(".occurrence__title a", has_text=course_title).first.click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text().strip() == course_title
    assert page.locator(".activity-facts__venue").inner_text().strip() == venue
    page.evaluate("document.fonts.ready")
    page.screenshot(path=str(artifacts_dir / f"course-{language}-390x844.png"))
    assert serious_violations(axe, page) == []

    page.goto(live_server.url + url + "?view=month")
    page.evaluate("document.fonts.ready")
    page.locator(".month").scroll_into_view_if_needed()
    page.screenshot(path=str(artifacts_dir / f"calendar-{language}-month-390x844.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    assert serious_violations(axe, page) == []
    assert page_errors == []
    context.close()
