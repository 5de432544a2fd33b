"""The figures of a learning summary: what one audience may see of one scope, counted in
the database.

A summary counts what a reader of that audience would see on the site: the public
audience counts public records only; the network audience counts what a plain member of
the scope's owning network sees (public records, and network records of that network),
never drafts. Both apply the visibility rule of core.querysets (sees(), which a test holds
equal to it), so a summary cannot show more than the pages do.

Scopes: initiative, mission, theme, portfolio and network. Any number of scopes is
computed as one batch (iter_summaries), set-based, in a number of queries that grows
neither with the data nor with the batch; one scope is a batch of one. Where PostgreSQL
has something SQLite lacks (text-search statistics), SQLite gets a simpler fallback.
"""

import hashlib
import heapq
import json
from collections import Counter, defaultdict
from dataclasses import dataclass
from functools import cache

from django.db import connections, transaction
from django.db.models import Count, Max, Min, Q, Sum
from django.db.models.expressions import RawSQL
from django.utils import timezone

from core.audience import ANONYMOUS, Audience
from core.choices import Visibility
from initiatives.choices import Phase
from initiatives.funding import funding_cliff
from initiatives.models import Initiative, Mission, MissionOrganisation, Participation, Theme
from partners.choices import Sector
from partners.models import Network, Organisation
from portfolios.choices import Horizon
from portfolios.models import Portfolio, PortfolioEntry, ReviewDecision

from . import similarity
from .choices import BarrierCategory, LearningKind, SummaryAudience, SummaryScope, ValueDomain
from .models import LearningEntry, TwinCandidate, ValueAssessment
from .search import SEARCH_CONFIGS

SEARCH_LANGUAGES = tuple(sorted(SEARCH_CONFIGS))

# Part of every fingerprint: a new version of the figures makes every stored summary stale.
METRICS_VERSION = 4
PUBLIC, NETWORK = SummaryAudience.PUBLIC.value, SummaryAudience.NETWORK.value
# The horizon map's row of composted initiatives (portfolios.maps.COMPOSTED_ROW).
COMPOSTED = Phase.COMPOSTED.value
BARRIER_EXAMPLES = 3
RECURRING_TERMS = 10
# Surface words of the recurring stems are looked up among this many recent entries.
TERM_SAMPLE = 500
# Initiatives above which the statement that names the stems is planned with hash joins only.
LARGE_TERMS_BATCH = 20
# Working memory of the recurring terms' statements (PostgreSQL's default is 4 MB).
TERMS_WORK_MEM_MB = 64
TWIN_CANDIDATES_SHOWN = {"initiative": 5}
TWIN_PAIRS_SHOWN = 10
NEW_COLLABORATIONS_SHOWN = 20
SUPPORTED_SCOPES = (
    SummaryScope.INITIATIVE,
    SummaryScope.MISSION,
    SummaryScope.THEME,
    SummaryScope.PORTFOLIO,
    SummaryScope.NETWORK,
)
SCOPE_MODELS = {
    SummaryScope.INITIATIVE: Initiative,
    SummaryScope.MISSION: Mission,
    SummaryScope.THEME: Theme,
    SummaryScope.PORTFOLIO: Portfolio,
    SummaryScope.NETWORK: Network,
}
# Value-domain trends are counted per half-year of the assessed period ("2025-H1").
TREND_PERIODS = {"half_year": ("H", 6), "quarter": ("Q", 3)}
TREND_PERIOD = "half_year"


class UnsupportedScope(ValueError):
    """A scope this module does not know."""


@dataclass(frozen=True)
class ScopeRecord:
    """The record a summary is about, as far as the computation needs it."""

    scope: str
    scope_id: int
    network_id: int
    visibility: str
    updated: object


def scope_model(scope):
    try:
        return SCOPE_MODELS[SummaryScope(scope)]
    except (KeyError, ValueError):
        raise UnsupportedScope(scope) from None


def reader(audience, network_id) -> Audience:
    """The reader whose view an audience's summary counts."""
    if SummaryAudience(audience) == SummaryAudience.PUBLIC:
        return ANONYMOUS
    return Audience(network_ids=frozenset({network_id}))


def sees(audience, network_id, visibility, owner_id):
    """Whether the reader of an audience's summary of a scope owned by `network_id` sees a
    record with this visibility owned by `owner_id`: the rule of
    core.querysets.VisibilityQuerySet.visibility_q for that reader (public records for
    everyone, network records for the members of their network, drafts for no reader of a
    summary), applied to rows already read. tests/test_summaries.py holds the two equal."""
    if visibility == Visibility.PUBLIC:
        return True
    return visibility == Visibility.NETWORK and audience == NETWORK and owner_id == network_id


def scope_visible_to(record, audience):
    """Whether the audience may see the scope itself: a summary of a draft mission would
    tell the public that it exists and what it gathers."""
    return sees(SummaryAudience(audience).value, record.network_id, record.visibility, record.network_id)


# --- many scopes at once ----------------------------------------------------------------------
#
# Every figure is computed for a batch of scopes together: the initiatives the batch's
# scopes gather are read once, each kind of record in one query grouped or listed by
# initiative, and each scope's figures are then put together from its initiatives' rows
# in Python (counts add up; organisations, municipalities and horizons are counted as
# sets, so an initiative in two missions of a theme counts once). One scope is a batch of
# one: the job after a change and the nightly recomputation of ten thousand scopes run
# the same code, in a number of queries that does not grow with the batch.


def _scope(scope):
    """The scope's name as a plain string, or UnsupportedScope."""
    scope_model(scope)
    return SummaryScope(scope).value


def load_scopes(pairs):
    """{(scope, id): ScopeRecord} of the (scope, id) pairs that exist; one query per kind
    of scope."""
    by_scope = defaultdict(set)
    for scope, scope_id in pairs:
        by_scope[_scope(scope)].add(int(scope_id))
    records = {}
    for scope, ids in by_scope.items():
        model = scope_model(scope)
        if model is Network:
            # A network is public by nature: its directory entry is for everyone.
            for pk, updated in model.objects.filter(pk__in=ids).values_list("pk", "updated"):
                records[(scope, pk)] = ScopeRecord(scope, pk, pk, Visibility.PUBLIC, updated)
            continue
        for pk, network_id, visibility, updated in model.objects.filter(pk__in=ids).values_list(
            "pk", "network_id", "visibility", "updated"
        ):
            records[(scope, pk)] = ScopeRecord(scope, pk, network_id, visibility, updated)
    return records


