"""Files as editors send them, built in memory: a Word report with a table and a photo, a PNG."""

import io

import docx
from docx.shared import Cm
from PIL import Image as PILImage


def png_bytes(colour: str = "red", size: tuple[int, int] = (40, 30)) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", size, colour).save(buffer, "PNG")
    return buffer.getvalue()


def word_document() -> bytes:
    """A community report as editors receive them: title, indented paragraphs, a list, a table, a photo, a byline."""
    document = docx.Document()
    document.add_heading("光明社区：石榴籽志愿服务队走进千家万户", level=1)
    intro = document.add_paragraph("\u3000\u3000今年以来，")
    intro.add_run("光明社区").bold = True
    intro.add_run("组织各族居民开展志愿服务，")
    intro.add_run("團結互助").italic = True
    intro.add_run("蔚然成风。")
    document.add_paragraph("")
    document.add_heading("服务内容", level=2)
    document.add_paragraph("助老助残", style="List Bullet")
    document.add_paragraph("课业辅导", style="List Bullet")
    table = document.add_table(rows=3, cols=3)
    for row, cells in enumerate([("项目", "场次", "人次"), ("红石榴课堂", "48", "1,320"), ("邻里节", "6", "2,100")]):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    document.add_picture(io.BytesIO(png_bytes()), width=Cm(4))
    document.add_paragraph("志愿者在社区广场合影。")
    document.add_paragraph("撰稿：乌云")
    document.add_paragraph("审核：王建国")
    document.add_paragraph("来源：中山西路街道")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
