"""Full-text search that travels: learning entries, composted initiatives' lessons and
event narratives, across Danish, Swedish and English.

On PostgreSQL every learning entry carries a stored, generated `search_vector`: its text
run through the text-search configuration of its own content language (Danish, Swedish
or English stemming and stop words), weighted title > what we learned > the rest. The
column is computed by the database itself (a generated column), so rows written by
`bulk_create`, `QuerySet.update()` or plain SQL are indexed exactly like saved ones; a GIN
index (migration 0003) serves the `@@` match. (After a bulk load, VACUUM, which autovacuum
runs, or gin_clean_pending_list() moves the index's pending entries into place; until
then the planner rightly finds the index expensive.) Events and composted initiatives,
far fewer, get the same vector computed on the fly.

A query is read in web-search syntax (quotes for phrases, `or`, `-` to exclude) once per
configuration, and each row is matched with the parse of its own language: a search for
"udbud" finds "udbuddet" in Danish rows, whatever language the reader uses. Written as one
OR of three (language = X AND vector @@ query_X), each arm is a plain `column @@ constant`
that the GIN index answers (a BitmapOr of three index scans).

The query travels: a word that names a concept of the twin engine's vocabulary
(evaluation.similarity.CONCEPTS, the one list of them) is also searched as that concept's
words in all three languages, so `upphandling` finds the Danish `udbud` and the English
`procurement`. Rows in the reader's language come first, then those that match the words
as typed, then the rank; the page says which related words were searched
(Expansion.related()).

On SQLite (the embedded default) the same stemmers (Snowball, which PostgreSQL's
configurations use too) and the same vocabulary run in Python over the rows, so
`upphandlingen` finds `upphandling` there as well.

Snippets come back as safe HTML: the entry's own text escaped, the matches in <mark>.
"""

import re
from dataclasses import dataclass
from functools import partial

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVectorField
from django.db import connections
from django.db.models import Case, F, FloatField, Func, IntegerField, Q, TextField, Value, When
from django.db.models.expressions import Expression
from django.db.models.functions import Concat, Substr
from django.utils.deconstruct import deconstructible
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from initiatives.choices import Phase

from . import similarity

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
EVENT_SEARCH_FIELDS = (("title", "A"), ("narrative", "B"), ("participants", "C"))
COMPOSTED_SEARCH_FIELDS = (("title", "A"), ("composted_lessons", "B"))
# ts_rank's default weights of A, B, C and D, for the ranking in Python.
RANK_WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
# Composted lessons and events shown beside the learning entries found.
SHOWN_BESIDE = 5

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
        for column, (_, weight) in zip(columns, self.weighted_fields, strict=True):
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


def _snippet_text(fields=SNIPPET_FIELDS):
    """The body of a row for its snippet, without any character we use as a mark."""
    pieces = []
    for name in fields:
        if pieces:
            pieces.append(Value(" "))
        pieces.append(Func(F(name), Value(""), function="COALESCE", output_field=TextField()))
    text = Concat(*pieces, output_field=TextField()) if len(pieces) > 1 else pieces[0]
    return _StripMarks(text, Value(MARK_START + MARK_STOP), Value(""))


def _language_case(per_config, output_field):
    """CASE language WHEN 'da' THEN <expression for danish> ... ELSE <english> END."""
    return Case(
        *(When(language=code, then=per_config(config)) for code, config in sorted(SEARCH_CONFIGS.items())),
        default=per_config(DEFAULT_SEARCH_CONFIG),
        output_field=output_field,
    )


