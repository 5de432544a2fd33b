"""What the portfolio pages, exports and API show, computed once: the horizon x category
map with its balance figures and warnings, a review's sheet, the shift across closed
reviews, and the notes board.

Every function is for one user: entries whose initiative the user cannot see are left out
(a draft twin, another coordinator's draft), and so is everything derived from them. The
caller has already checked that the user may see the portfolio (or review) itself. Each
function runs a fixed number of queries whatever the portfolio's size, and returns plain
data (str, int, float, None, lists and dicts) that json_script, CSV and the API can take
as it is."""

from collections import Counter

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from initiatives.choices import Phase
from initiatives.models import Initiative, Participation
from partners.choices import Sector

from .choices import Decision, Horizon, Layer, NoteKind, Relation, ReviewStatus
from .models import ReviewDecision

# Relations that put an initiative in a category's column on the map.
COUNTED_RELATIONS = (Relation.SOME, Relation.STRONG)
NO_CATEGORY = "none"
COMPOSTED_NODE = "composted"


def _share(count, total):
    return round(count / total, 4) if total else 0.0


def _horizon_short_label(horizon):
    return horizon.upper()  # "H1": the same in Danish, Swedish and English


def _initiative_item(entry, relation=None):
    initiative = entry.initiative
    return {
        "id": initiative.pk,
        "title": initiative.title,
        "url": initiative.get_absolute_url(),
        "phase": initiative.phase,
        "phase_label": str(initiative.get_phase_display()),
        "visibility": initiative.visibility,
        "entry_id": entry.pk,
        "layer": entry.layer,
        "layer_label": str(entry.get_layer_display()) if entry.layer else "",
        "relation": relation,
    }


def visible_entries(portfolio, user):
    """The portfolio's entries whose initiative the user can see, with the initiative and
    the category relations loaded (two queries)."""
    return list(
        portfolio.entries.filter(initiative__in=Initiative.objects.visible_to(user).values("pk"))
        .select_related("initiative")
        .prefetch_related("relations")
        .order_by("initiative__title", "pk")
    )


def portfolio_map(portfolio, user):
    """The horizon x category matrix, balance figures and warnings.

    A cell counts the entries on the row's horizon with a some or strong relation to the
    column's category; an entry related to several categories is in several cells. The
    last column ("no category") holds the entries with no such relation at all, so every
    live entry appears on its horizon's row at least once. A composted initiative has left
    the live horizons: it is in none of the rows, totals, balance figures or warnings, but
    in the compost row of its own (as the learning summaries count it).

    Returns {"total", "columns", "rows", "balance", "warnings", "chart"}:
    - columns: [{"key", "id", "code", "name", "count", "strong"}] (categories, then no category)
    - rows: [{"horizon", "label", "short_label", "count", "share", "cells": [{"key", "count",
      "strong", "initiatives": [item]}]}], one cell per column, in column order
    - balance: {"horizons", "phases", "sectors"}: [{"value", "label", "count", "share"}]
    - warnings: [{"code": "no_h3" | "empty_category", "message", "category_id"?}]
    - chart: {"labels": column names, "datasets": [{"horizon", "label", "data": counts}]}
    - composted: {"label", "count", "initiatives": [item]}: the compost row"""
    categories = list(portfolio.categories.order_by("position", "name", "pk"))
    everything = visible_entries(portfolio, user)
    entries = [entry for entry in everything if entry.initiative.phase != Phase.COMPOSTED]
    composted = [_initiative_item(entry) for entry in everything if entry.initiative.phase == Phase.COMPOSTED]
    total = len(entries)

    columns = [
        {"key": str(category.pk), "id": category.pk, "code": category.code, "name": category.name}
        for category in categories
    ]
    columns.append({"key": NO_CATEGORY, "id": None, "code": "", "name": _("No category")})
    cells = {(horizon, column["key"]): [] for horizon in Horizon.values for column in columns}
    for entry in entries:
        related = [
            row
            for row in entry.relations.all()
            if row.relation in COUNTED_RELATIONS and (entry.horizon, str(row.category_id)) in cells
        ]
        for row in related:
            cells[(entry.horizon, str(row.category_id))].append(_initiative_item(entry, row.relation))
        if not related:
            cells[(entry.horizon, NO_CATEGORY)].append(_initiative_item(entry))

    per_horizon = Counter(entry.horizon for entry in entries)
    rows = []
    for horizon in Horizon:
        row_cells = []
        for column in columns:
            items = cells[(horizon.value, column["key"])]
            row_cells.append(
                {
                    "key": column["key"],
                    "count": len(items),
                    "strong": sum(1 for item in items if item["relation"] == Relation.STRONG),
                    "initiatives": items,
                }
            )
        rows.append(
            {
                "horizon": horizon.value,
                "label": str(horizon.label),
                "short_label": _horizon_short_label(horizon.value),
                "count": per_horizon[horizon.value],
                "share": _share(per_horizon[horizon.value], total),
                "cells": row_cells,
            }
        )
    for index, column in enumerate(columns):
        column["count"] = sum(row["cells"][index]["count"] for row in rows)
        column["strong"] = sum(row["cells"][index]["strong"] for row in rows)

    balance = {
        "horizons": [
            {"value": row["horizon"], "label": row["short_label"], "count": row["count"], "share": row["share"]}
            for row in rows
        ],
        "phases": _phase_balance(entries),
        "sectors": _sector_balance(entries),
    }
    return {
        "total": total,
        "columns": columns,
        "rows": rows,
        "balance": balance,
        "warnings": _warnings(per_horizon, columns),
        "composted": {"label": str(Phase.COMPOSTED.label), "count": len(composted), "initiatives": composted},
        "chart": {
            "labels": [column["name"] for column in columns],
            "datasets": [
                {
                    "horizon": row["horizon"],
                    "label": row["short_label"],
                    "data": [cell["count"] for cell in row["cells"]],
                }
                for row in rows
            ],
        },
    }


