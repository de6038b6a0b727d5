"""Demo Red Pomegranate Classroom: a calendar page, eight weekly courses, one-off events and
the campaigns' activities, in Chinese and (through wagtail-localize) Mongolian.

Dates follow the current year, so the calendar always has something on this week. Running
it again updates the same pages and rules (their uids are derived from the slugs, so the
feeds' UIDs stay the same) and creates nothing twice.
"""

from __future__ import annotations

import datetime
import re
import uuid

from django.utils import timezone

from campaigns.models import CampaignPage
from classroom.models import CoursePage, EventIndexPage, EventPage, ScheduleException, ScheduleRule
from devtools.demo.localize import translate_all
from devtools.demo.translations import MONGOLIAN
from stories.models import Place

UID_NAMESPACE = uuid.UUID("0f8c3a52-6a1e-4c0b-9f43-5b6c2f1d7e21")
NNBSP = "\u202f"
ADDRESS = "{place}，{venue}"


CASE_SUFFIX = re.compile(
    "(?<=[\u1820-\u1878\u180e]) (ᠢᠶᠠᠷ|ᠢᠶᠡᠷ|ᠢᠶᠠᠨ|ᠢᠶᠡᠨ|ᠶᠢᠨ|ᠪᠠᠷ|ᠪᠡᠷ|ᠠᠴᠠ|ᠡᠴᠡ|ᠲᠠᠢ|ᠲᠡᠢ|ᠪᠠᠨ|ᠪᠡᠨ|ᠲᠠᠨ|ᠳᠤ|ᠳᠦ|ᠲᠤ|ᠲᠦ|ᠶᠢ|ᠤᠨ|ᠦᠨ|ᠢ|ᠤ|ᠦ)(?=[\\s\u1802\u1803\u1804]|$)"
)


def m(text: str) -> str:
    """Mongolian written here with "+" for the narrow no-break space before a case suffix;
    a case suffix typed after a plain space is joined the same way."""
    return CASE_SUFFIX.sub(NNBSP + r"\1", text.replace("+", NNBSP))


VENUES = {
    "社区活动室": m("ᠬᠣᠷᠢᠶᠠᠨ+ᠤ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ+ᠶᠢᠨ ᠥᠷᠦᠭᠡ"),
    "党群服务中心二楼教室": m("ᠠᠮᠠ ᠠᠷᠠᠳ+ᠤᠨ ᠦᠢᠯᠡᠴᠢᠯᠡᠭᠡᠨ+ᠦ ᠲᠥᠪ+ᠦᠨ ᠬᠣᠶᠠᠳᠤᠭᠠᠷ ᠳᠠᠪᠬᠤᠷ+ᠤᠨ ᠠᠩᠭᠢ"),
    "文化站排练厅": m("ᠰᠣᠶᠣᠯ+ᠤᠨ ᠥᠷᠲᠡᠭᠡ+ᠶᠢᠨ ᠳᠠᠳᠬᠠᠯ+ᠤᠨ ᠲᠠᠨᠬᠢᠮ"),
    "社区广场": m("ᠬᠣᠷᠢᠶᠠᠨ+ᠤ ᠲᠠᠯᠠᠪᠠᠢ"),
    "社区图书室": m("ᠬᠣᠷᠢᠶᠠᠨ+ᠤ ᠨᠣᠮ+ᠤᠨ ᠥᠷᠦᠭᠡ"),
}

#: Chinese text -> Mongolian, for the demo's classroom pages (localize.mongolian_for reads it).
CLASSROOM_MONGOLIAN: dict[str, str] = {
    **VENUES,
    "红石榴课堂": m("ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ+ᠤᠨ ᠬᠢᠴᠢᠶᠡᠯ"),
    "社区里本周有什么课、什么活动，一看就知道。": m(
        "ᠬᠣᠷᠢᠶᠠᠨ+ᠳᠤ ᠡᠨᠡ ᠭᠠᠷᠠᠭ+ᠲᠤ ᠶᠠᠮᠠᠷ ᠬᠢᠴᠢᠶᠡᠯ᠂ ᠶᠠᠮᠠᠷ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ ᠪᠠᠢᠬᠤ+ᠶᠢ ᠨᠢᠭᠡ ᠦᠵᠡᠭᠡᠳ ᠮᠡᠳᠡᠨ᠎ᠡ᠃"
    ),
}

