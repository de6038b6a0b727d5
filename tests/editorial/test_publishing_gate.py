"""The publishing gate: every way a page goes live, and none that gets round review or the term list.

The ways a page can go live, read from the code (Wagtail 8.0, wagtail-localize 1.14.5, ours):

- the page editor: "Publish" on the edit view and on the create view;
- the explorer's bulk "Publish";
- ``import_stories --publish``;
- scheduled publishing (``publish_scheduled``, also run by ``editorial.tasks``);
- a workflow's final approval (``editorial.workflows.publish_approved``);
- wagtail-localize: "Translate this page" (it used to publish a translation of a live page),
  "Sync translated pages" with "Publish immediately", the translation editor's "Publish in …",
  and "Convert to alias page" (which copies the live source into the translation).

Each is tried with a forbidden term in the page, and by an editor who holds no publish right.
"""

import datetime
import io
from pathlib import Path

import pytest

from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from wagtail.models import Locale, Page, WorkflowState
from wagtail.rich_text import RichText
from wagtail_localize.models import Translation, TranslationSource

from core.publishing import PublicationRefused, publication_problems
from editorial.models import Term
from editorial.sections import TRANSLATORS
from stories.models import StoryPage
from tests.editorial.conftest import add_url, denied, edit_url, story_form
from tests.factories import StoryPageFactory, UserFactory

pytestmark = pytest.mark.django_db

FORBIDDEN = "禁用说法"


def reload(page):
    return type(page).objects.get(pk=page.pk)


@pytest.fixture
def commits(django_capture_on_commit_callbacks):
    """Run on-commit callbacks as a real commit would: wagtail-localize publishes on commit."""
    return lambda: django_capture_on_commit_callbacks(execute=True)


@pytest.fixture
def term(db):
    return Term.objects.create(phrase=FORBIDDEN, kind=Term.Kind.FORBIDDEN, suggestion="规范说法")


@pytest.fixture
def admin(db):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def translator(roles):
    return UserFactory(username="translator", groups=[roles[TRANSLATORS]])


@pytest.fixture
def mongolian(locales, home, index_a, index_b):
    """The Mongolian home and the Mongolian versions of both sections (sections set up by the signal)."""
    mn = locales["mn"]
    home.copy_for_translation(mn)
    return {
        "locale": mn,
        "a": index_a.copy_for_translation(mn, copy_parents=True),
        "b": index_b.copy_for_translation(mn, copy_parents=True),
    }


def live_story(index, owner, slug="live", text="各族居民一起包饺子。"):
    story = StoryPageFactory(parent=index, title="阿吉拉沁社区的故事", slug=slug, owner=owner, live=False)
    story.body = [("paragraph", RichText(f"<p>{text}</p>"))]
    story.save_revision().publish()  # the site itself (a fixture), through the gate
    return reload(story)


def translated(story, mongolian, user, text=None):
    """A synced Mongolian draft of ``story``, made through wagtail-localize's own operation."""
    source, _created = TranslationSource.get_or_create_from_instance(story)
    translation = Translation.objects.create(source=source, target_locale=mongolian["locale"])
    translation.save_target(user=user, publish=False)
    target = story.get_translation(mongolian["locale"]).specific
    if text is not None:
        draft = target.get_latest_revision_as_object()
        draft.body = [("paragraph", RichText(f"<p>{text}</p>"))]
        draft.save_revision(user=user)
    return translation, reload(target)


# The gate itself ---------------------------------------------------------------------


def test_the_gate_refuses_rights_review_and_forbidden_terms(term, people, admin, index_a):
    story = StoryPageFactory(parent=index_a, slug="s", live=False, summary=f"含有{FORBIDDEN}的摘要")
    assert publication_problems(story, people["editor_a"])  # no right
    assert publication_problems(story, admin)  # under review: only the final approval publishes it
    problems = publication_problems(story, None)  # the site itself: the term still counts
    assert any(FORBIDDEN in str(problem) for problem in problems)
    with pytest.raises(PublicationRefused):
        story.save_revision().publish()
    assert not reload(story).live
    clean = StoryPageFactory(parent=index_a, slug="clean", live=False)
    assert publication_problems(clean, None) == []


# Page editor ---------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor_a", "admin"])
def test_publish_in_the_page_editor_never_makes_a_section_page_live(client, people, admin, index_a, who):
    user = admin if who == "admin" else people[who]
    client.force_login(user)
    data = story_form(slug="new")
    data["action-publish"] = "Publish"
    client.post(add_url(index_a), data)
    story = StoryPage.objects.get(slug="new")
    assert not story.live
    data = story_form(slug="new")
    data["action-publish"] = "Publish"
    client.post(edit_url(story), data)
    assert not reload(story).live
    assert not story.permissions_for_user(user).can_publish()


