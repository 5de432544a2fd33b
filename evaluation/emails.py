"""E-mails the jobs send: the weekly digest of followed missions and initiatives, funding
cliff alerts to coordinators, and review-due alerts. Each goes out in the recipient's
language, through Django's e-mail backend, with an unsubscribe link for its kind.

Each e-mail is recorded (SentNotification, unique per user, kind and subject key) in the
transaction that sends it, so a job that runs twice (a redelivered task) sends it once;
a worker killed between the send and the commit sends it again on redelivery: at least
once, never lost."""

import datetime
import logging

from django.contrib.auth import get_user_model
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import timezone, translation

from initiatives import funding
from initiatives.models import Initiative, Participation
from partners.audience import active_memberships
from partners.choices import MembershipRole
from partners.services import person_of
from portfolios.choices import ReviewStatus
from portfolios.models import Portfolio, PortfolioReview

from . import follows
from .choices import NotificationKind
from .models import Follow, LearningEntry, SentNotification

logger = logging.getLogger(__name__)

DIGEST_DAYS = 7
DIGEST_MAX_ENTRIES = 30
REVIEW_DUE_DAYS = 7
COORDINATING_ROLES = (MembershipRole.COORDINATOR, MembershipRole.ADMIN)


def recipient_address(user):
    """The user's e-mail, or their work e-mail as a person in the networks."""
    if user.email:
        return user.email
    person = person_of(user)
    return getattr(person, "work_email", "") or ""


def send_notification(user, kind, key, template, context):
    """Send one e-mail of `kind` about `key` to the user, unless they switched that kind
    off, have no address, or already got it. Renders evaluation/email/<template>_subject.txt,
    <template>.txt and <template>.html in the user's language. Returns whether it sent."""
    preferences = follows.notification_settings_for(user)
    if not user.is_active or not preferences.wants(kind):
        return False
    address = recipient_address(user)
    if not address:
        return False
    with transaction.atomic():
        record, _ = SentNotification.objects.select_for_update().get_or_create(user=user, kind=kind, key=key)
        if record.sent_at is not None:
            return False
        unsubscribe = follows.unsubscribe_url(user, kind)
        with translation.override(preferences.language):
            context = {
                **context,
                "user": user,
                "site_url": follows.site_url(),
                "unsubscribe_url": unsubscribe,
                "language": preferences.language,
            }
            subject = " ".join(render_to_string(f"evaluation/email/{template}_subject.txt", context).split())
            text = render_to_string(f"evaluation/email/{template}.txt", context)
            html = render_to_string(f"evaluation/email/{template}.html", context)
        message = EmailMultiAlternatives(
            subject,
            text,
            to=[address],
            headers={"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"},
        )
        message.attach_alternative(html, "text/html")
        message.send()
        record.sent_at = timezone.now()
        record.save(update_fields=["sent_at"])
    return True


def _link(obj):
    return follows.absolute_url(obj.get_absolute_url())


# --- weekly digest ------------------------------------------------------------------------


def digest_key(today):
    year, week, _ = today.isocalendar()
    return f"{year}-W{week:02d}"


def digest_entries(user, since):
    """New learning since `since` in the missions and initiatives the user follows, as far
    as the user may see it, newest first."""
    follows = Follow.objects.filter(user=user)
    initiatives = follows.filter(initiative__isnull=False).values("initiative_id")
    missions = follows.filter(mission__isnull=False).values("mission_id")
    return (
        LearningEntry.objects.visible_to(user)
        .filter(created__gte=since)
        .filter(Q(initiative__in=initiatives) | Q(initiative__missions__in=missions))
        .distinct()
        .select_related("initiative")
        .order_by("-created", "-pk")
    )


def send_weekly_digests(today=None):
    """One digest per following user with new learning this week; returns how many were
    sent. Per user, because each reader sees different records."""
    today = today or timezone.localdate()
    since = timezone.make_aware(
        datetime.datetime.combine(today - datetime.timedelta(days=DIGEST_DAYS), datetime.time())
    )
    users = get_user_model().objects.filter(is_active=True, follows__isnull=False).distinct().order_by("pk")
    sent = 0
    for user in users.iterator(chunk_size=500):
        entries = list(digest_entries(user, since)[: DIGEST_MAX_ENTRIES + 1])
        if not entries:
            continue
        items = [{"entry": entry, "url": _link(entry), "initiative_url": _link(entry.initiative)} for entry in entries]
        context = {
            "items": items[:DIGEST_MAX_ENTRIES],
            "more": len(items) > DIGEST_MAX_ENTRIES,
            "since": since.date(),
            "follows": list(Follow.objects.filter(user=user).select_related("mission", "initiative")),
        }
        try:
            sent += send_notification(user, NotificationKind.DIGEST, digest_key(today), "digest", context)
        except Exception:
            logger.exception("The weekly digest to user %s failed", user.pk)
    return sent