COURSES = [
    {
        "slug": "children-mongolian-calligraphy",
        "title": ("少儿蒙古文书法班", "ᠬᠡᠦᠬᠡᠳ+ᠦᠨ ᠮᠣᠩᠭᠣᠯ ᠤᠷᠠᠨ ᠪᠢᠴᠢᠯᠭᠡ+ᠶᠢᠨ ᠠᠩᠭᠢ"),
        "summary": (
            "各族孩子一起用毛笔写蒙古文和汉字。",
            "ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠬᠡᠦᠬᠡᠳ ᠬᠠᠮᠲᠤ+ᠪᠠᠷ ᠪᠢᠷ+ᠢᠶᠡᠷ ᠮᠣᠩᠭᠣᠯ ᠪᠢᠴᠢᠭ ᠬᠢᠭᠡᠳ ᠬᠢᠲᠠᠳ ᠦᠰᠦᠭ ᠪᠢᠴᠢᠨ᠎ᠡ᠃",
        ),
        "teachers": "乌云",
        "venue": "社区活动室",
        "place": "阿吉拉沁社区",
        "audiences": ["children", "school-classes"],
        "sign_up": True,
        "rules": [("09:30", "11:00", "FREQ=WEEKLY;BYDAY=SA")],
    },
    {
        "slug": "seniors-smartphone",
        "title": ("老年人智能手机课", "ᠥᠲᠡᠭᠡᠴᠦᠳ+ᠦᠨ ᠤᠬᠠᠭᠠᠨ ᠭᠠᠷ ᠤᠲᠠᠰᠤ+ᠶᠢᠨ ᠬᠢᠴᠢᠶᠡᠯ"),
        "summary": (
            "手把手教老人用手机挂号、视频通话、防诈骗。",
            "ᠥᠲᠡᠭᠡᠴᠦᠳ+ᠲᠦ ᠭᠠᠷ ᠤᠲᠠᠰᠤ+ᠪᠠᠷ ᠡᠮᠨᠡᠯᠭ+ᠲᠦ ᠨᠡᠷ᠎ᠡ ᠡᠭᠦᠯᠭᠡᠬᠦ᠂ ᠸᠢᠳᠢᠣ ᠶᠠᠷᠢᠬᠤ᠂ ᠬᠠᠭᠤᠷᠮᠠᠭᠴᠢ+ᠠᠴᠠ ᠰᠡᠷᠬᠦ+ᠶᠢ ᠭᠠᠷ ᠳᠡᠭᠡᠷ᠎ᠡ+ᠡᠴᠡ ᠵᠢᠭᠠᠨ᠎ᠠ᠃",
        ),
        "teachers": "李明、志愿者",
        "venue": "党群服务中心二楼教室",
        "place": "光明社区",
        "audiences": ["seniors"],
        "sign_up": False,
        "rules": [("14:30", "16:00", "FREQ=WEEKLY;BYDAY=TU,TH")],
        "cancel_in_weeks": 1,
    },
    {
        "slug": "ethnic-policy-talks",
        "title": ("民族政策宣讲课", "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠪᠣᠳᠣᠯᠭ᠎ᠠ+ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠭ᠎ᠠ+ᠶᠢᠨ ᠬᠢᠴᠢᠶᠡᠯ"),
        "summary": (
            "用身边的事讲民族政策，讲完答疑。",
            "ᠢᠷᠭᠡᠨ+ᠦ ᠠᠮᠢᠳᠤᠷᠠᠯ+ᠤᠨ ᠬᠡᠷᠡᠭ+ᠢᠶᠡᠷ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠪᠣᠳᠣᠯᠭ᠎ᠠ+ᠶᠢ ᠶᠠᠷᠢᠵᠤ᠂ ᠠᠰᠠᠭᠤᠯᠲᠠ+ᠳᠤ ᠬᠠᠷᠢᠭᠤᠯᠨ᠎ᠠ᠃",
        ),
        "teachers": "高志强",
        "venue": "社区活动室",
        "place": "团结社区",
        "audiences": ["adults", "seniors"],
        "sign_up": False,
        "rules": [("19:00", "20:30", "FREQ=WEEKLY;INTERVAL=2;BYDAY=WE")],
    },
    {
        "slug": "winter-homework-help",
        "title": ("寒假作业辅导", "ᠡᠪᠦᠯ+ᠦᠨ ᠠᠮᠤᠷᠠᠯᠲᠠ+ᠶᠢᠨ ᠭᠡᠷ+ᠦᠨ ᠳᠠᠭᠠᠯᠭᠠᠪᠤᠷ+ᠤᠨ ᠲᠤᠰᠠᠯᠠᠮᠵᠢ"),
        "summary": (
            "大学生志愿者陪孩子写作业、读绘本。",
            "ᠶᠡᠬᠡ ᠰᠤᠷᠭᠠᠭᠤᠯᠢ+ᠶᠢᠨ ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ+ᠲᠠᠨ ᠬᠡᠦᠬᠡᠳ+ᠲᠡᠢ ᠬᠠᠮᠲᠤ ᠳᠠᠭᠠᠯᠭᠠᠪᠤᠷ ᠬᠢᠵᠦ᠂ ᠵᠢᠷᠤᠭᠲᠤ ᠨᠣᠮ ᠤᠩᠰᠢᠨ᠎ᠠ᠃",
        ),
        "teachers": "志愿者",
        "venue": "社区图书室",
        "place": "和平街道",
        "audiences": ["children", "school-classes"],
        "sign_up": True,
        "rules": [("09:00", "11:30", "FREQ=WEEKLY;BYDAY=MO,WE,FR")],
    },
    {
        "slug": "morin-khuur-beginners",
        "title": ("马头琴入门", "ᠮᠣᠷᠢᠨ ᠬᠤᠭᠤᠷ+ᠤᠨ ᠡᠬᠢᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ"),
        "summary": (
            "从持琴、运弓学起，一学期学会一首《万马奔腾》片段。",
            "ᠬᠤᠭᠤᠷ ᠪᠠᠷᠢᠬᠤ᠂ ᠨᠤᠮᠤ ᠲᠠᠲᠠᠬᠤ+ᠠᠴᠠ ᠡᠬᠢᠯᠡᠨ ᠰᠤᠷᠤᠯᠴᠠᠵᠤ᠂ ᠨᠢᠭᠡ ᠤᠯᠠᠷᠢᠯ+ᠳᠤ ᠨᠢᠭᠡ ᠠᠶᠠᠯᠭᠤ+ᠶᠢ ᠲᠠᠲᠠᠵᠤ ᠰᠤᠷᠤᠨ᠎ᠠ᠃",
        ),
        "teachers": "巴特尔",
        "venue": "文化站排练厅",
        "place": "巴彦托海镇",
        "audiences": ["youth", "adults"],
        "sign_up": True,
        "rules": [("15:00", "16:30", "FREQ=WEEKLY;BYDAY=SU")],
        "move_in_weeks": 1,
    },
    {
        "slug": "paper-cutting-workshop",
        "title": ("剪纸非遗工作坊", "ᠴᠠᠭᠠᠰᠤ ᠬᠠᠶᠢᠴᠢᠯᠠᠬᠤ ᠣᠶᠤᠨ ᠰᠣᠶᠣᠯ+ᠤᠨ ᠥᠪ+ᠦᠨ ᠰᠤᠷᠭᠠᠯᠲᠠ"),
        "summary": (
            "每月第二个星期六，跟传承人学剪石榴和吉祥图案。",
            "ᠰᠠᠷ᠎ᠠ ᠪᠦᠷᠢ+ᠶᠢᠨ ᠬᠣᠶᠠᠳᠤᠭᠠᠷ ᠭᠠᠷᠠᠭ+ᠤᠨ ᠵᠢᠷᠭᠤᠭᠠᠨ+ᠳᠤ᠂ ᠥᠪ ᠤᠯᠠᠮᠵᠢᠯᠠᠭᠴᠢ+ᠠᠴᠠ ᠠᠨᠠᠷ ᠬᠢᠭᠡᠳ ᠬᠤᠲᠤᠭ ᠲᠠᠢ ᠵᠢᠷᠤᠭ ᠬᠠᠶᠢᠴᠢᠯᠠᠬᠤ+ᠶᠢ ᠰᠤᠷᠤᠨ᠎ᠠ᠃",
        ),
        "teachers": "张桂兰",
        "venue": "社区活动室",
        "place": "东街街道",
        "audiences": ["children", "adults", "seniors"],
        "sign_up": True,
        "rules": [("09:00", "11:00", "FREQ=MONTHLY;BYDAY=2SA")],
    },
    {
        "slug": "everyday-mongolian",
        "title": ("蒙古语日常会话", "ᠮᠣᠩᠭᠣᠯ ᠬᠡᠯᠡ+ᠶᠢᠨ ᠡᠳᠦᠷ ᠲᠤᠲᠤᠮ+ᠤᠨ ᠶᠠᠷᠢᠶ᠎ᠠ"),
        "summary": (
            "学问候、买菜、问路的蒙古语，邻里之间多一句亲切话。",
            "ᠮᠡᠨᠳᠦᠴᠢᠯᠡᠬᠦ᠂ ᠨᠤᠭᠤᠭ᠎ᠠ ᠬᠤᠳᠠᠯᠳᠤᠨ ᠠᠪᠬᠤ᠂ ᠵᠠᠮ ᠠᠰᠠᠭᠤᠬᠤ ᠮᠣᠩᠭᠣᠯ ᠦᠭᠡ+ᠶᠢ ᠰᠤᠷᠤᠨ᠎ᠠ᠃",
        ),
        "teachers": "其其格",
        "venue": "党群服务中心二楼教室",
        "place": "光明社区",
        "audiences": ["adults", "seniors"],
        "sign_up": False,
        "rules": [("19:00", "20:00", "FREQ=WEEKLY;BYDAY=MO")],
    },
    {
        "slug": "seniors-choir",
        "title": ("石榴籽老年合唱团", "ᠠᠨᠠᠷ+ᠤᠨ ᠦᠷ᠎ᠡ ᠥᠲᠡᠭᠡᠴᠦᠳ+ᠦᠨ ᠬᠠᠮᠲᠤ ᠳᠠᠭᠤᠤ+ᠶᠢᠨ ᠪᠦᠯᠦᠭ"),
        "summary": ("蒙汉双语唱《吉祥三宝》《草原上升起不落的太阳》。", "ᠮᠣᠩᠭᠣᠯ ᠬᠢᠲᠠᠳ ᠬᠣᠶᠠᠷ ᠬᠡᠯᠡ+ᠪᠡᠷ ᠳᠠᠭᠤᠤ ᠳᠠᠭᠤᠯᠠᠨ᠎ᠠ᠃"),
        "teachers": "萨仁",
        "venue": "文化站排练厅",
        "place": "阿吉拉沁社区",
        "audiences": ["seniors"],
        "sign_up": False,
        "rules": [("09:30", "11:00", "FREQ=WEEKLY;BYDAY=WE,FR")],
    },
]

