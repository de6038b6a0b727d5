"""Phone-first layout in a real Chromium, on the demo site, at 390x844 and 1366x768 in the three
text sizes (normal, large, x-large: the reading tools' data-font-size), in both languages.

Measured on every page type: the header's height (at most 15% of the window), every line of
text of a Mongolian page whole inside the window below the header (the reader only swipes
sideways), nothing wider than the window outside the Mongolian reading area, and no element
whose own text is Mongolian (U+1800-U+18AF) laid out horizontally. Screenshots go to
test-artifacts/screenshots/phone-layout/. Print: Chromium's PDF of a long Mongolian story holds
its whole body text and byline; a Chinese story's PDF names the publisher and keeps the QR code
with the byline.

The demo is loaded once for the module (not per test: loading it takes about a minute) and
served by a live server of its own; the database is put back as the migrations left it
afterwards.
"""

import io
import mimetypes
import re
import unicodedata
from pathlib import Path

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connections
from django.test import Client, override_settings

from wagtail.models import Locale

from devtools.demo.stories import STORIES
from stories.models import StoryIndexPage, StoryPage
from tests.factories import StoryPageFactory

from .conftest import serious_violations

# The browser tests are not database tests for pytest-django (no per-test transaction or flush,
# which would hold locks against the live server or empty the demo): the module fixture loads
# the demo, and test_search_page_uses_the_vertical_shell below (a database test) makes sure the
# test database is set up even when this module runs alone.
pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1366, "height": 768}
TEXT_SIZES = ["normal", "large", "x-large"]
MAX_HEADER_SHARE = 0.15

# Per page: every element whose own text (or placeholder, or a field's value) is Mongolian and
# that is laid out horizontally; the lines of text of the vertical region outside the window;
# the elements outside a scrolling box that stick out of the window sideways.
MEASURE = """() => {
    const MONGOLIAN = /[\\u1800-\\u18AF]/;
    const label = el => el.tagName.toLowerCase()
        + (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const horizontal = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest("svg, script, style, template")) continue;
        const style = getComputedStyle(el);
        if (style.display === "none") continue;
        const own = [...el.childNodes].filter(node => node.nodeType === Node.TEXT_NODE).map(node => node.data).join("");
        const field = (el.getAttribute("placeholder") || "")
            + (el.matches("input:not([type=hidden]), textarea") ? el.value : "");
        if ((MONGOLIAN.test(own) || MONGOLIAN.test(field)) && style.writingMode.startsWith("horizontal")) {
            horizontal.push(label(el) + ": " + (own || field).trim().slice(0, 24));
        }
    }
    const header = document.querySelector(".site-header").getBoundingClientRect();
    const region = document.querySelector("main.vertical-main");
    const outside = [];
    if (region) {
        const walker = document.createTreeWalker(region, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            if (!node.data.trim() || !node.parentElement.checkVisibility()) continue;
            const range = document.createRange();
            range.selectNodeContents(node);
            for (const line of range.getClientRects()) {
                if (line.width === 0 || line.height === 0) continue;
                if (line.top < header.bottom - 1 || line.bottom > innerHeight + 1) {
                    const where = Math.round(line.top) + "-" + Math.round(line.bottom);
                    outside.push(label(node.parentElement) + " " + where + ": " + node.data.trim().slice(0, 16));
                    break;
                }
            }
        }
    }
    const scrolls = el => {
        for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
            const x = getComputedStyle(a).overflowX;
            if (x !== "visible" && x !== "clip") return true;
        }
        return false;
    };
    const wide = [];
    for (const el of document.body.querySelectorAll("*")) {
        if (el.closest(".vertical-main, svg") || !el.checkVisibility() || scrolls(el)) continue;
        const box = el.getBoundingClientRect();
        if (box.width && (box.right > innerWidth + 1 || box.left < -1)) {
            wide.push(label(el) + " " + Math.round(box.left) + "-" + Math.round(box.right));
        }
    }
    return {
        header: header.height,
        horizontal: horizontal.slice(0, 12),
        outside: outside.slice(0, 12),
        wide: wide.slice(0, 12),
        pageWidth: document.documentElement.scrollWidth,
        vertical: Boolean(region),
        fallback: document.querySelector("main").lang,
    };
}"""