def load_scope(scope, scope_id):
    """The scope's record, or None when it no longer exists."""
    scope = _scope(scope)
    return load_scopes([(scope, scope_id)]).get((scope, int(scope_id)))


def _ids(values):
    return sorted(set(values))


def _within(ids):
    """`ids` for a `__in` lookup: the list itself, or on PostgreSQL, for many, one array
    parameter (thousands of parameters cost more to send and parse than the query)."""
    if len(ids) > 500 and connections[Initiative.objects.db].vendor == "postgresql":
        return RawSQL("SELECT unnest(%s::bigint[])", [_pg_array(ids)])
    return ids


class ScopeInitiatives:
    """Which initiatives each scope of a batch gathers: all of them (for the fingerprint,
    both audiences alike), and the ones each audience sees (for the figures), with the
    initiatives' own rows. Four or five queries, whatever the batch's size."""

    def __init__(self, records):
        self.records = records
        # (scope, id) -> {initiative id: the missions it is gathered through (themes only)}
        links = defaultdict(dict)
        by_scope = defaultdict(list)
        for scope, scope_id in records:
            by_scope[scope].append(scope_id)
        through = Initiative.missions.through.objects
        self.missions = {}  # mission id -> (visibility, network id, updated, theme id)
        for scope, ids in by_scope.items():
            if scope == SummaryScope.INITIATIVE:
                rows = ((pk, pk) for pk in ids)
            elif scope == SummaryScope.MISSION:
                rows = through.filter(mission__in=ids).values_list("mission_id", "initiative_id")
            elif scope == SummaryScope.THEME:
                for pk, theme_id, visibility, network_id, updated in Mission.objects.filter(theme__in=ids).values_list(
                    "pk", "theme_id", "visibility", "network_id", "updated"
                ):
                    self.missions[pk] = (visibility, network_id, updated, theme_id)
                for mission_id, initiative_id in through.filter(mission__in=list(self.missions)).values_list(
                    "mission_id", "initiative_id"
                ):
                    found = links[(scope, self.missions[mission_id][3])]
                    found[initiative_id] = (*found.get(initiative_id, ()), mission_id)
                continue
            elif scope == SummaryScope.PORTFOLIO:
                rows = PortfolioEntry.objects.filter(portfolio__in=ids).values_list("portfolio_id", "initiative_id")
            else:
                rows = Initiative.objects.filter(network__in=ids).values_list("network_id", "pk")
            for scope_id, initiative_id in rows:
                links[(scope, scope_id)].setdefault(initiative_id, ())
        self.links = {key: dict(found) for key, found in links.items()}
        self._visible = {}
        # initiative id -> (network id, visibility, phase, title, updated)
        self.initiatives = {
            pk: rest
            for pk, *rest in Initiative.objects.filter(
                pk__in=_within(_ids(pk for found in self.links.values() for pk in found))
            ).values_list("pk", "network_id", "visibility", "phase", "title", "updated")
        }

    def all(self, key):
        """Every initiative the scope gathers (that still exists), sorted."""
        return sorted(pk for pk in self.links.get(key, ()) if pk in self.initiatives)

    def visible(self, key, audience):
        """The initiatives the audience's reader sees in the scope, sorted. A theme gathers
        only through the missions that reader sees."""
        cached = self._visible.get((*key, audience))
        if cached is None:
            cached = self._visible[(*key, audience)] = self._find_visible(key, audience)
        return cached

    def _find_visible(self, key, audience):
        record = self.records[key]
        network_id = record.network_id
        found = []
        for pk, missions in self.links.get(key, {}).items():
            row = self.initiatives.get(pk)
            if row is None or not sees(audience, network_id, row[1], row[0]):
                continue
            if record.scope == SummaryScope.THEME and not any(
                sees(audience, network_id, self.missions[m][0], self.missions[m][1]) for m in missions
            ):
                continue
            found.append(pk)
        return sorted(found)

    def own(self, key, pk):
        """Whether the initiative belongs to the scope's owning network: its network-only
        learning is for that network's members."""
        return self.initiatives[pk][0] == self.records[key].network_id


# --- what each initiative brings -------------------------------------------------------------


def _top(rows, n):
    """The n most recent (created, pk, title) rows, newest first."""
    return heapq.nlargest(n, rows)


