"""portfolios.maps: the horizon x category map (checked against a hand count), its balance
and warnings, the review sheet and the shift across closed reviews, for each user only
what they may see, in a fixed number of queries."""

import io
import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from core.choices import Visibility
from initiatives.choices import Phase
from partners.choices import Country, MembershipRole, Sector
from partners.models import Organisation
from portfolios import maps, services
from portfolios.choices import Decision, Horizon, Relation
from portfolios.models import EntryCategory, Portfolio

from . import factories

pytestmark = pytest.mark.django_db


def relate(entry, category, relation):
    EntryCategory.objects.create(entry=entry, category=category, relation=relation)


def cell(result, horizon, column_key):
    row = next(row for row in result["rows"] if row["horizon"] == horizon)
    index = [column["key"] for column in result["columns"]].index(column_key)
    return row["cells"][index]


def titles(result, horizon, column_key):
    return sorted(item["title"] for item in cell(result, horizon, column_key)["initiatives"])


@pytest.fixture
def board(network, coordinator):
    """Six entries on three categories (C has none). The sixth is a draft of an
    organisation the coordinator is not in: members and that coordinator do not see it.

        entry  horizon  phase        A       B       C   partners
        i1     H1       prototyping  strong  some    -   Kommune X, Firma Y
        i2     H1       prototyping  none    -       -   Firma Y
        i3     H2       scaling      -       strong  -   Kommune X
        i4     H3       idea         some    -       -   -
        i5     H2       scaling      -       -       -   Forening Z
        i6     H3       startup      strong  -       -   (draft, hidden)
    """
    portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.NETWORK)
    a, b, c = (
        factories.CategoryFactory(portfolio=portfolio, code=code, name=name, position=position)
        for position, (code, name) in enumerate([("a", "A"), ("b", "B"), ("c", "C")])
    )
    municipality = factories.MunicipalityFactory(name="Kommune X")
    company = factories.OrganisationFactory(name="Firma Y", sector=Sector.COMPANY)
    association = factories.OrganisationFactory(name="Forening Z", sector=Sector.CIVIL_SOCIETY)

    def entry(title, horizon, phase, *partners, visibility=Visibility.PUBLIC):
        initiative = factories.InitiativeFactory(network=network, title=title, phase=phase, visibility=visibility)
        for partner in partners:
            factories.ParticipationFactory(initiative=initiative, organisation=partner)
        return factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative, horizon=horizon)

    i1 = entry("i1", Horizon.H1, Phase.PROTOTYPING, municipality, company)
    i2 = entry("i2", Horizon.H1, Phase.PROTOTYPING, company)
    i3 = entry("i3", Horizon.H2, Phase.SCALING, municipality)
    i4 = entry("i4", Horizon.H3, Phase.IDEA_DEVELOPMENT)
    entry("i5", Horizon.H2, Phase.SCALING, association)
    i6 = entry("i6", Horizon.H3, Phase.STARTUP, visibility=Visibility.DRAFT)
    relate(i1, a, Relation.STRONG)
    relate(i1, b, Relation.SOME)
    relate(i2, a, Relation.NONE)
    relate(i3, b, Relation.STRONG)
    relate(i4, a, Relation.SOME)
    relate(i6, a, Relation.STRONG)
    return portfolio, (a, b, c)


def test_the_map_counts_what_a_hand_count_gives(board, member):
    portfolio, (a, b, c) = board

    result = maps.portfolio_map(portfolio, member)

    keys = [str(a.pk), str(b.pk), str(c.pk), maps.NO_CATEGORY]
    assert [column["key"] for column in result["columns"]] == keys
    counts = {row["horizon"]: [cell["count"] for cell in row["cells"]] for row in result["rows"]}
    assert counts == {"h1": [1, 1, 0, 1], "h2": [0, 1, 0, 1], "h3": [1, 0, 0, 0]}
    assert [column["count"] for column in result["columns"]] == [2, 2, 0, 2]
    assert [column["strong"] for column in result["columns"]] == [1, 1, 0, 0]
    assert [row["count"] for row in result["rows"]] == [2, 2, 1]
    assert result["total"] == 5
    assert titles(result, "h1", str(a.pk)) == ["i1"]
    assert titles(result, "h1", maps.NO_CATEGORY) == ["i2"]  # a "none" relation is no relation
    assert titles(result, "h2", maps.NO_CATEGORY) == ["i5"]
    assert cell(result, "h1", str(a.pk))["initiatives"][0]["relation"] == "strong"
    assert result["chart"]["datasets"][0]["data"] == [1, 1, 0, 1]
    assert result["chart"]["labels"][:3] == ["A", "B", "C"]


