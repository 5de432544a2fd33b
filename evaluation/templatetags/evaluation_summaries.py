"""A scope's learning summary as a block of its page, in one line:

    {% load evaluation_summaries %}{% learning_summary "mission" object %}

Scopes: "initiative", "mission", "theme", "portfolio", "network". The block reads the
summary the viewer's audience may see (a network member reads the network's; anyone else
the public one), says when it was computed and whether a recomputation is queued or
running. `{% learning_summary "mission" object full=True %}` adds the value domains,
municipalities and the partner network (the mission summary page)."""

import math
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from core.audience import get_audience
from core.permissions import can_change
from initiatives.choices import Phase
from initiatives.models import Initiative
from partners.choices import Sector
from partners.models import Organisation

from ..choices import BarrierCategory, LearningKind, SummaryAudience, SummaryScope, SummaryStatus, ValueDomain
from ..follows import is_following
from ..models import LearningEntry, LearningSummary
from ..network_graph import MAX_DRAWN_NODES, force_layout, svg_number
from ..queueing import summary_status
from ..runs import can_start_full_recomputation
from ..similarity import describe_reasons

register = template.Library()


def scope_network_id(scope, obj):
    return obj.pk if SummaryScope(scope) == SummaryScope.NETWORK else obj.network_id


def audience_for(user, network_id):
    """The summary a user reads: the network's for its members, the public one otherwise."""
    audience = get_audience(user)
    if audience.sees_everything or network_id in audience.network_ids:
        return SummaryAudience.NETWORK
    return SummaryAudience.PUBLIC


def _labelled(counts, choices):
    names = dict(choices.choices)
    return [{"code": code, "label": names.get(code, code), "count": n} for code, n in counts.items()]


# The filter that gathers a scope's records on the learning and initiative lists.
SCOPE_FILTERS = {
    SummaryScope.INITIATIVE: "initiative_id",
    SummaryScope.MISSION: "mission_id",
    SummaryScope.THEME: "theme_id",
    SummaryScope.PORTFOLIO: "portfolio_id",
    SummaryScope.NETWORK: "network_id",
}


class FigureLinks:
    """The lists that show the records a summary's figures count: the learning list and
    the initiative list filtered by the scope (and by the visibilities the audience's
    summary counts: never drafts), and by what the figure is about (a kind, a category, a
    phase, a municipality, an organisation). An initiative's initiatives are itself; a
    portfolio's are on its map."""

    def __init__(self, scope, obj, audience):
        self.scope, self.obj = SummaryScope(scope), obj
        self.visibilities = ["public"] if audience == SummaryAudience.PUBLIC else ["public", "network"]

    def _url(self, name, scope_filter, **extra):
        params = [(scope_filter, self.obj.pk), *(("visibility", v) for v in self.visibilities)]
        params += [(key, value) for key, value in extra.items() if value is not None]
        return f"{reverse(name)}?{urlencode(params)}"

    def learning(self, **extra):
        return self._url("evaluation:learning_list", SCOPE_FILTERS[self.scope], **extra)

    def initiatives(self, **extra):
        if self.scope == SummaryScope.INITIATIVE:
            return self.obj.get_absolute_url()
        if self.scope == SummaryScope.PORTFOLIO:
            return self.obj.get_absolute_url() + "#map-heading"
        return self._url("initiatives:initiative_list", SCOPE_FILTERS[self.scope], **extra)


