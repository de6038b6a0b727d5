"""The Mongolian site in a real Chromium: vertical columns, its own font, nothing overflowing,
readable with keyboard, wheel and touch, one click from Chinese, and clean under axe.

Screenshots of the Mongolian story go to test-artifacts/screenshots (see docs/bilingual.md).
"""

import mimetypes
from pathlib import Path

import pytest
from playwright.sync_api import expect

from django.conf import settings

from wagtail.models import Locale

from devtools.demo.stories import STORIES
from stories.models import StoryPage

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}

# Block-level text holders in the content region whose text spills out of their own box, or
# out of the region's column length (which would be clipped: the region only scrolls sideways).
OVERFLOWS = """() => {
    const region = document.querySelector("main");
    const bounds = region.getBoundingClientRect();
    const spilled = [];
    for (const el of region.querySelectorAll("h1, h2, h3, p, li, dt, dd, figcaption, blockquote, time, label")) {
        const style = getComputedStyle(el);
        if (style.display === "none" || style.display === "contents" || !el.getClientRects().length) continue;
        const box = el.getBoundingClientRect();
        const name = el.tagName + "." + el.className + ": " + el.textContent.trim().slice(0, 20);
        const spills = el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1;
        if (style.display !== "inline" && spills) spilled.push("own box " + name);
        if (box.top < bounds.top - 1 || box.bottom > bounds.bottom + 1) spilled.push("column length " + name);
    }
    if (document.documentElement.scrollWidth > window.innerWidth + 1) spilled.push("the page scrolls sideways");
    return spilled;
}"""


@pytest.fixture
def serve_media(settings):
    """Serve uploaded demo pictures to Chromium (the live server serves static files only)."""

    def handle(route):
        path = Path(settings.MEDIA_ROOT) / route.request.url.split("/media/", 1)[1].split("?")[0]
        if path.is_file():
            route.fulfill(status=200, body=path.read_bytes(), content_type=mimetypes.guess_type(path.name)[0])
        else:
            route.fulfill(status=404)

    return handle


@pytest.fixture
def stories(demo_site):
    """The first demo story in Chinese and in Mongolian."""
    chinese = StoryPage.objects.get(locale__language_code="zh-hans", slug=STORIES[0]["slug"])
    return chinese, chinese.get_translation(Locale.objects.get(language_code="mn-mong"))


def open_page(browser, live_server, url: str, viewport: dict, serve_media, errors: list):
    context = browser.new_context(viewport=viewport, locale="mn-CN")
    page = context.new_page()
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.route("**/media/**", serve_media)
    response = page.goto(live_server.url + url)
    assert response.status == 200, url
    page.evaluate("document.fonts.ready")
    return page


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_mongolian_story_is_vertical_in_its_own_font_and_nothing_overflows(
    browser, live_server, stories, serve_media, artifacts_dir, viewport
):
    errors: list[str] = []
    page = open_page(browser, live_server, stories[1].url, viewport, serve_media, errors)

    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).writingMode") == "vertical-lr"
    assert page.evaluate("getComputedStyle(document.querySelector('header')).writingMode") == "horizontal-tb"
    fonts = page.evaluate("[...document.fonts].map(font => [font.family.replaceAll('\"', ''), font.status])")
    assert ["Shiliu Mongolian", "loaded"] in fonts
    assert page.evaluate("document.fonts.check('16px \"Shiliu Mongolian\"', 'ᠮᠣᠩᠭᠣᠯ')")
    assert page.evaluate(OVERFLOWS) == []
    in_view = "[...document.images].filter(image => image.getBoundingClientRect().left < innerWidth)"
    assert page.evaluate(f"{in_view}.every(image => image.complete && image.naturalWidth > 0)")
    # The layout follows the window's height, so the screenshots are of the window itself:
    # the start of the story, then the columns one screen further on.
    size = f"{viewport['width']}x{viewport['height']}"
    page.screenshot(path=artifacts_dir / f"mn-story-{size}.png")
    page.evaluate("(m => m.scrollBy({left: m.clientWidth * 0.9, behavior: 'instant'}))(document.querySelector('main'))")
    page.screenshot(path=artifacts_dir / f"mn-story-{size}-scrolled.png")
    assert errors == []
    page.context.close()


