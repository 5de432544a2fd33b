"""The home page for each reader: a coordinator's initiatives, funding warnings and
reviews due; a member's newest shared learning and missions; what anonymous visitors may
read. The funding-cliff rule itself is tested in tests/test_funding_cliff.py."""

import datetime

import pytest
from django.urls import reverse

from core.choices import Visibility
from evaluation.models import Follow
from initiatives.choices import FundingKind, ParticipationRole, Phase
from initiatives.funding import funding_cliff
from initiatives.models import Initiative

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)


def _pool(initiative, end_date, kind=FundingKind.TEMPORARY_POOL):
    return factories.FundingFactory(initiative=initiative, kind=kind, end_date=end_date, start_date=None)


def test_funding_cliff_finds_pool_grants_ending_within_six_months_without_operating_budget(network):
    ending = factories.InitiativeFactory(network=network, title="Ending")
    _pool(ending, datetime.date(2026, 9, 15))  # the last day of the six months
    covered = factories.InitiativeFactory(network=network, title="Covered")
    _pool(covered, datetime.date(2026, 5, 1))
    _pool(covered, None, kind=FundingKind.OPERATING_BUDGET)
    later = factories.InitiativeFactory(network=network, title="Later")
    _pool(later, datetime.date(2026, 9, 16))
    ended = factories.InitiativeFactory(network=network, title="Ended")
    _pool(ended, datetime.date(2026, 3, 14))
    composted = factories.InitiativeFactory(
        network=network, title="Composted", phase=Phase.COMPOSTED, composted_reason="r", composted_lessons="l"
    )
    _pool(composted, datetime.date(2026, 4, 1))
    warned = list(funding_cliff(Initiative.objects.all(), TODAY, months=6))
    assert [initiative.title for initiative in warned] == ["Ending"]
    assert warned[0].pool_funding_ends == datetime.date(2026, 9, 15)


def test_coordinator_sees_their_initiatives_warnings_and_reviews_due(client, network, coordinator):
    organisation = coordinator.person.organisation
    mine = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Min kladde")
    factories.ParticipationFactory(initiative=mine, organisation=organisation, role=ParticipationRole.LEAD)
    soon = datetime.date.today() + datetime.timedelta(days=30)
    _pool(mine, soon)
    factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Andres indsats")
    portfolio = factories.PortfolioFactory(network=network, visibility=Visibility.NETWORK)
    factories.PortfolioReviewFactory(
        portfolio=portfolio, title="Forårsgennemgang", due_on=datetime.date.today() + datetime.timedelta(days=7)
    )
    factories.PortfolioReviewFactory(
        portfolio=portfolio, title="Efterårsgennemgang", due_on=datetime.date.today() + datetime.timedelta(days=60)
    )
    client.force_login(coordinator)
    html = client.get(reverse("home")).content.decode()
    my_section = html.split('id="my-initiatives"')[1].split("</section>")[0]
    assert "Min kladde" in my_section and "Andres indsats" not in my_section
    warnings = html.split('id="warnings"')[1].split("</section>")[0]
    assert "Min kladde" in warnings
    reviews = html.split('id="reviews-due"')[1].split("</section>")[0]
    assert "Forårsgennemgang" in reviews and "Efterårsgennemgang" not in reviews


def test_member_sees_shared_learning_and_followed_missions(client, network, member):
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.NETWORK, title="Delt læring")
    factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.DRAFT, title="Kladdelæring")
    followed = factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Fulgt mission")
    factories.MissionFactory(network=network, visibility=Visibility.NETWORK, title="Anden mission")
    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    assert "Delt læring" in html and "Kladdelæring" not in html
    assert 'id="my-initiatives"' not in html
    # Following nothing yet: the network's missions stand in.
    assert "Anden mission" in html and "Fulgt mission" in html
    Follow.objects.create(user=member, mission=followed)
    html = client.get(reverse("home")).content.decode()
    section = html.split('id="missions"')[1].split("</section>")[0]
    assert "Fulgt mission" in section and "Anden mission" not in section


def test_anonymous_sees_only_what_is_public(client, network):
    factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Offentlig")
    factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Kun netværket")
    factories.MissionFactory(network=network, visibility=Visibility.PUBLIC, title="Åben mission")
    html = client.get(reverse("home")).content.decode()
    assert "Offentlig" in html and "Åben mission" in html
    assert "Kun netværket" not in html


def test_home_uses_a_constant_number_of_queries(client, network, coordinator, django_assert_max_num_queries):
    organisation = coordinator.person.organisation

    def add_initiatives(count):
        for _ in range(count):
            initiative = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
            factories.ParticipationFactory(initiative=initiative, organisation=organisation)
            factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.NETWORK)

    add_initiatives(2)
    client.force_login(coordinator)
    client.get(reverse("home"))
    with django_assert_max_num_queries(20) as few:
        client.get(reverse("home"))
    add_initiatives(10)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(reverse("home")).status_code == 200


