"""Demo festival albums: two festivals in photos drawn with Pillow, captioned in Chinese and Mongolian.

The Mongolian captions were written for this project in the traditional script (no Cyrillic);
a case suffix is joined with U+202F and a separated final vowel written with U+180E.
"""

import datetime
import io

from django.core.files.images import ImageFile

from wagtail.images.models import Image
from wagtail.models import Locale

from albums.models import AlbumIndexPage, AlbumPhoto, FestivalAlbumPage
from devtools.demo.campaigns import CAMPAIGN_MONGOLIAN
from devtools.demo.images import draw_picture
from devtools.demo.localize import translate_all
from devtools.demo.translations import MONGOLIAN
from stories.models import Place

NNBSP, MVS = "\u202f", "\u180e"

#: Chinese caption → Mongolian caption.
CAPTIONS = {
    "各族居民手拉手跳起安代舞": f"ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠪᠦᠷᠢ{NNBSP}ᠶᠢᠨ ᠣᠷᠣᠰᠢᠭᠴᠢᠳ ᠭᠠᠷ ᠭᠠᠷ{NNBSP}ᠠᠴᠠ ᠪᠠᠷᠢᠯᠴᠠᠨ ᠠᠨᠳᠠᠢ ᠪᠦᠵᠢᠭᠯᠡᠵᠦ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "孩子们在石榴树下画画": f"ᠬᠡᠦᠬᠡᠳ ᠠᠨᠠᠷ ᠮᠣᠳᠣᠨ{NNBSP}ᠤ ᠳᠣᠣᠷ{MVS}ᠠ ᠵᠢᠷᠤᠭ ᠵᠢᠷᠤᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "石榴籽志愿者为老人端上奶茶": f"ᠠᠨᠠᠷ{NNBSP}ᠤᠨ ᠦᠷ{MVS}ᠡ ᠰᠠᠶᠢᠨ ᠳᠤᠷ{MVS}ᠠ ᠪᠠᠭᠤᠯᠭᠠᠭᠴᠢᠳ ᠥᠪᠡᠭᠡᠳ ᠬᠥᠭᠰᠢᠳ{NNBSP}ᠲᠦ ᠰᠦᠨ ᠴᠠᠢ ᠪᠠᠷᠢᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "合唱团演唱《我们都是一家人》": f"ᠬᠠᠮᠲᠤ ᠳᠠᠭᠤᠯᠠᠬᠤ ᠪᠦᠯᠦᠭ 《ᠪᠢᠳᠡ ᠪᠦᠭᠦᠳᠡ ᠨᠢᠭᠡ ᠭᠡᠷ ᠪᠦᠯᠢ》 ᠳᠠᠭᠤᠯᠠᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "邻里一起品尝手把肉": f"ᠠᠢᠯ ᠬᠥᠷᠵᠢ ᠬᠠᠮᠲᠤ ᠪᠠᠷ ᠴᠢᠨᠠᠮᠠᠯ ᠮᠢᠬ{MVS}ᠠ ᠢᠳᠡᠵᠦ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "搏克手在草地上较量": f"ᠪᠥᠬᠡᠴᠢᠨ ᠨᠣᠭᠣᠭ{MVS}ᠠᠨ ᠳᠡᠭᠡᠷ{MVS}ᠡ ᠪᠠᠷᠢᠯᠳᠤᠵᠤ ᠪᠠᠶᠢᠨ{MVS}ᠠ",
    "少年骑手第一个冲过终点": f"ᠪᠠᠭ{MVS}ᠠ ᠮᠣᠷᠢᠴᠢᠨ ᠲᠡᠷᠢᠭᠦᠯᠡᠵᠦ ᠢᠷᠡᠪᠡ",
    "射箭比赛": f"ᠰᠤᠷ ᠬᠠᠷᠪᠤᠯᠭ{MVS}ᠠ{NNBSP}ᠶᠢᠨ ᠤᠷᠠᠯᠳᠤᠭᠠᠨ",
}

