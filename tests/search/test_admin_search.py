"""The admin's searches (images, documents, every snippet) go through the same analysis as pages."""

import pytest

from django.core.files.base import ContentFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file
from wagtail.snippets.models import get_snippet_models

from editorial.models import Term
from search.backends.analysed import is_analysed
from search.models import SearchTerm, SegmenterWord
from search.reports import NormalisedTermSearchMixin
from stories.models import EthnicGroup, Place, Theme
from tests.factories import PlaceFactory, TermFactory, ThemeFactory
from tests.search.factories import FVS1, GENITIVE, MONGOL, NNBSP, SCRIPT

pytestmark = pytest.mark.django_db

#: The Mongolian word as another keyboard types it: a free variation selector inside.
MONGOL_TYPED = MONGOL[:2] + FVS1 + MONGOL[2:]


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("admin", "admin@example.com", "pass"))
    return client


def listed(client, url_name: str, query: str, *names: str) -> dict[str, bool]:
    """Which of ``names`` the admin listing at ``url_name`` shows for ``?q=query``."""
    response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200
    html = response.content.decode()
    return {name: name in html for name in names}


def test_every_snippet_and_media_model_the_admin_searches_is_analysed():
    models = [*get_snippet_models(), get_image_model(), get_document_model()]
    assert {Place, EthnicGroup, Theme, Term, SegmenterWord, SearchTerm} <= set(models)
    # Search terms are stored normalised and searched in that form (not through an index).
    normalised = [
        model
        for model in get_snippet_models()
        if issubclass(model.snippet_viewset.index_view_class, NormalisedTermSearchMixin)
    ]
    assert normalised == [SearchTerm]
    assert [model for model in models if not is_analysed(model) and model not in normalised] == []


def test_image_search_finds_traditional_variants_and_mongolian(admin_client):
    image_model = get_image_model()
    unity = image_model.objects.create(title="民族团结联欢会合影", file=get_test_image_file())
    living = image_model.objects.create(title="孩子们住着新宿舍", file=get_test_image_file())
    mongol = image_model.objects.create(title=f"{MONGOL}{NNBSP}{GENITIVE} {SCRIPT}", file=get_test_image_file())
    names = (unity.title, living.title, mongol.title)

    assert listed(admin_client, "wagtailimages:index", "團結", *names) == dict.fromkeys(names, False) | {
        unity.title: True
    }
    assert listed(admin_client, "wagtailimages:index", "住著", *names) == dict.fromkeys(names, False) | {
        living.title: True
    }
    assert listed(admin_client, "wagtailimages:index", MONGOL_TYPED, *names) == dict.fromkeys(names, False) | {
        mongol.title: True
    }


def test_document_search_finds_traditional_variants_and_mongolian(admin_client):
    document_model = get_document_model()
    plan = document_model.objects.create(title="衞生服務站值班表", file=ContentFile(b"plan", name="plan.txt"))
    mongol = document_model.objects.create(title=f"{MONGOL} {SCRIPT}", file=ContentFile(b"mn", name="mn.txt"))
    names = (plan.title, mongol.title)

    assert listed(admin_client, "wagtaildocs:index", "卫生", *names) == {plan.title: True, mongol.title: False}
    assert listed(admin_client, "wagtaildocs:index", MONGOL_TYPED, *names) == {plan.title: False, mongol.title: True}


def test_snippet_searches_find_traditional_and_mongolian(admin_client, locales):
    place = PlaceFactory(name="阿吉拉沁社区")
    mn_place = PlaceFactory(name=f"{MONGOL} {SCRIPT}", locale=locales["mn"])
    theme = ThemeFactory(name="各族群众住着一个小区", description="共居")
    group, _created = EthnicGroup.objects.update_or_create(
        code="02", locale=locales["mn"], defaults={"name": MONGOL + FVS1}
    )
    term = TermFactory(phrase="民族團結大家庭")
    word = SegmenterWord.objects.create(word="额尔敦新村", note="社区名")

    assert listed(admin_client, "wagtailsnippets_stories_place:list", "阿吉拉沁社區", place.name)[place.name]
    assert listed(admin_client, "wagtailsnippets_stories_place:list", MONGOL_TYPED, mn_place.name)[mn_place.name]
    assert listed(admin_client, "wagtailsnippets_stories_theme:list", "住著", theme.name)[theme.name]
    assert listed(admin_client, "wagtailsnippets_stories_ethnicgroup:list", MONGOL, group.name)[group.name]
    assert listed(admin_client, "wagtailsnippets_editorial_term:list", "团结", term.phrase)[term.phrase]
    assert listed(admin_client, "wagtailsnippets_search_segmenterword:list", "額爾敦", word.word)[word.word]
    # And a word that is not there finds nothing.
    assert not listed(admin_client, "wagtailsnippets_stories_place:list", "那达慕", place.name)[place.name]
