"""The directory: organisations and networks, filtered lists in constant queries, and
details that show only what the user may see of what each takes part in."""

import json
import re

import pytest
from django.urls import reverse

from core.choices import Visibility
from initiatives.choices import ParticipationRole
from initiatives.models import MissionOrganisation
from partners.choices import MembershipRole, Sector

from . import factories

pytestmark = pytest.mark.django_db


def test_organisation_list_filters_by_sector_and_search(client):
    factories.MunicipalityFactory(name="Eskilstuna kommun")
    factories.OrganisationFactory(name="Röda Korset", sector=Sector.CIVIL_SOCIETY)
    html = client.get(reverse("partners:organisation_list"), {"sector": Sector.MUNICIPALITY}).content.decode()
    assert "Eskilstuna kommun" in html and "Röda Korset" not in html
    html = client.get(reverse("partners:organisation_list"), {"q": "korset"}).content.decode()
    assert "Röda Korset" in html and "Eskilstuna kommun" not in html


def test_network_list_filters_by_country(client):
    factories.NetworkFactory(name="Dansk netværk", country="DK")
    factories.NetworkFactory(name="Svenskt nätverk", country="SE")
    html = client.get(reverse("partners:network_list"), {"country": "SE"}).content.decode()
    assert "Svenskt nätverk" in html and "Dansk netværk" not in html


def test_organisation_detail_shows_only_visible_participations(client, network, member):
    organisation = factories.OrganisationFactory(name="Region Midt")
    factories.MembershipFactory(network=network, person=None, organisation=organisation, role=MembershipRole.MEMBER)
    shared = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Delt indsats")
    draft = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Kladde")
    for initiative in (shared, draft):
        factories.ParticipationFactory(initiative=initiative, organisation=organisation, role=ParticipationRole.LEAD)
    mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Fælles mission")
    MissionOrganisation.objects.create(mission=mission, organisation=organisation)

    anonymous = client.get(organisation.get_absolute_url()).content.decode()
    assert "Delt indsats" not in anonymous and "Fælles mission" not in anonymous
    assert network.name in anonymous  # memberships of the directory are public

    client.force_login(member)
    html = client.get(organisation.get_absolute_url()).content.decode()
    assert "Delt indsats" in html and "Fælles mission" in html
    assert "Kladde" not in html


def test_organisation_detail_embeds_schema_org_json_ld(client):
    organisation = factories.OrganisationFactory(name="Aalborg Universitet", sector=Sector.KNOWLEDGE_INSTITUTION)
    html = client.get(organisation.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    data = json.loads(match.group(1))
    assert data["name"] == "Aalborg Universitet"


def test_initiative_detail_embeds_schema_org_json_ld(client):
    initiative = factories.InitiativeFactory(visibility=Visibility.PUBLIC, title="Åben indsats")
    html = client.get(initiative.get_absolute_url()).content.decode()
    match = re.search(r'<script type="application/ld\+json"[^>]*>(.*?)</script>', html, re.S)
    assert match, "no JSON-LD block"
    assert "Åben indsats" in json.loads(match.group(1))["name"]


def test_network_detail_shows_member_organisations_and_visible_work(client, network, member):
    organisation = factories.OrganisationFactory(name="Ung i Norden")
    factories.MembershipFactory(network=network, person=None, organisation=organisation)
    factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Netværksindsats")
    factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Offentlig indsats")
    anonymous = client.get(network.get_absolute_url()).content.decode()
    assert "Ung i Norden" in anonymous and "Offentlig indsats" in anonymous
    assert "Netværksindsats" not in anonymous
    client.force_login(member)
    assert "Netværksindsats" in client.get(network.get_absolute_url()).content.decode()


@pytest.mark.parametrize(
    ("name", "factory"),
    [
        ("partners:organisation_list", factories.OrganisationFactory),
        ("partners:network_list", factories.NetworkFactory),
    ],
)
def test_directory_lists_use_a_constant_number_of_queries(client, member, name, factory, django_assert_max_num_queries):
    client.force_login(member)
    factory.create_batch(3)
    client.get(reverse(name))
    with django_assert_max_num_queries(12) as few:
        client.get(reverse(name))
    factory.create_batch(20)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse(name)).status_code == 200