def test_the_page_editor_offers_no_publish_button_on_a_section_page(client, admin, index_a):
    story = StoryPageFactory(parent=index_a, slug="s", live=False)
    client.force_login(admin)
    html = client.get(edit_url(story)).content.decode()
    assert 'name="action-publish"' not in html
    assert 'name="action-submit"' in html


# Bulk publish ------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["editor_a", "admin"])
def test_bulk_publish_makes_no_section_page_live(client, people, admin, index_a, term, who):
    user = admin if who == "admin" else people[who]
    clean = StoryPageFactory(parent=index_a, slug="clean", live=False, owner=people["editor_a"])
    dirty = StoryPageFactory(parent=index_a, slug="dirty", live=False, summary=FORBIDDEN, owner=people["editor_a"])
    for page in (clean, dirty):
        page.save_revision(user=people["editor_a"])
    client.force_login(user)
    url = reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"])
    client.post(f"{url}?id={clean.pk}&id={dirty.pk}", {})
    assert not reload(clean).live and not reload(dirty).live


@pytest.mark.parametrize("alias", [False, True])
def test_copying_or_aliasing_a_live_story_publishes_no_copy_without_review(client, people, admin, index_a, alias):
    story = live_story(index_a, people["editor_a"])
    client.force_login(admin)
    data = {"new_title": "复制的故事", "new_slug": "copy", "new_parent_page": index_a.pk, "publish_copies": "on"}
    if alias:
        data["alias"] = "on"
    client.post(reverse("wagtailadmin_pages:copy", args=[story.pk]), data)
    assert not StoryPage.objects.filter(slug="copy", live=True).exists()


# Import --------------------------------------------------------------------------------


def test_import_publish_refuses_a_file_with_a_forbidden_term(tmp_path: Path, index_a, term):
    (tmp_path / "bad.md").write_text(f"# 邻里守望\n\n摘要\n\n正文里有{FORBIDDEN}。\n", encoding="utf-8")
    (tmp_path / "good.md").write_text("# 石榴籽志愿队\n\n摘要\n\n正文。\n", encoding="utf-8")
    out = io.StringIO()
    with pytest.raises(CommandError) as raised:
        call_command("import_stories", str(tmp_path), "--parent", str(index_a.pk), "--publish", stdout=out)
    assert "1 of 2" in str(raised.value)
    report = out.getvalue()
    assert "bad.md: failed" in report and FORBIDDEN in report and "含有禁用词，不能上线" in report
    assert not StoryPage.objects.filter(title="邻里守望").exists()  # nothing half-saved
    assert StoryPage.objects.get(title="石榴籽志愿队").live


def test_import_command_exits_non_zero_from_the_shell(tmp_path: Path, index_a, term):
    """The exit status a shell sees (CommandError ends ``manage.py`` with status 1)."""
    from django.core.management import ManagementUtility

    (tmp_path / "bad.md").write_text(f"# 标题\n\n{FORBIDDEN}\n", encoding="utf-8")
    argv = ["manage.py", "import_stories", str(tmp_path), "--parent", str(index_a.pk), "--publish"]
    utility = ManagementUtility(argv)
    with pytest.raises(SystemExit) as exited:
        utility.execute()
    assert exited.value.code == 1


# Scheduled publishing and the workflow ------------------------------------------------


def approve_all(page, user):
    for _step in range(2):
        reload(page).current_workflow_task_state.approve(user=user)


def test_scheduled_publishing_skips_a_page_whose_term_became_forbidden(people, index_a):
    reviewer = UserFactory(username="r", groups=[people["first_a"].groups.last(), people["final_a"].groups.last()])
    launch = (timezone.now() + datetime.timedelta(days=1)).replace(microsecond=0)
    story = StoryPageFactory(parent=index_a, slug="s", live=False, summary="新说法")
    story.go_live_at = launch
    story.save_revision(user=people["editor_a"])
    story.get_workflow().start(story, people["editor_a"])
    approve_all(story, reviewer)
    assert reload(story).get_latest_revision().approved_go_live_at == launch
    Term.objects.create(phrase="新说法", kind=Term.Kind.FORBIDDEN)
    from unittest import mock

    with (
        mock.patch("django.utils.timezone.now", return_value=launch + datetime.timedelta(minutes=1)),
        pytest.raises(CommandError),
    ):
        call_command("publish_scheduled", stdout=io.StringIO(), stderr=io.StringIO())
    assert not reload(story).live


def test_final_approval_publishes_a_clean_page_and_the_site_cannot_be_tricked(people, index_a):
    reviewer = UserFactory(username="r", groups=[people["first_a"].groups.last(), people["final_a"].groups.last()])
    story = StoryPageFactory(parent=index_a, slug="s", live=False)
    story.save_revision(user=people["editor_a"])
    story.get_workflow().start(story, people["editor_a"])
    approve_all(story, reviewer)
    assert reload(story).live
    assert reload(story).current_workflow_state is None or reload(story).current_workflow_state.status != (
        WorkflowState.STATUS_IN_PROGRESS
    )