class InitiativeRows:
    """The rows of a set of initiatives that the figures count, read in a fixed number of
    queries and kept per initiative. Only what a summary reader can ever see is read:
    drafts (initiatives and learning) never count."""

    def __init__(self, initiative_ids, today, mission_ids=()):
        ids = _ids(initiative_ids)
        self.ids = ids
        within = _within(ids)
        self.municipalities = defaultdict(list)
        for initiative_id, organisation_id in Initiative.municipalities.through.objects.filter(
            initiative__in=within
        ).values_list("initiative_id", "organisation_id"):
            self.municipalities[initiative_id].append(organisation_id)
        self.partners = defaultdict(set)
        for initiative_id, organisation_id in Participation.objects.filter(initiative__in=within).values_list(
            "initiative_id", "organisation_id"
        ):
            self.partners[initiative_id].add(organisation_id)
        self.joined = defaultdict(list)
        for mission_id, organisation_id in MissionOrganisation.objects.filter(
            mission__in=_ids(mission_ids)
        ).values_list("mission_id", "organisation_id"):
            self.joined[mission_id].append(organisation_id)
        # (initiative id) -> [(portfolio id, horizon, portfolio visibility, portfolio network)]
        self.portfolio_entries = defaultdict(list)
        for initiative_id, *row in PortfolioEntry.objects.filter(initiative__in=within).values_list(
            "initiative_id", "portfolio_id", "horizon", "portfolio__visibility", "portfolio__network_id"
        ):
            self.portfolio_entries[initiative_id].append(tuple(row))
        self.assessments = defaultdict(list)
        for initiative_id, domain, score, period_start in ValueAssessment.objects.filter(
            initiative__in=within
        ).values_list("initiative_id", "domain", "score", "period_start"):
            self.assessments[initiative_id].append((domain, score, period_start))
        visible_entries = LearningEntry.objects.filter(
            initiative__in=within, visibility__in=[Visibility.PUBLIC, Visibility.NETWORK]
        ).order_by()
        # (initiative id, entry visibility) -> Counter of kinds
        self.entry_kinds = defaultdict(Counter)
        for row in visible_entries.values("initiative_id", "visibility", "kind").annotate(n=Count("pk")):
            self.entry_kinds[(row["initiative_id"], row["visibility"])][row["kind"]] = row["n"]
        # (initiative id, entry visibility, kind) -> {category: [entries, [(created, pk, title)]]}
        self.categories = defaultdict(dict)
        named = visible_entries.filter(kind__in=[LearningKind.BARRIER, LearningKind.ENABLER]).exclude(categories=[])
        categories_known = frozenset(BarrierCategory.values)
        for initiative_id, visibility, kind, categories, created, pk, title in named.values_list(
            "initiative_id", "visibility", "kind", "categories", "created", "pk", "title"
        ):
            found = self.categories[(initiative_id, visibility, kind)]
            for category in set(categories or ()):
                if category not in categories_known:
                    continue
                counted = found.setdefault(category, [0, []])
                counted[0] += 1
                counted[1].append((created, pk, title))
        for found in self.categories.values():
            for counted in found.values():
                counted[1] = _top(counted[1], BARRIER_EXAMPLES)
        self.cliff = dict(
            funding_cliff(Initiative.objects.filter(pk__in=within), today).values_list("pk", "pool_funding_ends")
        )
        # initiative id -> [(-score, candidate id, row pk)]; candidate id -> (visibility, network)
        self.twins = defaultdict(list)
        self.candidates = {}
        for score, initiative_id, candidate_id, pk, visibility, network_id in TwinCandidate.objects.filter(
            initiative__in=within
        ).values_list("score", "initiative_id", "candidate_id", "pk", "candidate__visibility", "candidate__network_id"):
            candidate_id = self.candidates.setdefault(candidate_id, (candidate_id, visibility, network_id))[0]
            self.twins[initiative_id].append((-score, candidate_id, pk))
        self.firsts = defaultdict(list)
        for org_a, org_b, initiative_id, start, known in first_shared_initiatives(ids):
            self.firsts[initiative_id].append((org_a, org_b, start, known))
        self.terms = {}


def first_shared_initiatives(initiative_ids):
    """(organisation a, organisation b, initiative, start, known) for every pair of
    organisations that take part together in one of the initiatives and whose first
    shared initiative is one of them (see shared_firsts)."""
    wanted = set(initiative_ids)
    return [row for row in shared_firsts(wanted) if row[2] in wanted]


