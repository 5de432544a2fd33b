"""Issue 5's "done when" in a real browser, in Swedish: the demo network admin (admin-sk)
runs a portfolio exercise on Samhällskontraktet: opens a review, composts one meal pilot
(with its reason and lessons) and twins another into Västerås, closes the review and sees
the shift. Beside them, the demo coordinator (Eskilstuna kommun) assesses only the
initiatives their organisation takes part in, and the demo member only reads. axe-core
checks the map, review, assessment and shift pages; the Content-Security-Policy refuses
nothing.

The tests run in the order written: the coordinator and the member act in the open review
that the admin then closes. The exercise changes demo records (a pilot is composted, a
twin is created), so the module puts the demo portfolio back as it was when it is done.
"""

import re

import pytest
from django.contrib.auth import get_user_model
from playwright.sync_api import expect

from core.choices import Visibility
from initiatives.choices import InitiativeKind, Phase
from initiatives.models import Initiative, PhaseChange
from partners.models import Organisation
from portfolios.choices import Decision, ReviewStatus
from portfolios.models import EntryCategory, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision

from .conftest import ConsoleLog
from .helpers import log_in, set_language_cookie, submit
from .test_accessibility import AXE_TAGS, CSP_LISTENER, axe, describe

PORTFOLIO = "/portfolios/samhallskontraktet/"
REVIEW_TITLE = "Portföljövning hösten 2024"
COMPOSTED = "Pensionärernas bössa"
TWINNED = "Leverans av mat för seniorer"
COORDINATORS_PILOT = "Seniorrestaurangen"
VASTERAS_INITIATIVE = "Framtidens äldreboende"  # Västerås stad's: not the Eskilstuna coordinator's
REASON = "Piloten har inte nått de äldre den var tänkt för; resurserna behövs i Seniorrestaurangen."
LESSONS = "Insamlingen via bössor gav kontakt med föreningslivet, som Samverkansmodellen kan bygga vidare på."
TWIN_REASON = "Ett redan framgångsrikt initiativ som kan utökas till nya platser: Christine ser en tvilling i Västerås."
TWIN_TITLE = f"{TWINNED} (Västerås stad)"


def initiative(title):
    return Initiative.objects.get(network__slug="samhallskontraktet", title=title)


def the_review():
    return PortfolioReview.objects.get(portfolio__slug="samhallskontraktet", title=REVIEW_TITLE)


def review_path(review):
    return f"{PORTFOLIO}reviews/{review.pk}/"


def assess_path(review, title):
    return f"{review_path(review)}assess/{initiative(title).pk}/"


def sheet_row(page, title):
    # The exact title: the demo's closed exercise already twinned a pilot, "<title> (Västerås stad)".
    title_link = page.locator("th").get_by_role("link", name=title, exact=True)
    return page.locator("table.review-sheet tbody tr").filter(has=title_link)


@pytest.fixture(scope="module")
def demo_portfolio_restored(site):
    """What the exercise changes in the demo, put back afterwards, so that the browser tests
    that share the demo data find it as loaded."""
    portfolio = Portfolio.objects.get(slug="samhallskontraktet")
    restored_fields = ["phase", "composted_reason", "composted_lessons", "updated"]
    initiatives = {row["pk"]: row for row in Initiative.objects.values("pk", *restored_fields)}
    horizons = dict(portfolio.entries.values_list("pk", "horizon"))
    relations = list(
        EntryCategory.objects.filter(entry__portfolio=portfolio).values("entry_id", "category_id", "relation")
    )
    phase_changes = set(PhaseChange.objects.values_list("pk", flat=True))
    notes = set(Note.objects.values_list("pk", flat=True))
    yield portfolio
    # A closed review refuses deletion through its manager, so the plain base manager.
    PortfolioReview._base_manager.filter(portfolio=portfolio).delete()
    Note.objects.exclude(pk__in=notes).delete()
    Initiative.objects.exclude(pk__in=initiatives).delete()  # the twin, with its entry
    PhaseChange.objects.exclude(pk__in=phase_changes).delete()
    for pk, row in initiatives.items():
        Initiative.objects.filter(pk=pk).update(**{name: row[name] for name in restored_fields})
    for pk, horizon in horizons.items():
        PortfolioEntry.objects.filter(pk=pk).update(horizon=horizon)
    EntryCategory.objects.filter(entry__portfolio=portfolio).delete()
    EntryCategory.objects.bulk_create(EntryCategory(**row) for row in relations)
    assert dict(Initiative.objects.values_list("pk", "phase")) == {pk: row["phase"] for pk, row in initiatives.items()}
    assert dict(portfolio.entries.values_list("pk", "horizon")) == horizons


