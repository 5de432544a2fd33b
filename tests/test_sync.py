"""Issue 12, lossless sync: cursor pages on (updated, id), invalid paging parameters
answered 400, cascades that mark the parent changed (its `updated` and ETag), and the
deletion feed (tombstones) with the visibility the deleted record had."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from core.choices import Visibility
from core.models import Tombstone
from core.tasks import prune_tombstones
from initiatives.models import Initiative, Mission, Participation

from . import factories
from .support.api import World, client_for

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(network, coordinator):
    return World(network, coordinator)


def etag(api, url):
    response = api.get(url)
    assert response.status_code == 200, response.content
    return response["ETag"]


def capture_queries():
    # The log keeps 9,000 queries; a full one would capture none.
    connection.queries_log.clear()
    return CaptureQueriesContext(connection)


def cursor_ids(api, url):
    ids, next_url, pages = [], url, 0
    while next_url:
        response = api.get(next_url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "count" not in body and body["previous"] is None
        ids += [row["id"] for row in body["results"]]
        next_url = body["next"]
        pages += 1
    return ids, pages


# --- paging -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query, parameter",
    [
        ("limit=-1", "limit"),
        ("limit=abc", "limit"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("offset=-5", "offset"),
        ("offset=x", "offset"),
        ("cursor=bm9wZQ", "cursor"),
        ("cursor=%%%", "cursor"),
        ("ordering=updated&offset=20", "offset"),
        ("cursor=&ordering=title", "ordering"),
    ],
)
def test_invalid_paging_parameters_are_400_problem_documents(query, parameter):
    response = client_for(None).get(f"/api/v1/initiatives/?{query}")
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["parameter"] for error in response.json()["errors"]] == [parameter]


def test_the_deletion_feed_refuses_a_bad_cursor_too():
    response = client_for(None).get("/api/v1/deletions/?cursor=WzEsMl0")
    assert response.status_code == 400
    assert response.json()["errors"][0]["parameter"] == "cursor"


def test_cursor_pages_follow_updated_then_id_and_keep_updated_since(world):
    records = [world.initiative(title=f"Initiative {n}") for n in range(7)]
    # Several records with the very same `updated`: the id orders them.
    same = timezone.now()
    Initiative.objects.filter(pk__in=[r.pk for r in records[:4]]).update(updated=same)
    api = client_for(None)
    ids, pages = cursor_ids(api, "/api/v1/initiatives/?ordering=updated&limit=3")
    expected = list(Initiative.objects.order_by("updated", "pk").values_list("pk", flat=True))
    assert ids == expected and pages == 3
    assert "cursor=" in api.get("/api/v1/initiatives/?ordering=updated&limit=3").json()["next"]
    since = same.isoformat().replace("+", "%2B")
    ids, _ = cursor_ids(api, f"/api/v1/initiatives/?cursor=&updated_since={since}&limit=2")
    assert ids == [pk for pk in expected if Initiative.objects.get(pk=pk).updated >= same]


def test_a_record_changed_between_pages_is_neither_lost_nor_doubled(world, network_admin):
    """The issue's reproduction: with offset pages, an edit between page 1 and 2 moved a
    record, so one came twice and another never."""
    records = [world.initiative(title=f"Initiative {n}") for n in range(6)]
    api = client_for(network_admin)
    first = api.get("/api/v1/initiatives/?ordering=updated&limit=3").json()
    seen = [row["id"] for row in first["results"]]
    # Edit one already seen: it moves to the end and comes again, later.
    assert api.patch(f"/api/v1/initiatives/{seen[0]}/", {"summary": "Edited"}, format="json").status_code == 200
    next_url = first["next"]
    while next_url:
        body = api.get(next_url).json()
        seen += [row["id"] for row in body["results"]]
        next_url = body["next"]
    assert set(seen) == {r.pk for r in records}
    assert len(seen) == len(records) + 1 and seen[-1] == seen[0]


# --- cascades -----------------------------------------------------------------------


def test_a_child_row_change_and_deletion_change_the_parent(world, network_admin):
    initiative = world.initiative()
    api = client_for(network_admin)
    url = f"/api/v1/initiatives/{initiative.pk}/"
    before = etag(api, url)
    funding = factories.FundingFactory(initiative=initiative)
    after_add = etag(api, url)
    assert after_add != before
    funding.amount = 1
    funding.save()
    after_change = etag(api, url)
    assert after_change != after_add
    funding.delete()
    assert etag(api, url) != after_change


def test_a_child_row_deleted_by_a_cascade_changes_its_record(world, network_admin):
    """A queryset delete (as a cascade, it skips Model.delete()) of partner rows changes
    their initiatives, in one UPDATE."""
    initiative = world.initiative()
    other = world.initiative()
    api = client_for(network_admin)
    factories.ParticipationFactory(initiative=other)
    factories.ParticipationFactory(initiative=initiative)
    urls = [f"/api/v1/initiatives/{record.pk}/" for record in (initiative, other)]
    before = [etag(api, url) for url in urls]
    with capture_queries() as queries:
        Participation.objects.filter(initiative__in=[initiative, other], role="partner").delete()
    touches = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "initiatives_initiative"')]
    assert len(touches) == 1, touches  # one UPDATE for the whole cascade
    assert [etag(api, url) for url in urls] != before


def test_a_person_s_roles_are_inside_the_person(network_admin, network):
    person = factories.PersonFactory()
    api = client_for(network_admin)
    url = f"/api/v1/people/{person.pk}/"
    before = etag(api, url)
    factories.MembershipFactory(network=network, person=person)
    assert etag(api, url) != before


def test_many_to_many_changes_from_either_side_change_the_record(world, network_admin):
    initiative = world.initiative()
    mission = world.mission()
    api = client_for(network_admin)
    url = f"/api/v1/initiatives/{initiative.pk}/"
    steps = [
        lambda: initiative.missions.add(mission),
        lambda: initiative.missions.remove(mission),
        lambda: mission.initiatives.add(initiative),
        lambda: mission.initiatives.clear(),
        lambda: initiative.municipalities.set([factories.MunicipalityFactory()]),
        lambda: initiative.municipalities.clear(),
    ]
    previous = etag(api, url)
    for step in steps:
        step()
        current = etag(api, url)
        assert current != previous, step
        previous = current


def test_a_deleted_mission_changes_its_initiatives_and_updated_since_finds_them(world, network_admin):
    mission = world.mission()
    linked = [world.initiative() for _ in range(3)]
    unlinked = world.initiative()
    for initiative in linked:
        initiative.missions.add(mission)
    api = client_for(network_admin)
    etags = {i.pk: etag(api, f"/api/v1/initiatives/{i.pk}/") for i in [*linked, unlinked]}
    since = timezone.now()
    with capture_queries() as queries:
        Mission.objects.get(pk=mission.pk).delete()
    touches = [q["sql"] for q in queries if q["sql"].startswith('UPDATE "initiatives_initiative"')]
    assert len(touches) == 1, touches
    for initiative in linked:
        response = api.get(f"/api/v1/initiatives/{initiative.pk}/", HTTP_IF_NONE_MATCH=etags[initiative.pk])
        assert response.status_code == 200
        assert response.json()["missions"] == []
    assert api.get(f"/api/v1/initiatives/{unlinked.pk}/", HTTP_IF_NONE_MATCH=etags[unlinked.pk]).status_code == 304
    stamp = since.isoformat().replace("+", "%2B")
    changed = [row["id"] for row in api.get(f"/api/v1/initiatives/?updated_since={stamp}").json()["results"]]
    assert sorted(changed) == sorted(i.pk for i in linked)


def test_a_deleted_original_changes_its_twin(world, network_admin):
    original = world.initiative()
    twin = world.initiative(twin_of=original)
    api = client_for(network_admin)
    url = f"/api/v1/initiatives/{twin.pk}/"
    before = etag(api, url)
    assert api.delete(f"/api/v1/initiatives/{original.pk}/").status_code == 204
    response = api.get(url, HTTP_IF_NONE_MATCH=before)
    assert response.status_code == 200 and response.json()["twin_of"] is None


def test_a_moved_row_changes_its_former_record_too(world, network_admin):
    first, second = world.initiative(), world.initiative()
    funding = factories.FundingFactory(initiative=first)
    api = client_for(network_admin)
    before = etag(api, f"/api/v1/initiatives/{first.pk}/")
    funding = type(funding).objects.get(pk=funding.pk)
    funding.initiative = second
    funding.save()
    assert etag(api, f"/api/v1/initiatives/{first.pk}/") != before


# --- tombstones ---------------------------------------------------------------------


def deletions(api, query=""):
    ids, next_url = [], f"/api/v1/deletions/?limit=2&{query}"
    while next_url:
        response = api.get(next_url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [(row["type"], row["id"]) for row in body["results"]]
        next_url = body["next"]
    return ids


def test_every_deletion_leaves_a_tombstone_seen_by_those_who_saw_the_record(
    world, network_admin, coordinator, member, outsider
):
    public = world.initiative(visibility=Visibility.PUBLIC)
    funding = factories.FundingFactory(initiative=public)
    network_only = world.initiative(visibility=Visibility.NETWORK)
    draft = world.initiative(visibility=Visibility.DRAFT)
    entry = factories.LearningEntryFactory(initiative=network_only, visibility=Visibility.PUBLIC)
    ids = {
        "public": public.pk,
        "funding": funding.pk,
        "network": network_only.pk,
        "draft": draft.pk,
        "entry": entry.pk,
    }
    for record in (public, network_only, draft):
        Initiative.objects.get(pk=record.pk).delete()

    everything = {
        ("initiatives", ids["public"]),
        ("fundings", ids["funding"]),
        ("initiatives", ids["network"]),
        ("learning-entries", ids["entry"]),
        ("initiatives", ids["draft"]),
    }
    public_ones = {("initiatives", ids["public"]), ("fundings", ids["funding"])}
    types = "type=initiatives&type=fundings&type=learning-entries"
    assert set(deletions(client_for(None), types)) == public_ones
    assert set(deletions(client_for(outsider), types)) == public_ones
    assert set(deletions(client_for(member), types)) == everything - {("initiatives", ids["draft"])}
    # The coordinator's organisation took part in the draft; the admin sees all drafts.
    assert set(deletions(client_for(coordinator), types)) == everything
    assert set(deletions(client_for(network_admin), types)) == everything
    # The partner rows went with their initiatives, and are in the feed too.
    assert len(deletions(client_for(network_admin), "type=participations")) == 3
    assert deletions(client_for(None), "type=fundings") == [("fundings", ids["funding"])]


def test_a_draft_s_tombstone_is_not_for_coordinators_of_other_organisations(world, network, network_admin):
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    other_coordinator = factories.UserFactory()
    from partners.choices import MembershipRole

    person = factories.PersonFactory(user=other_coordinator)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.COORDINATOR)
    draft_id = draft.pk
    draft.delete()
    assert deletions(client_for(other_coordinator)) == []
    assert deletions(client_for(network_admin)) == [("initiatives", draft_id)]


def test_a_draft_s_tombstone_follows_roles_per_network(world, network, other_network, coordinator):
    """Network B's draft with the coordinator's organisation as a partner: the coordinator
    coordinates in network A, not in B, so neither the draft nor its deletion is theirs to
    see (roles are per network, as for the draft itself: tests/test_roles_per_network.py)."""
    organisation = coordinator.person.organisation
    draft = factories.InitiativeFactory(network=other_network, visibility=Visibility.DRAFT)
    factories.ParticipationFactory(initiative=draft, organisation=organisation, role="partner")
    assert not Initiative.objects.visible_to(coordinator).filter(pk=draft.pk).exists()
    own_draft = world.initiative(visibility=Visibility.DRAFT)  # in A, their organisation the lead
    draft_id, own_id = draft.pk, own_draft.pk
    draft.delete()
    own_draft.delete()
    assert deletions(client_for(coordinator), "type=initiatives") == [("initiatives", own_id)]
    assert draft_id != own_id


def test_deleted_since_filters_and_old_tombstones_are_pruned(world, settings):
    first = world.initiative()
    first_id = first.pk
    first.delete()
    since = timezone.now()
    second = world.initiative()
    second_id = second.pk
    second.delete()
    api = client_for(None)
    stamp = since.isoformat().replace("+", "%2B")
    assert deletions(api, f"deleted_since={stamp}&type=initiatives") == [("initiatives", second_id)]
    assert api.get("/api/v1/deletions/?deleted_since=yesterday").status_code == 400
    assert api.get("/api/v1/deletions/?type=nonsense").status_code == 400

    settings.HORISONT_TOMBSTONE_DAYS = 365
    Tombstone.objects.filter(resource="initiatives", object_id=first_id).update(
        deleted_at=timezone.now() - datetime.timedelta(days=366)
    )
    assert prune_tombstones() == 1
    assert [t.object_id for t in Tombstone.objects.filter(resource="initiatives")] == [second_id]


def test_the_prune_job_is_a_registered_daily_task(settings):
    from config.celery_app import app

    schedules = [entry for entry in settings.CELERY_BEAT_SCHEDULE.values() if entry["task"] == prune_tombstones.name]
    assert len(schedules) == 1
    app.loader.import_default_modules()
    assert prune_tombstones.name == "core.tasks.prune_tombstones" and prune_tombstones.name in app.tasks


def test_every_list_has_the_sync_mode(world, network_admin):
    from .support.api import ENDPOINTS

    api = client_for(network_admin)
    for endpoint in ENDPOINTS:
        endpoint.make(world, "public")
        endpoint.make(world, "public")
        ids, pages = cursor_ids(api, f"{endpoint.list_url}?ordering=updated&limit=1")
        expected = list(
            endpoint_model(endpoint)
            .objects.visible_to(network_admin)
            .order_by("updated", "pk")
            .values_list("pk", flat=True)
        )
        assert ids == expected and pages == len(expected) >= 2, endpoint.basename


def endpoint_model(endpoint):
    from config.api_urls import router

    return next(viewset.queryset.model for _, viewset, basename in router.registry if basename == endpoint.basename)
