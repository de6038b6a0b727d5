"""Hostile and failing imports: size, part and time limits before parsing, image limits, nothing half-saved."""

import io
import time
import zipfile

import docx
import pytest
from docx.shared import Cm
from PIL import Image as PILImage

from django.conf import settings

from wagtail.images import get_image_model
from wagtail.models import Page, PageLogEntry, Revision

from editorial.imports import ImportResult, import_document
from editorial.imports import create as create_module
from editorial.models import ImportRecord
from stories.models import StoryPage
from tests.editorial.imports.documents import png_bytes, word_document
from tests.factories import StoryIndexPageFactory
from textkit.limits import Deadline

pytestmark = pytest.mark.django_db


@pytest.fixture
def index(home):
    return StoryIndexPageFactory(parent=home, slug="import-here")


def zip_bomb(xml_bytes: int = 50 * 2**20) -> bytes:
    """A small .docx whose document.xml expands to ``xml_bytes`` of XML."""
    output = io.BytesIO()
    paragraph = b"<w:p><w:r><w:t>aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa</w:t></w:r></w:p>"
    with (
        zipfile.ZipFile(io.BytesIO(word_document())) as source,
        zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as bomb,
    ):
        for info in source.infolist():
            if info.filename == "word/document.xml":
                with bomb.open("word/document.xml", "w", force_zip64=True) as part:
                    chunk = paragraph * (2**20 // len(paragraph))
                    for _ in range(xml_bytes // len(chunk)):
                        part.write(chunk)
            else:
                bomb.writestr(info.filename, source.read(info))
    return output.getvalue()


def many_parts(count: int = 5000) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(word_document())) as source, zipfile.ZipFile(output, "w") as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info))
        for number in range(count):
            target.writestr(f"customXml/extra{number}.xml", b"<a/>")
    return output.getvalue()


def leaves_nothing(index, media_root) -> None:
    assert not StoryPage.objects.child_of(index).exists()
    assert not Page.objects.filter(depth=index.depth + 1, path__startswith=index.path).exists()
    assert not Revision.objects.filter(content_type__model="storypage").exists()
    assert not PageLogEntry.objects.filter(action="shiliu.import").exists()
    assert not ImportRecord.objects.exists()
    assert not get_image_model().objects.exists()
    assert not [path for path in media_root.rglob("*") if path.is_file()]


def test_a_zip_bomb_is_refused_before_parsing_quickly(index, tmp_path):
    data = zip_bomb()
    assert len(data) < 400_000  # a few hundred kilobytes that expand to 50 MB of XML

    started = time.perf_counter()
    result = import_document("炸弹.docx", data, index)
    elapsed = time.perf_counter() - started

    assert result.status == ImportResult.FAILED
    assert "zip bomb" in result.reason or "too much data" in result.reason
    assert elapsed < 1.0, elapsed  # measured: a few milliseconds
    leaves_nothing(index, tmp_path / "media")


def test_too_many_parts_are_refused(index):
    result = import_document("parts.docx", many_parts(), index)
    assert result.status == ImportResult.FAILED and "too many parts" in result.reason


def test_a_file_that_takes_too_long_is_stopped_between_stages(index, tmp_path):
    result = import_document("slow.docx", word_document(), index, deadline=Deadline(-1))

    assert result.status == ImportResult.FAILED and "too long" in result.reason
    leaves_nothing(index, tmp_path / "media")


def test_an_embedded_image_past_the_pixel_limit_is_left_out_like_the_admin_upload_refuses_it(index, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 100 * 100  # the same setting the admin's upload reads
    document = docx.Document()
    document.add_paragraph("标题")
    document.add_paragraph("导语")
    document.add_picture(io.BytesIO(png_bytes(size=(200, 200))), width=Cm(3))
    document.add_picture(io.BytesIO(png_bytes(size=(50, 50))), width=Cm(3))
    output = io.BytesIO()
    document.save(output)

    result = import_document("大图.docx", output.getvalue(), index)

    assert result.status == ImportResult.CREATED
    assert any("Image 1" in warning and "pixels" in warning for warning in result.warnings)
    story = StoryPage.objects.get(pk=result.page.pk)
    assert [block.value["image"].width for block in story.body if block.block_type == "image"] == [50]
    assert story.hero_image.width == 50


def test_a_12000_pixel_square_png_is_refused_without_decoding_it():
    buffer = io.BytesIO()
    PILImage.new("1", (12000, 12000)).save(buffer, "PNG")
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS < 12000 * 12000

    with pytest.raises(create_module.ImageRefused, match="pixels"):
        create_module._prepare_image_bytes(buffer.getvalue())


def _two_image_document() -> bytes:
    document = docx.Document()
    document.add_paragraph("石榴籽志愿服务")
    document.add_paragraph("导语。")
    document.add_picture(io.BytesIO(png_bytes("red")), width=Cm(3))
    document.add_paragraph("正文。")
    document.add_picture(io.BytesIO(png_bytes("blue")), width=Cm(3))
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def _fail(*args, **kwargs):
    raise RuntimeError("simulated failure")


def _fail_second_image():
    calls = []
    original = create_module.save_image

    def save_image(embedded, title):
        calls.append(1)
        if len(calls) == 2:
            raise RuntimeError("simulated failure")
        return original(embedded, title)

    return save_image


@pytest.mark.parametrize(
    ("target", "replacement", "publish"),
    [
        ("editorial.imports.create.save_image", "second", False),
        ("stories.models.StoryPage.from_import", "fail", False),
        ("wagtail.models.Page.add_child", "fail", False),
        ("wagtail.models.Page.save_revision", "fail", False),
        ("editorial.imports.create.log", "fail", False),
        ("wagtail.models.Revision.publish", "fail", True),
        ("editorial.imports.create.record_import", "fail", False),
    ],
    ids=["image", "from_import", "add_child", "revision", "log", "publish", "record"],
)
def test_a_failure_at_any_step_leaves_nothing_behind(index, tmp_path, monkeypatch, target, replacement, publish):
    monkeypatch.setattr(target, _fail_second_image() if replacement == "second" else _fail)

    result = import_document("两张照片.docx", _two_image_document(), index, publish=publish)

    assert result.status == ImportResult.FAILED
    assert "nothing was saved" in result.reason
    leaves_nothing(index, tmp_path / "media")


def test_after_a_failure_the_same_file_imports_cleanly(index, monkeypatch):
    monkeypatch.setattr("editorial.imports.create.record_import", _fail)
    assert import_document("a.docx", _two_image_document(), index).status == ImportResult.FAILED
    monkeypatch.undo()

    result = import_document("a.docx", _two_image_document(), index)

    assert result.status == ImportResult.CREATED
    assert get_image_model().objects.count() == 2