def test_learning_is_in_the_main_navigation_in_every_language(client):
    for language, label in (("da", "Læring"), ("sv", "Lärande"), ("en", "Learning")):
        html = client.get(reverse("home"), HTTP_ACCEPT_LANGUAGE=language).content.decode()
        nav = html.split('class="site-nav"')[1].split("</nav>")[0]
        assert f'href="{reverse("evaluation:learning_list")}"' in nav
        assert f">{label}</a>" in nav, language


def test_the_home_search_box_searches_the_learning(client):
    html = client.get(reverse("home")).content.decode()
    form = html.split('<form class="home-search"', 1)[1].split("</form>", 1)[0]
    tag = form.split(">", 1)[0]
    assert 'role="search"' in tag and f'action="{reverse("evaluation:learning_list")}"' in tag
    assert 'method="get"' in tag
    assert 'name="q"' in form


def test_public_home_shows_recent_learning_and_themes_and_missions_with_what_the_reader_may_see(client, network):
    theme = factories.ThemeFactory(network=network, visibility=Visibility.PUBLIC, name="Ensomhed")
    mission = factories.MissionFactory(
        network=network, visibility=Visibility.PUBLIC, title="Færre ensomme", theme=theme
    )
    public = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC, title="Åben indsats")
    hidden = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK, title="Lukket indsats")
    public.missions.add(mission)
    hidden.missions.add(mission)
    factories.LearningEntryFactory(initiative=public, visibility=Visibility.PUBLIC, title="Åben læring")
    factories.LearningEntryFactory(initiative=public, visibility=Visibility.PUBLIC, title="Mere åben læring")
    factories.LearningEntryFactory(initiative=hidden, visibility=Visibility.NETWORK, title="Lukket læring")

    html = client.get(reverse("home")).content.decode()
    learning = html.split('id="learning"')[1].split("</section>")[0]
    assert "Åben læring" in learning and "Lukket læring" not in learning
    themes = html.split('id="themes"')[1].split("</section>")[0]
    row = themes.split("Ensomhed")[1].split("</tr>")[0]
    # One mission, one initiative the public sees (not two), two learning entries (not three).
    assert [cell.split(">")[-1] for cell in row.split("</a></td>")[:-1]] == ["1", "1", "2"]
    missions = html.split('id="mission-figures"')[1].split("</section>")[0]
    row = missions.split("Færre ensomme")[1].split("</tr>")[0]
    assert f'?mission_id={mission.pk}">1</a>' in row
    assert f'?mission_id={mission.pk}">2</a>' in row


def test_member_sees_what_changed_in_what_they_follow(client, network, member):
    mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    in_mission = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    in_mission.missions.add(mission)
    followed = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    other = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    Follow.objects.create(user=member, mission=mission)
    Follow.objects.create(user=member, initiative=followed)
    factories.LearningEntryFactory(initiative=in_mission, visibility=Visibility.NETWORK, title="Nyt i missionen")
    factories.LearningEntryFactory(initiative=followed, visibility=Visibility.NETWORK, title="Nyt i indsatsen")
    factories.LearningEntryFactory(initiative=followed, visibility=Visibility.DRAFT, title="Kladde i indsatsen")
    factories.LearningEntryFactory(initiative=other, visibility=Visibility.NETWORK, title="Nyt andetsteds")

    client.force_login(member)
    html = client.get(reverse("home")).content.decode()
    changes = html.split('id="followed-changes"')[1].split("</section>")[0]
    assert "Nyt i missionen" in changes and "Nyt i indsatsen" in changes
    assert "Nyt andetsteds" not in changes and "Kladde i indsatsen" not in changes


def test_home_keeps_a_constant_number_of_queries_for_members_and_the_public(
    client, network, member, django_assert_max_num_queries
):
    def add_work(count):
        theme = factories.ThemeFactory(network=network, visibility=Visibility.PUBLIC)
        for _ in range(count):
            mission = factories.MissionFactory(network=network, visibility=Visibility.PUBLIC, theme=theme)
            initiative = factories.InitiativeFactory(network=network, visibility=Visibility.PUBLIC)
            initiative.missions.add(mission)
            factories.LearningEntryFactory(initiative=initiative, visibility=Visibility.PUBLIC)
            factories.EventFactory(network=network, initiative=initiative, visibility=Visibility.PUBLIC)
            Follow.objects.create(user=member, mission=mission)

    add_work(2)
    client.get(reverse("home"))
    with django_assert_max_num_queries(12) as anonymous:
        client.get(reverse("home"))
    client.force_login(member)
    client.get(reverse("home"))
    with django_assert_max_num_queries(20) as logged_in:
        client.get(reverse("home"))
    add_work(10)
    client.logout()
    with django_assert_max_num_queries(len(anonymous.captured_queries)):
        assert client.get(reverse("home")).status_code == 200
    client.force_login(member)
    with django_assert_max_num_queries(len(logged_in.captured_queries)):
        assert client.get(reverse("home")).status_code == 200