class Visit:
    """A logged-in user's browser in Swedish, with the console and every refusal of the
    Content-Security-Policy collected."""

    def __init__(self, browser, site, username):
        self.site = site
        self.context = browser.new_context(locale="sv-SE")
        self.context.set_default_timeout(10_000)
        set_language_cookie(self.context, site, "sv")
        self.context.add_init_script(CSP_LISTENER)
        self.page = self.context.new_page()
        self.log = ConsoleLog()
        self.log.attach(self.page)
        log_in(self.page, site, username)

    def goto(self, path, status=200):
        before = len(self.log.messages)
        response = self.page.goto(self.site(path))
        assert response.status == status, f"{path} answered {response.status}"
        if status == 200:
            expect(self.page.locator("html")).to_have_attribute("lang", "sv")
        else:
            # The browser logs the refusal the test asked for; it is not the page's error.
            self.log.messages[before:] = [
                message for message in self.log.messages[before:] if "Failed to load resource" not in message
            ]
        return response

    def check(self, what):
        """axe-core (WCAG 2.1 AA) on the page as it is now, and nothing refused by the
        policy or raised by a script since the visit began."""
        self.page.wait_for_load_state("networkidle")
        results = axe.run(
            self.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
        )
        violations = results.response["violations"]
        csp = [*self.log.csp_violations, *self.page.evaluate("window.__cspViolations")]
        errors = [message for message in self.log.messages if message.startswith(("error:", "pageerror:"))]
        problems = []
        if violations:
            problems.append(f"axe-core: {len(violations)} violation(s):\n{describe(violations)}")
        if csp:
            problems.append("Content-Security-Policy violations:\n" + "\n".join(csp))
        if errors:
            problems.append("errors in the console:\n" + "\n".join(errors))
        assert not problems, f"{what} [sv]\n" + "\n".join(problems)

    def close(self):
        self.context.close()


@pytest.fixture(scope="module")
def visit(browser, site):
    visits = []

    def open_(username):
        visits.append(Visit(browser, site, username))
        return visits[-1]

    yield open_
    for one in visits:
        one.close()


@pytest.fixture(scope="module")
def admin(visit, demo_portfolio_restored):
    return visit("admin-sk")


@pytest.fixture(scope="module")
def open_review(admin, demo_portfolio_restored):
    """The admin opens the exercise from the portfolio's map; the map passes axe first."""
    admin.goto(PORTFOLIO)
    expect(admin.page.locator("table.portfolio-map")).to_be_visible()
    admin.check("the map")
    admin.page.locator(f"main a.button[href='{PORTFOLIO}reviews/open/']").click()
    admin.page.fill("#id_title", REVIEW_TITLE)
    submit(admin.page)
    review = the_review()
    expect(admin.page).to_have_url(admin.site(review_path(review)))
    assert review.status == ReviewStatus.OPEN
    assert review.opened_by.user.username == "admin-sk"
    return review


def test_the_map_shows_the_seed_initiatives_and_the_pilots_on_their_horizons(admin, open_review):
    admin.goto(PORTFOLIO)
    rows = {
        horizon: admin.page.locator(f"table.portfolio-map tr.horizon-{horizon}").inner_text()
        for horizon in ("h1", "h2", "h3")
    }
    for title, horizon in {
        "Måltider och möten för seniorer": "h3",
        "Mobil trygghetslösning för seniorer": "h1",
        "Samverkansmodell med civilsamhället": "h2",
        TWINNED: "h1",
        COMPOSTED: "h1",
        COORDINATORS_PILOT: "h2",
    }.items():
        assert title in rows[horizon], (title, horizon)
    # The chart is drawn from the table's figures.
    expect(admin.page.locator("#portfolio-map-chart")).to_have_attribute("height", re.compile(r"\d+"))


