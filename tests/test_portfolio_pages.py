"""The portfolio pages through the Django test client: the horizon map (with the demo
portfolio and a hand-counted fixture), a whole portfolio exercise (open, assess, close)
and the shift it leaves, conflicts and closed reviews, notes, and the exports."""

import csv
import datetime
import io

import openpyxl
import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from core.choices import Visibility
from initiatives.choices import ParticipationRole, Phase
from initiatives.models import Initiative
from partners.choices import Country, MembershipRole
from portfolios import services
from portfolios.choices import Decision, Horizon, NoteKind, Relation, ReviewStatus
from portfolios.models import EntryCategory, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision

from . import factories

pytestmark = pytest.mark.django_db

IN_A_MONTH = datetime.date.today() + datetime.timedelta(days=30)


@pytest.fixture(autouse=True)
def english(client):
    """The pages in English, so the tests can name what they show."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def row_html(content, horizon):
    """The HTML of the map table's row for a horizon."""
    start = content.index(f'<tr class="horizon-{horizon}">')
    return content[start : content.index("</tr>", start)]


DEMO_HORIZONS = {
    # The seed's five initiatives (seed 003)...
    "Måltider och möten för seniorer": Horizon.H3,
    "Framtidens äldreboende": Horizon.H3,
    "Mobil trygghetslösning för seniorer": Horizon.H1,
    "Stärka äldres självständighet genom nya servicetjänster": Horizon.H2,
    "Samverkansmodell med civilsamhället": Horizon.H2,
    # ...and the three meal pilots, which the exercise composts, twins or scales one by one.
    "Leverans av mat för seniorer": Horizon.H1,
    "Seniorrestaurangen": Horizon.H2,
    "Pensionärernas bössa": Horizon.H1,
}


def test_demo_portfolio_shows_its_five_initiatives_on_their_horizons(client):
    call_command("load_demo", stdout=io.StringIO())
    portfolio = Portfolio.objects.get(slug="samhallskontraktet")
    # A member of the demo network (the demo's own logins exist only with DEBUG on).
    person = factories.PersonFactory(user=factories.UserFactory(username="reader"))
    factories.MembershipFactory(network=portfolio.network, person=person, role=MembershipRole.MEMBER)
    client.force_login(person.user)
    response = client.get(portfolio.get_absolute_url())
    assert response.status_code == 200
    content = response.content.decode()
    entries = list(portfolio.entries.select_related("initiative"))
    assert {entry.initiative.title: entry.horizon for entry in entries} == DEMO_HORIZONS
    for entry in entries:
        title = entry.initiative.title.replace("&", "&amp;")
        assert title in row_html(content, entry.horizon), entry.initiative.title
        for other in set(Horizon.values) - {entry.horizon}:
            assert title not in row_html(content, other)
    assert 'id="portfolio-map-data" type="application/json"' in content
    assert "vendor/chartjs/chart.umd.min.js" in content
    assert "<script>" not in content  # CSP: no inline script


@pytest.fixture
def portfolio(network):
    return services.create_portfolio(
        network=network, title="Hälsa i Eskilstuna", visibility=Visibility.NETWORK, language="sv"
    )


def place(portfolio, horizon, relations=(), **initiative_fields):
    initiative = factories.InitiativeFactory(
        network=portfolio.network, visibility=Visibility.NETWORK, **initiative_fields
    )
    entry = PortfolioEntry.objects.create(portfolio=portfolio, initiative=initiative, horizon=horizon)
    for code, relation in relations:
        EntryCategory.objects.create(entry=entry, category=portfolio.categories.get(code=code), relation=relation)
    return initiative


def test_map_counts_equal_a_hand_count(client, member, portfolio):
    place(portfolio, Horizon.H1, [("culture", Relation.STRONG), ("procurement", Relation.SOME)])
    place(portfolio, Horizon.H1, [("culture", Relation.SOME)])
    place(portfolio, Horizon.H2, [("culture", Relation.NONE)])  # "none" is no relation
    place(portfolio, Horizon.H2, [("policy", Relation.STRONG)])
    # By hand: H1 culture 2, H1 procurement 1, H2 policy 1, H2 no category 1; H3 empty.
    client.force_login(member)
    response = client.get(portfolio.get_absolute_url())
    data = response.context["map"]
    keys = {column["key"]: column["code"] or "none" for column in data["columns"]}
    counts = {
        (row["horizon"], keys[cell["key"]]): cell["count"]
        for row in data["rows"]
        for cell in row["cells"]
        if cell["count"]
    }
    assert counts == {("h1", "culture"): 2, ("h1", "procurement"): 1, ("h2", "policy"): 1, ("h2", "none"): 1}
    assert [row["count"] for row in data["rows"]] == [2, 2, 0]
    content = response.content.decode()
    assert row_html(content, "h1").count('data-count="2"') == 1
    assert row_html(content, "h3").count('data-count="0"') == len(data["columns"])
    # Warnings: no H3, and the categories nothing relates to.
    codes = [warning["code"] for warning in data["warnings"]]
    assert codes.count("no_h3") == 1 and codes.count("empty_category") == 5
    assert "no initiative on H3" in content
    for warning in data["warnings"]:
        assert escape(warning["message"]) in content