def test_keyboard_reaches_the_last_column(browser, live_server, stories, serve_media):
    page = open_page(browser, live_server, stories[1].url, PHONE, serve_media, [])
    region = page.locator("main")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("aria-label")

    page.keyboard.press("Tab")  # the skip link
    page.keyboard.press("Enter")  # to the content region
    assert page.evaluate("document.activeElement.id") == "main"
    remaining = (
        "(() => { const m = document.querySelector('main'); return m.scrollWidth - m.clientWidth - m.scrollLeft; })()"
    )
    assert page.evaluate(remaining) > 0
    for _ in range(300):  # pictures load as they come into view, so the end is measured each time
        if page.evaluate(remaining) <= 1:
            break
        page.keyboard.press("ArrowRight")

    assert page.evaluate(remaining) <= 1
    last = page.evaluate(
        "(() => { const r = document.querySelector('main').getBoundingClientRect();"
        " const items = document.querySelectorAll('main .card, main .story__share');"
        " const b = items[items.length - 1].getBoundingClientRect(); return b.right <= r.right + 1; })()"
    )
    assert last  # the story's last part is in view
    page.keyboard.press("Home")
    page.context.close()


def test_mouse_wheel_and_touch_scroll_the_columns_sideways(browser, live_server, stories, serve_media):
    page = open_page(browser, live_server, stories[1].url, DESKTOP, serve_media, [])
    box = page.locator("main").bounding_box()

    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.mouse.wheel(0, 500)
    expect(page.locator("main")).not_to_have_js_property("scrollLeft", 0)  # no wait_for_function: CSP refuses its eval

    assert page.evaluate("window.scrollY") == 0  # the page itself did not move
    assert page.evaluate("getComputedStyle(document.querySelector('main')).overflowX") == "auto"  # touch pans it
    page.context.close()


def test_one_click_switches_between_the_chinese_and_the_mongolian_story(browser, live_server, stories, serve_media):
    chinese, mongolian = stories
    page = open_page(browser, live_server, chinese.url, DESKTOP, serve_media, [])
    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).writingMode") == "horizontal-tb"

    page.locator('.language-switcher a[hreflang="mn-Mong"]').click()
    page.wait_for_url(f"**{mongolian.url}")
    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).writingMode") == "vertical-lr"

    page.locator('.language-switcher a[hreflang="zh-Hans"]').click()
    page.wait_for_url(f"**{chinese.url}")
    page.context.close()


def test_large_text_and_high_contrast_work_on_mongolian_pages(browser, live_server, stories, serve_media):
    page = open_page(browser, live_server, stories[1].url, DESKTOP, serve_media, [])

    page.locator(".site-menu > summary").click()  # the reading tools are in the menu
    page.locator('[data-reading-tools] [data-font-size="x-large"]').click()
    page.locator("[data-contrast-toggle]").click()

    assert page.evaluate("getComputedStyle(document.documentElement).fontSize") == "24px"
    assert page.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(0, 0, 0)"
    assert page.evaluate("getComputedStyle(document.querySelector('article.story')).writingMode") == "vertical-lr"
    assert page.evaluate(OVERFLOWS) == []
    page.context.close()


def test_mongolian_pages_have_no_serious_accessibility_violations(browser, live_server, stories, serve_media, axe):
    urls = [
        "/mn-mong/",
        "/mn-mong/stories/",
        stories[1].url,
        "/mn-mong/campaigns/",
        "/mn-mong/campaigns/ethnic-law-week-2026/",
    ]
    for url in urls:
        page = open_page(browser, live_server, url, DESKTOP, serve_media, [])
        assert serious_violations(axe, page) == [], url
        page.context.close()


def test_chinese_story_stays_horizontal(browser, live_server, stories, serve_media, artifacts_dir):
    page = open_page(browser, live_server, stories[0].url, DESKTOP, serve_media, [])

    assert page.evaluate("getComputedStyle(document.querySelector('main')).writingMode") == "horizontal-tb"
    assert not page.evaluate("[...document.styleSheets].some(sheet => (sheet.href || '').includes('mongolian.css'))")
    page.screenshot(path=artifacts_dir / "zh-story-1366x768.png", full_page=True)
    page.context.close()


def test_settings_keep_screenshots_in_the_documented_folder(artifacts_dir):
    assert artifacts_dir == Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
