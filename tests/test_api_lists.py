"""Lists: the pages' filters, incremental sync, pagination, CSV, and a constant number
of queries however long the list."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import resolve, reverse
from django.utils import timezone

from core.choices import Visibility
from evaluation.filtersets import LearningEntryFilterSet
from evaluation.models import LearningEntry
from initiatives.choices import Phase
from initiatives.filtersets import InitiativeFilterSet, MissionFilterSet, ThemeFilterSet
from initiatives.models import Initiative, Mission, Theme
from partners.filtersets import NetworkFilterSet, OrganisationFilterSet
from partners.models import Network, Organisation
from portfolios.filtersets import PortfolioFilterSet
from portfolios.models import Portfolio

from . import factories
from .support.api import (
    ENDPOINTS,
    World,
    client_for,
    list_ids,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def initiatives(network, other_network, coordinator):
    """Initiatives of every audience, phase and partner mix the filters look at."""
    world = World(network, coordinator)
    eskilstuna = factories.MunicipalityFactory(name="Eskilstuna kommun", municipality_code="0484", country="SE")
    meals = world.initiative(
        Visibility.PUBLIC,
        title="Måltider och möten för seniorer",
        summary="Nya lösningar för äldres måltider och gemenskap",
        phase=Phase.PROTOTYPING,
        sdg_targets=["3.4", "11.7"],
        target_groups=["older_alone"],
    )
    meals.municipalities.add(eskilstuna)
    factories.ParticipationFactory(initiative=meals, organisation=eskilstuna)
    world.initiative(Visibility.NETWORK, title="Udsatte familier", phase=Phase.SCALING, sdg_targets=["1.3"])
    world.initiative(Visibility.DRAFT, title="Fællesskabsagenter", phase=Phase.PROTOTYPING)
    factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Andres kladde")
    factories.InitiativeFactory(network=other_network, visibility=Visibility.NETWORK, title="Andet netværk")
    for n in range(30):
        world.initiative(Visibility.PUBLIC, title=f"Gemenskap {n:02d}", phase=Phase.SCALING)
    return {"meals": meals, "eskilstuna": eskilstuna}


def page_ids(client, url_name, query):
    """The records a page lists for the query string: all pages, in its order."""
    response = client.get(f"{reverse(url_name)}?{query}")
    assert response.status_code == 200
    return list(response.context["paginator"].object_list.values_list("pk", flat=True))


def filterset_ids(filterset_class, model, user, query):
    """What the FilterSet selects from visible_to(user), for a page that has no filters yet."""
    from django.http import QueryDict
    from django.test import RequestFactory

    request = RequestFactory().get("/")
    request.user = user
    params = QueryDict(query)
    filterset = filterset_class(params, queryset=model.objects.visible_to(user), request=request)
    assert filterset.is_valid(), filterset.errors
    return list(filterset.qs.values_list("pk", flat=True))


# (API prefix, page URL name, FilterSet, model, query strings). The query strings use the
# FilterSet's parameter names; "{...}" names a fixture value.
PAGE_LISTS = [
    (
        "initiatives",
        "initiatives:initiative_list",
        InitiativeFilterSet,
        Initiative,
        [
            "",
            "q=GEMENSKAP",
            "phase=prototyping&phase=scaling",
            "phase=prototyping",
            "sdg=11.7",
            "target_group=older_alone",
            "municipality_id={eskilstuna}",
            "organisation_id={eskilstuna}",
            "sector=municipality",
            "visibility=network&visibility=draft",
            "ordering=-title",
            "ordering=phase,-start_date",
            "updated_since=2000-01-01T00:00:00%2B01:00",
            "q=gemenskap&phase=scaling&ordering=title",
        ],
    ),
    ("networks", "partners:network_list", NetworkFilterSet, Network, ["", "q=samh", "country=DK", "ordering=-name"]),
    (
        "organisations",
        "partners:organisation_list",
        OrganisationFilterSet,
        Organisation,
        ["", "sector=municipality", "q=eskil", "country=SE"],
    ),
    ("themes", "initiatives:theme_list", ThemeFilterSet, Theme, ["", "visibility=public", "ordering=-name"]),
    ("missions", "initiatives:mission_list", MissionFilterSet, Mission, ["", "q=mission", "ordering=title"]),
    ("portfolios", "portfolios:portfolio_list", PortfolioFilterSet, Portfolio, ["", "visibility=draft"]),
    ("learning-entries", "evaluation:learning_list", LearningEntryFilterSet, LearningEntry, ["", "kind=barrier"]),
]


@pytest.mark.parametrize("persona", ["anonymous", "member", "network_admin"])
@pytest.mark.parametrize(
    "prefix, url_name, filterset_class, model, queries", PAGE_LISTS, ids=[entry[0] for entry in PAGE_LISTS]
)
def test_the_page_and_the_api_list_the_same_records(
    prefix, url_name, filterset_class, model, queries, persona, personas, initiatives, network, client
):
    world = World(network, personas["coordinator"])
    for visibility in Visibility.values:
        world.mission(visibility)
        world.portfolio(visibility)
        factories.ThemeFactory(network=network, visibility=visibility)
        factories.LearningEntryFactory(initiative=world.initiative(visibility), visibility=visibility, kind="barrier")
    user = personas[persona]
    if user is not None:
        client.force_login(user)
    api = client_for(user)
    page_has_filters = getattr(resolve(reverse(url_name)).func.view_class, "filterset", None) is not None
    for query in queries:
        query = query.format(eskilstuna=initiatives["eskilstuna"].pk)
        api_ids = list_ids(api, f"/api/v1/{prefix}/", query)
        if page_has_filters or not query:
            expected = page_ids(client, url_name, query)
        else:
            # TODO: this page has no filters yet; until it has, the API is compared with
            # the FilterSet it will use, applied to what the user may see.
            from django.contrib.auth.models import AnonymousUser

            expected = filterset_ids(filterset_class, model, user or AnonymousUser(), query)
        assert sorted(api_ids) == sorted(expected), query
        assert len(api_ids) == len(set(api_ids)), f"duplicates for {query}"
        if "ordering" in query:
            assert api_ids == expected, query


def test_filters_work_on_the_api_as_documented(initiatives, client):
    api = client_for(None)
    meals = initiatives["meals"]
    assert list_ids(api, "/api/v1/initiatives/", "q=måltider") == [meals.pk]
    assert list_ids(api, "/api/v1/initiatives/", "sdg=11.7") == [meals.pk]
    assert list_ids(api, "/api/v1/initiatives/", f"municipality_id={initiatives['eskilstuna'].pk}") == [meals.pk]
    # Anonymous users see public initiatives only, whatever they ask for.
    assert list_ids(api, "/api/v1/initiatives/", "visibility=draft") == []


def test_incremental_sync_returns_exactly_what_changed(world, network_admin):
    unchanged, edited, funded = (world.initiative(title=title) for title in ("Unchanged", "Edited", "Funded"))
    old_funding = factories.FundingFactory(initiative=unchanged)
    since = timezone.now()
    api = client_for(network_admin)

    assert api.patch(f"/api/v1/initiatives/{edited.pk}/", {"summary": "New"}, format="json").status_code == 200
    payload = {"initiative": funded.pk, "funder_name": "EU", "amount": "10.00", "currency": "EUR", "kind": "eu"}
    created = api.post("/api/v1/fundings/", payload, format="json")
    assert created.status_code == 201

    params = f"updated_since={since.isoformat().replace('+', '%2B')}"
    # The funding row is shown inside its initiative, so the initiative changed too.
    assert sorted(list_ids(api, "/api/v1/initiatives/", params)) == sorted([edited.pk, funded.pk])
    assert list_ids(api, "/api/v1/fundings/", params) == [created.json()["id"]]
    assert old_funding.pk in list_ids(api, "/api/v1/fundings/")
    # The same instant in another offset means the same thing.
    local = since.astimezone(datetime.timezone(datetime.timedelta(hours=2))).isoformat().replace("+", "%2B")
    assert sorted(list_ids(api, "/api/v1/initiatives/", f"updated_since={local}")) == sorted([edited.pk, funded.pk])


def test_pagination_is_limit_offset_with_count_next_and_previous(world):
    for _ in range(105):
        world.initiative(title="Same title", phase=Phase.SCALING)
    api = client_for(None)
    first = api.get("/api/v1/initiatives/").json()
    assert first["count"] == 105
    assert len(first["results"]) == 20
    assert first["previous"] is None
    assert "offset=20" in first["next"] and "limit=20" in first["next"]
    assert len(api.get("/api/v1/initiatives/?limit=100").json()["results"]) == 100
    second = api.get(first["next"]).json()
    assert second["previous"]

    # All sort alike: the order is still total, so the pages neither repeat nor skip.
    seen = []
    for offset in range(0, 105, 15):
        page = api.get(f"/api/v1/initiatives/?ordering=title&limit=15&offset={offset}").json()
        seen += [row["id"] for row in page["results"]]
    assert sorted(seen) == sorted(set(seen)) == sorted(Initiative.objects.values_list("pk", flat=True))


def test_every_list_answers_in_csv(world):
    meals = world.initiative(title='=HYPERLINK("http://evil.example")', target_groups=["older_alone"])
    factories.FundingFactory(initiative=meals)
    api = client_for(None)
    for endpoint in ENDPOINTS:
        endpoint.make(world, "public")
        response = api.get(f"{endpoint.list_url}?format=csv")
        assert response.status_code == 200, endpoint.basename
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
        assert len(rows) == api.get(endpoint.list_url).json()["count"] and rows, endpoint.basename
        assert "id" in rows[0]

    rows = list(csv.DictReader(io.StringIO(api.get("/api/v1/initiatives/?format=csv").content.decode("utf-8-sig"))))
    row = next(r for r in rows if r["id"] == str(meals.pk))
    # A cell a spreadsheet would run as a formula is defused; nested values are JSON.
    assert row["title"] == '\'=HYPERLINK("http://evil.example")'
    assert row["target_groups"] == '["older_alone"]'
    assert '"funder_name": "Puljen"' in row["fundings"]
    assert api.get("/api/v1/initiatives/", HTTP_ACCEPT="text/csv")["Content-Type"].startswith("text/csv")


@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.basename)
def test_a_list_takes_the_same_number_of_queries_for_5_and_40_records(endpoint, world, network_admin):
    api = client_for(network_admin)

    def queries_for(count):
        while type_count() < count:
            endpoint.make(world, "public")
        with CaptureQueriesContext(connection) as captured:
            response = api.get(f"{endpoint.list_url}?limit=100")
        assert response.status_code == 200
        assert response.json()["count"] >= count
        return len(captured)

    def type_count():
        return api.get(f"{endpoint.list_url}?limit=1").json()["count"]

    few = queries_for(5)
    many = queries_for(40)
    assert many == few, f"{few} queries for 5 records, {many} for 40"
    assert many <= 12