def test_the_hidden_draft_counts_only_for_those_who_see_it(board, network_admin, coordinator):
    portfolio, (a, _b, _c) = board

    for_admin = maps.portfolio_map(portfolio, network_admin)
    for_coordinator = maps.portfolio_map(portfolio, coordinator)

    assert titles(for_admin, "h3", str(a.pk)) == ["i4", "i6"]
    assert for_admin["total"] == 6
    assert titles(for_coordinator, "h3", str(a.pk)) == ["i4"]


def test_balance_figures(board, member):
    portfolio, _categories = board

    balance = maps.portfolio_map(portfolio, member)["balance"]

    assert [(h["value"], h["count"], h["share"]) for h in balance["horizons"]] == [
        ("h1", 2, 0.4),
        ("h2", 2, 0.4),
        ("h3", 1, 0.2),
    ]
    phases = {p["value"]: (p["count"], p["share"]) for p in balance["phases"]}
    assert phases[Phase.PROTOTYPING] == (2, 0.4)
    assert phases[Phase.SCALING] == (2, 0.4)
    assert phases[Phase.IDEA_DEVELOPMENT] == (1, 0.2)
    assert phases[Phase.COMPOSTED] == (0, 0.0)
    # Three distinct partners: Kommune X (in two initiatives) is counted once.
    sectors = {s["value"]: (s["count"], s["share"]) for s in balance["sectors"]}
    assert sectors[Sector.MUNICIPALITY] == (1, 0.3333)
    assert sectors[Sector.COMPANY] == (1, 0.3333)
    assert sectors[Sector.CIVIL_SOCIETY] == (1, 0.3333)
    assert sectors[Sector.REGION] == (0, 0.0)


def test_warnings_for_an_empty_category_and_for_no_h3(board, member):
    portfolio, (_a, _b, c) = board

    warnings = maps.portfolio_map(portfolio, member)["warnings"]
    assert [(w["code"], w.get("category_id")) for w in warnings] == [("empty_category", c.pk)]
    assert "C" in warnings[0]["message"]

    portfolio.entries.filter(horizon=Horizon.H3).update(horizon=Horizon.H2)
    codes = [w["code"] for w in maps.portfolio_map(portfolio, member)["warnings"]]
    assert codes[0] == "no_h3"


def test_the_map_is_json_and_runs_the_same_queries_whatever_its_size(board, member, network):
    portfolio, (a, b, _c) = board
    maps.portfolio_map(portfolio, member)  # the audience is looked up once per user

    with CaptureQueriesContext(connection) as small:
        json.dumps(maps.portfolio_map(portfolio, member))
    for number in range(12):
        entry = factories.PortfolioEntryFactory(portfolio=portfolio, horizon=Horizon.H2)
        relate(entry, a if number % 2 else b, Relation.SOME)
        factories.ParticipationFactory(initiative=entry.initiative)
    with CaptureQueriesContext(connection) as large:
        result = maps.portfolio_map(portfolio, member)

    assert result["total"] == 17
    assert len(large.captured_queries) == len(small.captured_queries) <= 4, large.captured_queries


