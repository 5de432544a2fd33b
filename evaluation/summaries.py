"""The figures of a learning summary: what one audience may see of one scope, counted in
the database.

A summary counts what a reader of that audience would see on the site: the public
audience counts public records only; the network audience counts what a plain member of
the scope's owning network sees (public records, and network records of that network),
never drafts. Both reuse the visibility rules of core.querysets, so a summary cannot show
more than the pages do.

Scopes: initiative, mission, theme, portfolio and network. Everything is counted with
set-based SQL in a number of queries that does not grow with the data; where PostgreSQL
has something SQLite lacks (text-search statistics), SQLite gets a simpler fallback.
"""

import hashlib
import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connections
from django.db.models import Avg, Case, Count, IntegerField, Max, Min, Q, Sum, Value, When
from django.db.models.functions import ExtractYear
from django.utils import timezone

from core.audience import ANONYMOUS, Audience
from core.choices import Visibility
from initiatives.choices import Phase
from initiatives.models import Initiative, Mission, MissionOrganisation, Participation, Theme
from partners.choices import Sector
from partners.models import Network, Organisation
from portfolios.choices import Horizon
from portfolios.models import Portfolio, PortfolioEntry, ReviewDecision

from . import similarity
from .choices import BarrierCategory, LearningKind, SummaryAudience, SummaryScope, ValueDomain
from .models import LearningEntry, TwinCandidate, ValueAssessment
from .search import SEARCH_CONFIGS

# Part of every fingerprint: a new version of the figures makes every stored summary stale.
METRICS_VERSION = 2
BARRIER_EXAMPLES = 3
RECURRING_TERMS = 10
# Surface words of the recurring stems are looked up among this many recent entries.
TERM_SAMPLE = 500
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


def load_scope(scope, scope_id):
    """The scope's record, or None when it no longer exists."""
    model = scope_model(scope)
    if model is Network:
        row = model.objects.filter(pk=scope_id).values("pk", "updated").first()
        # A network is public by nature: its directory entry is for everyone.
        return row and ScopeRecord(scope, scope_id, row["pk"], Visibility.PUBLIC, row["updated"])
    row = model.objects.filter(pk=scope_id).values("network_id", "visibility", "updated").first()
    return row and ScopeRecord(scope, scope_id, row["network_id"], row["visibility"], row["updated"])


def reader(audience, network_id) -> Audience:
    """The reader whose view an audience's summary counts."""
    if SummaryAudience(audience) == SummaryAudience.PUBLIC:
        return ANONYMOUS
    return Audience(network_ids=frozenset({network_id}))


def scope_visible_to(record, audience):
    """Whether the audience may see the scope itself: a summary of a draft mission would
    tell the public that it exists and what it gathers."""
    if record.visibility == Visibility.PUBLIC:
        return True
    return record.visibility == Visibility.NETWORK and SummaryAudience(audience) == SummaryAudience.NETWORK


def scope_initiatives(record, viewer=None):
    """The initiatives a scope gathers. With a viewer, a theme gathers only through the
    missions that viewer may see."""
    scope = SummaryScope(record.scope)
    if scope == SummaryScope.INITIATIVE:
        return Initiative.objects.filter(pk=record.scope_id)
    if scope == SummaryScope.MISSION:
        return Initiative.objects.filter(missions=record.scope_id)
    if scope == SummaryScope.THEME:
        missions = Mission.objects.filter(theme=record.scope_id)
        if viewer is not None:
            missions = missions.filter(Mission.objects.visibility_q(viewer))
        return Initiative.objects.filter(missions__in=missions.values("pk"))
    if scope == SummaryScope.PORTFOLIO:
        return Initiative.objects.filter(portfolio_entries__portfolio=record.scope_id)
    return Initiative.objects.filter(network=record.scope_id)


def visible_initiative_ids(record, viewer):
    """A subquery of the pks of the scope's initiatives the viewer sees, without the
    duplicates a theme's many missions would bring."""
    return (
        Initiative.objects.filter(pk__in=scope_initiatives(record, viewer).values("pk"))
        .filter(Initiative.objects.visibility_q(viewer))
        .values("pk")
    )