#: One-off events: (slug, Chinese title, Mongolian title, days from the start of this month, venue, place, audiences)
EVENTS = [
    (
        "winter-solstice-dumplings",
        ("冬至邻里包饺子", "ᠡᠪᠦᠯ+ᠦᠨ ᠲᠤᠢᠯ+ᠤᠨ ᠠᠢᠯ ᠬᠥᠷᠢᠶᠠᠨ+ᠤ ᠪᠠᠨᠰ ᠴᠢᠮᠡᠭ"),
        (12, 21),
        "社区活动室",
        "团结社区",
        ["adults", "seniors", "children"],
    ),
    (
        "new-year-gathering",
        ("迎新年联欢会", "ᠰᠢᠨ᠎ᠡ ᠵᠢᠯ+ᠢ ᠤᠭᠲᠤᠬᠤ ᠴᠡᠩᠭᠡᠯᠳᠦᠭᠡᠨ"),
        (12, 30),
        "社区广场",
        "光明社区",
        ["children", "youth", "adults", "seniors"],
    ),
    (
        "summer-naadam",
        ("社区那达慕", "ᠬᠣᠷᠢᠶᠠᠨ+ᠤ ᠨᠠᠭᠠᠳᠤᠮ"),
        (7, 18),
        "社区广场",
        "巴彦托海镇",
        ["children", "youth", "adults", "seniors"],
    ),
]