def test_a_coordinator_assesses_only_the_initiatives_they_coordinate(visit, open_review):
    coordinator = visit("coordinator")
    coordinator.goto(review_path(open_review))
    page = coordinator.page
    # Eskilstuna kommun leads the meal pilots, not Framtidens äldreboende (Västerås stad).
    expect(sheet_row(page, COORDINATORS_PILOT).locator("a[href*='/assess/']")).to_have_count(1)
    expect(sheet_row(page, VASTERAS_INITIATIVE).locator("a[href*='/assess/']")).to_have_count(0)
    expect(page.locator(f"a[href$='{review_path(open_review)}close/']")).to_have_count(0)
    coordinator.check("the review as the coordinator sees it")

    sheet_row(page, COORDINATORS_PILOT).locator("a[href*='/assess/']").click()
    expect(page.locator("h1")).to_have_text(COORDINATORS_PILOT)
    page.select_option("#id_decision", Decision.CONTINUE)
    page.fill("#id_progress", "Studenterna har tagit fram ett grafiskt paket.")
    page.fill("#id_rationale", "Fortsätt och pröva ensamma manskören på restaurangen.")
    submit(page)
    expect(page).to_have_url(coordinator.site(review_path(open_review)))
    expect(sheet_row(page, COORDINATORS_PILOT)).to_contain_text("Fortsätt")
    decision = ReviewDecision.objects.get(review=open_review, initiative=initiative(COORDINATORS_PILOT))
    assert decision.decided_by.user.username == "coordinator"

    # Another municipality's initiative: refused (the API asks the same rule, see
    # tests/test_portfolio_permissions.py).
    coordinator.goto(assess_path(open_review, VASTERAS_INITIATIVE), status=403)


def test_a_member_only_reads_the_review(visit, open_review):
    member = visit("member")
    member.goto(review_path(open_review))
    page = member.page
    expect(page.locator("table.review-sheet")).to_contain_text(COORDINATORS_PILOT)
    expect(page.locator("table.review-sheet a[href*='/assess/']")).to_have_count(0)
    expect(page.locator("main a[href*='/close/'], main a[href*='/notes/add/']")).to_have_count(0)
    member.check("the review as a member sees it")
    # The notes board: read, not written (no note to put up, no note to turn into a draft).
    member.goto(f"{PORTFOLIO}notes/")
    expect(page.locator(".notes-orange")).to_contain_text("Matleveranser för seniorer")
    expect(page.locator("main a[href*='/notes/add/'], main a[href$='/initiative/']")).to_have_count(0)
    member.check("the notes board")
    member.goto(assess_path(open_review, COORDINATORS_PILOT), status=403)
    member.goto(f"{review_path(open_review)}close/", status=403)


def assess(admin, review, title, decision, rationale, **fields):
    page = admin.page
    admin.goto(review_path(review))
    sheet_row(page, title).locator("a[href*='/assess/']").click()
    expect(page.locator("h1")).to_have_text(title)
    page.select_option("#id_horizon", fields.pop("horizon", "h1"))
    page.select_option("#id_decision", decision)
    page.fill("#id_rationale", rationale)
    if "lessons" in fields:
        page.fill("#id_lessons", fields.pop("lessons"))
    if "twin_municipality" in fields:
        page.select_option("#id_twin_municipality", label=fields.pop("twin_municipality"))
    assert not fields, fields


