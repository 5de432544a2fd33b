"""The generic base of the API tests: one `Endpoint` per registered resource, saying how
to make a record of it with a given audience, a valid creation payload, a valid change,
and which rules decide who may read and change it. The permission tests run every
endpoint for the five personas from this table, and fail when an endpoint of the router
has no entry here (or an entry has no endpoint).

The rules (`Rule`) restate the product's visibility rules independently of the code
under test (core.querysets), so a test fails when the code drifts from them:

- directory: networks, organisations, people, memberships. Everyone reads them; only
  site administrators change or create them.
- network: a network's own records (themes, missions, portfolios, events) and the rows
  inside them. Public for everyone, network for its members, drafts for its coordinators
  and administrators; changed and created by its administrators.
- initiative: initiatives and what is recorded about them. As `network`, except that
  drafts are for the coordinators of the organisations taking part (the coordinator
  persona's organisation leads every initiative made here) and those coordinators change
  and create them too.
- summary: learning summaries, read-only, for everyone (public) or the network's members.
- note: portfolio notes. Read as `network`; the network's coordinators put them up too and
  change their own (the coordinator persona wrote the notes made here), administrators
  change every note.
"""

import datetime
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field

from rest_framework.test import APIClient

from core.choices import Visibility
from evaluation.choices import SummaryAudience, SummaryScope
from initiatives.choices import ParticipationRole
from initiatives.models import MissionOrganisation, Participation
from tests import factories

SUMMARY_SCOPE_IDS = itertools.count(1)
PERSONAS = ("anonymous", "outsider", "member", "coordinator", "network_admin")
MEMBERS = {"member", "coordinator", "network_admin"}


@dataclass(frozen=True)
class Rule:
    readers: dict  # visibility -> set of personas who read a record with it
    editors: frozenset  # personas who change (and create) records
    read_only: bool = False

    def reads(self, persona, visibility):
        return persona in self.readers[visibility]

    def changes(self, persona):
        return persona in self.editors


EVERYONE = set(PERSONAS)
DIRECTORY = Rule(readers={"public": EVERYONE}, editors=frozenset())
NETWORK = Rule(
    readers={"public": EVERYONE, "network": MEMBERS, "draft": {"coordinator", "network_admin"}},
    editors=frozenset({"network_admin"}),
)
INITIATIVE = Rule(
    readers={"public": EVERYONE, "network": MEMBERS, "draft": {"coordinator", "network_admin"}},
    editors=frozenset({"coordinator", "network_admin"}),
)
SUMMARY = Rule(readers={"public": EVERYONE, "network": MEMBERS}, editors=frozenset(), read_only=True)
NOTE = Rule(readers=NETWORK.readers, editors=frozenset({"coordinator", "network_admin"}))


class World:
    """The records the endpoints' recipes build on: the personas' network and the
    coordinator's organisation, which takes part in every initiative made here."""

    def __init__(self, network, coordinator):
        self.network = network
        self.coordinator_organisation = coordinator.person.organisation
        self.coordinator_person = coordinator.person

    def initiative(self, visibility=Visibility.PUBLIC, **kwargs):
        initiative = factories.InitiativeFactory(network=self.network, visibility=visibility, **kwargs)
        Participation.objects.create(
            initiative=initiative, organisation=self.coordinator_organisation, role=ParticipationRole.LEAD
        )
        return initiative

    def portfolio(self, visibility=Visibility.PUBLIC):
        return factories.PortfolioFactory(network=self.network, visibility=visibility)

    def mission(self, visibility=Visibility.PUBLIC):
        return factories.MissionFactory(network=self.network, visibility=visibility)

    def event(self, visibility=Visibility.PUBLIC):
        return factories.EventFactory(network=self.network, visibility=visibility)

    def review(self, visibility=Visibility.PUBLIC):
        return factories.PortfolioReviewFactory(portfolio=self.portfolio(visibility))

    def decision(self, visibility=Visibility.PUBLIC):
        entry = factories.PortfolioEntryFactory(portfolio=self.portfolio(visibility))
        review = factories.PortfolioReviewFactory(portfolio=entry.portfolio)
        return factories.ReviewDecisionFactory(review=review, initiative=entry.initiative)

    def undecided_entry(self):
        """A review and an initiative in its portfolio that has no decision yet."""
        entry = factories.PortfolioEntryFactory(portfolio=self.portfolio())
        return factories.PortfolioReviewFactory(portfolio=entry.portfolio), entry.initiative


@dataclass(frozen=True)
class Endpoint:
    basename: str
    rule: Rule
    make: Callable  # (world, visibility) -> a record with that audience
    create: Callable | None = None  # (world) -> a valid creation payload
    change: dict = field(default_factory=dict)  # a valid PATCH

    @property
    def list_url(self):
        return f"/api/v1/{self.prefix}/"

    @property
    def prefix(self):
        from config.api_urls import router

        return next(prefix for prefix, _, basename in router.registry if basename == self.basename)

    def detail_url(self, record):
        return f"{self.list_url}{record.pk}/"

    def visibilities(self):
        return list(self.rule.readers)