def _phase_balance(entries):
    counts = Counter(entry.initiative.phase for entry in entries)
    total = len(entries)
    return [
        {
            "value": phase.value,
            "label": str(phase.label),
            "count": counts[phase.value],
            "share": _share(counts[phase.value], total),
        }
        for phase in Phase
    ]


def _sector_balance(entries):
    """The partner organisations of the entries' initiatives (each counted once, however
    many initiatives it takes part in), per sector."""
    sector_of = dict(
        Participation.objects.filter(initiative_id__in=[entry.initiative_id for entry in entries])
        .values_list("organisation_id", "organisation__sector")
        .distinct()
    )
    counts = Counter(sector_of.values())
    total = len(sector_of)
    return [
        {
            "value": sector.value,
            "label": str(sector.label),
            "count": counts[sector.value],
            "share": _share(counts[sector.value], total),
        }
        for sector in Sector
    ]


def _warnings(per_horizon, columns):
    warnings = []
    if not per_horizon[Horizon.H3]:
        warnings.append(
            {
                "code": "no_h3",
                "message": _(
                    "The portfolio has no initiative on H3 (new: long-term and transformative). "
                    "Which initiative could shape the future?"
                ),
            }
        )
    for column in columns:
        if column["id"] is not None and not column["count"]:
            warnings.append(
                {
                    "code": "empty_category",
                    "category_id": column["id"],
                    "message": _("No initiative relates to the category “%(category)s”.")
                    % {"category": column["name"]},
                }
            )
    return warnings


