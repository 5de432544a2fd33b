"""Every endpoint, for the five personas: who lists, reads, changes, deletes and creates
what (the table and the rules are in tests/support/api.py)."""

import pytest

from config.api_urls import router

from . import factories
from .support.api import (
    ENDPOINTS,
    ENDPOINTS_BY_BASENAME,
    PERSONAS,
    assert_problem,
    client_for,
    list_ids,
)

pytestmark = pytest.mark.django_db


def test_every_endpoint_of_the_router_has_an_entry_and_every_entry_an_endpoint():
    registered = {basename for _, _, basename in router.registry}
    assert registered == set(ENDPOINTS_BY_BASENAME)


def test_the_root_lists_every_resource(client):
    response = client.get("/api/v1/")
    assert response.status_code == 200
    resources = response.json()["resources"]
    assert set(resources) == {prefix for prefix, _, _ in router.registry}
    for url in resources.values():
        assert client.get(url).status_code == 200


@pytest.mark.parametrize("persona", PERSONAS)
@pytest.mark.parametrize("endpoint", ENDPOINTS, ids=lambda e: e.basename)
def test_who_lists_reads_changes_deletes_and_creates(endpoint, persona, personas, world):
    rule = endpoint.rule
    records = {visibility: endpoint.make(world, visibility) for visibility in endpoint.visibilities()}
    client = client_for(personas[persona])

    listed = set(list_ids(client, endpoint.list_url))
    for visibility, record in records.items():
        readable = rule.reads(persona, visibility)
        assert (record.pk in listed) == readable, f"{visibility} record listed: {record.pk in listed}"
        response = client.get(endpoint.detail_url(record))
        if readable:
            assert response.status_code == 200, response.content
            assert response.json()["id"] == record.pk
            assert response["ETag"]
        else:
            assert_problem(response, 404)

    for visibility, record in records.items():
        response = client.patch(endpoint.detail_url(record), endpoint.change, format="json")
        expected = expected_write_status(endpoint, persona, visibility, success=200)
        assert response.status_code == expected, (visibility, response.content)
        if expected == 200:
            record.refresh_from_db()
            for name, value in endpoint.change.items():
                assert str(getattr(record, name)) == value
        else:
            assert_problem(response, expected)

    for visibility, record in records.items():
        response = client.delete(endpoint.detail_url(record))
        expected = expected_write_status(endpoint, persona, visibility, success=204)
        assert response.status_code == expected, (visibility, response.content)
        still_there = type(record)._base_manager.filter(pk=record.pk).exists()
        assert still_there == (expected != 204)

    if endpoint.create is None:
        response = client.post(endpoint.list_url, {}, format="json")
        assert_problem(response, 401 if persona == "anonymous" else 405)
        return
    payload = endpoint.create(world)
    model = type(next(iter(records.values())))
    count_before = model._base_manager.count()
    response = client.post(endpoint.list_url, payload, format="json")
    if persona == "anonymous":
        assert_problem(response, 401)
    elif rule.changes(persona):
        assert response.status_code == 201, response.content
        created = model._base_manager.get(pk=response.json()["id"])
        assert client.get(endpoint.detail_url(created)).status_code == 200, "the creator cannot read it back"
    else:
        assert_problem(response, 403)
    assert model._base_manager.count() == count_before + (1 if response.status_code == 201 else 0)


def expected_write_status(endpoint, persona, visibility, success):
    rule = endpoint.rule
    if persona == "anonymous":
        return 401
    if not rule.reads(persona, visibility):
        return 405 if rule.read_only else 404
    if rule.read_only:
        return 405
    return success if rule.changes(persona) else 403


@pytest.mark.parametrize("endpoint", [e for e in ENDPOINTS if e.create is not None], ids=lambda e: e.basename)
def test_a_site_administrator_creates_everywhere(endpoint, world):
    root = factories.UserFactory(username="root", is_superuser=True, is_staff=True)
    client = client_for(root)
    response = client.post(endpoint.list_url, endpoint.create(world), format="json")
    assert response.status_code == 201, response.content


def test_a_coordinator_cannot_change_an_initiative_their_organisation_is_not_in(network, coordinator):
    from core.choices import Visibility

    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    client = client_for(coordinator)
    assert client.get(f"/api/v1/initiatives/{initiative.pk}/").status_code == 200
    assert_problem(client.patch(f"/api/v1/initiatives/{initiative.pk}/", {"summary": "x"}, format="json"), 403)
    payload = {"initiative": initiative.pk, "funder_name": "X", "amount": "1.00", "currency": "DKK", "kind": "eu"}
    assert_problem(client.post("/api/v1/fundings/", payload, format="json"), 403)


def test_a_row_cannot_be_moved_into_a_record_the_user_may_not_change(world, coordinator, network):
    from initiatives.models import Funding

    own = world.initiative()
    other = factories.InitiativeFactory(network=network)
    funding = factories.FundingFactory(initiative=own)
    client = client_for(coordinator)
    response = client.patch(f"/api/v1/fundings/{funding.pk}/", {"initiative": other.pk}, format="json")
    assert_problem(response, 403)
    assert Funding.objects.get(pk=funding.pk).initiative == own


def test_a_relation_to_a_record_the_user_cannot_see_is_refused_like_a_missing_one(world, coordinator, network):
    from core.choices import Visibility

    hidden = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    client = client_for(coordinator)
    payload = {"network": network.pk, "title": "Twin", "twin_of": hidden.pk}
    problem = assert_problem(client.post("/api/v1/initiatives/", payload, format="json"), 400)
    missing = assert_problem(client.post("/api/v1/initiatives/", {**payload, "twin_of": 10**9}, format="json"), 400)
    assert [e["code"] for e in problem["errors"]] == [e["code"] for e in missing["errors"]] == ["does_not_exist"]
