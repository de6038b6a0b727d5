"""Publishing a page makes the renditions its templates show (a django-tasks task, run at once by
the tests' immediate backend), so a reader's request creates none (core.renditions)."""

import pytest

from django.template import Context, Template, TemplateSyntaxError

from wagtail.images import get_image_model

from core.renditions import PHONE_RENDITIONS, RENDITIONS, create_renditions, filter_specs
from tests.albums.factories import AlbumIndexPageFactory, FestivalAlbumPageFactory, PhotoImageFactory, add_photos
from tests.factories import PlaceFactory, StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db

Rendition = get_image_model().get_rendition_model()


def photos_block(count: int) -> list:
    return [
        ("image", {"image": PhotoImageFactory(), "alt_text": "合影", "caption": f"题注{n}", "credit": ""})
        for n in range(count)
    ]


def test_a_published_story_is_rendered_without_creating_a_rendition(client, home, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        index = StoryIndexPageFactory(parent=home)
        place = PlaceFactory()  # the same place makes the earlier story a related one, shown as a card
        earlier = StoryPageFactory(parent=index, slug="earlier", place=place, hero_image=PhotoImageFactory())
        earlier.save_revision().publish()
        story = StoryPageFactory(
            parent=index, slug="measured", place=place, hero_image=PhotoImageFactory(), body=photos_block(3)
        )
        story.save_revision().publish()
    made_on_publish = Rendition.objects.count()

    response = client.get(story.url)

    assert response.status_code == 200
    assert "题注2" in response.content.decode()
    # each story's main image at the hero, sharing and card sizes; the three body photos; and
    # the API's phone sizes of those five images
    assert made_on_publish == 3 + 3 + 3 + 5 * len(PHONE_RENDITIONS)
    assert 'class="card"' in response.content.decode()  # the related story, shown from its card rendition
    assert Rendition.objects.count() == made_on_publish


def test_an_album_and_its_photos_are_rendered_without_creating_a_rendition(
    client, home, django_capture_on_commit_callbacks
):
    """The album's grid, lightbox, a photo's own page, the album index's cards and the API."""
    with django_capture_on_commit_callbacks(execute=True):
        index = AlbumIndexPageFactory(parent=home)
        index.save_revision().publish()
        album = FestivalAlbumPageFactory(parent=index)
        add_photos(album, 3, cover=2)
    made_on_publish = Rendition.objects.count()

    pages = [index.url, album.url, f"{album.url}photo/3/", f"/api/v2/pages/{album.pk}/", "/api/v2/images/"]
    responses = [client.get(url) for url in pages]

    assert [response.status_code for response in responses] == [200] * len(pages)
    assert "<picture>" in responses[1].content.decode()  # the grid shows AVIF, WebP and JPEG
    # each photo in the grid, the lightbox and on its own page, the cover on its card, and all at
    # the API's sizes (the cover is also the sharing image, at two more sizes)
    per_photo = {*filter_specs("photo-thumbnail"), *filter_specs("photo-large"), *filter_specs("photo")}
    per_photo |= set(PHONE_RENDITIONS.values())
    assert made_on_publish == 3 * len(per_photo) + len(filter_specs("album-card")) + 2
    assert Rendition.objects.count() == made_on_publish


def test_a_picture_name_renders_every_format_publishing_makes():
    image = PhotoImageFactory()

    html = Template('{% load shiliu %}{% rendition image "album-card" alt="" %}').render(Context({"image": image}))

    assert "{" in RENDITIONS["album-card"]
    assert html.count("<source") == 2 and 'type="image/avif"' in html and 'type="image/webp"' in html
    made = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert made == set(filter_specs("album-card"))


def test_publishing_without_the_task_would_leave_renditions_to_the_request(client, home):
    # Without on-commit callbacks run, the task is never enqueued: the request makes them itself.
    # This is what the test above guards against.
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, slug="measured", hero_image=PhotoImageFactory())
    assert Rendition.objects.count() == 0

    client.get(story.url)

    assert Rendition.objects.count() > 0


def test_a_rendition_name_not_declared_is_a_template_error():
    with pytest.raises(TemplateSyntaxError, match="thumbnail"):
        Template('{% load shiliu %}{% rendition image "thumbnail" %}')


def test_the_rendition_tag_renders_the_declared_size():
    image = PhotoImageFactory()

    html = Template('{% load shiliu %}{% rendition image "card" class="card__image" alt="" %}').render(
        Context({"image": image})
    )

    assert 'width="640"' in html or "fill-640x400" in html
    assert Rendition.objects.filter(image=image, filter_spec="fill-640x400").exists()


def test_a_private_page_publishes_without_making_its_pictures_public(home, django_capture_on_commit_callbacks):
    """Renditions are public files: a password-protected section's pictures wait for its readers."""
    from wagtail.models import PageViewRestriction

    index = StoryIndexPageFactory(parent=home)
    PageViewRestriction.objects.create(page=index, restriction_type=PageViewRestriction.PASSWORD, password="石榴")
    with django_capture_on_commit_callbacks(execute=True):
        story = StoryPageFactory(parent=index, slug="private", hero_image=PhotoImageFactory(), body=photos_block(2))
        story.save_revision().publish()

    assert Rendition.objects.count() == 0


def test_a_size_that_cannot_be_made_costs_the_image_none_of_its_others(monkeypatch, caplog):
    monkeypatch.setitem(RENDITIONS, "broken", "format-{webp,bogus} width-100")
    image = PhotoImageFactory()

    made = create_renditions([(image, "broken")])

    specs = set(Rendition.objects.filter(image=image).values_list("filter_spec", flat=True))
    assert set(PHONE_RENDITIONS.values()) <= specs
    assert any("webp" in spec for spec in specs) and not any("bogus" in spec for spec in specs)
    assert made == len(PHONE_RENDITIONS) + 1
    assert "bogus" in caplog.text


def test_every_image_a_page_refers_to_has_its_phone_sizes_made_at_publish(home, django_capture_on_commit_callbacks):
    from tests.testapp.models import WorkshopIndexPage, WorkshopPage

    leaflet = PhotoImageFactory()
    with django_capture_on_commit_callbacks(execute=True):
        index = home.add_child(instance=WorkshopIndexPage(title="非遗工坊", slug="workshops", locale=home.locale))
        page = index.add_child(
            instance=WorkshopPage(title="剪纸工坊", slug="paper-cutting", leaflet=leaflet, live=False)
        )
        page.save_revision().publish()

    made = set(Rendition.objects.filter(image=leaflet).values_list("filter_spec", flat=True))
    assert made == set(PHONE_RENDITIONS.values())  # what the API's images endpoint shows of it