def test_the_exercise_in_swedish_composts_a_pilot_twins_another_and_shows_the_shift(admin, open_review):
    page = admin.page
    admin.goto(review_path(open_review))
    admin.check("the review sheet")

    # Compost, first without lessons: the form says why and nothing is written.
    assess(admin, open_review, COMPOSTED, Decision.COMPOST, REASON)
    submit(page)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#id_lessons")).to_have_attribute("aria-invalid", "true")
    assert not ReviewDecision.objects.filter(review=open_review, initiative=initiative(COMPOSTED)).exists()
    admin.check("the assessment form with its errors")
    page.fill("#id_lessons", LESSONS)
    submit(page)
    expect(page).to_have_url(admin.site(review_path(open_review)))
    expect(page.locator(".messages")).to_contain_text("Bedömningen har sparats")
    expect(sheet_row(page, COMPOSTED)).to_contain_text("Kompostera")

    # Twin into Västerås; the form is checked by axe as the admin fills it in.
    assess(admin, open_review, TWINNED, Decision.TWIN, TWIN_REASON, twin_municipality="Västerås stad")
    admin.check("the assessment form")
    submit(page)
    expect(page).to_have_url(admin.site(review_path(open_review)))
    expect(sheet_row(page, TWINNED)).to_contain_text("Västerås stad")
    expect(page.locator("main")).to_contain_text("3 av")  # the coordinator's assessment too

    # Close: the confirmation says what closing does; then the review is a record.
    page.locator(f"main a.button[href='{review_path(open_review)}close/']").click()
    expect(page.locator("main")).to_contain_text("kompost")
    admin.check("the closing page")
    submit(page)
    expect(page).to_have_url(admin.site(review_path(open_review)))
    expect(page.locator(".messages")).to_contain_text("Övningen är stängd")
    expect(page.locator("table.review-sheet a[href*='/assess/']")).to_have_count(0)
    expect(page.locator("table.moves")).to_contain_text(COMPOSTED)
    admin.check("the closed review")
    admin.goto(f"{review_path(open_review)}close/", status=403)

    # The shift: the moves, what was composted (with its lessons) and twinned (into Västerås).
    admin.goto(PORTFOLIO)
    page.locator(f"nav.portfolio-nav a[href='{PORTFOLIO}shift/']").click()
    expect(page.locator("h1")).to_have_text("Samhällskontraktet")
    moves = page.locator("table.moves tbody tr").filter(has=page.locator("th", has_text=COMPOSTED))
    expect(moves).to_have_count(1)
    expect(moves).to_contain_text("Prototyputveckling")
    expect(moves).to_contain_text("Komposterat")
    composted = page.locator("main li").filter(has_text=COMPOSTED).filter(has_text=LESSONS)
    expect(composted).to_have_count(1)
    expect(composted).to_contain_text(REASON)
    # This exercise's twin (the demo's closed exercise made one of the same title before).
    new_twin = Initiative.objects.filter(twin_of=initiative(TWINNED)).latest("pk")
    twinned = page.locator("main li").filter(has=page.locator(f"a[href='{new_twin.get_absolute_url()}']"))
    expect(twinned).to_have_count(1)
    expect(twinned).to_contain_text(TWIN_TITLE)
    expect(twinned).to_contain_text("Västerås stad")
    expect(page.locator("#portfolio-shift-chart")).to_have_attribute("height", re.compile(r"\d+"))
    admin.check("the shift")

    # The decisions took effect on the initiatives.
    pilot = initiative(COMPOSTED)
    assert pilot.phase == Phase.COMPOSTED
    assert (pilot.composted_reason, pilot.composted_lessons) == (REASON, LESSONS)
    assert pilot.phase_changes.latest("pk").to_phase == Phase.COMPOSTED
    # The twin this exercise made (the demo's closed exercise twinned the pilot once before).
    twin = Initiative.objects.filter(twin_of=initiative(TWINNED)).latest("pk")
    assert twin.title == TWIN_TITLE
    assert twin.visibility == Visibility.DRAFT
    assert twin.kind == InitiativeKind.INITIATIVE  # a pilot's twin stands on its own
    assert list(twin.municipalities.all()) == [Organisation.objects.get(slug="vasteras-stad")]
    assert PortfolioEntry.objects.filter(portfolio__slug="samhallskontraktet", initiative=twin).exists()
    review = the_review()
    assert review.status == ReviewStatus.CLOSED
    assert {d["title"]: d["decision"] for d in review.snapshot["decisions"]} == {
        COMPOSTED: Decision.COMPOST,
        TWINNED: Decision.TWIN,
        COORDINATORS_PILOT: Decision.CONTINUE,
    }
    # The draft twin is Västerås stad's to develop: its members do not see the draft yet,
    # nor does Eskilstuna's coordinator.
    assert twin.participations.get().organisation.slug == "vasteras-stad"
    for username in ("member", "coordinator"):
        user = get_user_model().objects.get(username=username)
        assert not Initiative.objects.visible_to(user).filter(pk=twin.pk).exists(), username