@pytest.fixture
def _media_root():
    """Overrides the per-test media folder: this module's demo keeps one for all its tests."""


@pytest.fixture(scope="module")
def demo(browser, django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo content, loaded once, served by a live server of this module's own.

    Yields ``{"url": base URL, "media": Path, "pages": {name: (Chinese path, Mongolian path)},
    "long_story": Mongolian path, "byline": [names]}``.
    """
    from pytest_django.live_server_helper import LiveServer

    media = tmp_path_factory.mktemp("phone-media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=media):
        state = _migrated_state()
        _reset_database(state)
        with open("/dev/null", "w") as quiet:
            call_command("load_demo", "--no-admin", stdout=quiet)
        pages, long_story, byline = _demo_pages()
        client = Client()
        for paths in pages.values():  # pictures are resized on a page's first view: not measured here
            for path in paths:
                client.get(path)
        server = LiveServer("localhost")
        try:
            yield {"url": server.url, "media": media, "pages": pages, "long_story": long_story, "byline": byline}
        finally:
            server.stop()
            _reset_database(state)


def _migrated_state() -> str:
    """The database as the migrations left it (locales, root page, default site), serialized.

    Taken now if this module runs first; if transactional tests ran before, they flushed the
    tables, and the snapshot Django took at setup for their serialized rollback is used.
    """
    connection = connections["default"]
    assert "test" in str(connection.settings_dict["NAME"]), "not the test database"
    if Locale.objects.exists():
        return connection.creation.serialize_db_to_string()
    return connection._test_serialized_contents


def _reset_database(state: str) -> None:
    """Empty the test database and put back ``state`` (from :func:`_migrated_state`)."""
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    connections["default"].creation.deserialize_db_from_string(state)
    # Content types come back with the snapshot's ids; the process's cache may hold others
    # (transactional tests flush and re-create them), and a stale one turns a workflow task into
    # a plain Page through ``.specific``.
    ContentType.objects.clear_cache()


def _demo_pages():
    mongolian = Locale.objects.get(language_code="mn-mong")
    story = StoryPage.objects.get(locale__language_code="zh-hans", slug=STORIES[0]["slug"])
    translated = set(StoryPage.objects.filter(locale=mongolian).values_list("translation_key", flat=True))
    untranslated = (
        StoryPage.objects.live().filter(locale__language_code="zh-hans").exclude(translation_key__in=translated).first()
    )
    if untranslated is None:  # every demo story translated: add one that is not
        index = StoryIndexPage.objects.get(locale__language_code="zh-hans", slug="stories")
        untranslated = StoryPageFactory(parent=index, slug="untranslated", title="阿吉拉沁社区：一栋楼里住着七个民族")
    # A long Mongolian story: the first one with its body five times over (block ids dropped).
    long_story = story.get_translation(mongolian)
    blocks = [{"type": block["type"], "value": block["value"]} for block in long_story.body.raw_data]
    long_story.body = blocks * 5
    long_story.save()
    byline = [name for name in (long_story.author, long_story.source, long_story.reviewer) if name]

    def both(path):
        return (f"/zh-hans/{path}", f"/mn-mong/{path}")

    pages = {
        "home": both(""),
        "story": both(f"stories/{story.slug}/"),
        "untranslated-story": both(f"stories/{untranslated.slug}/"),
        "story-index": both("stories/"),
        "search": (f"/zh-hans/search/?q={story.title[:2]}", f"/mn-mong/search/?q={long_story.title.split()[0]}"),
        "campaign": both("campaigns/ethnic-law-week-2026/"),
        "course": both("events/seniors-smartphone/"),
        "calendar": both("events/"),
        "calendar-month": both("events/?view=month"),
        "calendar-week": both("events/?view=week"),
        "album": both("albums/ajilaqin-naadam-2025/"),
        "material-index": both("materials/"),
        "material": both("materials/seeds-class-meeting/"),
        "404": both("no-such-page/"),
    }
    return pages, f"/mn-mong/stories/{story.slug}/", byline


@pytest.mark.django_db
def test_search_page_uses_the_vertical_shell(client, home):
    html = client.get("/mn-mong/search/?q=x").content.decode()
    assert '<main id="main" class="vertical-main"' in html and "css/mongolian.css" in html
    assert '<details class="filters-panel"' in html


def open_page(browser, demo, path: str, viewport: dict, text_size: str = "normal", errors: list | None = None):
    """A fresh Chromium context at ``viewport`` with the reader's text size saved, on ``path``."""
    context = browser.new_context(viewport=viewport, locale="zh-CN")
    context.add_init_script(f"try {{ localStorage.setItem('shiliu-font-size', '{text_size}'); }} catch (e) {{}}")
    page = context.new_page()
    if errors is not None:
        page.on("pageerror", lambda error: errors.append(str(error)))

    def media(route):
        file = Path(demo["media"]) / route.request.url.split("/media/", 1)[1].split("?")[0]
        if file.is_file():
            route.fulfill(status=200, body=file.read_bytes(), content_type=mimetypes.guess_type(file.name)[0])
        else:
            route.fulfill(status=404)

    page.route("**/media/**", media)
    response = page.goto(demo["url"] + path, wait_until="domcontentloaded")
    assert response.status == (404 if "no-such-page" in path else 200), path
    page.evaluate("document.fonts.ready")
    return page


@pytest.mark.parametrize("text_size", TEXT_SIZES)
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_every_page_type_fits_the_window_in_every_text_size(browser, demo, artifacts_dir, viewport, text_size):
    folder = artifacts_dir / "phone-layout"
    folder.mkdir(exist_ok=True)
    size = f"{viewport['width']}x{viewport['height']}"
    problems = {}
    errors: list[str] = []
    for name, paths in demo["pages"].items():
        for language, path in zip(("zh", "mn"), paths, strict=True):
            page = open_page(browser, demo, path, viewport, text_size, errors)
            measured = page.evaluate(MEASURE)
            found = {
                "header taller than 15% of the window": measured["header"] > viewport["height"] * MAX_HEADER_SHARE,
                "Mongolian set horizontally": measured["horizontal"],
                "text outside the window": measured["outside"],
                "wider than the window": measured["wide"]
                or (measured["pageWidth"] > viewport["width"] and measured["pageWidth"]),
            }
            if language == "mn":  # vertical unless shown in Chinese for a missing translation
                found["no vertical reading area"] = not measured["vertical"] and not measured["fallback"]
            found = {problem: detail for problem, detail in found.items() if detail}
            if found:
                problems[f"{language} {name}"] = found | {"header": measured["header"]}
            if language == "mn" or text_size == "normal":
                page.screenshot(path=folder / f"{language}-{name}-{size}-{text_size}.png")
            page.context.close()

    assert problems == {}
    assert errors == []


def test_mongolian_story_on_a_phone_shows_whole_columns_below_a_compact_header(browser, demo, artifacts_dir):
    for text_size in TEXT_SIZES:
        page = open_page(browser, demo, demo["pages"]["story"][1], PHONE, text_size)
        header = page.locator(".site-header").bounding_box()
        region = page.locator("main").bounding_box()
        assert header["height"] <= 126, text_size
        assert region["y"] == pytest.approx(header["height"], abs=1)  # the columns start right below
        assert region["y"] + region["height"] <= PHONE["height"] + 1  # and end on screen
        assert page.evaluate("document.documentElement.scrollHeight") > PHONE["height"]  # the footer follows
        assert page.evaluate("scrollY") == 0
        page.screenshot(path=artifacts_dir / "phone-layout" / f"mn-story-first-screen-{text_size}.png")
        page.context.close()


@pytest.mark.parametrize("language", ["zh", "mn"])
def test_menu_holds_sections_and_reading_tools_and_search_opens_from_an_icon(browser, demo, artifacts_dir, language):
    path = demo["pages"]["story"][language == "mn"]
    page = open_page(browser, demo, path, PHONE, "x-large")
    assert not page.locator(".site-nav").is_visible()
    assert not page.locator("#site-search-q").is_visible()

    page.locator(".site-menu > summary").click()
    links = page.locator(".site-nav a")
    assert links.count() >= 5
    boxes = [links.nth(i).bounding_box() for i in range(links.count())]
    search = page.locator(".site-search > summary").bounding_box()
    for box in boxes:  # every item whole on screen, below the header, clear of the search icon
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
        assert box["y"] >= search["y"] + search["height"] and box["y"] + box["height"] <= PHONE["height"] + 1
    for first, second in zip(boxes, boxes[1:], strict=False):  # and no two overlap
        apart = (
            first["x"] + first["width"] <= second["x"] + 1
            or second["x"] + second["width"] <= first["x"] + 1
            or first["y"] + first["height"] <= second["y"] + 1
            or second["y"] + second["height"] <= first["y"] + 1
        )
        assert apart, (first, second)
    assert page.locator('[data-reading-tools] [data-font-size="x-large"]').get_attribute("aria-pressed") == "true"
    page.screenshot(path=artifacts_dir / "phone-layout" / f"{language}-menu-390x844-x-large.png")

    page.locator(".site-search > summary").click()
    assert not page.locator(".site-nav").is_visible()  # one panel at a time
    # site.js puts the cursor in the field once the panel has opened.
    # (expect, not wait_for_function: polling a string predicate is an eval the page's CSP refuses)
    expect(page.locator("#site-search-q")).to_be_focused(timeout=10_000)
    page.keyboard.type("ᠡᠪ ᠨᠡᠶᠢᠲᠡ" if language == "mn" else "团结")  # unity; search keeps to the page's language
    page.keyboard.press("Enter")
    page.wait_for_url("**/search/?q=*")
    assert page.locator(".search-result").count() > 0
    page.context.close()


def test_header_search_and_menu_work_without_javascript(browser, demo):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False)
    page = context.new_page()
    page.goto(demo["url"] + demo["pages"]["home"][1])
    page.locator(".site-search > summary").click()
    page.locator("#site-search-q").fill("ᠮᠣᠩᠭᠣᠯ")
    page.locator("#site-search-q").press("Enter")
    page.wait_for_url("**/mn-mong/search/?q=*")
    page.locator(".site-menu > summary").click()
    assert page.locator(".site-nav a").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", ["/zh-hans/stories/", "/zh-hans/search/?q=团结", "/zh-hans/events/"])
