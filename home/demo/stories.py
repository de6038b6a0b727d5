"""Demo stories, written for this project in Chinese. Facts follow the kind of work public
reports describe; the places' communities and the people in them are illustrative."""

# Each story: slug, title, date (ISO), summary, place, themes (slugs), groups (GB/T 3304
# names), byline, and body: a list of (block type, value). An "image" value is a caption;
# the loader draws the picture.
STORIES = [
    {
        "slug": "ajilaqin-red-pomegranate-station",
        "title": "阿吉拉沁社区：红石榴驿站开在家门口",
        "date": "2025-05-13",
        "summary": "社区把党群服务站改成红石榴驿站，各族居民在这里办事、学习、拉家常，一年接待居民一万多人次。",
        "place": "阿吉拉沁社区",
        "themes": ["gongju", "gongxiang"],
        "groups": ["汉族", "蒙古族", "回族", "满族"],
        "author": "其其格",
        "source": "东街街道",
        "reviewer": "王建国",
        "responsible_editor": "李敏",
        "body": [
            (
                "paragraph",
                "<p>走进阿吉拉沁社区的红石榴驿站，墙上贴着蒙汉双语的服务清单，书架上摆着民族团结主题的绘本。社区里汉族、蒙古族、回族、满族等八个民族的居民，每天都有人来这里坐一坐。</p>",
            ),
            (
                "figures",
                {
                    "heading": "驿站一年来",
                    "figures": [
                        {"value": "10,600", "unit": "人次", "label": "接待居民"},
                        {"value": "126", "unit": "场", "label": "开展活动"},
                        {"value": "38", "unit": "名", "label": "石榴籽志愿者"},
                    ],
                },
            ),
            ("image", "驿站里的双语服务清单"),
            (
                "paragraph",
                "<p>驿站实行网格化管理，每位网格员联系两百户左右的居民。谁家老人行动不便、谁家孩子放学没人接，网格员心里都有一本账。</p>",
            ),
            ("quote", {"quote": "以前办事要跑好几个地方，现在下楼就能问清楚。", "attribution": "居民 乌云"}),
        ],
    },
]
