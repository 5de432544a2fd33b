"""Issue 6's "done when" in a real browser, on the demo data: the Danish demo coordinator
(koordinator-dk, Danish interface) logs a procurement barrier in Danish on a Danish
initiative; the mission's summary shows it among the top barriers straight away; the
Swedish demo member (Swedish interface) finds it on the learning page by another Danish
form of a word in it; and the Swedish meal-delivery pilot lists its twin candidates with
their reasons. tests/test_learning_done_when.py tries the same with the test client."""

import re

import pytest
from django.urls import reverse
from django.utils import translation
from playwright.sync_api import expect

from evaluation.choices import BarrierCategory
from evaluation.models import Indicator, LearningEntry
from initiatives.models import Initiative, Mission

from .helpers import browsing, log_in, set_language_cookie, submit

DANISH_INITIATIVE = "samarbejdsmodel-for-systematisk-velfaerdsinnovation"
MISSION = "sammenhaeng-i-indsatserne-for-udsatte-familier"
MEAL_DELIVERY_PILOT = "leverans-av-mat-for-seniorer"
# A title no demo record has; "Udbuddet" is searched for as "udbuddene".
TITLE = "Udbuddet til familiekalenderen låste os fast"
SEARCH = "udbuddene"


@pytest.fixture(scope="module")
def barrier(browser, site):
    """koordinator-dk logs the barrier through the initiative's page, in Danish."""
    context = browser.new_context(locale="en-GB")
    context.set_default_timeout(10_000)
    set_language_cookie(context, site, "da")
    try:
        page = context.new_page()
        messages = []
        page.on("console", lambda message: messages.append(message.text))
        log_in(page, site, "koordinator-dk")
        initiative = Initiative.objects.get(slug=DANISH_INITIATIVE)
        page.goto(site(initiative.get_absolute_url()))
        expect(page.locator("html")).to_have_attribute("lang", "da")
        page.locator("#learning a.button[href$='/learning/add/']").click()
        page.fill("#id_title", TITLE)
        page.fill(
            "#id_what_we_did",
            "Vi ville købe en fælles digital kalender, så familien og alle fagfolk så de samme aftaler.",
        )
        page.fill(
            "#id_what_we_learned",
            "Kommunens indkøbsregler passede ikke til en lille afprøvning: et udbud tager et halvt år, "
            "og indkøbsafdelingen var ikke med fra starten.",
        )
        page.fill("#id_where_we_are_heading", "Indkøb kommer med i styregruppen, før næste afprøvning starter.")
        page.select_option("#id_kind", "barrier")
        page.check(f"input[name=categories][value={BarrierCategory.PROCUREMENT}]")
        page.select_option("#id_evidence_level", "observed")
        page.select_option("#id_visibility", "public")
        page.select_option("#id_language", "da")
        submit(page)
        entry = LearningEntry.objects.filter(title=TITLE).first()
        assert entry, f"the entry was not saved; the page says:\n{page.locator('main').inner_text()}"
        expect(page).to_have_url(site(entry.get_absolute_url()))
        assert not [m for m in messages if re.search(r"Content[- ]Security[- ]Policy", m, re.I)]
        return entry
    finally:
        context.close()


def test_the_barrier_is_the_coordinators_danish_procurement_barrier(barrier):
    assert barrier.author.user.username == "koordinator-dk"
    assert (barrier.kind, barrier.categories, barrier.language) == ("barrier", ["procurement"], "da")
    assert barrier.initiative.slug == DANISH_INITIATIVE


def test_the_mission_summary_lists_it_among_the_top_barriers(barrier, open_page, site):
    page, log = open_page(language="da")
    page.goto(site(reverse("evaluation:mission_summary", kwargs={"slug": MISSION})))
    with translation.override("da"):
        procurement = str(BarrierCategory.PROCUREMENT.label)
    mission = Mission.objects.get(slug=MISSION)
    barriers = page.locator(f"#learning-summary-mission-{mission.pk} ol.summary-categories > li")
    expect(barriers.filter(has_text=procurement)).to_have_count(1)
    link = barriers.filter(has_text=procurement).locator(f"a[href='{barrier.get_absolute_url()}']")
    expect(link).to_have_text(TITLE)
    expect(link).to_have_attribute("lang", "da")
    assert not log.csp_violations


def test_a_swedish_member_finds_it_by_another_word_form(barrier, open_page, site):
    page, log = open_page(language="sv")
    log_in(page, site, "member")
    page.goto(site(reverse("evaluation:learning_list")))
    expect(page.locator("html")).to_have_attribute("lang", "sv")
    page.fill("#id_q", SEARCH)
    # htmx replaces the results and puts the search into the address.
    expect(page).to_have_url(re.compile(rf"[?&]q={SEARCH}(&|$)"))
    link = page.locator(f"#object-list a[href='{barrier.get_absolute_url()}']")
    expect(link).to_have_count(1)
    row = page.locator("#object-list tbody tr", has=page.locator(f"a[href='{barrier.get_absolute_url()}']"))
    expect(row.locator(".search-snippet mark").first).to_be_visible()
    assert not log.csp_violations


