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
from tests import factories

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
# Adding a record only network administrators add (themes, missions).
CREATE_ADMIN_ONLY = expect(302, 403, 403, 403, 200)
# Changing a network record only its network's administrators change (themes, missions).
CHANGE_ADMIN_ONLY = expect(302, 404, 403, 403, 200)
# Acting for one's organisation on a network record (joining a mission): its coordinators.
COORDINATOR_ACTION = expect(302, 404, 403, 200, 200)
# A person's own data (the member's here): only they (and site administrators) open it.
OWN_PERSON = expect(302, 404, 200, 404, 404)
# Managing a network's members: its administrators only; the page does not exist for others.
MANAGE_NETWORK = expect(302, 404, 404, 404, 200)


@dataclasses.dataclass(frozen=True)
class View:
    kwargs: Callable[[SimpleNamespace], dict] = lambda world: {}
    expected: dict = dataclasses.field(default_factory=lambda: dict(EVERYONE))


def no_kwargs(world):
    return {}


def initiative_slug(world):
    return {"slug": world.initiative.slug}


def member_person_pk(world):
    return {"pk": world.users["member"].person.pk}


def network_members(world):
    return {"network_slug": world.network.slug}


def member_membership(world):
    return {"network_slug": world.network.slug, "pk": world.users["member"].person.memberships.get().pk}


def initiative_parent_slug(world):
    return {"parent_slug": world.initiative.slug}


PORTAL_VIEWS = {
    # core
    "healthz": View(no_kwargs, EVERYONE),
    "home": View(no_kwargs, EVERYONE),
    "accessibility": View(no_kwargs, EVERYONE),
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
    "partners:network_edit": View(lambda world: {"slug": world.network.slug}, expect(302, 403, 403, 403, 200)),
    "partners:membership_list": View(network_members, MANAGE_NETWORK),
    "partners:membership_add": View(network_members, MANAGE_NETWORK),
    "partners:membership_add_organisation": View(network_members, MANAGE_NETWORK),
    "partners:membership_edit": View(member_membership, MANAGE_NETWORK),
    "partners:membership_delete": View(member_membership, MANAGE_NETWORK),
    "partners:my_data": View(no_kwargs, LOGGED_IN),
    "partners:person_export": View(member_person_pk, OWN_PERSON),
    "partners:person_erase": View(member_person_pk, OWN_PERSON),
    # initiatives
    "initiatives:initiative_list": View(no_kwargs, EVERYONE),
    "initiatives:initiative_add": View(no_kwargs, CREATE),
    "initiatives:initiative_import": View(no_kwargs, CREATE),
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
    "initiatives:theme_add": View(no_kwargs, CREATE_ADMIN_ONLY),
    "initiatives:theme_edit": View(lambda world: {"slug": world.theme.slug}, CHANGE_ADMIN_ONLY),
    "initiatives:theme_delete": View(lambda world: {"slug": world.theme.slug}, CHANGE_ADMIN_ONLY),
    "initiatives:mission_detail": View(lambda world: {"slug": world.mission.slug}, NETWORK_RECORD),
    "initiatives:mission_add": View(no_kwargs, CREATE_ADMIN_ONLY),
    "initiatives:mission_edit": View(lambda world: {"slug": world.mission.slug}, CHANGE_ADMIN_ONLY),
    "initiatives:mission_delete": View(lambda world: {"slug": world.mission.slug}, CHANGE_ADMIN_ONLY),
    "initiatives:mission_history": View(lambda world: {"slug": world.mission.slug}, NETWORK_RECORD_LOGGED_IN),
    "initiatives:mission_join": View(lambda world: {"slug": world.mission.slug}, COORDINATOR_ACTION),
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
    # the API token page (core/token_urls.py): the signed-in user's own tokens
    "tokens:list": View(no_kwargs, LOGGED_IN),
    "tokens:revoke": View(lambda world: {"pk": 1}, expect(302, 405, 405, 405, 405)),
}

# Each app's pages register in a module of their own, merged here (they import View and
# the shorthands above, so they come after them).
from .viewmatrix_evaluation import EVALUATION_VIEWS  # noqa: E402
from .viewmatrix_portfolios import PORTFOLIO_VIEWS  # noqa: E402

PORTAL_VIEWS.update(PORTFOLIO_VIEWS)
PORTAL_VIEWS.update(EVALUATION_VIEWS)


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
        assert not missing, f"URL patterns without an entry in tests/support/views.py PORTAL_VIEWS: {missing}"
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
