"""Summaries that can be trusted: a collaboration is new only when its start is known and
the organisations share no earlier initiative; twin pairs once; composted initiatives off
the live horizon map and in a compost row of their own, in the map and the summary alike;
every figure on a summary links to the records it counts."""

import datetime
import re
from html import unescape

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse
from django.utils import timezone, translation

from core.choices import Visibility
from evaluation import services, summaries
from evaluation.choices import LearningKind, SummaryAudience, SummaryScope
from evaluation.models import TwinCandidate
from initiatives.choices import Phase
from portfolios import maps
from portfolios.choices import Horizon

from . import factories

pytestmark = pytest.mark.django_db
PUBLIC, NETWORK = SummaryAudience.PUBLIC.value, SummaryAudience.NETWORK.value


@pytest.fixture(autouse=True)
def no_triggers(settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False


@pytest.fixture
def mission(network):
    return factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)


def initiative_in(mission, *organisations, start=None, **fields):
    made = factories.InitiativeFactory(network=mission.network, start_date=start, **fields)
    made.missions.add(mission)
    for organisation in organisations:
        factories.ParticipationFactory(initiative=made, organisation=organisation)
    return made


# --- new collaborations --------------------------------------------------------------------


def test_a_collaboration_is_new_only_when_its_start_is_known(mission, other_network):
    a, b, c, d, e, f = (factories.OrganisationFactory(name=f"Org {n}") for n in "ABCDEF")
    dated = initiative_in(mission, a, b, start=datetime.date(2025, 3, 1))
    # A and B also share an initiative without a date, elsewhere: it may have come first.
    undated_elsewhere = factories.InitiativeFactory(network=other_network, start_date=None)
    for organisation in (a, b):
        factories.ParticipationFactory(initiative=undated_elsewhere, organisation=organisation)
    # C and D share only an initiative without a date.
    undated = initiative_in(mission, c, d, start=None)
    # E and F share only a dated initiative: new, since its start.
    new = initiative_in(mission, e, f, start=datetime.date(2025, 6, 1))

    found = summaries.compute_metrics(SummaryScope.MISSION, mission.pk, PUBLIC)["new_collaborations"]
    assert found["count"] == 1
    assert found["date_unknown"] == 2
    rows = [
        (tuple(o["name"] for o in row["organisations"]), row["initiative"]["id"], row["since"])
        for row in found["recent"]
    ]
    assert rows[0] == (("Org E", "Org F"), new.pk, "2025-06-01")
    assert sorted(rows[1:]) == sorted([(("Org A", "Org B"), dated.pk, None), (("Org C", "Org D"), undated.pk, None)])


def test_many_partners_in_one_initiative_with_an_earlier_shared_one_are_not_new(mission):
    """The issue's "66 new collaborations": twelve partners of one initiative who all
    worked together before are no new collaborations."""
    partners = [factories.OrganisationFactory() for _ in range(12)]
    earlier = factories.InitiativeFactory(network=mission.network, start_date=datetime.date(2019, 1, 1))
    for organisation in partners:
        factories.ParticipationFactory(initiative=earlier, organisation=organisation)
    initiative_in(mission, *partners, start=datetime.date(2020, 1, 1))
    found = summaries.compute_metrics(SummaryScope.MISSION, mission.pk, PUBLIC)["new_collaborations"]
    assert (found["count"], found["date_unknown"]) == (0, 0)


def test_the_summary_block_says_date_unknown(client, mission):
    a, b = factories.OrganisationFactory(name="Org A"), factories.OrganisationFactory(name="Org B")
    initiative_in(mission, a, b, start=None)
    services.refresh_learning_summaries("mission", mission.pk)
    page = client.get(reverse("evaluation:mission_summary", kwargs={"slug": mission.slug}), HTTP_ACCEPT_LANGUAGE="en")
    html = page.content.decode()
    counts = html[html.index('class="facts summary-counts"') :]
    counts = counts[: counts.index("</dl>")]
    assert re.search(
        r'New collaborations</dt><dd><a href="#new-collaborations-mission-\d+">0</a> \(<a href="#new-collaborations-'
        r'mission-\d+">and 1 pair whose first shared initiative has no known date</a>\)',
        counts,
    ), counts
    assert "Org A – Org B" in html and "(date unknown)" in html


# --- twin pairs once -----------------------------------------------------------------------


def test_twin_pairs_are_listed_once(mission, other_network):
    first = initiative_in(mission, title="Madfællesskab Aarhus")
    second = initiative_in(mission, title="Matgemenskap Malmö")
    elsewhere = factories.InitiativeFactory(network=other_network, title="Meals Cork")
    now = timezone.now()
    TwinCandidate.objects.create(initiative=first, candidate=second, rank=1, score=0.7, reasons=[], computed_at=now)
    TwinCandidate.objects.create(initiative=second, candidate=first, rank=1, score=0.7, reasons=[], computed_at=now)
    TwinCandidate.objects.create(initiative=second, candidate=elsewhere, rank=2, score=0.3, reasons=[], computed_at=now)
    twins = summaries.compute_metrics(SummaryScope.MISSION, mission.pk, PUBLIC)["twin_candidates"]
    pairs = [frozenset((row["initiative"]["id"], row["candidate"]["id"])) for row in twins]
    assert len(pairs) == len(set(pairs)) == 2
    assert set(pairs) == {frozenset((first.pk, second.pk)), frozenset((second.pk, elsewhere.pk))}