#: Campaign activities: (campaign slug, slug, titles, (month, day), venue, place, audiences)
CAMPAIGN_EVENTS = [
    (
        "ethnic-policy-month-2026",
        "policy-at-the-market",
        ("民族政策进市场", "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠪᠣᠳᠣᠯᠭ᠎ᠠ ᠵᠠᠬ᠎ᠠ ᠵᠡᠭᠡᠯᠢ+ᠳᠦ"),
        (5, 16),
        "社区广场",
        "光明社区",
        ["adults", "seniors"],
    ),
    (
        "unity-progress-month-2026",
        "unity-sports-day",
        ("民族团结趣味运动会", "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠡᠪ ᠨᠡᠶᠢᠲᠡ+ᠶᠢᠨ ᠰᠣᠨᠢᠷᠬᠠᠯᠲᠠᠢ ᠲᠠᠮᠢᠷᠠᠭᠠᠨ"),
        (9, 19),
        "社区广场",
        "阿吉拉沁社区",
        ["children", "youth", "adults"],
    ),
    (
        "unity-progress-month-2026",
        "unity-art-show",
        ("石榴籽书画展", "ᠠᠨᠠᠷ+ᠤᠨ ᠦᠷ᠎ᠡ ᠤᠷᠠᠨ ᠪᠢᠴᠢᠯᠭᠡ ᠵᠢᠷᠤᠭ+ᠤᠨ ᠦᠵᠡᠰᠬᠦᠯᠡᠩ"),
        (9, 26),
        "社区图书室",
        "东街街道",
        ["adults", "seniors"],
    ),
    (
        "ethnic-law-week-2026",
        "lawyers-in-the-community",
        ("律师进社区讲法律", "ᠬᠠᠭᠤᠯᠢ ᠴᠠᠭᠠᠵᠠ+ᠶᠢᠨ ᠵᠥᠪᠯᠡᠯᠬᠡ ᠬᠣᠷᠢᠶᠠᠨ+ᠳᠤ"),
        (12, 3),
        "社区活动室",
        "团结社区",
        ["adults", "seniors"],
    ),
    (
        "ethnic-law-week-2026",
        "constitution-day",
        ("宪法宣传日集中宣传", "ᠦᠨᠳᠦᠰᠦᠨ ᠬᠠᠭᠤᠯᠢ+ᠶᠢᠨ ᠰᠤᠷᠲᠠᠯᠴᠢᠯᠠᠬᠤ ᠡᠳᠦᠷ"),
        (12, 4),
        "社区广场",
        "和平街道",
        ["youth", "adults", "seniors"],
    ),
]
EVENT_SUMMARY = (
    "欢迎居民参加，各族邻里一起过。",
    "ᠠᠬᠤᠢ ᠰᠠᠭᠤᠭᠴᠢᠳ+ᠢ ᠣᠷᠣᠯᠴᠠᠬᠤ+ᠶᠢ ᠤᠷᠢᠨ᠎ᠠ᠂ ᠣᠯᠠᠨ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ+ᠦ ᠠᠢᠯ ᠬᠥᠷᠢᠶᠠᠨ ᠬᠠᠮᠲᠤ ᠪᠠᠶᠠᠷᠯᠠᠨ᠎ᠠ᠃",
)

