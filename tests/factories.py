"""factory_boy factories for every model. Defaults make valid, public records."""

import datetime

import factory
import pytest
from django.contrib.auth import get_user_model

from core.choices import Currency, Visibility
from evaluation import models as evaluation
from evaluation.choices import Capital, LearningKind, ResourceState, SummaryAudience, SummaryScope, ValueDomain
from initiatives import models as initiatives
from initiatives.choices import FundingKind, ParticipationRole, Phase
from partners import models as partners
from partners.choices import Country, MembershipRole, Sector
from portfolios import models as portfolios
from portfolios.choices import Decision, Horizon, NoteKind


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.org")
    password = factory.django.Password("correct horse battery staple")


class NetworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = partners.Network

    name = factory.Sequence(lambda n: f"Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    country = Country.DENMARK


class OrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = partners.Organisation

    name = factory.Sequence(lambda n: f"Organisation {n}")
    slug = factory.Sequence(lambda n: f"organisation-{n}")
    sector = Sector.CIVIL_SOCIETY
    country = Country.DENMARK


class MunicipalityFactory(OrganisationFactory):
    name = factory.Sequence(lambda n: f"Kommune {n}")
    sector = Sector.MUNICIPALITY
    municipality_code = factory.Sequence(lambda n: f"{100 + n % 900:03d}")


class PersonFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = partners.Person

    name = factory.Sequence(lambda n: f"Person {n}")
    work_email = factory.LazyAttribute(lambda o: f"{o.name.lower().replace(' ', '.')}@example.org")
    organisation = factory.SubFactory(OrganisationFactory)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = partners.Membership

    network = factory.SubFactory(NetworkFactory)
    person = factory.SubFactory(PersonFactory)
    role = MembershipRole.MEMBER


class ThemeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.Theme

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Theme {n}")
    visibility = Visibility.PUBLIC


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.Mission

    network = factory.SubFactory(NetworkFactory)
    theme = factory.SubFactory(ThemeFactory, network=factory.SelfAttribute("..network"))
    title = factory.Sequence(lambda n: f"Mission {n}")
    visibility = Visibility.PUBLIC


class InitiativeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.Initiative

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Initiative {n}")
    summary = "A summary."
    phase = Phase.IDEA_DEVELOPMENT
    visibility = Visibility.PUBLIC
    start_date = datetime.date(2025, 1, 1)


class ParticipationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.Participation

    initiative = factory.SubFactory(InitiativeFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = ParticipationRole.PARTNER


class PhaseChangeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.PhaseChange

    initiative = factory.SubFactory(InitiativeFactory)
    from_phase = Phase.STARTUP
    to_phase = Phase.IDEA_DEVELOPMENT
    date = datetime.date(2025, 3, 1)
    rationale = "The idea is clear enough to develop."


class FundingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.Funding

    initiative = factory.SubFactory(InitiativeFactory)
    funder_name = "Puljen"
    amount = 500000
    currency = Currency.DKK
    kind = FundingKind.TEMPORARY_POOL
    start_date = datetime.date(2025, 1, 1)
    end_date = datetime.date(2026, 12, 31)


class PortfolioFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.Portfolio

    network = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Portfolio {n}")
    visibility = Visibility.PUBLIC


class CategoryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.Category

    portfolio = factory.SubFactory(PortfolioFactory)
    code = factory.Sequence(lambda n: f"category-{n}")
    name = factory.Sequence(lambda n: f"Category {n}")


class PortfolioEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.PortfolioEntry

    portfolio = factory.SubFactory(PortfolioFactory)
    initiative = factory.SubFactory(InitiativeFactory, network=factory.SelfAttribute("..portfolio.network"))
    horizon = Horizon.H2


class PortfolioReviewFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.PortfolioReview

    portfolio = factory.SubFactory(PortfolioFactory)
    title = factory.Sequence(lambda n: f"Review {n}")
    opened_on = datetime.date(2026, 4, 26)


class ReviewDecisionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.ReviewDecision

    review = factory.SubFactory(PortfolioReviewFactory)
    initiative = factory.SubFactory(InitiativeFactory)
    horizon = Horizon.H2
    decision = Decision.CONTINUE
    rationale = "It works."


class NoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = portfolios.Note

    portfolio = factory.SubFactory(PortfolioFactory)
    kind = NoteKind.NEED_OR_IDEA
    title = factory.Sequence(lambda n: f"Note {n}")


class LearningEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.LearningEntry

    initiative = factory.SubFactory(InitiativeFactory)
    title = factory.Sequence(lambda n: f"Learning {n}")
    what_we_learned = "Procurement rules slowed the pilot down."
    kind = LearningKind.INSIGHT
    visibility = Visibility.PUBLIC


class ValueAssessmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.ValueAssessment

    initiative = factory.SubFactory(InitiativeFactory)
    domain = ValueDomain.EFFECTS
    score = 3
    narrative = "Citizens report more control over their day."
    period_start = datetime.date(2025, 1, 1)
    period_end = datetime.date(2025, 6, 30)


class IndicatorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.Indicator

    initiative = factory.SubFactory(InitiativeFactory)
    name = factory.Sequence(lambda n: f"Indicator {n}")
    unit = "persons"


class MeasurementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.Measurement

    indicator = factory.SubFactory(IndicatorFactory)
    date = factory.Sequence(lambda n: datetime.date(2025, 1, 1) + datetime.timedelta(days=n))
    value = 10


class EventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.Event

    network = factory.SubFactory(NetworkFactory)
    date = datetime.date(2025, 5, 26)
    title = factory.Sequence(lambda n: f"Event {n}")
    narrative = "The coffee break after gymnastics made new communities possible."
    visibility = Visibility.PUBLIC


class ResourceObservationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.ResourceObservation

    event = factory.SubFactory(EventFactory)
    capital = Capital.SOCIAL
    state = ResourceState.ACTUAL
    description = "Neighbours now meet weekly."


class LearningSummaryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.LearningSummary

    scope = SummaryScope.NETWORK
    network = factory.SubFactory(NetworkFactory)
    scope_id = factory.SelfAttribute("network.pk")
    audience = SummaryAudience.PUBLIC


class TwinCandidateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.TwinCandidate

    initiative = factory.SubFactory(InitiativeFactory)
    candidate = factory.SubFactory(InitiativeFactory)
    rank = 1
    score = 0.8
    reasons = factory.LazyFunction(list)
    computed_at = factory.LazyFunction(lambda: datetime.datetime.now(tz=datetime.UTC))


class FollowFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = evaluation.Follow

    user = factory.SubFactory(UserFactory)
    initiative = factory.SubFactory(InitiativeFactory)


class MissionOrganisationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = initiatives.MissionOrganisation

    mission = factory.SubFactory(MissionFactory)
    organisation = factory.SubFactory(OrganisationFactory)


# --- every model's factory, for tests driven by the model graph ----------------------


def factory_for(model):
    for candidate in globals().values():
        meta = getattr(candidate, "_meta", None)
        if isinstance(candidate, type) and getattr(meta, "model", None) is model:
            return candidate
    pytest.fail(f"tests/factories.py has no factory for {model._meta.label}: add one (defaults: a valid public record)")


def in_network(model, network):
    """Factory arguments that put a new record of model in network, where it has one."""
    try:
        field = model._meta.get_field("network")
    except Exception:  # noqa: BLE001
        return {}
    return {"network": network} if field.is_relation else {}
