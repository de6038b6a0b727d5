"""Wagtail's update_index, loading the segmenter's custom words first and counting progress.

Run it after changing many segmenter words, places or names at once: every page and
document is analysed again with the current dictionary.
"""

from wagtail.search.management.commands.update_index import Command as WagtailUpdateIndexCommand

from search import dictionary


class Command(WagtailUpdateIndexCommand):
    help = "Rebuild the search index, analysing text with the segmenter's current custom words."

    def handle(self, **options):
        self.verbosity = options["verbosity"]
        words = dictionary.refresh(force=True)
        self.write(f"Segmenter dictionary: {words} custom words (segmenter words, places, groups, themes)")
        super().handle(**options)

    def queryset_chunks(self, qs, chunk_size=1000):
        self._total = qs.count()
        self._done = 0
        for chunk in super().queryset_chunks(qs, chunk_size):
            self._done += len(chunk)
            yield chunk

    def print_iter_progress(self, iterable):
        """Print how many objects of the model are indexed after each chunk."""
        for value in iterable:
            yield value
            self.write(f" {self._done}/{self._total}", ending="")
            self.stdout.flush()