def review_sheet(review, user):
    """A review's working sheet: every visible entry of the portfolio with its assessment in
    the review (or None), and whether the user may assess it. For the review page, its
    export and the API. Versions are what assess() expects back as expected_version.

    A closed review's sheet is its snapshot: the initiatives, horizons and assessments as
    they were when it closed, whatever the portfolio has become since (a twin it created,
    a later review's moves)."""
    if review.is_closed and "entries" in (review.snapshot or {}):
        return _closed_sheet(review, user)
    entries = visible_entries(review.portfolio, user)
    decisions = {
        decision.initiative_id: decision
        for decision in review.decisions.select_related("twin_municipality", "twin").prefetch_related(
            "scale_municipalities"
        )
    }
    if review.is_closed:
        assessable = set()
    else:
        assessable = set(
            ReviewDecision.objects.assessable_initiatives(
                user, review, Initiative.objects.filter(pk__in=[entry.initiative_id for entry in entries])
            ).values_list("pk", flat=True)
        )
    rows = []
    for entry in entries:
        decision = decisions.get(entry.initiative_id)
        rows.append(
            {
                "initiative": _initiative_item(entry),
                "horizon": entry.horizon,
                "relations": {str(row.category_id): row.relation for row in entry.relations.all()},
                "may_assess": entry.initiative_id in assessable,
                "decision": _decision_data(decision) if decision else None,
            }
        )
    return {
        "review": {"id": review.pk, "title": review.title, "status": review.status, "closed": review.is_closed},
        "assessed": sum(1 for row in rows if row["decision"]),
        "total": len(rows),
        "rows": rows,
    }


def _closed_sheet(review, user):
    """review_sheet from the snapshot (services._snapshot); one query, for the initiatives
    the user can see (their links, and whether a draft twin is shown)."""
    snapshot = review.snapshot
    decisions = {decision["initiative"]: decision for decision in snapshot.get("decisions", [])}
    mentioned = {entry["initiative"] for entry in snapshot["entries"]}
    mentioned |= {decision["twin"]["id"] for decision in decisions.values() if decision.get("twin")}
    visible = {
        initiative.pk: initiative
        for initiative in Initiative.objects.visible_to(user).filter(pk__in=mentioned).only("pk", "slug", "visibility")
    }
    phase_labels = {phase.value: str(phase.label) for phase in Phase}
    layer_labels = {layer.value: str(layer.label) for layer in Layer}
    decision_labels = {decision.value: str(decision.label) for decision in Decision}
    rows = []
    for entry in snapshot["entries"]:
        initiative = visible.get(entry["initiative"])
        if initiative is None:
            continue
        decision = decisions.get(entry["initiative"])
        if decision is not None:
            twin = decision.get("twin")
            decision = {
                **{key: decision.get(key) for key in SNAPSHOT_DECISION_KEYS},
                "decision_label": decision_labels.get(decision["decision"], ""),
                "scale_municipalities": decision.get("scale_municipalities") or [],
                # A draft twin is shown only to those who can see it.
                "twin": twin if twin and twin["id"] in visible else None,
                "updated": None,
            }
        rows.append(
            {
                "initiative": {
                    "id": entry["initiative"],
                    "title": entry["title"],
                    "url": initiative.get_absolute_url(),
                    "phase": entry["phase_before"],
                    "phase_label": phase_labels.get(entry["phase_before"], ""),
                    "visibility": initiative.visibility,
                    "entry_id": None,
                    "layer": entry["layer"],
                    "layer_label": layer_labels.get(entry["layer"], ""),
                    "relation": None,
                },
                "horizon": entry["horizon_before"],
                "relations": entry["relations_before"],
                "may_assess": False,
                "decision": decision,
            }
        )
    return {
        "review": {"id": review.pk, "title": review.title, "status": review.status, "closed": True},
        "assessed": sum(1 for row in rows if row["decision"]),
        "total": len(rows),
        "rows": rows,
    }


# What a closed review's sheet takes from a snapshot's decision as it is.
SNAPSHOT_DECISION_KEYS = (
    "id", "version", "horizon", "decision", "progress", "rationale", "lessons", "category_relations",
    "twin_municipality", "decided_by",
)  # fmt: skip


def _decision_data(decision):
    twin = decision.twin
    return {
        "id": decision.pk,
        "version": decision.version,
        "horizon": decision.horizon,
        "decision": decision.decision,
        "decision_label": str(decision.get_decision_display()),
        "progress": decision.progress,
        "rationale": decision.rationale,
        "lessons": decision.lessons,
        "category_relations": decision.category_relations,
        "twin_municipality": {"id": decision.twin_municipality_id, "name": decision.twin_municipality.name}
        if decision.twin_municipality_id
        else None,
        "scale_municipalities": [{"id": m.pk, "name": m.name} for m in decision.scale_municipalities.all()],
        "twin": {"id": twin.pk, "title": twin.title} if twin else None,
        "decided_by": decision.decided_by_id,
        "updated": decision.updated.isoformat() if decision.updated else None,
    }


