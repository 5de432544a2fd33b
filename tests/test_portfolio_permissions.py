"""One rule for who assesses and who writes notes, asked by the pages and the API alike
(ReviewDecision.objects.editable_by / assessable_initiatives, Note.objects.editable_by /
writable_portfolios): the network's administrators assess every initiative of a review and
change every note; coordinators assess the initiatives they coordinate, put up notes and
change their own; members read; outsiders do not see the network's portfolio. And what a
reader is shown of a review, its notes and its snapshot is limited to the initiatives they
can see."""

import datetime

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from core.choices import Visibility
from initiatives.choices import ParticipationRole
from partners.choices import Country
from portfolios import maps, services
from portfolios.choices import Decision, Horizon, NoteKind
from portfolios.models import Note, PortfolioEntry, ReviewDecision

from . import factories
from .support.api import client_for

pytestmark = pytest.mark.django_db

PERSONAS = ("network_admin", "coordinator", "member", "outsider")
# Which initiatives each persona assesses: "mine" is led by the coordinator's organisation.
ASSESSES = {"network_admin": {"mine", "theirs"}, "coordinator": {"mine"}, "member": set(), "outsider": set()}
# Who sees the (network-only) portfolio and its review at all.
READS = {"network_admin", "coordinator", "member"}
DECISIONS_API = "/api/v1/review-decisions/"
NOTES_API = "/api/v1/notes/"