#: Titles, event names and the like, Chinese → Mongolian.
TEXTS = {
    "节日相册": f"ᠨᠠᠢᠷ ᠪᠠᠶᠢᠷ{NNBSP}ᠤᠨ ᠵᠢᠷᠤᠭ{NNBSP}ᠤᠨ ᠳᠡᠪᠲᠡᠷ",
    "社区节日和文化活动的照片。": f"ᠬᠣᠷᠢᠶᠠᠨ{NNBSP}ᠤᠨ ᠨᠠᠢᠷ ᠪᠠᠶᠢᠷ ᠪᠣᠯᠣᠨ ᠰᠣᠶᠣᠯ{NNBSP}ᠤᠨ ᠦᠢᠯᠡ ᠠᠵᠢᠯᠯᠠᠭ᠎ᠠ{NNBSP}ᠶᠢᠨ ᠵᠢᠷᠤᠭ᠃",
    "2025年石榴花开文化节": f"2025 ᠣᠨ{NNBSP}ᠤ ᠠᠨᠠᠷ ᠴᠡᠴᠡᠭ ᠳᠡᠯᠭᠡᠷᠡᠬᠦ ᠰᠣᠶᠣᠯ{NNBSP}ᠤᠨ ᠨᠠᠢᠷ",
    "石榴花开文化节": f"ᠠᠨᠠᠷ ᠴᠡᠴᠡᠭ ᠳᠡᠯᠭᠡᠷᠡᠬᠦ ᠰᠣᠶᠣᠯ{NNBSP}ᠤᠨ ᠨᠠᠢᠷ",
    "2025年阿吉拉沁社区那达慕": f"2025 ᠣᠨ{NNBSP}ᠤ ᠠᠵᠢᠯᠴᠢᠨ ᠬᠣᠷᠢᠶᠠᠨ{NNBSP}ᠤᠨ ᠨᠠᠭᠠᠳᠤᠮ",
    "那达慕": "ᠨᠠᠭᠠᠳᠤᠮ",
    "东街街道办事处": CAMPAIGN_MONGOLIAN["东街街道办事处"],  # one name for the office, as on the campaigns
    "夏至这天，各族居民在社区广场载歌载舞，孩子们画下心中的石榴树。": (
        f"ᠵᠤᠨ{NNBSP}ᠤ ᠲᠡᠭᠰᠢ ᠡᠳᠦᠷ ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠪᠦᠷᠢ{NNBSP}ᠶᠢᠨ ᠣᠷᠣᠰᠢᠭᠴᠢᠳ ᠬᠣᠷᠢᠶᠠᠨ{NNBSP}ᠤᠨ ᠲᠠᠯᠠᠪᠠᠢ{NNBSP}ᠳᠤ ᠳᠠᠭᠤᠯᠠᠵᠤ ᠪᠦᠵᠢᠭᠯᠡᠪᠡ᠂ "
        f"ᠬᠡᠦᠬᠡᠳ ᠰᠡᠳᠬᠢᠯ{NNBSP}ᠳᠡᠬᠢ ᠠᠨᠠᠷ ᠮᠣᠳᠣ{NNBSP}ᠪᠠᠨ ᠵᠢᠷᠤᠪᠠ᠃"
    ),
    "社区那达慕上，搏克、赛马和射箭吸引了各族邻里。": (
        f"ᠬᠣᠷᠢᠶᠠᠨ{NNBSP}ᠤᠨ ᠨᠠᠭᠠᠳᠤᠮ{NNBSP}ᠳᠤ ᠪᠥᠬᠡ᠂ ᠮᠣᠷᠢ ᠤᠷᠠᠯᠳᠤᠭᠠᠨ ᠪᠣᠯᠣᠨ ᠰᠤᠷ ᠬᠠᠷᠪᠤᠯᠭ{MVS}ᠠ "
        f"ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠪᠦᠷᠢ{NNBSP}ᠶᠢᠨ ᠠᠢᠯ ᠬᠥᠷᠵᠢ{NNBSP}ᠶᠢ ᠲᠠᠲᠠᠪᠠ᠃"
    ),
    "王丽": "王丽",  # Chinese names stay in Chinese characters in Mongolian text
    "巴特尔": "ᠪᠠᠭᠠᠲᠤᠷ",
}

ALBUMS = [
    {
        "slug": "pomegranate-festival-2025",
        "title": "2025年石榴花开文化节",
        "event_name": "石榴花开文化节",
        "date": "2025-06-21",
        "place": "东街街道",
        "organisers": "东街街道办事处",
        "introduction": "夏至这天，各族居民在社区广场载歌载舞，孩子们画下心中的石榴树。",
        "photographer": "王丽",
        "captions": list(CAPTIONS)[:5] * 3,
        "cover": 2,
    },
    {
        "slug": "ajilaqin-naadam-2025",
        "title": "2025年阿吉拉沁社区那达慕",
        "event_name": "那达慕",
        "date": "2025-07-26",
        "place": "阿吉拉沁社区",
        "organisers": "东街街道办事处",
        "introduction": "社区那达慕上，搏克、赛马和射箭吸引了各族邻里。",
        "photographer": "巴特尔",
        "captions": list(CAPTIONS)[4:] * 3,
        "cover": 1,
    },
]


def album_image(slug: str, number: int) -> Image:
    """A photo of a demo album, drawn the first time (in portrait now and then, as phones shoot)."""
    title = f"{slug}-{number:02d}"
    existing = Image.objects.filter(title=title).first()
    if existing:
        return existing
    size = (900, 1200) if number % 4 == 0 else (1200, 800)
    image = Image(title=title, file=ImageFile(io.BytesIO(draw_picture(title, size)), name=f"{title}.jpg"))
    image.save()
    return image


def load_albums(command, home) -> AlbumIndexPage:
    """The load_demo step: the album index, two albums, and their Mongolian translations."""
    index = command.child_page(
        home,
        AlbumIndexPage,
        "albums",
        title="节日相册",
        show_in_menus=True,
        intro="社区节日和文化活动的照片。",
    )
    locale = Locale.get_default()
    places = {place.name: place for place in Place.objects.filter(locale=locale)}
    albums = []
    for album in ALBUMS:
        photos = [
            AlbumPhoto(
                image=album_image(album["slug"], number),
                caption=caption,
                photographer=album["photographer"],
                is_cover=number == album["cover"],
                sort_order=number,
            )
            for number, caption in enumerate(album["captions"], start=1)
        ]
        page = FestivalAlbumPage.objects.child_of(index).filter(slug=album["slug"]).first()
        if page is not None:
            # Keep the photos (and their translation keys) when they are the same images.
            existing = {photo.image_id: photo for photo in page.photos.all()}
            for photo in photos:
                if photo.image_id in existing:
                    photo.pk = existing[photo.image_id].pk
                    photo.translation_key = existing[photo.image_id].translation_key
        albums.append(
            command.child_page(
                index,
                FestivalAlbumPage,
                album["slug"],
                title=album["title"],
                event_name=album["event_name"],
                date=datetime.date.fromisoformat(album["date"]),
                place=places.get(album["place"]),
                organisers=album["organisers"],
                introduction=album["introduction"],
                summary=album["introduction"],
                photos=photos,
            )
        )
    # The demo's Mongolian texts are looked up in one table (devtools.demo.translations).
    MONGOLIAN.update(CAPTIONS)
    MONGOLIAN.update(TEXTS)
    translate_all(command, [index, *albums], extra=None)
    return index
