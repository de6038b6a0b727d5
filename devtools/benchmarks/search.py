"""A synthetic bilingual corpus and the measurements of search_benchmark.

The corpus imitates the site's stories: Chinese articles of realistic length built from the
vocabulary of ethnic-unity work (a fifth of them pasted in Traditional characters) and
Mongolian articles in the traditional script, some typed with variation selectors, vowel
separators and suffixes after U+202F. Every story's text is known, so each query's relevant
stories (those whose normalised text contains every part of the query) are labelled exactly.
"""

import datetime
import os
import random
import re
import sqlite3
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field

import opencc

from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.db.models.signals import post_delete, post_save

from wagtail.models import Locale, Page, Site
from wagtail.search import index as search_index
from wagtail.search.backends import get_search_backend
from wagtail.search.signal_handlers import post_delete_signal_handler, post_save_signal_handler

from devtools.benchmarks.plain import plain_search_fields
from search import services
from textkit.analysis import is_chinese, normalise

PLACE_ROOTS = (
    "阿吉拉沁", "巴彦塔拉", "哈达图", "乌兰察布", "锡林浩特", "海拉尔", "满都拉", "额尔敦",
    "呼和浩特", "包头", "通辽", "赤峰", "鄂尔多斯", "巴彦淖尔", "阿拉善", "兴安", "扎兰屯",
    "乌拉特", "达拉特", "准格尔", "科尔沁", "土默特", "察哈尔", "苏尼特", "阿巴嘎", "宝力根",
    "查干", "伊和", "敖包", "那仁",
)  # fmt: skip
PLACE_LEVELS = ("社区", "嘎查", "街道", "苏木", "村")
PROGRAMMES = ("红石榴课堂", "石榴籽志愿服务队", "红石榴驿站", "民族团结进步活动月", "民族政策宣传月", "民族法治宣传周")
THEMES = ("共居", "共学", "共建", "共享", "共事", "共乐", "交往交流交融", "互嵌式社区", "铸牢中华民族共同体意识")
GROUPS = ("汉族", "蒙古族", "回族", "满族", "达斡尔族", "鄂温克族", "鄂伦春族", "朝鲜族")
ACTIVITIES = (
    "书法课", "政策宣讲", "非遗手工课", "那达慕大会", "邻里节", "义诊", "法律咨询", "四点半课堂",
    "民族团结联欢会", "读书会", "马头琴演奏", "剪纸体验", "网格化管理", "枫桥经验调解", "一刻钟生活圈",
    "志愿服务", "安全知识讲座", "健康义诊", "科普展览", "文艺汇演",
)  # fmt: skip
SENTENCES = (
    "{place}组织开展{activity}，{group}、{group2}等各族群众{n}余人参加。",
    "在{programme}上，{person}为居民讲解{theme}的意义和要求。",
    "近年来，{place}坚持以{theme}为主线，推动各族群众{theme2}。",
    "{group}居民{person}说：“大家像石榴籽一样紧紧抱在一起，日子越过越红火。”",
    "社区依托{programme}，累计开展活动{n}场，服务居民家庭{n2}户。",
    "{place}把{activity}办到了居民家门口，孩子们在{activity2}中学习民族团结知识。",
    "通过{activity}，{group}和{group2}群众增进了了解，邻里关系更加和睦。",
    "街道党工委将{theme}融入{activity}，形成了可复制、可推广的经验。",
    "今年以来，{place}共接待群众来访{n}人次，化解矛盾纠纷{n2}起。",
    "{programme}每周三下午开课，志愿者{person}已经坚持了{n}年。",
    "各族青少年在{activity}中体验传统文化，感受中华文化的博大精深。",
    "活动现场，{group}歌舞与{activity}交相辉映，赢得阵阵掌声。",
    "{place}还建立了{programme}，为老年人提供助餐、助医等服务。",
    "下一步，{place}将继续深化{theme}，让{theme2}在社区落地生根。",
)
PEOPLE = ("王老师", "乌云老师", "巴特尔", "李大妈", "其其格", "张书记", "阿拉坦", "刘医生", "斯琴", "赵主任")
TITLES = (
    "{place}：{activity}促进{theme}",
    "{programme}走进{place}",
    "{place}{group}群众的{activity}",
    "以{activity}推动{theme}的{place}实践",
    "{place}开展{programme}系列活动",
)
SUMMARIES = ("{place}以{programme}为抓手，推动{theme}，各族群众{theme2}。", "记{place}开展{activity}的故事。")