def test_the_swedish_meal_delivery_pilot_lists_twins_with_reasons(open_page, site):
    page, log = open_page(language="sv")
    log_in(page, site, "member")
    pilot = Initiative.objects.get(slug=MEAL_DELIVERY_PILOT)
    page.goto(site(pilot.get_absolute_url()))
    twins = page.locator(f"#learning-summary-initiative-{pilot.pk} ul.twin-candidates > li")
    expect(twins.first).to_be_visible()
    with translation.override("sv"):
        same_target_group = translation.gettext("same target group")
    for index in range(twins.count()):
        reasons = twins.nth(index).locator(".twin-reasons")
        expect(reasons).not_to_be_empty()
    expect(twins.locator(".twin-reasons", has_text=same_target_group).first).to_be_visible()
    assert not log.csp_violations


# --- indicators and measurements, and the summary on every scope's page -------------------

# Måltider och möten för seniorer: Eskilstuna kommun's, so the demo coordinator's.
MEAL_INITIATIVE = "maltider-och-moten-for-seniorer"
INDICATOR_NAME = "Seniorer som äter tillsammans"
CREATE_BUTTON = "main form.object-form .form-actions button[type=submit]:not([name])"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def value_path(slug=MEAL_INITIATIVE):
    return reverse("evaluation:initiative_value", kwargs={"slug": slug})


@pytest.fixture(scope="module")
def indicator(browser, site, coordinator_state):
    """The demo coordinator adds an indicator on the value page, then two measurements,
    the first with "Save and add another"."""
    with browsing(browser, site, coordinator_state, language="sv") as page:
        page.goto(site(value_path()))
        page.locator("main a.button[href$='/value/indicators/add/']").click()
        page.fill("#id_name", INDICATOR_NAME)
        page.fill("#id_unit", "personer")
        page.select_option("#id_value_domain", "effects")
        page.fill("#id_baseline", "12")
        page.fill("#id_target", "40")
        submit(page)
        indicator = Indicator.objects.filter(name=INDICATOR_NAME).first()
        assert indicator, f"the indicator was not saved; the page says:\n{page.locator('main').inner_text()}"
        expect(page).to_have_url(site(f"{value_path()}#indicator-{indicator.pk}"))

        section = page.locator("section.indicator", has=page.locator(f"#indicator-{indicator.pk}"))
        section.locator("a.button[href$='/measurements/add/']").click()
        page.fill("#id_date", "2025-01-31")
        page.fill("#id_value", "14")
        submit(page, "button[name=_addanother]")
        expect(page).to_have_url(site(reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})))
        page.fill("#id_date", "2025-02-28")
        page.fill("#id_value", "19.5")
        submit(page, CREATE_BUTTON)
        expect(page).to_have_url(site(f"{value_path()}#indicator-{indicator.pk}"))
        return indicator


def test_the_coordinator_adds_an_indicator_with_two_measurements(indicator, coordinator_state, open_page, site):
    assert indicator.initiative.slug == MEAL_INITIATIVE
    assert [str(value) for value in indicator.measurements.values_list("value", flat=True)] == ["14.000", "19.500"]
    page, log = open_page(language="sv", storage_state=coordinator_state)
    page.goto(site(value_path()))
    section = page.locator("section.indicator", has=page.locator(f"#indicator-{indicator.pk}"))
    expect(section.locator("svg[role=img] polyline")).to_have_count(1)
    expect(section.locator("tbody tr")).to_have_count(2)
    dates = [time.get_attribute("datetime") for time in section.locator("tbody tr th time").all()]
    assert dates == ["2025-01-31", "2025-02-28"]
    assert not log.csp_violations


def test_a_duplicate_date_is_an_error_in_the_browser_and_saves_nothing(indicator, coordinator_state, open_page, site):
    page, _log = open_page(language="sv", storage_state=coordinator_state)
    page.goto(site(reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk})))
    page.fill("#id_date", "2025-01-31")
    page.fill("#id_value", "99")
    submit(page, CREATE_BUTTON)
    expect(page.locator("#error-summary")).to_be_visible()
    expect(page.locator("#error-summary a[href='#id_date']")).to_have_count(1)
    assert indicator.measurements.get(date="2025-01-31").value == 14


def axe_violations(page):
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]})
    return [
        f"{violation['id']}: {violation['help']} {[node['target'] for node in violation['nodes']]}"
        for violation in results.response["violations"]
    ]


def accessibility_pages(indicator):
    return {
        "value page": value_path(),
        "indicator form": reverse("evaluation:indicator_edit", kwargs={"pk": indicator.pk}),
        "measurement form": reverse("evaluation:measurement_add", kwargs={"indicator_pk": indicator.pk}),
        "indicator delete": reverse("evaluation:indicator_delete", kwargs={"pk": indicator.pk}),
        "theme": reverse("initiatives:theme_detail", kwargs={"slug": "udsatte-familier"}),
        "portfolio": reverse("portfolios:portfolio_detail", kwargs={"slug": "samhallskontraktet"}),
        "network": reverse("partners:network_detail", kwargs={"slug": "samhallskontraktet"}),
    }


@pytest.mark.parametrize("language", ["da", "sv"])
def test_the_new_pages_have_no_axe_or_csp_violations(indicator, coordinator_state, open_page, site, language):
    problems = {}
    for name, path in accessibility_pages(indicator).items():
        page, log = open_page(language=language, storage_state=coordinator_state)
        response = page.goto(site(path))
        assert response.status == 200, f"{name} answered {response.status}"
        if name == "measurement form":  # sent empty: with its errors
            submit(page, CREATE_BUTTON)
            expect(page.locator("#error-summary")).to_be_visible()
        if name in ("theme", "portfolio", "network"):
            expect(page.locator("[id^=learning-summary-]")).to_have_count(1)
        found = axe_violations(page) + log.csp_violations
        if found:
            problems[name] = found
    assert not problems, problems