# --- search that travels ------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One term of a query: a word (or "quoted phrase"), perhaps excluded with a minus, and
    the concepts of the shared vocabulary it names (evaluation.similarity.CONCEPTS)."""

    text: str
    excluded: bool = False
    phrase: bool = False
    concepts: tuple = ()


@dataclass(frozen=True)
class Expansion:
    """A query as the search reads it: OR-ed groups of terms that must all hold, each with
    the concepts it names (none when the search does not travel), and the reader's
    language (whose matches rank first)."""

    query: str
    language: str
    groups: tuple = ()

    @property
    def concepts(self):
        return tuple(dict.fromkeys(c for group in self.groups for term in group for c in term.concepts))

    def related(self):
        """The related words also searched, per concept: [{"concept", "label", "words"}],
        the words as the vocabulary writes them ("udbud*": any ending). A word the reader
        typed is not "related" to itself."""
        typed = [similarity.fold(term.text.lower()) for group in self.groups for term in group if term.concepts]
        found = []
        for concept in self.concepts:
            words = [
                pattern
                for pattern in similarity.CONCEPTS[concept]
                if not any(_pattern_matches(pattern, word) for word in typed)
            ]
            found.append({"concept": concept, "label": similarity.CONCEPT_LABELS[concept], "words": words})
        return found


def _pattern_matches(pattern, folded_word):
    folded = similarity.fold(pattern)
    return folded_word.startswith(folded[:-1]) if folded.endswith("*") else folded_word == folded


def reader_language(language=None):
    """The reader's content language: the one given, else the active UI language."""
    language = (language or get_language() or settings.LANGUAGE_CODE).split("-")[0]
    return language if language in SEARCH_CONFIGS else settings.LANGUAGE_CODE


def expand_query(query, language=None, expand=True):
    """The query parsed (web-search syntax) with each plain word's concepts: the words of
    all three languages that name the same thing are searched too."""
    groups = []
    for group in _parse_terms(query or ""):
        terms = []
        for text, excluded, phrase in group:
            concepts = ()
            if expand and not excluded and not phrase:
                words = similarity.WORD.findall(text.lower())
                if len(words) == 1:
                    concepts = similarity.concepts_of_word(words[0])
            terms.append(Term(text, excluded, phrase, concepts))
        groups.append(tuple(terms))
    return Expansion((query or "").strip(), reader_language(language), tuple(groups))


# --- on PostgreSQL ------------------------------------------------------------------------

_PATTERN = re.compile(r"^[^\W\d_]+\*?$")


def _concept_tsquery(concepts):
    """to_tsquery text for the vocabulary's words of the concepts: prefixes as `word:*`.
    The words are ours (CONCEPTS), never user input; they are checked all the same."""
    parts = []
    for concept in concepts:
        for pattern in similarity.CONCEPTS[concept]:
            if not _PATTERN.match(pattern):
                raise ValueError(f"not a vocabulary word: {pattern!r}")
            parts.append(f"{pattern[:-1]}:*" if pattern.endswith("*") else pattern)
    return " | ".join(dict.fromkeys(parts))


def _tsquery(expansion, config, expand=True):
    """The query in one text-search configuration. Without concepts (or expand=False) it is
    websearch_to_tsquery of the query as typed; with them, each word that names a concept
    is OR-ed with the concept's words."""
    if not expand or not expansion.concepts:
        return SearchQuery(expansion.query, config=config, search_type="websearch")
    combined = None
    for group in expansion.groups:
        part = None
        for term in group:
            query = SearchQuery(term.text, config=config, search_type="phrase" if term.phrase else "plain")
            if term.excluded:
                query = ~query
            elif term.concepts:
                query = query | SearchQuery(_concept_tsquery(term.concepts), config=config, search_type="raw")
            part = query if part is None else part & query
        combined = part if combined is None else combined | part
    return combined


def _matches(vector, per_config):
    condition = Q()
    for code, config in sorted(SEARCH_CONFIGS.items()):
        condition |= Q(language=code, **{vector: per_config(config)})
    return condition


