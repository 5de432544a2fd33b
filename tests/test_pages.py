"""Smoke tests of the pages that exist: they answer, and hide what a user may not see."""

import pytest
from django.urls import reverse

from core.choices import Visibility

from . import factories

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get(reverse("healthz"))
    assert response.json() == {"status": "ok"}


def test_home_answers(client):
    assert client.get(reverse("home")).status_code == 200


def test_a_network_initiative_is_a_404_for_anonymous_and_200_for_a_member(client, network, member):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    assert client.get(initiative.get_absolute_url()).status_code == 404
    client.force_login(member)
    response = client.get(initiative.get_absolute_url())
    assert response.status_code == 200
    assert initiative.title in response.text