def test_map_page_runs_a_constant_number_of_queries(client, member, portfolio):
    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(portfolio.get_absolute_url()).status_code == 200
        return len(captured)

    client.force_login(member)
    place(portfolio, Horizon.H1, [("culture", Relation.STRONG)])
    few = queries()
    for index in range(8):
        place(portfolio, Horizon.values[index % 3], [("policy", Relation.SOME), ("technology", Relation.STRONG)])
    assert queries() == few


def test_map_csv_export_lists_each_cell_entry(client, member, portfolio):
    first = place(portfolio, Horizon.H1, [("culture", Relation.STRONG), ("procurement", Relation.SOME)], title="=Fika")
    place(portfolio, Horizon.H3, [], title="Måltider")
    client.force_login(member)
    response = client.get(
        reverse("portfolios:portfolio_export", kwargs={"slug": portfolio.slug, "export_format": "csv"})
    )
    assert response.status_code == 200
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:4] == ["Horizon", "Category", "Initiative", "Relation"]
    body = sorted(tuple(row[:4]) for row in rows[1:])
    assert body == sorted(
        [
            ("H1", "Kultur och förmågor", "'=Fika", "strong"),
            ("H1", "Upphandling", "'=Fika", "some"),
            ("H3", "No category", "Måltider", ""),
        ]
    )
    assert rows[1][6].startswith("http://testserver/initiatives/")
    assert first.slug in " ".join(row[6] for row in rows[1:])
    xlsx = client.get(reverse("portfolios:portfolio_export", kwargs={"slug": portfolio.slug, "export_format": "xlsx"}))
    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    assert sheet.max_row == 4
    assert (
        client.get(
            reverse("portfolios:portfolio_export", kwargs={"slug": portfolio.slug, "export_format": "pdf"})
        ).status_code
        == 404
    )


@pytest.fixture
def vasteras():
    return factories.MunicipalityFactory(name="Västerås stad", country=Country.SWEDEN, municipality_code="1980")


def assess_url(review, initiative):
    return reverse(
        "portfolios:review_assess", kwargs={"slug": review.portfolio.slug, "pk": review.pk, "initiative": initiative.pk}
    )


def assessment(form_initial, **changes):
    """The POST data of an assess form, from what the page offered and the changes."""
    data = {name: "" if value is None else value for name, value in form_initial.items() if not isinstance(value, list)}
    data.update(changes)
    return data


