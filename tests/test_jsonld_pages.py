"""schema.org JSON-LD on mission, network and learning-entry pages (issue 12), as on
initiative and organisation pages: one helper, the response's CSP nonce on the element,
and nothing about a record the public may not see."""

import json
import re

import pytest

from core.choices import Visibility
from partners.choices import MembershipRole

from . import factories

pytestmark = pytest.mark.django_db
HOSTILE = "</script><script>alert(1)</script> & <!--"


def jsonld_of(response):
    """The page's JSON-LD object, after checking its element carries the nonce the
    Content-Security-Policy header allows; None when the page has none."""
    assert response.status_code == 200
    html = response.content.decode()
    found = re.findall(r'<script type="application/ld\+json"([^>]*)>(.*?)</script>', html, re.S)
    if not found:
        return None
    ((attributes, text),) = found
    nonce = re.fullmatch(r' nonce="([^"]+)"', attributes).group(1)
    script_src = next(
        part for part in response["Content-Security-Policy"].split(";") if part.strip().startswith("script-src")
    )
    assert f"'nonce-{nonce}'" in script_src and "unsafe-inline" not in script_src
    return json.loads(text)


def test_a_public_mission_page_describes_a_project(client, network):
    mission = factories.MissionFactory(network=network, title=HOSTILE, problem="Ensomhed.", goal="Fællesskab.")
    joined = factories.OrganisationFactory(name="Aarhus Kommune")
    mission.organisations.add(joined)
    public = factories.InitiativeFactory(network=network, title="Synlig")
    hidden = factories.InitiativeFactory(network=network, title="Skjult", visibility=Visibility.NETWORK)
    public.missions.add(mission)
    hidden.missions.add(mission)
    response = client.get(mission.get_absolute_url())
    assert "<script>alert" not in response.content.decode()
    data = jsonld_of(response)
    assert data["@type"] == "Project" and data["name"] == HOSTILE
    assert data["url"] == "http://testserver" + mission.get_absolute_url()
    assert data["member"] == [{"@type": "Organization", "name": "Aarhus Kommune", "url": data["member"][0]["url"]}]
    assert [part["name"] for part in data["hasPart"]] == ["Synlig"]  # not the network-only one
    assert data["parentOrganization"]["name"] == network.name


def test_a_mission_the_public_may_not_see_has_no_jsonld(client, network, member):
    mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    client.force_login(member)
    assert jsonld_of(client.get(mission.get_absolute_url())) is None


def test_a_network_page_describes_the_network_and_its_member_organisations(client, network, member):
    organisation = factories.OrganisationFactory(name=HOSTILE)
    factories.MembershipFactory(network=network, person=None, organisation=organisation, role=MembershipRole.MEMBER)
    data = jsonld_of(client.get(network.get_absolute_url()))
    assert data["@type"] == "Organization" and data["name"] == network.name
    assert HOSTILE in [m["name"] for m in data["member"]]
    # People are not published: a person's membership names no one here.
    assert member.person.name not in json.dumps(data)


def test_a_public_learning_entry_page_describes_an_article(client, network):
    initiative = factories.InitiativeFactory(network=network, title="Familier")
    entry = factories.LearningEntryFactory(initiative=initiative, title=HOSTILE)
    data = jsonld_of(client.get(entry.get_absolute_url()))
    assert data["@type"] == "Article" and data["headline"] == HOSTILE
    assert data["about"]["name"] == "Familier"
    assert data["abstract"] == entry.what_we_learned
    assert "author" not in data


def test_learning_entry_jsonld_respects_both_visibilities(client, network, member):
    client.force_login(member)
    hidden_initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    public_entry_of_hidden = factories.LearningEntryFactory(initiative=hidden_initiative)
    network_entry = factories.LearningEntryFactory(
        initiative=factories.InitiativeFactory(network=network), visibility=Visibility.NETWORK
    )
    for entry in (public_entry_of_hidden, network_entry):
        assert jsonld_of(client.get(entry.get_absolute_url())) is None


def test_initiative_and_organisation_pages_carry_the_nonce_too(client, network):
    initiative = factories.InitiativeFactory(network=network)
    organisation = factories.OrganisationFactory()
    assert jsonld_of(client.get(initiative.get_absolute_url()))["@type"] == "Project"
    assert jsonld_of(client.get(organisation.get_absolute_url()))["@type"] == "Organization"