def _postgresql_search(queryset, expansion, fields, vector, snippet_fields):
    if vector is None:
        vector = "search_document"
        queryset = queryset.annotate(search_document=LanguageSearchVector("language", *fields))
    expanded = partial(_tsquery, expansion)
    typed = partial(_tsquery, expansion, expand=False)
    return queryset.filter(_matches(vector, expanded)).annotate(
        search_rank=_language_case(lambda config: SearchRank(F(vector), expanded(config)), FloatField()),
        search_snippet=_language_case(
            lambda config: _Headline(
                _regconfig(config), _snippet_text(snippet_fields), expanded(config), Value(HEADLINE_OPTIONS)
            ),
            HighlightedTextField(),
        ),
        search_direct=Case(When(_matches(vector, typed), then=Value(1)), default=Value(0), output_field=IntegerField()),
    )


# --- anywhere: the same stemming in Python ------------------------------------------------


def _analyse(text, language):
    """Per word of the text: (its folded stem or None for a stop word, its concepts)."""
    analysed = []
    for word in similarity.WORD.findall((text or "").lower()):
        features = similarity.word_features(word, language)
        stem = next((f[2:] for f in features if f.startswith("w:")), None)
        analysed.append((stem, frozenset(f[2:] for f in features if f.startswith("c:"))))
    return analysed


class _Document:
    def __init__(self, language, texts, weights):
        self.language = language
        self.fields = [(_analyse(text, language), weight) for text, weight in zip(texts, weights, strict=True)]
        self.stems = {stem for words, _ in self.fields for stem, _ in words if stem}
        self.concepts = {c for words, _ in self.fields for _, concepts in words for c in concepts}

    def term_stems(self, text):
        return [stem for stem, _ in _analyse(text, self.language) if stem]

    def has_phrase(self, stems):
        for words, _ in self.fields:
            sequence = [stem for stem, _ in words if stem]
            for i in range(len(sequence) - len(stems) + 1):
                if sequence[i : i + len(stems)] == stems:
                    return True
        return False

    def rank(self, stems, concepts):
        """Each field's weight times how often the matched stems and concepts occur in it,
        as ts_rank weighs the fields (A 1.0, B 0.4, C 0.2)."""
        return sum(
            weight
            for words, weight in self.fields
            for stem, found in words
            if (stem and stem in stems) or (found & concepts)
        )


def _term_holds(document, term, expand):
    """True or False, or None when the term is no term in the document's language (a stop
    word), as PostgreSQL drops such words from the query."""
    stems = document.term_stems(term.text)
    if not stems:
        if not (expand and term.concepts):
            return None
        holds = False
    elif term.phrase:
        holds = document.has_phrase(stems)
    else:
        holds = all(stem in document.stems for stem in stems)
    if expand and not holds and term.concepts:
        holds = bool(set(term.concepts) & document.concepts)
    return (not holds) if term.excluded else holds


def _query_holds(document, expansion, expand):
    for group in expansion.groups:
        results = [_term_holds(document, term, expand) for term in group]
        counted = [result for result in results if result is not None]
        if counted and all(counted):
            return True
    return False


def _python_search(queryset, expansion, fields, snippet_fields):
    names = [name for name, _ in fields]
    weights = [RANK_WEIGHTS[weight] for _, weight in fields]
    concepts = set(expansion.concepts)
    found = {}
    rows = queryset.order_by().values_list("pk", "language", *names)
    for pk, language, *texts in rows.iterator(chunk_size=2000):
        document = _Document(language, texts, weights)
        if not _query_holds(document, expansion, expand=True):
            continue
        stems = {
            stem
            for group in expansion.groups
            for term in group
            if not term.excluded
            for stem in document.term_stems(term.text)
        }
        found[pk] = (round(document.rank(stems, concepts), 2), int(_query_holds(document, expansion, expand=False)))
    by_rank, direct = {}, []
    for pk, (rank, is_direct) in found.items():
        by_rank.setdefault(rank, []).append(pk)
        if is_direct:
            direct.append(pk)
    snippet = Substr(snippet_fields[0], 1, FALLBACK_SNIPPET_LENGTH, output_field=HighlightedTextField())
    return queryset.filter(pk__in=list(found)).annotate(
        search_rank=Case(
            *(When(pk__in=pks, then=Value(rank)) for rank, pks in sorted(by_rank.items())),
            default=Value(0.0),
            output_field=FloatField(),
        ),
        search_snippet=snippet,
        search_direct=Case(When(pk__in=direct, then=Value(1)), default=Value(0), output_field=IntegerField()),
    )