def test_a_full_review_cycle_and_the_shift(client, network_admin, coordinator, portfolio, vasteras):
    pilot = place(
        portfolio, Horizon.H2, [("culture", Relation.SOME)], title="Fixartjänst pilot", phase=Phase.PROTOTYPING
    )
    factories.ParticipationFactory(
        initiative=pilot, organisation=coordinator.person.organisation, role=ParticipationRole.LEAD
    )
    other = place(portfolio, Horizon.H1, [], title="Seniorluncher", phase=Phase.MATURATION)

    client.force_login(network_admin)
    response = client.post(
        reverse("portfolios:review_open", kwargs={"slug": portfolio.slug}),
        {"title": "Vårens portföljövning", "due_on": IN_A_MONTH.isoformat()},
    )
    assert response.status_code == 302, response.context["form"].errors
    review = PortfolioReview.objects.get(portfolio=portfolio)
    assert response.status_code == 302 and response.url == review.get_absolute_url()
    assert review.due_on == IN_A_MONTH

    # The coordinator assesses the pilot they lead: compost it, with its lessons.
    client.force_login(coordinator)
    page = client.get(review.get_absolute_url())
    assert assess_url(review, pilot) in page.content.decode()
    assert assess_url(review, other) not in page.content.decode()
    form = client.get(assess_url(review, pilot)).context["form"]
    response = client.post(
        assess_url(review, pilot),
        assessment(
            form.initial,
            decision=Decision.COMPOST,
            rationale="Behovet löstes på annat sätt.",
            lessons="Börja med brukarna.",
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert client.get(assess_url(review, other)).status_code == 403

    # The administrator twins the other initiative into Västerås.
    client.force_login(network_admin)
    form = client.get(assess_url(review, other)).context["form"]
    response = client.post(
        assess_url(review, other),
        assessment(
            form.initial,
            decision=Decision.TWIN,
            horizon=Horizon.H2,
            rationale="Västerås vill pröva.",
            twin_municipality=vasteras.pk,
        ),
    )
    assert response.status_code == 302, response.context["form"].errors
    assert ReviewDecision.objects.filter(review=review).count() == 2

    close_url = reverse("portfolios:review_close", kwargs={"slug": portfolio.slug, "pk": review.pk})
    assert client.get(close_url).status_code == 200
    response = client.post(close_url, {})
    assert response.status_code == 302
    review.refresh_from_db()
    assert review.status == ReviewStatus.CLOSED

    pilot.refresh_from_db()
    assert pilot.phase == Phase.COMPOSTED
    twin = Initiative.objects.get(twin_of=other)
    assert list(twin.municipalities.all()) == [vasteras]
    assert PortfolioEntry.objects.get(portfolio=portfolio, initiative=other).horizon == Horizon.H2

    closed_page = client.get(review.get_absolute_url()).content.decode()
    assert "can no longer change" in closed_page
    assert assess_url(review, pilot) not in closed_page
    assert "Seniorluncher" in closed_page

    shift = client.get(reverse("portfolios:portfolio_shift", kwargs={"slug": portfolio.slug}))
    assert shift.status_code == 200
    moves = {
        (m["initiative"]["title"], m["horizon_from"], m["horizon_to"], m["phase_to"])
        for m in shift.context["shift"]["moves"]
    }
    assert ("Fixartjänst pilot", "h2", "h2", Phase.COMPOSTED) in moves
    assert ("Seniorluncher", "h1", "h2", Phase.MATURATION) in moves
    content = shift.content.decode()
    assert "Börja med brukarna." in content and "Västerås stad" in content and twin.title in content
    assert 'id="portfolio-shift-data"' in content


def test_a_conflicting_assessment_is_a_form_error_and_writes_nothing(client, network_admin, portfolio):
    initiative = place(portfolio, Horizon.H1, [])
    review = services.open_review(portfolio, "Höstens övning", network_admin)
    client.force_login(network_admin)
    seen_by_both = client.get(assess_url(review, initiative)).context["form"].initial
    first = client.post(
        assess_url(review, initiative), assessment(seen_by_both, decision=Decision.CONTINUE, rationale="Först.")
    )
    assert first.status_code == 302
    second = client.post(
        assess_url(review, initiative), assessment(seen_by_both, decision=Decision.PIVOT, rationale="Sen.")
    )
    assert second.status_code == 200
    assert "Someone else assessed this initiative" in " ".join(second.context["form"].non_field_errors())
    assert "Someone else assessed this initiative" in second.content.decode()
    decision = ReviewDecision.objects.get(review=review, initiative=initiative)
    assert (decision.decision, decision.rationale, decision.version) == (Decision.CONTINUE, "Först.", 1)

    # With the saved version the change goes through.
    current = client.get(assess_url(review, initiative)).context["form"].initial
    assert current["expected_version"] == 1
    again = client.post(assess_url(review, initiative), assessment(current, decision=Decision.PIVOT, rationale="Sen."))
    assert again.status_code == 302
    assert ReviewDecision.objects.get(pk=decision.pk).decision == Decision.PIVOT


def test_a_closed_review_cannot_be_changed_through_the_pages(client, network_admin, portfolio):
    initiative = place(portfolio, Horizon.H1, [])
    review = services.open_review(portfolio, "Övningen", network_admin)
    services.assess(
        review, initiative, user=network_admin, horizon=Horizon.H1, decision=Decision.CONTINUE, rationale="Bra."
    )
    services.close_review(review, network_admin)
    client.force_login(network_admin)
    data = {"expected_version": 1, "horizon": Horizon.H3, "decision": Decision.PIVOT, "rationale": "Ändrat."}
    assert client.get(assess_url(review, initiative)).status_code == 403
    assert client.post(assess_url(review, initiative), data).status_code == 403
    close_url = reverse("portfolios:review_close", kwargs={"slug": portfolio.slug, "pk": review.pk})
    assert client.post(close_url, {}).status_code == 403
    decision = ReviewDecision.objects.get(review=review)
    assert (decision.horizon, decision.decision, decision.rationale) == (Horizon.H1, Decision.CONTINUE, "Bra.")


def test_notes_board_add_a_note_and_turn_it_into_an_initiative(client, coordinator, member, portfolio):
    initiative = place(portfolio, Horizon.H1, [])
    client.force_login(coordinator)
    response = client.post(
        reverse("portfolios:note_add", kwargs={"slug": portfolio.slug}),
        {
            "kind": NoteKind.NEXT_STEP,
            "title": "Bjud in Västerås",
            "text": "Till nästa träff.",
            "initiatives": [initiative.pk],
        },
    )
    assert response.status_code == 302
    note = Note.objects.get(portfolio=portfolio)
    assert note.author == coordinator.person and list(note.initiatives.all()) == [initiative]

    board = client.get(reverse("portfolios:note_board", kwargs={"slug": portfolio.slug})).content.decode()
    assert "Bjud in Västerås" in board and initiative.get_absolute_url() in board

    turn_url = reverse("portfolios:note_to_initiative", kwargs={"slug": portfolio.slug, "pk": note.pk})
    client.force_login(member)
    assert client.post(turn_url, {}).status_code == 403
    client.force_login(coordinator)
    response = client.post(turn_url, {})
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.became is not None and note.became.visibility == Visibility.DRAFT
    board = client.get(reverse("portfolios:note_board", kwargs={"slug": portfolio.slug})).content.decode()
    assert note.became.get_absolute_url() in board


def test_review_csv_export(client, network_admin, member, portfolio):
    initiative = place(portfolio, Horizon.H2, [], title="Fixartjänst")
    review = services.open_review(portfolio, "Övningen", network_admin)
    services.assess(
        review, initiative, user=network_admin, horizon=Horizon.H3, decision=Decision.PIVOT, rationale="Tänk om."
    )
    client.force_login(member)
    response = client.get(
        reverse("portfolios:review_export", kwargs={"slug": portfolio.slug, "pk": review.pk, "export_format": "csv"})
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[1][:6] == ["Fixartjänst", "H2", "H3", "Pivot", "", "Tänk om."]


def test_create_a_portfolio_and_place_an_initiative(client, network, network_admin):
    client.force_login(network_admin)
    form = client.get(reverse("portfolios:portfolio_add")).context["form"]
    assert form.initial["network"] == network.pk
    data = {
        "title": "Trygghet i Västerås", "network": network.pk, "visibility": Visibility.NETWORK, "language": "sv",
        "categories-TOTAL_FORMS": "1", "categories-INITIAL_FORMS": "0", "categories-MIN_NUM_FORMS": "0",
        "categories-MAX_NUM_FORMS": "1000",
        "categories-0-name": "Boende", "categories-0-code": "", "categories-0-position": "9",
    }  # fmt: skip
    response = client.post(reverse("portfolios:portfolio_add"), data)
    assert response.status_code == 302, response.context["form"].errors
    portfolio = Portfolio.objects.get(title="Trygghet i Västerås")
    codes = set(portfolio.categories.values_list("code", flat=True))
    assert "boende" in codes and "culture" in codes and len(codes) == 9

    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    culture = portfolio.categories.get(code="culture")
    response = client.post(
        reverse("portfolios:entry_add", kwargs={"slug": portfolio.slug}),
        {
            "initiative": initiative.pk,
            "horizon": Horizon.H3,
            "layer": "",
            "rationale": "",
            f"relation_{culture.pk}": Relation.STRONG,
        },
    )
    assert response.status_code == 302, response.context["form"].errors
    entry = PortfolioEntry.objects.get(portfolio=portfolio, initiative=initiative)
    assert entry.horizon == Horizon.H3
    assert list(entry.relations.values_list("category__code", "relation")) == [("culture", Relation.STRONG)]
    page = client.get(portfolio.get_absolute_url()).content.decode()
    assert initiative.title in row_html(page, "h3")

    response = client.post(
        reverse("portfolios:entry_edit", kwargs={"slug": portfolio.slug, "pk": entry.pk}),
        {"horizon": Horizon.H1, "layer": "", "rationale": "Redo nu."},
    )
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.horizon == Horizon.H1 and not entry.relations.exists()
