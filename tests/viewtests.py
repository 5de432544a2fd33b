"""The generic view test base, NetBox-style: every page of the portal, for each persona.

PORTAL_VIEWS names every URL pattern of the portal (all of the URLconf but the admin,
the API, i18n and static files) with the status each persona gets on it for the objects
of the `world` fixture. A URL pattern without an entry fails
`test_every_url_pattern_has_an_entry`: a new page must say who may open it.

To register a page, add an entry:

    "initiatives:initiative_edit": View(initiative_slug, CHANGE),

where the first argument turns the world into the URL's kwargs and the second is a
Persona -> status mapping (use the shorthands below, or `expect(...)`). A 302 must
lead to the login page. The test class lives here; tests/test_initiative_pages.py
collects it (pytest only collects test_*.py files).
"""

import dataclasses
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from core.choices import Visibility
from initiatives.choices import ParticipationRole

from . import factories

PERSONAS = ("anonymous", "outsider", "member", "coordinator", "network_admin")
# URL prefixes that are not the portal's pages: they have their own tests.
EXCLUDED_PREFIXES = ("admin/", "api/", "i18n/", "static/", "media/")


def expect(anonymous, outsider, member, coordinator, network_admin):
    return dict(zip(PERSONAS, (anonymous, outsider, member, coordinator, network_admin), strict=True))


EVERYONE = expect(200, 200, 200, 200, 200)
LOGGED_IN = expect(302, 200, 200, 200, 200)
# A record shared with its network: members read it, the rest get 404.
NETWORK_RECORD = expect(404, 404, 200, 200, 200)
# Logged-in readers only (history pages name the people who made the changes).
NETWORK_RECORD_LOGGED_IN = expect(302, 404, 200, 200, 200)
# Changing a network record: coordinators of a partner and the network's admins.
CHANGE = expect(302, 404, 403, 200, 200)
# Adding a record: whoever coordinates somewhere (the outsider does, in their network).
CREATE = expect(302, 200, 403, 200, 200)
# Adding a record next to a network record (its pilot, its twin).
CREATE_BESIDE_NETWORK_RECORD = expect(302, 404, 403, 200, 200)
METHOD_NOT_ALLOWED = expect(405, 405, 405, 405, 405)


@dataclasses.dataclass(frozen=True)
class View:
    kwargs: Callable[[SimpleNamespace], dict] = lambda world: {}
    expected: dict = dataclasses.field(default_factory=lambda: dict(EVERYONE))


def no_kwargs(world):
    return {}


def initiative_slug(world):
    return {"slug": world.initiative.slug}


def initiative_parent_slug(world):
    return {"parent_slug": world.initiative.slug}


PORTAL_VIEWS = {
    # core
    "healthz": View(no_kwargs, EVERYONE),
    "home": View(no_kwargs, EVERYONE),
    # accounts (django.contrib.auth views with templates/registration/)
    "login": View(no_kwargs, EVERYONE),
    "logout": View(no_kwargs, METHOD_NOT_ALLOWED),
    "password_change": View(no_kwargs, LOGGED_IN),
    "password_change_done": View(no_kwargs, LOGGED_IN),
    "password_reset": View(no_kwargs, EVERYONE),
    "password_reset_done": View(no_kwargs, EVERYONE),
    "password_reset_confirm": View(lambda world: {"uidb64": "MQ", "token": "not-a-token"}, EVERYONE),
    "password_reset_complete": View(no_kwargs, EVERYONE),
    # partners
    "partners:network_list": View(no_kwargs, EVERYONE),
    "partners:network_detail": View(lambda world: {"slug": world.network.slug}, EVERYONE),
    "partners:organisation_list": View(no_kwargs, EVERYONE),
    "partners:organisation_detail": View(lambda world: {"slug": world.organisation.slug}, EVERYONE),
    # initiatives
    "initiatives:initiative_list": View(no_kwargs, EVERYONE),
    "initiatives:initiative_add": View(no_kwargs, CREATE),
    "initiatives:initiative_detail": View(initiative_slug, NETWORK_RECORD),
    "initiatives:initiative_edit": View(initiative_slug, CHANGE),
    "initiatives:initiative_delete": View(initiative_slug, CHANGE),
    "initiatives:initiative_history": View(initiative_slug, NETWORK_RECORD_LOGGED_IN),
    "initiatives:initiative_phase": View(initiative_slug, CHANGE),
    "initiatives:initiative_compost": View(initiative_slug, CHANGE),
    "initiatives:initiative_add_pilot": View(initiative_parent_slug, CREATE_BESIDE_NETWORK_RECORD),
    "initiatives:initiative_add_twin": View(initiative_parent_slug, CREATE_BESIDE_NETWORK_RECORD),
    "initiatives:theme_list": View(no_kwargs, EVERYONE),
    "initiatives:theme_detail": View(lambda world: {"slug": world.theme.slug}, NETWORK_RECORD),
    "initiatives:mission_list": View(no_kwargs, EVERYONE),
    "initiatives:mission_detail": View(lambda world: {"slug": world.mission.slug}, NETWORK_RECORD),
    # portfolios
    "portfolios:portfolio_list": View(no_kwargs, EVERYONE),
    "portfolios:portfolio_detail": View(lambda world: {"slug": world.portfolio.slug}, NETWORK_RECORD),
    "portfolios:review_detail": View(
        lambda world: {"slug": world.portfolio.slug, "pk": world.review.pk}, NETWORK_RECORD
    ),
    # evaluation
    "evaluation:learning_list": View(no_kwargs, EVERYONE),
    "evaluation:learning_detail": View(lambda world: {"pk": world.learning.pk}, NETWORK_RECORD),
    "evaluation:event_detail": View(lambda world: {"pk": world.event.pk}, NETWORK_RECORD),
}


