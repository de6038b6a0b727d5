import contextlib
import shutil
import sqlite3

import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command
from django.db import connections


@pytest.fixture(scope="session", autouse=True)
def _serialized_database_survives_playwright(django_db_setup, django_db_blocker):
    """Keep the migrated data (locales, root page) restorable between browser tests.

    Playwright's sync API runs in greenlets with their own context, so Django's
    context-local ``connections`` hands the test a new connection object that lacks
    the snapshot taken at setup, and serialized rollback silently restores nothing.
    Putting the snapshot on the wrapper class lets every connection object find it.
    """
    from django.db import connections

    for connection in connections.all():
        if hasattr(connection, "_test_serialized_contents"):
            type(connection)._test_serialized_contents = connection._test_serialized_contents


#: This process's copy of the demo as ``load_demo`` left it: ``{"database": Path, "media": Path}``.
_DEMO_SNAPSHOT: dict = {}


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db, settings, tmp_path_factory):
    """The demo content, in the live server's database and the test's media folder.

    ``load_demo`` takes a minute and more (the renditions of every published picture are made
    at publish, AVIF included), so on SQLite it runs once per test process: its database and
    media are copied aside with SQLite's online backup, and later tests get the copy back in
    under a second; the test's flush empties the database after it as before. On another
    database the command runs for each test. The copy replaces the whole database, so rows a
    test's other fixtures add must come after this one (request it first).
    """
    connection = connections["default"]
    if connection.vendor != "sqlite" or not _DEMO_SNAPSHOT:
        with open("/dev/null", "w") as quiet:
            call_command("load_demo", "--no-admin", stdout=quiet)
        if connection.vendor == "sqlite":
            folder = tmp_path_factory.mktemp("demo-snapshot")
            _DEMO_SNAPSHOT.update(database=folder / "demo.sqlite3", media=folder / "media")
            with contextlib.closing(sqlite3.connect(_DEMO_SNAPSHOT["database"])) as copy:
                connection.connection.backup(copy)
            shutil.copytree(settings.MEDIA_ROOT, _DEMO_SNAPSHOT["media"])
        return
    connection.ensure_connection()
    with contextlib.closing(sqlite3.connect(_DEMO_SNAPSHOT["database"])) as copy:
        copy.backup(connection.connection)
    shutil.copytree(_DEMO_SNAPSHOT["media"], settings.MEDIA_ROOT, dirs_exist_ok=True)


@pytest.fixture(scope="session")
def axe():
    return Axe()


def serious_violations(axe, page) -> list[str]:
    """axe-core violations of serious or critical impact, as readable lines."""
    results = axe.run(page)
    return [
        f"{violation['id']} ({violation['impact']}): {violation['help']} — "
        + "; ".join(node["target"][0] for node in violation["nodes"][:3])
        for violation in results.response["violations"]
        if violation["impact"] in {"serious", "critical"}
    ]
