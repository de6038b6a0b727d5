"""A demo materials library: lesson plans, worksheets and pictures for three grade bands, two for teachers only."""

import io

import docx

from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile

from campaigns.models import CampaignPage
from core.documents import SiteDocument
from devtools.demo.campaigns import CAMPAIGN_MATERIALS
from devtools.demo.images import draw_picture
from materials import access
from materials.models import MaterialFile, MaterialIndexPage, MaterialPage

DEMO_TEACHER = ("teacher@example.com", "shiliu-teacher")  # development only; printed on every run

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
        title="教学资源",
        show_in_menus=True,
        intro="供学校下载的民族团结教育资源：按学段、学科、语言和类型查找。",
    )
    campaigns = {page.slug: page for page in CampaignPage.objects.filter(locale=index.locale)}
    for slug, title, grades, subject, language, material_format, teacher_only, file_title, text in MATERIALS:
        document = demo_document(slug, file_title, text)
        page = MaterialPage.objects.child_of(index).filter(slug=slug).first()
        files = [MaterialFile(document=document, sort_order=0)]
        if page is not None:
            existing = {item.document_id: item for item in page.files.all()}
            if document.pk in existing:
                files = [existing[document.pk]]
        command.child_page(
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