def _state_node(horizon, phase):
    """Where an entry stands in the flow chart: its horizon, or composted."""
    return COMPOSTED_NODE if phase == Phase.COMPOSTED else horizon


def portfolio_shift(portfolio, user):
    """How the portfolio moved, from the snapshots of its closed reviews (oldest first).

    Returns {"reviews", "moves", "composted", "twinned", "scaled", "chart"}:
    - reviews: [{"id", "title", "closed_at", "assessed", "moved", "composted", "twinned", "scaled"}]
    - moves: [{"review_id", "review_title", "closed_at", "initiative": {"id", "title", "url"},
      "horizon_from", "horizon_to", "phase_from", "phase_to", "decision"}] for every entry
      whose horizon or phase changed
    - composted: [{"review_id", "review_title", "initiative", "reason", "lessons"}]
    - twinned: [{"review_id", "review_title", "initiative", "municipality", "twin"}]; twin is
      None when the user cannot see the (draft) twin
    - scaled: [{"review_id", "review_title", "initiative", "municipalities"}]
    - chart: a flow (Sankey) over stages: {"nodes": [{"id", "stage", "state", "label"}],
      "links": [{"source", "target", "value", "review_id"}], "stages": [labels]}; stage 0
      is before the first review, stage k after review k; a state is a horizon or composted.
    Labels of horizons, phases and decisions are in the interface language; titles are as
    they were when the review closed."""
    reviews = list(
        portfolio.reviews.filter(status=ReviewStatus.CLOSED)
        .order_by("closed_at", "pk")
        .values("pk", "title", "closed_at", "snapshot")
    )
    mentioned = set()
    for review in reviews:
        snapshot = review["snapshot"] or {}
        mentioned |= {entry["initiative"] for entry in snapshot.get("entries", [])}
        for decision in snapshot.get("decisions", []):
            mentioned.add(decision["initiative"])
            if decision.get("twin"):
                mentioned.add(decision["twin"]["id"])
    visible = {
        initiative.pk: initiative
        for initiative in Initiative.objects.visible_to(user).filter(pk__in=mentioned).only("pk", "slug", "title")
    }

    def item(initiative_id, title):
        initiative = visible[initiative_id]
        return {"id": initiative_id, "title": title, "url": initiative.get_absolute_url()}

    horizon_labels = {value: _horizon_short_label(value) for value in Horizon.values}
    phase_labels = {phase.value: str(phase.label) for phase in Phase}
    decision_labels = {decision.value: str(decision.label) for decision in Decision}
    result = {"reviews": [], "moves": [], "composted": [], "twinned": [], "scaled": []}
    node_ids, nodes, links = set(), [], []
    stages = [_("Before the first review")]

    def node(stage, state):
        node_id = f"{stage}:{state}"
        if node_id not in node_ids:
            node_ids.add(node_id)
            label = _("Composted") if state == COMPOSTED_NODE else horizon_labels.get(state, state)
            nodes.append({"id": node_id, "stage": stage, "state": state, "label": label})
        return node_id

    for stage, review in enumerate(reviews, start=1):
        snapshot = review["snapshot"] or {}
        closed_at = review["closed_at"].isoformat() if review["closed_at"] else None
        where = {"review_id": review["pk"], "review_title": review["title"], "closed_at": closed_at}
        stages.append(review["title"])
        summary = Counter()
        flows = Counter()
        for entry in snapshot.get("entries", []):
            if entry["initiative"] not in visible:
                continue
            summary["assessed"] += bool(entry.get("decision"))
            moved = (entry["horizon_before"], entry["phase_before"]) != (entry["horizon_after"], entry["phase_after"])
            if moved:
                summary["moved"] += 1
                result["moves"].append(
                    {
                        **where,
                        "initiative": item(entry["initiative"], entry["title"]),
                        "horizon_from": entry["horizon_before"],
                        "horizon_from_label": horizon_labels.get(entry["horizon_before"], ""),
                        "horizon_to": entry["horizon_after"],
                        "horizon_to_label": horizon_labels.get(entry["horizon_after"], ""),
                        "phase_from": entry["phase_before"],
                        "phase_from_label": phase_labels.get(entry["phase_before"], ""),
                        "phase_to": entry["phase_after"],
                        "phase_to_label": phase_labels.get(entry["phase_after"], ""),
                        "decision": entry.get("decision"),
                        "decision_label": decision_labels.get(entry.get("decision"), ""),
                    }
                )
            source = _state_node(entry["horizon_before"], entry["phase_before"])
            target = _state_node(entry["horizon_after"], entry["phase_after"])
            flows[(source, target)] += 1
        for (source, target), value in sorted(flows.items()):
            links.append(
                {
                    "source": node(stage - 1, source),
                    "target": node(stage, target),
                    "value": value,
                    "review_id": review["pk"],
                }
            )
        for decision in snapshot.get("decisions", []):
            if decision["initiative"] not in visible:
                continue
            initiative = item(decision["initiative"], decision["title"])
            if decision["decision"] == Decision.COMPOST:
                summary["composted"] += 1
                result["composted"].append(
                    {**where, "initiative": initiative, "reason": decision["rationale"], "lessons": decision["lessons"]}
                )
            elif decision["decision"] == Decision.TWIN:
                summary["twinned"] += 1
                twin = decision.get("twin")
                result["twinned"].append(
                    {
                        **where,
                        "initiative": initiative,
                        "municipality": (decision.get("twin_municipality") or {}).get("name", ""),
                        "twin": item(twin["id"], twin["title"]) if twin and twin["id"] in visible else None,
                    }
                )
            elif decision["decision"] == Decision.SCALE:
                summary["scaled"] += 1
                result["scaled"].append(
                    {
                        **where,
                        "initiative": initiative,
                        "municipalities": [m["name"] for m in decision.get("scale_municipalities", [])],
                    }
                )
        result["reviews"].append(
            {
                "id": review["pk"],
                "title": review["title"],
                "closed_at": closed_at,
                **{key: summary[key] for key in ("assessed", "moved", "composted", "twinned", "scaled")},
            }
        )
    result["chart"] = {"stages": stages, "nodes": nodes, "links": links}
    return result


