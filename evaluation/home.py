"""What evaluation adds to the home page (core/panels.register_home): a member's newest
shared learning and the missions they follow (until they follow one, their networks'
missions stand in)."""

from core.audience import get_audience
from core.choices import Visibility
from core.panels import register_home
from initiatives.models import Mission

from .models import Follow, LearningEntry

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
        .filter(network__in=get_audience(user).network_ids)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }
