"""Model validation: what makes no sense is rejected by clean() with the field named, and
by the database itself where a constraint can say it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from initiatives.choices import InitiativeKind, Phase
from partners.choices import Country, IdentifierScheme, Sector
from portfolios.choices import Decision

from . import factories

pytestmark = pytest.mark.django_db

JAN = datetime.date(2025, 1, 1)
DEC = datetime.date(2024, 12, 1)


def error_fields(instance):
    with pytest.raises(ValidationError) as caught:
        instance.full_clean()
    return set(caught.value.message_dict)


def assert_database_refuses(instance):
    with pytest.raises(IntegrityError), transaction.atomic():
        instance.save()


@pytest.mark.parametrize(
    "factory, start, end",
    [
        (factories.InitiativeFactory, "start_date", "end_date"),
        (factories.MissionFactory, "start_date", "end_date"),
        (factories.FundingFactory, "start_date", "end_date"),
        (factories.ParticipationFactory, "start_date", "end_date"),
        (factories.MembershipFactory, "start_date", "end_date"),
        (factories.ValueAssessmentFactory, "period_start", "period_end"),
    ],
)
def test_an_end_before_its_start_is_rejected_on_the_end_field(factory, start, end):
    instance = factory()
    setattr(instance, start, JAN)
    setattr(instance, end, DEC)
    assert end in error_fields(instance)
    assert_database_refuses(instance)


def test_a_negative_amount_is_rejected():
    funding = factories.FundingFactory()
    funding.amount = Decimal("-1")
    assert "amount" in error_fields(funding)
    assert_database_refuses(funding)


def test_a_pilot_whose_parent_is_a_pilot_is_rejected():
    parent = factories.InitiativeFactory(title="Måltider och möten för seniorer")
    pilot = factories.InitiativeFactory(kind=InitiativeKind.PILOT, parent=parent, network=parent.network)
    pilot.full_clean()
    grandchild = factories.InitiativeFactory.build(kind=InitiativeKind.PILOT, parent=pilot, network=parent.network)
    assert error_fields(grandchild) == {"parent"}


def test_a_pilot_needs_a_parent_and_an_initiative_has_none():
    network = factories.NetworkFactory()
    assert "parent" in error_fields(factories.InitiativeFactory.build(kind=InitiativeKind.PILOT, network=network))
    parent = factories.InitiativeFactory(network=network)
    child = factories.InitiativeFactory.build(kind=InitiativeKind.INITIATIVE, parent=parent, network=network)
    assert "parent" in error_fields(child)
    action = factories.InitiativeFactory.build(kind=InitiativeKind.TARGETED_ACTION, parent=parent, network=network)
    action.full_clean()


def test_an_initiative_that_twins_itself_is_rejected():
    initiative = factories.InitiativeFactory()
    initiative.twin_of = initiative
    assert error_fields(initiative) == {"twin_of"}
    assert_database_refuses(initiative)


def test_an_initiative_cannot_be_its_own_parent():
    initiative = factories.InitiativeFactory(kind=InitiativeKind.PILOT)
    initiative.parent = initiative
    assert "parent" in error_fields(initiative)
    assert_database_refuses(initiative)


def test_a_phase_change_to_the_phase_it_already_has_is_rejected():
    change = factories.PhaseChangeFactory.build(
        initiative=factories.InitiativeFactory(), from_phase=Phase.PROTOTYPING, to_phase=Phase.PROTOTYPING
    )
    assert error_fields(change) == {"to_phase"}
    assert_database_refuses(change)


def test_composting_needs_the_reason_and_what_others_can_reuse():
    initiative = factories.InitiativeFactory(phase=Phase.COMPOSTED)
    assert error_fields(initiative) == {"composted_reason", "composted_lessons"}
    initiative.composted_reason = "The pool funding ended and no one took over operations."
    initiative.composted_lessons = "The meal-delivery routes and the volunteer schedule."
    initiative.full_clean()


@pytest.mark.parametrize("targets", [["18.1"], ["3.4", "three"], "3.4", [3.4]])
def test_sdg_targets_must_be_goal_dot_target(targets):
    initiative = factories.InitiativeFactory()
    initiative.sdg_targets = targets
    assert error_fields(initiative) == {"sdg_targets"}


def test_valid_sdg_targets_and_target_groups_pass():
    initiative = factories.InitiativeFactory(sdg_targets=["3.4", "10.b", "11.7"], target_groups=["older_alone"])
    initiative.full_clean()


def test_unknown_target_groups_are_rejected():
    initiative = factories.InitiativeFactory(target_groups=["older_alone", "martians"])
    assert error_fields(initiative) == {"target_groups"}


def test_unknown_learning_categories_and_value_domains_are_rejected():
    entry = factories.LearningEntryFactory(categories=["procurement", "weather"], value_domains=["happiness"])
    assert error_fields(entry) == {"categories", "value_domains"}


@pytest.mark.parametrize(
    "scheme, identifier, ok",
    [
        (IdentifierScheme.CVR, "29189919", True),
        (IdentifierScheme.CVR, "2918991", False),
        (IdentifierScheme.ORGANISATIONSNUMMER, "212000-0225", True),
        (IdentifierScheme.ORGANISATIONSNUMMER, "2120000225", False),
    ],
)
def test_official_identifiers_follow_their_register(scheme, identifier, ok):
    organisation = factories.OrganisationFactory.build(identifier_scheme=scheme, identifier=identifier)
    if ok:
        organisation.full_clean()
    else:
        assert error_fields(organisation) == {"identifier"}


def test_an_identifier_needs_its_scheme_in_the_form_and_the_database():
    organisation = factories.OrganisationFactory.build(identifier="29189919")
    assert "identifier_scheme" in error_fields(organisation)
    assert_database_refuses(organisation)


def test_municipality_codes_follow_the_country_and_belong_to_municipalities():
    eskilstuna = factories.OrganisationFactory.build(
        sector=Sector.MUNICIPALITY, country=Country.SWEDEN, municipality_code="0484"
    )
    eskilstuna.full_clean()
    eskilstuna.municipality_code = "484"
    assert error_fields(eskilstuna) == {"municipality_code"}
    company = factories.OrganisationFactory.build(sector=Sector.COMPANY, municipality_code="101")
    assert error_fields(company) == {"municipality_code"}


def test_a_membership_is_a_persons_or_an_organisations_not_both():
    membership = factories.MembershipFactory()
    membership.organisation = factories.OrganisationFactory()
    assert "person" in error_fields(membership)
    assert_database_refuses(membership)


def test_a_value_score_stays_on_the_scale():
    assessment = factories.ValueAssessmentFactory()
    assessment.score = 6
    assert error_fields(assessment) == {"score"}
    assert_database_refuses(assessment)


def test_an_initiative_is_in_a_portfolio_once():
    entry = factories.PortfolioEntryFactory()
    duplicate = factories.PortfolioEntryFactory.build(portfolio=entry.portfolio, initiative=entry.initiative)
    assert "__all__" in error_fields(duplicate)
    assert_database_refuses(duplicate)


def test_a_decision_is_about_an_initiative_in_the_reviews_portfolio():
    entry = factories.PortfolioEntryFactory()
    review = factories.PortfolioReviewFactory(portfolio=entry.portfolio)
    factories.ReviewDecisionFactory.build(review=review, initiative=entry.initiative).full_clean()
    stranger = factories.InitiativeFactory()
    decision = factories.ReviewDecisionFactory.build(review=review, initiative=stranger)
    assert error_fields(decision) == {"initiative"}


def test_a_twin_needs_a_municipality_other_than_the_originals():
    vasteras = factories.MunicipalityFactory(name="Västerås stad", country=Country.SWEDEN, municipality_code="1980")
    eskilstuna = factories.MunicipalityFactory(
        name="Eskilstuna kommun", country=Country.SWEDEN, municipality_code="0484"
    )
    entry = factories.PortfolioEntryFactory()
    entry.initiative.municipalities.add(eskilstuna)
    review = factories.PortfolioReviewFactory(portfolio=entry.portfolio)
    decision = factories.ReviewDecisionFactory.build(review=review, initiative=entry.initiative, decision=Decision.TWIN)
    assert error_fields(decision) == {"twin_municipality"}
    decision.twin_municipality = eskilstuna
    assert error_fields(decision) == {"twin_municipality"}
    decision.twin_municipality = vasteras
    decision.full_clean()


def test_a_note_and_its_review_share_a_portfolio():
    note = factories.NoteFactory(review=factories.PortfolioReviewFactory())
    assert error_fields(note) == {"review"}


def test_an_image_on_the_event_wall_needs_a_description():
    event = factories.EventFactory(image="events/2025/drawing.png")
    assert error_fields(event) == {"image_description"}


def test_slugs_are_made_from_titles_and_stay_unique():
    first = factories.InitiativeFactory(title="Seniorrestaurangen")
    second = factories.InitiativeFactory(title="Seniorrestaurangen")
    assert (first.slug, second.slug) == ("seniorrestaurangen", "seniorrestaurangen-2")


@pytest.mark.parametrize(
    "factory",
    [getattr(factories, name) for name in dir(factories) if name.endswith("Factory") and name != "UserFactory"],
)
def test_every_model_has_a_str_and_an_absolute_url(factory):
    instance = factory()
    assert str(instance)
    assert instance.get_absolute_url().startswith("/")


def test_slugs_keep_danish_letters_readable():
    assert factories.InitiativeFactory(title="Ældre i fællesskab på Ø").slug == "aeldre-i-faellesskab-pa-oe"