# Mongolian (traditional script) words and phrases; written with the letters' code points so
# that the file stays readable in any editor.
MONGOLIAN_WORDS = (
    "ᠮᠣᠩᠭᠣᠯ", "ᠬᠡᠯᠡ", "ᠪᠢᠴᠢᠭ", "ᠦᠨᠳᠦᠰᠦᠲᠡᠨ", "ᠡᠪ", "ᠨᠠᠢᠷᠠᠮᠳᠠᠯ", "ᠬᠣᠲᠠ", "ᠰᠤᠷᠭᠠᠭᠤᠯᠢ",
    "ᠨᠠᠭᠠᠳᠤᠮ", "ᠠᠷᠠᠳ", "ᠬᠥᠭᠵᠢᠯ", "ᠰᠣᠶᠣᠯ", "ᠬᠦᠮᠦᠨ", "ᠭᠡᠷ", "ᠪᠦᠯᠢ", "ᠬᠠᠮᠲᠤ", "ᠠᠵᠢᠯ",
    "ᠰᠠᠢᠬᠠᠨ", "ᠨᠤᠲᠤᠭ", "ᠮᠣᠷᠢ", "ᠳᠠᠭᠤ", "ᠪᠦᠵᠢᠭ", "ᠪᠠᠭᠰᠢ", "ᠰᠤᠷᠤᠭᠴᠢ", "ᠡᠮᠴᠢ", "ᠬᠠᠭᠤᠯᠢ",
    "ᠲᠥᠷᠦ", "ᠵᠠᠰᠠᠭ", "ᠰᠤᠷᠠᠯᠴᠠᠭᠠ", "ᠤᠯᠠᠭᠠᠨ", "ᠠᠨᠠᠷ", "ᠦᠷ᠎ᠡ", "ᠬᠠᠷ᠎ᠠ", "ᠴᠠᠭᠠᠨ", "ᠨᠠᠶᠢᠷ",
    "ᠪᠠᠶᠠᠷ", "ᠡᠬᠡ", "ᠡᠴᠢᠭᠡ", "ᠬᠡᠦᠬᠡᠳ", "ᠥᠪᠡᠭᠡᠳ", "ᠵᠠᠯᠠᠭᠤᠴᠤᠳ", "ᠰᠠᠩ", "ᠨᠣᠮ", "ᠤᠩᠰᠢᠯᠭ᠎ᠠ",
)  # fmt: skip
MONGOLIAN_SUFFIXES = ("ᠤᠨ", "ᠳᠤ", "ᠢ", "ᠶᠢᠨ", "ᠡᠴᠡ")
FVS1 = "\u180b"
NNBSP = "\u202f"
PLAIN_BACKEND = "wagtail.search.backends.database"
REPEATS = 3
ABSENT = ("量子计算", "火星探测", "区块链", "元宇宙", "人工智能芯片", "深海养殖", "高铁票价", "股票行情")

_s2t = opencc.OpenCC("s2t")


@dataclass
class Story:
    """One generated story: where it goes and its text."""

    locale: str
    title: str
    summary: str
    paragraphs: list[str]
    date: datetime.date
    traditional: bool = False

    @property
    def text(self) -> str:
        return "\n".join([self.title, self.summary, *self.paragraphs])


@dataclass
class Corpus:
    """Stories and the labelled query set."""

    stories: list[Story]
    places: list[str]
    queries: list[str] = field(default_factory=list)


def _fill(template: str, rng: random.Random, places: list[str]) -> str:
    return template.format(
        place=rng.choice(places),
        activity=rng.choice(ACTIVITIES),
        activity2=rng.choice(ACTIVITIES),
        group=rng.choice(GROUPS),
        group2=rng.choice(GROUPS),
        programme=rng.choice(PROGRAMMES),
        theme=rng.choice(THEMES),
        theme2=rng.choice(THEMES),
        person=rng.choice(PEOPLE),
        n=rng.randint(3, 900),
        n2=rng.randint(10, 3000),
    )


