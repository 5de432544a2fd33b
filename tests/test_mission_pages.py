"""Themes and missions: lists (constant queries), details with their initiatives and the
organisations that joined, joining a mission, and create/edit by network admins."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from core.choices import Visibility
from initiatives import services
from initiatives.models import Mission, MissionOrganisation, Theme

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def mission(network):
    return factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Trygge familier")


def test_mission_detail_shows_visible_initiatives_and_joined_organisations(client, network, member, mission):
    shown = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Familiehuset")
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Hemmeligt udkast")
    shown.missions.add(mission)
    draft.missions.add(mission)
    organisation = factories.OrganisationFactory(name="Aarhus Kommune")
    MissionOrganisation.objects.create(mission=mission, organisation=organisation, joined_on=datetime.date(2026, 3, 1))
    client.force_login(member)
    response = client.get(mission.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Familiehuset" in html
    assert "Hemmeligt udkast" not in html
    assert "Aarhus Kommune" in html
    assert 'id="summary"' in html
    # A member coordinates no organisation: no join button.
    assert reverse("initiatives:mission_join", kwargs={"slug": mission.slug}) not in html


def test_a_coordinator_joins_their_organisation_to_a_mission(client, coordinator, mission):
    organisation = coordinator.person.organisation
    client.force_login(coordinator)
    detail = client.get(mission.get_absolute_url()).content.decode()
    join_url = reverse("initiatives:mission_join", kwargs={"slug": mission.slug})
    assert join_url in detail
    response = client.post(join_url, {"organisation": organisation.pk})
    assert response.status_code == 302
    joined = MissionOrganisation.objects.get(mission=mission)
    assert joined.organisation == organisation
    assert joined.joined_on is not None
    # Joined once: the button is gone and a second join is refused on the form.
    assert join_url not in client.get(mission.get_absolute_url()).content.decode()
    again = client.post(join_url, {"organisation": organisation.pk})
    assert again.status_code == 200
    assert MissionOrganisation.objects.filter(mission=mission).count() == 1


def test_a_coordinator_cannot_join_another_organisation(client, coordinator, mission):
    stranger = factories.OrganisationFactory()
    client.force_login(coordinator)
    response = client.post(
        reverse("initiatives:mission_join", kwargs={"slug": mission.slug}), {"organisation": stranger.pk}
    )
    assert response.status_code == 200
    assert not MissionOrganisation.objects.exists()


def test_join_mission_service_checks_the_coordinator_and_the_mission(coordinator, member, outsider, mission):
    organisation = coordinator.person.organisation
    with pytest.raises(PermissionDenied):
        services.join_mission(mission, organisation, member)
    # The outsider coordinates their own organisation but cannot see the network's mission.
    with pytest.raises(PermissionDenied):
        services.join_mission(mission, outsider.person.organisation, outsider)
    services.join_mission(mission, organisation, coordinator)
    with pytest.raises(ValidationError):
        services.join_mission(mission, organisation, coordinator)


def test_theme_detail_lists_missions_and_their_initiatives(client, network, member):
    theme = factories.ThemeFactory(network=network, visibility=Visibility.NETWORK, name="Udsatte familier")
    mission = factories.MissionFactory(network=network, theme=theme, visibility=Visibility.NETWORK)
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    initiative.missions.add(mission)
    client.force_login(member)
    html = client.get(theme.get_absolute_url()).content.decode()
    assert mission.title in html
    assert initiative.title in html


def test_a_network_admin_creates_and_edits_a_mission(client, network, other_network, network_admin):
    theme = factories.ThemeFactory(network=network)
    client.force_login(network_admin)
    form = client.get(reverse("initiatives:mission_add")).content.decode()
    assert other_network.name not in form  # only the networks they administer
    response = client.post(
        reverse("initiatives:mission_add"),
        {"title": "Ensomhed blandt ældre", "network": network.pk, "theme": theme.pk,
         "visibility": Visibility.NETWORK, "language": "da", "problem": "", "goal": ""},
    )  # fmt: skip
    assert response.status_code == 302, response.content.decode()[:2000]
    mission = Mission.objects.get(title="Ensomhed blandt ældre")
    assert mission.history.count() == 1
    response = client.post(
        reverse("initiatives:mission_edit", kwargs={"slug": mission.slug}),
        {"title": "Ensomhed", "network": network.pk, "theme": theme.pk,
         "visibility": Visibility.PUBLIC, "language": "da", "start_date": "2026-02-01", "end_date": "2026-01-01"},
    )  # fmt: skip
    assert response.status_code == 200  # the end before the start is a field error
    mission.refresh_from_db()
    assert mission.title == "Ensomhed blandt ældre"


def test_a_mission_theme_must_belong_to_its_network(client, network, other_network, network_admin):
    foreign_theme = factories.ThemeFactory(network=other_network, visibility=Visibility.PUBLIC)
    client.force_login(network_admin)
    response = client.post(
        reverse("initiatives:mission_add"),
        {"title": "X", "network": network.pk, "theme": foreign_theme.pk, "visibility": "public", "language": "da"},
    )
    assert response.status_code == 200
    assert not Mission.objects.filter(title="X").exists()


def test_a_network_admin_creates_a_theme(client, network, network_admin, coordinator):
    data = {"name": "Sundhed", "network": network.pk, "visibility": Visibility.PUBLIC, "language": "sv"}
    client.force_login(coordinator)
    assert client.post(reverse("initiatives:theme_add"), data).status_code == 403
    client.force_login(network_admin)
    assert client.post(reverse("initiatives:theme_add"), data).status_code == 302
    assert Theme.objects.get(name="Sundhed").network == network


@pytest.mark.parametrize("name", ["initiatives:mission_list", "initiatives:theme_list"])
def test_lists_use_a_constant_number_of_queries(client, network, member, name, django_assert_max_num_queries):
    client.force_login(member)
    for _ in range(3):
        factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    client.get(reverse(name))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse(name))
    for _ in range(20):
        factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(reverse(name))
    assert response.status_code == 200