# --- composted initiatives off the live map ------------------------------------------------


def test_composted_initiatives_leave_the_live_map_and_the_counts_agree(client, network):
    portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.PUBLIC)
    live_one = factories.InitiativeFactory(network=network, title="Live H1")
    live_two = factories.InitiativeFactory(network=network, title="Live H2")
    composted = factories.InitiativeFactory(
        network=network, title="Composted H1", phase=Phase.COMPOSTED, composted_lessons="Reuse the recipes."
    )
    for made, horizon in ((live_one, Horizon.H1), (live_two, Horizon.H2), (composted, Horizon.H1)):
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=made, horizon=horizon)

    found = maps.portfolio_map(portfolio, AnonymousUser())
    per_row = {row["horizon"]: row["count"] for row in found["rows"]}
    assert per_row == {"h1": 1, "h2": 1, "h3": 0}
    assert found["total"] == 2
    assert [item["title"] for item in found["composted"]["initiatives"]] == ["Composted H1"]
    assert "Composted H1" not in str(found["rows"]) and "Composted H1" not in str(found["chart"])
    assert {figure["value"]: figure["count"] for figure in found["balance"]["phases"]}[Phase.COMPOSTED] == 0

    metrics = summaries.compute_metrics(SummaryScope.PORTFOLIO, portfolio.pk, PUBLIC)
    assert metrics["initiatives_by_horizon"] == {**per_row, "composted": found["composted"]["count"]}

    with translation.override("en"):
        page = client.get(portfolio.get_absolute_url(), HTTP_ACCEPT_LANGUAGE="en").content.decode()
    table = page[page.index('class="portfolio-map"') : page.index("</table>", page.index('class="portfolio-map"'))]
    composted_row = table[table.index('class="horizon-composted"') :]
    assert "Composted H1" in composted_row
    assert "Composted H1" not in table[: table.index('class="horizon-composted"')]


# --- every figure links to what it counts ---------------------------------------------------


def test_every_figure_on_a_summary_links_to_the_records_it_counts(client, mission, member):
    municipality = factories.MunicipalityFactory(name="Aarhus Kommune")
    partner = factories.OrganisationFactory(name="Partner")
    first = initiative_in(mission, partner, municipality, start=datetime.date(2025, 1, 1), phase=Phase.PROTOTYPING)
    first.municipalities.add(municipality)
    second = initiative_in(mission, partner, start=datetime.date(2025, 2, 1), phase=Phase.SCALING)
    factories.InitiativeFactory(network=mission.network)  # not in the mission
    for initiative, kind, categories, visibility in (
        (first, LearningKind.BARRIER, ["procurement"], Visibility.PUBLIC),
        (first, LearningKind.BARRIER, ["procurement", "silos"], Visibility.NETWORK),
        (second, LearningKind.BARRIER, ["silos"], Visibility.PUBLIC),
        (second, LearningKind.ENABLER, ["culture"], Visibility.PUBLIC),
        (second, LearningKind.INSIGHT, [], Visibility.DRAFT),
    ):
        factories.LearningEntryFactory(initiative=initiative, kind=kind, categories=categories, visibility=visibility)
    services.refresh_learning_summaries("mission", mission.pk)

    for user in (None, member):
        if user:
            client.force_login(user)
        page = client.get(
            reverse("evaluation:mission_summary", kwargs={"slug": mission.slug}), HTTP_ACCEPT_LANGUAGE="en"
        )
        html = page.content.decode()
        block = html[html.index('class="learning-summary"') :]
        # Every number in the figures is a link, and the list it opens counts the same.
        figures = block[block.index('class="facts summary-counts"') : block.index("</dl>")]
        links = re.findall(r'<a href="([^"]+)">(\d+)</a>', figures)
        links += re.findall(r'<a href="([^"]+)">(\d+) entr(?:y|ies)</a>', block)
        municipalities = block[block.index("Initiatives by municipality") :]
        links += re.findall(r'<td><a href="([^"]+)">(\d+)</a></td>', municipalities)
        assert len(links) >= 10, links
        unlinked = re.sub(r"<a [^>]*>.*?</a>", "", figures)
        unlinked = re.sub(r"<[^>]+>", " ", unlinked)
        assert not re.search(r"\d", unlinked), unlinked
        for url, count in links:
            url = unescape(url)
            if url.startswith("#"):
                continue
            listed = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
            assert listed.status_code == 200, url
            if "/initiatives/?" in url or "/learning/?" in url:
                assert listed.context["paginator"].count == int(count), (url, count)