def test_the_demo_portfolio_shows_its_five_initiatives_on_their_horizons():
    call_command("load_demo", stdout=io.StringIO())
    portfolio = Portfolio.objects.get(slug="samhallskontraktet")

    result = maps.portfolio_map(portfolio, AnonymousUser())

    placed = {}
    for row in result["rows"]:
        for row_cell in row["cells"]:
            for item in row_cell["initiatives"]:
                placed.setdefault(item["title"], set()).add(row["horizon"])
    assert placed == {
        "Måltider och möten för seniorer": {"h3"},
        "Framtidens äldreboende": {"h3"},
        "Mobil trygghetslösning för seniorer": {"h1"},
        "Stärka äldres självständighet genom nya servicetjänster": {"h2"},
        "Samverkansmodell med civilsamhället": {"h2"},
        # Two of the three meal pilots: Pensionärernas bössa is for the network's members.
        "Leverans av mat för seniorer": {"h1"},
        "Seniorrestaurangen": {"h2"},
    }
    assert [row["count"] for row in result["rows"]] == [2, 3, 2]
    assert result["columns"][0]["name"] == "Kultur och förmågor"
    meals_cells = {
        column["code"]
        for column, row_cell in zip(result["columns"], result["rows"][2]["cells"], strict=False)
        if any(item["title"] == "Måltider och möten för seniorer" for item in row_cell["initiatives"])
    }
    assert meals_cells == {"culture", "procurement", "policy", "legislation", "service"}
    assert "no_h3" not in [w["code"] for w in result["warnings"]]
    assert [w["category_id"] for w in result["warnings"]] == [portfolio.categories.get(code="financing").pk]


def test_a_swedish_exercise_on_the_demo_portfolio_and_its_shift():
    """As the demo network admin: compost one initiative, twin another into Västerås,
    close, and see the shift."""
    call_command("load_demo", stdout=io.StringIO())
    portfolio = Portfolio.objects.get(slug="samhallskontraktet")
    admin = factories.UserFactory(username="admin-sk-test")
    person = factories.PersonFactory(user=admin, organisation=None)
    factories.MembershipFactory(network=portfolio.network, person=person, role=MembershipRole.ADMIN)
    vasteras = Organisation.objects.get(slug="vasteras-stad")
    entries = {entry.initiative.title: entry.initiative for entry in portfolio.entries.select_related("initiative")}
    meals = entries["Måltider och möten för seniorer"]
    safety = entries["Mobil trygghetslösning för seniorer"]
    civil = entries["Samverkansmodell med civilsamhället"]

    review = services.open_review(portfolio, "Portföljövning hösten", admin)
    services.assess(
        review, safety, user=admin, horizon="h1", decision=Decision.COMPOST,
        rationale="Piloten mätte ingen förbättring av tryggheten.", lessons="Digital ledsagning uppskattades.",
    )  # fmt: skip
    services.assess(
        review, meals, user=admin, horizon="h3", decision=Decision.TWIN,
        rationale="Servicehusen läggs ner i Västerås.", twin_municipality=vasteras,
    )  # fmt: skip
    services.assess(review, civil, user=admin, horizon="h3", decision=Decision.PIVOT, rationale="Bredare modell.")
    services.close_review(review, admin)

    shift = maps.portfolio_shift(portfolio, admin)
    json.dumps(shift)
    moves = {(m["initiative"]["title"], m["horizon_from"], m["horizon_to"], m["phase_to"]) for m in shift["moves"]}
    assert moves == {
        ("Mobil trygghetslösning för seniorer", "h1", "h1", Phase.COMPOSTED),
        ("Samverkansmodell med civilsamhället", "h2", "h3", Phase.IDEA_DEVELOPMENT),
    }
    assert [c["initiative"]["title"] for c in shift["composted"]] == ["Mobil trygghetslösning för seniorer"]
    assert shift["composted"][0]["lessons"] == "Digital ledsagning uppskattades."
    [twinned] = shift["twinned"]
    assert (twinned["initiative"]["title"], twinned["municipality"]) == (
        "Måltider och möten för seniorer",
        "Västerås stad",
    )
    assert twinned["twin"]["title"] == "Måltider och möten för seniorer (Västerås stad)"
    assert shift["reviews"][0]["moved"] == 2 and shift["reviews"][0]["twinned"] == 1
    # Anyone else sees the public moves, but not the draft twin.
    public = maps.portfolio_shift(portfolio, AnonymousUser())
    assert public["twinned"][0]["twin"] is None
    # The map now carries the draft twin for the admin, on H3 beside its original.
    for_admin = maps.portfolio_map(portfolio, admin)
    h3_titles = {item["title"] for row_cell in for_admin["rows"][2]["cells"] for item in row_cell["initiatives"]}
    assert "Måltider och möten för seniorer (Västerås stad)" in h3_titles


