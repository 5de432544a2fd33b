"""The home page: what each reader needs first. It draws on every app, so it lives in
config (which wires the apps together) rather than in core, which imports none of them."""

import datetime

from django.db.models import OuterRef, Q
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.audience import get_audience
from core.choices import Visibility
from core.querysets import SubqueryCount
from evaluation.models import Event, Follow, LearningEntry
from initiatives.models import Initiative, Mission, PhaseChange, Theme
from initiatives.services import funding_warnings
from portfolios.choices import ReviewStatus
from portfolios.models import PortfolioReview

# How far ahead a review counts as due.
REVIEW_DUE_DAYS = 14
LIST_LENGTH = 8


def coordinator_dashboard(user, today):
    editable = Initiative.objects.editable_by(user)
    return {
        "my_initiatives": editable.select_related("network").order_by("-updated", "-pk")[:LIST_LENGTH],
        "my_initiative_count": editable.count(),
        "funding_warnings": funding_warnings(editable.select_related("network"), today)[:LIST_LENGTH],
        "reviews_due": PortfolioReview.objects.visible_to(user)
        .filter(
            status=ReviewStatus.OPEN, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REVIEW_DUE_DAYS)
        )
        .select_related("portfolio")
        .order_by("due_on", "pk")[:LIST_LENGTH],
    }


def member_dashboard(user, audience):
    followed = (
        Mission.objects.visible_to(user)
        .filter(pk__in=Follow.objects.of(user).filter(mission__isnull=False).values("mission"))
        .select_related("network")
    )
    missions = list(followed[:LIST_LENGTH])
    return {
        "follows_anything": Follow.objects.of(user).exists(),
        "followed_changes": followed_changes(user),
        "followed_missions": missions,
        # Until they follow one, the missions of their networks stand in.
        "network_missions": []
        if missions
        else Mission.objects.visible_to(user)
        .filter(network__in=audience.network_ids)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }


def shared_learning(user):
    """Learning is the front door: what everyone (each reader as far as they may see) finds
    first. The newest shared learning, and themes and missions with their figures: how
    many missions, initiatives and learning entries each holds. Drafts are a coordinator's
    work in progress, not shared learning."""
    initiatives = Initiative.objects.visible_to(user)
    learning = LearningEntry.objects.visible_to(user).exclude(visibility=Visibility.DRAFT)
    missions = Mission.objects.visible_to(user)
    return {
        "learning": learning.select_related("initiative").order_by("-created", "-pk")[:LIST_LENGTH],
        "learning_count": learning.count(),
        "themes": Theme.objects.visible_to(user)
        .select_related("network")
        .annotate(
            mission_count=SubqueryCount(missions.filter(theme=OuterRef("pk"))),
            initiative_count=SubqueryCount(initiatives.filter(missions__theme=OuterRef("pk"))),
            learning_count=SubqueryCount(learning.filter(initiative__missions__theme=OuterRef("pk"))),
        )
        .order_by("name", "pk")[:LIST_LENGTH],
        "missions": missions.select_related("network")
        .annotate(
            initiative_count=SubqueryCount(initiatives.filter(missions=OuterRef("pk"))),
            learning_count=SubqueryCount(learning.filter(initiative__missions=OuterRef("pk"))),
        )
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }


def followed_changes(user):
    """What changed in what the user follows (the initiatives they follow and those of the
    missions they follow), newest first: new learning, new events, phase changes."""
    follows = Follow.objects.of(user)
    followed = Initiative.objects.filter(
        Q(pk__in=follows.filter(initiative__isnull=False).values("initiative"))
        | Q(missions__in=follows.filter(mission__isnull=False).values("mission"))
    ).values("pk")
    rows = [
        (_("New learning"), entry.created, entry, entry.initiative)
        for entry in LearningEntry.objects.visible_to(user)
        .exclude(visibility=Visibility.DRAFT)
        .filter(initiative__in=followed)
        .select_related("initiative")
        .order_by("-created", "-pk")[:LIST_LENGTH]
    ]
    rows += [
        (_("New event"), event.created, event, event.initiative)
        for event in Event.objects.visible_to(user)
        .filter(initiative__in=followed)
        .select_related("initiative")
        .order_by("-created", "-pk")[:LIST_LENGTH]
    ]
    rows += [
        (_("Phase change"), change.created, change, change.initiative)
        for change in PhaseChange.objects.visible_to(user)
        .filter(initiative__in=followed)
        .select_related("initiative")
        .order_by("-created", "-pk")[:LIST_LENGTH]
    ]
    rows.sort(key=lambda row: row[1], reverse=True)
    return [
        {"what": what, "when": when, "object": obj, "initiative": initiative} for what, when, obj, initiative in rows
    ][:LIST_LENGTH]


def public_dashboard():
    return {
        "public_initiatives": Initiative.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }


def home(request):
    user = request.user
    today = timezone.localdate()
    context = {"is_coordinator": False, "is_member": False}
    if user.is_authenticated:
        audience = get_audience(user)
        context["is_member"] = True
        if audience.sees_everything or audience.coordinator_organisation_ids or audience.admin_network_ids:
            context["is_coordinator"] = True
            context.update(coordinator_dashboard(user, today))
        context.update(member_dashboard(user, audience))
    else:
        context.update(public_dashboard())
    context.update(shared_learning(user))
    return render(request, "core/home.html", context)
