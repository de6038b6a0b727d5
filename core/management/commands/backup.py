from django.core.management.base import BaseCommand, CommandError

from core.backup import BackupError, backup


class Command(BaseCommand):
    help = "Back up the database and the uploaded media into a new folder (see core/backup.py)."

    def add_arguments(self, parser):
        parser.add_argument("folder", help="an empty or new folder to write the backup into")

    def handle(self, folder, **options):
        try:
            manifest = backup(folder)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Backed up the {manifest['engine']} database and media into {folder}")
