"""Documents: the text of PDF and Word files is extracted on upload and searchable."""

import io

import docx
import pytest
from pypdf import PdfWriter
from pypdf.generic import DecodedStreamObject, DictionaryObject, NameObject

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model
from wagtail.search.backends import get_search_backend

from core.documents import MAX_EXTRACTED_CHARACTERS, SiteDocument, extract_text
from search import services


def pdf_bytes(text: str) -> bytes:
    """A one-page PDF showing ``text`` (Latin) in Helvetica."""
    writer = PdfWriter()
    page = writer.add_blank_page(width=300, height=200)
    font = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject("/Helvetica"),
        }
    )
    page[NameObject("/Resources")] = DictionaryObject(
        {NameObject("/Font"): DictionaryObject({NameObject("/F1"): writer._add_object(font)})}
    )
    content = DecodedStreamObject()
    content.set_data(f"BT /F1 12 Tf 20 100 Td ({text}) Tj ET".encode("latin-1"))
    page[NameObject("/Contents")] = writer._add_object(content)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx_bytes(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def test_document_model_is_the_site_s():
    assert get_document_model() is SiteDocument


def test_pdf_text_is_extracted():
    assert "Red Pomegranate Classroom" in extract_text(pdf_bytes("Red Pomegranate Classroom"), "pdf")


def test_docx_paragraphs_and_tables_are_extracted():
    text = extract_text(docx_bytes(["红石榴课堂教案", "第二段"], [["年级", "三年级"]]), "docx")
    assert "红石榴课堂教案" in text and "第二段" in text and "三年级" in text


def test_damaged_files_and_other_types_give_no_text(caplog):
    assert extract_text(b"%PDF-1.4 this is not really a pdf", "pdf") == ""
    assert extract_text(b"PK\x03\x04 broken", "docx") == ""
    assert extract_text(b"anything", "zip") == ""
    assert "Could not read" in caplog.text


def test_text_files_in_gb18030_are_read():
    assert extract_text("民族团结".encode("gb18030"), "txt") == "民族团结"


def test_extracted_text_is_capped():
    assert len(extract_text(("团" * (MAX_EXTRACTED_CHARACTERS + 10)).encode(), "txt")) == MAX_EXTRACTED_CHARACTERS


@pytest.mark.django_db
def test_uploaded_word_and_pdf_files_are_found_by_their_text(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        lesson = SiteDocument(title="三年级教案")
        lesson.file.save("lesson.docx", ContentFile(docx_bytes(["红石榴课堂：交往交流交融"])), save=False)
        lesson.save()
        handbook = SiteDocument(title="Handbook")
        handbook.file.save("handbook.pdf", ContentFile(pdf_bytes("Pomegranate seeds together")), save=False)
        handbook.save()
    lesson.refresh_from_db()
    assert "交往交流交融" in lesson.extracted_text
    assert lesson.text_extracted_from == lesson.file.name

    documents = SiteDocument.objects.all()
    assert [d.pk for d in services.run(documents, services.analyse("交往交流交融"))] == [lesson.pk]
    assert [d.pk for d in services.run(documents, services.analyse("pomegranate"))] == [handbook.pk]


@pytest.mark.django_db
def test_text_is_read_again_only_when_the_file_changes(monkeypatch, django_capture_on_commit_callbacks):
    document = SiteDocument(title="通知")
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("notice.txt", ContentFile("第一版".encode()), save=False)
        document.save()
    calls = []
    monkeypatch.setattr(SiteDocument, "read_text", lambda self: calls.append(self) or "新")
    with django_capture_on_commit_callbacks(execute=True):
        document.title = "通知（修订）"
        document.save()
    assert calls == []
    with django_capture_on_commit_callbacks(execute=True):
        document.file.save("notice2.txt", ContentFile("第二版".encode()), save=False)
        document.save()
    assert len(calls) == 1 and document.extracted_text == "新"
    assert SiteDocument.objects.get(pk=document.pk).extracted_text == "新"


@pytest.mark.django_db
def test_the_text_is_read_after_the_transaction_commits_not_inside_the_save(
    monkeypatch, django_capture_on_commit_callbacks
):
    calls = []
    monkeypatch.setattr(SiteDocument, "read_text", lambda self: calls.append(self) or "红石榴")
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        document = SiteDocument(title="通知")
        document.file.save("notice.txt", ContentFile("红石榴".encode()), save=False)
        document.save()
    assert calls == [] and len(callbacks) == 1  # nothing read while the transaction is open

    callbacks[0]()

    assert len(calls) == 1
    assert SiteDocument.objects.get(pk=document.pk).extracted_text == "红石榴"


@pytest.mark.django_db
def test_large_files_are_read_in_a_background_task(monkeypatch, django_capture_on_commit_callbacks):
    from core import documents

    enqueued = []
    task = documents.extract_document_text_task

    class Spy:
        def enqueue(self, pk):
            enqueued.append(pk)
            return task.enqueue(pk)

    monkeypatch.setattr(documents, "INLINE_EXTRACTION_BYTES", 10)
    monkeypatch.setattr(documents, "extract_document_text_task", Spy())
    with django_capture_on_commit_callbacks(execute=True):
        document = SiteDocument(title="手册")
        document.file.save("handbook.docx", ContentFile(docx_bytes(["交往交流交融" * 10])), save=False)
        document.save()

    assert enqueued == [document.pk]
    assert "交往交流交融" in SiteDocument.objects.get(pk=document.pk).extracted_text  # the immediate backend ran it


def test_a_word_zip_bomb_gives_no_text_quickly(caplog):
    import time

    from tests.editorial.imports.test_safety import zip_bomb

    data = zip_bomb()
    started = time.perf_counter()
    assert extract_text(data, "docx") == ""
    assert time.perf_counter() - started < 1.0
    assert "not read" in caplog.text


@pytest.mark.django_db
def test_documents_are_indexed_through_the_analysis(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        document = SiteDocument(title="民族團結手冊")
        document.file.save("a.txt", ContentFile(b"x"), save=False)
        document.save()
    assert list(get_search_backend().search(services.analyse("团结").search_query(), SiteDocument)) == [document]
