"""Import Word (.docx), Markdown (.md) and text (.txt) files as stories (or whatever an index takes).

    python manage.py import_stories 稿件/ --parent /zh-hans/stories/ --locale zh-hans
    python manage.py import_stories a.docx b.md --parent 12 --publish --place 阿吉拉沁社区

Each file becomes a draft under the parent index (published with --publish): a story under
a story index, or the page type any other ImportTargetMixin index names. --place is passed
on when that page type asks for a place. A bad file is reported and skipped; the command
exits non-zero if any file failed. Files imported into the same index before are skipped
as duplicates. Progress is reported as it goes: a bar that moves per file and per stage on a
terminal, and a line per file (with what was left out of it) in a log; -v 2 adds a line per
stage to a log.
"""

from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from wagtail.models import Locale, Page, Site

from core.mixins import ImportTargetMixin
from editorial.imports import ImportResult, find_files, import_document
from editorial.imports.create import STAGES

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
    help = "Import .docx, .md and .txt files (or folders of them) as stories under a story index, or any import target."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", type=Path, help="Files or folders to import.")
        parser.add_argument("--parent", required=True, help="The index to import into: a page id or its URL path.")
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
        import_options = self.resolve_options(parent, place=options["place"])
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"No user is called {options['user']}.")

        files = find_files(options["paths"])
        if not files:
            raise CommandError("No .docx, .md or .txt files found.")
        results: list[ImportResult] = []
        self.verbosity = options["verbosity"]
        total = len(files)
        for number, path in enumerate(files, start=1):
            self.progress(number - 1, total, f"{path.name}: {STAGES['read']}")
            if not path.is_file():
                result = ImportResult(path.name, ImportResult.FAILED, reason="No such file.")
            else:
                result = import_document(
                    path.name,
                    path.read_bytes(),
                    parent,
                    user=user,
                    publish=options["publish"],
                    options=import_options,
                    base_dir=path.parent,
                    progress=lambda stage, number=number, name=path.name: self.progress(
                        number - 1, total, f"{name}: {STAGES[stage]}", stage=True
                    ),
                )
            results.append(result)
            self.file_done(number, total, result)
        self.progress(total, total, "")
        self.summarise(results)
        failed = sum(result.status == ImportResult.FAILED for result in results)
        if failed:
            raise CommandError(f"{failed} of {len(results)} files could not be imported.")

    def resolve_parent(self, reference: str, language_code: str | None) -> ImportTargetMixin:
        parent = find_parent(reference).specific
        if language_code and parent.locale.language_code != language_code:
            locale = Locale.objects.filter(language_code=language_code).first()
            translation = parent.get_translation_or_none(locale) if locale else None
            if translation is None:
                raise CommandError(f"“{parent.title}” has no {language_code} translation to import into.")
            parent = translation.specific
        if not isinstance(parent, ImportTargetMixin):
            raise CommandError(f"“{parent.title}” is not a story index or another page that takes imports.")
        return parent

    def resolve_options(self, parent: ImportTargetMixin, *, place: str | None) -> dict[str, Any]:
        """The import options by name: the place named by --place, when the page type asks for one.

        A place is looked up by name among the choices of the page type's "place" option field,
        preferring one in the parent's language.
        """
        if not place:
            return {}
        model = parent.get_import_page_model()
        field = model.import_option_fields(parent.locale).get("place")
        if not isinstance(field, forms.ModelChoiceField):
            raise CommandError(f"{model._meta.verbose_name} pages take no place.")
        places = field.queryset.model._default_manager.filter(name=place)
        found = places.filter(locale=parent.locale).first() or places.first()
        if found is None:
            raise CommandError(f"No place is called {place}.")
        return {"place": found}

    def progress(self, done: int, total: int, name: str, *, stage: bool = False) -> None:
        """The bar on a terminal (redrawn per file and per stage); in a log, a line per stage at -v 2."""
        filled = BAR_WIDTH * done // total
        line = f"[{'#' * filled}{'-' * (BAR_WIDTH - filled)}] {done}/{total} {name}"
        if self.stdout.isatty():
            self.stdout.write(f"\r{line:<{BAR_WIDTH + 60}}", ending="\n" if done == total else "")
            self.stdout.flush()
        elif done < total and (not stage or getattr(self, "verbosity", 1) >= 2):
            self.stdout.write(line)

    def file_done(self, number: int, total: int, result: ImportResult) -> None:
        """A line for each file as soon as it is done: its outcome, and its warnings."""
        if self.stdout.isatty():
            self.stdout.write("\r" + " " * (BAR_WIDTH + 60) + "\r", ending="")
        outcome = {
            ImportResult.CREATED: self.style.SUCCESS("created"),
            ImportResult.DUPLICATE: self.style.WARNING("duplicate"),
            ImportResult.FAILED: self.style.ERROR("failed"),
        }[result.status]
        detail = f": {result.reason}" if result.reason else ""
        self.stdout.write(f"{number}/{total} {result.filename}: {outcome}{detail}")
        for warning in result.warnings:
            self.stdout.write(self.style.WARNING(f"    warning: {warning}"))
        self.stdout.flush()

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
                    self.stdout.write(self.style.WARNING(f"      warning: {warning}"))
