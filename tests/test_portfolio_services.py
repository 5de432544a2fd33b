"""The portfolio exercise as domain operations (portfolios.services): who may open, assess
and close a review, what closing does to the initiatives, that a closed review never
changes again, that two assessors cannot overwrite each other, and notes that become
initiatives."""

import datetime
import threading

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection, transaction

from core.choices import Visibility
from initiatives.choices import InitiativeKind, ParticipationRole, Phase
from initiatives.models import Initiative, PhaseChange
from partners.choices import Country
from portfolios import services
from portfolios.choices import DEFAULT_CATEGORIES, Decision, Horizon, Layer, NoteKind, Relation, ReviewStatus
from portfolios.models import (
    ConflictError,
    EntryCategory,
    Note,
    PortfolioEntry,
    PortfolioReview,
    ReviewClosed,
    ReviewDecision,
)

from . import factories

pytestmark = pytest.mark.django_db

CLOSING_DAY = datetime.date(2026, 5, 4)
IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


def refused_fields(call, *args, **kwargs):
    with pytest.raises(ValidationError) as caught:
        call(*args, **kwargs)
    return set(caught.value.message_dict)


def coordinate(user, initiative):
    """Make the user's organisation a partner of the initiative: coordinators assess
    (and edit) the initiatives their organisation takes part in."""
    factories.ParticipationFactory(initiative=initiative, organisation=user.person.organisation)


@pytest.fixture
def eskilstuna():
    return factories.MunicipalityFactory(name="Eskilstuna kommun", country=Country.SWEDEN, municipality_code="0484")


@pytest.fixture
def vasteras():
    return factories.MunicipalityFactory(name="Västerås stad", country=Country.SWEDEN, municipality_code="1980")


@pytest.fixture
def portfolio(network):
    return services.create_portfolio(
        network=network, title="Samhällskontraktet", language="sv", visibility=Visibility.NETWORK
    )


def place(portfolio, title, horizon, municipality=None, phase=Phase.PROTOTYPING, **fields):
    initiative = factories.InitiativeFactory(
        network=portfolio.network, title=title, phase=phase, language="sv", **fields
    )
    if municipality:
        initiative.municipalities.add(municipality)
    factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative, horizon=horizon, layer=Layer.SYSTEM)
    return initiative


@pytest.fixture
def meals(portfolio, eskilstuna):
    return place(portfolio, "Måltider och möten för seniorer", Horizon.H3, eskilstuna)


@pytest.fixture
def safety(portfolio, vasteras):
    return place(portfolio, "Mobil trygghetslösning för seniorer", Horizon.H1, vasteras)


@pytest.fixture
def review(portfolio, network_admin):
    return services.open_review(portfolio, "Portföljövning maj", network_admin, IN_A_MONTH)


def category(portfolio, code):
    return portfolio.categories.get(code=code)


# -- portfolios and categories -----------------------------------------------------------


@pytest.mark.parametrize(
    "language, culture_name",
    [("sv", "Kultur och förmågor"), ("da", "Kultur og kompetencer"), ("en", "Culture and capabilities")],
)
def test_a_new_portfolio_gets_the_default_categories_in_its_language(network, language, culture_name):
    portfolio = services.create_portfolio(network=network, title="Portfolio", language=language)

    categories = list(portfolio.categories.order_by("position"))
    assert [c.code for c in categories] == [code for code, _ in DEFAULT_CATEGORIES]
    assert categories[0].name == culture_name
    assert len({c.name for c in categories}) == 8


def test_default_categories_are_added_once_and_leave_existing_ones_alone(network):
    portfolio = factories.PortfolioFactory(network=network, language="sv")
    factories.CategoryFactory(portfolio=portfolio, code="culture", name="Kultur", position=5)

    created = services.ensure_default_categories(portfolio)

    assert len(created) == 7
    assert portfolio.categories.get(code="culture").name == "Kultur"
    assert services.ensure_default_categories(portfolio) == []
    assert portfolio.categories.count() == 8


def test_only_network_admins_create_portfolios(network, coordinator, network_admin):
    with pytest.raises(PermissionDenied):
        services.create_portfolio(network=network, title="P", language="sv", user=coordinator)
    assert services.create_portfolio(network=network, title="P", language="sv", user=network_admin).pk


