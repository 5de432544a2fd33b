"""The home page: what each reader needs first. It draws on every app, so it lives in
config (which wires the apps together) rather than in core, which imports none of them."""

import datetime

from django.shortcuts import render
from django.utils import timezone

from core.audience import get_audience
from core.choices import Visibility
from evaluation.models import Follow, LearningEntry
from initiatives.funding import funding_cliff
from initiatives.models import Initiative, Mission
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
        "funding_warnings": funding_cliff(editable.select_related("network"), today).order_by(
            "pool_funding_ends", "title", "pk"
        )[:LIST_LENGTH],
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
        # Shared learning: what the network or everyone may read, not a coordinator's draft.
        "learning": LearningEntry.objects.visible_to(user)
        .exclude(visibility=Visibility.DRAFT)
        .select_related("initiative")
        .order_by("-created", "-pk")[:LIST_LENGTH],
        "followed_missions": missions,
        # Until they follow one, the missions of their networks stand in.
        "network_missions": []
        if missions
        else Mission.objects.visible_to(user)
        .filter(network__in=audience.network_ids)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }


def public_dashboard():
    return {
        "public_initiatives": Initiative.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
        "public_missions": Mission.objects.filter(visibility=Visibility.PUBLIC)
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
    return render(request, "core/home.html", context)
