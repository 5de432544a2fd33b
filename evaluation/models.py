"""Evaluation that does not stop the work: learning logs, value assessments in four
domains, indicators, the POEM event wall, and learning summaries computed by jobs."""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, VisibleModel, check_date_order, date_order_constraint
from core.querysets import ChildVisibilityQuerySet, VisibilityQuerySet
from core.validators import ChoiceListValidator
from initiatives.models import Initiative, Mission
from partners.models import Network, Person

from .choices import (
    SCORE_MAX,
    SCORE_MIN,
    AssessorRole,
    BarrierCategory,
    Capital,
    EvidenceLevel,
    LearningKind,
    ResourceState,
    SummaryAudience,
    SummaryScope,
    SummaryStatus,
    ValueDomain,
)


class InitiativeContentQuerySet(VisibilityQuerySet):
    """Content with an audience of its own that also lives inside an initiative: visible
    when its own visibility allows and the initiative is visible too."""

    def visible_to(self, user):
        return super().visible_to(user).filter(initiative__in=Initiative.objects.visible_to(user).values("pk"))

    def editable_by(self, user):
        """Whoever may change the initiative may change what is recorded about it."""
        return self.filter(initiative__in=Initiative.objects.editable_by(user).values("pk"))


class LearningEntry(VisibleModel):
    """What we did, what we learned, and where we are heading."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="learning_entries"
    )
    title = models.CharField(_("title"), max_length=300)
    what_we_did = models.TextField(_("what we did"), blank=True)
    what_we_learned = models.TextField(_("what we learned"))
    where_we_are_heading = models.TextField(_("where we are heading"), blank=True)
    kind = models.CharField(_("type"), max_length=10, choices=LearningKind.choices, db_index=True)
    categories = models.JSONField(
        _("barrier and enabler categories"), default=list, blank=True, validators=[ChoiceListValidator(BarrierCategory)]
    )
    value_domains = models.JSONField(
        _("value domains"), default=list, blank=True, validators=[ChoiceListValidator(ValueDomain)]
    )
    evidence_level = models.CharField(
        _("evidence level"), max_length=10, choices=EvidenceLevel.choices, default=EvidenceLevel.ANECDOTE
    )
    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, blank=True, related_name="learning_entries"
    )

    visibility_network_lookup = "initiative__network"
    objects = InitiativeContentQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("learning entry")
        verbose_name_plural = _("learning entries")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluation:learning_detail", kwargs={"pk": self.pk})


class ValueAssessment(TimeStampedModel):
    """A score and a narrative in one value domain, for an initiative and a period."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="value_assessments"
    )
    domain = models.CharField(_("value domain"), max_length=20, choices=ValueDomain.choices)
    score = models.PositiveSmallIntegerField(
        _("score"),
        validators=[MinValueValidator(SCORE_MIN), MaxValueValidator(SCORE_MAX)],
        help_text=_("From 1 (no value yet) to 5 (strong value)."),
    )
    narrative = models.TextField(_("narrative"))
    period_start = models.DateField(_("period start"))
    period_end = models.DateField(_("period end"))
    assessed_by = models.ForeignKey(
        Person, verbose_name=_("assessed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assessor_role = models.CharField(
        _("assessor role"), max_length=20, choices=AssessorRole.choices, default=AssessorRole.COORDINATOR
    )

    visibility_parent = "initiative"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "-period_start", "domain"]
        verbose_name = _("value assessment")
        verbose_name_plural = _("value assessments")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "domain", "period_start", "assessor_role"],
                name="value_assessment_unique_period",
                violation_error_message=_("This domain has already been assessed for the period."),
            ),
            models.CheckConstraint(
                condition=Q(score__gte=SCORE_MIN) & Q(score__lte=SCORE_MAX), name="value_assessment_score_range"
            ),
            date_order_constraint("value_assessment_end_after_start", "period_start", "period_end"),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_domain_display()} {self.score}"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()

    def clean(self):
        check_date_order(self.period_start, self.period_end, "period_start", "period_end")