def test_an_initiative_enters_a_portfolio_once_with_its_relations(portfolio, network_admin):
    initiative = factories.InitiativeFactory(network=portfolio.network)
    culture = category(portfolio, "culture")

    entry = services.add_entry(
        portfolio, initiative, user=network_admin, horizon=Horizon.H2, category_relations={culture: Relation.STRONG}
    )

    assert dict(entry.relations.values_list("category__code", "relation")) == {"culture": "strong"}
    assert refused_fields(services.add_entry, portfolio, initiative, user=network_admin, horizon=Horizon.H1) == {
        "initiative"
    }
    assert PortfolioEntry.objects.filter(portfolio=portfolio).count() == 1
    other = factories.CategoryFactory()
    assert refused_fields(
        services.update_entry, entry, user=network_admin, category_relations={other.pk: Relation.SOME}
    ) == {"category_relations"}


# -- opening and permissions -------------------------------------------------------------


def test_only_network_admins_open_a_review(portfolio, member, coordinator, outsider, network_admin):
    for user in (member, coordinator, outsider):
        with pytest.raises(PermissionDenied):
            services.open_review(portfolio, "Övning", user)
    review = services.open_review(portfolio, "Övning", network_admin, IN_A_MONTH)
    assert review.status == ReviewStatus.OPEN
    assert review.opened_by == network_admin.person


def test_a_portfolio_has_one_open_review_at_a_time(portfolio, review, network_admin):
    with pytest.raises(ValidationError):
        services.open_review(portfolio, "Another", network_admin)
    assert PortfolioReview.objects.filter(portfolio=portfolio).count() == 1


def test_members_and_outsiders_cannot_assess(review, meals, member, outsider):
    for user in (member, outsider):
        with pytest.raises(PermissionDenied):
            services.assess(review, meals, user=user, horizon="h3", decision="continue", rationale="Bra.")
    assert not ReviewDecision.objects.exists()


def test_coordinators_assess_only_the_initiatives_they_coordinate(review, meals, safety, coordinator):
    coordinate(coordinator, meals)

    decision = services.assess(review, meals, user=coordinator, horizon="h3", decision="continue", rationale="Bra.")
    assert decision.decided_by == coordinator.person
    with pytest.raises(PermissionDenied):
        services.assess(review, safety, user=coordinator, horizon="h1", decision="continue", rationale="Bra.")
    assert list(ReviewDecision.objects.values_list("initiative", flat=True)) == [meals.pk]


def test_network_admins_assess_every_initiative(review, meals, safety, network_admin):
    for initiative in (meals, safety):
        services.assess(
            review, initiative, user=network_admin, horizon="h2", decision="pivot", rationale="Ny riktning."
        )
    assert ReviewDecision.objects.filter(review=review).count() == 2


def test_only_network_admins_close_a_review(review, meals, coordinator, member, network_admin):
    coordinate(coordinator, meals)
    for user in (coordinator, member):
        with pytest.raises(PermissionDenied):
            services.close_review(review, user)
    review.refresh_from_db()
    assert review.status == ReviewStatus.OPEN
    services.close_review(review, network_admin)
    assert PortfolioReview.objects.get(pk=review.pk).status == ReviewStatus.CLOSED


# -- validation: nothing is written -------------------------------------------------------


def test_a_decision_is_about_an_initiative_in_the_portfolio(review, network_admin):
    stranger = factories.InitiativeFactory(network=review.portfolio.network)
    assert refused_fields(
        services.assess, review, stranger, user=network_admin, horizon="h1", decision="continue", rationale="?"
    ) == {"initiative"}
    assert not ReviewDecision.objects.exists()


def test_a_twin_needs_a_municipality_other_than_the_originals(review, meals, eskilstuna, network_admin):
    for municipality in (None, eskilstuna, factories.OrganisationFactory()):
        assert refused_fields(
            services.assess,
            review,
            meals,
            user=network_admin,
            horizon="h3",
            decision=Decision.TWIN,
            rationale="Tvilling.",
            twin_municipality=municipality,
        ) == {"twin_municipality"}
    assert not ReviewDecision.objects.exists()


