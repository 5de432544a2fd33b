"""Optimistic locking on the portal's edit pages (issue 11): an edit form carries the
version it was read at; a save over a newer version is a form error with status 409 that
lists what changed with its current values, never a silent overwrite. It lives in
core.views.ObjectEditView, so every edit page has it."""

import lxml.html
import pytest
from django.conf import settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.choices import Visibility
from core.versions import etag_for
from core.views import ObjectEditView
from initiatives.choices import ParticipationRole
from initiatives.models import Initiative, Mission, Theme
from portfolios.models import Portfolio

from . import factories
from .support.api import client_for
from .support.views import EXCLUDED_PREFIXES, PORTAL_VIEWS, PortalViewTests

pytestmark = pytest.mark.django_db


def form_values(response, **changes):
    """What the page's edit form sends as it was read, with `changes`."""
    form = lxml.html.fromstring(response.content.decode()).forms[-1]
    data = {}
    for name, value in form.form_values():
        data.setdefault(name, []).append(value)
    data.update({name: [str(value)] for name, value in changes.items()})
    return data


def in_english(client):
    """The assertions read the page's English."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def initiative(network, coordinator):
    initiative = factories.InitiativeFactory(
        network=network, visibility=Visibility.NETWORK, title="Måltider och möten", summary="Seniorer äter ihop."
    )
    factories.ParticipationFactory(
        initiative=initiative, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    return initiative


def test_two_concurrent_edits_the_second_gets_409_and_the_first_change_survives(
    client, coordinator, network_admin, initiative
):
    first, second = in_english(Client()), in_english(Client())
    first.force_login(coordinator)
    second.force_login(network_admin)
    url = reverse("initiatives:initiative_edit", kwargs={"slug": initiative.slug})
    first_form, second_form = first.get(url), second.get(url)

    response = first.post(url, form_values(first_form, title="Måltider och möten för seniorer"))
    assert response.status_code == 302

    response = second.post(url, form_values(second_form, summary="Överskrivet"))
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else saved this record" in html
    # What changed, with its current value; the summary they did not change is not listed.
    errors = response.context["form"].non_field_errors()
    assert "Title: Måltider och möten för seniorer" in errors
    assert not any(error.startswith("Summary:") for error in errors)
    # The user's own input is still on the form.
    assert "Överskrivet" in html

    initiative.refresh_from_db()
    assert initiative.title == "Måltider och möten för seniorer"
    assert initiative.summary == "Seniorer äter ihop."

    # The refused form now carries the current version: sending it again is on purpose.
    response = second.post(url, form_values(response, summary="Överskrivet"))
    assert response.status_code == 302
    initiative.refresh_from_db()
    assert (initiative.title, initiative.summary) == ("Måltider och möten för seniorer", "Överskrivet")


def test_the_page_version_is_the_apis_etag_and_an_api_change_makes_it_stale(client, coordinator, initiative):
    in_english(client).force_login(coordinator)
    url = reverse("initiatives:initiative_edit", kwargs={"slug": initiative.slug})
    page = client.get(url)
    api = client_for(coordinator)
    etag = api.get(f"/api/v1/initiatives/{initiative.pk}/")["ETag"]
    assert form_values(page)["_version"] == [etag]

    assert api.patch(f"/api/v1/initiatives/{initiative.pk}/", {"summary": "Via API"}, format="json").status_code == 200
    response = client.post(url, form_values(page, title="Från sidan"))
    assert response.status_code == 409
    assert "Summary: Via API" in response.context["form"].non_field_errors()
    assert Initiative.objects.get(pk=initiative.pk).title == "Måltider och möten"


@pytest.mark.parametrize(
    ("model", "url_name", "field"),
    [
        (Theme, "initiatives:theme_edit", "name"),
        (Mission, "initiatives:mission_edit", "title"),
        (Portfolio, "portfolios:portfolio_edit", "title"),
        (Initiative, "initiatives:initiative_edit", "title"),
    ],
)
def test_every_edit_page_refuses_a_save_over_a_newer_version(client, network, network_admin, model, url_name, field):
    factory = getattr(factories, f"{model.__name__}Factory")
    record = factory(network=network, visibility=Visibility.NETWORK)
    client.force_login(network_admin)
    url = reverse(url_name, kwargs={"slug": record.slug})
    first, second = client.get(url), client.get(url)

    assert client.post(url, form_values(first, **{field: "Först"})).status_code == 302
    response = client.post(url, form_values(second, **{field: "Sist"}))

    assert response.status_code == 409
    assert getattr(model.objects.get(pk=record.pk), field) == "Först"
    # Both changed the same field: the form keeps the user's value, and says so.
    assert form_values(response)[field] == ["Sist"]
    assert any("Först" in error for error in response.context["form"].non_field_errors())


def edit_pages(patterns=None, namespace=""):
    """{URL name: view class} of every edit page (an ObjectEditView whose URL names the
    record), from the URLconf: a new edit page is covered without touching this test."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    found = {}
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if str(pattern.pattern).startswith(EXCLUDED_PREFIXES):
                continue
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            found.update(edit_pages(pattern.url_patterns, inner))
        elif isinstance(pattern, URLPattern) and pattern.name:
            view_class = getattr(pattern.callback, "view_class", None)
            names_record = {"slug", "pk"} & set(pattern.pattern.regex.groupindex)
            if view_class and issubclass(view_class, ObjectEditView) and names_record:
                found[f"{namespace}{pattern.name}"] = view_class
    return found


EDIT_PAGES = edit_pages()


class TestEveryEditPage:
    """Every edit page of the URLconf, read twice by a persona who may save it: the first
    save goes through, the second (over a newer version) is a 409 that changes nothing."""

    # The view matrix's records and personas (tests/support/views.py).
    world = PortalViewTests.world

    def test_there_are_edit_pages(self):
        assert {"initiatives:initiative_edit", "partners:membership_edit", "evaluation:event_edit"} <= set(EDIT_PAGES)

    @pytest.mark.parametrize("url_name", sorted(EDIT_PAGES))
    def test_a_save_over_a_newer_version_is_a_409(self, client, world, url_name):
        view = PORTAL_VIEWS[url_name]
        persona = next(name for name in ("network_admin", "coordinator") if view.expected[name] == 200)
        client.force_login(world.users[persona])
        url = reverse(url_name, kwargs=view.kwargs(world))
        first, second = client.get(url), client.get(url)
        record = first.context["object"]
        assert form_values(first)["_version"] == [etag_for(record)]

        response = client.post(url, form_values(first))
        assert response.status_code == 302, response.context and response.context["form"].errors
        saved = type(record).objects.get(pk=record.pk).updated

        response = client.post(url, form_values(second))
        assert response.status_code == 409
        assert type(record).objects.get(pk=record.pk).updated == saved