def _mongolian_word(rng: random.Random) -> str:
    word = rng.choice(MONGOLIAN_WORDS)
    roll = rng.random()
    if roll < 0.15:  # typed with a variation selector after the second letter
        word = word[:2] + FVS1 + word[2:]
    elif roll < 0.35:  # a case suffix joined by a narrow no-break space
        word = word + NNBSP + rng.choice(MONGOLIAN_SUFFIXES)
    return word


def chinese_story(rng: random.Random, places: list[str]) -> Story:
    """A Chinese story of 600 to 2,500 characters."""
    paragraphs, length, target = [], 0, rng.randint(600, 2500)
    while length < target:
        paragraph = "".join(_fill(rng.choice(SENTENCES), rng, places) for _ in range(rng.randint(3, 7)))
        paragraphs.append(paragraph)
        length += len(paragraph)
    story = Story(
        locale="zh-hans",
        title=_fill(rng.choice(TITLES), rng, places),
        summary=_fill(rng.choice(SUMMARIES), rng, places),
        paragraphs=paragraphs,
        date=datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2500)),
    )
    if rng.random() < 0.2:  # pasted from a source in Traditional characters
        story.title, story.summary = _s2t.convert(story.title), _s2t.convert(story.summary)
        story.paragraphs = [_s2t.convert(paragraph) for paragraph in story.paragraphs]
        story.traditional = True
    return story


def mongolian_story(rng: random.Random) -> Story:
    """A Mongolian story of 40 to 300 words in the traditional script."""

    def sentence() -> str:
        return " ".join(_mongolian_word(rng) for _ in range(rng.randint(5, 14))) + "᠃"

    return Story(
        locale="mn-mong",
        title=" ".join(_mongolian_word(rng) for _ in range(rng.randint(2, 5))),
        summary=sentence(),
        paragraphs=[" ".join(sentence() for _ in range(rng.randint(2, 6))) for _ in range(rng.randint(2, 6))],
        date=datetime.date(2019, 1, 1) + datetime.timedelta(days=rng.randint(0, 2500)),
    )


def build_corpus(count: int, seed: int = 2026, query_count: int = 200) -> Corpus:
    """``count`` stories (four in five Chinese) and a fixed set of ``query_count`` queries."""
    rng = random.Random(seed)  # noqa: S311 - a repeatable synthetic corpus
    places = [root + rng.choice(PLACE_LEVELS) for root in PLACE_ROOTS]
    stories = [chinese_story(rng, places) if rng.random() < 0.8 else mongolian_story(rng) for _ in range(count)]
    corpus = Corpus(stories=stories, places=places)
    corpus.queries = build_queries(random.Random(seed + 1), places, query_count)  # noqa: S311
    return corpus


def _place_stem(place: str) -> str:
    for level in PLACE_LEVELS:
        if place.endswith(level):
            return place[: -len(level)]
    return place


def build_queries(rng: random.Random, places: list[str], count: int) -> list[str]:
    """A fixed mix: words, the same in Traditional, places, two-word queries, Mongolian, absent words."""
    words = [*PROGRAMMES, *THEMES, *GROUPS, *ACTIVITIES, "团结", "互嵌式", "石榴籽", "邻里", "志愿者", "非遗"]
    mongolian = [word for word in MONGOLIAN_WORDS if "\u180e" not in word]
    queries: list[str] = []
    plan: list[tuple[int, Callable[[], str]]] = [
        (30, lambda: rng.choice(words)),
        (15, lambda: _s2t.convert(rng.choice(words))),
        (15, lambda: rng.choice(places)),
        (10, lambda: _place_stem(rng.choice(places))),
        (15, lambda: f"{rng.choice(words)} {rng.choice(words)}"),
        (10, lambda: f"{rng.choice(places)} {rng.choice(ACTIVITIES)}"),
        (5, lambda: rng.choice(PEOPLE)),
        (15, lambda: rng.choice(mongolian)),
        (5, lambda: rng.choice(mongolian)[:2] + FVS1 + rng.choice(mongolian)[2:]),
        (5, lambda: rng.choice(mongolian) + NNBSP + rng.choice(MONGOLIAN_SUFFIXES)),
        (5, lambda: f"{rng.choice(mongolian)} {rng.choice(mongolian)}"),
        (5, lambda: rng.choice(ABSENT)),
    ]
    total = sum(weight for weight, _make in plan)
    while len(queries) < count:
        for weight, make in plan:
            for _ in range(max(1, round(weight * count / total))):
                if len(queries) < count:
                    queries.append(make())
    return queries