#: Words in a course's teachers that are not names: translated, while names beside them stay.
TEACHER_WORDS = {"志愿者": m("ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ+ᠶᠢᠨ ᠠᠵᠢᠯᠲᠠᠨ")}

for _item in COURSES:
    CLASSROOM_MONGOLIAN[_item["title"][0]] = m(_item["title"][1])
    CLASSROOM_MONGOLIAN[_item["summary"][0]] = m(_item["summary"][1])
    # Chinese names stay in Chinese characters; "李明、志愿者" becomes "李明᠂ ᠰᠠᠶᠢᠨ ᠳᠤᠷ᠎ᠠ ᠶᠢᠨ ᠠᠵᠢᠯᠲᠠᠨ".
    CLASSROOM_MONGOLIAN[_item["teachers"]] = "᠂ ".join(
        TEACHER_WORDS.get(name, name) for name in _item["teachers"].split("、")
    )
for _event in [*EVENTS, *CAMPAIGN_EVENTS]:
    titles = _event[1] if isinstance(_event[1], tuple) else _event[2]
    CLASSROOM_MONGOLIAN[titles[0]] = m(titles[1])
CLASSROOM_MONGOLIAN[EVENT_SUMMARY[0]] = m(EVENT_SUMMARY[1])
for _place in {item["place"] for item in COURSES} | {e[-2] for e in [*EVENTS, *CAMPAIGN_EVENTS]}:
    for _venue in VENUES:
        CLASSROOM_MONGOLIAN[ADDRESS.format(place=_place, venue=_venue)] = m(f"{MONGOLIAN[_place]}᠂ {VENUES[_venue]}")
