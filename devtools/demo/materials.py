"""A demo materials library: lesson plans, worksheets and pictures for three grade bands, two for
teachers only, and its Mongolian translation (traditional script, made with wagtail-localize).

The Mongolian was written for this project, sentence by sentence, with the words the other demo
modules use (devtools.demo.translations, campaigns, classroom). It is written with "+" for the
narrow no-break space (U+202F) before a case suffix and "=" for the Mongolian vowel separator
(U+180E) before a separated final vowel (devtools.demo.campaigns.m).

A material's files are the same documents in both languages: a Chinese lesson plan stays a
Chinese file on the Mongolian page, whose "Language" line says so. The Mongolian reading
material's own file is written in Mongolian.
"""

import io

import docx

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from campaigns.models import CampaignPage
from core.documents import SiteDocument
from devtools.demo.campaigns import CAMPAIGN_MATERIALS, m
from devtools.demo.images import draw_picture
from devtools.demo.localize import translate_all
from materials import access
from materials.models import MaterialFile, MaterialIndexPage, MaterialPage

DEMO_TEACHER = ("teacher@example.com", "shiliu-teacher")  # development only; printed on every run

LIBRARY_TITLE = "教学资源"
LIBRARY_INTRO = "供学校下载的民族团结教育资源：按学段、学科、语言和类型查找。"

MATERIALS = [
    # slug, title, grades, subject, language, format, teacher only, file title, file text
    (
        "seeds-class-meeting",
        "石榴籽一家亲主题班会",
        "primary",
        "class-meeting",
        "zh",
        "lesson-plan",
        False,
        "班会教案",
        "各族同学像石榴籽一样紧紧抱在一起。班会分为讲故事、画石榴、说心愿三个环节。",
    ),
    (
        "unity-songs",
        "民族团结歌曲欣赏",
        "primary junior",
        "music",
        "both",
        "reading",
        False,
        "歌单与歌词",
        "《我们都是一家人》《草原上升起不落的太阳》歌词与欣赏提示，汉蒙双语。",
    ),
    (
        "history-exchange",
        "交往交流交融的历史",
        "senior",
        "history",
        "zh",
        "slides",
        False,
        "历史课件讲稿",
        "从草原丝绸之路到万里茶道，讲述各民族交往交流交融的历史。",
    ),
    (
        "law-handbook",
        "道德与法治：民族区域自治制度",
        "junior",
        "morality",
        "zh",
        "lesson-plan",
        False,
        "教学设计",
        "民族区域自治制度是我国的基本政治制度之一。本课通过案例认识自治区的设立。",
    ),
    (
        "mongolian-reading",
        "蒙古文阅读材料：我的家乡",
        "primary",
        "chinese",
        "mn",
        "reading",
        False,
        "阅读材料",
        "家乡的草原、河流和邻居们的故事。",
    ),
    ("pomegranate-drawing", "美术课：画一棵石榴树", "primary", "art", "both", "pictures", False, "范画", ""),
    (
        "worksheet-six-together",
        "“六共”练习单",
        "junior senior",
        "class-meeting",
        "zh",
        "worksheet",
        False,
        "练习单",
        "共居、共学、共建、共享、共事、共乐：请写出身边的一个例子。",
    ),
    (
        "teacher-guide-unity-month",
        "民族团结进步活动月教师指导用书",
        "primary junior senior",
        "morality",
        "zh",
        "lesson-plan",
        True,
        "教师指导用书",
        "本指导用书供教师备课使用：活动月的目标、课时安排和评价建议。",
    ),
    (
        "teacher-answers",
        "“六共”练习单参考答案",
        "junior senior",
        "class-meeting",
        "zh",
        "worksheet",
        True,
        "参考答案",
        "参考答案与评分说明，仅供教师使用。",
    ),
]


