"""The figures of a learning summary: what one audience may see of one scope, counted in
the database.

A summary counts what a reader of that audience would see on the site: the public
audience counts public records only; the network audience counts what a plain member of
the scope's owning network sees (public records, and network records of that network),
never drafts. Both reuse the visibility rules of core.querysets, so a summary cannot show
more than the pages do.

Portfolio scopes are not computed here: a portfolio's initiatives live in the portfolios
app, and evaluation may not import it (imports point portfolios -> evaluation's
neighbours, never evaluation -> portfolios)."""

import hashlib
import json
from dataclasses import dataclass

from django.db.models import Avg, Count, Max, Q, Sum

from core.audience import ANONYMOUS, Audience
from core.choices import Visibility
from initiatives.choices import Phase
from initiatives.models import Initiative, Mission, Participation, Theme
from partners.choices import Sector
from partners.models import Network

from .choices import BarrierCategory, LearningKind, SummaryAudience, SummaryScope, ValueDomain
from .models import LearningEntry, ValueAssessment

# Part of every fingerprint: a new version of the figures makes every stored summary stale.
METRICS_VERSION = 1
BARRIER_EXAMPLES = 3
SUPPORTED_SCOPES = (SummaryScope.INITIATIVE, SummaryScope.MISSION, SummaryScope.THEME, SummaryScope.NETWORK)
SCOPE_MODELS = {
    SummaryScope.INITIATIVE: Initiative,
    SummaryScope.MISSION: Mission,
    SummaryScope.THEME: Theme,
    SummaryScope.NETWORK: Network,
}


class UnsupportedScope(ValueError):
    """A scope this module does not compute (portfolio) or does not know."""


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


def barrier_categories(entries):
    """Barrier categories by the number of barrier entries naming them, most named first,
    each with its most recent example entries."""
    barriers = entries.filter(kind=LearningKind.BARRIER).order_by()
    conditions = {category: Q(categories__has_item=category) for category in BarrierCategory.values}
    counts = barriers.aggregate(**{category: Count("pk", filter=q) for category, q in conditions.items()})
    ranked = sorted(((n, category) for category, n in counts.items() if n), key=lambda item: (-item[0], item[1]))
    return [
        {
            "category": category,
            "entries": n,
            "examples": [
                {"id": row["pk"], "title": row["title"]}
                for row in barriers.filter(conditions[category])
                .order_by("-created", "-pk")
                .values("pk", "title")[:BARRIER_EXAMPLES]
            ],
        }
        for n, category in ranked
    ]


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


def compute_metrics(scope, scope_id, audience) -> dict:
    """The summary figures of a scope as the audience may see them: JSON-ready, with sorted
    keys and lists, the same for the same data. Raises UnsupportedScope for portfolios and
    LookupError when the scope no longer exists."""
    record = load_scope(scope, scope_id)
    if record is None:
        raise LookupError(f"{scope} {scope_id} does not exist")
    viewer = reader(audience, record.network_id)
    initiative_ids = visible_initiative_ids(record, viewer)
    initiatives = Initiative.objects.filter(pk__in=initiative_ids)
    entries = LearningEntry.objects.filter(initiative__in=initiative_ids).filter(
        LearningEntry.objects.visibility_q(viewer)
    )
    participations = Participation.objects.filter(initiative__in=initiative_ids)
    return {
        "initiatives": initiatives.count(),
        "initiatives_by_municipality": municipality_counts(initiative_ids),
        "initiatives_by_phase": counts_by(initiatives, "phase", Phase),
        "learning_entries": entries.count(),
        "learning_entries_by_kind": counts_by(entries, "kind", LearningKind),
        "organisations_by_sector": counts_by(participations, "organisation__sector", Sector, "organisation_id"),
        "top_barrier_categories": barrier_categories(entries),
        "value_domains": value_domain_averages(initiative_ids),
        "version": METRICS_VERSION,
    }


def _digest_rows(queryset, group_by, **aggregates):
    """A small, sorted table of aggregates: cheap to read, and it changes when rows come,
    go, or change in the grouped columns (also through QuerySet.update, which does not
    touch `updated`)."""
    queryset = queryset.order_by()
    rows = queryset.values(*group_by).annotate(**aggregates) if group_by else [queryset.aggregate(**aggregates)]
    return sorted([str(row[key]) for key in sorted(row)] for row in rows)


def inputs_fingerprint(scope, scope_id, audience) -> str:
    """A sha256 over what compute_metrics reads, for both audiences alike (a change anywhere
    in the scope counts): the scope record, and per kind of record its count, pk sum,
    latest `updated` and the columns the figures group by."""
    record = load_scope(scope, scope_id)
    if record is None:
        return ""
    initiatives = Initiative.objects.filter(pk__in=scope_initiatives(record).values("pk"))
    stamp = {"n": Count("pk"), "pks": Sum("pk"), "latest": Max("updated")}
    parts = {
        "version": METRICS_VERSION,
        "scope": [scope, scope_id, audience, record.network_id, record.visibility, str(record.updated)],
        "initiatives": _digest_rows(initiatives, ["network_id", "visibility", "phase"], **stamp),
        "entries": _digest_rows(
            LearningEntry.objects.filter(initiative__in=initiatives.values("pk")), ["visibility", "kind"], **stamp
        ),
        "assessments": _digest_rows(
            ValueAssessment.objects.filter(initiative__in=initiatives.values("pk")),
            ["domain"],
            scores=Sum("score"),
            **stamp,
        ),
        "participations": _digest_rows(
            Participation.objects.filter(initiative__in=initiatives.values("pk")),
            ["organisation__sector"],
            organisations_updated=Max("organisation__updated"),
            **stamp,
        ),
        "municipalities": _digest_rows(
            Initiative.municipalities.through.objects.filter(initiative__in=initiatives.values("pk")),
            [],
            n=Count("pk"),
            pks=Sum("pk"),
            organisations=Sum("organisation_id"),
            organisations_updated=Max("organisation__updated"),
        ),
    }
    if SummaryScope(scope) == SummaryScope.THEME:
        parts["missions"] = _digest_rows(Mission.objects.filter(theme=scope_id), ["visibility"], **stamp)
    encoded = json.dumps(parts, sort_keys=True, separators=(",", ":")).encode()
    return hashlib.sha256(encoded).hexdigest()
