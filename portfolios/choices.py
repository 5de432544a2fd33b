from django.db import models
from django.utils.translation import gettext_lazy as _


class Horizon(models.TextChoices):
    H1 = "h1", _("H1 current: within reach")
    H2 = "h2", _("H2 next: needs development but is not too risky")
    H3 = "h3", _("H3 new: long-term and transformative")


class Layer(models.TextChoices):
    """Where the change acts, from the operative to the strategic."""

    INDIVIDUAL_SERVICE = "service", _("Individual service")
    ORGANISATION = "organisation", _("Organisation")
    SYSTEM = "system", _("System")
    POLICY_AND_LEGISLATION = "policy", _("Policy and legislation")


class Relation(models.TextChoices):
    NONE = "none", _("None")
    SOME = "some", _("Some")
    STRONG = "strong", _("Strong")


class ReviewStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class Decision(models.TextChoices):
    CONTINUE = "continue", _("Continue")
    SCALE = "scale", _("Scale")
    TWIN = "twin", _("Twin")
    PIVOT = "pivot", _("Pivot")
    COMPOST = "compost", _("Compost")


class NoteKind(models.TextChoices):
    """The green and orange post-it notes of the portfolio exercise."""

    NEED_OR_IDEA = "need_idea", _("Need or idea (green)")
    NEXT_STEP = "next_step", _("Next step (orange)")


# The categories of change a new portfolio starts with (seed 003: "kultur och förmågor,
# upphandling, och policyfrågor osv."), as (code, English name). Codes are stable; the
# names a portfolio gets are in its own content language, from DEFAULT_CATEGORY_NAMES,
# because category names are the portfolio's content, not interface text.
DEFAULT_CATEGORIES = [
    ("culture", "Culture and capabilities"),
    ("procurement", "Procurement"),
    ("policy", "Policy"),
    ("legislation", "Legislation"),
    ("service", "Service"),
    ("organisation", "Organisation"),
    ("technology", "Technology"),
    ("financing", "Financing"),
]

DEFAULT_CATEGORY_NAMES = {
    "da": {
        "culture": "Kultur og kompetencer",
        "procurement": "Indkøb og udbud",
        "policy": "Politik",
        "legislation": "Lovgivning",
        "service": "Service",
        "organisation": "Organisation",
        "technology": "Teknologi",
        "financing": "Finansiering",
    },
    "sv": {
        "culture": "Kultur och förmågor",
        "procurement": "Upphandling",
        "policy": "Policy",
        "legislation": "Lagstiftning",
        "service": "Tjänster",
        "organisation": "Organisation",
        "technology": "Teknik",
        "financing": "Finansiering",
    },
    "en": dict(DEFAULT_CATEGORIES),
}


def default_category_names(language):
    """{code: name} for the defaults in a content language; English when it has none."""
    return DEFAULT_CATEGORY_NAMES.get(language, DEFAULT_CATEGORY_NAMES["en"])


# Decisions whose effect needs the initiative to be alive: a composted initiative can be
# twinned elsewhere (its lessons reused), but not scaled or composted again.
DECISIONS_FOR_LIVE_INITIATIVES = (Decision.SCALE, Decision.COMPOST)
