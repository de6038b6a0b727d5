import pytest
from axe_playwright_python.sync_playwright import Axe

from django.core.management import call_command


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


@pytest.fixture
def demo_site(django_db_serialized_rollback, transactional_db):
    """The demo content, loaded into the live server's database."""
    with open("/dev/null", "w") as quiet:
        call_command("load_demo", "--no-admin", stdout=quiet)


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