def snapshot_initiative_ids(snapshot):
    """Every initiative a review's snapshot names: its entries, decisions and twins."""
    snapshot = snapshot or {}
    ids = {entry["initiative"] for entry in snapshot.get("entries", [])}
    for decision in snapshot.get("decisions", []):
        ids.add(decision["initiative"])
        if decision.get("twin"):
            ids.add(decision["twin"]["id"])
    return ids


def snapshot_for(snapshot, visible_ids):
    """A review's snapshot as a user may read it (the API's `snapshot`): only the entries and
    decisions of initiatives in visible_ids, and a twin only when it is one of them."""
    if not snapshot:
        return snapshot
    decisions = []
    for decision in snapshot.get("decisions", []):
        if decision["initiative"] not in visible_ids:
            continue
        twin = decision.get("twin")
        decisions.append({**decision, "twin": twin if twin and twin["id"] in visible_ids else None})
    return {
        **snapshot,
        "entries": [entry for entry in snapshot.get("entries", []) if entry["initiative"] in visible_ids],
        "decisions": decisions,
    }


def notes_board(queryset, user):
    """The notes the user can see, green and orange, with only the initiatives they can see
    linked: a note that became a draft the user cannot see says so without naming it."""
    initiatives = Initiative.objects.visible_to(user)
    notes = list(
        queryset.visible_to(user)
        .select_related("author", "became", "review")
        .prefetch_related(Prefetch("initiatives", queryset=initiatives.order_by("title")))
    )
    became = {note.became_id for note in notes if note.became_id}
    seen = set(initiatives.filter(pk__in=became).values_list("pk", flat=True)) if became else set()
    for note in notes:
        note.became_visible = note.became_id in seen
    return {
        "green": [note for note in notes if note.kind == NoteKind.NEED_OR_IDEA],
        "orange": [note for note in notes if note.kind == NoteKind.NEXT_STEP],
    }
