"""Archive limits are read from the zip directory, before anything is unpacked; the deadline between stages."""

import io
import zipfile

import pytest

from textkit.limits import ArchiveLimits, Deadline, LimitExceeded, check_archive


def archive(parts: dict[str, bytes]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)
    return output.getvalue()


def test_a_normal_archive_passes_and_is_returned_unread():
    opened = check_archive(archive({"word/document.xml": b"<w:document/>", "word/media/a.png": b"\x89PNG"}))
    assert sorted(opened.namelist()) == ["word/document.xml", "word/media/a.png"]


@pytest.mark.parametrize(
    ("parts", "limits", "kind"),
    [
        ({f"p{n}.xml": b"<a/>" for n in range(11)}, ArchiveLimits(max_parts=10), "parts"),
        ({"a.bin": b"x" * 2000, "b.bin": b"y" * 2000}, ArchiveLimits(max_uncompressed_bytes=3000), "uncompressed"),
        ({"word/document.xml": b"<a/>" * 1000}, ArchiveLimits(max_xml_part_bytes=1000), "part"),
        ({"word/media/image.bin": b"\0" * (3 * 2**20)}, ArchiveLimits(), "ratio"),
    ],
    ids=["parts", "uncompressed", "xml part", "ratio"],
)
def test_archives_past_a_limit_are_refused_saying_which(parts, limits, kind):
    with pytest.raises(LimitExceeded) as error:
        check_archive(archive(parts), limits)
    assert error.value.kind == kind


def test_a_file_larger_than_allowed_or_not_a_zip_is_refused():
    with pytest.raises(LimitExceeded) as error:
        check_archive(b"x" * 100, ArchiveLimits(max_archive_bytes=10))
    assert error.value.kind == "archive"
    with pytest.raises(LimitExceeded) as error:
        check_archive(b"PK\x03\x04 not really")
    assert error.value.kind == "zip"


def test_the_deadline_passes_until_its_time_has_come():
    Deadline(60).check("convert")
    with pytest.raises(LimitExceeded, match="convert"):
        Deadline(-1).check("convert")