def shared_firsts(initiative_ids):
    """(organisation a, organisation b, first initiative, its start, known) for every pair
    of organisations that take part together in one of the initiatives: the first
    initiative they ever shared, by start date (then pk; an initiative without a start
    date comes last), and whether it is known to be the first: only when it has a start
    date and every other initiative they share has one too (an undated one may have come
    earlier). Over all initiatives: that two organisations worked together before is a
    fact about them, whoever may see where."""
    ids = _ids(initiative_ids)
    if not ids:
        return []
    connection = connections[Participation.objects.db]
    participation = connection.ops.quote_name(Participation._meta.db_table)
    initiative = connection.ops.quote_name(Initiative._meta.db_table)
    source, params = Initiative.objects.filter(pk__in=_within(ids)).values("pk").query.sql_with_params()
    sql = f"""
        WITH scope_pairs AS (
            SELECT DISTINCT a.organisation_id AS org_a, b.organisation_id AS org_b
            FROM {participation} a
            JOIN {participation} b ON b.initiative_id = a.initiative_id AND a.organisation_id < b.organisation_id
            WHERE a.initiative_id IN ({source})
        ), shared AS (
            SELECT p.org_a, p.org_b, i.id AS initiative_id, i.start_date,
                   ROW_NUMBER() OVER (
                       PARTITION BY p.org_a, p.org_b
                       ORDER BY (CASE WHEN i.start_date IS NULL THEN 1 ELSE 0 END), i.start_date, i.id
                   ) AS position,
                   SUM(CASE WHEN i.start_date IS NULL THEN 1 ELSE 0 END) OVER (
                       PARTITION BY p.org_a, p.org_b
                   ) AS undated
            FROM scope_pairs p
            JOIN {participation} a ON a.organisation_id = p.org_a
            JOIN {participation} b ON b.organisation_id = p.org_b AND b.initiative_id = a.initiative_id
            JOIN {initiative} i ON i.id = a.initiative_id
        )
        SELECT org_a, org_b, initiative_id, start_date,
               CASE WHEN start_date IS NOT NULL AND undated = 0 THEN 1 ELSE 0 END AS known
        FROM shared WHERE position = 1
        ORDER BY org_a, org_b
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [(a, b, pk, start, bool(known)) for a, b, pk, start, known in cursor.fetchall()]


# --- recurring terms --------------------------------------------------------------------------


# Each initiative's learning counted once per language and stem (in how many entries,
# how often), then added up per scope: what ts_stat over the scope's vectors would count.
TERMS_PER_INITIATIVE = """
per_initiative AS MATERIALIZED (
    SELECT le.initiative_id, le.language, u.lexeme,
           count(*) FILTER (WHERE le.visibility = 'public') AS public_docs,
           coalesce(sum(coalesce(cardinality(u.positions), 1)) FILTER (WHERE le.visibility = 'public'), 0)
               AS public_uses,
           count(*) AS all_docs,
           sum(coalesce(cardinality(u.positions), 1)) AS all_uses
    FROM {entries} le CROSS JOIN LATERAL unnest(le.search_vector) u
    WHERE le.initiative_id IN (SELECT initiative_id FROM m)
      AND le.visibility IN ('public', 'network') AND le.language IN %(languages)s
      AND length(u.lexeme) >= 3 AND u.lexeme !~ '[0-9]'
    GROUP BY 1, 2, 3
), per_scope AS (
    SELECT m.k, p.language, p.lexeme,
           (sum(p.public_docs) FILTER (WHERE m.in_public))::bigint AS public_docs,
           (sum(p.public_uses) FILTER (WHERE m.in_public))::bigint AS public_uses,
           (sum(CASE WHEN m.own THEN p.all_docs ELSE p.public_docs END) FILTER (WHERE m.in_network))::bigint
               AS network_docs,
           (sum(CASE WHEN m.own THEN p.all_uses ELSE p.public_uses END) FILTER (WHERE m.in_network))::bigint
               AS network_uses
    FROM m JOIN per_initiative p ON p.initiative_id = m.initiative_id
    GROUP BY 1, 2, 3
)"""
# The same figures straight from the entries, when (almost) every initiative belongs to
# one scope of the batch: a batch of initiatives.
TERMS_DIRECT = """
per_scope AS (
    SELECT m.k, le.language, u.lexeme,
           count(*) FILTER (WHERE m.in_public AND le.visibility = 'public') AS public_docs,
           sum(coalesce(cardinality(u.positions), 1)) FILTER (WHERE m.in_public AND le.visibility = 'public')
               AS public_uses,
           count(*) FILTER (WHERE m.in_network AND (le.visibility = 'public' OR m.own)) AS network_docs,
           sum(coalesce(cardinality(u.positions), 1))
             FILTER (WHERE m.in_network AND (le.visibility = 'public' OR m.own))
               AS network_uses
    FROM m JOIN {entries} le ON le.initiative_id = m.initiative_id
    CROSS JOIN LATERAL unnest(le.search_vector) u
    WHERE le.visibility IN ('public', 'network') AND le.language IN %(languages)s
      AND length(u.lexeme) >= 3 AND u.lexeme !~ '[0-9]'
    GROUP BY 1, 2, 3
)"""
MEMBERS = """
m AS MATERIALIZED (
    SELECT * FROM unnest(%(keys)s::int[], %(initiatives)s::bigint[], %(public)s::boolean[],
                         %(network)s::boolean[], %(own)s::boolean[])
         AS m(k, initiative_id, in_public, in_network, own)
)"""
# The recurring stems of each key: its RECURRING_TERMS stems in the most entries (then
# the most uses, then alphabetically) that are in two entries or more.
TOP_STEMS_SQL = """
WITH {members}, {per_scope}, ranked AS (
    SELECT k, 'public' AS audience, language, lexeme, public_docs AS docs,
           ROW_NUMBER() OVER (PARTITION BY k, language ORDER BY public_docs DESC, public_uses DESC, lexeme) AS position
    FROM per_scope WHERE public_docs >= 2
    UNION ALL
    SELECT k, 'network', language, lexeme, network_docs,
           ROW_NUMBER() OVER (PARTITION BY k, language ORDER BY network_docs DESC, network_uses DESC, lexeme)
    FROM per_scope WHERE network_docs >= 2
)
SELECT k, audience, language, lexeme, docs FROM ranked WHERE position <= %(terms)s
ORDER BY k, audience, language, position
"""
# The surface word that names each stem: the most frequent word of the key's most
# recent TERM_SAMPLE entries of the language (visible to its audience) that stems to it.
# Every step is materialised in this order, so each word is stemmed once and each entry
# parsed once, whatever the number of keys that show it.
STEM_NAMES_SQL = """
WITH {members}, top AS MATERIALIZED (
    SELECT * FROM unnest(%(top_keys)s::int[], %(top_audiences)s::text[], %(top_languages)s::text[],
                         %(top_lexemes)s::text[]) AS t(k, audience, language, lexeme)
), visible_entries AS MATERIALIZED (
    SELECT m.k, a.audience, le.language, le.id, le.created
    FROM m JOIN {entries} le ON le.initiative_id = m.initiative_id
    JOIN (VALUES ('public'), ('network')) AS a(audience)
      ON (a.audience = 'public' AND m.in_public AND le.visibility = 'public')
      OR (a.audience = 'network' AND m.in_network
          AND (le.visibility = 'public' OR (le.visibility = 'network' AND m.own)))
    WHERE le.language IN %(languages)s
), recent AS MATERIALIZED (
    SELECT k, audience, language, id FROM (
        SELECT k, audience, language, id,
               ROW_NUMBER() OVER (PARTITION BY k, audience, language ORDER BY created DESC, id DESC) AS position
        FROM visible_entries
        WHERE (k, audience, language) IN (SELECT DISTINCT k, audience, language FROM top)
    ) x WHERE position <= %(sample)s
), words_of_entry AS MATERIALIZED (
    SELECT le.id, le.language, w.lexeme AS word, coalesce(cardinality(w.positions), 1) AS uses
    FROM {entries} le CROSS JOIN LATERAL unnest(to_tsvector('simple', {text})) w
    WHERE le.id IN (SELECT id FROM recent)
), distinct_words AS MATERIALIZED (
    SELECT DISTINCT language, word FROM words_of_entry
), naming AS MATERIALIZED (
    SELECT language, word, lexemes[1] AS lexeme FROM (
        SELECT language, word, tsvector_to_array(strip(CASE language {stemming} END)) AS lexemes
        FROM distinct_words
    ) s
    WHERE cardinality(lexemes) = 1 AND (language, lexemes[1]) IN (SELECT language, lexeme FROM top)
), entry_words AS MATERIALIZED (
    SELECT w.id, n.lexeme, w.word, w.uses
    FROM words_of_entry w JOIN naming n ON n.language = w.language AND n.word = w.word
), key_words AS MATERIALIZED (
    SELECT r.k, r.audience, r.language, e.lexeme, e.word, e.uses
    FROM recent r JOIN entry_words e ON e.id = r.id
), words AS (
    SELECT k, audience, language, lexeme, word, sum(uses) AS uses FROM key_words
    WHERE (k, audience, language, lexeme) IN (SELECT k, audience, language, lexeme FROM top)
    GROUP BY 1, 2, 3, 4, 5
)
SELECT DISTINCT ON (k, audience, language, lexeme) k, audience, language, lexeme, word
FROM words ORDER BY k, audience, language, lexeme, uses DESC, word
"""


def _pg_array(values):
    """A PostgreSQL array literal: one parameter, however many values."""

    def element(value):
        if value is True or value is False:
            return "t" if value else "f"
        if isinstance(value, str):
            return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
        return str(value)

    return "{" + ",".join(map(element, values)) + "}"


def recurring_terms_many(membership, keys):
    """{(scope, id, audience): {language: [(entries, stem, term)]}}: the most recurring
    terms of the learning each key's audience sees, per content language, most entries
    first; only terms in two entries or more. (Tuples: a batch holds tens of thousands.)

    On PostgreSQL two statements for the whole batch: the stored text-search vectors'
    stems are counted per scope (what ts_stat over the scope's vectors counts: in how many
    entries, then how often), and each stem is named by its most frequent surface word
    among the scope's TERM_SAMPLE most recent entries of that language ("kommun" is shown
    as "kommunerne"). Elsewhere the fallback counts in Python."""
    connection = connections[LearningEntry.objects.db]
    found = {key: {code: [] for code in SEARCH_LANGUAGES} for key in keys}
    if connection.vendor != "postgresql":
        for key in keys:
            found[key] = _recurring_terms_fallback(membership, key)
        return found
    pairs = _ids(key[:2] for key in keys)
    index = {pair: n for n, pair in enumerate(pairs)}
    wanted = set(keys)
    columns = {"keys": [], "initiatives": [], "public": [], "network": [], "own": []}
    for pair in pairs:
        public = set(membership.visible(pair, PUBLIC)) if (*pair, PUBLIC) in wanted else set()
        network = set(membership.visible(pair, NETWORK)) if (*pair, NETWORK) in wanted else set()
        for pk in sorted(public | network):
            columns["keys"].append(index[pair])
            columns["initiatives"].append(pk)
            columns["public"].append(pk in public)
            columns["network"].append(pk in network)
            columns["own"].append(membership.own(pair, pk))
    if not columns["keys"]:
        return found
    # Scopes that share initiatives (a network and its missions) count each initiative's
    # learning once and add it up; scopes that do not (a batch of initiatives) count
    # straight from the entries.
    shared = len(columns["initiatives"]) > 1.2 * len(set(columns["initiatives"]))
    quote = connection.ops.quote_name
    entries = quote(LearningEntry._meta.db_table)
    params = {name: _pg_array(values) for name, values in columns.items()}
    params.update(languages=tuple(sorted(SEARCH_CONFIGS)), terms=RECURRING_TERMS, sample=TERM_SAMPLE)
    per_scope = (TERMS_PER_INITIATIVE if shared else TERMS_DIRECT).format(entries=entries)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # Grouping a batch's stems needs more than the default working memory; without it
        # the hash aggregates and sorts spill to disk. These statements cost enough for
        # PostgreSQL to compile them to machine code first (JIT), which takes longer than
        # running them.
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"SET LOCAL work_mem = '{TERMS_WORK_MEM_MB} MB'")
        cursor.execute(TOP_STEMS_SQL.format(members=MEMBERS, per_scope=per_scope), params)
        top = cursor.fetchall()
        cursor.execute("RESET work_mem")
    if not top:
        return found
    text = " || ' ' || ".join(
        f"COALESCE(le.{quote(name)}, '')"
        for name in ("title", "what_we_did", "what_we_learned", "where_we_are_heading")
    )
    stemming = " ".join(
        f"WHEN '{code}' THEN to_tsvector('{config}'::regconfig, word)"
        for code, config in sorted(SEARCH_CONFIGS.items())
    )
    params.update(
        top_keys=_pg_array(row[0] for row in top),
        top_audiences=_pg_array(row[1] for row in top),
        top_languages=_pg_array(row[2] for row in top),
        top_lexemes=_pg_array(row[3] for row in top),
    )
    sql = STEM_NAMES_SQL.format(members=MEMBERS, entries=entries, text=text, stemming=stemming)
    with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
        # The planner cannot estimate the rows of these steps (a window function's
        # filter, unnested vectors) and guesses one, which makes it pair them in nested
        # loops: for thousands of entries that is quadratic. Hash joins it is, for this
        # statement.
        large = len(set(columns["initiatives"])) > LARGE_TERMS_BATCH
        if large:
            cursor.execute("SET LOCAL enable_nestloop = off")
        cursor.execute("SET LOCAL jit = off")
        cursor.execute(f"SET LOCAL work_mem = '{TERMS_WORK_MEM_MB} MB'")
        cursor.execute(sql, params)
        names = {tuple(row[:4]): row[4] for row in cursor.fetchall()}
        cursor.execute("RESET work_mem")
        if large:
            cursor.execute("RESET enable_nestloop")
    for k, audience, language, stem, docs in top:
        key = (*pairs[k], audience)
        if key in found:
            found[key][language].append((docs, stem, names.get((k, audience, language, stem)) or stem))
    return found


def _recurring_terms_fallback(membership, key):
    """Without text search: the same idea in Python over the most recent entries of each
    language, with the Snowball stemmers of evaluation.similarity."""
    scope, scope_id, audience = key
    visible = membership.visible((scope, scope_id), audience)
    network_id = membership.records[(scope, scope_id)].network_id
    entries = LearningEntry.objects.filter(initiative__in=visible)
    if audience == NETWORK:
        entries = entries.filter(
            Q(visibility=Visibility.PUBLIC) | Q(visibility=Visibility.NETWORK, initiative__network=network_id)
        )
    else:
        entries = entries.filter(visibility=Visibility.PUBLIC)
    return recurring_terms_fallback(entries)


def recurring_terms_fallback(entries):
    """{language: terms} of a queryset of learning entries, counted in Python."""
    found = {}
    for code in sorted(SEARCH_CONFIGS):
        rows = (
            entries.filter(language=code)
            .order_by("-created", "-pk")
            .values_list("title", "what_we_did", "what_we_learned", "where_we_are_heading")[:TERM_SAMPLE]
        )
        documents, surfaces = Counter(), Counter()
        for row in rows:
            pairs = similarity.tokens(" ".join(part or "" for part in row), code)
            documents.update({stem for stem, _ in pairs})
            surfaces.update(pairs)
        best_word = {}
        for (stem, word), _count in sorted(surfaces.items(), key=lambda item: (-item[1], item[0][1])):
            best_word.setdefault(stem, word)
        ranked = sorted(((n, stem) for stem, n in documents.items() if n >= 2), key=lambda item: (-item[0], item[1]))
        found[code] = [{"entries": n, "stem": stem, "term": best_word[stem]} for n, stem in ranked[:RECURRING_TERMS]]
    return found


# --- the figures of one scope, from its initiatives' rows -----------------------------------


@cache
def sorted_values(choices):
    return tuple(sorted(choices.values))


def counts(counter, choices):
    """{choice: count} with every choice present, so the shape does not depend on data."""
    return {value: counter.get(value, 0) for value in sorted_values(choices)}


def average(total, n):
    return round(total / n, 2)


def period_of(day, period=TREND_PERIOD):
    """(year, part) of a day: the half-year (1, 2) or quarter (1-4) it falls in."""
    _, months = TREND_PERIODS[period]
    return day.year, (day.month - 1) // months + 1


def value_domains(assessments, period=TREND_PERIOD):
    """(averages, trend) of (domain, score, period start) rows: per value domain the
    average score and the number of assessments, and the same per period of the assessed
    period's start (half-year by default: "2025-H1"), oldest first; every domain present."""
    letter, _ = TREND_PERIODS[period]
    totals, by_period = defaultdict(lambda: [0, 0]), defaultdict(lambda: [0, 0])
    for domain, score, period_start in assessments:
        for counted in (totals[domain], by_period[(domain, *period_of(period_start, period))]):
            counted[0] += score
            counted[1] += 1
    averages = {
        domain: {
            "assessments": totals[domain][1] if domain in totals else 0,
            "average": average(*totals[domain]) if domain in totals else None,
        }
        for domain in sorted_values(ValueDomain)
    }
    trend = {domain: [] for domain in sorted_values(ValueDomain)}
    for (domain, year, part), (total, n) in sorted(by_period.items()):
        if domain in trend:
            trend[domain].append({"period": f"{year}-{letter}{part}", "assessments": n, "average": average(total, n)})
    return averages, trend