def test_a_scale_decision_needs_municipalities_it_is_not_in_yet(review, meals, eskilstuna, network_admin):
    for targets in ((), (eskilstuna,), (factories.OrganisationFactory(),)):
        assert refused_fields(
            services.assess,
            review,
            meals,
            user=network_admin,
            horizon="h2",
            decision=Decision.SCALE,
            rationale="Skala upp.",
            scale_municipalities=targets,
        ) == {"scale_municipalities"}
    assert not ReviewDecision.objects.exists()


def test_composting_needs_lessons_and_relations_name_the_portfolios_categories(review, meals, network_admin):
    assert refused_fields(
        services.assess, review, meals, user=network_admin, horizon="h3", decision=Decision.COMPOST, rationale="Slut."
    ) == {"lessons"}
    assert refused_fields(
        services.assess,
        review,
        meals,
        user=network_admin,
        horizon="h3",
        decision=Decision.CONTINUE,
        rationale="Bra.",
        category_relations={factories.CategoryFactory().pk: Relation.SOME},
    ) == {"category_relations"}
    assert refused_fields(
        services.assess,
        review,
        meals,
        user=network_admin,
        horizon="h3",
        decision=Decision.CONTINUE,
        rationale="Bra.",
        category_relations={category(review.portfolio, "culture"): "very"},
    ) == {"category_relations"}
    assert not ReviewDecision.objects.exists()


# -- concurrency ---------------------------------------------------------------------------


def test_a_stale_version_is_refused_and_nothing_is_written(review, meals, network_admin, coordinator):
    coordinate(coordinator, meals)
    first = services.assess(review, meals, user=network_admin, horizon="h3", decision="continue", rationale="A")
    assert first.version == 1
    # Both read version 1; the admin saves first.
    services.assess(
        review, meals, user=network_admin, horizon="h2", decision="pivot", rationale="B", expected_version=1
    )

    with pytest.raises(ConflictError):
        services.assess(
            review, meals, user=coordinator, horizon="h1", decision="continue", rationale="C", expected_version=1
        )
    # Someone who saw no assessment at all does not overwrite one either.
    with pytest.raises(ConflictError):
        services.assess(review, meals, user=coordinator, horizon="h1", decision="continue", rationale="D")

    stored = ReviewDecision.objects.get()
    assert (stored.version, stored.rationale, stored.horizon, stored.decided_by) == (2, "B", "h2", network_admin.person)
    updated = services.assess(
        review, meals, user=coordinator, horizon="h1", decision="continue", rationale="E", expected_version=2
    )
    assert updated.version == 3


def test_every_path_checks_the_version_on_the_model(review, meals, network_admin):
    services.assess(review, meals, user=network_admin, horizon="h3", decision="continue", rationale="A")
    mine, theirs = ReviewDecision.objects.get(), ReviewDecision.objects.get()
    theirs.progress = "Their change."
    theirs.save()

    mine.progress = "My change."
    with pytest.raises(ConflictError):
        mine.save()
    assert ReviewDecision.objects.get().progress == "Their change."


@pytest.mark.django_db(transaction=True)
def test_two_assessors_at_the_same_moment_one_wins_the_other_is_told(network, network_admin):
    portfolio = services.create_portfolio(network=network, title="P", language="sv")
    initiative = factories.InitiativeFactory(network=network)
    factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative)
    review = services.open_review(portfolio, "Övning", network_admin)
    services.assess(review, initiative, user=network_admin, horizon="h1", decision="continue", rationale="Start")
    start = threading.Barrier(2)
    outcomes = []

    def assess_as(rationale):
        user = get_user_model().objects.get(pk=network_admin.pk)
        start.wait()
        try:
            services.assess(
                review, initiative, user=user, horizon="h2", decision="pivot", rationale=rationale, expected_version=1
            )
            outcomes.append(("saved", rationale))
        except ConflictError:
            outcomes.append(("conflict", rationale))
        finally:
            connection.close()

    threads = [threading.Thread(target=assess_as, args=(name,)) for name in ("Anna", "Bo")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcome for outcome, _ in outcomes) == ["conflict", "saved"]
    winner = next(rationale for outcome, rationale in outcomes if outcome == "saved")
    stored = ReviewDecision.objects.get()
    assert (stored.version, stored.rationale) == (2, winner)


