"""An album on a phone (390x844): a light first view, and a lightbox paged by keyboard and swipe."""

import io

import pytest
from playwright.sync_api import expect

from django.core.files.images import ImageFile
from django.test import Client

from wagtail.images.models import Image

from albums.models import AlbumPhoto
from devtools.demo.images import draw_picture
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory
from tests.factories import HomePageFactory

from .conftest import serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

PHOTOS = 60
PHONE = {"width": 390, "height": 844}
MAX_FIRST_VIEW_BYTES = 1.5 * 1024 * 1024


@pytest.fixture
def album():
    from wagtail.models import Locale, Page, Site

    home = HomePageFactory(parent=Page.get_first_root_node(), slug="albums-home", locale=Locale.get_default())
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    album = FestivalAlbumPageFactory(parent=AlbumIndexPageFactory(parent=home), title="那达慕六十张")
    for number in range(1, PHOTOS + 1):
        size = (900, 1200) if number % 5 == 0 else (1600, 1067)  # phone photos, some in portrait
        data = draw_picture(f"album-{number}", size)
        image = Image.objects.create(title=f"photo-{number}", file=ImageFile(io.BytesIO(data), name=f"p{number}.jpg"))
        album.photos.add(AlbumPhoto(image=image, caption=f"第{number}张照片", photographer="王丽", sort_order=number))
    album.save_revision().publish()
    Client().get(album.url)  # a first view (templates compiled, renditions looked up): not measured here
    return album


def swipe(page, cdp, dx: int) -> None:
    """A one-finger horizontal swipe across the middle of the screen."""
    y = PHONE["height"] // 2
    start = PHONE["width"] // 2 - dx // 2
    cdp.send("Input.dispatchTouchEvent", {"type": "touchStart", "touchPoints": [{"x": start, "y": y}]})
    for step in range(1, 6):
        x = start + dx * step // 5
        cdp.send("Input.dispatchTouchEvent", {"type": "touchMove", "touchPoints": [{"x": x, "y": y}]})
    cdp.send("Input.dispatchTouchEvent", {"type": "touchEnd", "touchPoints": []})
    page.wait_for_timeout(100)


def test_album_on_a_phone(live_server, album, browser, page_errors, axe, artifacts_dir):
    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    transferred = []
    page.on("requestfinished", lambda request: transferred.append((request.url, request.sizes())))

    page.goto(live_server.url + album.url, wait_until="networkidle")
    total = sum(sizes["responseBodySize"] + sizes["responseHeadersSize"] for _url, sizes in transferred)
    images = [url for url, _sizes in transferred if "/media/images/" in url]
    print(f"first view of a {PHOTOS}-photo album at 390x844: {total / 1024:.0f} KB in {len(transferred)} requests")
    assert total < MAX_FIRST_VIEW_BYTES
    assert images and all(url.endswith(".avif") for url in images)  # Chromium takes the AVIF source
    assert len(images) < PHOTOS  # thumbnails below the fold wait
    page.screenshot(path=artifacts_dir / "album-390x844.png")
    assert serious_violations(axe, page) == []

    page.locator("[data-lightbox-item]").nth(2).click()
    dialog = page.locator("[data-lightbox-dialog]")
    counter = page.locator("[data-lightbox-counter]")
    assert dialog.is_visible()
    assert counter.text_content() == f"3 / {PHOTOS}"
    assert page.url.endswith(f"{album.url}photo/3/")
    expect(page.locator("[data-lightbox-image]")).to_have_js_property("complete", True)
    page.screenshot(path=artifacts_dir / "album-lightbox-390x844.png")

    page.keyboard.press("ArrowRight")
    assert counter.text_content() == f"4 / {PHOTOS}"
    assert page.locator("[data-lightbox-caption]").text_content() == "第4张照片"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter.text_content() == f"2 / {PHOTOS}"
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("ArrowLeft")
    assert counter.text_content() == f"{PHOTOS} / {PHOTOS}"  # round from the first to the last

    cdp = context.new_cdp_session(page)
    swipe(page, cdp, -200)  # finger to the left: the next photo
    assert counter.text_content() == f"1 / {PHOTOS}"
    swipe(page, cdp, -200)
    assert counter.text_content() == f"2 / {PHOTOS}"
    swipe(page, cdp, 200)
    assert counter.text_content() == f"1 / {PHOTOS}"

    page.keyboard.press("Escape")
    assert not dialog.is_visible()
    assert page.url.endswith(album.url)

    # A shared address opens the lightbox on its photo.
    page.goto(live_server.url + f"{album.url}photo/7/", wait_until="networkidle")
    assert dialog.is_visible() and counter.text_content() == f"7 / {PHOTOS}"
    assert page_errors == []
    context.close()