def counts_by(queryset, field, choices, distinct_field="pk"):
    """{choice: count} with every choice present, so the shape does not depend on data."""
    counted = {
        row[field]: row["n"]
        for row in queryset.order_by().values(field).annotate(n=Count(distinct_field, distinct=True))
    }
    return {value: counted.get(value, 0) for value in sorted(choices.values)}


def learning_categories(entries, kind):
    """Barrier (or enabler) categories by the number of entries of that kind naming them,
    most named first, each with its most recent example entries: one aggregate query, and
    one small query per category named (at most seven)."""
    of_kind = entries.filter(kind=kind).order_by()
    conditions = {category: Q(categories__has_item=category) for category in BarrierCategory.values}
    counts = of_kind.aggregate(**{category: Count("pk", filter=q) for category, q in conditions.items()})
    ranked = sorted(((n, category) for category, n in counts.items() if n), key=lambda item: (-item[0], item[1]))
    return [
        {
            "category": category,
            "entries": n,
            "examples": [
                {"id": row["pk"], "title": row["title"]}
                for row in of_kind.filter(conditions[category])
                .order_by("-created", "-pk")
                .values("pk", "title")[:BARRIER_EXAMPLES]
            ],
        }
        for n, category in ranked
    ]


def barrier_categories(entries):
    return learning_categories(entries, LearningKind.BARRIER)


def value_domain_averages(initiative_ids):
    rows = (
        ValueAssessment.objects.filter(initiative__in=initiative_ids)
        .order_by()
        .values("domain")
        .annotate(average=Avg("score"), n=Count("pk"))
    )
    found = {row["domain"]: row for row in rows}
    return {
        domain: {
            "assessments": found[domain]["n"] if domain in found else 0,
            "average": round(float(found[domain]["average"]), 2) if domain in found else None,
        }
        for domain in sorted(ValueDomain.values)
    }


