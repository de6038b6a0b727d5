"""The Content-Security-Policy in a real Chromium: the public site and Wagtail's page editor run
with no violation, and no request leaves for another host."""

from urllib.parse import urlsplit

import pytest

from django.contrib.auth.models import User

from stories.models import StoryPage

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

#: Reports every CSP violation the page meets (blocked scripts, styles, frames, images).
WATCH_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(
        `${event.violatedDirective} ${event.blockedURI || "inline"} at ${event.sourceFile}:${event.lineNumber}`
    );
});
"""


@pytest.fixture
def watched_page(browser, live_server):
    """A page that records CSP messages in the console and every host it sends a request to."""
    context = browser.new_context(viewport={"width": 1366, "height": 900}, locale="zh-CN")
    context.add_init_script(WATCH_VIOLATIONS)
    page = context.new_page()
    page.csp_messages = []
    page.hosts = set()
    page.on(
        "console",
        lambda message: "Content Security Policy" in message.text and page.csp_messages.append(message.text),
    )
    page.on("request", lambda request: page.hosts.add(urlsplit(request.url).netloc))
    yield page
    context.close()


def violations(page) -> list[str]:
    return page.csp_messages + page.evaluate("window.__cspViolations || []")


def test_public_pages_run_under_the_policy_without_violations(live_server, demo_site, watched_page):
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").order_by("pk").first()
    mongolian = StoryPage.objects.live().filter(locale__language_code="mn-mong").order_by("pk").first()
    for path in ("/zh-hans/", story.url, mongolian.url, "/zh-hans/search/?q=团结"):
        response = watched_page.goto(live_server.url + path)
        assert response.status == 200, path
        assert "script-src 'self'" in response.headers["content-security-policy"]
        watched_page.wait_for_load_state("networkidle")
        # The reading preferences script (a static file, not inline) still ran before paint.
        assert watched_page.evaluate("document.documentElement.classList.contains('js')"), path
        assert violations(watched_page) == [], path

    assert watched_page.hosts == {urlsplit(live_server.url).netloc}


def test_the_page_editor_works_under_the_policy_without_violations(live_server, demo_site, watched_page):
    User.objects.create_superuser("editor", "editor@example.com", "editor-password-1")
    story = StoryPage.objects.filter(locale__language_code="zh-hans").order_by("pk").first()
    page = watched_page

    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "editor-password-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.wait_for_load_state("networkidle")
    assert violations(page) == []

    response = page.goto(live_server.url + f"/admin/pages/{story.pk}/edit/")
    assert response.status == 200
    page.wait_for_load_state("networkidle")
    title = page.locator("#id_title")
    title.wait_for(timeout=20_000)
    # The editor's scripts run: the title field is editable and the side panels open.
    title.fill(story.title + "（编辑）")
    page.locator("[data-side-panel-toggle='preview']").first.click()
    page.locator("iframe").first.wait_for(timeout=20_000)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(1500)  # the preview frame loads and its scripts run

    assert [v for v in violations(page) if " at " in v] == []
    assert violations(page) == []
    assert page.hosts == {urlsplit(live_server.url).netloc}


def test_the_image_chooser_opens_under_the_policy(live_server, demo_site, watched_page):
    User.objects.create_superuser("editor", "editor@example.com", "editor-password-1")
    story = StoryPage.objects.filter(locale__language_code="zh-hans").order_by("pk").first()
    page = watched_page
    page.goto(live_server.url + "/admin/login/")
    page.fill("input[name=username]", "editor")
    page.fill("input[name=password]", "editor-password-1")
    page.click("button[type=submit]")
    page.wait_for_url("**/admin/")
    page.goto(live_server.url + f"/admin/pages/{story.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The image chooser opens its modal.
    chooser = page.locator("#id_hero_image-chooser")
    if chooser.locator(".unchosen .chooser__choose-button").is_visible():
        chooser.locator(".unchosen .chooser__choose-button").click()
    else:  # an image is chosen: "change image" is in the field's menu
        chooser.locator(".w-dropdown__toggle").click()
        chooser.locator(".w-dropdown__content [data-chooser-action-choose]").click()
    # The modal makes thumbnails of the demo images on its first opening: slow on a loaded machine.
    page.locator(".modal-content").first.wait_for(timeout=90_000)
    page.wait_for_load_state("networkidle")
    page.keyboard.press("Escape")

    assert violations(page) == []