@pytest.fixture(autouse=True)
def english(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def users(member, coordinator, network_admin, outsider):
    return {"network_admin": network_admin, "coordinator": coordinator, "member": member, "outsider": outsider}


@pytest.fixture
def portfolio(network):
    return services.create_portfolio(
        network=network, title="Samhällskontraktet", language="sv", visibility=Visibility.NETWORK
    )


@pytest.fixture
def initiatives(portfolio, coordinator):
    mine = factories.InitiativeFactory(
        network=portfolio.network, title="Seniorrestaurangen", visibility=Visibility.NETWORK
    )
    factories.ParticipationFactory(
        initiative=mine, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    theirs = factories.InitiativeFactory(
        network=portfolio.network, title="Framtidens äldreboende", visibility=Visibility.NETWORK
    )
    for initiative, horizon in ((mine, Horizon.H2), (theirs, Horizon.H3)):
        PortfolioEntry.objects.create(portfolio=portfolio, initiative=initiative, horizon=horizon)
    return {"mine": mine, "theirs": theirs}


@pytest.fixture
def review(portfolio, network_admin):
    return services.open_review(portfolio, "Portföljövning", network_admin)


def assess_url(review, initiative):
    return reverse(
        "portfolios:review_assess", kwargs={"slug": review.portfolio.slug, "pk": review.pk, "initiative": initiative.pk}
    )


def assess_form(**changes):
    return {"horizon": "h2", "decision": Decision.CONTINUE, "rationale": "Fortsätt.", "expected_version": 0, **changes}


def refused(persona):
    """What a persona gets for a write it may not make: 403 if it sees the record, else 404."""
    return 403 if persona in READS else 404


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_and_api_agree_on_who_assesses_which_initiative(
    client, persona, users, initiatives, review, network_admin
):
    user = users[persona]
    client.force_login(user)
    api = client_for(user)

    for name, initiative in initiatives.items():
        allowed = name in ASSESSES[persona]
        assert services.can_assess(user, review, initiative) == allowed, name
        page_status = client.get(assess_url(review, initiative)).status_code
        assert page_status == (200 if allowed else refused(persona)), name

        payload = {
            "review": review.pk,
            "initiative": initiative.pk,
            "horizon": "h3",
            "decision": "continue",
            "rationale": "Bra.",
        }
        response = api.post(DECISIONS_API, payload, format="json")
        # An outsider cannot see the review: the relation is refused like a missing one.
        expected = 201 if allowed else (403 if persona in READS else 400)
        assert response.status_code == expected, (name, response.content)

        if allowed:
            decision = ReviewDecision.objects.get(review=review, initiative=initiative)
            assert decision.decided_by == user.person  # stamped, as on the page
            # The page changes it too, from the version it shows.
            response = client.post(
                assess_url(review, initiative), assess_form(expected_version=decision.version, rationale="Ändrad.")
            )
            assert response.status_code == 302, response.context and response.context["form"].errors
            decision.refresh_from_db()
            assert (decision.rationale, decision.version) == ("Ändrad.", 2)
            response = api.patch(
                f"{DECISIONS_API}{decision.pk}/", {"progress": "Studenterna hjälper till."}, format="json"
            )
            assert response.status_code == 200, response.content
        else:
            assert not ReviewDecision.objects.filter(initiative=initiative).exists()
            decision = services.assess(
                review, initiative, user=network_admin, horizon="h1", decision="continue", rationale="Admin."
            )
            response = client.post(assess_url(review, initiative), assess_form(expected_version=decision.version))
            assert response.status_code == refused(persona)
            response = api.patch(f"{DECISIONS_API}{decision.pk}/", {"progress": "Nej."}, format="json")
            assert response.status_code == (403 if persona in READS else 404), response.content
            assert api.delete(f"{DECISIONS_API}{decision.pk}/").status_code == (403 if persona in READS else 404)
            decision.refresh_from_db()
            assert (decision.rationale, decision.progress, decision.version) == ("Admin.", "", 1)

    editable = set(ReviewDecision.objects.editable_by(user).values_list("initiative__title", flat=True))
    assert editable == {initiatives[name].title for name in ASSESSES[persona]}
    if persona in READS:
        sheet = maps.review_sheet(review, user)
        assert {row["initiative"]["title"] for row in sheet["rows"] if row["may_assess"]} == editable


def test_a_coordinator_cannot_move_their_assessment_to_an_initiative_they_do_not_coordinate(
    coordinator, initiatives, review
):
    decision = services.assess(
        review, initiatives["mine"], user=coordinator, horizon="h2", decision="continue", rationale="Bra."
    )
    api = client_for(coordinator)

    response = api.patch(f"{DECISIONS_API}{decision.pk}/", {"initiative": initiatives["theirs"].pk}, format="json")

    assert response.status_code == 403, response.content
    decision.refresh_from_db()
    assert (decision.initiative, decision.version) == (initiatives["mine"], 1)


def test_a_coordinator_assesses_a_review_of_another_networks_portfolio_not_at_all(coordinator, initiatives, outsider):
    """Coordinating the initiative is not enough: the review must be one they can see."""
    other = services.create_portfolio(
        network=factories.NetworkFactory(), title="Annan portfölj", language="sv", visibility=Visibility.DRAFT
    )
    PortfolioEntry.objects.create(portfolio=other, initiative=initiatives["mine"], horizon=Horizon.H1)
    admin = factories.UserFactory(is_superuser=True, is_staff=True)
    review = services.open_review(other, "Övning", admin)
    assert not services.can_assess(coordinator, review, initiatives["mine"])
    decision = services.assess(
        review, initiatives["mine"], user=admin, horizon="h1", decision="continue", rationale="x"
    )
    assert not ReviewDecision.objects.editable_by(coordinator).filter(pk=decision.pk).exists()
    assert ReviewDecision.objects.editable_by(admin).filter(pk=decision.pk).exists()


# -- notes -----------------------------------------------------------------------------


@pytest.mark.parametrize("persona", PERSONAS)
def test_pages_and_api_agree_on_who_puts_up_and_changes_notes(
    client, persona, users, portfolio, network_admin, coordinator
):
    user = users[persona]
    writes = persona in {"network_admin", "coordinator"}
    client.force_login(user)
    api = client_for(user)

    assert services.can_write_notes(user, portfolio) == writes
    add_url = reverse("portfolios:note_add", kwargs={"slug": portfolio.slug})
    response = client.post(add_url, {"kind": NoteKind.NEED_OR_IDEA, "title": "Länkning mellan aktörer"})
    assert response.status_code == (302 if writes else refused(persona))
    response = api.post(
        NOTES_API, {"portfolio": portfolio.pk, "kind": "next_step", "title": "Nå de mest utsatta"}, format="json"
    )
    assert response.status_code == (201 if writes else (403 if persona in READS else 400)), response.content
    own = Note.objects.filter(author=user.person)
    assert own.count() == (2 if writes else 0)  # the API signs the note with its writer too

    # Another participant's note: the administrators change it, nobody else does.
    others = services.add_note(portfolio, user=coordinator if persona == "network_admin" else network_admin,
                               kind=NoteKind.NEXT_STEP, title="Shared care")  # fmt: skip
    response = api.patch(f"{NOTES_API}{others.pk}/", {"text": "Ändrad."}, format="json")
    changes_others = persona == "network_admin"
    assert response.status_code == (200 if changes_others else refused(persona)), response.content
    assert Note.objects.editable_by(user).filter(pk=others.pk).exists() == changes_others
    for note in own:
        assert api.patch(f"{NOTES_API}{note.pk}/", {"text": "Min egen."}, format="json").status_code == 200
    assert set(Note.objects.editable_by(user).values_list("pk", flat=True)) == (
        set(Note.objects.values_list("pk", flat=True)) if changes_others else set(own.values_list("pk", flat=True))
    )


def test_a_coordinator_cannot_sign_a_note_with_another_name(coordinator, network_admin, portfolio):
    api = client_for(coordinator)
    payload = {
        "portfolio": portfolio.pk,
        "kind": "next_step",
        "title": "Shared care",
        "author": network_admin.person.pk,
    }

    response = api.post(NOTES_API, payload, format="json")

    assert response.status_code == 403, response.content
    assert not Note.objects.exists()
    note = services.add_note(portfolio, user=coordinator, kind=NoteKind.NEXT_STEP, title="Shared care")
    response = api.patch(f"{NOTES_API}{note.pk}/", {"author": network_admin.person.pk}, format="json")
    assert response.status_code == 403
    note.refresh_from_db()
    assert note.author == coordinator.person


def test_the_notes_board_links_only_the_initiatives_the_reader_sees(client, member, coordinator, portfolio):
    draft = factories.InitiativeFactory(network=portfolio.network, title="Kladdet", visibility=Visibility.DRAFT)
    shown = factories.InitiativeFactory(
        network=portfolio.network, title="Seniorrestaurangen", visibility=Visibility.NETWORK
    )
    note = services.add_note(portfolio, user=coordinator, kind=NoteKind.NEXT_STEP, title="Ensamma äldre",
                             initiatives=[shown])  # fmt: skip
    note.initiatives.add(draft)
    became = factories.NoteFactory(portfolio=portfolio, kind=NoteKind.NEXT_STEP, title="Ett utkast", became=draft)

    client.force_login(member)
    content = client.get(reverse("portfolios:note_board", kwargs={"slug": portfolio.slug})).content.decode()

    assert "Seniorrestaurangen" in content
    assert "Kladdet" not in content and draft.get_absolute_url() not in content
    assert "Became a draft initiative." in content
    assert reverse("portfolios:note_to_initiative", kwargs={"slug": portfolio.slug, "pk": became.pk}) not in content


# -- a closed review is read from its snapshot -----------------------------------------------


@pytest.fixture
def closed_with_a_twin(network_admin, initiatives, review):
    vasteras = factories.MunicipalityFactory(name="Västerås stad", country=Country.SWEDEN)
    services.assess(review, initiatives["mine"], user=network_admin, horizon="h1", decision=Decision.TWIN,
                    rationale="En tvilling i Västerås.", twin_municipality=vasteras)  # fmt: skip
    services.close_review(review, network_admin)
    review.refresh_from_db()
    twin = ReviewDecision.objects.get(review=review).twin
    return review, twin


def test_a_closed_reviews_page_shows_the_review_as_it_closed(
    client, member, network_admin, initiatives, closed_with_a_twin
):
    review, twin = closed_with_a_twin
    # Since then the portfolio moved on: a later change of place does not rewrite the record.
    PortfolioEntry.objects.filter(initiative=initiatives["theirs"]).update(horizon=Horizon.H1)

    client.force_login(network_admin)
    sheet = client.get(review.get_absolute_url()).context["sheet"]
    rows = {row["initiative"]["title"]: row for row in sheet["rows"]}
    # The twin came out of the review; it was not in it.
    assert set(rows) == {"Seniorrestaurangen", "Framtidens äldreboende"}
    assert (sheet["assessed"], sheet["total"]) == (1, 2)
    assert rows["Framtidens äldreboende"]["horizon"] == "h3"
    assert (rows["Seniorrestaurangen"]["horizon"], rows["Seniorrestaurangen"]["decision"]["horizon"]) == ("h2", "h1")
    assert rows["Seniorrestaurangen"]["decision"]["twin"]["title"] == twin.title
    assert not any(row["may_assess"] for row in sheet["rows"])

    # The member does not see the draft twin, on the page nor in the export.
    client.force_login(member)
    response = client.get(review.get_absolute_url())
    assert response.context["sheet"]["rows"][1]["decision"]["twin"] is None
    assert twin.title not in response.content.decode()
    assert "Not assessed yet" not in response.content.decode()
    export = client.get(
        reverse(
            "portfolios:review_export", kwargs={"slug": review.portfolio.slug, "pk": review.pk, "export_format": "csv"}
        )
    )
    assert twin.title not in export.content.decode("utf-8-sig")


def test_the_api_shows_a_snapshot_only_with_the_initiatives_the_reader_sees(member, network_admin, closed_with_a_twin):
    review, twin = closed_with_a_twin
    for user, sees_twin in ((network_admin, True), (member, False)):
        api = client_for(user)
        detail = api.get(f"/api/v1/reviews/{review.pk}/").json()
        listed = next(row for row in api.get("/api/v1/reviews/").json()["results"] if row["id"] == review.pk)
        for data in (detail, listed):
            [decision] = data["snapshot"]["decisions"]
            assert (decision["twin"] is not None) == sees_twin
            assert len(data["snapshot"]["entries"]) == 2


def test_the_api_review_list_runs_the_same_queries_for_more_reviews(
    django_assert_max_num_queries, member, network_admin, portfolio, initiatives
):
    api = client_for(member)

    def close_one(title):
        # Each review names an initiative the others do not.
        portfolio.entries.exclude(initiative__in=initiatives.values()).delete()
        factories.PortfolioEntryFactory(
            portfolio=portfolio, initiative__title=title, initiative__visibility=Visibility.NETWORK
        )
        review = services.open_review(portfolio, title, network_admin, opened_on=datetime.date(2026, 5, 4))
        services.assess(
            review, initiatives["mine"], user=network_admin, horizon="h2", decision="continue", rationale="x"
        )
        services.close_review(review, network_admin)

    close_one("Första")
    with CaptureQueriesContext(connection) as one:
        assert api.get("/api/v1/reviews/").status_code == 200
    for title in ("Andra", "Tredje", "Fjärde"):
        close_one(title)
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(api.get("/api/v1/reviews/").json()["results"]) == 4