def value_domain_trend(initiative_ids, period=TREND_PERIOD):
    """Per value domain, the average score per period of the assessed period's start
    (half-year by default: "2025-H1"), oldest first; every domain present."""
    letter, months = TREND_PERIODS[period]
    part = Case(
        *(When(period_start__month__lte=months * n, then=Value(n)) for n in range(1, 12 // months)),
        default=Value(12 // months),
        output_field=IntegerField(),
    )
    rows = (
        ValueAssessment.objects.filter(initiative__in=initiative_ids)
        .order_by()
        .annotate(year=ExtractYear("period_start"), part=part)
        .values("domain", "year", "part")
        .annotate(average=Avg("score"), n=Count("pk"))
    )
    trend = {domain: [] for domain in sorted(ValueDomain.values)}
    for row in sorted(rows, key=lambda row: (row["domain"], row["year"], row["part"])):
        trend[row["domain"]].append(
            {
                "period": f"{row['year']}-{letter}{row['part']}",
                "assessments": row["n"],
                "average": round(float(row["average"]), 2),
            }
        )
    return trend


def municipality_counts(initiative_ids):
    """Initiatives per municipality they take place in, most first. Listed by id as well as
    name: two countries can have municipalities of the same name."""
    links = Initiative.municipalities.through.objects.filter(initiative__in=initiative_ids)
    rows = (
        links.order_by()
        .values("organisation_id", "organisation__name", "organisation__municipality_code")
        .annotate(n=Count("initiative_id", distinct=True))
    )
    listed = [
        {
            "code": row["organisation__municipality_code"],
            "id": row["organisation_id"],
            "initiatives": row["n"],
            "name": row["organisation__name"],
        }
        for row in rows
    ]
    return sorted(listed, key=lambda item: (-item["initiatives"], item["name"], item["id"]))


def horizon_counts(record, viewer, initiative_ids):
    """Initiatives per horizon. A portfolio counts its own entries; another scope counts
    its initiatives' entries in the portfolios the audience may see (an initiative on two
    horizons in two portfolios counts on both)."""
    entries = PortfolioEntry.objects.filter(initiative__in=initiative_ids)
    if SummaryScope(record.scope) == SummaryScope.PORTFOLIO:
        entries = entries.filter(portfolio=record.scope_id)
    else:
        entries = entries.filter(portfolio__in=Portfolio.objects.filter(Portfolio.objects.visibility_q(viewer)).values("pk"))
    return counts_by(entries, "horizon", Horizon, "initiative_id")


# --- recurring terms --------------------------------------------------------------------


def recurring_terms(entries):
    """The most recurring terms of the learning text, per content language: {language:
    [{"term", "stem", "entries"}]}, most entries first; only terms in two entries or more."""
    connection = connections[entries.db]
    if connection.vendor == "postgresql":
        found = {code: _recurring_terms_postgresql(entries.filter(language=code), config, connection)
                 for code, config in sorted(SEARCH_CONFIGS.items())}
    else:
        found = _recurring_terms_fallback(entries)
    return {code: found.get(code, []) for code in sorted(SEARCH_CONFIGS)}


def _inline_sql(queryset, connection):
    sql, params = queryset.query.sql_with_params()
    return connection.ops.compose_sql(sql, params)


def _recurring_terms_postgresql(entries, config, connection):
    """ts_stat over the stored vectors ranks the stems; the most frequent surface word of
    each stem among recent entries names it ("kommun" is shown as "kommunerne")."""
    entries = entries.order_by()
    vectors = _inline_sql(entries.values("search_vector"), connection)
    recent = _inline_sql(entries.order_by("-created", "-pk").values("pk")[:TERM_SAMPLE], connection)
    table = connection.ops.quote_name(LearningEntry._meta.db_table)
    text = " || ' ' || ".join(
        f"COALESCE({connection.ops.quote_name(name)}, '')"
        for name in ("title", "what_we_did", "what_we_learned", "where_we_are_heading")
    )
    words = f"SELECT to_tsvector('simple', {text}) FROM {table} WHERE id IN ({recent})"
    sql = """
        WITH stems AS (
            SELECT word, ndoc, nentry FROM ts_stat(%s)
            WHERE ndoc >= 2 AND length(word) >= 3 AND word !~ '[0-9]'
            ORDER BY ndoc DESC, nentry DESC, word LIMIT %s
        ), words AS (
            SELECT word, nentry, strip(to_tsvector(%s::regconfig, word)) AS lexemes FROM ts_stat(%s)
        )
        SELECT s.word, s.ndoc,
               (SELECT w.word FROM words w WHERE w.lexemes = array_to_tsvector(ARRAY[s.word])
                ORDER BY w.nentry DESC, w.word LIMIT 1)
        FROM stems s ORDER BY s.ndoc DESC, s.nentry DESC, s.word
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, [vectors, RECURRING_TERMS, config, words])
        rows = cursor.fetchall()
    return [{"entries": ndoc, "stem": stem, "term": word or stem} for stem, ndoc, word in rows]


def _recurring_terms_fallback(entries):
    """Without text search: the same idea in Python over the most recent entries of each
    language, with the Snowball stemmers of evaluation.similarity."""
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
        for (stem, word), n in sorted(surfaces.items(), key=lambda item: (-item[1], item[0][1])):
            best_word.setdefault(stem, word)
        ranked = sorted(((n, stem) for stem, n in documents.items() if n >= 2), key=lambda item: (-item[0], item[1]))
        found[code] = [
            {"entries": n, "stem": stem, "term": best_word[stem]} for n, stem in ranked[:RECURRING_TERMS]
        ]
    return found


# --- initiatives at a funding cliff, twins, collaborations ---------------------------------


def funding_cliff_list(initiative_ids, today):
    from .services import funding_cliff

    rows = (
        funding_cliff(Initiative.objects.filter(pk__in=initiative_ids), today)
        .order_by("pool_funding_ends", "pk")
        .values("pk", "title", "pool_funding_ends")
    )
    return [{"id": row["pk"], "pool_funding_ends": row["pool_funding_ends"].isoformat(), "title": row["title"]}
            for row in rows]


def twin_candidates(record, viewer, initiative_ids):
    """The strongest twin candidates of the scope's initiatives among initiatives the
    audience may see (stored by the nightly similarity job), with their reasons."""
    visible = Initiative.objects.filter(Initiative.objects.visibility_q(viewer)).values("pk")
    limit = TWIN_CANDIDATES_SHOWN.get(record.scope, TWIN_PAIRS_SHOWN)
    rows = list(
        TwinCandidate.objects.filter(initiative__in=initiative_ids, candidate__in=visible)
        .order_by("-score", "initiative_id", "candidate_id")
        .values("initiative_id", "initiative__title", "candidate_id", "candidate__title", "score", "reasons")[:limit]
    )
    names = defaultdict(list)
    links = Initiative.municipalities.through.objects.filter(initiative__in=[row["candidate_id"] for row in rows])
    for initiative_id, name in links.order_by("organisation__name").values_list("initiative_id", "organisation__name"):
        names[initiative_id].append(name)
    return [
        {
            "candidate": {
                "id": row["candidate_id"],
                "municipalities": names[row["candidate_id"]],
                "title": row["candidate__title"],
            },
            "initiative": {"id": row["initiative_id"], "title": row["initiative__title"]},
            "reasons": row["reasons"],
            "score": row["score"],
        }
        for row in rows
    ]


def _first_shared_initiatives(pair_source_sql, pair_source_params, connection):
    """(organisation a, organisation b, initiative, start) for every pair of organisations
    that take part together in an initiative of the pair source (a subquery of initiative
    pks), with the first initiative they ever shared, by start date (then pk; an
    initiative without a start date comes last). Over all initiatives: that two
    organisations worked together before is a fact about them, whoever may see where."""
    participation = connection.ops.quote_name(Participation._meta.db_table)
    initiative = connection.ops.quote_name(Initiative._meta.db_table)
    sql = f"""
        WITH scope_pairs AS (
            SELECT DISTINCT a.organisation_id AS org_a, b.organisation_id AS org_b
            FROM {participation} a
            JOIN {participation} b ON b.initiative_id = a.initiative_id AND a.organisation_id < b.organisation_id
            WHERE a.initiative_id IN ({pair_source_sql})
        ), shared AS (
            SELECT p.org_a, p.org_b, i.id AS initiative_id, i.start_date,
                   ROW_NUMBER() OVER (
                       PARTITION BY p.org_a, p.org_b
                       ORDER BY (CASE WHEN i.start_date IS NULL THEN 1 ELSE 0 END), i.start_date, i.id
                   ) AS position
            FROM scope_pairs p
            JOIN {participation} a ON a.organisation_id = p.org_a
            JOIN {participation} b ON b.organisation_id = p.org_b AND b.initiative_id = a.initiative_id
            JOIN {initiative} i ON i.id = a.initiative_id
        )
        SELECT org_a, org_b, initiative_id, start_date FROM shared WHERE position = 1
        ORDER BY org_a, org_b
    """
    with connection.cursor() as cursor:
        cursor.execute(sql, pair_source_params)
        return cursor.fetchall()


def new_collaborations(initiative_ids):
    """Pairs of organisations that work together for the first time in one of the
    initiatives (no earlier shared initiative by start date): their count, and the most
    recent ones with the initiative that joined them."""
    connection = connections[Initiative.objects.db]
    sql, params = Initiative.objects.filter(pk__in=initiative_ids).values("pk").query.sql_with_params()
    visible = set(Initiative.objects.filter(pk__in=initiative_ids).values_list("pk", flat=True))
    firsts = [row for row in _first_shared_initiatives(sql, params, connection) if row[2] in visible]
    firsts.sort(key=lambda row: (row[3] is None, -(row[3].toordinal() if row[3] else 0), row[2], row[0], row[1]))
    shown = firsts[:NEW_COLLABORATIONS_SHOWN]
    organisations = {
        row["pk"]: row
        for row in Organisation.objects.filter(pk__in={pk for row in shown for pk in row[:2]}).values(
            "pk", "name", "sector"
        )
    }
    titles = dict(Initiative.objects.filter(pk__in={row[2] for row in shown}).values_list("pk", "title"))

    def organisation(pk):
        row = organisations[pk]
        return {"id": pk, "name": row["name"], "sector": row["sector"]}

    return {
        "count": len(firsts),
        "recent": [
            {
                "initiative": {"id": initiative_id, "title": titles[initiative_id]},
                "organisations": [organisation(a), organisation(b)],
                "since": start.isoformat() if start else None,
            }
            for a, b, initiative_id, start in shown
        ],
    }


def partner_network(record, initiative_ids):
    """A mission's partner network for a network picture and a table: the organisations
    taking part in its initiatives or that joined the mission (nodes, with sector), the
    number of initiatives each pair shares (edges), and the sectors no one represents."""
    participations = Participation.objects.filter(initiative__in=initiative_ids).order_by()
    taking_part = {
        row["organisation_id"]: row
        for row in participations.values(
            "organisation_id", "organisation__name", "organisation__sector", "organisation__country"
        ).annotate(initiatives=Count("initiative_id", distinct=True))
    }
    joined = {
        row["organisation_id"]: row
        for row in MissionOrganisation.objects.filter(mission=record.scope_id).values(
            "organisation_id", "organisation__name", "organisation__sector", "organisation__country"
        )
    }
    nodes = []
    for pk in sorted(taking_part.keys() | joined.keys()):
        row = taking_part.get(pk) or joined[pk]
        nodes.append(
            {
                "country": row["organisation__country"],
                "id": pk,
                "initiatives": taking_part[pk]["initiatives"] if pk in taking_part else 0,
                "joined_mission": pk in joined,
                "name": row["organisation__name"],
                "sector": row["organisation__sector"],
            }
        )
    connection = connections[Participation.objects.db]
    table = connection.ops.quote_name(Participation._meta.db_table)
    sql, params = Initiative.objects.filter(pk__in=initiative_ids).values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(
            f"""SELECT a.organisation_id, b.organisation_id, COUNT(DISTINCT a.initiative_id)
                FROM {table} a JOIN {table} b
                  ON b.initiative_id = a.initiative_id AND a.organisation_id < b.organisation_id
                WHERE a.initiative_id IN ({sql})
                GROUP BY a.organisation_id, b.organisation_id
                ORDER BY a.organisation_id, b.organisation_id""",
            params,
        )
        edges = [{"shared_initiatives": n, "source": a, "target": b} for a, b, n in cursor.fetchall()]
    present = {node["sector"] for node in nodes}
    return {
        "edges": edges,
        "missing_sectors": [sector for sector in sorted(Sector.values) if sector not in present],
        "nodes": nodes,
    }


# --- the summary --------------------------------------------------------------------------


def compute_metrics(scope, scope_id, audience, today=None) -> dict:
    """The summary figures of a scope as the audience may see them: JSON-ready, with sorted
    keys and lists, the same for the same data. Raises UnsupportedScope for an unknown
    scope and LookupError when the scope no longer exists."""
    record = load_scope(scope, scope_id)
    if record is None:
        raise LookupError(f"{scope} {scope_id} does not exist")
    today = today or timezone.localdate()
    viewer = reader(audience, record.network_id)
    initiative_ids = visible_initiative_ids(record, viewer)
    initiatives = Initiative.objects.filter(pk__in=initiative_ids)
    entries = LearningEntry.objects.filter(initiative__in=initiative_ids).filter(
        LearningEntry.objects.visibility_q(viewer)
    )
    participations = Participation.objects.filter(initiative__in=initiative_ids)
    metrics = {
        "funding_cliff": funding_cliff_list(initiative_ids, today),
        "initiatives": initiatives.count(),
        "initiatives_by_horizon": horizon_counts(record, viewer, initiative_ids),
        "initiatives_by_municipality": municipality_counts(initiative_ids),
        "initiatives_by_phase": counts_by(initiatives, "phase", Phase),
        "learning_entries": entries.count(),
        "learning_entries_by_kind": counts_by(entries, "kind", LearningKind),
        "new_collaborations": new_collaborations(initiative_ids),
        "organisations_by_sector": counts_by(participations, "organisation__sector", Sector, "organisation_id"),
        "recurring_terms": recurring_terms(entries),
        "top_barrier_categories": learning_categories(entries, LearningKind.BARRIER),
        "top_enabler_categories": learning_categories(entries, LearningKind.ENABLER),
        "twin_candidates": twin_candidates(record, viewer, initiative_ids),
        "value_domain_trend": value_domain_trend(initiative_ids),
        "value_domains": value_domain_averages(initiative_ids),
        "version": METRICS_VERSION,
    }
    if SummaryScope(scope) == SummaryScope.MISSION:
        metrics["partner_network"] = partner_network(record, initiative_ids)
    return dict(sorted(metrics.items()))


def _digest_rows(queryset, group_by, **aggregates):
    """A small, sorted table of aggregates: cheap to read, and it changes when rows come,
    go, or change in the grouped columns (also through QuerySet.update, which does not
    touch `updated`)."""
    queryset = queryset.order_by()
    rows = queryset.values(*group_by).annotate(**aggregates) if group_by else [queryset.aggregate(**aggregates)]
    return sorted([str(row[key]) for key in sorted(row)] for row in rows)


def inputs_fingerprint(scope, scope_id, audience, today=None) -> str:
    """A sha256 over what compute_metrics reads, for both audiences alike (a change anywhere
    in the scope counts): the scope record, per kind of record its count, pk sum, latest
    `updated` and the columns the figures group by; and, for the figures that depend on
    records outside the scope or on the date (funding cliff, first collaborations), those
    figures' own answer."""
    record = load_scope(scope, scope_id)
    if record is None:
        return ""
    today = today or timezone.localdate()
    initiatives = Initiative.objects.filter(pk__in=scope_initiatives(record).values("pk"))
    ids = initiatives.values("pk")
    stamp = {"n": Count("pk"), "pks": Sum("pk"), "latest": Max("updated")}
    connection = connections[Initiative.objects.db]
    pair_sql, pair_params = ids.query.sql_with_params()
    parts = {
        "version": METRICS_VERSION,
        "scope": [scope, scope_id, audience, record.network_id, record.visibility, str(record.updated)],
        "initiatives": _digest_rows(initiatives, ["network_id", "visibility", "phase"], **stamp),
        "entries": _digest_rows(
            LearningEntry.objects.filter(initiative__in=ids), ["visibility", "kind", "language"], **stamp
        ),
        "assessments": _digest_rows(
            ValueAssessment.objects.filter(initiative__in=ids),
            ["domain"],
            scores=Sum("score"),
            first_period=Min("period_start"),
            last_period=Max("period_start"),
            **stamp,
        ),
        "participations": _digest_rows(
            Participation.objects.filter(initiative__in=ids),
            ["organisation__sector"],
            organisations_updated=Max("organisation__updated"),
            organisations=Sum("organisation_id"),
            **stamp,
        ),
        "municipalities": _digest_rows(
            Initiative.municipalities.through.objects.filter(initiative__in=ids),
            [],
            n=Count("pk"),
            pks=Sum("pk"),
            organisations=Sum("organisation_id"),
            organisations_updated=Max("organisation__updated"),
        ),
        "portfolio_entries": _digest_rows(
            PortfolioEntry.objects.filter(initiative__in=ids),
            ["horizon", "portfolio__visibility"],
            portfolios=Sum("portfolio_id"),
            **stamp,
        ),
        "decisions": _digest_rows(
            ReviewDecision.objects.filter(initiative__in=ids), ["decision", "review__status"], **stamp
        ),
        "twins": _digest_rows(
            TwinCandidate.objects.filter(initiative__in=ids),
            [],
            n=Count("pk"),
            candidates=Sum("candidate_id"),
            ranked=Sum("rank"),
            scores=Sum("score"),
        ),
        "funding_cliff": funding_cliff_list(ids, today),
        "first_collaborations": [list(map(str, row)) for row in _first_shared_initiatives(pair_sql, pair_params, connection)],
    }
    if SummaryScope(scope) == SummaryScope.THEME:
        parts["missions"] = _digest_rows(Mission.objects.filter(theme=scope_id), ["visibility"], **stamp)
    if SummaryScope(scope) == SummaryScope.MISSION:
        parts["mission_organisations"] = _digest_rows(
            MissionOrganisation.objects.filter(mission=scope_id),
            [],
            n=Count("pk"),
            organisations=Sum("organisation_id"),
            organisations_updated=Max("organisation__updated"),
        )
    encoded = json.dumps(parts, sort_keys=True, separators=(",", ":"), default=str).encode()
    return hashlib.sha256(encoded).hexdigest()
