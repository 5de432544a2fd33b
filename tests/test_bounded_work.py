"""Bounded work for anonymous readers: a search (`q`) longer than 200 characters and a
query string with too many parameters are refused at once, a 400 problem document in the
API and a form error (or a 400 page) on the portal, never a slow scan or a 500."""

import pytest
from django.test import Client
from django.urls import reverse

from core.filtersets import MAX_QUERY_LENGTH

from .support.api import assert_problem

pytestmark = pytest.mark.django_db

LONG_Q = "ældre " * 7000  # 42 KB, a few thousand words


@pytest.mark.parametrize("url", ["/api/v1/initiatives/", "/api/v1/organisations/", "/api/v1/learning-entries/"])
def test_a_long_q_is_a_400_problem_naming_it(client, url):
    problem = assert_problem(client.get(url, {"q": LONG_Q}, HTTP_ACCEPT_LANGUAGE="en"), 400)
    assert [error["parameter"] for error in problem["errors"]] == ["q"]
    assert str(MAX_QUERY_LENGTH) in problem["errors"][0]["detail"]
    assert client.get(url, {"q": "x" * MAX_QUERY_LENGTH}).status_code == 200


@pytest.mark.parametrize("name", ["initiatives:initiative_list", "partners:organisation_list"])
def test_a_long_q_is_a_form_error_on_the_page(client, name):
    response = client.get(reverse(name), {"q": LONG_Q}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    assert f"at most {MAX_QUERY_LENGTH} characters" in response.text


def test_too_many_query_parameters_are_a_400_problem_in_the_api(client):
    query = "&".join(f"p{number}=1" for number in range(1200))
    response = Client(raise_request_exception=False).get(f"/api/v1/initiatives/?{query}", HTTP_ACCEPT_LANGUAGE="en")
    problem = assert_problem(response, 400)
    assert problem["code"] == "too_many_parameters"
    assert "too many parameters" in problem["detail"]


def test_too_many_query_parameters_are_a_400_page(client):
    query = "&".join(f"p{number}=1" for number in range(1200))
    response = Client(raise_request_exception=False).get(f"{reverse('initiatives:initiative_list')}?{query}")
    assert response.status_code == 400
