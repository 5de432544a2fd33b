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
