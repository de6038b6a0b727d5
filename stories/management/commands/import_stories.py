"""Import Word (.docx), Markdown (.md) and text (.txt) files as stories.

    python manage.py import_stories 稿件/ --parent /zh-hans/stories/ --locale zh-hans
    python manage.py import_stories a.docx b.md --parent 12 --publish --place 阿吉拉沁社区

Each file becomes a draft story under the parent index (published with --publish). A bad
file is reported and skipped; the command exits non-zero if any file failed. Files
imported into the same index before are skipped as duplicates.
"""

from pathlib import Path
from urllib.parse import urlparse

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale, Page, Site

from editorial.imports.convert import ImportResult, find_files, import_document
from stories.models import Place, StoryIndexPage

BAR_WIDTH = 30


def find_parent(reference: str) -> Page:
    """A page by id, or by the URL path a browser shows (/zh-hans/stories/ or a full URL)."""
    if reference.isdigit():
        page = Page.objects.filter(pk=int(reference)).first()
        if page is None:
            raise CommandError(f"No page has the id {reference}.")
        return page
    parts = [part for part in urlparse(reference).path.split("/") if part]
    if parts and parts[0] in {code for code, _name in settings.LANGUAGES}:
        parts = parts[1:]
    sites = Site.objects.select_related("root_page").order_by("-is_default_site")
    for site in sites:
        url_path = site.root_page.url_path + "".join(f"{part}/" for part in parts)
        page = Page.objects.filter(url_path=url_path).first()
        if page is not None:
            return page
    raise CommandError(f"No page is at {reference}.")


class Command(BaseCommand):
    help = "Import .docx, .md and .txt files (or folders of them) as stories under a story index."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument("--parent", required=True, help="The story index: a page id or its URL path.")
        parser.add_argument(
            "--locale",
            choices=[code for code, _name in settings.LANGUAGES],
            help="Language of the stories; the parent's translation in this language is used. Default: the parent's.",
        )
        parser.add_argument("--publish", action="store_true", help="Publish the stories instead of leaving drafts.")
        parser.add_argument("--place", help="Name of the place the stories are about.")
        parser.add_argument("--user", help="User name recorded as the stories' owner in the history.")

    def handle(self, *args, **options):
        parent = self.resolve_parent(options["parent"], options["locale"])
        place = self.resolve_place(options["place"], parent.locale)
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user is called {options['user']}.")

        files = find_files(options["paths"])
        if not files:
            raise CommandError("No .docx, .md or .txt files found.")
        results: list[ImportResult] = []
        for number, path in enumerate(files, start=1):
            self.progress(number - 1, len(files), path.name)
            if not path.is_file():
                results.append(ImportResult(path.name, ImportResult.FAILED, reason="No such file."))
                continue
            results.append(
                import_document(
                    path.name,
                    path.read_bytes(),
                    parent,
                    user=user,
                    publish=options["publish"],
                    place=place,
                    base_dir=path.parent,
                )
            )
        self.progress(len(files), len(files), "")
        self.summarise(results)
        failed = sum(result.status == ImportResult.FAILED for result in results)
        if failed:
            raise CommandError(f"{failed} of {len(results)} files could not be imported.")

    def resolve_parent(self, reference: str, language_code: str | None) -> StoryIndexPage:
        parent = find_parent(reference).specific
        if language_code and parent.locale.language_code != language_code:
            locale = Locale.objects.filter(language_code=language_code).first()
            translation = parent.get_translation_or_none(locale) if locale else None
            if translation is None:
                raise CommandError(f"“{parent.title}” has no {language_code} translation to import into.")
            parent = translation.specific
        if not isinstance(parent, StoryIndexPage):
            raise CommandError(f"“{parent.title}” is not a story index.")
        return parent

    def resolve_place(self, name: str | None, locale: Locale) -> Place | None:
        if not name:
            return None
        places = Place.objects.filter(name=name)
        place = places.filter(locale=locale).first() or places.first()
        if place is None:
            raise CommandError(f"No place is called {name}.")
        return place

    def progress(self, done: int, total: int, name: str) -> None:
        filled = BAR_WIDTH * done // total
        line = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {name}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line:<{BAR_WIDTH + 60}}", ending="\n" if done == total else "")
            self.stdout.flush()
        elif done < total:
            self.stdout.write(line)

    def summarise(self, results: list[ImportResult]) -> None:
        groups = [
            (ImportResult.CREATED, "Created", self.style.SUCCESS),
            (ImportResult.DUPLICATE, "Skipped as duplicates", self.style.WARNING),
            (ImportResult.FAILED, "Failed", self.style.ERROR),
        ]
        for status, heading, style in groups:
            matching = [result for result in results if result.status == status]
            self.stdout.write(style(f"{heading}: {len(matching)}"))
            for result in matching:
                detail = result.reason or (result.page.title if result.page else "")
                self.stdout.write(f"  - {result.filename}: {detail}")
                for warning in result.warnings:
                    self.stdout.write(f"      {warning}")
