"""The panel registry (core/panels.py): evaluation adds its blocks to the lower apps'
detail pages and its part to the home page; the lower apps' templates name no higher app."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from core import panels
from core.choices import Visibility

from . import factories

LAYERS = ["core", "partners", "initiatives", "portfolios", "evaluation"]


@pytest.mark.parametrize("app", LAYERS[:-1])
def test_no_template_of_a_lower_app_loads_or_links_a_higher_app(app):
    """No higher app's template tags; and no higher app's pages, but in core's site-wide
    home page, which links every part of the site."""
    higher = "|".join(LAYERS[LAYERS.index(app) + 1 :])
    links = "" if app == "core" else r"|['\"](" + higher + r"):"
    pattern = re.compile(r"\{%\s*load[^%]*\b(" + higher + r")_" + links)
    found = [
        str(path.relative_to(settings.BASE_DIR))
        for path in (Path(settings.BASE_DIR) / app / "templates").rglob("*.html")
        if pattern.search(path.read_text())
    ]
    assert found == []


def test_evaluation_registers_its_blocks_on_the_lower_apps_pages():
    for label in ("initiatives.initiative", "initiatives.mission", "partners.network", "partners.organisation"):
        assert [panel.__module__ for panel in panels.panels_for(label)] == ["evaluation.panels"], label


@pytest.mark.django_db
def test_the_pages_show_evaluations_blocks(client, network, network_admin):
    organisation = factories.MunicipalityFactory()
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
    mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC)
    client.force_login(network_admin)
    pages = {
        initiative.get_absolute_url(): reverse("evaluation:initiative_events", kwargs={"slug": initiative.slug}),
        mission.get_absolute_url(): reverse("evaluation:mission_summary", kwargs={"slug": mission.slug}),
        network.get_absolute_url(): reverse("evaluation:network_recompute", kwargs={"slug": network.slug}),
        organisation.get_absolute_url(): f"{reverse('evaluation:learning_list')}?organisation_id={organisation.pk}",
    }
    for url, link in pages.items():
        response = client.get(url)
        assert response.status_code == 200
        assert f'href="{link}"' in response.content.decode(), url


def test_a_panel_registered_twice_renders_once():
    def panel(context, obj):
        return "<p>x</p>"

    panels.register("tests.thing")(panel)
    panels.register("tests.thing")(panel)
    assert panels.panels_for("tests.thing") == [panel]
