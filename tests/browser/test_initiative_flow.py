"""The story of issue 3 in a real browser: the demo coordinator logs an initiative with two
partners, moves it to prototyping with a rationale, finds it through a filter and through
search, switches the interface to Swedish and Danish, and logs out; the demo member (same
network) sees it, an anonymous visitor gets a 404."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.utils import translation
from playwright.sync_api import expect

from core.choices import Visibility
from initiatives.choices import ParticipationRole, Phase
from initiatives.models import Initiative, PhaseChange

from .helpers import browsing, log_in, submit

# A word no demo record contains, so that searching for it finds exactly the new initiative.
SEARCH_WORD = "Kvarterslotsar"
TITLE = f"{SEARCH_WORD}: grannar som lotsar seniorer till mötesplatser"
RATIONALE = "Två kvarter har provat lotsarna i tre månader; nu bygger vi en prototyp av bokningen."
PARTNERS = {
    "Eskilstuna kommun": ParticipationRole.LEAD,
    "Mälardalens universitet (MDU)": ParticipationRole.RESEARCHER,
}
RESULT_TITLES = "#object-list table.object-table tbody th[scope=row]"


@pytest.fixture(scope="module")
def new_initiative(browser, site, coordinator_state):
    """The coordinator creates the initiative through the form, the partners in its formset."""
    with browsing(browser, site, coordinator_state, language="en") as page:
        page.goto(site("/initiatives/"))
        page.locator("main .page-heading a.button[href$='/initiatives/add/']").click()
        expect(page).to_have_url(site("/initiatives/add/"))
        page.fill("#id_title", TITLE)
        page.fill("#id_summary", "Frivilliga grannar följer ensamma seniorer till kvarterets mötesplatser.")
        page.select_option("#id_visibility", Visibility.NETWORK)
        page.select_option("#id_language", "sv")
        page.select_option("#id_phase", Phase.IDEA_DEVELOPMENT)
        for index, (organisation, role) in enumerate(PARTNERS.items()):
            page.select_option(f"#id_participations-{index}-organisation", label=organisation)
            page.select_option(f"#id_participations-{index}-role", role)
        submit(page)
        initiative = Initiative.objects.filter(title=TITLE).first()
        assert initiative, f"the initiative was not created; the page says:\n{page.locator('main').inner_text()}"
        expect(page).to_have_url(site(initiative.get_absolute_url()))
        return initiative


@pytest.fixture(scope="module")
def prototyping_initiative(browser, site, coordinator_state, new_initiative):
    """The coordinator moves the new initiative on to prototyping, with a rationale.
    Returns the initiative and the page the coordinator lands on."""
    with browsing(browser, site, coordinator_state, language="en") as page:
        page.goto(site(new_initiative.get_absolute_url()))
        page.locator("main ul.actions a[href$='/phase/']").click()
        page.select_option("#id_to_phase", Phase.PROTOTYPING)
        page.fill("#id_rationale", RATIONALE)
        submit(page)
        expect(page).to_have_url(site(new_initiative.get_absolute_url()))
        new_initiative.refresh_from_db()
        return new_initiative, page.content()


@pytest.fixture
def coordinator_page(open_page, coordinator_state):
    page, _log = open_page(language="en", storage_state=coordinator_state)
    return page


def result_titles(page):
    return page.locator(RESULT_TITLES).all_inner_texts()


def visible_initiatives(username):
    return Initiative.objects.visible_to(get_user_model().objects.get(username=username))


def test_coordinator_creates_an_initiative_with_two_partners(new_initiative, coordinator_page, site):
    assert new_initiative.visibility == Visibility.NETWORK
    assert new_initiative.language == "sv"
    assert new_initiative.phase == Phase.IDEA_DEVELOPMENT
    participations = new_initiative.participations.select_related("organisation")
    assert {participation.organisation.name: participation.role for participation in participations} == PARTNERS

    page = coordinator_page
    page.goto(site(new_initiative.get_absolute_url()))
    expect(page.locator("main h1")).to_have_text(TITLE)
    expect(page.locator("main h1")).to_have_attribute("lang", "sv")
    expect(page.locator("#partners tbody tr th")).to_have_text(list(PARTNERS))


def test_coordinator_moves_it_to_prototyping_with_a_rationale(prototyping_initiative):
    initiative, detail_html = prototyping_initiative
    assert initiative.phase == Phase.PROTOTYPING
    change = PhaseChange.objects.select_related("changed_by__user").get(initiative=initiative)
    assert (change.from_phase, change.to_phase, change.rationale) == (
        Phase.IDEA_DEVELOPMENT,
        Phase.PROTOTYPING,
        RATIONALE,
    )
    assert change.changed_by.user.username == "coordinator"
    # The detail page the coordinator lands on shows the change in the timeline.
    assert RATIONALE in detail_html
    assert 'aria-current="step">Prototyping' in detail_html


def test_coordinator_finds_it_through_the_phase_filter(prototyping_initiative, coordinator_page, site):
    page = coordinator_page
    page.goto(site("/initiatives/"))
    assert TITLE in result_titles(page)
    page.check("input[name=phase][value=prototyping]")
    # htmx replaces the results in place and puts the filter into the address.
    expect(page).to_have_url(re.compile(r"[?&]phase=prototyping(&|$)"))
    expect(page.locator(RESULT_TITLES, has_text=TITLE)).to_have_count(1)
    visible = visible_initiatives("coordinator")
    expected = set(visible.filter(phase=Phase.PROTOTYPING).values_list("title", flat=True))
    assert len(expected) < visible.count()  # the filter has something to hide
    assert set(result_titles(page)) == expected

    # The same address without JavaScript's help (a reload) gives the same list.
    page.reload()
    expect(page.locator("input[name=phase][value=prototyping]")).to_be_checked()
    assert set(result_titles(page)) == expected


def test_coordinator_finds_it_through_search(prototyping_initiative, coordinator_page, site):
    page = coordinator_page
    page.goto(site("/initiatives/"))
    page.fill("#id_q", SEARCH_WORD.lower())
    expect(page).to_have_url(re.compile(rf"[?&]q={SEARCH_WORD.lower()}(&|$)"))
    expect(page.locator(RESULT_TITLES)).to_have_count(1)
    assert result_titles(page) == [TITLE]
    page.locator(RESULT_TITLES).get_by_role("link").click()
    expect(page).to_have_url(site(prototyping_initiative[0].get_absolute_url()))


def test_coordinator_switches_the_interface_to_swedish_and_danish(new_initiative, coordinator_page, site):
    page = coordinator_page
    page.goto(site(new_initiative.get_absolute_url()))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    for language in ("sv", "da"):
        with translation.override(language):
            initiatives_label = translation.gettext("Initiatives")
            log_out_label = translation.gettext("Log out")
        page.select_option("#language-select", language)
        submit(page, ".language-switcher button[type=submit]")
        # The switcher brings the user back to the page they were on, now in the language.
        expect(page).to_have_url(site(new_initiative.get_absolute_url()))
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert initiatives_label != "Initiatives", f"the {language} catalogue does not translate “Initiatives”"
        expect(page.locator(".site-nav a[href='/initiatives/']")).to_have_text(initiatives_label)
        expect(page.locator(".site-header form[action$='/logout/'] button")).to_have_text(log_out_label)
        # The record's own text keeps its language, whatever the interface's.
        expect(page.locator("main h1")).to_have_attribute("lang", "sv")


def test_coordinator_logs_out(open_page, site):
    # A login of its own: logging out ends the session the other tests share.
    page, _log = open_page(language="en")
    log_in(page, site, "coordinator")
    submit(page, ".site-header form[action$='/logout/'] button[type=submit]")
    expect(page.locator(".site-header .account a[href^='/accounts/login/']")).to_be_visible()
    expect(page.locator(".site-header form[action$='/logout/']")).to_have_count(0)
    page.goto(site("/initiatives/add/"))
    expect(page).to_have_url(re.compile(re.escape(site("/accounts/login/")) + r"\?next="))


def test_member_of_the_network_sees_it(new_initiative, open_page, site):
    page, _log = open_page(language="en")
    log_in(page, site, "member")
    response = page.goto(site(new_initiative.get_absolute_url()))
    assert response.status == 200
    expect(page.locator("main h1")).to_have_text(TITLE)
    page.goto(site(f"/initiatives/?q={SEARCH_WORD}"))
    assert result_titles(page) == [TITLE]


def test_anonymous_visitor_gets_404(new_initiative, open_page, site):
    page, _log = open_page(language="en")
    response = page.goto(site(new_initiative.get_absolute_url()))
    assert response.status == 404
    assert TITLE not in page.content()
    page.goto(site(f"/initiatives/?q={SEARCH_WORD}"))
    expect(page.locator("#object-list")).to_be_visible()
    assert result_titles(page) == []