def categories_of(rows, kind, buckets):
    """Barrier (or enabler) categories by the number of visible entries of that kind naming
    them, most named first, each with its most recent example entries."""
    totals = defaultdict(lambda: [0, []])
    for key in buckets:
        for category, (n, examples) in rows.categories.get((*key, kind), {}).items():
            counted = totals[category]
            counted[0] += n
            counted[1].extend(examples)
    ranked = sorted(((n, category) for category, (n, _) in totals.items() if n), key=lambda item: (-item[0], item[1]))
    return [
        {
            "category": category,
            "entries": n,
            "examples": [{"id": pk, "title": title} for _, pk, title in _top(totals[category][1], BARRIER_EXAMPLES)],
        }
        for n, category in ranked
    ]


class Assembler:
    """Puts each scope's figures together from the batch's rows."""

    def __init__(self, membership, rows, organisations, twin_details, terms):
        self.membership = membership
        self.rows = rows
        self.organisations = organisations
        self.twin_details = twin_details
        self.terms = terms

    def organisation(self, pk):
        name, sector, _, _ = self.organisations[pk]
        return {"id": pk, "name": name, "sector": sector}

    def metrics(self, key):
        scope, scope_id, audience = key
        pair = (scope, scope_id)
        membership, rows = self.membership, self.rows
        record = membership.records[pair]
        visible = membership.visible(pair, audience)
        initiatives = membership.initiatives
        # The learning a reader of the audience sees: public entries, and the network's own
        # network-only entries for its members.
        buckets = [(pk, Visibility.PUBLIC.value) for pk in visible]
        if audience == NETWORK:
            buckets += [(pk, Visibility.NETWORK.value) for pk in visible if membership.own(pair, pk)]
        kinds = Counter()
        for bucket in buckets:
            kinds.update(rows.entry_kinds.get(bucket, {}))

        phases = Counter(initiatives[pk][2] for pk in visible)
        places = Counter(organisation for pk in visible for organisation in set(rows.municipalities.get(pk, ())))
        partners = set().union(*(rows.partners.get(pk, ()) for pk in visible)) if visible else set()
        sectors = Counter(self.organisations[pk][1] for pk in partners)

        horizons = defaultdict(set)
        for pk in visible:
            # A composted initiative has left the live horizons: it has a row of its own.
            row_of = COMPOSTED if initiatives[pk][2] == Phase.COMPOSTED else None
            for portfolio_id, horizon, visibility, owner_id in rows.portfolio_entries.get(pk, ()):
                horizon = row_of or horizon
                if scope == SummaryScope.PORTFOLIO:
                    if portfolio_id == scope_id:
                        horizons[horizon].add(pk)
                elif sees(audience, record.network_id, visibility, owner_id):
                    horizons[horizon].add(pk)

        averages, trend = value_domains(a for pk in visible for a in rows.assessments.get(pk, ()))

        cliff = sorted((rows.cliff[pk], pk) for pk in visible if pk in rows.cliff)

        metrics = {
            "funding_cliff": [
                {"id": pk, "pool_funding_ends": ends.isoformat(), "title": initiatives[pk][3]} for ends, pk in cliff
            ],
            "initiatives": len(visible),
            "initiatives_by_horizon": {
                **counts({h: len(pks) for h, pks in horizons.items() if h != COMPOSTED}, Horizon),
                COMPOSTED: len(horizons.get(COMPOSTED, ())),
            },
            "initiatives_by_municipality": sorted(
                (
                    {
                        "code": self.organisations[pk][3],
                        "id": pk,
                        "initiatives": n,
                        "name": self.organisations[pk][0],
                    }
                    for pk, n in places.items()
                ),
                key=lambda item: (-item["initiatives"], item["name"], item["id"]),
            ),
            "initiatives_by_phase": counts(phases, Phase),
            "learning_entries": sum(kinds.values()),
            "learning_entries_by_kind": counts(kinds, LearningKind),
            "new_collaborations": self.new_collaborations(visible),
            "organisations_by_sector": counts(sectors, Sector),
            "recurring_terms": {
                language: [
                    term if isinstance(term, dict) else {"entries": term[0], "stem": term[1], "term": term[2]}
                    for term in terms
                ]
                for language, terms in self.terms[key].items()
            },
            "top_barrier_categories": categories_of(rows, LearningKind.BARRIER.value, buckets),
            "top_enabler_categories": categories_of(rows, LearningKind.ENABLER.value, buckets),
            "twin_candidates": self.twin_candidates(key, visible),
            "value_domain_trend": trend,
            "value_domains": averages,
            "version": METRICS_VERSION,
        }
        if scope == SummaryScope.MISSION:
            metrics["partner_network"] = self.partner_network(scope_id, visible)
        return dict(sorted(metrics.items()))

    def selected_twins(self, key, visible):
        """The strongest twin candidates of the initiatives among initiatives the audience
        may see: (-score, initiative id, candidate id, row pk) rows, best first."""
        scope, scope_id, audience = key
        network_id = self.membership.records[(scope, scope_id)].network_id
        limit = TWIN_CANDIDATES_SHOWN.get(scope, TWIN_PAIRS_SHOWN)
        about = self.rows.candidates
        candidates = [
            (score, pk, candidate_id, row_pk)
            for pk in visible
            for score, candidate_id, row_pk in self.rows.twins.get(pk, ())
            if sees(audience, network_id, *about[candidate_id][1:])
        ]
        # A pair of two initiatives of the scope is listed once (A-B, not also B-A), with
        # its better score: taken from a heap until `limit` different pairs are found.
        heapq.heapify(candidates)
        selected, pairs = [], set()
        while candidates and len(selected) < limit:
            row = heapq.heappop(candidates)
            pair = frozenset(row[1:3])
            if pair not in pairs:
                pairs.add(pair)
                selected.append(row)
        return selected

    def twin_candidates(self, key, visible):
        initiatives = self.membership.initiatives
        shown = []
        for _, initiative_id, candidate_id, row_pk in self.selected_twins(key, visible):
            candidate_title, reasons, score, municipalities = self.twin_details[row_pk]
            shown.append(
                {
                    "candidate": {"id": candidate_id, "municipalities": municipalities, "title": candidate_title},
                    "initiative": {"id": initiative_id, "title": initiatives[initiative_id][3]},
                    "reasons": reasons,
                    "score": score,
                }
            )
        return shown

    def new_collaborations(self, visible):
        """Pairs of organisations that work together for the first time in one of the
        initiatives: `count` those known to be new (its start is known and they share no
        earlier initiative, nor one without a date), `date_unknown` those whose first
        shared initiative it may be but whose dates do not tell; `recent` lists the known
        ones, most recent first, then the unknown ones (`since` None), with the initiative
        that joined them."""
        firsts = [(a, b, pk, start, known) for pk in visible for a, b, start, known in self.rows.firsts.get(pk, ())]
        firsts.sort(
            key=lambda row: (not row[4], -(row[3].toordinal() if row[3] and row[4] else 0), row[2], row[0], row[1])
        )
        titles = self.membership.initiatives
        known = sum(1 for row in firsts if row[4])
        return {
            "count": known,
            "date_unknown": len(firsts) - known,
            "recent": [
                {
                    "initiative": {"id": pk, "title": titles[pk][3]},
                    "organisations": [self.organisation(a), self.organisation(b)],
                    "since": start.isoformat() if start and is_known else None,
                }
                for a, b, pk, start, is_known in firsts[:NEW_COLLABORATIONS_SHOWN]
            ],
        }

    def partner_network(self, mission_id, visible):
        """A mission's partner network for a network picture and a table: the organisations
        taking part in its initiatives or that joined the mission (nodes, with sector), the
        number of initiatives each pair shares (edges), the initiatives with their partners
        (what the picture joins), and the sectors no one represents."""
        taking_part, edges = Counter(), Counter()
        initiatives = []
        for pk in visible:
            partners = sorted(self.rows.partners.get(pk, ()))
            taking_part.update(partners)
            edges.update((a, b) for i, a in enumerate(partners) for b in partners[i + 1 :])
            if partners:
                initiatives.append({"id": pk, "partners": partners, "title": self.membership.initiatives[pk][3]})
        joined = set(self.rows.joined.get(mission_id, ()))
        nodes = []
        for pk in sorted(taking_part.keys() | joined):
            name, sector, country, _ = self.organisations[pk]
            nodes.append(
                {
                    "country": country,
                    "id": pk,
                    "initiatives": taking_part.get(pk, 0),
                    "joined_mission": pk in joined,
                    "name": name,
                    "sector": sector,
                }
            )
        present = {node["sector"] for node in nodes}
        return {
            "edges": [{"shared_initiatives": n, "source": a, "target": b} for (a, b), n in sorted(edges.items())],
            "initiatives": initiatives,
            "missing_sectors": [sector for sector in sorted_values(Sector) if sector not in present],
            "nodes": nodes,
        }