# wagtail-localize ----------------------------------------------------------------------


def test_translate_this_page_makes_a_draft_even_of_a_live_source(commits, client, people, mongolian, index_a, admin):
    story = live_story(index_a, people["editor_a"])
    client.force_login(admin)
    url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    with commits():
        assert client.post(url, {"locales": [mongolian["locale"].pk]}).status_code == 302
    target = story.get_translation(mongolian["locale"])
    assert not target.live


def test_sync_with_publish_immediately_publishes_nothing_under_review(
    commits, client, people, mongolian, index_a, admin
):
    story = live_story(index_a, people["editor_a"])
    translation, target = translated(story, mongolian, people["editor_a"])
    for user in (people["editor_a"], admin):
        client.force_login(user)
        url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
        with commits():
            response = client.post(url, {"publish_translations": "on"})
        assert response.status_code == 200  # the form again, with the reason
        assert not reload(target).live


def test_the_translation_editor_submits_for_review_instead_of_publishing(
    commits, client, people, mongolian, index_a, translator
):
    story = live_story(index_a, people["editor_a"])
    translation, target = translated(story, mongolian, translator)
    client.force_login(translator)
    html = client.get(edit_url(target)).content.decode()
    assert 'value="submit"' in html  # our "Submit the translation for review"
    with commits():
        client.post(edit_url(target), {"action": "publish"})
    target = reload(target)
    assert not target.live
    assert target.current_workflow_state and target.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS

    # The section's reviewers approve it, like its source, and then it is live.
    reviewer = UserFactory(username="r", groups=[people["first_a"].groups.last(), people["final_a"].groups.last()])
    approve_all(target, reviewer)
    assert reload(target).live


def test_a_translation_with_a_forbidden_term_is_kept_as_a_draft(
    commits, client, people, mongolian, index_a, translator, term
):
    story = live_story(index_a, people["editor_a"])
    translation, target = translated(story, mongolian, translator, text=f"ᠮᠣᠩᠭᠣᠯ {FORBIDDEN}")
    # A synced translation is rebuilt from its segments on save: put the term into a segment.
    from wagtail_localize.models import StringSegment, StringTranslation

    segment = StringSegment.objects.filter(source=translation.source).exclude(string__data="").last()
    StringTranslation.objects.update_or_create(
        translation_of=segment.string,
        locale=mongolian["locale"],
        context=segment.context,
        defaults={"data": f"ᠮᠣᠩᠭᠣᠯ {FORBIDDEN}"},
    )
    client.force_login(translator)
    with commits():
        response = client.post(edit_url(target), {"action": "submit"}, follow=True)
    assert FORBIDDEN in response.content.decode()
    target = reload(target)
    assert not target.live and target.current_workflow_state is None
    with pytest.raises(PublicationRefused):
        target.get_latest_revision().publish()


@pytest.mark.parametrize("who", ["editor_a", "translator", "admin"])
def test_convert_to_alias_cannot_make_a_translation_live(
    commits, client, people, mongolian, index_a, translator, admin, who
):
    user = {"editor_a": people["editor_a"], "translator": translator, "admin": admin}[who]
    story = live_story(index_a, people["editor_a"])
    _translation, target = translated(story, mongolian, translator)
    client.force_login(user)
    with commits():
        client.post(reverse("wagtail_localize:convert_to_alias", args=[target.pk]))
    target = reload(target)
    assert not target.live and target.alias_of_id is None


def test_a_translator_cannot_delete_a_translation_whose_source_they_cannot_edit(
    commits, client, people, mongolian, index_a, translator
):
    story = live_story(index_a, people["editor_a"])
    _translation, target = translated(story, mongolian, translator)
    assert not target.permissions_for_user(translator).can_delete()
    client.force_login(translator)
    with commits():
        client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
    assert Page.objects.filter(pk=target.pk).exists()
    assert target.permissions_for_user(people["editor_a"]).can_delete()  # the community's own editor may


# Isolation between communities through wagtail-localize -------------------------------


