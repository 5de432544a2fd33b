"""Right after `make run`, every page of shared learning the demo member opens has
something on it: the pages are derived from the loaded records (each learning entry,
each event wall, each mission summary, each value page, the portfolio's shift), not
listed by hand, so a page the demo leaves empty fails here."""

import io
import re

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from evaluation.models import Event, Indicator, LearningEntry, ValueAssessment
from initiatives.models import Initiative, Mission, Theme
from partners.models import Network
from portfolios.models import Portfolio, PortfolioReview

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(settings, django_capture_on_commit_callbacks):
    settings.DEBUG = True
    # The learning summaries are computed when the load commits.
    with django_capture_on_commit_callbacks(execute=True), translation.override("en"):
        call_command("load_demo", stdout=io.StringIO())


@pytest.fixture
def member_client(client, demo):
    client.force_login(get_user_model().objects.get(username="member"))
    client.cookies["django_language"] = "en"
    return client


def page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200, url
    return response.content.decode()


def main_of(html):
    return html.split('id="main"', 1)[1].split("</main>", 1)[0]


def test_the_demo_holds_learning_from_every_seed_in_its_own_language(demo):
    languages = set(LearningEntry.objects.values_list("initiative__network__slug", "language"))
    assert languages >= {
        ("social-innovation-lab-kent", "en"),
        ("systematisk-velfaerdsinnovation", "da"),
        ("samhallskontraktet", "sv"),
        ("faellesskabsagenter", "da"),
    }
    assert ValueAssessment.objects.filter(initiative__slug="samskabelse-borgerdreven-service-og-effekt").count() == 4
    assert all(indicator.measurements.exists() for indicator in Indicator.objects.all())
    agents_wall = Event.objects.filter(network__slug="faellesskabsagenter")
    assert agents_wall.count() >= 5
    capitals = set(agents_wall.values_list("resources__capital", "resources__state"))
    assert {("economic", "actual"), ("social", "actual"), ("social", "potential"), ("affective", "actual")} <= capitals
    assert agents_wall.filter(grew_out_of__isnull=False).exists()
    assert Initiative.objects.filter(phase="composted").exclude(composted_lessons="").exists()
    # Procurement lessons in Swedish and Danish, for the cross-language search.
    procurement = LearningEntry.objects.filter(categories__contains=["procurement"])
    assert {"sv", "da"} <= set(procurement.values_list("language", flat=True))
    assert procurement.filter(language="sv", what_we_learned__icontains="upphandling").exists()
    assert procurement.filter(language="da", what_we_learned__icontains="udbud").exists()


def test_every_learning_page_the_demo_member_opens_has_content(member_client):
    client = member_client
    user = get_user_model().objects.get(username="member")

    learning = main_of(page(client, reverse("evaluation:learning_list")))
    visible_entries = LearningEntry.objects.visible_to(user)
    assert visible_entries.count() >= 20
    count = int(re.search(r"(\d+) results?", learning).group(1))
    assert count == visible_entries.count()
    for entry in visible_entries:
        html = main_of(page(client, entry.get_absolute_url()))
        assert escape(entry.what_we_learned[:40]) in html

    with_learning = Initiative.objects.visible_to(user).filter(pk__in=visible_entries.values("initiative"))
    assert with_learning.count() >= 8
    for initiative in with_learning:
        html = main_of(page(client, initiative.get_absolute_url()))
        for entry in visible_entries.filter(initiative=initiative)[:5]:
            assert escape(entry.title) in html, (initiative.slug, entry.title)

    walls = [
        reverse("evaluation:network_events", kwargs={"slug": slug})
        for slug in Network.objects.values_list("slug", flat=True)
    ]
    walls += [
        reverse("evaluation:initiative_events", kwargs={"slug": slug})
        for slug in Initiative.objects.visible_to(user).filter(events__isnull=False).values_list("slug", flat=True)
    ]
    for url in walls:
        html = main_of(page(client, url))
        assert "No events on this wall yet." not in html, url
        assert '<li class="event-card"' in html, url
    agents = main_of(page(client, reverse("evaluation:network_events", kwargs={"slug": "faellesskabsagenter"})))
    assert agents.count('<li class="event-card"') == Event.objects.filter(network__slug="faellesskabsagenter").count()
    for capital in ("Economic capital", "Social capital", "Affective capital"):
        assert capital in agents
    assert "Grew out of" in agents

    for mission in Mission.objects.visible_to(user):
        html = main_of(page(client, reverse("evaluation:mission_summary", kwargs={"slug": mission.slug})))
        entries = re.search(r"<dt>Learning entries</dt>\s*<dd>\s*(?:<a [^>]*>)?\s*(\d+)", html)
        assert entries and int(entries.group(1)) > 0, mission.slug
        assert "No barriers logged yet." not in html

    # Every other summary of shared learning: networks, themes, the portfolio.
    summaries = [network.get_absolute_url() for network in Network.objects.all()]
    summaries += [theme.get_absolute_url() for theme in Theme.objects.visible_to(user)]
    summaries += [portfolio.get_absolute_url() for portfolio in Portfolio.objects.visible_to(user)]
    for url in summaries:
        html = main_of(page(client, url))
        entries = re.search(r"<dt>Learning entries</dt>\s*<dd>\s*(?:<a [^>]*>)?\s*(\d+)", html)
        assert entries and int(entries.group(1)) > 0, url
        assert "No barriers logged yet." not in html, url

    valued = Initiative.objects.visible_to(user).filter(pk__in=ValueAssessment.objects.values("initiative"))
    valued |= Initiative.objects.visible_to(user).filter(pk__in=Indicator.objects.values("initiative"))
    assert valued.count() >= 3
    for initiative in valued.distinct():
        html = main_of(page(client, reverse("evaluation:initiative_value", kwargs={"slug": initiative.slug})))
        for assessment in initiative.value_assessments.all():
            assert escape(assessment.narrative[:30]) in html
        for indicator in initiative.indicators.all():
            assert indicator.name in html

    for portfolio in Portfolio.objects.visible_to(user):
        html = main_of(page(client, reverse("portfolios:portfolio_shift", kwargs={"slug": portfolio.slug})))
        review = PortfolioReview.objects.get(portfolio=portfolio, status="closed")
        assert review.title in html
        assert "Leverans av mat för seniorer" in html

    home = main_of(page(client, reverse("home")))
    changes = home.split('id="followed-changes"', 1)[1].split("</section>", 1)[0]
    assert changes.count("<li>") >= 3
    # The followed meal initiative and the followed Danish mission's initiative both show.
    assert "Måltider och möten för seniorer" in changes
    assert "Ny samarbejdsmodel for systematisk velfærdsinnovation" in changes
    assert visible_entries.order_by("-created", "-pk").first().title in home


def test_the_public_home_shows_learning_themes_and_missions_with_figures(client, demo):
    html = main_of(page(client, reverse("home")))
    assert 'role="search"' in html
    newest = LearningEntry.objects.filter(visibility="public").order_by("-created", "-pk")[:8]
    assert len(newest) == 8
    assert all(escape(entry.title) in html for entry in newest)
    assert "Udsatte familier" in html
    assert "At skabe sammenhæng i indsatserne for udsatte familier" in html
