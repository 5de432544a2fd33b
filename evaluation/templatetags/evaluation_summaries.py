"""A scope's learning summary as a block of its page, in one line:

    {% load evaluation_summaries %}{% learning_summary "mission" object %}

Scopes: "initiative", "mission", "theme", "portfolio", "network". The block reads the
summary the viewer's audience may see (a network member reads the network's; anyone else
the public one), says when it was computed and whether a recomputation is queued or
running. `{% learning_summary "mission" object full=True %}` adds the value domains,
municipalities and the partner network (the mission summary page)."""

import math

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

    sector_names = dict(Sector.choices)
    context.update(
        {
            "initiative_count": metrics.get("initiatives", 0),
            "entry_count": metrics.get("learning_entries", 0),
            "entries_by_kind": [
                row for row in _labelled(metrics.get("learning_entries_by_kind", {}), LearningKind) if row["count"]
            ],
            "initiatives_by_phase": [
                row for row in _labelled(metrics.get("initiatives_by_phase", {}), Phase) if row["count"]
            ],
            "top_barriers": categories(metrics.get("top_barrier_categories", [])),
            "top_enablers": categories(metrics.get("top_enabler_categories", [])),
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
            "new_collaboration_count": metrics.get("new_collaborations", {}).get("count", 0),
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
        context["municipalities"] = metrics.get("initiatives_by_municipality", [])
        network = metrics.get("partner_network")
        if network:
            context["partner_network"] = partner_network_view(network, sector_names)
    return context


def partner_network_view(network, sector_names):
    """The partner network for a table and a simple circle drawing (inline SVG)."""

    nodes = network["nodes"]
    names = {node["id"]: node["name"] for node in nodes}
    slugs = dict(Organisation.objects.filter(pk__in=names).values_list("pk", "slug"))
    size, radius = 400, 150
    positions = {}
    for index, node in enumerate(nodes):
        angle = 2 * math.pi * index / max(len(nodes), 1) - math.pi / 2
        positions[node["id"]] = (
            round(size / 2 + radius * math.cos(angle), 1),
            round(size / 2 + radius * math.sin(angle), 1),
        )
    return {
        "nodes": [
            {
                **node,
                "sector_label": sector_names.get(node["sector"], node["sector"]),
                "url": reverse("partners:organisation_detail", kwargs={"slug": slugs[node["id"]]})
                if node["id"] in slugs
                else None,
                "x": positions[node["id"]][0],
                "y": positions[node["id"]][1],
                "label_y": round(positions[node["id"]][1] - 12, 1),
            }
            for node in nodes
        ],
        "edges": [
            {
                "source": names.get(edge["source"], edge["source"]),
                "target": names.get(edge["target"], edge["target"]),
                "shared": edge["shared_initiatives"],
                "x1": positions[edge["source"]][0],
                "y1": positions[edge["source"]][1],
                "x2": positions[edge["target"]][0],
                "y2": positions[edge["target"]][1],
                "width": min(1 + edge["shared_initiatives"], 6),
            }
            for edge in network["edges"]
            if edge["source"] in positions and edge["target"] in positions
        ],
        "missing_sectors": [sector_names.get(code, code) for code in network["missing_sectors"]],
        "size": size,
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