@pytest.mark.parametrize("who", ["editor_b", "first_b", "final_b"])
def test_no_role_of_b_can_translate_publish_or_delete_a_page_of_a_through_localize(
    commits, client, people, mongolian, index_a, translator, who
):
    draft = StoryPageFactory(parent=index_a, slug="draft", live=False, owner=people["editor_a"])
    draft.save_revision(user=people["editor_a"])
    story = live_story(index_a, people["editor_a"])
    translation, target = translated(story, mongolian, translator)
    user = people[who]
    user.groups.add(*people["editor_a"].groups.filter(name="Editors"))  # the role may translate in its own section
    client.force_login(user)
    mn = mongolian["locale"]
    revisions = target.revisions.count()

    for page in (draft, story):
        with commits():
            response = client.post(
                reverse("wagtail_localize:submit_page_translation", args=[page.pk]), {"locales": [mn.pk]}
            )
        assert denied(response)
    assert draft.get_translation_or_none(mn) is None
    url = reverse("wagtail_localize:update_translations", args=[translation.source_id])
    with commits():
        assert denied(client.post(url, {"publish_translations": "on"}))
    with commits():
        assert client.post(edit_url(target), {"action": "publish"}).status_code in (302, 403)
    with commits():
        assert client.post(edit_url(target), {"action": "submit"}).status_code in (302, 403)
    with commits():
        client.post(reverse("wagtail_localize:convert_to_alias", args=[target.pk]))
    with commits():
        client.post(reverse("wagtailadmin_pages:delete", args=[target.pk]))
    for name in ("download_pofile", "preview_translation"):
        assert client.get(reverse(f"wagtail_localize:{name}", args=[translation.pk])).status_code in (302, 403)
    target = reload(target)
    assert not target.live and target.alias_of_id is None and target.current_workflow_state is None
    assert target.revisions.count() == revisions
    assert Translation.objects.get(pk=translation.pk).enabled


def test_a_translator_translates_only_published_text(commits, client, people, mongolian, index_a, translator):
    draft = StoryPageFactory(parent=index_a, slug="draft", live=False, owner=people["editor_a"])
    client.force_login(translator)
    url = reverse("wagtail_localize:submit_page_translation", args=[draft.pk])
    with commits():
        assert denied(client.post(url, {"locales": [mongolian["locale"].pk]}))
    story = live_story(index_a, people["editor_a"], slug="published")
    url = reverse("wagtail_localize:submit_page_translation", args=[story.pk])
    with commits():
        assert client.post(url, {"locales": [mongolian["locale"].pk]}).status_code == 302
    assert not story.get_translation(mongolian["locale"]).live
    assert Locale.objects.count() == 2


# Messages ------------------------------------------------------------------------------


def test_a_submission_blocked_by_a_forbidden_term_is_kept_as_a_draft_and_says_so_in_chinese(
    client, people, index_a, term
):
    story = StoryPageFactory(parent=index_a, title="草稿", slug="neighbours", live=False, owner=people["editor_a"])
    client.force_login(people["editor_a"])
    data = story_form(title="邻里守望相助", slug="neighbours", summary=f"摘要里有{FORBIDDEN}")
    data["action-submit"] = "Submit"
    response = client.post(edit_url(story), data, follow=True)
    html = response.content.decode()
    assert "已保存为草稿，未提交审核：内容含有禁用词。" in html
    assert FORBIDDEN in html and "规范说法" in html
    assert "could not be saved" not in html and "未能保存" not in html
    story = reload(story)
    draft = story.get_latest_revision_as_object()
    assert draft.title == "邻里守望相助" and FORBIDDEN in draft.summary  # the editor's work is kept
    assert story.current_workflow_state is None and not story.live


def test_a_new_page_submitted_with_a_forbidden_term_is_created_as_a_draft(client, people, index_a, term):
    client.force_login(people["editor_a"])
    data = story_form(title="新稿件", slug="new", summary=FORBIDDEN)
    data["action-submit"] = "Submit"
    html = client.post(add_url(index_a), data, follow=True).content.decode()
    assert "已保存为草稿，未提交审核" in html
    story = StoryPage.objects.get(slug="new")
    assert not story.live and story.current_workflow_state is None


def test_reviewers_see_whether_they_approved_or_sent_back(client, people, index_a):
    story = StoryPageFactory(parent=index_a, title="邻里守望相助", slug="s", live=False, owner=people["editor_a"])
    story.save_revision(user=people["editor_a"])
    story.get_workflow().start(story, people["editor_a"])

    def act(user, action):
        client.force_login(user)
        task_state = reload(story).current_workflow_task_state
        url = reverse("wagtailadmin_pages:workflow_action", args=[story.pk, action, task_state.pk])
        return client.post(url, {"comment": "请补充数字"}, follow=True).content.decode()

    html = act(people["first_a"], "approve")
    assert "您已通过“邻里守望相助”" in html and "等待下一级审核" in html
    html = act(people["final_a"], "reject")
    assert "您已退回“邻里守望相助”" in html
    client.force_login(people["editor_a"])
    data = story_form(title="邻里守望相助", slug="s")
    data["action-submit"] = "Submit"
    client.post(edit_url(story), data)
    html = act(people["final_a"], "approve")
    assert "审核完成，页面已上线" in html
    assert reload(story).live
