"""Words the Chinese segmenter keeps whole, and the log of what readers search for."""

import datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from textkit.analysis import dictionary_form, is_chinese, normalise

MAX_LOGGED_QUERY_LENGTH = 255


class SegmenterWord(index.Indexed, models.Model):
    """A word the Chinese segmenter must keep whole, such as 阿吉拉沁 or 红石榴课堂."""

    word = models.CharField(
        _("word"),
        max_length=40,
        unique=True,
        help_text=_(
            "Chinese characters only, for example a place or programme name. Pages that contain "
            "the word are re-indexed when you save it."
        ),
    )
    note = models.CharField(_("note"), max_length=200, blank=True, help_text=_("Why the word is here."))
    created_at = models.DateTimeField(_("added"), auto_now_add=True)

    panels = [FieldPanel("word"), FieldPanel("note")]
    search_fields = [
        index.SearchField("word"),
        index.AutocompleteField("word"),
        index.SearchField("note"),
        *(index.FilterField(name) for name in ("word", "note", "created_at")),
    ]

    class Meta:
        verbose_name = _("segmenter word")
        verbose_name_plural = _("segmenter words")
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word

    def clean(self):
        super().clean()
        form = dictionary_form(self.word or "")
        if len(form) < 2 or not is_chinese(form):
            raise ValidationError({"word": _("Enter two or more Chinese characters, without spaces or punctuation.")})
        self.word = form


class SearchTerm(models.Model):
    """The words of a query readers typed into the site search that the analysis knows (Simplified, lower case)."""

    query_string = models.CharField(
        _("search term"),
        max_length=MAX_LOGGED_QUERY_LENGTH,
        unique=True,
        help_text=_("Traditional characters are stored as Simplified, as searches are."),
    )
    last_result_count = models.PositiveIntegerField(_("results last time"), default=0)
    last_searched_at = models.DateTimeField(_("last searched"), null=True)
    hidden = models.BooleanField(
        _("hidden from popular searches"),
        default=False,
        help_text=_("The term is still counted in the report, but never offered to readers as a popular search."),
    )

    panels = [FieldPanel("query_string"), FieldPanel("hidden")]

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")

    def __str__(self) -> str:
        return self.query_string

    def clean(self):
        super().clean()
        self.query_string = " ".join(normalise(self.query_string or "").split())[:MAX_LOGGED_QUERY_LENGTH]
        if not self.query_string:
            raise ValidationError({"query_string": _("Enter a word or a name.")})

    @classmethod
    def record(
        cls, query_string: str, result_count: int, today: datetime.date | None = None, visitor: str | None = None
    ) -> bool:
        """Count one search for ``query_string`` that found ``result_count`` results.

        Args:
            query_string: the term, already normalised (search.services.record gives what the
                analysis understood); cut to MAX_LOGGED_QUERY_LENGTH; blank terms are not counted.
            result_count: how many results it found.
            today: the day counted (default: today, Asia/Shanghai).
            visitor: a digest standing for the visitor, the term and the day
                (core.visitors.visitor_digest); a visitor is counted once per term and day.
        Returns:
            True if the search was counted; False for a blank term or a repeat by the same visitor
            (the result count and time are still updated).
        """
        query_string = " ".join(query_string.split())[:MAX_LOGGED_QUERY_LENGTH]
        if not query_string:
            return False
        now = timezone.now()
        today = today or timezone.localdate(now)
        if visitor is not None and not SearchVisitor.first_today(visitor, today):
            cls.objects.filter(query_string=query_string).update(last_result_count=result_count, last_searched_at=now)
            return False
        with transaction.atomic():
            term = cls.objects.filter(query_string=query_string).first()
            if term is None:
                try:
                    with transaction.atomic():
                        term = cls.objects.create(query_string=query_string)
                except IntegrityError:  # created by a concurrent request
                    term = cls.objects.get(query_string=query_string)
            cls.objects.filter(pk=term.pk).update(last_result_count=result_count, last_searched_at=now)
            updated = SearchTermDay.objects.filter(term=term, date=today).update(
                searches=F("searches") + 1, zero_result_searches=F("zero_result_searches") + int(result_count == 0)
            )
            if not updated:
                try:
                    with transaction.atomic():
                        SearchTermDay.objects.create(
                            term=term, date=today, searches=1, zero_result_searches=int(result_count == 0)
                        )
                except IntegrityError:
                    SearchTermDay.objects.filter(term=term, date=today).update(
                        searches=F("searches") + 1,
                        zero_result_searches=F("zero_result_searches") + int(result_count == 0),
                    )
        return True


class SearchTermDay(models.Model):
    """How often a term was searched on one day, and how often it found nothing."""

    term = models.ForeignKey(SearchTerm, on_delete=models.CASCADE, related_name="days", verbose_name=_("term"))
    date = models.DateField(_("date"))
    searches = models.PositiveIntegerField(_("searches"), default=0)
    zero_result_searches = models.PositiveIntegerField(_("searches without results"), default=0)

    class Meta:
        verbose_name = _("search term per day")
        verbose_name_plural = _("search terms per day")
        constraints = [models.UniqueConstraint(fields=["term", "date"], name="unique_search_term_day")]

    def __str__(self) -> str:
        return f"{self.term} {self.date}"


class SearchVisitor(models.Model):
    """A keyed hash standing for one visitor, one search term and one day; deleted the next day.

    The hash (core.visitors.visitor_digest) cannot be linked to an address, nor to the same
    visitor on another day. Nothing else about the visitor is stored.
    """

    digest = models.CharField(max_length=64)
    day = models.DateField(db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["digest", "day"], name="search_visitor_once_a_day")]

    def __str__(self) -> str:
        return f"{self.day} {self.digest[:8]}"

    @classmethod
    def first_today(cls, digest: str, today: datetime.date) -> bool:
        """True the first time ``digest`` is seen on ``today``; digests of earlier days are deleted."""
        cls.objects.filter(day__lt=today).delete()
        try:
            with transaction.atomic():
                cls.objects.create(digest=digest, day=today)
        except IntegrityError:
            return False
        return True