def test_a_photo_page_without_javascript(live_server, album, browser, artifacts_dir):
    context = browser.new_context(viewport=PHONE, java_script_enabled=False, locale="zh-CN")
    page = context.new_page()
    page.goto(live_server.url + f"{album.url}photo/7/")
    assert page.locator(".album-photo").is_visible()
    assert "7 / 60" in page.locator(".album-photo__caption").text_content()
    page.screenshot(path=artifacts_dir / "album-photo-nojs-390x844.png")
    page.get_by_role("link", name="Next photo").or_(page.locator('a[rel="next"]')).first.click()
    assert page.url.endswith(f"{album.url}photo/8/")
    context.close()


def test_mongolian_album_reads_vertically_in_the_lightbox(live_server, browser, page_errors, axe, artifacts_dir):
    from wagtail.models import Locale, Page, Site

    from devtools.demo.albums import CAPTIONS, TEXTS
    from devtools.demo.localize import translate
    from devtools.demo.translations import MONGOLIAN

    chinese = Locale.get_default()
    home = HomePageFactory(parent=Page.get_first_root_node(), slug="mn-albums-home", locale=chinese)
    site = Site.objects.get(is_default_site=True)
    site.root_page = home
    site.save()
    index = AlbumIndexPageFactory(parent=home, title="节日相册")
    album = FestivalAlbumPageFactory(parent=index, title="2025年阿吉拉沁社区那达慕", event_name="那达慕")
    for number, caption in enumerate(list(CAPTIONS)[4:], start=1):
        data = draw_picture(f"naadam-{number}", (1600, 1067))
        image = Image.objects.create(title=f"naadam-{number}", file=ImageFile(io.BytesIO(data), name=f"n{number}.jpg"))
        album.photos.add(AlbumPhoto(image=image, caption=caption, photographer="王丽", sort_order=number))
    album.save_revision().publish()
    MONGOLIAN.update(CAPTIONS)
    MONGOLIAN.update(TEXTS)
    mongolian = Locale.objects.get(language_code="mn-mong")
    for page in (home, index, album):
        translated, _created, _missing = translate(page, mongolian)
    Client().get(translated.url)

    context = browser.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="mn-CN")
    page = context.new_page()
    page.on("pageerror", lambda error: page_errors.append(str(error)))
    page.goto(live_server.url + translated.url, wait_until="networkidle")
    assert page.locator("main.vertical-main").count() == 1
    page.screenshot(path=artifacts_dir / "mn-album-390x844.png")
    page.locator("[data-lightbox-item]").first.click()
    caption = page.locator(".lightbox__caption")
    assert CAPTIONS["邻里一起品尝手把肉"] in caption.text_content()  # the caption in Mongolian
    assert caption.evaluate("element => getComputedStyle(element).writingMode") == "vertical-lr"
    expect(page.locator("[data-lightbox-image]")).to_have_js_property("complete", True)
    page.screenshot(path=artifacts_dir / "mn-album-lightbox-390x844.png")
    assert serious_violations(axe, page) == []
    assert page_errors == []
    context.close()