def compute_summaries(keys, today=None):
    """{(scope, id, audience): figures} for the keys whose scope exists: each audience's
    summary of each scope, as that audience may see it, JSON-ready, with sorted keys and
    lists, the same for the same data. One batch: a fixed number of queries however many
    keys (about fifteen), and memory in proportion to the initiatives they gather."""
    return dict(iter_summaries(keys, today=today))


def iter_summaries(keys, today=None):
    """(key, figures) for the keys whose scope exists (see compute_summaries): the rows are
    read for the whole batch first, then each key's figures are put together as they are
    asked for, so a caller that stores or encodes each at once does not hold them all."""
    today = today or timezone.localdate()
    keys = sorted(
        {(_scope(scope), int(scope_id), SummaryAudience(audience).value) for scope, scope_id, audience in keys}
    )
    records = load_scopes({key[:2] for key in keys})
    keys = [key for key in keys if key[:2] in records]
    if not keys:
        return
    membership = ScopeInitiatives(records)
    visible = set()
    for key in keys:
        visible.update(membership.visible(key[:2], key[2]))
    missions = [scope_id for scope, scope_id, _ in keys if scope == SummaryScope.MISSION]
    rows = InitiativeRows(visible, today, missions)
    assembler = Assembler(membership, rows, {}, {}, recurring_terms_many(membership, keys))
    selected = {row[3] for key in keys for row in assembler.selected_twins(key, membership.visible(key[:2], key[2]))}
    details = {}
    candidates = set()
    for pk, candidate_id, candidate_title, reasons, score in TwinCandidate.objects.filter(
        pk__in=_ids(selected)
    ).values_list("pk", "candidate_id", "candidate__title", "reasons", "score"):
        details[pk] = (candidate_id, candidate_title, reasons, score)
        candidates.add(candidate_id)
    places = defaultdict(list)
    for initiative_id, name in (
        Initiative.municipalities.through.objects.filter(initiative__in=_ids(candidates))
        .order_by("organisation__name", "organisation_id")
        .values_list("initiative_id", "organisation__name")
    ):
        places[initiative_id].append(name)
    assembler.twin_details = {
        pk: (title, reasons, score, places[candidate_id])
        for pk, (candidate_id, title, reasons, score) in details.items()
    }
    wanted = set()
    for pk in visible:
        wanted.update(rows.municipalities.get(pk, ()))
        wanted.update(rows.partners.get(pk, ()))
        for a, b, *_ in rows.firsts.get(pk, ()):
            wanted.update((a, b))
    for joined in rows.joined.values():
        wanted.update(joined)
    assembler.organisations = {
        pk: rest
        for pk, *rest in Organisation.objects.filter(pk__in=_ids(wanted)).values_list(
            "pk", "name", "sector", "country", "municipality_code"
        )
    }
    for key in keys:
        yield key, assembler.metrics(key)
        assembler.terms.pop(key, None)