def test_on_a_phone_results_come_first_and_filters_open_from_a_button(browser, demo, path):
    page = open_page(browser, demo, path, PHONE)
    first_field = page.locator(".filters-panel__fields select").first
    assert not first_field.is_visible()
    result = page.locator(".card, .search-result, .occurrence").first
    assert result.bounding_box()["y"] < PHONE["height"] * 0.7  # on the first screen

    page.locator(".filters-panel__toggle").click()
    assert first_field.is_visible()
    page.context.close()

    page = open_page(browser, demo, path, DESKTOP)
    assert page.locator(".filters-panel__fields select").first.is_visible()  # always shown on a wide screen
    assert not page.locator(".filters-panel__toggle").is_visible()
    page.context.close()


def test_untranslated_story_notice_leaves_the_chinese_title_its_width(browser, demo):
    page = open_page(browser, demo, demo["pages"]["untranslated-story"][1], PHONE, "x-large")
    notice = page.locator(".translation-notice")
    title = page.locator("h1")
    assert page.evaluate("getComputedStyle(document.querySelector('.translation-notice')).writingMode") == "vertical-lr"
    assert title.bounding_box()["y"] >= notice.bounding_box()["y"] + notice.bounding_box()["height"]
    assert title.bounding_box()["width"] >= PHONE["width"] * 0.8
    page.context.close()


