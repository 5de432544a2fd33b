"""The personas every permission test uses: an outsider (a coordinator of another network),
a member, a coordinator and a network admin of `network`; anonymous is no user at all.
Registered in the root conftest.py: ask for them by name."""

import pytest

from partners.choices import MembershipRole
from tests import factories


@pytest.fixture
def network(db):
    return factories.NetworkFactory(name="Samhällskontraktet", slug="samhallskontraktet")


@pytest.fixture
def other_network(db):
    return factories.NetworkFactory(name="Netværk for fællesskabsagenter", slug="faellesskabsagenter")


def _person_with_role(username, network, role, organisation=None):
    user = factories.UserFactory(username=username)
    person = factories.PersonFactory(user=user, **({"organisation": organisation} if organisation else {}))
    factories.MembershipFactory(network=network, person=person, role=role)
    return user


@pytest.fixture
def member(network):
    return _person_with_role("member", network, MembershipRole.MEMBER)


@pytest.fixture
def coordinator(network):
    return _person_with_role("coordinator", network, MembershipRole.COORDINATOR)


@pytest.fixture
def network_admin(network):
    return _person_with_role("network-admin", network, MembershipRole.ADMIN)


@pytest.fixture
def outsider(other_network):
    return _person_with_role("outsider", other_network, MembershipRole.COORDINATOR)
