"""The funding cliff, follows, and the e-mails jobs send: weekly digests, funding-cliff
alerts, review-due alerts, each once, in the recipient's language, with a working
unsubscribe link."""

import datetime
import re

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.utils import timezone

from core.choices import Visibility
from evaluation import emails, services
from evaluation.choices import LearningKind, NotificationKind
from evaluation.models import Follow, LearningEntry, NotificationSettings, SentNotification
from evaluation.tasks import send_funding_cliff_alerts, send_review_due_alerts, send_weekly_digests
from initiatives.choices import FundingKind, Phase
from initiatives.models import Initiative
from partners.choices import Country, MembershipRole
from portfolios.choices import Decision, ReviewStatus
from portfolios.models import PortfolioReview

from . import factories

pytestmark = pytest.mark.django_db

TODAY = datetime.date(2026, 3, 15)


@pytest.fixture(autouse=True)
def no_triggers(settings):
    settings.HORISONT_SUMMARY_TRIGGERS = False
    settings.HORISONT_SITE_URL = "https://horisont.example.org"


def pool(initiative, ends, kind=FundingKind.TEMPORARY_POOL):
    return factories.FundingFactory(
        initiative=initiative, kind=kind, start_date=datetime.date(2025, 1, 1), end_date=ends
    )


def at_cliff(*initiatives, today=TODAY, months=None):
    queryset = Initiative.objects.filter(pk__in=[i.pk for i in initiatives])
    return set(services.funding_cliff(queryset, today, months).values_list("pk", flat=True))


# --- the funding cliff ---------------------------------------------------------------------


def test_add_months():
    assert services.add_months(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert services.add_months(datetime.date(2026, 9, 15), 6) == datetime.date(2027, 3, 15)


def test_pool_funding_ending_within_the_window_is_a_cliff(network, settings):
    inside = factories.InitiativeFactory(network=network)
    pool(inside, datetime.date(2026, 5, 1))
    edge = factories.InitiativeFactory(network=network)
    pool(edge, datetime.date(2026, 9, 15))  # exactly six months: still inside
    beyond = factories.InitiativeFactory(network=network)
    pool(beyond, datetime.date(2026, 9, 16))
    ended = factories.InitiativeFactory(network=network)
    pool(ended, datetime.date(2026, 3, 14))
    # Two grants: the cliff is when the last one ends.
    extended = factories.InitiativeFactory(network=network)
    pool(extended, datetime.date(2026, 4, 1))
    pool(extended, datetime.date(2027, 4, 1))
    no_pool = factories.InitiativeFactory(network=network)
    pool(no_pool, datetime.date(2026, 5, 1), kind=FundingKind.PRIVATE)

    everyone = (inside, edge, beyond, ended, extended, no_pool)
    assert at_cliff(*everyone) == {inside.pk, edge.pk}
    assert at_cliff(*everyone, months=1) == set()
    settings.HORISONT_FUNDING_CLIFF_MONTHS = 2
    assert at_cliff(*everyone) == {inside.pk}
    row = services.funding_cliff(Initiative.objects.filter(pk=inside.pk), TODAY).get()
    assert row.pool_funding_ends == datetime.date(2026, 5, 1)


def test_operating_funding_after_the_pool_or_a_scaling_decision_averts_the_cliff(network):
    def heading_for_cliff(**fields):
        made = factories.InitiativeFactory(network=network, **fields)
        pool(made, datetime.date(2026, 6, 30))
        return made

    operated = heading_for_cliff()
    pool(operated, None, kind=FundingKind.OPERATING_BUDGET)
    operated_later = heading_for_cliff()
    pool(operated_later, datetime.date(2028, 12, 31), kind=FundingKind.OPERATING_BUDGET)
    operating_ends_first = heading_for_cliff()  # operating money that stops before: no help
    pool(operating_ends_first, datetime.date(2026, 6, 1), kind=FundingKind.OPERATING_BUDGET)
    scaling = heading_for_cliff(phase=Phase.SCALING)
    operations = heading_for_cliff(phase=Phase.OPERATIONS)
    composted = heading_for_cliff(phase=Phase.COMPOSTED, composted_reason="r", composted_lessons="l")

    decided, undecided = heading_for_cliff(), heading_for_cliff()
    portfolio = factories.PortfolioFactory(network=network)
    closed = factories.PortfolioReviewFactory(portfolio=portfolio)
    still_open = factories.PortfolioReviewFactory(portfolio=portfolio)
    for made, review in ((decided, closed), (undecided, still_open)):
        factories.PortfolioEntryFactory(portfolio=portfolio, initiative=made)
        factories.ReviewDecisionFactory(review=review, initiative=made, decision=Decision.SCALE)
    PortfolioReview.objects.filter(pk=closed.pk).update(status=ReviewStatus.CLOSED, closed_at=timezone.now())

    everyone = (operated, operated_later, operating_ends_first, scaling, operations, composted, decided, undecided)
    assert at_cliff(*everyone) == {operating_ends_first.pk, undecided.pk}


# --- follows ----------------------------------------------------------------------------------


def test_follow_a_visible_mission_or_initiative_once(network, member, outsider):
    mission = factories.MissionFactory(network=network, visibility=Visibility.NETWORK)
    initiative = factories.InitiativeFactory(network=network)
    first = services.follow(member, mission)
    assert services.follow(member, mission) == first
    services.follow(member, initiative)
    assert services.is_following(member, mission) and services.is_following(member, initiative)
    with pytest.raises(PermissionDenied):
        services.follow(outsider, mission)  # not for the other network's eyes
    assert services.unfollow(member, mission) is True
    assert services.unfollow(member, mission) is False
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=member, initiative=initiative)
    with pytest.raises(IntegrityError), transaction.atomic():
        Follow.objects.create(user=member, mission=mission, initiative=initiative)


