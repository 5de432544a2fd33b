"""Roles are per network (issue 11): a coordinator's rights over their organisation's
initiatives hold in the networks where they coordinate, nowhere else. Network B puts
Eskilstuna on a B draft; network A's Eskilstuna coordinator, who is no member of B,
neither reads nor changes it, through the pages or the API."""

import pytest
from django.urls import reverse

from core.audience import get_audience
from core.choices import Visibility
from initiatives.choices import ParticipationRole
from initiatives.models import Initiative, Participation
from partners.choices import MembershipRole

from . import factories
from .support.api import client_for, list_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def eskilstuna():
    return factories.MunicipalityFactory(name="Eskilstuna kommun", slug="eskilstuna-kommun")


@pytest.fixture
def coordinator_in_a(network, eskilstuna):
    """Network A's coordinator for Eskilstuna."""
    user = factories.UserFactory(username="eskilstuna-a")
    person = factories.PersonFactory(user=user, organisation=eskilstuna)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.COORDINATOR)
    return user


@pytest.fixture
def b_draft(other_network, eskilstuna):
    """Network B's draft, with Eskilstuna added as a partner by B."""
    draft = factories.InitiativeFactory(network=other_network, visibility=Visibility.DRAFT, title="B:s utkast")
    Participation.objects.create(initiative=draft, organisation=eskilstuna, role=ParticipationRole.PARTNER)
    return draft


def test_the_audience_pairs_organisation_and_network(coordinator_in_a, network, other_network, eskilstuna):
    audience = get_audience(coordinator_in_a)
    assert audience.coordinates_for(network.pk, eskilstuna.pk)
    assert not audience.coordinates_for(other_network.pk, eskilstuna.pk)


def test_a_coordinator_in_a_neither_reads_nor_changes_bs_draft_of_their_organisation(
    client, coordinator_in_a, b_draft, network, other_network
):
    assert not Initiative.objects.visible_to(coordinator_in_a).filter(pk=b_draft.pk).exists()
    assert not Initiative.objects.editable_by(coordinator_in_a).filter(pk=b_draft.pk).exists()

    client.force_login(coordinator_in_a)
    for name in ("initiative_detail", "initiative_edit", "initiative_delete", "initiative_phase"):
        url = reverse(f"initiatives:{name}", kwargs={"slug": b_draft.slug})
        assert client.get(url).status_code == 404, name
    response = client.post(
        reverse("initiatives:initiative_edit", kwargs={"slug": b_draft.slug}),
        {"title": "Taken over", "network": network.pk},
    )
    assert response.status_code == 404

    api = client_for(coordinator_in_a)
    url = f"/api/v1/initiatives/{b_draft.pk}/"
    assert api.get(url).status_code == 404
    assert b_draft.pk not in list_ids(api, "/api/v1/initiatives/")
    assert api.patch(url, {"title": "Taken over"}, format="json").status_code == 404
    assert api.patch(url, {"network": network.pk}, format="json").status_code == 404
    assert api.delete(url).status_code == 404
    # Nor do they add partners to it, or read its rows.
    response = api.post(
        "/api/v1/participations/",
        {"initiative": b_draft.pk, "organisation": factories.OrganisationFactory().pk, "role": "partner"},
        format="json",
    )
    assert response.status_code in (400, 403, 404)
    rows = set(b_draft.participations.values_list("pk", flat=True))
    assert not rows & set(list_ids(api, "/api/v1/participations/"))

    b_draft.refresh_from_db()
    assert (b_draft.title, b_draft.network_id) == ("B:s utkast", other_network.pk)
    assert b_draft.participations.count() == 1


def test_the_same_coordinator_keeps_their_rights_in_their_own_network(client, coordinator_in_a, network, eskilstuna):
    a_draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    Participation.objects.create(initiative=a_draft, organisation=eskilstuna, role=ParticipationRole.LEAD)

    assert Initiative.objects.editable_by(coordinator_in_a).filter(pk=a_draft.pk).exists()
    client.force_login(coordinator_in_a)
    assert client.get(reverse("initiatives:initiative_edit", kwargs={"slug": a_draft.slug})).status_code == 200
    assert client_for(coordinator_in_a).get(f"/api/v1/initiatives/{a_draft.pk}/").status_code == 200


def test_coordinating_in_b_too_gives_the_rights_in_b(coordinator_in_a, other_network, b_draft):
    person = coordinator_in_a.person
    factories.MembershipFactory(network=other_network, person=person, role=MembershipRole.COORDINATOR)
    assert Initiative.objects.editable_by(coordinator_in_a).filter(pk=b_draft.pk).exists()


def test_a_member_of_b_only_reads_b_network_records_not_the_draft(coordinator_in_a, other_network, b_draft):
    """Membership in B without a coordinator role there: B's drafts stay closed."""
    factories.MembershipFactory(network=other_network, person=coordinator_in_a.person, role=MembershipRole.MEMBER)
    assert not Initiative.objects.visible_to(coordinator_in_a).filter(pk=b_draft.pk).exists()
    b_draft.visibility = Visibility.NETWORK
    b_draft.save()
    assert Initiative.objects.visible_to(coordinator_in_a).filter(pk=b_draft.pk).exists()
    assert not Initiative.objects.editable_by(coordinator_in_a).filter(pk=b_draft.pk).exists()
