"""Search queries analysed like indexed text, as Wagtail query objects.

Indexed text becomes tokens in :mod:`textkit.analysis` (one pipeline, whose comparison form
the term check shares). What a user types goes through the same steps here
(:func:`analyse_query`) and becomes a Wagtail search query that asks, for each run of
Chinese characters, for its words when they are all dictionary words, else for all its
bigrams.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field

from wagtail.search.query import Or, PlainText, SearchQuery

from textkit.analysis import normalise, runs, segmenter, word_token
from textkit.normalise import find_private_use, strip_controls

#: Longest query, in characters, that is analysed; the rest is ignored.
MAX_QUERY_LENGTH = 200
#: Most tokens a query may have; more would only slow the search down.
MAX_QUERY_TOKENS = 32


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


class AnalysedText(PlainText):
    """A Wagtail PlainText query whose words are tokens from :func:`analyse_query` already."""


@dataclass(frozen=True)
class QueryUnit:
    """One word of a query: a run of Chinese characters, or a Mongolian or Latin word.

    ``tokens`` must all be in a text for the unit to match. For a run of Chinese characters
    made of dictionary words these are its words (indexed texts hold every dictionary word
    they contain); otherwise its character bigrams, which every text containing the run holds
    however the segmenter cut it. ``words`` is the segmenter's reading, kept for highlighting.
    ``text`` is the normalised run or word; ``understood`` what of it the analysis knows: the
    whole run when all its words are dictionary words, else only its dictionary words (a
    Mongolian or Latin word is itself).
    """

    tokens: tuple[str, ...]
    words: tuple[str, ...] = ()
    text: str = ""
    understood: tuple[str, ...] = ()

    def search_query(self) -> SearchQuery:
        return AnalysedText(" ".join(self.tokens), operator="and")


@dataclass(frozen=True)
class AnalysedQuery:
    """What a user typed, analysed like indexed text.

    ``units`` are the query's words (see :class:`QueryUnit`); ``terms`` are the normalised
    words to highlight.
    """

    original: str
    units: tuple[QueryUnit, ...] = ()
    terms: tuple[str, ...] = ()
    truncated: bool = False
    private_use: bool = False
    normalised: str = field(default="", compare=False)

    @property
    def tokens(self) -> tuple[str, ...]:
        """Every token the query asks for, in order."""
        return tuple(_unique(token for unit in self.units for token in unit.tokens))

    @property
    def words(self) -> tuple[str, ...]:
        """The words of the query as the segmenter reads them, in order."""
        return tuple(_unique(word for unit in self.units for word in unit.words))

    @property
    def understood(self) -> str:
        """The words of the query the analysis knows, space-separated ("" when none).

        What the search log keeps (search.services.record): "团结 🍎💰" gives "团结", and a run
        of Chinese characters the dictionary does not read as words keeps only the words it does.
        """
        return " ".join(_unique(word for unit in self.units for word in unit.understood))

    @property
    def is_empty(self) -> bool:
        """True when nothing searchable was typed (only punctuation, spaces or symbols)."""
        return not self.units

    def search_query(self, operator: str = "and") -> SearchQuery:
        """A Wagtail search query object for these tokens, safe for every backend.

        Tokens hold only letters and digits, so no FTS or tsquery syntax can reach the
        database. ``operator`` is "and" (every word of the query) or "or" (any word; the
        tokens of one Chinese word are still all required).
        """
        if self.is_empty:
            raise ValueError("An empty query cannot be searched.")
        if operator not in ("and", "or"):
            raise ValueError("The operator is 'and' or 'or'.")
        if operator == "and" or len(self.units) == 1:
            return AnalysedText(" ".join(self.tokens), operator="and")
        simple = [unit.tokens[0] for unit in self.units if len(unit.tokens) == 1]
        parts = [AnalysedText(" ".join(simple), operator="or")] if simple else []
        parts += [unit.search_query() for unit in self.units if len(unit.tokens) > 1]
        return parts[0] if len(parts) == 1 else Or(parts)

    def __str__(self) -> str:
        return " ".join(self.tokens)


def analyse_query(text: str | None) -> AnalysedQuery:
    """Analyse what a user typed into the search box.

    Args:
        text: the raw query; anything goes, including markup, SQL or FTS syntax.
    Returns:
        An :class:`AnalysedQuery` whose ``original`` is the query without control
        characters and repeated spaces; ``is_empty`` is true when nothing searchable remains.
    """
    text = " ".join(strip_controls(text or "").split())
    truncated = len(text) > MAX_QUERY_LENGTH
    text = text[:MAX_QUERY_LENGTH]
    private_use = bool(find_private_use(text))
    normalised = normalise(text)
    units: list[QueryUnit] = []
    terms: list[str] = []
    budget = MAX_QUERY_TOKENS
    for run, is_cjk in runs(normalised):
        if is_cjk:
            words = tuple(_unique(word for word, _start in segmenter.words(run)))
            known = tuple(word for word in words if len(word) > 1 and segmenter.is_word(word))
            if known == words:
                tokens, understood = words, (run,)
            else:
                tokens = tuple(_unique(run[i : i + 2] for i in range(len(run) - 1))) or (run,)
                understood = known
            unit = QueryUnit(tokens=tokens, words=words, text=run, understood=understood)
            unit_terms = [run, *(word for word in words if len(word) > 1)]
        elif token := word_token(run):
            unit = QueryUnit(tokens=(token,), words=(token,), text=token, understood=(token,))
            unit_terms = [token]
        else:
            continue
        if unit in units:
            continue
        if len(unit.tokens) > budget:
            # Too many words: keep what fits (a looser match) and ignore the rest.
            truncated = True
            if budget > 0:
                units.append(QueryUnit(tokens=unit.tokens[:budget], words=unit.words))
                terms.extend(unit_terms)
            break
        budget -= len(unit.tokens)
        units.append(unit)
        terms.extend(unit_terms)
    return AnalysedQuery(
        original=text,
        units=tuple(units),
        terms=tuple(sorted(_unique(terms), key=len, reverse=True)),
        truncated=truncated,
        private_use=private_use,
        normalised=" ".join(normalised.split()),
    )
