"""devtools.benchmarks.cache: a key that changes with the code that builds the data, and only with it."""

from pathlib import Path

from devtools.benchmarks import cache


def project(root: Path) -> Path:
    for name, text in {
        "requirements.lock": "wagtail==8.0\n",
        "stories/__init__.py": "",
        "stories/models.py": "class StoryPage: ...\n",
        "devtools/__init__.py": "",
        "devtools/demo/stories.py": "STORIES = 1\n",
        "devtools/benchmarks/http.py": "SECONDS = 4\n",
        "devtools/benchmarks/search.py": "CORPUS = 1\n",
        "devtools/management/commands/benchmark_http.py": "",
        "tests/__init__.py": "",
        "tests/test_x.py": "",
        "site/templates/base.html": "<html>",
    }.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)
    return root


def test_the_key_follows_models_demo_and_requirements(tmp_path):
    root = project(tmp_path)
    key = cache.source_key(root)

    assert len(key) == 12 and key == cache.source_key(root)
    for name in ("stories/models.py", "devtools/demo/stories.py", "requirements.lock"):
        path = root / name
        original = path.read_text()
        path.write_text(original + "# changed\n")
        assert cache.source_key(root) != key, name
        path.write_text(original)
    assert cache.source_key(root) == key


def test_measuring_code_tests_and_templates_leave_the_key_alone(tmp_path):
    root = project(tmp_path)
    key = cache.source_key(root)

    for name in (
        "devtools/benchmarks/http.py",
        "devtools/management/commands/benchmark_http.py",
        "tests/test_x.py",
        "site/templates/base.html",
    ):
        (root / name).write_text("changed")
    (root / "stories" / "__pycache__").mkdir()
    (root / "stories" / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"\0")

    assert cache.source_key(root) == key


def test_the_search_corpus_key_follows_its_generator(tmp_path):
    root = project(tmp_path)
    key = cache.search_corpus_key(root)

    (root / "devtools/benchmarks/search.py").write_text("CORPUS = 2\n")

    assert cache.search_corpus_key(root) != key
    assert cache.search_corpus_key(root) != cache.source_key(root)
