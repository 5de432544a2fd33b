"""Full-text search over learning entries.

On PostgreSQL every entry carries a stored, generated `search_vector`: its text run
through the text-search configuration of its own content language (Danish, Swedish or
English stemming and stop words), weighted title > what we learned > the rest. The column
is computed by the database itself (a generated column), so rows written by
`bulk_create`, `QuerySet.update()` or plain SQL are indexed exactly like saved ones; a GIN
index (migration 0003) serves the `@@` match. (After a bulk load, VACUUM, which autovacuum
runs, or gin_clean_pending_list() moves the index's pending entries into place; until
then the planner rightly finds the index expensive.)

A query is parsed with `websearch_to_tsquery` (quotes for phrases, `or`, `-` to exclude)
once per configuration, and each row is matched with the parse of its own language: a
search for "udbud" finds "udbuddet" in Danish rows, whatever language the reader uses.
Written as one OR of three (language = X AND vector @@ query_X), each arm is a plain
`column @@ constant` that the GIN index answers (a BitmapOr of three index scans).

On SQLite (the embedded default) the same function falls back to case-insensitive
substring matching with the same query syntax, unranked.

Snippets come back as safe HTML: the entry's own text escaped, the matches in <mark>.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Case, F, FloatField, Func, Q, TextField, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Concat, Substr
from django.utils.deconstruct import deconstructible
from django.utils.html import escape
from django.utils.safestring import mark_safe

# Content language -> PostgreSQL text-search configuration. Anything else is English.
SEARCH_CONFIGS = {"da": "danish", "sv": "swedish", "en": "english"}
DEFAULT_SEARCH_CONFIG = "english"

# The searchable fields of a learning entry with their weight (A ranks highest).
LEARNING_SEARCH_FIELDS = (
    ("title", "A"),
    ("what_we_learned", "B"),
    ("what_we_did", "C"),
    ("where_we_are_heading", "C"),
)
SNIPPET_FIELDS = ("what_we_learned", "what_we_did", "where_we_are_heading")

# ts_headline marks matches with these private-use characters; they are removed from the
# content first, so only the database's marks survive, and become <mark> after escaping.
MARK_START, MARK_STOP = "\ue000", "\ue001"
HEADLINE_OPTIONS = (
    f'StartSel="{MARK_START}", StopSel="{MARK_STOP}", MaxWords=35, MinWords=15, '
    'ShortWord=2, MaxFragments=2, FragmentDelimiter=" … "'
)
FALLBACK_SNIPPET_LENGTH = 240


def search_config(language):
    return SEARCH_CONFIGS.get(language, DEFAULT_SEARCH_CONFIG)


class SearchDocumentField(SearchVectorField):
    """A tsvector on PostgreSQL; on other databases the plain text, lower-cased, which the
    fallback does not need but which keeps the column meaningful and the schema the same."""

    def db_type(self, connection):
        return "tsvector" if connection.vendor == "postgresql" else "text"


@deconstructible(path="evaluation.search.LanguageSearchVector")
class LanguageSearchVector(Expression):
    """The text-search vector of a row in the configuration of its own language:

        CASE language WHEN 'da' THEN setweight(to_tsvector('danish', title), 'A') || ...
                      WHEN 'sv' THEN ...swedish... ELSE ...english... END

    Every configuration is a constant, so the expression is IMMUTABLE and may define a
    generated column (to_tsvector(language::regconfig, ...) could not: the cast from text
    to regconfig depends on the search_path)."""

    def __init__(self, language_field, *weighted_fields, output_field=None):
        super().__init__(output_field=output_field or SearchDocumentField())
        self.language_field = language_field
        self.weighted_fields = tuple(tuple(pair) for pair in weighted_fields)
        self.columns = []

    def __repr__(self):
        return f"{self.__class__.__name__}({self.language_field!r}, {self.weighted_fields!r})"

    def get_source_expressions(self):
        return self.columns

    def set_source_expressions(self, exprs):
        self.columns = list(exprs)

    def resolve_expression(self, query=None, allow_joins=True, reuse=None, summarize=False, for_save=False):
        clone = self.copy()
        clone.is_summary = summarize
        names = [self.language_field, *(name for name, _ in self.weighted_fields)]
        clone.columns = [F(name).resolve_expression(query, allow_joins, reuse, summarize, for_save) for name in names]
        return clone

    def _compiled_columns(self, compiler, connection):
        compiled = [compiler.compile(column) for column in self.columns]
        if any(params for _, params in compiled):
            raise ValueError("column references carry no parameters")
        return [sql for sql, _ in compiled]

    def as_postgresql(self, compiler, connection):
        language, *columns = self._compiled_columns(compiler, connection)
        by_weight = {}
        for column, (_, weight) in zip(columns, self.weighted_fields, strict=False):
            by_weight.setdefault(weight, []).append(f"COALESCE({column}, '')")

        separator = " || ' ' || "

        def vector(config):
            parts = [
                f"setweight(to_tsvector('{config}'::regconfig, {separator.join(texts)}), '{weight}')"
                for weight, texts in sorted(by_weight.items())
            ]
            return " || ".join(parts)

        # The configuration names are ours (SEARCH_CONFIGS), never user input.
        arms = " ".join(f"WHEN '{code}' THEN {vector(config)}" for code, config in sorted(SEARCH_CONFIGS.items()))
        return f"(CASE {language} {arms} ELSE {vector(DEFAULT_SEARCH_CONFIG)} END)", []

    def as_sql(self, compiler, connection):
        _, *columns = self._compiled_columns(compiler, connection)
        joined = " || ' ' || ".join(f"COALESCE({column}, '')" for column in columns)
        return f"LOWER({joined})", []


class HighlightedTextField(TextField):
    """Text read back as safe HTML: escaped, with the highlight marks as <mark>."""

    def from_db_value(self, value, expression, connection):
        return highlight_html(value)


def highlight_html(value):
    if value is None:
        return None
    parts = value.split(MARK_START)
    html = [escape(parts[0].replace(MARK_STOP, ""))]
    for part in parts[1:]:
        marked, _, rest = part.partition(MARK_STOP)
        html.append(f"<mark>{escape(marked)}</mark>{escape(rest.replace(MARK_STOP, ''))}")
    return mark_safe("".join(html))


class _Headline(Func):
    function = "ts_headline"
    output_field = HighlightedTextField()


class _StripMarks(Func):
    function = "translate"
    output_field = TextField()


def _regconfig(config):
    return Func(Value(config), template="%(expressions)s::regconfig", output_field=TextField())


def _snippet_text():
    """The body of an entry for its snippet, without any character we use as a mark."""
    pieces = []
    for name in SNIPPET_FIELDS:
        if pieces:
            pieces.append(Value(" "))
        pieces.append(Func(F(name), Value(""), function="COALESCE", output_field=TextField()))
    return _StripMarks(Concat(*pieces, output_field=TextField()), Value(MARK_START + MARK_STOP), Value(""))


def _language_case(per_config, output_field):
    """CASE language WHEN 'da' THEN <expression for danish> ... ELSE <english> END."""
    return Case(
        *(When(language=code, then=per_config(config)) for code, config in sorted(SEARCH_CONFIGS.items())),
        default=per_config(DEFAULT_SEARCH_CONFIG),
        output_field=output_field,
    )


def search_learning(queryset, query):
    """The entries of `queryset` that match `query` (web-search syntax), annotated with
    `search_rank` (higher is better) and `search_snippet` (safe HTML), best first. An
    empty query returns the queryset unchanged."""
    query = (query or "").strip()
    if not query:
        return queryset
    if connections[queryset.db].vendor != "postgresql":
        return _fallback_search(queryset, query)

    def parsed(config):
        return SearchQuery(query, config=config, search_type="websearch")

    # Content languages are SEARCH_CONFIGS' keys (ContentLanguage), so the three arms
    # cover every row.
    matches = Q()
    for code, config in sorted(SEARCH_CONFIGS.items()):
        matches |= Q(language=code, search_vector=parsed(config))
    return (
        queryset.filter(matches)
        .annotate(
            search_rank=_language_case(lambda config: SearchRank(F("search_vector"), parsed(config)), FloatField()),
            search_snippet=_language_case(
                lambda config: _Headline(_regconfig(config), _snippet_text(), parsed(config), Value(HEADLINE_OPTIONS)),
                HighlightedTextField(),
            ),
        )
        .order_by("-search_rank", "-created", "-pk")
    )


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def parse_websearch(query):
    """websearch_to_tsquery's syntax, for the fallback: a list of OR-ed groups, each a list
    of (term, excluded) that must all hold."""
    groups, current = [], []
    for match in _TOKEN.finditer(query):
        negated, phrase, word = match.groups()
        if word is not None and word.lower() == "or":
            if current:
                groups.append(current)
                current = []
            continue
        if word is not None:
            negated, term = ("-", word[1:]) if word.startswith("-") and len(word) > 1 else ("", word)
        else:
            term = phrase
        term = term.strip()
        if term:
            current.append((term, bool(negated)))
    if current:
        groups.append(current)
    return groups


def _fallback_search(queryset, query):
    fields = [name for name, _ in LEARNING_SEARCH_FIELDS]
    condition = Q()
    for group in parse_websearch(query):
        group_condition = Q()
        for term, excluded in group:
            anywhere = Q()
            for name in fields:
                anywhere |= Q(**{f"{name}__icontains": term})
            group_condition &= ~anywhere if excluded else anywhere
        condition |= group_condition
    if not condition:
        return queryset.none()
    return (
        queryset.filter(condition)
        .annotate(
            search_rank=Value(0.0, output_field=FloatField()),
            search_snippet=Substr("what_we_learned", 1, FALLBACK_SNIPPET_LENGTH, output_field=HighlightedTextField()),
        )
        .order_by("-created", "-pk")
    )