# -- closing: the decisions take effect -----------------------------------------------------


def test_closing_applies_every_decision_and_freezes_a_snapshot(
    portfolio, review, meals, safety, eskilstuna, vasteras, network_admin
):
    orebro = factories.MunicipalityFactory(name="Örebro kommun", country=Country.SWEDEN, municipality_code="1880")
    services_initiative = place(
        portfolio, "Stärka äldres självständighet", Horizon.H2, eskilstuna, Phase.IDEA_DEVELOPMENT
    )
    civil = place(portfolio, "Samverkansmodell med civilsamhället", Horizon.H2, eskilstuna, Phase.MATURATION)
    in_operations = place(portfolio, "Trygghetslarm", Horizon.H1, vasteras, Phase.OPERATIONS)
    unassessed = place(portfolio, "Framtidens äldreboende", Horizon.H3, vasteras)
    mission = factories.MissionFactory(network=portfolio.network)
    meals.missions.add(mission)
    meals.target_groups = ["older_people"]
    meals.sdg_targets = ["3.8"]
    meals.save()
    culture, policy = category(portfolio, "culture"), category(portfolio, "policy")
    EntryCategory.objects.create(entry=meals.portfolio_entries.get(), category=policy, relation=Relation.SOME)

    def decide(initiative, **kwargs):
        return services.assess(review, initiative, user=network_admin, **kwargs)

    decide(safety, horizon="h1", decision=Decision.COMPOST, rationale="Tekniken räckte inte.", lessons="Larmdata.")
    twin_decision = decide(
        meals,
        horizon="h2",
        decision=Decision.TWIN,
        rationale="Servicehusen läggs ner i Västerås.",
        twin_municipality=vasteras,
        category_relations={culture.pk: Relation.STRONG},
    )
    decide(
        services_initiative,
        horizon="h2",
        decision=Decision.SCALE,
        rationale="Fungerar i Eskilstuna.",
        scale_municipalities=[vasteras.pk, orebro],
    )
    decide(in_operations, horizon="h1", decision=Decision.SCALE, rationale="Sprid.", scale_municipalities=[orebro])
    decide(civil, horizon="h3", decision=Decision.PIVOT, rationale="Bredare modell.", progress="Enkät klar.")
    phase_changes_before = PhaseChange.objects.count()

    services.close_review(review, network_admin, today=CLOSING_DAY)

    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED and review.closed_at
    # compost: with its reason, lessons and a PhaseChange
    safety.refresh_from_db()
    assert (safety.phase, safety.composted_reason, safety.composted_lessons) == (
        Phase.COMPOSTED,
        "Tekniken räckte inte.",
        "Larmdata.",
    )
    compost_change = PhaseChange.objects.get(initiative=safety)
    assert (compost_change.from_phase, compost_change.to_phase, compost_change.date) == (
        Phase.PROTOTYPING,
        Phase.COMPOSTED,
        CLOSING_DAY,
    )
    assert compost_change.changed_by == network_admin.person
    # twin: a draft in Västerås, linked to its original and placed in the portfolio
    twin = Initiative.objects.get(twin_of=meals)
    assert twin.visibility == Visibility.DRAFT
    assert twin.title == "Måltider och möten för seniorer (Västerås stad)"
    assert list(twin.municipalities.all()) == [vasteras]
    assert (twin.network, twin.language, twin.kind, twin.phase) == (
        meals.network,
        "sv",
        InitiativeKind.INITIATIVE,
        Phase.STARTUP,
    )
    assert (twin.summary, twin.target_groups, twin.sdg_targets) == (meals.summary, ["older_people"], ["3.8"])
    assert list(twin.missions.all()) == [mission]
    assert list(twin.participations.values_list("organisation", "role")) == [(vasteras.pk, ParticipationRole.LEAD)]
    twin_entry = PortfolioEntry.objects.get(portfolio=portfolio, initiative=twin)
    assert twin_entry.horizon == "h2"
    assert ReviewDecision.objects.get(pk=twin_decision.pk).twin == twin
    meals.refresh_from_db()
    assert meals.phase == Phase.PROTOTYPING
    # the decision's relations replace the entry's
    assert dict(meals.portfolio_entries.get().relations.values_list("category__code", "relation")) == {
        "culture": "strong"
    }
    # scale: targets recorded; an early initiative moves to scaling, one in operations stays
    services_initiative.refresh_from_db()
    assert services_initiative.phase == Phase.SCALING
    scale_change = PhaseChange.objects.get(initiative=services_initiative)
    assert scale_change.from_phase == Phase.IDEA_DEVELOPMENT
    assert "Västerås stad" in scale_change.rationale and "Örebro kommun" in scale_change.rationale
    assert not services_initiative.municipalities.filter(pk=vasteras.pk).exists()
    in_operations.refresh_from_db()
    assert in_operations.phase == Phase.OPERATIONS
    # pivot: only the horizon
    civil.refresh_from_db()
    assert civil.phase == Phase.MATURATION
    assert civil.portfolio_entries.get().horizon == "h3"
    assert PhaseChange.objects.count() == phase_changes_before + 2
    # entries take the decided horizon; an unassessed one stays
    horizons = dict(PortfolioEntry.objects.filter(portfolio=portfolio).values_list("initiative", "horizon"))
    assert horizons[meals.pk] == "h2" and horizons[unassessed.pk] == "h3"

    snapshot = review.snapshot
    assert {entry["initiative"] for entry in snapshot["entries"]} == {
        meals.pk, safety.pk, services_initiative.pk, civil.pk, in_operations.pk, unassessed.pk
    }  # fmt: skip
    by_initiative = {entry["initiative"]: entry for entry in snapshot["entries"]}
    assert by_initiative[meals.pk]["horizon_before"] == "h3" and by_initiative[meals.pk]["horizon_after"] == "h2"
    assert by_initiative[meals.pk]["relations_before"] == {str(policy.pk): "some"}
    assert by_initiative[meals.pk]["relations_after"] == {str(culture.pk): "strong"}
    assert by_initiative[safety.pk]["phase_after"] == Phase.COMPOSTED
    assert by_initiative[unassessed.pk]["decision"] is None
    decisions = {decision["initiative"]: decision for decision in snapshot["decisions"]}
    assert decisions[meals.pk]["twin"] == {"id": twin.pk, "title": twin.title}
    assert decisions[meals.pk]["twin_municipality"] == {"id": vasteras.pk, "name": "Västerås stad"}
    assert {m["name"] for m in decisions[services_initiative.pk]["scale_municipalities"]} == {
        "Västerås stad",
        "Örebro kommun",
    }
    assert decisions[safety.pk]["lessons"] == "Larmdata."


