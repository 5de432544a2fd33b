"""What evaluation adds to the home page (core/panels.register_home): for every reader the
newest shared learning with the themes and missions and their figures (learning is the
front door); for a member, what changed in what they follow and the missions they follow
(until they follow one, their networks' missions stand in)."""

from django.db.models import OuterRef, Q
from django.utils.translation import gettext_lazy as _

from core.audience import get_audience
from core.choices import Visibility
from core.panels import register_home
from core.querysets import SubqueryCount
from initiatives.models import Initiative, Mission, PhaseChange, Theme

from .models import Event, Follow, LearningEntry

LIST_LENGTH = 8


@register_home(order=30)
def member_dashboard(user, roles, today):
    if not roles["is_member"]:
        return {}
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
        .filter(network__in=get_audience(user).network_ids)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }


@register_home(order=20)
def shared_learning(user, roles, today):
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
