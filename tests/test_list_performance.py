"""What the request-side performance work (issue 7, docs/performance.md) changed on the
lists, held: the page size parameter, filters without SELECT DISTINCT, a constant number
of queries at every page size, and an API list whose read-ahead gives the same answer as
the records read one by one."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.test import APIRequestFactory

from core.choices import Visibility
from initiatives.api.serializers import InitiativeSerializer
from initiatives.choices import Phase
from initiatives.models import Initiative
from partners.choices import Sector

from . import factories
from .support.api import World, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def many(network, coordinator):
    world = World(network, coordinator)
    aarhus = factories.MunicipalityFactory(name="Aarhus Kommune")
    odense = factories.MunicipalityFactory(name="Odense Kommune")
    theme = factories.ThemeFactory(network=network)
    mission = factories.MissionFactory(network=network, theme=theme)
    rows = []
    for n in range(60):
        initiative = world.initiative(Visibility.PUBLIC, title=f"Fællesskab {n:02d}", phase=Phase.PROTOTYPING)
        if n % 2 == 0:
            # In both municipalities and two municipal partners: a join would repeat it.
            initiative.municipalities.add(aarhus, odense)
            factories.ParticipationFactory(initiative=initiative, organisation=aarhus)
            factories.ParticipationFactory(initiative=initiative, organisation=odense)
            initiative.missions.add(mission)
            factories.FundingFactory(initiative=initiative)
            factories.PhaseChangeFactory(initiative=initiative)
        rows.append(initiative)
    world.initiative(Visibility.DRAFT, title="Kladde", phase=Phase.PROTOTYPING).municipalities.add(aarhus)
    return {"rows": rows, "aarhus": aarhus, "odense": odense, "theme": theme, "mission": mission}


def statements(queries):
    """What the request sent, without the savepoints of the test's own transaction."""
    return [q["sql"] for q in queries if not q["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]


def listed(response):
    return [obj.pk for obj in response.context["page_obj"].object_list]


@pytest.mark.parametrize(
    ("query", "rows"),
    [("", 25), ("per_page=50", 50), ("per_page=10", 10), ("per_page=100", 60), ("per_page=7", 25), ("per_page=x", 25)],
)
def test_per_page_asks_for_an_offered_page_size(client, many, query, rows):
    response = client.get(f"{reverse('initiatives:initiative_list')}?{query}")
    assert response.status_code == 200
    assert len(listed(response)) == rows


def test_per_page_is_kept_by_the_filter_form_and_is_not_a_filter(client, many):
    response = client.get(f"{reverse('initiatives:initiative_list')}?per_page=50&page=2")
    assert len(listed(response)) == 10
    assert '<input type="hidden" name="per_page" value="50">' in response.text
    assert response.context["filtered"] is False
    response = client.get(f"{reverse('initiatives:initiative_list')}?per_page=50&phase=scaling")
    assert response.context["filtered"] is True


@pytest.mark.parametrize("persona", [None, "member", "network_admin"])
def test_queries_are_the_same_at_every_page_size(client, many, request, persona):
    if persona:
        client.force_login(request.getfixturevalue(persona))
    url = reverse("initiatives:initiative_list")
    query = f"phase=prototyping&municipality_id={many['aarhus'].pk}&municipality_id={many['odense'].pk}"
    counts = []
    for size in (10, 50, 100):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"{url}?{query}&per_page={size}").status_code == 200
        counts.append(len(statements(queries)))
    assert counts[0] == counts[1] == counts[2], counts
    if persona is None:
        assert counts[0] <= 10


def test_to_many_filters_need_no_distinct_and_repeat_no_row(client, many):
    aarhus, odense = many["aarhus"], many["odense"]
    query = (
        f"municipality_id={aarhus.pk}&municipality_id={odense.pk}&organisation_id={aarhus.pk}"
        f"&organisation_id={odense.pk}&sector={Sector.MUNICIPALITY}&theme_id={many['theme'].pk}"
        f"&mission_id={many['mission'].pk}&phase=prototyping&per_page=100"
    )
    expected = sorted(initiative.pk for n, initiative in enumerate(many["rows"]) if n % 2 == 0)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{reverse('initiatives:initiative_list')}?{query}")
    assert sorted(listed(response)) == expected
    assert response.context["paginator"].count == 30
    initiative_sql = [q["sql"] for q in queries if 'FROM "initiatives_initiative"' in q["sql"]]
    assert initiative_sql and not any("DISTINCT" in sql for sql in initiative_sql)
    api = client_for(None).get(f"/api/v1/initiatives/?{query.replace('per_page', 'limit')}").json()
    assert api["count"] == 30 and sorted(row["id"] for row in api["results"]) == expected


def test_the_api_list_reads_ahead_the_same_answer_as_one_record_at_a_time(many):
    answer = client_for(None).get("/api/v1/initiatives/?limit=100").json()
    assert answer["count"] == 60
    request = APIRequestFactory().get("/api/v1/initiatives/")
    from rest_framework.request import Request

    context = {"request": Request(request)}
    for row in answer["results"]:
        alone = InitiativeSerializer(Initiative.objects.get(pk=row["id"]), context=context).data
        assert row == alone
    with_everything = [row for row in answer["results"] if row["fundings"]]
    assert len(with_everything) == 30
    assert all(len(row["municipalities"]) == 2 and len(row["participations"]) == 3 for row in with_everything)


def test_the_api_list_queries_are_the_same_at_every_limit(many):
    client = client_for(None)
    counts = []
    for limit in (5, 60):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/api/v1/initiatives/?limit={limit}").status_code == 200
        counts.append(len(statements(queries)))
    assert counts[0] == counts[1] <= 8, counts


def test_a_change_answers_with_the_relations_as_they_are_after_it(many, network_admin, coordinator):
    initiative = many["rows"][0]
    other = factories.MissionFactory(network=initiative.network)
    client = client_for(coordinator)
    before = client.get(f"/api/v1/initiatives/{initiative.pk}/")
    assert before.json()["missions"] == [many["mission"].pk]
    answer = client.patch(
        f"/api/v1/initiatives/{initiative.pk}/",
        {"missions": [other.pk], "end_date": datetime.date(2027, 1, 1).isoformat()},
        format="json",
        HTTP_IF_MATCH=before["ETag"],
    )
    assert answer.status_code == 200, answer.content
    assert answer.json()["missions"] == [other.pk]
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/").json()["missions"] == [other.pk]