#: Chinese text -> Mongolian, for the library and its materials (fed to devtools.demo.localize).
MATERIALS_MONGOLIAN: dict[str, str] = {
    key: m(value)
    for key, value in {
        # the library
        "教学资源": "ᠰᠤᠷᠭᠠᠯᠲᠠ+ᠶᠢᠨ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ",
        "供学校下载的民族团结教育资源：按学段、学科、语言和类型查找。": (
            "ᠰᠤᠷᠭᠠᠭᠤᠯᠢ ᠲᠠᠲᠠᠨ ᠠᠪᠴᠤ ᠬᠡᠷᠡᠭᠯᠡᠬᠦ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ+ᠶᠢᠨ ᠰᠤᠷᠭᠠᠨ ᠬᠦᠮᠦᠵᠢᠯ+ᠦᠨ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ᠄ "
            "ᠰᠤᠷᠭᠠᠯᠲᠠ+ᠶᠢᠨ ᠱᠠᠲᠤ᠂ ᠬᠢᠴᠢᠶᠡᠯ᠂ ᠬᠡᠯᠡ ᠬᠢᠭᠡᠳ ᠬᠡᠯᠪᠡᠷᠢ+ᠪᠡᠷ ᠨᠢ ᠬᠠᠢᠵᠤ ᠣᠯᠤᠨ=ᠠ᠃"
        ),
        # seeds-class-meeting
        "石榴籽一家亲主题班会": "《ᠠᠨᠠᠷ+ᠤᠨ ᠦᠷ=ᠡ ᠨᠢᠭᠡ ᠭᠡᠷ ᠪᠦᠯ》 ᠰᠡᠳᠦᠪ+ᠲᠡᠢ ᠠᠩᠭᠢ+ᠶᠢᠨ ᠬᠤᠷᠠᠯ",
        "各族同学像石榴籽一样紧紧抱在一起。班会分为讲故事、画石榴、说心愿三个环节。": (
            "ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠰᠤᠷᠤᠭᠴᠢᠳ ᠠᠨᠠᠷ+ᠤᠨ ᠦᠷ=ᠡ ᠮᠡᠲᠦ ᠨᠢᠭᠲᠠ ᠲᠡᠪᠡᠷᠢᠯᠳᠦᠨ=ᠡ᠃ "
            "ᠠᠩᠭᠢ+ᠶᠢᠨ ᠬᠤᠷᠠᠯ ᠦᠯᠢᠭᠡᠷ ᠬᠡᠯᠡᠬᠦ᠂ ᠠᠨᠠᠷ ᠵᠢᠷᠤᠬᠤ᠂ ᠬᠦᠰᠡᠯ+ᠢᠶᠡᠨ ᠬᠡᠯᠡᠬᠦ ᠭᠤᠷᠪᠠᠨ ᠬᠡᠰᠡᠭ+ᠲᠡᠢ᠃"
        ),
        # unity-songs
        "民族团结歌曲欣赏": "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ+ᠶᠢᠨ ᠳᠠᠭᠤᠤ ᠲᠠᠰᠢᠶᠠᠷᠠᠬᠤ",
        "《我们都是一家人》《草原上升起不落的太阳》歌词与欣赏提示，汉蒙双语。": (
            "《ᠪᠢᠳᠡ ᠪᠦᠭᠦᠳᠡ ᠨᠢᠭᠡ ᠭᠡᠷ ᠪᠦᠯᠢ》 《ᠲᠠᠯ=ᠠ ᠳᠡᠭᠡᠷ=ᠡ ᠰᠢᠩᠭᠡᠬᠦ ᠦᠭᠡᠢ ᠨᠠᠷᠠ ᠮᠠᠨᠳᠤᠨ=ᠠ》 "
            "ᠳᠠᠭᠤᠤ+ᠶᠢᠨ ᠦᠭᠡ ᠬᠢᠭᠡᠳ ᠲᠠᠰᠢᠶᠠᠷᠠᠬᠤ ᠵᠢᠭᠠᠯᠲᠠ᠂ ᠬᠢᠲᠠᠳ ᠮᠣᠩᠭᠣᠯ ᠬᠣᠰ ᠬᠡᠯᠡ+ᠪᠡᠷ᠃"
        ),
        # history-exchange
        "交往交流交融的历史": "ᠬᠠᠷᠢᠯᠴᠠᠭ=ᠠ᠂ ᠰᠣᠯᠢᠯᠴᠠᠭ=ᠠ᠂ ᠬᠠᠶᠢᠯᠤᠯᠴᠠᠭ=ᠠ+ᠶᠢᠨ ᠲᠡᠦᠬᠡ",
        "从草原丝绸之路到万里茶道，讲述各民族交往交流交融的历史。": (
            "ᠲᠠᠯ=ᠠ+ᠶᠢᠨ ᠲᠣᠷᠭᠠᠨ ᠵᠠᠮ+ᠠᠴᠠ ᠲᠦᠮᠡᠨ ᠭᠠᠵᠠᠷ ᠴᠠᠢ+ᠶᠢᠨ ᠵᠠᠮ ᠬᠦᠷᠲᠡᠯ᠂ ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠬᠠᠷᠢᠯᠴᠠᠭ=ᠠ᠂ "
            "ᠰᠣᠯᠢᠯᠴᠠᠭ=ᠠ᠂ ᠬᠠᠶᠢᠯᠤᠯᠴᠠᠭ=ᠠ+ᠶᠢᠨ ᠲᠡᠦᠬᠡ+ᠶᠢ ᠭᠡᠷᠡᠴᠢᠯᠡᠨ=ᠡ᠃"
        ),
        # law-handbook
        "道德与法治：民族区域自治制度": (
            "ᠶᠣᠰᠣ ᠰᠤᠷᠲᠠᠬᠤᠨ ᠬᠢᠭᠡᠳ ᠬᠠᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ᠄ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠣᠷᠣᠨ ᠨᠤᠲᠤᠭ+ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠲᠦᠷᠢᠮ"
        ),
        "民族区域自治制度是我国的基本政治制度之一。本课通过案例认识自治区的设立。": (
            "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠣᠷᠣᠨ ᠨᠤᠲᠤᠭ+ᠤᠨ ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠲᠦᠷᠢᠮ ᠪᠣᠯ ᠮᠠᠨ+ᠤ ᠤᠯᠤᠰ+ᠤᠨ ᠦᠨᠳᠦᠰᠦᠨ "
            "ᠤᠯᠤᠰ ᠲᠥᠷᠦ+ᠶᠢᠨ ᠲᠦᠷᠢᠮ+ᠦᠨ ᠨᠢᠭᠡ ᠮᠥᠨ᠃ ᠡᠨᠡ ᠬᠢᠴᠢᠶᠡᠯ ᠬᠡᠷᠡᠭ ᠤᠴᠠᠷ+ᠢᠶᠠᠷ ᠳᠠᠮᠵᠢᠭᠤᠯᠤᠨ "
            "ᠥᠪᠡᠷᠲᠡᠭᠡᠨ ᠵᠠᠰᠠᠬᠤ ᠣᠷᠣᠨ ᠬᠡᠷᠬᠢᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠭᠳᠠᠭᠰᠠᠨ+ᠢ ᠲᠠᠨᠢᠨ ᠮᠡᠳᠡᠨ=ᠡ᠃"
        ),
        # mongolian-reading (its file is written in Mongolian: see load_materials)
        "蒙古文阅读材料：我的家乡": "ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ+ᠦᠨ ᠤᠩᠰᠢᠬᠤ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ᠄ ᠮᠢᠨᠤ ᠨᠤᠲᠤᠭ",
        "家乡的草原、河流和邻居们的故事。": "ᠨᠤᠲᠤᠭ+ᠤᠨ ᠲᠠᠯ=ᠠ᠂ ᠭᠣᠣᠯ ᠮᠥᠷᠡᠨ ᠬᠢᠭᠡᠳ ᠠᠶᠢᠯ ᠰᠠᠭᠤᠭᠴᠢᠳ+ᠤᠨ ᠦᠯᠢᠭᠡᠷ᠃",
        "阅读材料": "ᠤᠩᠰᠢᠬᠤ ᠮᠠᠲ᠋ᠧᠷᠢᠶᠠᠯ",
        # pomegranate-drawing (its summary and description are its title)
        "美术课：画一棵石榴树": "ᠤᠷᠠᠯᠢᠭ ᠵᠢᠷᠤᠭ+ᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ᠄ ᠨᠢᠭᠡ ᠠᠨᠠᠷ ᠮᠣᠳᠣ ᠵᠢᠷᠤᠶ=ᠠ",
        # worksheet-six-together
        "“六共”练习单": "《ᠵᠢᠷᠭᠤᠭᠠᠨ ᠬᠠᠮᠲᠤ》 ᠳᠠᠰᠬᠠᠯ+ᠤᠨ ᠬᠠᠭᠤᠳᠠᠰᠤ",
        "共居、共学、共建、共享、共事、共乐：请写出身边的一个例子。": (
            "ᠬᠠᠮᠲᠤ ᠠᠮᠢᠳᠤᠷᠠᠬᠤ᠂ ᠬᠠᠮᠲᠤ ᠰᠤᠷᠬᠤ᠂ ᠬᠠᠮᠲᠤ ᠪᠠᠶᠢᠭᠤᠯᠬᠤ᠂ ᠬᠠᠮᠲᠤ ᠡᠳᠯᠡᠬᠦ᠂ ᠬᠠᠮᠲᠤ ᠠᠵᠢᠯᠯᠠᠬᠤ᠂ ᠬᠠᠮᠲᠤ ᠪᠠᠶᠠᠰᠬᠤ᠄ "
            "ᠣᠶᠢᠷ=ᠠ ᠲᠣᠬᠢᠶᠠᠯᠳᠤᠭᠰᠠᠨ ᠨᠢᠭᠡ ᠵᠢᠱᠢᠶ=ᠡ ᠪᠢᠴᠢᠭᠡᠷᠡᠢ᠃"
        ),
        # teacher-guide-unity-month
        "民族团结进步活动月教师指导用书": (
            "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ ᠳᠡᠪᠰᠢᠯᠲᠡ+ᠶᠢᠨ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ=ᠠ+ᠶᠢᠨ ᠰᠠᠷ=ᠠ+ᠶᠢᠨ ᠪᠠᠭᠰᠢ+ᠶᠢᠨ ᠬᠥᠲᠥᠯᠪᠦᠷᠢ"
        ),
        "本指导用书供教师备课使用：活动月的目标、课时安排和评价建议。": (
            "ᠡᠨᠡ ᠬᠥᠲᠥᠯᠪᠦᠷᠢ+ᠶᠢ ᠪᠠᠭᠰᠢ ᠨᠠᠷ ᠬᠢᠴᠢᠶᠡᠯ ᠪᠡᠯᠡᠳᠬᠡᠬᠦ+ᠳᠦ ᠬᠡᠷᠡᠭᠯᠡᠨ=ᠡ᠄ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ=ᠠ+ᠶᠢᠨ ᠰᠠᠷ=ᠠ+ᠶᠢᠨ "
            "ᠵᠣᠷᠢᠯᠭ=ᠠ᠂ ᠬᠢᠴᠢᠶᠡᠯ+ᠦᠨ ᠴᠠᠭ+ᠤᠨ ᠵᠣᠬᠢᠶᠠᠨ ᠪᠠᠶᠢᠭᠤᠯᠤᠯᠲᠠ ᠬᠢᠭᠡᠳ ᠦᠨᠡᠯᠡᠬᠦ ᠰᠠᠨᠠᠭᠤᠯᠭ=ᠠ᠃"
        ),
        # teacher-answers
        "“六共”练习单参考答案": "《ᠵᠢᠷᠭᠤᠭᠠᠨ ᠬᠠᠮᠲᠤ》 ᠳᠠᠰᠬᠠᠯ+ᠤᠨ ᠬᠠᠭᠤᠳᠠᠰᠤ+ᠶᠢᠨ ᠯᠠᠪᠯᠠᠬᠤ ᠬᠠᠷᠢᠭᠤ",
        "参考答案与评分说明，仅供教师使用。": (
            "ᠯᠠᠪᠯᠠᠬᠤ ᠬᠠᠷᠢᠭᠤ ᠬᠢᠭᠡᠳ ᠣᠨᠣᠭ=ᠠ ᠥᠭᠬᠦ ᠲᠠᠶᠢᠯᠪᠤᠷᠢ᠂ ᠵᠥᠪᠬᠡᠨ ᠪᠠᠭᠰᠢ ᠨᠠᠷ ᠬᠡᠷᠡᠭᠯᠡᠨ=ᠡ᠃"
        ),
    }.items()
}


