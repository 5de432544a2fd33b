"""Evaluation that does not stop the work: learning logs, value assessments in four
domains, indicators, the POEM event wall, and learning summaries computed by jobs."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import ContentLanguage
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
    NotificationKind,
    ResourceState,
    SummaryAudience,
    SummaryScope,
    SummaryStatus,
    ValueDomain,
)
from .search import LEARNING_SEARCH_FIELDS, LanguageSearchVector, SearchDocumentField


class InitiativeContentQuerySet(VisibilityQuerySet):
    """Content with an audience of its own that also lives inside an initiative: visible
    when its own visibility allows and the initiative is visible too (the initiative is a
    required reference: core.references, applied by VisibilityQuerySet.visible_to)."""

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
        Person,
        verbose_name=_("author"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="learning_entries",
    )
    # Computed by the database from the text and the content language (see
    # evaluation.search), so bulk inserts and updates are indexed too. A GIN index on it
    # is created by migration 0003 on PostgreSQL only (other databases have no GIN).
    search_vector = models.GeneratedField(
        expression=LanguageSearchVector("language", *LEARNING_SEARCH_FIELDS),
        output_field=SearchDocumentField(),
        db_persist=True,
        verbose_name=_("search vector"),
    )

    visibility_network_lookup = "initiative__network"
    objects = InitiativeContentQuerySet.as_manager()

    history = HistoricalRecords(excluded_fields=["created", "updated", "search_vector"])

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


class EventQuerySet(VisibilityQuerySet):
    def editable_by(self, user):
        """The network's administrators change its events; whoever may change an
        initiative changes the events on its wall too (the coordinator who added one)."""
        on_their_initiatives = self.filter(initiative__in=Initiative.objects.editable_by(user).values("pk"))
        return super().editable_by(user) | on_their_initiatives


class Event(VisibleModel):
    """A happening on the event wall (begivenhedsvæg): a narrative, who took part, a
    picture or drawing, and the resources it mobilised."""

    objects = EventQuerySet.as_manager()

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
    # POEM: "Hvordan krydsbefrugter begivenhederne hinanden?" An event links to the
    # earlier events of the same network it grew out of; the wall shows both directions.
    grew_out_of = models.ManyToManyField(
        "self",
        verbose_name=_("grew out of"),
        symmetrical=False,
        blank=True,
        related_name="led_to",
        help_text=_("Earlier events on this network's wall that this one grew out of."),
    )
    # Links stay on one network's wall (core.models.clean_many_to_many).
    same_network_many_to_many = ("grew_out_of",)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("evaluation:event_detail", kwargs={"pk": self.pk})

    def capital_by_kind(self):
        """The resources it mobilised, for its card and its page: [{"code", "label",
        "actual": [descriptions], "potential": [descriptions]}] for each kind of capital,
        in the order of the choices (reads `resources`, prefetched on lists)."""
        resources = list(self.resources.all())
        kinds = []
        for capital, label in Capital.choices:
            mine = [resource for resource in resources if resource.capital == capital]
            if mine:
                kinds.append(
                    {
                        "code": capital,
                        "label": label,
                        "actual": [r.description for r in mine if r.state == ResourceState.ACTUAL],
                        "potential": [r.description for r in mine if r.state == ResourceState.POTENTIAL],
                    }
                )
        return kinds

    def clean(self):
        errors = self.check_same_network("initiative", "mission")
        if self.image and not self.image_description.strip():
            errors["image_description"] = _("Describe the picture for those who cannot see it.")
        if errors:
            raise ValidationError(errors)


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
            Q(audience=SummaryAudience.PUBLIC) | Q(audience=SummaryAudience.NETWORK, network__in=audience.network_ids)
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

    def deletion_audience(self):
        """Who could read it (LearningSummaryQuerySet.visible_to), for its tombstone."""
        from core.choices import Visibility

        visibility = Visibility.PUBLIC if self.audience == SummaryAudience.PUBLIC else Visibility.NETWORK
        return visibility, self.network_id, None

    def __str__(self):
        return f"{self.get_scope_display()} {self.scope_id} ({self.get_audience_display()})"

    def get_absolute_url(self):
        return reverse("admin:evaluation_learningsummary_change", args=[self.pk])


class RecomputationRun(models.Model):
    """A full recomputation of a network's learning summaries that a network
    administrator started, with its progress. `done` counts scopes, each once however
    often its job runs (RecomputationRunScope), and the database refuses more than
    `total`."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.CASCADE, related_name="recomputation_runs"
    )
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    status = models.CharField(_("status"), max_length=10, choices=SummaryStatus.choices, default=SummaryStatus.QUEUED)
    total = models.PositiveIntegerField(_("scopes to compute"), default=0)
    done = models.PositiveIntegerField(_("scopes computed"), default=0)
    started = models.DateTimeField(_("started"), auto_now_add=True)
    # When the run last counted a scope (or began, or was retried): a run still active with
    # no progress for settings.HORISONT_RUN_STALLED_AFTER seconds is stalled.
    progressed = models.DateTimeField(_("last progress"), null=True, blank=True)
    finished = models.DateTimeField(_("finished"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-started", "-pk"]
        verbose_name = _("recomputation run")
        verbose_name_plural = _("recomputation runs")
        constraints = [
            models.CheckConstraint(condition=Q(done__lte=models.F("total")), name="recomputation_run_done_le_total"),
        ]

    def __str__(self):
        return f"{self.network}: {self.done}/{self.total} ({self.get_status_display()})"

    @property
    def progress_percent(self):
        """Whole percent done, 100 for a finished run without scopes."""
        if not self.total:
            return 100 if self.status == SummaryStatus.DONE else 0
        return min(100, self.done * 100 // self.total)

    @property
    def is_active(self):
        return self.status in (SummaryStatus.QUEUED, SummaryStatus.RUNNING)

    @property
    def is_stalled(self):
        """Active, but no scope counted for longer than settings.HORISONT_RUN_STALLED_AFTER
        (a worker killed with its batch, say): its administrators may retry it."""
        if not self.is_active:
            return False
        last = self.progressed or self.started
        return last is not None and timezone.now() - last > datetime.timedelta(
            seconds=settings.HORISONT_RUN_STALLED_AFTER
        )


class RecomputationRunScope(models.Model):
    """A scope a run has finished: lets a redelivered job count once."""

    run = models.ForeignKey(RecomputationRun, on_delete=models.CASCADE, related_name="finished_scopes")
    scope = models.CharField(max_length=20, choices=SummaryScope.choices)
    scope_id = models.PositiveBigIntegerField()

    class Meta:
        verbose_name = _("finished scope")
        verbose_name_plural = _("finished scopes")
        constraints = [
            models.UniqueConstraint(fields=["run", "scope", "scope_id"], name="recomputation_run_scope_unique"),
        ]

    def __str__(self):
        return f"{self.run_id}: {self.scope} {self.scope_id}"


class TwinCandidateQuerySet(models.QuerySet):
    def visible_to(self, user):
        """Candidates where the user sees both initiatives."""
        visible = Initiative.objects.visible_to(user).values("pk")
        return self.filter(initiative__in=visible, candidate__in=visible)


class TwinCandidate(models.Model):
    """An initiative in another municipality that looks like a twin of this one, with
    why (evaluation.similarity). Rewritten by the nightly similarity job."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="twin_candidates"
    )
    candidate = models.ForeignKey(Initiative, verbose_name=_("candidate"), on_delete=models.CASCADE, related_name="+")
    rank = models.PositiveSmallIntegerField(_("rank"))
    score = models.FloatField(_("score"))
    reasons = models.JSONField(_("reasons"), default=list, blank=True)
    computed_at = models.DateTimeField(_("computed at"))

    objects = TwinCandidateQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "rank"]
        verbose_name = _("twin candidate")
        verbose_name_plural = _("twin candidates")
        constraints = [
            models.UniqueConstraint(fields=["initiative", "candidate"], name="twin_candidate_unique"),
            models.CheckConstraint(condition=~Q(initiative=models.F("candidate")), name="twin_candidate_not_self"),
        ]

    def __str__(self):
        return f"{self.initiative_id} ~ {self.candidate_id} ({self.score:.2f})"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()


class FollowQuerySet(models.QuerySet):
    def of(self, user):
        return self.filter(user=user) if user is not None and user.is_authenticated else self.none()


class Follow(models.Model):
    """A user follows a mission or an initiative: its new learning comes in their weekly
    digest."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="follows"
    )
    mission = models.ForeignKey(
        Mission, verbose_name=_("mission"), on_delete=models.CASCADE, null=True, blank=True, related_name="follows"
    )
    initiative = models.ForeignKey(
        Initiative,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="follows",
    )
    created = models.DateTimeField(_("created"), auto_now_add=True)

    objects = FollowQuerySet.as_manager()

    class Meta:
        ordering = ["user", "-created", "-pk"]
        verbose_name = _("follow")
        verbose_name_plural = _("follows")
        constraints = [
            models.CheckConstraint(
                condition=Q(mission__isnull=False, initiative__isnull=True)
                | Q(mission__isnull=True, initiative__isnull=False),
                name="follow_mission_xor_initiative",
                violation_error_message=_("Follow either a mission or an initiative."),
            ),
            models.UniqueConstraint(
                fields=["user", "mission"],
                condition=Q(mission__isnull=False),
                name="follow_unique_mission",
                violation_error_message=_("You already follow this mission."),
            ),
            models.UniqueConstraint(
                fields=["user", "initiative"],
                condition=Q(initiative__isnull=False),
                name="follow_unique_initiative",
                violation_error_message=_("You already follow this initiative."),
            ),
        ]

    def __str__(self):
        return f"{self.user} → {self.mission or self.initiative}"

    def get_absolute_url(self):
        return self.target.get_absolute_url()

    @property
    def target(self):
        return self.mission or self.initiative


class NotificationSettings(models.Model):
    """Which e-mails a user gets, and in which language. Made on first need with the
    language of the user's organisation's country; the unsubscribe link switches one
    kind off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="notification_settings",
    )
    language = models.CharField(_("e-mail language"), max_length=2, choices=ContentLanguage.choices)
    weekly_digest = models.BooleanField(_("weekly digest of followed missions and initiatives"), default=True)
    funding_cliff = models.BooleanField(_("funding cliff alerts"), default=True)
    review_due = models.BooleanField(_("review due alerts"), default=True)
    updated = models.DateTimeField(_("updated"), auto_now=True)

    # NotificationKind -> the field that switches it on or off.
    KIND_FIELDS = {
        NotificationKind.DIGEST: "weekly_digest",
        NotificationKind.FUNDING_CLIFF: "funding_cliff",
        NotificationKind.REVIEW_DUE: "review_due",
    }

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)

    def wants(self, kind):
        return getattr(self, self.KIND_FIELDS[NotificationKind(kind)])


class SentNotification(models.Model):
    """One e-mail a job sent (or is sending): the key says what it was about, so a job
    that runs twice sends it once."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=NotificationKind.choices)
    key = models.CharField(_("about"), max_length=200)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        ordering = ["-created", "-pk"]
        verbose_name = _("sent notification")
        verbose_name_plural = _("sent notifications")
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "key"], name="sent_notification_unique"),
        ]

    def __str__(self):
        return f"{self.user} {self.kind} {self.key}"