# --- the weekly digest ------------------------------------------------------------------------


def swedish_member(network, username="sven"):
    organisation = factories.OrganisationFactory(country=Country.SWEDEN)
    user = factories.UserFactory(username=username)
    person = factories.PersonFactory(user=user, organisation=organisation)
    factories.MembershipFactory(network=network, person=person, role=MembershipRole.MEMBER)
    return user


def aged(entry, days):
    LearningEntry.objects.filter(pk=entry.pk).update(created=timezone.now() - datetime.timedelta(days=days))


def unsubscribe_link(message):
    return re.search(r"https://horisont\.example\.org/unsubscribe/([^/\s]+)/", message.body)


def test_the_weekly_digest_lists_new_learning_the_reader_may_see_once(network, other_network):
    reader = swedish_member(network)
    mission = factories.MissionFactory(network=network)
    followed = factories.InitiativeFactory(network=network, visibility=Visibility.NETWORK)
    followed.missions.add(mission)
    elsewhere = factories.InitiativeFactory(network=network)
    services.follow(reader, mission)

    new = factories.LearningEntryFactory(
        initiative=followed, title="Upphandlingen <gick> bra", visibility=Visibility.NETWORK
    )
    draft = factories.LearningEntryFactory(initiative=followed, title="Utkast", visibility=Visibility.DRAFT)
    old = factories.LearningEntryFactory(initiative=followed, title="Gammal", kind=LearningKind.BARRIER)
    aged(old, 10)
    factories.LearningEntryFactory(initiative=elsewhere, title="Annat")

    assert send_weekly_digests.delay().get() == {"sent": 1}
    (message,) = mail.outbox
    assert message.to == [reader.email]
    assert "Upphandlingen <gick> bra" in message.body
    assert "Utkast" not in message.body and "Gammal" not in message.body and "Annat" not in message.body
    assert f"https://horisont.example.org/learning/{new.pk}/" in message.body
    html = message.alternatives[0][0]
    assert 'lang="sv"' in html
    assert "Upphandlingen &lt;gick&gt; bra" in html
    assert message.extra_headers["List-Unsubscribe"].startswith("<https://horisont.example.org/unsubscribe/")
    assert draft.title not in html

    # The same week again: nothing new is sent.
    assert emails.send_weekly_digests() == 0
    assert len(mail.outbox) == 1
    assert SentNotification.objects.get(user=reader).key == emails.digest_key(timezone.localdate())

    # The link switches the digest off; next week brings nothing.
    user, kind = services.unsubscribe(unsubscribe_link(message).group(1))
    assert (user, kind) == (reader, NotificationKind.DIGEST)
    assert NotificationSettings.objects.get(user=reader).weekly_digest is False
    factories.LearningEntryFactory(initiative=followed, title="Ännu en", visibility=Visibility.PUBLIC)
    assert emails.send_weekly_digests(timezone.localdate() + datetime.timedelta(days=7)) == 0