def test_mongolian_footer_wraps_on_screen_with_the_government_site_code(browser, demo):
    page = open_page(browser, demo, demo["pages"]["home"][1], PHONE, "x-large")
    footer = page.locator(".site-footer__inner")
    assert page.evaluate("(e => e.scrollWidth <= e.clientWidth + 1)(document.querySelector('.site-footer__inner'))")
    code = footer.locator("li").last
    code.scroll_into_view_if_needed()
    box = code.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"] + 1
    page.context.close()


def test_pages_pass_axe_on_a_phone_with_the_menu_open(browser, demo, axe):
    failures = {}
    for name in ("home", "story", "story-index", "search", "calendar", "404"):
        for path in demo["pages"][name]:
            page = open_page(browser, demo, path, PHONE, "large")
            page.locator(".site-menu > summary").click()
            found = serious_violations(axe, page)
            if found:
                failures[path] = found
            page.context.close()
    assert failures == {}


def _pdf_text(pdf: bytes) -> tuple[int, list[str]]:
    pages = PdfReader(io.BytesIO(pdf)).pages
    return len(pages), [page.extract_text() for page in pages]


# Ideographs whose glyphs the CJK font also uses for a CJK Radicals Supplement code point, which
# is what the PDF's text gives back (NFKC maps the Kangxi radicals, not these).
RADICALS = str.maketrans("⺠⻔⻓⻢⻛⻜⻬⻩⻅⻆⻉⻋⻝⻘⻄", "民门长马风飞齐黄见角贝车食青西")


