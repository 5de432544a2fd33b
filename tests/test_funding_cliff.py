"""One funding-cliff rule (initiatives.funding) for its three readers: the coordinator's
home page, the learning summaries and the funding-cliff e-mails. Each row of the table is
one initiative's funding; the three must agree with the expected answer and so with each
other. The rows marked "differed" are those where the home page's old copy of the rule
(initiatives.services.funding_warnings: first pool end, any operating budget, only
compost exempt, a fixed six months) disagreed with the summaries' and e-mails' copy."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from core.choices import Visibility
from evaluation import emails, summaries
from initiatives.choices import FundingKind, ParticipationRole, Phase
from initiatives.funding import add_months, funding_cliff
from initiatives.models import Initiative
from partners.choices import MembershipRole
from portfolios.choices import Decision, ReviewStatus
from portfolios.models import PortfolioReview

from . import factories

pytestmark = pytest.mark.django_db

POOL, OPERATING = FundingKind.TEMPORARY_POOL, FundingKind.OPERATING_BUDGET


def days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def months(n):
    return add_months(timezone.localdate(), n)


# (name, phase, [(kind, end date)], closed review decided to scale, setting in months, at the cliff)
CASES = [
    ("pool ends in six weeks", Phase.PROTOTYPING, [(POOL, lambda: days(42))], False, 6, True),
    ("pool ends on the window's last day", Phase.PROTOTYPING, [(POOL, lambda: months(6))], False, 6, True),
    ("pool ends the day after the window", Phase.PROTOTYPING, [(POOL, lambda: months(6) + datetime.timedelta(1))],
     False, 6, False),
    ("pool ended yesterday", Phase.PROTOTYPING, [(POOL, lambda: days(-1))], False, 6, False),
    ("pool ends today", Phase.PROTOTYPING, [(POOL, lambda: days(0))], False, 6, True),
    ("private money, no pool", Phase.PROTOTYPING, [(FundingKind.PRIVATE, lambda: days(42))], False, 6, False),
    ("operating budget without end takes over", Phase.PROTOTYPING, [(POOL, lambda: days(42)), (OPERATING, None)],
     False, 6, False),
    # differed: the home page took the first pool grant that ends, not the last.
    ("a second pool grant runs on", Phase.PROTOTYPING, [(POOL, lambda: days(42)), (POOL, lambda: months(18))],
     False, 6, False),
    # differed: the home page counted any operating budget, even one ended before the pool.
    ("operating budget ended before the pool", Phase.PROTOTYPING,
     [(POOL, lambda: days(42)), (OPERATING, lambda: days(10))], False, 6, True),
    ("operating budget runs past the pool", Phase.PROTOTYPING,
     [(POOL, lambda: days(42)), (OPERATING, lambda: months(24))], False, 6, False),
    # differed: the home page warned initiatives already scaling or in operations.
    ("already scaling", Phase.SCALING, [(POOL, lambda: days(42))], False, 6, False),
    ("in operations", Phase.OPERATIONS, [(POOL, lambda: days(42))], False, 6, False),
    ("composted", Phase.COMPOSTED, [(POOL, lambda: days(42))], False, 6, False),
    # differed: the home page ignored a closed review's decision to scale.
    ("a closed review decided to scale", Phase.PROTOTYPING, [(POOL, lambda: days(42))], True, 6, False),
    # differed: the home page used a fixed six months, not HORISONT_FUNDING_CLIFF_MONTHS.
    ("outside a two-month setting", Phase.PROTOTYPING, [(POOL, lambda: months(4))], False, 2, False),
    ("inside a two-month setting", Phase.PROTOTYPING, [(POOL, lambda: days(30))], False, 2, True),
    ("inside a twelve-month setting", Phase.PROTOTYPING, [(POOL, lambda: months(9))], False, 12, True),
]  # fmt: skip


@pytest.fixture(autouse=True)
def no_triggers(settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False


def make_case(network, organisation, phase, funding, decided):
    extra = {"composted_reason": "r", "composted_lessons": "l"} if phase == Phase.COMPOSTED else {}
    initiative = factories.InitiativeFactory(
        network=network, visibility=Visibility.NETWORK, title="Indsatsen", phase=phase, **extra
    )
    factories.ParticipationFactory(initiative=initiative, organisation=organisation, role=ParticipationRole.LEAD)
    for kind, ends in funding:
        factories.FundingFactory(initiative=initiative, kind=kind, start_date=None, end_date=ends() if ends else None)
    if decided:
        portfolio = factories.PortfolioFactory(network=network)
        review = factories.PortfolioReviewFactory(portfolio=portfolio)
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=initiative)
        factories.ReviewDecisionFactory(review=review, initiative=initiative, decision=Decision.SCALE)
        PortfolioReview.objects.filter(pk=review.pk).update(status=ReviewStatus.CLOSED, closed_at=timezone.now())
    return initiative


@pytest.mark.parametrize(("phase", "funding", "decided", "window", "expected"), [case[1:] for case in CASES],
                         ids=[case[0] for case in CASES])  # fmt: skip
def test_home_page_summaries_and_emails_agree(client, network, settings, phase, funding, decided, window, expected):
    settings.HORISONT_FUNDING_CLIFF_MONTHS = window
    organisation = factories.MunicipalityFactory(name="Slagelse Kommune")
    user = factories.UserFactory(username="koordinator")
    factories.MembershipFactory(
        network=network, person=factories.PersonFactory(user=user, organisation=organisation),
        role=MembershipRole.COORDINATOR,
    )  # fmt: skip
    initiative = make_case(network, organisation, phase, funding, decided)
    today = timezone.localdate()

    rule = funding_cliff(Initiative.objects.all(), today).filter(pk=initiative.pk).exists()

    client.force_login(user)
    response = client.get("/")
    assert response.status_code == 200
    home = initiative in list(response.context["funding_warnings"])

    metrics = summaries.compute_metrics("network", network.pk, "network", today)
    summary = initiative.pk in [row["id"] for row in metrics["funding_cliff"]]

    mail.outbox.clear()
    emails.send_funding_cliff_alerts(today)
    alerted = any("Indsatsen" in message.subject for message in mail.outbox)

    assert (rule, home, summary, alerted) == (expected,) * 4