def summary_context(user, scope, obj, full=False):
    audience = audience_for(user, scope_network_id(scope, obj))
    summary = LearningSummary.objects.visible_to(user).filter(scope=scope, scope_id=obj.pk, audience=audience).first()
    state = summary_status(scope, obj.pk, audience)
    context = {
        "scope": scope,
        "scope_object": obj,
        "full": full,
        "status": state["status"],
        "computed_at": state["computed_at"],
        "is_busy": state["status"] in (SummaryStatus.QUEUED, SummaryStatus.RUNNING),
        "failed": state["status"] == SummaryStatus.FAILED,
        "summary": summary,
    }
    if summary is None or not summary.metrics:
        return context
    metrics = summary.metrics
    initiative_ids, entry_ids = set(), set()
    for row in metrics.get("top_barrier_categories", []) + metrics.get("top_enabler_categories", []):
        entry_ids.update(example["id"] for example in row["examples"])
    for row in metrics.get("twin_candidates", []):
        initiative_ids.update((row["initiative"]["id"], row["candidate"]["id"]))
    initiative_ids.update(row["id"] for row in metrics.get("funding_cliff", []))
    initiative_ids.update(row["initiative"]["id"] for row in metrics.get("new_collaborations", {}).get("recent", []))
    # Links and `lang` of what the summary names, in two queries. A record the summary
    # names but the viewer cannot open (it was deleted since) is shown without a link.
    initiatives = {
        row["pk"]: row
        for row in Initiative.objects.visible_to(user).filter(pk__in=initiative_ids).values("pk", "slug", "language")
    }
    entries = {
        row["pk"]: row
        for row in LearningEntry.objects.visible_to(user).filter(pk__in=entry_ids).values("pk", "language")
    }

    def initiative_link(ref):
        found = initiatives.get(ref["id"])
        return {
            "title": ref["title"],
            "url": reverse("initiatives:initiative_detail", kwargs={"slug": found["slug"]}) if found else None,
            "language": found["language"] if found else "",
        }

    def categories(rows):
        names = dict(BarrierCategory.choices)
        return [
            {
                "label": names.get(row["category"], row["category"]),
                "entries": row["entries"],
                "examples": [
                    {
                        "title": example["title"],
                        "url": reverse("evaluation:learning_detail", kwargs={"pk": example["id"]})
                        if example["id"] in entries
                        else None,
                        "language": entries[example["id"]]["language"] if example["id"] in entries else "",
                    }
                    for example in row["examples"]
                ],
            }
            for row in rows
        ]

    links = FigureLinks(scope, obj, audience)

    def linked(rows, url):
        return [{**row, "url": url(row["code"])} for row in rows if row["count"]]

    def categories_linked(rows, kind):
        found = categories(rows)
        for row, source in zip(found, rows, strict=True):
            row["url"] = links.learning(kind=kind, category=source["category"])
        return found

    sector_names = dict(Sector.choices)
    collaborations = metrics.get("new_collaborations", {})
    context.update(
        {
            "initiative_count": metrics.get("initiatives", 0),
            "initiatives_url": links.initiatives(),
            "entry_count": metrics.get("learning_entries", 0),
            "entries_url": links.learning(),
            "entries_by_kind": linked(
                _labelled(metrics.get("learning_entries_by_kind", {}), LearningKind),
                lambda kind: links.learning(kind=kind),
            ),
            "initiatives_by_phase": linked(
                _labelled(metrics.get("initiatives_by_phase", {}), Phase),
                lambda phase: links.initiatives(phase=phase),
            ),
            "top_barriers": categories_linked(metrics.get("top_barrier_categories", []), LearningKind.BARRIER.value),
            "top_enablers": categories_linked(metrics.get("top_enabler_categories", []), LearningKind.ENABLER.value),
            "twins": [
                {
                    "initiative": initiative_link(row["initiative"]),
                    "candidate": initiative_link(row["candidate"]),
                    "municipalities": row["candidate"]["municipalities"],
                    "reasons": describe_reasons(row["reasons"], limit=3),
                }
                for row in metrics.get("twin_candidates", [])
            ],
            "funding_cliff": [
                {"initiative": initiative_link(row), "ends": row["pool_funding_ends"]}
                for row in metrics.get("funding_cliff", [])
            ],
            "new_collaboration_count": collaborations.get("count", 0),
            "new_collaboration_unknown": collaborations.get("date_unknown", 0),
            "new_collaborations": [
                {
                    "initiative": initiative_link(row["initiative"]),
                    "organisations": [org["name"] for org in row["organisations"]],
                    "since": row["since"],
                }
                for row in metrics.get("new_collaborations", {}).get("recent", [])
            ],
        }
    )
    if full:
        domain_names = dict(ValueDomain.choices)
        context["value_domains"] = [
            {"label": domain_names.get(code, code), **row} for code, row in metrics.get("value_domains", {}).items()
        ]
        context["municipalities"] = [
            {**row, "url": links.initiatives(municipality_id=row["id"])}
            for row in metrics.get("initiatives_by_municipality", [])
        ]
        network = metrics.get("partner_network")
        if network:
            context["partner_network"] = partner_network_view(network, sector_names)
            for node in context["partner_network"]["nodes"]:
                node["initiatives_url"] = links.initiatives(organisation_id=node["id"]) if node["initiatives"] else None
    return context


NETWORK_SIZE = 480
NETWORK_MARGIN = 72
NODE_RADIUS = 5
NODE_RADIUS_MAX = 18
INITIATIVE_HALF = 4


def node_radius(initiatives):
    """A node's radius by the number of initiatives it takes part in: its area grows with
    them, up to a maximum."""
    return min(NODE_RADIUS + 3 * math.sqrt(initiatives), NODE_RADIUS_MAX)