def relevant(corpus: Corpus, page_ids: list[int], query: str) -> set[int]:
    """Stories whose normalised text holds every whitespace-separated part of ``query``.

    Chinese parts may occur anywhere; other parts (Mongolian, Latin) must be whole words.
    """
    patterns = [
        re.compile(re.escape(part) if is_chinese(part) else rf"(?<!\w){re.escape(part)}(?!\w)")
        for part in normalise(query).split()
    ]
    if not patterns:
        return set()
    texts = getattr(corpus, "_normalised", None)
    if texts is None:
        texts = corpus._normalised = [normalise(story.text) for story in corpus.stories]
    return {
        page_id
        for page_id, text in zip(page_ids, texts, strict=True)
        if all(pattern.search(text) for pattern in patterns)
    }


def create_pages(corpus: Corpus, log: Callable[[str], None] = print) -> list[int]:
    """Create a home page and a story index per language and the stories; returns their ids.

    Search signal handlers are off meanwhile: indexing is measured separately.
    """
    from home.models import HomePage
    from stories.models import StoryIndexPage, StoryPage

    indexed = [model for model in search_index.get_indexed_models() if issubclass(model, Page)]
    for model in indexed:
        post_save.disconnect(post_save_signal_handler, sender=model)
        post_delete.disconnect(post_delete_signal_handler, sender=model)
    try:
        root = Page.get_first_root_node()
        indexes = {}
        for code in ("zh-hans", "mn-mong"):
            locale = Locale.objects.get(language_code=code)
            home = root.add_child(instance=HomePage(title=f"基准 {code}", slug=f"benchmark-{code}", locale=locale))
            if code == "zh-hans":
                Site.objects.update_or_create(
                    is_default_site=True, defaults={"root_page": home, "hostname": "localhost"}
                )
            indexes[code] = home.add_child(instance=StoryIndexPage(title="故事", slug="stories", locale=locale))
        ids = []
        for number, story in enumerate(corpus.stories, start=1):
            body = [{"type": "paragraph", "value": f"<p>{paragraph}</p>"} for paragraph in story.paragraphs]
            page = indexes[story.locale].add_child(
                instance=StoryPage(
                    title=story.title[:250],
                    slug=f"story-{number}",
                    summary=story.summary[:400],
                    date=story.date,
                    body=body,
                    locale=indexes[story.locale].locale,
                )
            )
            ids.append(page.pk)
            if number % 1000 == 0:
                log(f"  created {number} stories")
        return ids
    finally:
        for model in indexed:
            post_save.connect(post_save_signal_handler, sender=model)
            post_delete.connect(post_delete_signal_handler, sender=model)


def existing_page_ids(corpus: Corpus) -> list[int]:
    """The ids of the corpus's stories already in the database (a cached corpus), in corpus order.

    Raises LookupError when a story is missing: the database holds another corpus.
    """
    from stories.models import StoryPage

    ids = dict(StoryPage.objects.filter(slug__startswith="story-").values_list("slug", "pk"))
    missing = [number for number in range(1, len(corpus.stories) + 1) if f"story-{number}" not in ids]
    if missing or len(ids) != len(corpus.stories):
        raise LookupError(f"the database holds {len(ids)} benchmark stories, not the corpus of {len(corpus.stories)}")
    return [ids[f"story-{number}"] for number in range(1, len(corpus.stories) + 1)]