def compute_metrics(scope, scope_id, audience, today=None) -> dict:
    """The summary figures of a scope as the audience may see them (a batch of one: see
    compute_summaries). Raises UnsupportedScope for an unknown scope and LookupError when
    the scope no longer exists."""
    key = (_scope(scope), int(scope_id), SummaryAudience(audience).value)
    found = compute_summaries([key], today=today)
    if key not in found:
        raise LookupError(f"{scope} {scope_id} does not exist")
    return found[key]


# --- the inputs fingerprint ------------------------------------------------------------------------


def _stamp(value):
    return hashlib.sha256(json.dumps(value, separators=(",", ":"), default=str).encode()).hexdigest()


def initiative_stamps(initiative_ids, today):
    """{initiative id: digest} of everything the figures read about each initiative,
    whoever may see it: its own row, and per kind of record the count, pk sum, latest
    `updated` and the columns the figures group by (so a QuerySet.update, which does not
    touch `updated`, still tells), and the figures that depend on other records or on the
    date (funding cliff, first collaborations, twin candidates). A fixed number of queries
    for any number of initiatives."""
    ids = _ids(initiative_ids)
    within = _within(ids)
    # A running digest per initiative, fed its rows kind by kind in a fixed order: the
    # rows themselves are not kept.
    digests = defaultdict(lambda: hashlib.blake2b(digest_size=20))
    partners = defaultdict(set)
    stamp = {"n": Count("pk"), "pks": Sum("pk"), "latest": Max("updated")}

    def feed(initiative_id, row):
        digests[initiative_id].update(repr(row).encode())

    def add(kind, queryset, *fields, group=False, **aggregates):
        queryset = queryset.filter(initiative__in=within)
        if group:
            queryset = queryset.order_by().values("initiative_id", *fields).annotate(**aggregates)
            queryset = queryset.order_by("initiative_id", *fields).values_list(
                "initiative_id", *fields, *sorted(aggregates)
            )
        else:
            queryset = queryset.order_by("initiative_id", "pk").values_list("initiative_id", *fields)
        for initiative_id, *rest in queryset.iterator(chunk_size=5000):
            feed(initiative_id, (kind, *rest))
            if kind == "p":
                partners[initiative_id].add(rest[1])

    for row in (
        Initiative.objects.filter(pk__in=within)
        .order_by("pk")
        .values_list("pk", "network_id", "visibility", "phase", "updated")
    ):
        feed(row[0], ("i", *row[1:]))
    add("e", LearningEntry.objects, "visibility", "kind", "language", group=True, **stamp)
    add(
        "a",
        ValueAssessment.objects,
        "domain",
        group=True,
        scores=Sum("score"),
        first_period=Min("period_start"),
        last_period=Max("period_start"),
        **stamp,
    )
    add("p", Participation.objects, "pk", "organisation_id", "updated", "organisation__sector", "organisation__updated")
    add("m", Initiative.municipalities.through.objects, "pk", "organisation_id", "organisation__updated")
    add(
        "pe",
        PortfolioEntry.objects,
        "pk", "updated", "horizon", "portfolio_id", "portfolio__visibility", "portfolio__network_id",
    )  # fmt: skip
    add("d", ReviewDecision.objects, "decision", "review__status", group=True, **stamp)
    add("t", TwinCandidate.objects, "candidate_id", "rank", "score", "candidate__updated")
    for pk, ends in (
        funding_cliff(Initiative.objects.filter(pk__in=within), today)
        .order_by("pk")
        .values_list("pk", "pool_funding_ends")
    ):
        feed(pk, ("c", ends))
    # The first shared initiative of each pair of its partners, wherever that is.
    firsts = {(a, b): (pk, start, known) for a, b, pk, start, known in shared_firsts(ids)}
    for initiative_id in sorted(partners):
        organisations = sorted(partners[initiative_id])
        for i, a in enumerate(organisations):
            for b in organisations[i + 1 :]:
                if (a, b) in firsts:
                    feed(initiative_id, ("f", a, b, *firsts[(a, b)]))
    return {pk: digests[pk].hexdigest() for pk in ids}