def test_a_tampered_unsubscribe_token_is_refused(member):
    token = services.unsubscribe_token(member, NotificationKind.DIGEST)
    with pytest.raises(services.InvalidUnsubscribeToken):
        services.unsubscribe(token[:-2] + "xx")
    with pytest.raises(services.InvalidUnsubscribeToken):
        services.unsubscribe("nonsense")
    assert services.unsubscribe(token) == (member, NotificationKind.DIGEST)


def test_the_language_comes_from_the_organisations_country(network, member):
    assert services.notification_settings_for(swedish_member(network, "sara")).language == "sv"
    assert services.notification_settings_for(member).language == "da"  # Danish organisation


# --- funding cliff and review-due alerts ---------------------------------------------------------


def coordinator_of(network, organisation, username, role=MembershipRole.COORDINATOR):
    user = factories.UserFactory(username=username)
    person = factories.PersonFactory(user=user, organisation=organisation)
    factories.MembershipFactory(network=network, person=person, role=role)
    return user


def test_coordinators_of_an_initiative_at_the_cliff_are_alerted_once(network):
    lead = factories.MunicipalityFactory(name="Slagelse Kommune")
    outside = factories.OrganisationFactory()
    initiative = factories.InitiativeFactory(network=network, visibility=Visibility.DRAFT, title="Tidlig indsats")
    factories.ParticipationFactory(initiative=initiative, organisation=lead)
    pool(initiative, timezone.localdate() + datetime.timedelta(days=40))
    coordinator = coordinator_of(network, lead, "koordinator")
    coordinator_of(network, outside, "other-coordinator")
    coordinator_of(network, lead, "plain-member", role=MembershipRole.MEMBER)

    assert send_funding_cliff_alerts.delay().get() == {"sent": 1}
    (message,) = mail.outbox
    assert message.to == [coordinator.email]
    assert "Tidlig indsats" in message.subject
    assert "40" in message.body
    assert send_funding_cliff_alerts.delay().get() == {"sent": 0}

    # Switched off through its own link: no more cliff alerts, digests untouched.
    services.unsubscribe(unsubscribe_link(message).group(1))
    preferences = NotificationSettings.objects.get(user=coordinator)
    assert (preferences.funding_cliff, preferences.weekly_digest) == (False, True)


def test_reviews_due_within_a_week_alert_the_networks_coordinators(network):
    organisation = factories.OrganisationFactory()
    admin = coordinator_of(network, organisation, "admin", role=MembershipRole.ADMIN)
    coordinator = coordinator_of(network, organisation, "coordinator")
    coordinator_of(network, organisation, "member", role=MembershipRole.MEMBER)
    portfolio = factories.PortfolioFactory(network=network, title="Samhällskontraktet")
    today = timezone.localdate()
    due = factories.PortfolioReviewFactory(
        portfolio=portfolio, title="Våren", opened_on=today, due_on=today + datetime.timedelta(days=3)
    )
    factories.PortfolioReviewFactory(portfolio=portfolio, opened_on=today, due_on=today + datetime.timedelta(days=10))

    assert send_review_due_alerts.delay().get() == {"sent": 2}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([admin.email, coordinator.email])
    assert all("Våren" in message.subject for message in mail.outbox)
    assert f"/portfolios/{portfolio.slug}/reviews/{due.pk}/" in mail.outbox[0].body
    assert send_review_due_alerts.delay().get() == {"sent": 0}
