"""Wagtail's ``publish_scheduled``, with every due page asked of the publishing gate first.

A page whose scheduled revision the gate now refuses (a term forbidden since it was
approved, say) is not published: its schedule is cancelled, the reason is printed, and
the other pages are still published. The command exits non-zero when any was refused.
"""

from django.core.management.base import CommandError
from django.utils import timezone

from wagtail.management.commands.publish_scheduled import Command as WagtailPublishScheduled
from wagtail.models import Page, Revision

from core.publishing import publication_problems


class Command(WagtailPublishScheduled):
    def handle(self, *args, **options):
        refused = []
        if not options.get("dryrun"):
            for revision in Revision.objects.filter(approved_go_live_at__lt=timezone.now()):
                if not isinstance(revision.content_object, Page):
                    continue
                problems = publication_problems(revision.content_object, None, revision=revision)
                if problems:
                    revision.approved_go_live_at = None
                    revision.save(update_fields=["approved_go_live_at"])
                    refused.append(f"{revision.object_str}: " + " ".join(map(str, problems)))
        super().handle(*args, **options)
        for line in refused:
            self.stderr.write(f"Not published, schedule cancelled: {line}")
        if refused:
            raise CommandError(f"{len(refused)} scheduled pages were not published.")