# --- coordinators and funding-cliff alerts --------------------------------------------------


def coordinators_of(initiative_ids, today=None):
    """{initiative pk: [users]}: the active users who coordinate (or administer) in the
    initiative's network for an organisation that takes part in it. Three queries."""
    initiative_ids = list(initiative_ids)
    if not initiative_ids:
        return {}
    networks = dict(Initiative.objects.filter(pk__in=initiative_ids).values_list("pk", "network_id"))
    organisations = {}
    for initiative_id, organisation_id in Participation.objects.filter(initiative__in=initiative_ids).values_list(
        "initiative_id", "organisation_id"
    ):
        organisations.setdefault(initiative_id, set()).add(organisation_id)
    coordinators = {}
    memberships = (
        active_memberships(today)
        .filter(
            network__in=set(networks.values()),
            role__in=COORDINATING_ROLES,
            person__user__is_active=True,
            person__organisation__isnull=False,
        )
        .values_list("network_id", "person__organisation_id", "person__user_id")
    )
    for network_id, organisation_id, user_id in memberships:
        coordinators.setdefault((network_id, organisation_id), set()).add(user_id)
    user_ids = {uid for ids in coordinators.values() for uid in ids}
    users = get_user_model().objects.in_bulk(user_ids)
    result = {}
    for initiative_id, network_id in networks.items():
        found = set()
        for organisation_id in organisations.get(initiative_id, ()):
            found |= coordinators.get((network_id, organisation_id), set())
        result[initiative_id] = [users[pk] for pk in sorted(found)]
    return result


def send_funding_cliff_alerts(today=None):
    """An alert to each coordinator of each initiative at a funding cliff, once per
    initiative and pool end date; returns how many were sent."""
    today = today or timezone.localdate()
    at_cliff = list(funding.funding_cliff(Initiative.objects.all(), today).order_by("pk"))
    recipients = coordinators_of([initiative.pk for initiative in at_cliff], today)
    sent = 0
    for initiative in at_cliff:
        for user in recipients.get(initiative.pk, ()):
            if not Initiative.objects.visible_to(user).filter(pk=initiative.pk).exists():
                continue
            context = {
                "initiative": initiative,
                "initiative_url": _link(initiative),
                "pool_funding_ends": initiative.pool_funding_ends,
                "days_left": (initiative.pool_funding_ends - today).days,
                "months": funding.cliff_months(),
            }
            key = f"initiative:{initiative.pk}:{initiative.pool_funding_ends.isoformat()}"
            try:
                sent += send_notification(user, NotificationKind.FUNDING_CLIFF, key, "funding_cliff", context)
            except Exception:
                logger.exception("The funding cliff alert to user %s failed", user.pk)
    return sent


# --- review due -------------------------------------------------------------------------------


def send_review_due_alerts(today=None):
    """An alert to the coordinators and administrators of a portfolio's network when an
    open review of it is due within a week; once per review and due date."""
    today = today or timezone.localdate()
    reviews = list(
        PortfolioReview.objects.filter(
            status=ReviewStatus.OPEN, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REVIEW_DUE_DAYS)
        )
        .select_related("portfolio")
        .order_by("due_on", "pk")
    )
    if not reviews:
        return 0
    people = {}
    memberships = (
        active_memberships(today)
        .filter(
            network__in={review.portfolio.network_id for review in reviews},
            role__in=COORDINATING_ROLES,
            person__user__is_active=True,
        )
        .values_list("network_id", "person__user_id")
    )
    for network_id, user_id in memberships:
        people.setdefault(network_id, set()).add(user_id)
    users = get_user_model().objects.in_bulk({pk for ids in people.values() for pk in ids})
    sent = 0
    for review in reviews:
        for user_id in sorted(people.get(review.portfolio.network_id, ())):
            user = users[user_id]
            if not Portfolio.objects.visible_to(user).filter(pk=review.portfolio_id).exists():
                continue
            context = {
                "review": review,
                "portfolio": review.portfolio,
                "review_url": _link(review),
                "days_left": (review.due_on - today).days,
            }
            key = f"review:{review.pk}:{review.due_on.isoformat()}"
            try:
                sent += send_notification(user, NotificationKind.REVIEW_DUE, key, "review_due", context)
            except Exception:
                logger.exception("The review due alert to user %s failed", user.pk)
    return sent
