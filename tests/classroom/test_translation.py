"""A course's single-session changes are translated with it: notes, venue and teacher offered to
translators, dates and actions copied; the Mongolian page shows the Mongolian note. A Mongolian
event names its campaign in Mongolian."""

import datetime

import pytest

from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from classroom.models import ScheduleException
from tests.classroom.factories import EventPageFactory, course_with_rules
from tests.factories import CampaignIndexPageFactory, CampaignPageFactory

pytestmark = pytest.mark.django_db

NOTE = "因暴雨停课，下周照常"
VENUE = "二楼会议室"
MONGOLIAN_NOTE = "ᠬᠦᠴᠢᠲᠡᠢ ᠪᠣᠷᠣᠭ᠎ᠠ ᠶᠢᠨ ᠲᠤᠯᠠ ᠬᠢᠴᠢᠶᠡᠯ ᠦᠭᠡᠢ"


def test_a_cancelled_session_note_is_translated_and_its_date_kept(home, locales, calendar_page, client):
    today = datetime.date.today()
    cancelled, moved = today + datetime.timedelta(days=7), today + datetime.timedelta(days=14)
    course = course_with_rules(
        calendar_page,
        rules=[{"start_date": today, "rrule": "RRULE:FREQ=WEEKLY"}],
        exceptions=[
            {"date": cancelled, "note": NOTE},
            {"date": moved, "action": ScheduleException.Action.CHANGE, "venue": VENUE},
        ],
    )
    course.save_revision().publish()
    for page in (home, calendar_page):
        page.copy_for_translation(locales["mn"]).save_revision().publish()

    source, _created = TranslationSource.get_or_create_from_instance(course)
    strings = {segment.string.data: segment for segment in source.stringsegment_set.select_related("string")}
    assert NOTE in strings and VENUE in strings
    StringTranslation.objects.create(
        translation_of=strings[NOTE].string, locale=locales["mn"], context=strings[NOTE].context, data=MONGOLIAN_NOTE
    )
    Translation.objects.create(source=source, target_locale=locales["mn"]).save_target(publish=True)

    translated = course.get_translation(locales["mn"])
    translated.get_latest_revision().publish()  # courses go live through review; this test is about the text
    changes = {change.date: change for change in translated.schedule_exceptions.all()}
    assert changes[cancelled].note == MONGOLIAN_NOTE and changes[cancelled].action == "cancel"
    assert changes[moved].venue == VENUE and changes[moved].action == "change"  # untranslated: the source's
    assert {change.locale_id for change in changes.values()} == {locales["mn"].pk}
    assert course.schedule_exceptions.get(date=cancelled).note == NOTE  # the source is untouched
    page = client.get(translated.url).content.decode()
    assert MONGOLIAN_NOTE in page and NOTE not in page


def test_a_mongolian_event_names_its_campaign_in_mongolian(home, locales, calendar_page, client):
    campaign_index = CampaignIndexPageFactory(parent=home)
    campaign = CampaignPageFactory(parent=campaign_index, title="民族法治宣传周")
    event = EventPageFactory(parent=calendar_page, campaign=campaign)
    event.save_revision().publish()
    for page in (home, calendar_page, campaign_index):
        page.copy_for_translation(locales["mn"]).save_revision().publish()
    mongolian_campaign = campaign.copy_for_translation(locales["mn"])
    mongolian_campaign.title = "ᠬᠠᠤᠯᠢ\u202fᠶᠢᠨ ᠵᠠᠰᠠᠭ\u202fᠢ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠬᠤ ᠭᠠᠷᠠᠭ"
    mongolian_campaign.save_revision().publish()
    mongolian_event = event.copy_for_translation(locales["mn"])
    mongolian_event.save_revision().publish()
    assert mongolian_event.campaign_id == campaign.pk  # wagtail-localize copies the link to the original

    page = client.get(mongolian_event.url).content.decode()

    assert f'href="{mongolian_campaign.url}">{mongolian_campaign.title}</a>' in page
    assert "民族法治宣传周" not in page
