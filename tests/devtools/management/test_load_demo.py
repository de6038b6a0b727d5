import pytest

from django.core.management import call_command

from stories.models import EthnicGroup, Place, StoryPage, Theme

pytestmark = pytest.mark.django_db


def test_load_demo_builds_a_browsable_site_and_running_it_twice_duplicates_nothing(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (StoryPage.objects.count(), Place.objects.count(), EthnicGroup.objects.count(), Theme.objects.count())
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert (
        StoryPage.objects.count(),
        Place.objects.count(),
        EthnicGroup.objects.count(),
        Theme.objects.count(),
    ) == counts
    assert EthnicGroup.objects.filter(locale__language_code="zh-hans").count() == 56
    assert StoryPage.objects.filter(locale__language_code="zh-hans").live().count() >= 12
    home = client.get("/zh-hans/")
    assert home.status_code == 200
    story = StoryPage.objects.live().filter(locale__language_code="zh-hans").first()
    assert client.get(story.url).status_code == 200