def inputs_fingerprints(pairs, today=None):
    """{(scope, id, audience): fingerprint} for the (scope, id) pairs that exist: a sha256
    over what compute_summaries reads for the scope, for both audiences alike (a change
    anywhere in the scope counts): the scope record, the digest of each of its initiatives
    (initiative_stamps), a theme's missions and a mission's organisations. Unchanged
    inputs, unchanged fingerprint: the job then rewrites nothing."""
    today = today or timezone.localdate()
    records = load_scopes(pairs)
    if not records:
        return {}
    membership = ScopeInitiatives(records)
    members = {pair: membership.all(pair) for pair in records}
    stamps = initiative_stamps({pk for found in members.values() for pk in found}, today)
    joined = defaultdict(list)
    missions = [scope_id for scope, scope_id in records if scope == SummaryScope.MISSION]
    for mission_id, organisation_id, updated in MissionOrganisation.objects.filter(mission__in=missions).values_list(
        "mission_id", "organisation_id", "organisation__updated"
    ):
        joined[mission_id].append([organisation_id, updated])
    found = {}
    for pair, record in records.items():
        scope, scope_id = pair
        extra = []
        if scope == SummaryScope.THEME:
            extra = sorted([pk, *row[:3]] for pk, row in membership.missions.items() if row[3] == scope_id)
        elif scope == SummaryScope.MISSION:
            extra = sorted(joined.get(scope_id, ()))
        base = [METRICS_VERSION, scope, scope_id, record.network_id, record.visibility, record.updated, extra,
                [[pk, stamps[pk]] for pk in members[pair]]]  # fmt: skip
        for audience in sorted(SummaryAudience.values):
            found[(*pair, audience)] = _stamp([audience, base])
    return found


def inputs_fingerprint(scope, scope_id, audience, today=None) -> str:
    """The fingerprint of one scope's summary for an audience ("" when the scope does not
    exist): see inputs_fingerprints."""
    scope = _scope(scope)
    found = inputs_fingerprints([(scope, scope_id)], today=today)
    return found.get((scope, int(scope_id), SummaryAudience(audience).value), "")