def _comparable(text: str) -> str:
    """Text as pypdf gives it back and as the page has it, made comparable: NFKC and RADICALS
    (PDF text has radicals for some ideographs), no whitespace, no Mongolian format controls
    (free variation selectors, vowel separator, ZWJ/ZWNJ, narrow no-break space)."""
    text = unicodedata.normalize("NFKC", text).translate(RADICALS)
    return re.sub(r"[\s\u180b-\u180f\u200c\u200d\u202f]", "", text)


def test_printed_mongolian_story_holds_the_whole_body_and_the_byline(browser, demo):
    page = open_page(browser, demo, demo["long_story"], DESKTOP)
    body = page.locator(".story__body").inner_text()
    page_count, texts = _pdf_text(page.pdf(format="A4"))
    printed = _comparable("".join(texts))

    assert page_count >= 3  # the columns flow over pages
    missing = [word for word in body.split() if _comparable(word) not in printed]
    assert missing == []
    assert len(_comparable(body)) > 3000
    for name in demo["byline"]:
        assert _comparable(name) in printed
    assert page.locator(".site-footer__org").count() == 0 or _comparable(
        page.locator(".site-footer__org").inner_text()
    ) in _comparable(texts[-1] + texts[-2])
    page.context.close()


def test_printed_chinese_story_names_the_publisher_and_keeps_the_qr_code_with_the_byline(browser, demo):
    page = open_page(browser, demo, demo["pages"]["story"][0], DESKTOP)
    publisher = page.locator(".site-footer__org").inner_text()
    author = page.locator(".byline dd").first.inner_text()
    scan = page.locator(".story__share p").inner_text()
    _, texts = _pdf_text(page.pdf(format="A4"))

    assert _comparable(publisher) in _comparable(texts[-1])
    page_with_qr = next(text for text in texts if _comparable(scan) in _comparable(text))
    assert _comparable(author) in _comparable(page_with_qr)  # not alone on a page
    assert "标准字" not in "".join(texts) and "高对比度" not in "".join(texts)  # no reading tools
    page.context.close()
