"""Create the editorial roles and set up every section (groups, rights, review workflow); safe to run again."""

from django.core.management.base import BaseCommand

from editorial.sections import ROLE_GROUPS, ensure_role_groups, setup_all_sections


class Command(BaseCommand):
    help = "Create the role groups and give every section its groups, rights and two-step review workflow."

    def handle(self, *args, **options):
        ensure_role_groups()
        self.stdout.write("Role groups: " + ", ".join(ROLE_GROUPS))
        for section in setup_all_sections():
            self.stdout.write(f"Section {section.name}: workflow “{section.workflow.name}”")
        self.stdout.write(self.style.SUCCESS("Editorial setup done."))
