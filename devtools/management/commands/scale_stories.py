"""Add N stories in Chinese and their Mongolian translations to the demo, fast, for benchmarks.

    manage.py load_demo && manage.py scale_stories --stories 5000

Pages go in with two bulk inserts per language instead of one save per page: treebeard's
materialised paths are computed here (the next free steps under each story index), the
``wagtailcore_page`` rows are bulk-created, then each ``stories_storypage`` row is saved
alone, without signals (Django cannot bulk-create a multi-table child). The indexes'
``numchild`` is updated and the new stories are indexed for search in batches. Each Chinese
story and its Mongolian version share a translation key, as wagtail-localize would make them.
"""

import datetime
import random
import time
import uuid

from django.contrib.contenttypes.models import ContentType
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

from core.page_cache import invalidate
from stories.models import Place, StoryIndexPage, StoryPage, Theme

CHINESE_TITLES = ["红石榴驿站", "石榴籽志愿服务队", "邻里守望", "那达慕进社区", "民族团结进步活动月", "共居共学"]
SUMMARY = "社区各族居民共建美好家园。"
MONGOLIAN_TITLES = ["ᠤᠯᠠᠭᠠᠨ ᠠᠨᠠᠷ", "ᠨᠠᠭᠠᠳᠤᠮ", "ᠬᠠᠮᠲᠤ ᠰᠤᠷᠤᠯᠴᠠᠬᠤ", "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ ᠦ ᠡᠪ ᠨᠡᠶᠢᠴᠡ"]


class Command(BaseCommand):
    help = "Add N Chinese stories and their Mongolian translations to the loaded demo (bulk inserts)."

    def add_arguments(self, parser):
        parser.add_argument("--stories", type=int, default=5000, help="Stories per language (default 5000).")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed, for repeatable content.")

    def handle(self, *args, stories: int, seed: int, **options):
        if stories < 1:
            raise CommandError("--stories must be positive.")
        indexes = {
            index.locale.language_code: index
            for index in StoryIndexPage.objects.filter(alias_of__isnull=True).select_related("locale")
        }
        if "zh-hans" not in indexes or "mn-mong" not in indexes:
            raise CommandError("No Chinese and Mongolian story index: run `manage.py load_demo` first.")
        rng = random.Random(seed)  # noqa: S311 - demo content, not security
        keys = [uuid.uuid4() for _ in range(stories)]
        dates = [datetime.date(2015, 1, 1) + datetime.timedelta(days=rng.randrange(4000)) for _ in range(stories)]
        started = time.perf_counter()
        created = []
        with transaction.atomic():
            for code, titles in (("zh-hans", CHINESE_TITLES), ("mn-mong", MONGOLIAN_TITLES)):
                created += self.add_stories(indexes[code], titles, keys, dates, rng)
        self.stdout.write(f"Added {len(created)} stories in {time.perf_counter() - started:.1f} s; indexing…")
        started = time.perf_counter()
        backend = get_search_backend()
        for start in range(0, len(created), 500):
            backend.add_bulk(StoryPage, StoryPage.objects.filter(pk__in=created[start : start + 500]))
        invalidate("stories added in bulk")
        self.stdout.write(f"Indexed for search in {time.perf_counter() - started:.1f} s.")

    def add_stories(self, index: StoryIndexPage, titles: list[str], keys, dates, rng) -> list[int]:
        locale = Locale.objects.get(pk=index.locale_id)
        content_type = ContentType.objects.get_for_model(StoryPage)
        places = list(Place.objects.filter(locale=locale)) or [None]
        themes = list(Theme.objects.filter(locale=locale))
        last = index.get_last_child()
        step = int(last.path[-Page.steplen :], 36) + 1 if last else 1
        depth = index.depth + 1
        now = timezone.now()
        pages = []
        for number, key in enumerate(keys):
            title = f"{rng.choice(titles)} {number + 1}"
            slug = f"scaled-{number + 1}"
            pages.append(
                Page(
                    title=title,
                    draft_title=title,
                    slug=slug,
                    path=Page._get_path(index.path, depth, step + number),
                    depth=depth,
                    numchild=0,
                    url_path=f"{index.url_path}{slug}/",
                    content_type=content_type,
                    locale=locale,
                    translation_key=key,
                    live=True,
                    has_unpublished_changes=False,
                    first_published_at=now,
                    last_published_at=now,
                )
            )
        pages = Page.objects.bulk_create(pages, batch_size=500)
        through = StoryPage.themes.through
        links = []
        for page, date in zip(pages, dates, strict=True):
            story = StoryPage(
                page_ptr_id=page.pk,
                date=date,
                summary=f"{page.title}：社区各族居民共建美好家园。"
                if locale.language_code == "zh-hans"
                else page.title,
                body=[("paragraph", f"<p>{page.title}</p>")],
                place=rng.choice(places),
            )
            story.__dict__.update({f.attname: getattr(page, f.attname) for f in Page._meta.concrete_fields})
            # The child row only, without signals: each save would index the page and invalidate
            # the page cache one by one; the stories are indexed in batches afterwards.
            story._save_table(raw=True, cls=StoryPage, force_insert=True)
            if themes:
                links.append(through(storypage_id=page.pk, theme_id=rng.choice(themes).pk))
        through.objects.bulk_create(links, batch_size=1000)
        Page.objects.filter(pk=index.pk).update(numchild=index.numchild + len(pages))
        index.numchild += len(pages)
        return [page.pk for page in pages]