# --- the entry point ----------------------------------------------------------------------


def search_records(
    queryset, query, fields, *, vector=None, snippet_fields=None, language=None, expand=True, in_python=None
):
    """The rows of `queryset` (a model with a content `language`) whose `fields` (name,
    weight) match `query`, best first, annotated with `search_rank`, `search_direct` (1
    when the query as typed matches, 0 when only its related words do) and
    `search_snippet` (safe HTML). Each row is matched in its own language's stemming; each
    word that names a concept is also searched as that concept's words in Danish, Swedish
    and English. Rows in the reader's `language` (default: the active one) come first,
    then the matches of the words as typed, then the rank.

    On PostgreSQL the database matches (`vector`: a stored tsvector column, or none: one
    computed on the fly); elsewhere (SQLite) the same stemmers and vocabulary run in
    Python (`in_python=True` asks for that anywhere: the tests measure both). An empty
    query returns the queryset unchanged."""
    query = (query or "").strip()
    if not query:
        return queryset
    expansion = expand_query(query, language, expand=expand)
    snippet_fields = snippet_fields or [name for name, _ in fields]
    if in_python is None:
        in_python = connections[queryset.db].vendor != "postgresql"
    if not in_python:
        found = _postgresql_search(queryset, expansion, fields, vector, snippet_fields)
    else:
        found = _python_search(queryset, expansion, fields, snippet_fields)
    own = Case(When(language=expansion.language, then=Value(1)), default=Value(0), output_field=IntegerField())
    return found.annotate(search_own_language=own).order_by(
        "-search_own_language", "-search_direct", "-search_rank", "-created", "-pk"
    )


def search_learning(queryset, query, language=None, expand=True, in_python=None):
    """Learning entries matching `query` (see search_records), through their stored
    vector and its GIN index on PostgreSQL."""
    return search_records(
        queryset,
        query,
        LEARNING_SEARCH_FIELDS,
        vector="search_vector",
        snippet_fields=SNIPPET_FIELDS,
        language=language,
        expand=expand,
        in_python=in_python,
    )


def search_events(queryset, query, language=None):
    """Events on the walls whose title, narrative or participants match `query`."""
    return search_records(queryset, query, EVENT_SEARCH_FIELDS, snippet_fields=("narrative",), language=language)


def search_composted(queryset, query, language=None):
    """Composted initiatives whose lessons (what others can reuse) or title match `query`."""
    queryset = queryset.filter(phase=Phase.COMPOSTED).exclude(composted_lessons="")
    return search_records(
        queryset, query, COMPOSTED_SEARCH_FIELDS, snippet_fields=("composted_lessons",), language=language
    )


def search_beside(user, query, language=None, limit=SHOWN_BESIDE):
    """What the reader finds beside the learning entries: composted initiatives' lessons
    and the events' narratives, each {"count", "results"} (the best `limit`)."""
    from initiatives.models import Initiative

    from .models import Event

    found = {}
    for name, results in (
        ("composted", search_composted(Initiative.objects.visible_to(user), query, language)),
        ("events", search_events(Event.objects.visible_to(user), query, language)),
    ):
        found[name] = {"count": results.count(), "results": list(results[:limit])}
    return found


_TOKEN = re.compile(r'(-?)"([^"]*)"|(\S+)')


def _parse_terms(query):
    """websearch_to_tsquery's syntax: a list of OR-ed groups, each a list of (term,
    excluded, phrase) that must all hold."""
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
            current.append((term, bool(negated), word is None))
    if current:
        groups.append(current)
    return groups


def parse_websearch(query):
    """websearch_to_tsquery's syntax: a list of OR-ed groups, each a list of (term,
    excluded) that must all hold."""
    return [[(term, excluded) for term, excluded, _ in group] for group in _parse_terms(query)]
