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


def test_a_hostile_file_in_a_folder_is_reported_and_the_rest_imported(index, folder):
    from tests.editorial.imports.test_safety import zip_bomb
    from tests.editorial.imports.wordml_documents import p, raw_docx

    (folder / "04-炸弹.docx").write_bytes(zip_bomb())
    link = '<w:p><w:hyperlink r:id="rIdJs"><w:r><w:t>点我</w:t></w:r></w:hyperlink></w:p>'
    hostile_link = raw_docx(
        p("链接") + p("导语。") + link, external_links={"rIdJs": ("hyperlink", "javascript:alert(1)")}
    )
    (folder / "05-链接.docx").write_bytes(hostile_link)

    with pytest.raises(CommandError, match="1 of 5"):
        run(str(folder), "--parent", str(index.pk))

    assert StoryPage.objects.child_of(index).count() == 4
    assert "4/5 04-炸弹.docx: failed" in run.output
    assert "unsafe address" in run.output  # the link's warning, under its file
    assert 'href="javascript' not in "".join(
        str(block.value) for story in StoryPage.objects.child_of(index).specific() for block in story.body
    )


def test_a_folder_of_fifty_files_reports_each_file_and_stage_as_it_goes(index, tmp_path):
    for number in range(50):
        (tmp_path / f"{number:02d}.txt").write_text(f"第{number}篇\n导语。\n正文{number}。\n", encoding="utf-8")

    output = run(str(tmp_path), "--parent", str(index.pk), "-v", "2")

    lines = output.splitlines()
    assert [line.split(" ")[0] for line in lines if ": created" in line] == [f"{n}/50" for n in range(1, 51)]
    # Per stage: reading, converting, saving images, creating the page, for every file.
    assert sum("converting" in line for line in lines) == 50
    assert sum("creating the page" in line for line in lines) == 50
    assert StoryPage.objects.child_of(index).count() == 50
