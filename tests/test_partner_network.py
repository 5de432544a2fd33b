"""The partner network on a mission summary: numbers an SVG reader can parse in every
language, a force-directed layout that shows who works with whom, nodes sized by
initiatives, the table beside the drawing."""

import math
import re

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from core.choices import Visibility
from evaluation import summaries
from evaluation.models import LearningSummary
from evaluation.network_graph import force_layout, svg_number
from evaluation.templatetags.evaluation_summaries import partner_network_view

from . import factories

pytestmark = pytest.mark.django_db

NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def two_clusters(with_initiatives=True):
    """Organisations 1-3 work together in three initiatives, 4-6 in one; 3 and 4 share one."""
    shared = {10: [1, 2, 3], 11: [1, 2], 12: [1, 3], 13: [4, 5, 6], 14: [3, 4]}
    taking_part = {pk: sum(pk in partners for partners in shared.values()) for pk in range(1, 7)}
    nodes = [
        {
            "id": pk,
            "name": f"Org {pk}",
            "sector": "municipality",
            "country": "DK",
            "initiatives": n,
            "joined_mission": pk == 1,
        }
        for pk, n in taking_part.items()
    ]
    pairs = {}
    for partners in shared.values():
        for i, a in enumerate(partners):
            for b in partners[i + 1 :]:
                pairs[(a, b)] = pairs.get((a, b), 0) + 1
    edges = [{"source": a, "target": b, "shared_initiatives": n} for (a, b), n in sorted(pairs.items())]
    network = {"nodes": nodes, "edges": edges, "missing_sectors": []}
    if with_initiatives:
        network["initiatives"] = [
            {"id": pk, "partners": partners, "title": f"Initiative {pk}"} for pk, partners in shared.items()
        ]
    return network


def svg_numbers(html):
    svg = html[html.index("<svg") : html.index("</svg>")]
    found = {}
    for name in ("x1", "y1", "x2", "y2", "cx", "cy", "r", "x", "y", "stroke-width", "width", "height"):
        # (x, y, width and height: of the <text> labels, the initiatives' <rect>s and the <svg>.)
        found[name] = re.findall(rf'\s{name}="([^"]*)"', svg)
    return found


@pytest.mark.parametrize("language", ["da", "sv", "en"])
def test_the_drawing_parses_in_every_language(language):
    with translation.override(language):
        html = render_to_string(
            "evaluation/partner_network.html", {"network": partner_network_view(two_clusters(), {})}
        )
    numbers = svg_numbers(html)
    # Six organisations, five initiatives, a line per organisation and initiative.
    assert len(numbers["cx"]) == 6 and len(numbers["x"]) == 6 + 5 and len(numbers["x1"]) == 12
    for name, values in numbers.items():
        for value in values:
            assert NUMBER.match(value), (name, value)  # "200,0" fails here
            number = float(value)
            if name in ("cx", "cy", "x1", "y1", "x2", "y2"):
                assert 0 <= number <= 480, (name, number)


def test_the_layout_separates_clusters_and_is_the_same_every_time():
    network = two_clusters()
    edges = [(e["source"], e["target"], e["shared_initiatives"]) for e in network["edges"]]
    positions = force_layout([1, 2, 3, 4, 5, 6], edges, 480, 72)
    assert positions == force_layout([6, 5, 4, 3, 2, 1], list(reversed(edges)), 480, 72)

    def distance(a, b):
        return math.dist(positions[a], positions[b])

    within = max(distance(a, b) for a, b in ((1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6)))
    between = min(distance(a, b) for a in (1, 2, 3) for b in (4, 5, 6) if (a, b) != (3, 4))
    assert within < between
    for x, y in positions.values():
        assert 72 - 0.01 <= x <= 480 - 72 + 0.01 and 72 - 0.01 <= y <= 480 - 72 + 0.01


def test_nodes_are_sized_by_initiatives_and_clusters_stand_apart():
    view = partner_network_view(two_clusters(), {})
    radius = {node["id"]: float(node["r"]) for node in view["nodes"]}
    assert radius[1] == radius[3] > radius[2] == radius[4] > radius[5] == radius[6]
    at = {node["id"]: (float(node["x"]), float(node["y"])) for node in view["nodes"]}
    within = max(math.dist(at[a], at[b]) for a, b in ((1, 2), (1, 3), (2, 3), (4, 5), (4, 6), (5, 6)))
    between = min(math.dist(at[a], at[b]) for a in (1, 2) for b in (5, 6))
    assert within < between


def test_figures_computed_before_the_initiatives_were_in_them_still_draw():
    view = partner_network_view(two_clusters(with_initiatives=False), {})
    assert view["initiatives"] == [] and len(view["lines"]) == len(two_clusters()["edges"])
    assert all(NUMBER.match(line["x1"]) for line in view["lines"])


def test_svg_number():
    assert svg_number(200.0) == "200"
    assert svg_number(12.345) == "12.3"
    assert svg_number(-0.04) == "0"
    assert svg_number(1234567.0) == "1234567"


@pytest.mark.parametrize("language", ["da", "sv"])
def test_the_mission_summary_draws_the_network_in_danish_and_swedish(client, network, language):
    mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)
    organisations = [factories.OrganisationFactory(name=f"Partner {n}") for n in range(4)]
    for members in ((0, 1), (0, 1), (2, 3)):
        initiative = factories.InitiativeFactory(network=network)
        initiative.missions.add(mission)
        for n in members:
            factories.ParticipationFactory(initiative=initiative, organisation=organisations[n])
    summaries_computed = summaries.compute_metrics("mission", mission.pk, "public")
    LearningSummary.objects.create(
        scope="mission", scope_id=mission.pk, audience="public", network=network, metrics=summaries_computed
    )
    page = client.get(
        reverse("evaluation:mission_summary", kwargs={"slug": mission.slug}), HTTP_ACCEPT_LANGUAGE=language
    )
    html = page.content.decode()
    assert page.status_code == 200
    section = html[html.index('class="partner-network"') :]
    numbers = svg_numbers(section)
    assert len(numbers["cx"]) == 4
    for values in numbers.values():
        for value in values:
            float(value)
            assert NUMBER.match(value), value
    # Partner 0 takes part in two initiatives, Partner 2 in one: a larger circle.
    radius = dict(zip(re.findall(r"<text[^>]*>([^<]*)</text>", section), map(float, numbers["r"]), strict=True))
    assert radius["Partner 0"] > radius["Partner 2"]
    # The table beside the drawing; no inline style or script.
    assert "<table" in section and "style=" not in section and "<script" not in section


def test_a_network_too_large_to_draw_is_given_by_its_tables():
    nodes = [
        {"id": pk, "name": f"Org {pk}", "sector": "company", "country": "DK", "initiatives": 1, "joined_mission": False}
        for pk in range(1, 202)
    ]
    network = {"nodes": nodes, "edges": [], "missing_sectors": [], "initiatives": []}
    view = partner_network_view(network, {})
    assert view["drawn"] is False and view["lines"] == []
    with translation.override("en"):
        html = render_to_string("evaluation/partner_network.html", {"network": view})
    assert "<svg" not in html and "Too many organisations" in html and "Org 201" in html