def _id(record):
    return record.pk


ENDPOINTS = [
    Endpoint(
        "network",
        DIRECTORY,
        make=lambda w, v: factories.NetworkFactory(),
        create=lambda w: {"name": "Nyt netværk", "slug": "nyt-netvaerk", "country": "DK"},
        change={"description": "Changed through the API."},
    ),
    Endpoint(
        "organisation",
        DIRECTORY,
        make=lambda w, v: factories.OrganisationFactory(),
        create=lambda w: {"name": "Aarhus Kommune", "slug": "aarhus", "sector": "municipality", "country": "DK"},
        change={"website": "https://example.org/"},
    ),
    Endpoint(
        "person",
        DIRECTORY,
        make=lambda w, v: factories.PersonFactory(),
        create=lambda w: {"name": "Karin Lund"},
        change={"name": "Karin Lund-Berg"},
    ),
    Endpoint(
        "membership",
        DIRECTORY,
        make=lambda w, v: factories.MembershipFactory(network=w.network),
        create=lambda w: {"network": w.network.pk, "organisation": factories.OrganisationFactory().pk},
        change={"role": "coordinator"},
    ),
    Endpoint(
        "theme",
        NETWORK,
        make=lambda w, v: factories.ThemeFactory(network=w.network, visibility=v),
        create=lambda w: {"network": w.network.pk, "name": "Ensomhed", "visibility": "public"},
        change={"description": "Changed through the API."},
    ),
    Endpoint(
        "mission",
        NETWORK,
        make=lambda w, v: w.mission(v),
        create=lambda w: {"network": w.network.pk, "title": "Ingen ensomme ældre", "visibility": "network"},
        change={"goal": "Changed through the API."},
    ),
    Endpoint(
        "missionorganisation",
        NETWORK,
        make=lambda w, v: MissionOrganisation.objects.create(
            mission=w.mission(v), organisation=factories.OrganisationFactory()
        ),
        create=lambda w: {"mission": w.mission().pk, "organisation": factories.OrganisationFactory().pk},
        change={"joined_on": "2026-01-15"},
    ),
    Endpoint(
        "initiative",
        INITIATIVE,
        make=lambda w, v: w.initiative(v),
        create=lambda w: {"network": w.network.pk, "title": "Måltidsfællesskaber", "visibility": "draft"},
        change={"summary": "Changed through the API."},
    ),
    Endpoint(
        "participation",
        INITIATIVE,
        make=lambda w, v: factories.ParticipationFactory(initiative=w.initiative(v)),
        create=lambda w: {
            "initiative": w.initiative().pk,
            "organisation": factories.OrganisationFactory().pk,
            "role": "researcher",
        },
        change={"role": "funder"},
    ),
    Endpoint(
        "phasechange",
        INITIATIVE,
        make=lambda w, v: factories.PhaseChangeFactory(initiative=w.initiative(v)),
        create=lambda w: {"initiative": w.initiative().pk, "to_phase": "prototyping", "rationale": "Ready to try."},
        change={"rationale": "Changed through the API."},
    ),
    Endpoint(
        "funding",
        INITIATIVE,
        make=lambda w, v: factories.FundingFactory(initiative=w.initiative(v)),
        create=lambda w: {
            "initiative": w.initiative().pk,
            "funder_name": "Socialstyrelsen",
            "amount": "250000.00",
            "currency": "DKK",
            "kind": "temporary_pool",
        },
        change={"funder_name": "Changed through the API"},
    ),
    Endpoint(
        "portfolio",
        NETWORK,
        make=lambda w, v: w.portfolio(v),
        create=lambda w: {"network": w.network.pk, "title": "Samhällskontraktets portfölj", "visibility": "public"},
        change={"intention": "Changed through the API."},
    ),
    Endpoint(
        "category",
        NETWORK,
        make=lambda w, v: factories.CategoryFactory(portfolio=w.portfolio(v)),
        create=lambda w: {"portfolio": w.portfolio().pk, "code": "procurement", "name": "Procurement"},
        change={"name": "Changed through the API"},
    ),
    Endpoint(
        "portfolioentry",
        NETWORK,
        make=lambda w, v: factories.PortfolioEntryFactory(portfolio=w.portfolio(v)),
        create=lambda w: {"portfolio": w.portfolio().pk, "initiative": w.initiative().pk, "horizon": "h3"},
        change={"rationale": "Changed through the API."},
    ),
    Endpoint(
        "portfolioreview",
        NETWORK,
        make=lambda w, v: w.review(v),
        create=lambda w: {"portfolio": w.portfolio().pk, "title": "Porteføljemøde maj", "opened_on": "2026-05-04"},
        change={"title": "Changed through the API"},
    ),
    Endpoint(
        "reviewdecision",
        NETWORK,
        make=lambda w, v: w.decision(v),
        create=lambda w: (
            lambda review, initiative: {
                "review": review.pk,
                "initiative": initiative.pk,
                "horizon": "h2",
                "decision": "scale",
                "rationale": "It works in two municipalities.",
            }
        )(*w.undecided_entry()),
        change={"progress": "Changed through the API."},
    ),
    Endpoint(
        "note",
        NOTE,
        make=lambda w, v: factories.NoteFactory(portfolio=w.portfolio(v), author=w.coordinator_person),
        create=lambda w: {"portfolio": w.portfolio().pk, "kind": "next_step", "title": "Invite the region"},
        change={"text": "Changed through the API."},
    ),
    Endpoint(
        "learningentry",
        INITIATIVE,
        make=lambda w, v: factories.LearningEntryFactory(initiative=w.initiative(v), visibility=v),
        create=lambda w: {
            "initiative": w.initiative().pk,
            "title": "Indkøb tager tid",
            "what_we_learned": "Start the procurement dialogue early.",
            "kind": "barrier",
            "categories": ["procurement"],
            "visibility": "public",
        },
        change={"where_we_are_heading": "Changed through the API."},
    ),
    Endpoint(
        "valueassessment",
        INITIATIVE,
        make=lambda w, v: factories.ValueAssessmentFactory(initiative=w.initiative(v)),
        create=lambda w: {
            "initiative": w.initiative().pk,
            "domain": "democracy",
            "score": 4,
            "narrative": "Citizens co-decide the menu.",
            "period_start": "2026-01-01",
            "period_end": "2026-06-30",
        },
        change={"narrative": "Changed through the API."},
    ),
    Endpoint(
        "indicator",
        INITIATIVE,
        make=lambda w, v: factories.IndicatorFactory(initiative=w.initiative(v)),
        create=lambda w: {"initiative": w.initiative().pk, "name": "Deltagere", "unit": "persons"},
        change={"description": "Changed through the API."},
    ),
    Endpoint(
        "measurement",
        INITIATIVE,
        make=lambda w, v: factories.MeasurementFactory(
            indicator=factories.IndicatorFactory(initiative=w.initiative(v))
        ),
        create=lambda w: {
            "indicator": factories.IndicatorFactory(initiative=w.initiative()).pk,
            "date": "2026-03-01",
            "value": "12.500",
        },
        change={"note": "Changed through the API"},
    ),
    Endpoint(
        "event",
        NETWORK,
        make=lambda w, v: w.event(v),
        create=lambda w: {
            "network": w.network.pk,
            "date": "2026-05-26",
            "title": "Kaffe efter gymnastik",
            "narrative": "New communities formed over coffee.",
        },
        change={"participants": "Changed through the API."},
    ),
    Endpoint(
        "resourceobservation",
        NETWORK,
        make=lambda w, v: factories.ResourceObservationFactory(event=w.event(v)),
        create=lambda w: {
            "event": w.event().pk,
            "capital": "affective",
            "state": "potential",
            "description": "Trust between neighbours.",
        },
        change={"description": "Changed through the API."},
    ),
    Endpoint(
        "learningsummary",
        SUMMARY,
        make=lambda w, v: factories.LearningSummaryFactory(
            network=w.network,
            scope=SummaryScope.INITIATIVE,
            scope_id=next(SUMMARY_SCOPE_IDS),
            audience=SummaryAudience.PUBLIC if v == "public" else SummaryAudience.NETWORK,
        ),
    ),
]
ENDPOINTS_BY_BASENAME = {endpoint.basename: endpoint for endpoint in ENDPOINTS}


def client_for(user):
    """An API client acting as user (None: anonymous), authenticated by a real token."""
    client = APIClient()
    if user is not None:
        from core.models import ApiToken

        _, secret = ApiToken.issue(user, "tests")
        client.credentials(HTTP_AUTHORIZATION=f"Bearer {secret}")
    return client


def list_ids(client, url, params=""):
    """Every id the list returns, following `next` through the pages."""
    ids = []
    next_url = f"{url}?limit=100{'&' + params if params else ''}"
    while next_url:
        response = client.get(next_url)
        assert response.status_code == 200, response.content
        body = response.json()
        ids += [row["id"] for row in body["results"]]
        next_url = body["next"]
    return ids


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response["Content-Type"].startswith("application/problem+json"), response["Content-Type"]
    problem = response.json()
    assert problem["status"] == status
    for member in ("type", "title", "detail", "instance"):
        assert member in problem, problem
    return problem


def today():
    return datetime.date.today()