class Indicator(TimeStampedModel):
    """Something an initiative measures, with a baseline and a target."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="indicators"
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    unit = models.CharField(_("unit"), max_length=50)
    value_domain = models.CharField(_("value domain"), max_length=20, choices=ValueDomain.choices, blank=True)
    baseline = models.DecimalField(_("baseline"), max_digits=14, decimal_places=3, null=True, blank=True)
    target = models.DecimalField(_("target"), max_digits=14, decimal_places=3, null=True, blank=True)

    visibility_parent = "initiative"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "name"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")

    def __str__(self):
        return f"{self.name} ({self.unit})"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()


class Measurement(TimeStampedModel):
    """A dated value of an indicator."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="measurements"
    )
    date = models.DateField(_("date"))
    value = models.DecimalField(_("value"), max_digits=14, decimal_places=3)
    note = models.CharField(_("note"), max_length=300, blank=True)

    visibility_parent = "indicator"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["indicator", "date"]
        verbose_name = _("measurement")
        verbose_name_plural = _("measurements")
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], name="measurement_unique_date")]

    def __str__(self):
        return f"{self.indicator.name} {self.date}: {self.value}"

    def get_absolute_url(self):
        return self.indicator.get_absolute_url()


class Event(VisibleModel):
    """A happening on the event wall (begivenhedsvæg): a narrative, who took part, a
    picture or drawing, and the resources it mobilised."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="events")
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, null=True, blank=True, related_name="events"
    )
    date = models.DateField(_("date"), db_index=True)
    title = models.CharField(_("title"), max_length=300)
    narrative = models.TextField(_("narrative"))
    participants = models.TextField(_("participants"), blank=True)
    image = models.ImageField(_("image or drawing"), upload_to="events/%Y/", blank=True)
    image_description = models.CharField(
        _("image description"), max_length=300, blank=True, help_text=_("What the picture shows, for screen readers.")
    )

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluation:event_detail", kwargs={"pk": self.pk})

    def clean(self):
        if self.image and not self.image_description.strip():
            raise ValidationError({"image_description": _("Describe the picture for those who cannot see it.")})


class ResourceObservation(TimeStampedModel):
    """A resource an event mobilised, by kind of capital, actual or still potential."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="resources")
    capital = models.CharField(_("capital"), max_length=10, choices=Capital.choices)
    state = models.CharField(_("actual or potential"), max_length=10, choices=ResourceState.choices)
    description = models.TextField(_("description"))

    visibility_parent = "event"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["event", "capital", "pk"]
        verbose_name = _("resource observation")
        verbose_name_plural = _("resource observations")

    def __str__(self):
        return f"{self.get_capital_display()} ({self.get_state_display()})"

    def get_absolute_url(self):
        return self.event.get_absolute_url()


class LearningSummaryQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Public summaries for everyone; a network's summaries for its members."""
        from core.audience import get_audience

        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        return self.filter(
            Q(audience=SummaryAudience.PUBLIC)
            | Q(audience=SummaryAudience.NETWORK, network__in=audience.network_ids)
        )


class LearningSummary(TimeStampedModel):
    """Cross-initiative learning for one scope, as one audience may see it. Written only
    by the jobs in evaluation.tasks; `inputs_fingerprint` lets a job skip a rewrite when
    nothing it reads has changed."""

    scope = models.CharField(_("scope"), max_length=20, choices=SummaryScope.choices)
    scope_id = models.PositiveBigIntegerField(_("scope id"))
    audience = models.CharField(_("audience"), max_length=10, choices=SummaryAudience.choices)
    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="learning_summaries"
    )
    period_start = models.DateField(_("period start"), null=True, blank=True)
    period_end = models.DateField(_("period end"), null=True, blank=True)
    metrics = models.JSONField(_("metrics"), default=dict, blank=True)
    inputs_fingerprint = models.CharField(_("inputs fingerprint"), max_length=64, blank=True)
    computed_at = models.DateTimeField(_("computed at"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.QUEUED)
    error = models.TextField(_("error"), blank=True)

    objects = LearningSummaryQuerySet.as_manager()

    class Meta:
        ordering = ["scope", "scope_id", "audience"]
        verbose_name = _("learning summary")
        verbose_name_plural = _("learning summaries")
        constraints = [
            models.UniqueConstraint(fields=["scope", "scope_id", "audience"], name="learning_summary_unique_scope"),
        ]

    def __str__(self):
        return f"{self.get_scope_display()} {self.scope_id} ({self.get_audience_display()})"

    def get_absolute_url(self):
        return reverse("admin:evaluation_learningsummary_change", args=[self.pk])
