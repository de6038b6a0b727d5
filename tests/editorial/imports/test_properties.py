"""Property: whatever paragraphs, tables, nested tables, images and fields a .docx holds, every text run
of the source ends up in the page (title, summary, body, table cells, image captions) or in a warning."""

import io

import docx
from docx.oxml import parse_xml
from docx.shared import Cm
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from editorial.imports.parse import parse_document
from tests.editorial.imports.documents import png_bytes
from textkit.html import html_to_text

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
# Han characters and Latin letters, no spaces or colons (which would make byline lines).
WORD = st.text(alphabet=st.sampled_from("民族团结石榴籽社区居民活动abcXYZ0123456789"), min_size=1, max_size=8)
RUNS = st.lists(WORD, min_size=1, max_size=3)
PNG = png_bytes("green", (8, 6))

paragraph = st.tuples(st.just("paragraph"), RUNS)
field = st.tuples(st.just("field"), st.tuples(WORD, WORD))
image = st.tuples(st.just("image"), st.just(None))
cell = st.one_of(WORD.map(lambda text: ("text", text)), st.just(("image", None)))
grid = st.integers(1, 3).flatmap(
    lambda cols: st.lists(st.lists(cell, min_size=cols, max_size=cols), min_size=1, max_size=3)
)
table = st.tuples(
    st.just("table"),
    st.tuples(grid, st.none() | st.lists(st.lists(WORD, min_size=2, max_size=2), min_size=1, max_size=2)),
)
BLOCKS = st.lists(st.one_of(paragraph, field, image, table), min_size=1, max_size=6)


def build(blocks) -> tuple[bytes, list[str], int]:
    """The .docx, the texts of its runs, and how many images it embeds."""
    document = docx.Document()
    runs, images = [], 0
    document.add_paragraph("标题")
    for kind, value in blocks:
        if kind == "paragraph":
            para = document.add_paragraph()
            for text in value:
                para.add_run(text)
            runs.extend(value)
        elif kind == "field":
            before, shown = value
            para = document.add_paragraph(before)
            para._p.append(
                parse_xml(f'<w:fldSimple {W_NS} w:instr=" DATE "><w:r><w:t>{shown}</w:t></w:r></w:fldSimple>')
            )
            runs.extend([before, shown])
        elif kind == "image":
            document.add_picture(io.BytesIO(PNG), width=Cm(1))
            images += 1
        else:
            rows, nested = value
            grid_table = document.add_table(rows=len(rows), cols=len(rows[0]))
            for row_number, row in enumerate(rows):
                for column, (cell_kind, text) in enumerate(row):
                    target = grid_table.cell(row_number, column)
                    if cell_kind == "text":
                        target.text = text
                        runs.append(text)
                    else:
                        target.paragraphs[0].add_run().add_picture(io.BytesIO(PNG), width=Cm(1))
                        images += 1
            if nested:
                inner = grid_table.cell(0, 0).add_table(rows=len(nested), cols=2)
                for row_number, row in enumerate(nested):
                    for column, text in enumerate(row):
                        inner.cell(row_number, column).text = text
                        runs.append(text)
    output = io.BytesIO()
    document.save(output)
    return output.getvalue(), runs, images


def page_text(parsed) -> str:
    parts = [parsed.title, parsed.summary, *parsed.byline.values(), *parsed.warnings]
    for kind, value in parsed.body:
        if kind == "paragraph":
            parts.append(html_to_text(value))
        elif kind == "table":
            parts.extend(" ".join(row) for row in value["data"])
        elif kind == "image":
            parts.append(value.caption)
    return "\n".join(parts)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS)
def test_every_text_run_is_in_the_page_or_a_warning(blocks):
    data, runs, images = build(blocks)

    parsed = parse_document("generated.docx", data)

    text = page_text(parsed)
    missing = [run for run in runs if run not in text]
    assert not missing, (missing, text)
    assert sum(kind == "image" for kind, _value in parsed.body) == images
