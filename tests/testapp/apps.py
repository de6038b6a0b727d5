from django.apps import AppConfig


class TestAppConfig(AppConfig):
    """Page types that exist only in the test settings, to prove new apps plug in without edits elsewhere."""

    name = "tests.testapp"
    label = "testapp"
    default_auto_field = "django.db.models.BigAutoField"
