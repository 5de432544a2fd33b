"""What portfolios adds to the home page (core/panels.register_home): a coordinator's
portfolio reviews due soon."""

import datetime

from core.panels import register_home

from .choices import ReviewStatus
from .models import PortfolioReview

# How far ahead a review counts as due.
REVIEW_DUE_DAYS = 14
LIST_LENGTH = 8


@register_home(order=20)
def reviews_due(user, roles, today):
    if not roles["is_coordinator"]:
        return {}
    return {
        "reviews_due": PortfolioReview.objects.visible_to(user)
        .filter(
            status=ReviewStatus.OPEN, due_on__gte=today, due_on__lte=today + datetime.timedelta(days=REVIEW_DUE_DAYS)
        )
        .select_related("portfolio")
        .order_by("due_on", "pk")[:LIST_LENGTH],
    }
