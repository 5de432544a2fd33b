"""Issue 6's "done when", tried as a new user would, on the demo data (`load_demo`):

- the demo coordinator koordinator-dk (Slagelse Kommune, Danish interface) logs a
  barrier about procurement, in Danish, on a Danish initiative through its page;
- the mission's summary page lists it among the top barriers at once (jobs run in the
  process, as in the embedded default);
- the demo member (Västerås stad, Samhällskontraktet, Swedish interface) finds it on the
  learning page by searching for another Danish form of a word in it;
- the Swedish meal-delivery pilot's page lists its twin candidates with their reasons.

The test commits for real (transaction=True): the summaries are computed when a change
commits, as on a running site, not when a test wrapper chooses to run the callbacks."""

import io

import pytest
from django.conf import settings as conf
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from demo.seed_data import DEMO_PASSWORD
from evaluation.choices import BarrierCategory, EvidenceLevel, LearningKind
from evaluation.models import LearningEntry, LearningSummary
from initiatives.models import Initiative, Mission

pytestmark = pytest.mark.django_db(transaction=True)

DANISH_INITIATIVE = "samarbejdsmodel-for-systematisk-velfaerdsinnovation"
MISSION = "sammenhaeng-i-indsatserne-for-udsatte-familier"
MEAL_DELIVERY_PILOT = "leverans-av-mat-for-seniorer"

BARRIER = {
    "title": "Udbuddet låste os fast",
    "what_we_did": "Vi ville købe en lille digital kalender til familierne, så alle parter kunne se de samme aftaler.",
    "what_we_learned": (
        "Kommunens indkøbsregler passede ikke til en lille afprøvning: et udbud tager et halvt år, "
        "og indkøbsafdelingen var ikke med fra starten."
    ),
    "where_we_are_heading": "Vi inviterer indkøb med i styregruppen, før næste afprøvning går i gang.",
    "kind": LearningKind.BARRIER,
    "categories": [BarrierCategory.PROCUREMENT],
    "value_domains": ["productivity"],
    "evidence_level": EvidenceLevel.OBSERVED,
    "visibility": "public",
    "language": "da",
}
# "udbuddet" (the offer, definite) in the title; searched as "udbuddene" (plural definite).
SEARCH = "udbuddene"


@pytest.fixture
def demo(settings):
    settings.DEBUG = True  # the demo logins are made only with DEBUG
    call_command("load_demo", stdout=io.StringIO())


def log_in(client, username, language):
    client.cookies[conf.LANGUAGE_COOKIE_NAME] = language
    response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD})
    assert response.status_code == 302, f"{username} could not log in"


def between(html, start, end):
    assert start in html, f"{start!r} is not on the page"
    return html.split(start, 1)[1].split(end, 1)[0]


def top_barriers(html, language):
    with translation.override(language):
        return between(html, gettext("Most frequent barriers"), "</ol>")


def test_a_danish_barrier_reaches_the_mission_summary_search_and_twins(client, demo):
    initiative = Initiative.objects.get(slug=DANISH_INITIATIVE)
    mission = Mission.objects.get(slug=MISSION)
    assert initiative.language == "da" and mission in initiative.missions.all()

    # koordinator-dk finds "Log learning" on the initiative's page, in Danish.
    log_in(client, "koordinator-dk", "da")
    page = client.get(initiative.get_absolute_url())
    assert page.status_code == 200
    assert page["Content-Language"] == "da"
    add_url = reverse("evaluation:learning_add", kwargs={"initiative_slug": initiative.slug})
    assert f'href="{add_url}"' in page.content.decode()
    form = client.get(add_url)
    assert form.status_code == 200
    response = client.post(add_url, BARRIER)
    assert response.status_code == 302, response.content.decode()[:3000]
    entry = LearningEntry.objects.get(title=BARRIER["title"])
    assert response.url == entry.get_absolute_url()
    assert entry.author.user.username == "koordinator-dk"
    assert (entry.language, entry.categories) == ("da", [BarrierCategory.PROCUREMENT])

    # The mission's summary page lists it among the top barriers, already computed.
    summary_url = reverse("evaluation:mission_summary", kwargs={"slug": mission.slug})
    barriers = top_barriers(client.get(summary_url).content.decode(), "da")
    with translation.override("da"):
        assert str(BarrierCategory.PROCUREMENT.label) in barriers
    assert f'href="{entry.get_absolute_url()}" lang="da">{entry.title}</a>' in barriers
    summary = LearningSummary.objects.get(scope="mission", scope_id=mission.pk, audience="network")
    assert summary.status == "done"
    # The demo's own learning has barriers of its own (funding, procurement, silos): the
    # new one joins the procurement row, among the top ones.
    top = {row["category"]: row for row in summary.metrics["top_barrier_categories"]}
    assert entry.pk in [example["id"] for example in top[BarrierCategory.PROCUREMENT]["examples"]]
    client.post(reverse("logout"))

    # Anyone reads the public mission summary with it too (the entry is public).
    assert entry.get_absolute_url() in top_barriers(client.get(summary_url).content.decode(), "da")

    # The Swedish member searches for another form of "udbuddet" and finds it, marked.
    log_in(client, "member", "sv")
    results = client.get(reverse("evaluation:learning_list"), {"q": SEARCH})
    assert results["Content-Language"] == "sv"
    html = results.content.decode()
    assert f'href="{entry.get_absolute_url()}"' in html
    assert "<mark>" in html

    # The Swedish meal-delivery pilot lists its twin candidates, each with its reasons.
    pilot = Initiative.objects.get(slug=MEAL_DELIVERY_PILOT)
    html = client.get(pilot.get_absolute_url()).content.decode()
    block = between(html, f'id="learning-summary-initiative-{pilot.pk}"', "</ul>")
    with translation.override("sv"):
        assert gettext("Twin candidates") in block
        same_target_group = gettext("same target group")
    assert 'class="twin-candidates"' in block, "the pilot lists no twin candidates"
    twins = block.split('class="twin-candidates"', 1)[1]
    assert twins.count("<li>") >= 1
    assert twins.count('class="twin-reasons"') == twins.count("<li>")
    assert same_target_group in twins