def test_the_shift_across_two_reviews_from_their_snapshots(network, network_admin, member):
    portfolio = services.create_portfolio(network=network, title="P", language="da", visibility=Visibility.NETWORK)
    kobenhavn = factories.MunicipalityFactory(name="Københavns Kommune", country=Country.DENMARK)
    seen = factories.InitiativeFactory(network=network, title="Fællesskabsagenter", phase=Phase.MATURATION)
    hidden = factories.InitiativeFactory(network=network, title="Kladde", visibility=Visibility.DRAFT)
    for initiative, horizon in ((seen, Horizon.H1), (hidden, Horizon.H1)):
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative, horizon=horizon)

    first = services.open_review(portfolio, "Forår", network_admin)
    for initiative in (seen, hidden):
        services.assess(first, initiative, user=network_admin, horizon="h2", decision="continue", rationale="Godt.")
    services.close_review(first, network_admin)
    second = services.open_review(portfolio, "Efterår", network_admin)
    services.assess(
        second, seen, user=network_admin, horizon="h3", decision="scale", rationale="Virker.",
        scale_municipalities=[kobenhavn],
    )  # fmt: skip
    services.close_review(second, network_admin)
    # Later changes to the initiative do not rewrite history: the shift reads snapshots.
    seen.title = "Renamed"
    seen.save()

    shift = maps.portfolio_shift(portfolio, member)

    assert [r["title"] for r in shift["reviews"]] == ["Forår", "Efterår"]
    assert [
        (
            m["review_title"],
            m["initiative"]["title"],
            m["horizon_from"],
            m["horizon_to"],
            m["phase_from"],
            m["phase_to"],
        )
        for m in shift["moves"]
    ] == [
        ("Forår", "Fællesskabsagenter", "h1", "h2", Phase.MATURATION, Phase.MATURATION),
        ("Efterår", "Fællesskabsagenter", "h2", "h3", Phase.MATURATION, Phase.SCALING),
    ]
    assert shift["scaled"][0]["municipalities"] == ["Københavns Kommune"]
    chart = shift["chart"]
    assert chart["stages"][1:] == ["Forår", "Efterår"]
    assert [(link["source"], link["target"], link["value"]) for link in chart["links"]] == [
        ("0:h1", "1:h2", 1),
        ("1:h2", "2:h3", 1),
    ]
    assert {node["id"] for node in chart["nodes"]} == {"0:h1", "1:h2", "2:h3"}
    for_admin = maps.portfolio_shift(portfolio, network_admin)
    assert len(for_admin["moves"]) == 3 and for_admin["chart"]["links"][0]["value"] == 2


def test_the_review_sheet_shows_versions_and_who_may_assess(network, network_admin, coordinator, member):
    portfolio = services.create_portfolio(network=network, title="P", language="sv", visibility=Visibility.NETWORK)
    mine = factories.InitiativeFactory(network=network, title="Mine")
    factories.ParticipationFactory(initiative=mine, organisation=coordinator.person.organisation)
    other = factories.InitiativeFactory(network=network, title="Other")
    for initiative in (mine, other):
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative)
    review = services.open_review(portfolio, "Övning", network_admin)
    services.assess(review, mine, user=coordinator, horizon="h3", decision="continue", rationale="Bra.")

    sheet = maps.review_sheet(review, coordinator)

    rows = {row["initiative"]["title"]: row for row in sheet["rows"]}
    assert (rows["Mine"]["may_assess"], rows["Other"]["may_assess"]) == (True, False)
    assert rows["Mine"]["decision"]["version"] == 1 and rows["Other"]["decision"] is None
    assert (sheet["assessed"], sheet["total"]) == (1, 2)
    assert not any(row["may_assess"] for row in maps.review_sheet(review, member)["rows"])
    assert all(row["may_assess"] for row in maps.review_sheet(review, network_admin)["rows"])
    services.close_review(review, network_admin)
    review.refresh_from_db()
    assert not any(row["may_assess"] for row in maps.review_sheet(review, network_admin)["rows"])
    json.dumps(sheet)