def demo_docx(title: str, text: str) -> bytes:
    """A Word file with a title and one paragraph (its text is extracted for search)."""
    document = docx.Document()
    document.add_heading(title, level=1)
    document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def demo_document(slug: str, title: str, text: str) -> SiteDocument:
    """The demo document of a material, made the first time."""
    name = f"demo-{slug}"
    existing = SiteDocument.objects.filter(title=title, file__startswith=f"documents/{name}").first()
    if existing:
        return existing
    if text:
        content = ContentFile(demo_docx(title, text), name=f"{name}.docx")
    else:
        content = ContentFile(draw_picture(slug, (1200, 900)), name=f"{name}.jpg")
    document = SiteDocument(title=title, file=content)
    document.save()
    return document


def load_materials(command, home, *, teacher_login: bool = True) -> MaterialIndexPage:
    """The load_demo step: the materials library, its materials and a demo teacher."""
    index = command.child_page(
        home,
        MaterialIndexPage,
        "materials",
        title=LIBRARY_TITLE,
        show_in_menus=True,
        intro=LIBRARY_INTRO,
    )
    campaigns = {page.slug: page for page in CampaignPage.objects.filter(locale=index.locale)}
    pages = [index]
    for slug, title, grades, subject, language, material_format, teacher_only, file_title, text in MATERIALS:
        if language == "mn":  # a Mongolian material's file is written in Mongolian
            document = demo_document(slug, MATERIALS_MONGOLIAN[file_title], MATERIALS_MONGOLIAN[text])
        else:
            document = demo_document(slug, file_title, text)
        page = MaterialPage.objects.child_of(index).filter(slug=slug).first()
        files = [MaterialFile(document=document, sort_order=0)]
        if page is not None:
            existing = {item.document_id: item for item in page.files.all()}
            if document.pk in existing:
                files = [existing[document.pk]]
        page = command.child_page(
            index,
            MaterialPage,
            slug,
            title=title,
            summary=text[:120] or title,
            description=f"<p>{text or title}</p>",
            for_primary="primary" in grades,
            for_junior="junior" in grades,
            for_senior="senior" in grades,
            subject=subject,
            language=language,
            material_format=material_format,
            teacher_only=teacher_only,
            related_page=campaigns.get(CAMPAIGN_MATERIALS.get(slug, "")),
            files=files,
        )
        pages.append(page)
    translate_all(command, pages, MATERIALS_MONGOLIAN)
    if teacher_login:
        username, password = DEMO_TEACHER
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"email": username, "first_name": "演示教师"}
        )
        if created:
            user.set_password(password)
            user.save()
        user.groups.add(access.teachers_group())
        command.count("users", created)
        command.stdout.write(
            f"  Teacher: http://127.0.0.1:8000/zh-hans/teachers/login/  user {username!r}  password {password!r}"
        )
    return index
