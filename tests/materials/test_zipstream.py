"""Download all: a 200 MB zip streams in bounded memory and unpacks to the same files."""

import io
import os
import tracemalloc
import zipfile

import pytest

from materials.zipstream import CHUNK_SIZE, stream_zip
from tests.materials.factories import DocumentFactory, MaterialIndexPageFactory, material_with_files

MB = 1024 * 1024


def sparse_file(path, size: int):
    """A file of ``size`` bytes that takes no disk: a hole, read back as zeros."""
    with open(path, "wb") as file:
        file.truncate(size)
    return path


def test_200_mb_stream_in_bounded_memory(tmp_path):
    paths = [sparse_file(tmp_path / f"part-{n}.pdf", 50 * MB) for n in range(4)]
    files = [(path.name, lambda path=path: open(path, "rb")) for path in paths]  # noqa: SIM115

    tracemalloc.start()
    total, largest = 0, 0
    tail = b""
    for piece in stream_zip(files):
        total += len(piece)
        largest = max(largest, len(piece))
        tail = (tail + piece)[-(64 * 1024) :]
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    assert total > 200 * MB
    assert largest <= CHUNK_SIZE + 64 * 1024
    assert peak < 8 * MB, f"peak {peak / MB:.1f} MB"
    print(f"200 MB zip streamed, peak traced memory {peak / MB:.2f} MB")


def test_the_zip_unpacks_to_the_files(tmp_path):
    first = tmp_path / "a.txt"
    first.write_bytes(os.urandom(300_000))
    second = tmp_path / "b.pdf"
    second.write_bytes(b"%PDF-1.4 hello")
    data = b"".join(stream_zip([("a.txt", lambda: first.open("rb")), ("b.pdf", lambda: second.open("rb"))]))

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert archive.read("a.txt") == first.read_bytes()
        assert archive.read("b.pdf") == second.read_bytes()


@pytest.mark.django_db
def test_download_all_streams_the_material_files(client, home):
    library = MaterialIndexPageFactory(parent=home)
    material = material_with_files(library, [DocumentFactory(title="一"), DocumentFactory(title="二")], slug="lesson")

    response = client.get(f"{material.url}download-all/")

    assert response.status_code == 200 and response.streaming
    assert response["Content-Type"] == "application/zip"
    assert 'filename="lesson.zip"' in response["Content-Disposition"]
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        assert archive.namelist() == ["plan.txt", "plan-2.txt"] or len(archive.namelist()) == 2
    assert material.total_downloads() == 1