def test_a_decision_no_longer_valid_at_closing_stops_everything(review, meals, safety, vasteras, network_admin):
    services.assess(review, safety, user=network_admin, horizon="h1", decision="compost", rationale="R", lessons="L")
    services.assess(
        review, meals, user=network_admin, horizon="h3", decision="twin", rationale="T", twin_municipality=vasteras
    )
    # Meanwhile the original itself came to Västerås: the twin decision no longer holds.
    meals.municipalities.add(vasteras)

    with pytest.raises(ValidationError) as caught:
        services.close_review(review, network_admin)

    assert any("Måltider och möten för seniorer" in message for message in caught.value.messages)
    review.refresh_from_db()
    safety.refresh_from_db()
    assert review.status == ReviewStatus.OPEN and review.snapshot == {}
    assert safety.phase == Phase.PROTOTYPING
    assert not Initiative.objects.filter(twin_of=meals).exists()


def test_a_failure_while_applying_undoes_the_decisions_already_applied(
    portfolio, review, safety, eskilstuna, network_admin
):
    # An initiative that breaks its own rules (a pilot without a parent, written around
    # validation) cannot be composted: the phase change validates it.
    broken = place(portfolio, "Ö pilot", Horizon.H1, eskilstuna, kind=InitiativeKind.PILOT)
    services.assess(review, safety, user=network_admin, horizon="h1", decision="compost", rationale="R", lessons="L")
    services.assess(review, broken, user=network_admin, horizon="h1", decision="compost", rationale="R", lessons="L")

    with pytest.raises(ValidationError):
        services.close_review(review, network_admin)

    safety.refresh_from_db()
    assert safety.phase == Phase.PROTOTYPING
    assert not PhaseChange.objects.filter(initiative=safety).exists()
    assert PortfolioReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN


def test_a_long_compost_reason_closes_too(review, safety, network_admin):
    reason = "Tekniken räckte inte för de mest utsatta, och avtalet med leverantören gick inte att förlänga. " * 2
    services.assess(review, safety, user=network_admin, horizon="h1", decision="compost", rationale=reason, lessons="L")

    services.close_review(review, network_admin)

    safety.refresh_from_db()
    assert safety.composted_reason == reason.strip()


# -- a closed review never changes -----------------------------------------------------------


@pytest.fixture
def closed_review(review, meals, network_admin, vasteras):
    services.assess(
        review,
        meals,
        user=network_admin,
        horizon="h2",
        decision="scale",
        rationale="S",
        scale_municipalities=[vasteras],
    )
    note = factories.NoteFactory(portfolio=review.portfolio, review=review, title="Shared care")
    services.close_review(review, network_admin)
    return PortfolioReview.objects.get(pk=review.pk), ReviewDecision.objects.get(review=review), note


def test_a_closed_review_cannot_be_saved_deleted_or_reopened(closed_review):
    review, _decision, _note = closed_review
    review.title = "Changed"
    with pytest.raises(ReviewClosed):
        review.save()
    review.refresh_from_db()
    review.status, review.closed_at = ReviewStatus.OPEN, None
    with pytest.raises(ReviewClosed):
        review.save()
    with pytest.raises(ReviewClosed):
        review.delete()
    with pytest.raises(ReviewClosed):
        PortfolioReview.objects.filter(pk=review.pk).delete()
    assert PortfolioReview.objects.get(pk=review.pk).title == "Portföljövning maj"


def test_the_decisions_of_a_closed_review_cannot_change(closed_review, safety, vasteras, network_admin):
    review, decision, _note = closed_review
    decision.rationale = "Changed"
    with pytest.raises(ReviewClosed):
        decision.save()
    with pytest.raises(ReviewClosed):
        decision.delete()
    with pytest.raises(ReviewClosed):
        ReviewDecision.objects.filter(pk=decision.pk).delete()
    # Django changes many-to-many rows in a transaction without a savepoint: a refusal
    # there ends the surrounding transaction, so the test gives it one of its own.
    with pytest.raises(ReviewClosed), transaction.atomic():
        decision.scale_municipalities.clear()
    with pytest.raises(ReviewClosed):
        ReviewDecision(review=review, initiative=safety, horizon="h1", decision="continue", rationale="Late").save()
    with pytest.raises(ReviewClosed):
        services.assess(review, safety, user=network_admin, horizon="h1", decision="continue", rationale="Late")
    with pytest.raises(ReviewClosed):
        services.close_review(review, network_admin)
    stored = ReviewDecision.objects.get(review=review)
    assert stored.rationale == "S" and list(stored.scale_municipalities.all()) == [vasteras]


def test_the_notes_of_a_closed_review_cannot_change_but_can_still_become_initiatives(closed_review, network_admin):
    review, _decision, note = closed_review
    note.title = "Changed"
    with pytest.raises(ReviewClosed):
        note.save()
    note.refresh_from_db()
    with pytest.raises(ReviewClosed):
        note.delete()
    initiative = factories.InitiativeFactory()
    with pytest.raises(ReviewClosed), transaction.atomic():
        note.initiatives.add(initiative)
    with pytest.raises(ReviewClosed), transaction.atomic():
        initiative.notes.add(note)
    with pytest.raises(ReviewClosed):
        Note.objects.create(portfolio=review.portfolio, review=review, kind=NoteKind.NEXT_STEP, title="Late")
    moved = factories.NoteFactory(portfolio=review.portfolio)
    moved.review = review
    with pytest.raises(ReviewClosed):
        moved.save()

    became = services.note_to_initiative(note, network_admin)
    assert Note.objects.get(pk=note.pk).became == became
    assert not Note.objects.get(pk=note.pk).initiatives.exists()


def test_a_review_is_closed_only_by_its_action(review):
    review.status, review.closed_at = ReviewStatus.CLOSED, datetime.datetime(2026, 5, 4, tzinfo=datetime.UTC)
    with pytest.raises(ValidationError) as caught:
        review.save()
    assert set(caught.value.message_dict) == {"status"}
    assert PortfolioReview.objects.get(pk=review.pk).status == ReviewStatus.OPEN


