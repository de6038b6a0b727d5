"""Backup and restore round trip: pages, revisions, translations and every media file come back.

Runs on the suite's database: SQLite (online backup API) in the SQLite run of `make test`,
PostgreSQL (pg_dump and pg_restore) in its PostgreSQL run.
"""

import hashlib
import io
import json
import shutil
from pathlib import Path

import pytest

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images.models import Image
from wagtail.models import Page, Revision
from wagtail_localize.models import StringTranslation, Translation, TranslationSource

from tests.albums.factories import jpeg_bytes
from tests.conftest import require
from tests.core.test_documents import pdf_bytes
from tests.factories import StoryIndexPageFactory, StoryPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def state() -> dict:
    """What a restore must bring back, as a person checking the site would count it."""
    media_root = Path(settings.MEDIA_ROOT)
    return {
        "pages": Page.objects.count(),
        "pages by locale": {
            code: Page.objects.filter(locale__language_code=code).count() for code in ("zh-hans", "mn-mong")
        },
        "live pages": Page.objects.live().count(),
        "revisions": Revision.objects.count(),
        "translated pages": sorted(
            Page.objects.filter(locale__language_code="mn-mong").values_list("title", flat=True)
        ),
        "translations": Translation.objects.count(),
        "string translations": sorted(StringTranslation.objects.values_list("data", flat=True)),
        "images": Image.objects.count(),
        "documents": get_document_model().objects.count(),
        "files": {
            str(path.relative_to(media_root)): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(media_root.rglob("*"))
            if path.is_file()
        },
    }


@pytest.fixture
def content(home, locales):
    """Stories with revisions, a Mongolian translation through wagtail-localize, an image with a
    rendition and a document."""
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, title="团结一家亲", slug="backup")
    for n in range(3):
        story.title = f"团结一家亲（第{n + 1}稿）"
        story.save_revision().publish()
    home.copy_for_translation(locales["mn"]).save_revision().publish()
    index.copy_for_translation(locales["mn"]).save_revision().publish()
    source, _created = TranslationSource.get_or_create_from_instance(story)
    translation = Translation.objects.create(source=source, target_locale=locales["mn"])
    title = source.stringsegment_set.select_related("string").get(context__path="title")
    StringTranslation.objects.create(
        translation_of=title.string, locale=locales["mn"], context=title.context, data="ᠡᠪ ᠨᠡᠢᠲᠡ ᠨᠢᠭᠡ ᠭᠡᠷ"
    )
    translation.save_target(publish=True)
    image = Image.objects.create(title="那达慕", file=ContentFile(jpeg_bytes(size=(120, 80)), name="naadam.jpg"))
    image.get_rendition("width-60")
    get_document_model().objects.create(title="教案", file=ContentFile(pdf_bytes("lesson"), name="lesson.pdf"))
    return story


def require_database_tools():
    if connection.vendor == "postgresql":
        require(shutil.which("pg_dump") is not None, "pg_dump and pg_restore are needed (postgresql-client)")


def test_backup_and_restore_bring_back_pages_revisions_translations_and_files(content, tmp_path):
    require_database_tools()
    before = state()
    assert before["translated pages"] and before["revisions"] >= 3 and len(before["files"]) >= 3
    folder = tmp_path / "backup"

    call_command("backup", str(folder), stdout=io.StringIO())

    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["engine"] in {"sqlite", "postgresql"}
    # Lose everything: the pages below the root, the translations, the images, every file.
    for page in Page.objects.filter(depth=2):
        page.delete()
    Translation.objects.all().delete()
    Image.objects.all().delete()
    get_document_model().objects.all().delete()
    shutil.rmtree(settings.MEDIA_ROOT)
    assert state() != before

    output = io.StringIO()
    call_command("restore", str(folder), stdout=output)

    assert "Restored" in output.getvalue()
    assert state() == before


def test_a_damaged_backup_is_refused_before_anything_changes(content, tmp_path):
    require_database_tools()
    folder = tmp_path / "backup"
    call_command("backup", str(folder), stdout=io.StringIO())
    before = state()
    with open(folder / "media.tar", "r+b") as tar:
        tar.seek(600)
        tar.write(b"\0damaged\0")

    with pytest.raises(CommandError, match="media.tar .* damaged"):
        call_command("restore", str(folder), stdout=io.StringIO())

    assert state() == before


def test_backup_refuses_a_folder_that_is_not_empty(tmp_path, db):
    (tmp_path / "old.txt").write_text("x")

    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path), stdout=io.StringIO())