def partner_network_view(network, sector_names):
    """The partner network for a table and a drawing (inline SVG): organisations as
    circles sized by their initiatives, initiatives as squares, a line from each
    organisation to each initiative it takes part in, placed by a force-directed layout
    (evaluation.network_graph) so that those who work together stand together. Every
    number is written for SVG (a decimal point in every language). Figures computed before
    initiatives were part of them draw the organisations with a line per shared pair."""

    nodes = network["nodes"]
    names = {node["id"]: node["name"] for node in nodes}
    slugs = dict(Organisation.objects.filter(pk__in=names).values_list("pk", "slug"))
    initiatives = [row for row in network.get("initiatives", ()) if set(row["partners"]) <= names.keys()]
    size = NETWORK_SIZE
    if "initiatives" in network:
        links = [(f"o{org}", f"i{row['id']}", 1) for row in initiatives for org in row["partners"]]
    else:
        links = [(f"o{e['source']}", f"o{e['target']}", e["shared_initiatives"]) for e in network["edges"]]
    keys = [f"o{pk}" for pk in names] + [f"i{row['id']}" for row in initiatives]
    drawn = len(keys) <= MAX_DRAWN_NODES
    if not drawn:
        initiatives, links = [], []
    positions = force_layout(keys if drawn else [], links, size, NETWORK_MARGIN)
    positions = positions or {key: (0.0, 0.0) for key in keys}
    radius = {node["id"]: node_radius(node["initiatives"]) for node in nodes}

    def at(key):
        x, y = positions[key]
        return svg_number(x), svg_number(y)

    return {
        "nodes": [
            {
                **node,
                "sector_label": sector_names.get(node["sector"], node["sector"]),
                "url": reverse("partners:organisation_detail", kwargs={"slug": slugs[node["id"]]})
                if node["id"] in slugs
                else None,
                "x": at(f"o{node['id']}")[0],
                "y": at(f"o{node['id']}")[1],
                "r": svg_number(radius[node["id"]]),
                "label_y": svg_number(positions[f"o{node['id']}"][1] + radius[node["id"]] + 12),
            }
            for node in nodes
        ],
        "initiatives": [
            {
                "title": row["title"],
                "x": svg_number(positions[f"i{row['id']}"][0] - INITIATIVE_HALF),
                "y": svg_number(positions[f"i{row['id']}"][1] - INITIATIVE_HALF),
                "side": svg_number(2 * INITIATIVE_HALF),
            }
            for row in initiatives
        ],
        "lines": [
            {"x1": at(a)[0], "y1": at(a)[1], "x2": at(b)[0], "y2": at(b)[1], "width": svg_number(min(weight, 6))}
            for a, b, weight in links
        ],
        "edges": [
            {
                "source": names.get(edge["source"], edge["source"]),
                "target": names.get(edge["target"], edge["target"]),
                "shared": edge["shared_initiatives"],
            }
            for edge in network["edges"]
        ],
        "missing_sectors": [sector_names.get(code, code) for code in network["missing_sectors"]],
        "size": svg_number(size),
        "drawn": drawn,
    }


@register.inclusion_tag("evaluation/summary_block.html", takes_context=True)
def learning_summary(context, scope, obj, full=False):
    request = context.get("request")
    user = getattr(request, "user", None) or context.get("user")
    return summary_context(user, scope, obj, full=full)


@register.inclusion_tag("evaluation/follow_button.html", takes_context=True)
def follow_button(context, obj):
    """A Follow / Stop following button (POST) for a mission or an initiative; nothing
    for anonymous users.

        {% load evaluation_summaries %}{% follow_button object %}"""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    kind = "mission" if obj._meta.model_name == "mission" else "initiative"
    following = is_following(user, obj)
    return {
        "show": True,
        "following": following,
        "url": reverse(
            "evaluation:unfollow" if following else "evaluation:follow", kwargs={"kind": kind, "slug": obj.slug}
        ),
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("evaluation/initiative_learning.html", takes_context=True)
def initiative_learning(context, initiative, limit=5):
    """An initiative's latest learning the viewer may see, with a link to log more for
    those who may change the initiative.

        {% load evaluation_summaries %}{% initiative_learning object %}"""
    request = context.get("request")
    user = getattr(request, "user", None)
    entries = list(
        LearningEntry.objects.visible_to(user).filter(initiative=initiative).order_by("-created", "-pk")[:limit]
    )
    can_add = can_change(user, initiative)
    return {
        "entries": entries,
        "add_url": reverse("evaluation:learning_add", kwargs={"initiative_slug": initiative.slug}) if can_add else None,
        "list_url": reverse("evaluation:learning_list") + f"?initiative_id={initiative.pk}",
    }


@register.inclusion_tag("evaluation/recompute_link.html", takes_context=True)
def recompute_link(context, network):
    """A link to start a full recomputation, for the network's administrators only.

    {% load evaluation_summaries %}{% recompute_link object %}"""
    request = context.get("request")
    user = getattr(request, "user", None)
    allowed = bool(user is not None and user.is_authenticated and can_start_full_recomputation(user, network))
    return {"url": reverse("evaluation:network_recompute", kwargs={"slug": network.slug}) if allowed else None}
