"""The learning summary as a block of every scope's page: the theme, the portfolio and
the network detail pages show it (the initiative and mission pages are tested in
tests/test_learning_pages.py), each with the summary the reader's audience may see, the
network page with the recompute link for its administrators, and each in a number of
queries that does not grow with what the summary or the page lists."""

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from core.choices import Visibility
from evaluation import services
from evaluation.choices import BarrierCategory, LearningKind
from evaluation.models import TwinCandidate
from initiatives.choices import ParticipationRole

from . import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def english(client):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    with translation.override("en"):
        yield


@pytest.fixture
def scopes(network):
    theme = factories.ThemeFactory(network=network, name="Ældre og fællesskab")
    mission = factories.MissionFactory(network=network, theme=theme, title="Ingen ældre spiser alene")
    portfolio = factories.PortfolioFactory(network=network, title="Porteføljen")
    return {"theme": theme, "mission": mission, "portfolio": portfolio, "network": network}


def grow(scopes, n, start=0):
    """n more initiatives in the mission (so the theme), the portfolio and the network,
    each with a procurement barrier, a partner of its own and a twin candidate."""
    network = scopes["network"]
    made = []
    for i in range(start, start + n):
        initiative = factories.InitiativeFactory(network=network, title=f"Madfællesskab {i}", language="da")
        initiative.missions.add(scopes["mission"])
        factories.PortfolioEntryFactory(portfolio=scopes["portfolio"], initiative=initiative)
        factories.ParticipationFactory(
            initiative=initiative, organisation=factories.OrganisationFactory(), role=ParticipationRole.LEAD
        )
        factories.LearningEntryFactory(
            initiative=initiative,
            title=f"Udbuddet bremsede os ({i})",
            kind=LearningKind.BARRIER,
            categories=[BarrierCategory.PROCUREMENT],
            language="da",
        )
        made.append(initiative)
    for first, second in zip(made, made[1:], strict=False):
        TwinCandidate.objects.create(
            initiative=first,
            candidate=second,
            rank=1,
            score=0.8,
            reasons=[{"code": "target_group", "values": []}],
            computed_at=timezone.now(),
        )
    for scope in ("theme", "portfolio", "network"):
        services.refresh_learning_summaries(scope, scopes[scope].pk)
    return made


def detail_url(scope, obj):
    names = {
        "theme": "initiatives:theme_detail",
        "portfolio": "portfolios:portfolio_detail",
        "network": "partners:network_detail",
    }
    return reverse(names[scope], kwargs={"slug": obj.slug})


def summary_block(html, scope, obj):
    marker = f'id="learning-summary-{scope}-{obj.pk}"'
    assert marker in html, f"no summary block on the {scope} page"
    return html.split(marker, 1)[1]


@pytest.mark.parametrize("scope", ["theme", "portfolio", "network"])
def test_every_scope_page_shows_its_learning_summary(client, scopes, member, scope):
    grow(scopes, 3)
    obj = scopes[scope]
    client.force_login(member)
    html = client.get(detail_url(scope, obj)).content.decode()
    block = summary_block(html, scope, obj)
    assert "What the initiatives learned" in html
    assert "Computed <time" in block
    barriers = block.split("Most frequent barriers", 1)[1].split("</ol>", 1)[0]
    assert "Procurement" in barriers
    assert "Udbuddet bremsede os" in barriers
    assert "Twin candidates" in block and "same target group" in block


@pytest.mark.parametrize("scope", ["theme", "portfolio", "network"])
def test_anonymous_visitors_read_the_public_summary_only(client, scopes, scope):
    grow(scopes, 2)
    hidden = factories.InitiativeFactory(network=scopes["network"], visibility=Visibility.NETWORK, title="Intern")
    hidden.missions.add(scopes["mission"])
    factories.PortfolioEntryFactory(portfolio=scopes["portfolio"], initiative=hidden)
    factories.LearningEntryFactory(
        initiative=hidden,
        title="Kun for netværket",
        kind=LearningKind.BARRIER,
        categories=[BarrierCategory.PROCUREMENT],
        visibility=Visibility.NETWORK,
    )
    for name in ("theme", "portfolio", "network"):
        services.refresh_learning_summaries(name, scopes[name].pk)
    obj = scopes[scope]
    block = summary_block(client.get(detail_url(scope, obj)).content.decode(), scope, obj)
    assert "Udbuddet bremsede os" in block
    assert "Kun for netværket" not in block


def test_the_network_page_offers_a_recomputation_to_its_admins_only(client, scopes, member, coordinator, network_admin):
    network = scopes["network"]
    recompute = reverse("evaluation:network_recompute", kwargs={"slug": network.slug})
    for user, shown in ((None, False), (member, False), (coordinator, False), (network_admin, True)):
        if user is not None:
            client.force_login(user)
        html = client.get(detail_url("network", network)).content.decode()
        assert (f'href="{recompute}"' in html) is shown, user
        assert reverse("evaluation:network_events", kwargs={"slug": network.slug}) in html


def test_a_page_without_a_summary_says_so(client, scopes, member):
    client.force_login(member)
    html = client.get(detail_url("theme", scopes["theme"])).content.decode()
    assert "Not computed yet." in summary_block(html, "theme", scopes["theme"])


@pytest.mark.parametrize("scope", ["theme", "portfolio", "network"])
def test_the_scope_pages_use_a_constant_number_of_queries(client, scopes, member, scope, django_assert_max_num_queries):
    obj = scopes[scope]
    grow(scopes, 2)
    client.force_login(member)
    with django_assert_max_num_queries(40) as few:
        assert client.get(detail_url(scope, obj)).status_code == 200
    grow(scopes, 6, start=2)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        html = client.get(detail_url(scope, obj)).content.decode()
    # The page did grow: more barriers' examples and twins, from the same queries.
    assert summary_block(html, scope, obj).count("Madfællesskab") > 2
    print(f"{scope}: {len(few.captured_queries)} queries, then {len(many.captured_queries)}")
