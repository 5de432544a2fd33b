"""Fixtures every test module may ask for by name, without importing them.

The personas themselves (network, member, coordinator, network_admin, outsider) are in
tests/conftest.py."""

import pytest

from core.choices import Visibility
from initiatives.choices import ParticipationRole
from partners.choices import Sector
from tests import factories
from tests.support.api import World


@pytest.fixture
def personas(network, other_network, member, coordinator, network_admin, outsider):
    return {
        "anonymous": None,
        "outsider": outsider,
        "member": member,
        "coordinator": coordinator,
        "network_admin": network_admin,
    }


@pytest.fixture
def world(network, coordinator):
    return World(network, coordinator)


@pytest.fixture
def partner_organisations(db):
    return (
        factories.OrganisationFactory(name="Aarhus Universitet", sector=Sector.KNOWLEDGE_INSTITUTION),
        factories.MunicipalityFactory(name="Eskilstuna kommun"),
    )


@pytest.fixture
def network_initiative(network, coordinator):
    initiative = factories.InitiativeFactory(
        network=network, visibility=Visibility.NETWORK, title="Fællesskab mod ensomhed", language="da"
    )
    factories.ParticipationFactory(
        initiative=initiative, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    return initiative