def test_the_admin_cannot_change_a_closed_review_and_closes_one_with_the_action(
    client, closed_review, portfolio, network
):
    superuser = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client.force_login(superuser)
    review, decision, note = closed_review

    response = client.post(f"/admin/portfolios/portfolioreview/{review.pk}/change/", {"title": "Changed"})
    assert response.status_code == 403
    response = client.post(
        "/admin/portfolios/reviewdecision/",
        {"action": "delete_selected", "_selected_action": [decision.pk], "post": "yes"},
    )
    assert response.status_code == 403
    assert ReviewDecision.objects.filter(pk=decision.pk).exists()

    fresh = PortfolioReview.objects.create(portfolio=portfolio, title="Nästa", opened_on=datetime.date(2026, 9, 1))
    response = client.post(
        "/admin/portfolios/portfolioreview/", {"action": "close_reviews", "_selected_action": [fresh.pk]}
    )
    assert response.status_code == 302
    fresh.refresh_from_db()
    assert fresh.status == ReviewStatus.CLOSED and fresh.snapshot["review"]["id"] == fresh.pk


# -- notes ---------------------------------------------------------------------------------------


def test_a_note_becomes_a_draft_initiative_once(portfolio, network_admin):
    note = factories.NoteFactory(
        portfolio=portfolio, kind=NoteKind.NEXT_STEP, title="Shared care", text="Hur ser systemet ut för en enskild?"
    )

    initiative = services.note_to_initiative(note, network_admin)

    assert (initiative.title, initiative.summary, initiative.network, initiative.language) == (
        "Shared care",
        "Hur ser systemet ut för en enskild?",
        portfolio.network,
        "sv",
    )
    assert (initiative.visibility, initiative.kind) == (Visibility.DRAFT, InitiativeKind.INITIATIVE)
    assert Note.objects.get(pk=note.pk).became == initiative
    assert not PortfolioEntry.objects.filter(initiative=initiative).exists()
    count = Initiative.objects.count()
    stale = Note.objects.get(pk=note.pk)
    stale.became = None  # a page that read the note before: the database decides
    assert services.note_to_initiative(stale, network_admin) == initiative
    assert Initiative.objects.count() == count


def test_a_coordinators_note_initiative_is_theirs_and_can_be_placed(portfolio, coordinator, member):
    note = factories.NoteFactory(portfolio=portfolio, title="Nå de mest utsatta")
    with pytest.raises(PermissionDenied):
        services.note_to_initiative(note, member)
    assert refused_fields(services.note_to_initiative, note, coordinator, horizon="h9") == {"horizon"}

    initiative = services.note_to_initiative(note, coordinator, horizon=Horizon.H3)

    assert initiative.participations.get().organisation == coordinator.person.organisation
    assert Initiative.objects.editable_by(coordinator).filter(pk=initiative.pk).exists()
    assert PortfolioEntry.objects.get(initiative=initiative).horizon == "h3"


def test_coordinators_put_up_notes_members_read(portfolio, review, coordinator, member):
    linked = factories.InitiativeFactory(network=portfolio.network)
    hidden = factories.InitiativeFactory(network=factories.NetworkFactory(), visibility=Visibility.DRAFT)
    with pytest.raises(PermissionDenied):
        services.add_note(portfolio, user=member, kind=NoteKind.NEED_OR_IDEA, title="Idé")

    note = services.add_note(
        portfolio,
        user=coordinator,
        kind=NoteKind.NEED_OR_IDEA,
        title="Länkning mellan aktörer",
        review=review,
        initiatives=[linked, hidden.pk],
    )

    assert note.author == coordinator.person and note.review == review
    assert list(note.initiatives.all()) == [linked]


def test_the_permission_functions_the_pages_ask(review, meals, member, coordinator):
    coordinate(coordinator, meals)
    assert services.can_assess(coordinator, review, meals)
    assert not services.can_assess(member, review, meals)
    assert not services.can_manage_reviews(coordinator, review.portfolio)
    assert services.can_write_notes(coordinator, review.portfolio)
    assert not services.can_write_notes(member, review.portfolio)