CLASSROOM_MONGOLIAN["改在下午上课"] = m("ᠦᠳᠡ+ᠶᠢᠨ ᠬᠣᠶᠢᠨ᠎ᠠ ᠬᠢᠴᠢᠶᠡᠯᠯᠡᠨ᠎ᠡ")
CLASSROOM_MONGOLIAN["老师外出培训，本次停课"] = m("ᠪᠠᠭᠰᠢ ᠰᠤᠷᠭᠠᠯᠲᠠ+ᠳᠤ ᠶᠠᠪᠤᠭᠰᠠᠨ ᠲᠤᠯᠠ ᠡᠨᠡ ᠤᠳᠠᠭ᠎ᠠ ᠬᠢᠴᠢᠶᠡᠯ ᠦᠭᠡᠢ")


def time(text: str) -> datetime.time:
    return datetime.time.fromisoformat(text)


def next_weekday(start: datetime.date, weekday: int, weeks_ahead: int) -> datetime.date:
    """The date with ``weekday`` (Monday 0) in the week ``weeks_ahead`` after ``start``'s week."""
    return start + datetime.timedelta(days=(weekday - start.weekday()) % 7 + 7 * weeks_ahead)


def load_classroom_demo(command, home) -> EventIndexPage:
    """The load_demo step: calendar page, courses, events and campaign activities, then Mongolian.

    Args:
        command: the running load_demo command (its ``child_page``, counts and output).
        home: the Chinese home page.
    """
    today = timezone.localdate()
    term_start = today.replace(month=9, day=1) if today.month >= 9 else today.replace(month=3, day=1)
    term_end = term_start + datetime.timedelta(days=180)
    index = command.child_page(
        home,
        EventIndexPage,
        "events",
        title="红石榴课堂",
        show_in_menus=True,
        intro="社区里本周有什么课、什么活动，一看就知道。",
        summary="社区里本周有什么课、什么活动，一看就知道。",
    )
    places = {place.name: place for place in Place.objects.filter(locale=index.locale)}
    pages = [index]
    for course in COURSES:
        rules = [
            ScheduleRule(
                uid=uuid.uuid5(UID_NAMESPACE, f"{course['slug']}-{n}"),
                sort_order=n,
                start_date=term_start,
                start_time=time(start),
                end_time=time(end),
                rrule=f"RRULE:{rule};UNTIL={term_end:%Y%m%d}T235959",
            )
            for n, (start, end, rule) in enumerate(course["rules"])
        ]
        exceptions = []
        if "cancel_in_weeks" in course:
            exceptions.append(
                ScheduleException(
                    date=next_weekday(today, 1, course["cancel_in_weeks"]),
                    action=ScheduleException.Action.CANCEL,
                    note="老师外出培训，本次停课",
                )
            )
        if "move_in_weeks" in course:
            planned = next_weekday(today, 6, course["move_in_weeks"])
            exceptions.append(
                ScheduleException(
                    date=planned,
                    action=ScheduleException.Action.MOVE,
                    new_date=planned - datetime.timedelta(days=1),
                    new_start_time=time("14:00"),
                    note="改在下午上课",
                )
            )
        page = command.child_page(
            index,
            CoursePage,
            course["slug"],
            title=course["title"][0],
            summary=course["summary"][0],
            description=f"<p>{course['summary'][0]}</p>",
            teachers=course["teachers"],
            venue=course["venue"],
            address=ADDRESS.format(place=course["place"], venue=course["venue"]),
            contact_phone="0471-0000000",
            place=places.get(course["place"]),
            audiences=course["audiences"],
            sign_up_required=course["sign_up"],
            schedule_rules=rules,
            schedule_exceptions=exceptions,
        )
        pages.append(page)
    campaigns = {campaign.slug: campaign for campaign in CampaignPage.objects.filter(locale=index.locale)}
    for slug, titles, (month, day), venue, place, audiences, campaign in [
        *((e[0], e[1], e[2], e[3], e[4], e[5], None) for e in EVENTS),
        *((e[1], e[2], e[3], e[4], e[5], e[6], campaigns.get(e[0])) for e in CAMPAIGN_EVENTS),
    ]:
        day_of = datetime.date(campaign.start_date.year if campaign else today.year, month, day)
        page = command.child_page(
            index,
            EventPage,
            slug,
            title=titles[0],
            summary=EVENT_SUMMARY[0],
            description=f"<p>{EVENT_SUMMARY[0]}</p>",
            start_date=day_of,
            end_date=day_of,
            start_time=time("09:00"),
            end_time=time("11:30"),
            venue=venue,
            address=ADDRESS.format(place=place, venue=venue),
            place=places.get(place),
            audiences=audiences,
            campaign=campaign,
        )
        pages.append(page)
    translate_all(command, pages, CLASSROOM_MONGOLIAN)
    return index
