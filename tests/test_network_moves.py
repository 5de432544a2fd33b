"""Moving a record to another network (issue 11) needs the right to change it in both
networks, whether on a page (a form error, or 403 when the record is not the user's to
change at all) or through the API (a 403 problem document). The rule is one function,
core.permissions.may_move_to_network, which forms and viewsets ask."""

import lxml.html
import pytest
from django.urls import reverse

from core.audience import forget_audience
from core.choices import Visibility
from core.permissions import may_move_to_network
from initiatives.choices import ParticipationRole
from initiatives.models import Initiative, Participation, Theme
from partners.choices import MembershipRole

from . import factories
from .support.api import client_for

pytestmark = pytest.mark.django_db


def form_values(response, **changes):
    """The values the edit page's form would send as it was read, with `changes`."""
    form = lxml.html.fromstring(response.content.decode()).forms[-1]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.update({name: [str(value)] for name, value in changes.items()})
    return data


@pytest.fixture
def eskilstuna():
    return factories.MunicipalityFactory(name="Eskilstuna kommun")


@pytest.fixture
def coordinator_in_a_member_of_b(network, other_network, eskilstuna):
    """Coordinates for Eskilstuna in A; only a member in B."""
    user = factories.UserFactory(username="eskilstuna-a")
    person = factories.PersonFactory(user=user, organisation=eskilstuna)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.COORDINATOR)
    factories.MembershipFactory(network=other_network, person=person, role=MembershipRole.MEMBER)
    return user


@pytest.fixture
def b_initiative(other_network, eskilstuna):
    """B's initiative, shared with B's members, with Eskilstuna as a partner."""
    initiative = factories.InitiativeFactory(network=other_network, visibility=Visibility.NETWORK, title="B:s")
    Participation.objects.create(initiative=initiative, organisation=eskilstuna, role=ParticipationRole.PARTNER)
    return initiative


def test_a_coordinator_of_a_cannot_move_bs_initiative_into_a(
    client, coordinator_in_a_member_of_b, b_initiative, network, other_network
):
    """They read it (a member of B) and may create in A, but may not change it in B."""
    user = coordinator_in_a_member_of_b
    assert not may_move_to_network(user, b_initiative, network.pk)

    api = client_for(user)
    response = api.patch(f"/api/v1/initiatives/{b_initiative.pk}/", {"network": network.pk}, format="json")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")

    client.force_login(user)
    edit = reverse("initiatives:initiative_edit", kwargs={"slug": b_initiative.slug})
    assert client.get(edit).status_code == 403
    assert client.post(edit, {"title": "B:s", "network": network.pk}).status_code == 403

    b_initiative.refresh_from_db()
    assert b_initiative.network_id == other_network.pk


def test_a_network_admin_cannot_move_a_theme_into_a_network_they_do_not_administer(
    client, network_admin, network, other_network
):
    factories.MembershipFactory(network=other_network, person=network_admin.person, role=MembershipRole.COORDINATOR)
    theme = factories.ThemeFactory(network=network, visibility=Visibility.NETWORK, name="Udsatte familier")
    assert not may_move_to_network(network_admin, theme, other_network.pk)

    response = client_for(network_admin).patch(
        f"/api/v1/themes/{theme.pk}/", {"network": other_network.pk}, format="json"
    )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")

    client.force_login(network_admin)
    edit = reverse("initiatives:theme_edit", kwargs={"slug": theme.slug})
    response = client.post(edit, form_values(client.get(edit), network=other_network.pk))
    assert response.status_code == 200
    assert response.context["form"].errors["network"]
    assert Theme.objects.get(pk=theme.pk).network_id == network.pk


def test_the_right_to_change_it_in_both_networks_moves_it(client, network_admin, network, other_network):
    factories.MembershipFactory(network=other_network, person=network_admin.person, role=MembershipRole.ADMIN)
    theme = factories.ThemeFactory(network=network, visibility=Visibility.NETWORK)
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)

    response = client_for(network_admin).patch(
        f"/api/v1/themes/{theme.pk}/", {"network": other_network.pk}, format="json"
    )
    assert response.status_code == 200
    assert Theme.objects.get(pk=theme.pk).network_id == other_network.pk

    client.force_login(network_admin)
    edit = reverse("initiatives:initiative_edit", kwargs={"slug": initiative.slug})
    response = client.post(edit, form_values(client.get(edit), network=other_network.pk))
    assert response.status_code == 302, response.context["form"].errors
    assert Initiative.objects.get(pk=initiative.pk).network_id == other_network.pk


def test_coordinators_move_initiatives_between_networks_where_they_coordinate(coordinator, network, other_network):
    organisation = coordinator.person.organisation
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT)
    Participation.objects.create(initiative=initiative, organisation=organisation, role=ParticipationRole.LEAD)
    assert not may_move_to_network(coordinator, initiative, other_network.pk)
    factories.MembershipFactory(network=other_network, person=coordinator.person, role=MembershipRole.COORDINATOR)
    forget_audience(coordinator)
    assert may_move_to_network(coordinator, initiative, other_network.pk)
    # Staying where it is needs nothing more than the right to change it.
    assert may_move_to_network(coordinator, initiative, network.pk)
