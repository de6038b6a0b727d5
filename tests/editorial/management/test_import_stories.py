"""The import_stories command: folders, a bad file among good ones, re-runs, parent by URL path, locale, place."""

import io

import pytest

from django.core.management import CommandError, ManagementUtility, call_command
from django.utils import translation

from wagtail.models import Locale

from stories.models import StoryPage
from tests.editorial.imports.documents import word_document
from tests.factories import PlaceFactory, StoryIndexPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, slug="stories")


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "01-光明社区.docx").write_bytes(word_document())
    (tmp_path / "02-那达慕.md").write_text("# 那达慕上的各族群众\n\n草原上**搏克**比赛开始了。\n", encoding="utf-8")
    (tmp_path / "03-课堂.txt").write_text("红石榴课堂开课了\n孩子们学写毛笔字。\n", encoding="utf-8")
    (tmp_path / "photo.png").write_bytes(b"not imported on its own")
    (tmp_path / "~$01-光明社区.docx").write_bytes(b"Word's lock file")
    return tmp_path


def run(*args: str) -> str:
    out = io.StringIO()
    try:
        with translation.override("en"):
            call_command("import_stories", *args, stdout=out)
    finally:
        run.output = out.getvalue()
    return out.getvalue()


def test_a_folder_is_imported_as_drafts_with_a_progress_bar_and_summary(index, folder):
    output = run(str(folder), "--parent", str(index.pk), "--locale", "zh-hans")

    titles = sorted(StoryPage.objects.child_of(index).values_list("title", flat=True))
    assert titles == ["光明社区：石榴籽志愿服务队走进千家万户", "红石榴课堂开课了", "那达慕上的各族群众"]
    assert not StoryPage.objects.child_of(index).live().exists()
    assert "[" in output and "3/3" not in output.splitlines()[0]
    assert "Created: 3" in output and "Skipped as duplicates: 0" in output and "Failed: 0" in output


def test_running_again_creates_no_duplicates(index, folder):
    run(str(folder), "--parent", str(index.pk))
    output = run(str(folder), "--parent", str(index.pk))

    assert StoryPage.objects.child_of(index).count() == 3
    assert "Created: 0" in output and "Skipped as duplicates: 3" in output


def test_a_bad_file_in_a_folder_is_reported_the_rest_imported_and_the_exit_is_non_zero(index, folder):
    (folder / "04-损坏.docx").write_bytes(b"PK\x03\x04 broken")

    with pytest.raises(CommandError, match="1 of 4"):
        run(str(folder), "--parent", str(index.pk))

    assert StoryPage.objects.child_of(index).count() == 3
    assert "Failed: 1" in run.output and "04-损坏.docx: Not a readable Word document" in run.output


def test_the_exit_status_is_non_zero_when_a_file_failed(index, tmp_path, capsys):
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"nonsense")

    with pytest.raises(SystemExit) as exit_info:
        ManagementUtility(["manage.py", "import_stories", str(bad), "--parent", str(index.pk)]).execute()

    assert exit_info.value.code == 1
    assert "1 of 1 files could not be imported" in capsys.readouterr().err


def test_publish_place_and_parent_by_url_path(index, folder):
    place = PlaceFactory(name="光明社区")

    run(str(folder / "03-课堂.txt"), "--parent", "/zh-hans/stories/", "--publish", "--place", "光明社区")

    story = StoryPage.objects.child_of(index).get()
    assert story.live and story.place == place


def test_locale_picks_the_parents_translation(index, folder):
    mongolian = Locale.objects.get(language_code="mn-mong")
    translated_index = index.copy_for_translation(mongolian, copy_parents=True)

    run(str(folder / "03-课堂.txt"), "--parent", str(index.pk), "--locale", "mn-mong")

    assert StoryPage.objects.child_of(translated_index).get().locale == mongolian
    assert not StoryPage.objects.child_of(index).exists()


def test_useful_errors_for_a_wrong_parent_or_place(index, home, folder):
    with pytest.raises(CommandError, match="No page"):
        run(str(folder), "--parent", "/zh-hans/nowhere/")
    with pytest.raises(CommandError, match="takes imports"):
        run(str(folder), "--parent", str(home.pk))
    with pytest.raises(CommandError, match="No place"):
        run(str(folder), "--parent", str(index.pk), "--place", "不存在的社区")
    with pytest.raises(CommandError, match="translation"):
        run(str(folder), "--parent", str(index.pk), "--locale", "mn-mong")
