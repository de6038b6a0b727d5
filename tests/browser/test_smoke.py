"""A resident's first visit, in a real Chromium: pages render, scripts work, axe is clean."""

import pytest

from stories.models import StoryPage

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def visit(page, url: str):
    response = page.goto(url)
    assert response.status == 200, url
    return response


def test_home_story_and_filtered_index_render_without_errors_and_pass_axe(
    live_server, demo_site, browser_page, page_errors, axe, artifacts_dir
):
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").order_by("pk").first()
    pages = {
        "home": "/zh-hans/",
        "story": story.url,
        "filtered-index": "/zh-hans/stories/?theme=gongju",
    }
    for name, path in pages.items():
        visit(browser_page, live_server.url + path)
        assert browser_page.locator("h1").first.is_visible(), name
        assert serious_violations(axe, browser_page) == [], name
        browser_page.screenshot(path=artifacts_dir / f"zh-{name}-1366.png", full_page=True)

    assert page_errors == []


def test_filtered_index_shows_only_matching_stories(live_server, demo_site, browser_page):
    visit(browser_page, live_server.url + "/zh-hans/stories/")
    total = browser_page.locator(".card").count()
    browser_page.select_option("#id_theme", "gongju")
    browser_page.get_by_role("button", name="Show stories").or_(browser_page.locator(".filters .button")).first.click()
    browser_page.wait_for_url("**theme=gongju**")

    filtered = browser_page.locator(".card").count()
    assert 0 < filtered <= total
    expected = StoryPage.objects.live().filter(locale__language_code="zh-hans", themes__slug="gongju").count()
    assert filtered == min(expected, 12)


def test_large_text_and_high_contrast_persist_across_pages(live_server, demo_site, browser_page):
    visit(browser_page, live_server.url + "/zh-hans/")
    base_size = browser_page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")

    browser_page.locator(".site-menu > summary").click()  # the reading tools are in the menu
    browser_page.locator('[data-reading-tools] [data-font-size="x-large"]').click()
    browser_page.locator("[data-contrast-toggle]").click()
    visit(browser_page, live_server.url + "/zh-hans/stories/")

    size = browser_page.evaluate("parseFloat(getComputedStyle(document.documentElement).fontSize)")
    background = browser_page.evaluate("getComputedStyle(document.body).backgroundColor")
    line_height = browser_page.evaluate(
        "parseFloat(getComputedStyle(document.body).lineHeight) / parseFloat(getComputedStyle(document.body).fontSize)"
    )
    assert size == pytest.approx(base_size * 1.5)
    assert background == "rgb(0, 0, 0)"
    assert line_height >= 1.3
    assert browser_page.locator('button[data-font-size="x-large"]').get_attribute("aria-pressed") == "true"


def test_keyboard_users_reach_the_skip_link_first_and_see_focus(live_server, demo_site, browser_page):
    visit(browser_page, live_server.url + "/zh-hans/")

    browser_page.keyboard.press("Tab")

    focused = browser_page.evaluate("document.activeElement.className")
    outline = browser_page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert focused == "skip-link"
    assert outline != "none"
    browser_page.keyboard.press("Enter")
    assert browser_page.evaluate("location.hash") == "#main"


def test_phone_width_has_no_sideways_scrolling_on_chinese_pages(live_server, demo_site, browser):
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="zh-CN")
    page = context.new_page()
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").order_by("pk").first()
    for path in ("/zh-hans/", story.url, "/zh-hans/stories/"):
        visit(page, live_server.url + path)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, path
    context.close()
