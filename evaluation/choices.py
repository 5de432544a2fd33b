from django.db import models
from django.utils.translation import gettext_lazy as _


class LearningKind(models.TextChoices):
    INSIGHT = "insight", _("Insight")
    BARRIER = "barrier", _("Barrier")
    ENABLER = "enabler", _("Enabler")
    METHOD = "method", _("Method")
    FAILURE = "failure", _("Failure")
    SUCCESS = "success", _("Success")


class BarrierCategory(models.TextChoices):
    """Categories of barriers and enablers."""

    PROCUREMENT = "procurement", _("Procurement")
    LAW_AND_DATA_PROTECTION = "law_data", _("Law and data protection")
    FUNDING = "funding", _("Funding")
    ORGANISATION_AND_SILOS = "silos", _("Organisation and silos")
    CULTURE = "culture", _("Culture")
    TECHNOLOGY = "technology", _("Technology")
    CAPACITY = "capacity", _("Capacity")


class ValueDomain(models.TextChoices):
    """The four value domains: produktivitet, effekter, demokrati, serviceoplevelse."""

    PRODUCTIVITY = "productivity", _("Productivity")
    EFFECTS = "effects", _("Effects")
    DEMOCRACY = "democracy", _("Democracy")
    SERVICE_EXPERIENCE = "service_experience", _("Service experience")


class EvidenceLevel(models.TextChoices):
    ANECDOTE = "anecdote", _("Anecdote")
    OBSERVED = "observed", _("Observed")
    MEASURED = "measured", _("Measured")
    RESEARCH = "research", _("Evaluated by research")


class AssessorRole(models.TextChoices):
    COORDINATOR = "coordinator", _("Coordinator")
    RESEARCHER = "researcher", _("Follow-up researcher")


class Capital(models.TextChoices):
    """POEM's three kinds of resources."""

    ECONOMIC = "economic", _("Economic capital")
    SOCIAL = "social", _("Social capital")
    AFFECTIVE = "affective", _("Affective capital")


class ResourceState(models.TextChoices):
    ACTUAL = "actual", _("Actual")
    POTENTIAL = "potential", _("Potential")


class SummaryScope(models.TextChoices):
    INITIATIVE = "initiative", _("Initiative")
    MISSION = "mission", _("Mission")
    THEME = "theme", _("Theme")
    PORTFOLIO = "portfolio", _("Portfolio")
    NETWORK = "network", _("Network")


class SummaryAudience(models.TextChoices):
    """Whose view a summary counts: the public's, or the owning network's members'."""

    PUBLIC = "public", _("Public")
    NETWORK = "network", _("Network")


class SummaryStatus(models.TextChoices):
    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class NotificationKind(models.TextChoices):
    DIGEST = "digest", _("Weekly digest")
    FUNDING_CLIFF = "funding_cliff", _("Funding cliff alert")
    REVIEW_DUE = "review_due", _("Review due alert")


class TwinReason(models.TextChoices):
    """Why two initiatives look alike (evaluation.similarity)."""

    TARGET_GROUP = "target_group", _("same target group")
    INTENTION = "intention", _("similar intention")
    SDG = "sdg", _("same SDG targets")
    BARRIERS = "barriers", _("same barriers and enablers")
    MISSION = "mission", _("same mission")
    THEME = "theme", _("same theme")


SCORE_MIN, SCORE_MAX = 1, 5