def index_size() -> int:
    """Bytes the search index takes in the SQLite database (its tables and indexes)."""
    with connection.cursor() as cursor:
        try:
            cursor.execute(
                "SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'wagtailsearch_indexentry%' "
                "OR name LIKE 'sqlite_autoindex_wagtailsearch_indexentry%'"
            )
            return int(cursor.fetchone()[0] or 0)
        except Exception:  # dbstat is not compiled in: fall back to the text stored
            cursor.execute(
                "SELECT SUM(LENGTH(title) + LENGTH(COALESCE(body, '')) + LENGTH(COALESCE(autocomplete, ''))) "
                "FROM wagtailsearch_indexentry"
            )
            return int(cursor.fetchone()[0] or 0)


def percentile(values: list[float], share: float) -> float:
    """The ``share`` percentile (0 to 1) of ``values``, nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


@dataclass
class Measurement:
    """The figures for one way of searching."""

    label: str
    backend: str = ""
    index_seconds: float | None = 0.0
    index_bytes: int = 0
    latencies_ms: list[float] = field(default_factory=list)
    recall: float = 0.0
    precision: float = 0.0
    found_queries: int = 0

    @property
    def p50(self) -> float:
        return statistics.median(self.latencies_ms) if self.latencies_ms else 0.0

    @property
    def p95(self) -> float:
        return percentile(self.latencies_ms, 0.95) if self.latencies_ms else 0.0

    def as_dict(self) -> dict:
        """The figures as JSON-ready values; ``index_seconds`` is None when the index was reused."""
        return {
            "label": self.label,
            "backend": self.backend,
            "index_seconds": self.index_seconds,
            "index_bytes": self.index_bytes,
            "p50_ms": self.p50,
            "p95_ms": self.p95,
            "recall": self.recall,
            "precision": self.precision,
            "queries": len(self.latencies_ms),
        }


def database_backend_name() -> str:
    """The WAGTAILSEARCH_BACKENDS alias of the database index ("database" beside Elasticsearch)."""
    return "database" if "database" in settings.WAGTAILSEARCH_BACKENDS else "default"


def elasticsearch_backend_name() -> str | None:
    """The alias of the Elasticsearch backend, if settings have one (ELASTICSEARCH_URL)."""
    for name, config in settings.WAGTAILSEARCH_BACKENDS.items():
        if "elasticsearch" in config["BACKEND"]:
            return name
    return None


def _rebuild(plain: bool, backend_name: str) -> float:
    if backend_name != elasticsearch_backend_name():
        # Elasticsearch's atomic rebuild replaces the index itself (and cannot reset an alias).
        get_search_backend(backend_name).reset_indexes()
    started = time.perf_counter()
    if plain:
        with plain_search_fields(search_index.get_indexed_models()):
            call_command("update_index", backend_name=backend_name, verbosity=0)
    else:
        call_command("update_index", backend_name=backend_name, verbosity=0)
    return time.perf_counter() - started


def measure(
    corpus: Corpus, page_ids: list[int], *, plain: bool, backend_name: str | None = None, rebuild: bool = True
) -> Measurement:
    """Index the corpus one way, then time the queries and score recall.

    ``backend_name`` is the WAGTAILSEARCH_BACKENDS alias searched by the analysed path
    (default: the database index); plain search is always Wagtail's database backend.
    Without ``rebuild`` the index is used as it is (a cached corpus whose database index
    holds the analysed text) and ``index_seconds`` is None.
    """
    backend_name = backend_name or database_backend_name()
    if plain:
        label = "plain Wagtail search"
    elif backend_name == elasticsearch_backend_name():
        label = "analysed, Elasticsearch"
    else:
        label = "analysed (textkit.analysis)"
    measurement = Measurement(label=label, backend="plain" if plain else backend_name)
    measurement.index_seconds = _rebuild(plain, database_backend_name() if plain else backend_name) if rebuild else None
    if connection.vendor == "sqlite" and backend_name == database_backend_name():
        measurement.index_bytes = index_size()
    # Plain: Wagtail's own database backend and query parsing, on text as written.
    backend = get_search_backend(PLAIN_BACKEND) if plain else get_search_backend(backend_name)
    if hasattr(backend, "fallback_name"):
        backend.fallback_name = ""  # an Elasticsearch failure stops the run: never time the fallback

    def search(query: str, pages):
        if plain:
            return backend.search(query, pages) if query.strip() else None
        analysed = services.analyse(query)
        return None if analysed.is_empty else backend.search(analysed.search_query("and"), pages)

    # Latency: what the search page asks for, a page of specific pages and the count.
    listing = Page.objects.live().public().specific()
    for query in corpus.queries[:10]:  # warm up caches and the segmenter
        results = search(query, listing)
        if results is not None:
            list(results[: services.RESULTS_PER_PAGE])
    for query in corpus.queries:
        # The fastest of three runs, so that other processes on the machine weigh less; a
        # query slower than a second is run once.
        timings = []
        while len(timings) < REPEATS and (not timings or timings[0] < 1000):
            started = time.perf_counter()
            results = search(query, listing)
            if results is not None:
                list(results[: services.RESULTS_PER_PAGE])
                results.count()
            timings.append((time.perf_counter() - started) * 1000)
        measurement.latencies_ms.append(min(timings))
    # Recall and precision: every result, as plain pages (only their ids are needed).
    recalls, precisions = [], []
    for query in corpus.queries:
        expected = relevant(corpus, page_ids, query)
        if not expected:
            continue
        results = search(query, Page.objects.live().public())
        found = {page.pk for page in results} if results is not None else set()
        recalls.append(len(found & expected) / len(expected))
        if found:
            precisions.append(len(found & expected) / len(found))
            measurement.found_queries += 1
    measurement.recall = statistics.mean(recalls) if recalls else 0.0
    measurement.precision = statistics.mean(precisions) if precisions else 0.0
    return measurement


def run(
    count: int,
    *,
    seed: int = 2026,
    query_count: int = 200,
    log: Callable[[str], None] = print,
    elasticsearch: bool = False,
    plain: bool = True,
    reuse: bool = False,
):
    """Build the corpus in the current database, measure each way; returns (corpus, measurements).

    With ``elasticsearch`` the analysed text is also indexed in and searched on the
    Elasticsearch backend of settings (ELASTICSEARCH_URL), on the same corpus and queries.
    Without ``plain``, plain Wagtail search is left out. With ``reuse`` the database already
    holds this corpus's pages and their analysed database index (a cached corpus): neither is
    built again unless plain search, which replaces the index, is measured too.
    """
    log(f"Generating {count} stories and {query_count} queries (seed {seed})")
    corpus = build_corpus(count, seed=seed, query_count=query_count)
    started = time.perf_counter()
    if reuse:
        page_ids = existing_page_ids(corpus)
        log(f"  reusing the {len(page_ids)} stories and the database index of the cached corpus")
    else:
        page_ids = create_pages(corpus, log=log)
        log(f"  pages created in {time.perf_counter() - started:.1f} s")
    ways = [(True, None)] if plain else []
    ways.append((False, database_backend_name()))
    if elasticsearch:
        ways.append((False, elasticsearch_backend_name()))
    measurements = []
    for is_plain, backend_name in ways:
        log(f"Indexing and querying: {'plain Wagtail search' if is_plain else f'analysed, {backend_name} backend'}")
        rebuild = not (reuse and not plain and backend_name == database_backend_name())
        measurements.append(measure(corpus, page_ids, plain=is_plain, backend_name=backend_name, rebuild=rebuild))
    return corpus, measurements


def report(corpus: Corpus, measurements: list[Measurement]) -> dict:
    """The corpus's make-up, the environment and every measurement, as JSON-ready values."""
    return {
        "stories": len(corpus.stories),
        "chinese": sum(story.locale == "zh-hans" for story in corpus.stories),
        "traditional": sum(story.traditional for story in corpus.stories),
        "characters": sum(len(story.text) for story in corpus.stories) // max(1, len(corpus.stories)),
        "queries": len(corpus.queries),
        "environment": environment(),
        "measurements": [measurement.as_dict() for measurement in measurements],
    }


def environment() -> dict[str, str]:
    """What the figures were measured on."""
    import platform

    return {
        "cores": str(os.cpu_count()),
        "python": platform.python_version(),
        "sqlite": sqlite3.sqlite_version,
        "database": connection.vendor,
    }