def portal_url_names(patterns=None, namespace="", prefix=""):
    """Every named URL pattern of the portal, with its namespace ("initiatives:...")."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    names = set()
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if route.startswith(EXCLUDED_PREFIXES):
            continue
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= portal_url_names(pattern.url_patterns, inner, route)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


class PortalViewTests:
    """Subclassed by a collected test module. `views` may be narrowed or extended by a
    subclass; the completeness check always runs against the whole URLconf."""

    views = PORTAL_VIEWS

    @pytest.fixture
    def world(self, network, other_network, member, coordinator, network_admin, outsider):
        organisation = coordinator.person.organisation
        theme = factories.ThemeFactory(network=network, visibility=Visibility.NETWORK)
        mission = factories.MissionFactory(network=network, theme=theme, visibility=Visibility.NETWORK)
        initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
        initiative.missions.add(mission)
        factories.ParticipationFactory(initiative=initiative, organisation=organisation, role=ParticipationRole.LEAD)
        factories.FundingFactory(initiative=initiative)
        factories.PhaseChangeFactory(initiative=initiative)
        portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.NETWORK)
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative)
        return SimpleNamespace(
            network=network,
            other_network=other_network,
            organisation=organisation,
            theme=theme,
            mission=mission,
            initiative=initiative,
            portfolio=portfolio,
            review=factories.PortfolioReviewFactory(portfolio=portfolio),
            learning=factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.NETWORK),
            event=factories.EventFactory(network=network, visibility=Visibility.NETWORK),
            users={
                "anonymous": None,
                "outsider": outsider,
                "member": member,
                "coordinator": coordinator,
                "network_admin": network_admin,
            },
        )

    def test_every_url_pattern_has_an_entry(self):
        names = portal_url_names()
        missing = sorted(names - set(PORTAL_VIEWS))
        stale = sorted(set(PORTAL_VIEWS) - names)
        assert not missing, f"URL patterns without an entry in tests/viewtests.py PORTAL_VIEWS: {missing}"
        assert not stale, f"Entries in PORTAL_VIEWS for URL patterns that no longer exist: {stale}"

    def test_every_entry_names_every_persona(self):
        incomplete = sorted(name for name, view in PORTAL_VIEWS.items() if set(view.expected) != set(PERSONAS))
        assert not incomplete

    @pytest.mark.parametrize("persona", PERSONAS)
    @pytest.mark.parametrize("url_name", sorted(PORTAL_VIEWS))
    def test_status_for_persona(self, client, world, url_name, persona):
        view = self.views[url_name]
        user = world.users[persona]
        if user is not None:
            client.force_login(user)
        url = reverse(url_name, kwargs=view.kwargs(world))
        response = client.get(url)
        expected = view.expected[persona]
        assert response.status_code == expected, f"{persona} on {url_name} ({url})"
        if expected == 302:
            assert response.url.startswith(reverse("login")), f"{persona} on {url_name} goes to {response.url}"
