"""Demo editorial work: a login per role, two community sections, a term list and a story in review.

Development only: every demo login has the printed password. Safe to run again.
"""

from django.conf import settings
from django.contrib.auth import get_user_model

from wagtail.models import Page, WorkflowState

from devtools.demo.localize import translate_sections
from editorial.models import Term
from editorial.sections import (
    EDITORS,
    FINAL_REVIEWERS,
    FIRST_REVIEWERS,
    SITE_ADMINISTRATORS,
    TRANSLATORS,
    ensure_role_groups,
    setup_all_sections,
    setup_section,
)
from stories.models import Place, StoryIndexPage, StoryPage

DEMO_PASSWORD = "shiliu-demo"  # noqa: S105  (development only; printed on every run)

SECTIONS = [
    ("ajilaqin", "阿吉拉沁社区", "东街街道阿吉拉沁社区各族居民的故事，由社区民族团结进步工作站编辑。"),
    ("guangming", "光明社区", "中山西路街道光明社区各族居民的故事，由社区党群服务中心编辑。"),
]

# (user name, name shown in bylines, role group, section slug or None, what the login is for)
USERS = [
    ("ajilaqin-editor", "其其格", EDITORS, "ajilaqin", "editor, 阿吉拉沁社区"),
    ("ajilaqin-first", "王建国", FIRST_REVIEWERS, "ajilaqin", "first reviewer (初审), 阿吉拉沁社区"),
    ("ajilaqin-final", "李敏", FINAL_REVIEWERS, "ajilaqin", "final reviewer (终审), 阿吉拉沁社区"),
    ("guangming-editor", "马丽", EDITORS, "guangming", "editor, 光明社区"),
    ("guangming-first", "张伟", FIRST_REVIEWERS, "guangming", "first reviewer (初审), 光明社区"),
    ("guangming-final", "赵磊", FINAL_REVIEWERS, "guangming", "final reviewer (终审), 光明社区"),
    ("translator", "巴特尔", TRANSLATORS, None, "translator (Mongolian)"),
    ("site-admin", "刘芳", SITE_ADMINISTRATORS, None, "site administrator"),
]

# (phrase, kind, suggestion, note)
TERMS = [
    ("鞑子", Term.Kind.FORBIDDEN, "", "带有民族歧视色彩的旧称，不得使用。"),
    ("蛮子", Term.Kind.FORBIDDEN, "", "带有地域和民族歧视色彩的称呼，不得使用。"),
    ("满清", Term.Kind.OUTDATED, "清朝", "新闻报道中称“清朝”。"),
    ("喇嘛教", Term.Kind.OUTDATED, "藏传佛教", "规范名称为“藏传佛教”。"),
    ("那达幕", Term.Kind.TYPO, "那达慕", ""),
    ("民族团节", Term.Kind.TYPO, "民族团结", ""),
    ("铸牢中华民族共同体意思", Term.Kind.TYPO, "铸牢中华民族共同体意识", ""),
    ("ᠨᠠᠳᠤᠮ", Term.Kind.TYPO, "ᠨᠠᠭᠠᠳᠤᠮ", "那达慕的蒙古文写法。"),
]

STORY_IN_REVIEW = {
    "slug": "ajilaqin-naadam-volunteers",
    "title": "阿吉拉沁社区志愿者服务那达幕",
    "summary": "社区石榴籽志愿服务队到那达慕会场服务，各族群众一起看搏克、赛马。",
    "body": (
        "<p>七月，石榴籽志愿服务队的二十多名队员来到那达幕会场，为前来观看比赛的各族群众"
        "提供饮水、指路和蒙汉双语讲解。</p><p>队员乌云说：“大家一起看搏克、赛马，比过节还热闹。”</p>"
    ),
}


def load_editorial_demo(command, home: Page) -> None:
    """Roles, sections, logins, term list and one story waiting for first review; ``command`` reports."""
    write = command.stdout.write
    groups = ensure_role_groups()
    sections = {}
    for slug, title, intro in SECTIONS:
        index = StoryIndexPage.objects.child_of(home).filter(slug=slug).first()
        created = index is None
        if created:
            index = home.add_child(instance=StoryIndexPage(title=title, slug=slug, locale=home.locale, intro=intro))
            index.save_revision().publish()
        sections[slug] = setup_section(index)
        command.count("community sections", created)
    indexes = StoryIndexPage.objects.child_of(home).filter(slug__in=[slug for slug, *_rest in SECTIONS])
    translate_sections(command, home, indexes.order_by("path"))  # their Mongolian pages become sections on creation
    setup_all_sections()  # the stories and campaigns indexes are sections too

    users = {}
    for username, name, role, section_slug, purpose in USERS:
        user, created = get_user_model().objects.get_or_create(
            username=username, defaults={"first_name": name, "email": f"{username}@example.com", "is_staff": False}
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        user.groups.add(groups[role])
        if section_slug:
            section = sections[section_slug]
            section_group = {
                EDITORS: section.editors,
                FIRST_REVIEWERS: section.first_reviewers,
                FINAL_REVIEWERS: section.final_reviewers,
            }[role]
            user.groups.add(section_group)
        users[username] = user
        command.count("users", created)
        write(f"  {username:<17} {DEMO_PASSWORD!r:<14} {name}: {purpose}")
    if not settings.DEBUG:
        write(command.style.WARNING("  DEBUG is off: change or remove these demo logins now."))

    for phrase, kind, suggestion, note in TERMS:
        _term, created = Term.objects.update_or_create(
            phrase=phrase, defaults={"kind": kind, "suggestion": suggestion, "note": note}
        )
        command.count("terms", created)

    load_story_in_review(command, sections["ajilaqin"].pages().get(locale=home.locale).specific, users)


def load_story_in_review(command, index: StoryIndexPage, users: dict) -> None:
    """A draft by the section's editor, submitted and waiting at first review (it has a typo to flag)."""
    editor = users["ajilaqin-editor"]
    story = StoryPage.objects.child_of(index).filter(slug=STORY_IN_REVIEW["slug"]).first()
    created = story is None
    if created:
        story = index.add_child(
            instance=StoryPage(
                slug=STORY_IN_REVIEW["slug"],
                title=STORY_IN_REVIEW["title"],
                summary=STORY_IN_REVIEW["summary"],
                body=[("paragraph", STORY_IN_REVIEW["body"])],
                author=users["ajilaqin-editor"].first_name,
                place=Place.objects.filter(name="阿吉拉沁社区", locale=index.locale).first(),
                locale=index.locale,
                owner=editor,
                live=False,
            )
        )
        story.save_revision(user=editor)
    in_review = WorkflowState.objects.active().filter(object_id=str(story.pk)).exists()
    if not story.live and not in_review:
        story.get_workflow().start(story, editor)
    command.count("stories in review", created)
    command.stdout.write(f"  In review: “{story.title}” (log in as ajilaqin-first to review it)")
