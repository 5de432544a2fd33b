"""What initiatives adds to the home page (core/panels.register_home, core.views.home): a
coordinator's initiatives and their funding-cliff warnings; for anonymous readers, the
newest public initiatives (the missions, with their figures, are evaluation/home.py's
shared learning)."""

from core.choices import Visibility
from core.panels import register_home

from .funding import funding_cliff
from .models import Initiative

LIST_LENGTH = 8


@register_home(order=10)
def coordinator_initiatives(user, roles, today):
    if not roles["is_coordinator"]:
        return {}
    editable = Initiative.objects.editable_by(user)
    return {
        "my_initiatives": editable.select_related("network").order_by("-updated", "-pk")[:LIST_LENGTH],
        "my_initiative_count": editable.count(),
        "funding_warnings": funding_cliff(editable.select_related("network"), today).order_by(
            "pool_funding_ends", "title", "pk"
        )[:LIST_LENGTH],
    }


@register_home(order=90)
def public_dashboard(user, roles, today):
    if roles["is_member"]:
        return {}
    return {
        "public_initiatives": Initiative.objects.filter(visibility=Visibility.PUBLIC)
        .select_related("network")
        .order_by("-updated", "-pk")[:LIST_LENGTH],
    }
