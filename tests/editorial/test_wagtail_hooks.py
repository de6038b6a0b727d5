"""Submitting for review runs the content checks: forbidden terms block, the others warn."""

import re

import pytest

from django.contrib.messages import get_messages

from wagtail.models import Locale, ModelLogEntry, WorkflowState

from editorial.models import Term
from stories.models import StoryPage
from tests.editorial.conftest import add_url, denied, edit_url, story_form
from tests.factories import StoryPageFactory, TermFactory

pytestmark = pytest.mark.django_db

MONGOLIAN_FORBIDDEN = "ᠬᠣᠷᠢᠭᠳᠠᠭᠰᠠᠨ ᠦᠭᠡ"


@pytest.fixture
def terms(db):
    return {
        "forbidden": TermFactory(phrase="禁用提法", kind=Term.Kind.FORBIDDEN, suggestion="规范提法", note="宣传口径"),
        "outdated": TermFactory(phrase="少数民族同胞", kind=Term.Kind.OUTDATED, suggestion="各族群众"),
        "typo": TermFactory(phrase="民族团节", kind=Term.Kind.TYPO, suggestion="民族团结"),
        "mongolian": TermFactory(phrase=MONGOLIAN_FORBIDDEN, kind=Term.Kind.FORBIDDEN),
    }


def refusal(response) -> str:
    """The error messages of a submission refused for forbidden terms (the page is saved as a draft)."""
    assert response.status_code == 302
    return " ".join(str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "error")


def kept_as_draft(slug: str) -> StoryPage:
    """The page exists as a draft and did not go to review."""
    story = StoryPage.objects.get(slug=slug)
    assert not story.live and story.current_workflow_state is None
    return story


@pytest.fixture
def editor_client(client, people):
    client.force_login(people["editor_a"])
    return client


def test_a_forbidden_term_blocks_submission_with_the_hit_in_context(editor_client, index_a, terms):
    data = story_form(body="<p>社区今年坚持禁用提法开展工作。</p>", slug="blocked")
    data["action-submit"] = "Submit"

    response = editor_client.post(add_url(index_a), data)

    html = refusal(response)
    assert "已保存为草稿，未提交审核" in html
    assert "…社区今年坚持【禁用提法】开展工作。…" in html
    assert "规范提法" in html and "宣传口径" in html
    assert "禁用提法" in kept_as_draft("blocked").get_latest_revision_as_object().body[0].value.source


@pytest.mark.parametrize("hidden", ["\x00", "\x07", "\x1b", "\x9f", "\u200b", "\u2060", "\u00ad", "\ufeff", "\u180e"])
def test_a_character_hidden_inside_a_forbidden_term_does_not_get_it_to_review(editor_client, index_a, terms, hidden):
    data = story_form(title=f"禁用{hidden}提法", body=f"<p>社区今年坚持禁用{hidden}提法开展工作。</p>", slug="hidden")
    data["action-submit"] = "Submit"

    response = editor_client.post(add_url(index_a), data)

    if hidden == "\x00":
        # A NUL inside rich text fails the body's own validation too: nothing can be saved.
        assert response.status_code == 200
        assert response.content.decode().count("禁用提法") >= 1
        assert not StoryPage.objects.filter(slug="hidden").exists()
        return
    assert refusal(response).count("禁用提法") >= 2  # found in the title and in the body
    kept_as_draft("hidden")


def test_traditional_characters_do_not_get_a_forbidden_term_past_the_check(editor_client, index_a, terms):
    story = StoryPageFactory(parent=index_a, slug="draft", live=False, owner=None)
    data = story_form(title="禁用提法在標題", body="<p>內容裡寫著禁用提法。</p>", slug="draft")
    data["action-submit"] = "Submit"

    response = editor_client.post(edit_url(story), data)

    assert "【禁用提法】" in refusal(response)
    assert not WorkflowState.objects.filter(object_id=str(story.pk)).exists()
    assert StoryPage.objects.get(pk=story.pk).get_latest_revision_as_object().title == "禁用提法在標題"


def test_saving_a_draft_with_a_forbidden_term_is_allowed(editor_client, index_a, terms):
    data = story_form(body="<p>草稿里暂时写着禁用提法。</p>", slug="draft-ok")

    response = editor_client.post(add_url(index_a), data)

    assert response.status_code == 302
    story = StoryPage.objects.get(slug="draft-ok")
    assert story.current_workflow_state is None


def test_outdated_terms_and_typos_warn_but_the_page_goes_to_review(editor_client, index_a, terms):
    data = story_form(body="<p>走访慰问少数民族同胞，开展民族团节活动。</p>", slug="warned")
    data["action-submit"] = "Submit"

    response = editor_client.post(add_url(index_a), data)

    assert response.status_code == 302
    story = StoryPage.objects.get(slug="warned")
    assert story.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert len(warnings) == 1
    assert "【少数民族同胞】" in warnings[0] and "各族群众" in warnings[0]
    assert "【民族团节】" in warnings[0] and "民族团结" in warnings[0]


def test_a_forbidden_mongolian_term_blocks_a_mongolian_page(editor_client, index_a, terms):
    mongolian_index = index_a.copy_for_translation(Locale.objects.get(language_code="mn-mong"), copy_parents=True)
    typed_differently = MONGOLIAN_FORBIDDEN.replace("ᠭᠳ", "ᠭ\u180bᠳ")
    data = story_form(title="ᠨᠡᠢᠲᠡ ᠶᠢᠨ ᠮᠡᠳᠡᠭᠡ", body=f"<p>ᠡᠨᠡ {typed_differently} ᠪᠠᠢᠨᠠ</p>", slug="mongolian")
    data["action-submit"] = "Submit"

    response = editor_client.post(add_url(mongolian_index), data)

    assert typed_differently in refusal(response)
    kept_as_draft("mongolian")


def test_private_use_mongolian_is_flagged_on_submission(editor_client, index_a, terms):
    data = story_form(body="<p>旧稿：\ue26a\ue2b1\ue234</p>", slug="legacy-font")
    data["action-submit"] = "Submit"

    response = editor_client.post(add_url(index_a), data)

    assert response.status_code == 302
    warnings = [str(m) for m in get_messages(response.wsgi_request) if m.level_tag == "warning"]
    assert any("【\ue26a\ue2b1\ue234】" in warning for warning in warnings)


def test_pasted_indents_and_empty_paragraphs_are_tidied_on_save(editor_client, index_a):
    data = story_form(body="<p>\u3000\u3000第一段，團結二字照原樣保留。</p><p>\u00a0</p><p>  第二段</p>", slug="tidy")

    editor_client.post(add_url(index_a), data)

    body = StoryPage.objects.get(slug="tidy").get_latest_revision_as_object().body
    source = re.sub(r' data-block-key="[^"]*"', "", body[0].value.source)
    assert source == "<p>第一段，團結二字照原樣保留。</p><p>第二段</p>"


def test_the_content_check_view_lists_hits_of_the_latest_draft(editor_client, index_a, terms):
    story = StoryPageFactory(parent=index_a, title="一篇稿件", slug="checked")
    story.title = "看望少数民族同胞"
    story.save_revision()

    response = editor_client.get(f"/admin/editorial/check/{story.pk}/")

    assert response.status_code == 200
    assert "<mark>少数民族同胞</mark>" in response.content.decode()


def test_the_content_check_view_is_closed_to_editors_of_other_sections(client, people, index_b):
    story = StoryPageFactory(parent=index_b, slug="other")
    client.force_login(people["editor_a"])

    assert denied(client.get(f"/admin/editorial/check/{story.pk}/"))


def test_editors_maintain_the_term_list_and_the_change_is_in_the_audit_log(client, people):
    client.force_login(people["editor_a"])

    response = client.post(
        "/admin/snippets/editorial/term/add/",
        {"phrase": "满清", "kind": Term.Kind.OUTDATED, "suggestion": "清朝", "note": ""},
    )

    assert response.status_code == 302
    term = Term.objects.get(phrase="满清")
    log = ModelLogEntry.objects.filter(object_id=str(term.pk), action="wagtail.create")
    assert log.filter(user=people["editor_a"]).exists()
    client.force_login(people["first_a"])
    assert client.get("/admin/snippets/editorial/term/").status_code == 200
    assert denied(client.get("/admin/snippets/editorial/term/add/"))


def test_pasted_script_links_are_defused_on_save_and_safe_ones_kept(editor_client, index_a):
    body = (
        '<p><a href="JaVaScRiPt:alert(document.domain)">一</a>'
        '<a href="&#106;avascript:alert(1)">二</a>'
        '<a href="https://example.gov.cn/">政府网站</a>'
        '<a href="mailto:office@example.cn">信箱</a></p>'
    )
    data = story_form(body=body, slug="links")

    editor_client.post(add_url(index_a), data)

    source = StoryPage.objects.get(slug="links").get_latest_revision_as_object().body[0].value.source
    assert "script" not in source.lower()
    assert '<a href="https://example.gov.cn/">政府网站</a>' in source and "mailto:office@example.cn" in source
