"""What the networks work on: themes, missions, and initiatives with their partners,
funding and phase history."""

from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.audience import get_audience
from core.choices import Currency
from core.models import TimeStampedModel, VisibleModel, check_date_order, date_order_constraint
from core.querysets import ChildVisibilityQuerySet, VisibilityQuerySet
from core.text import unique_slug
from core.validators import ChoiceListValidator, validate_sdg_targets
from partners.choices import Sector
from partners.models import Network, Organisation, Person

from .choices import (
    CitizenInvolvement,
    FundingKind,
    InitiativeKind,
    ParticipationRole,
    Phase,
    TargetGroup,
)


class SluggedModel(models.Model):
    """Fills `slug` from `title` (or `name`) on first save."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, getattr(self, "title", None) or getattr(self, "name", ""))
        super().save(*args, **kwargs)


class Theme(SluggedModel, VisibleModel):
    """A cross-cutting welfare challenge a network chooses, e.g. 'Udsatte familier'."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="themes")
    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("theme")
        verbose_name_plural = _("themes")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("initiatives:theme_detail", kwargs={"slug": self.slug})


class Mission(SluggedModel, VisibleModel):
    """A shared direction for a period that gathers initiatives and the organisations
    that join it."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="missions")
    theme = models.ForeignKey(
        Theme, verbose_name=_("theme"), on_delete=models.SET_NULL, null=True, blank=True, related_name="missions"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    problem = models.TextField(_("problem"), blank=True)
    goal = models.TextField(_("goal"), blank=True)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    organisations = models.ManyToManyField(
        Organisation,
        verbose_name=_("organisations that joined"),
        through="MissionOrganisation",
        related_name="missions",
        blank=True,
    )

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("mission")
        verbose_name_plural = _("missions")
        constraints = [date_order_constraint("mission_end_after_start")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:mission_detail", kwargs={"slug": self.slug})

    def clean(self):
        errors = self.check_same_network("theme")
        try:
            check_date_order(self.start_date, self.end_date)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if errors:
            raise ValidationError(errors)


class MissionOrganisation(TimeStampedModel):
    """An organisation that joined a mission."""

    mission = models.ForeignKey(Mission, verbose_name=_("mission"), on_delete=models.CASCADE)
    organisation = models.ForeignKey(Organisation, verbose_name=_("organisation"), on_delete=models.CASCADE)
    joined_on = models.DateField(_("joined on"), null=True, blank=True)

    visibility_parent = "mission"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["mission", "organisation__name"]
        verbose_name = _("mission organisation")
        verbose_name_plural = _("mission organisations")
        constraints = [models.UniqueConstraint(fields=["mission", "organisation"], name="mission_organisation_unique")]

    def __str__(self):
        return f"{self.organisation} – {self.mission}"

    def get_absolute_url(self):
        return self.mission.get_absolute_url()


class InitiativeQuerySet(VisibilityQuerySet):
    def draft_q(self, audience):
        # A draft is for the network's administrators, and for the coordinators of the
        # organisations taking part, in the networks where they coordinate for them
        # (roles are per network: coordinating in A gives no say over B's initiatives).
        q = Q(network__in=audience.admin_network_ids)
        for network_ids, organisation_ids in audience.coordinated_organisations_by_networks():
            taking_part = Participation.objects.filter(initiative=OuterRef("pk"), organisation__in=organisation_ids)
            q |= Q(network__in=network_ids) & Exists(taking_part)
        return q

    def editable_q(self, audience):
        # Coordinators change the initiatives their organisation takes part in (in the
        # networks where they coordinate); network administrators change every initiative
        # of their network.
        return self.draft_q(audience)

    def may_change_in_network(self, user, network_id):
        # Coordinators create and change initiatives in the networks where they coordinate.
        audience = get_audience(user)
        return audience.sees_everything or network_id in audience.coordinator_network_ids


class Initiative(SluggedModel, VisibleModel):
    """An indsats/initiativ: a project, a pilot under a broader initiative, or a smaller
    targeted action, on its way from idea to operations and scale."""

    network = models.ForeignKey(
        Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="initiatives"
    )
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    summary = models.TextField(_("summary"), blank=True)
    intention = models.TextField(_("intention"), blank=True)
    societal_goals = models.TextField(_("societal goals"), blank=True)
    target_groups = models.JSONField(
        _("target groups"), default=list, blank=True, validators=[ChoiceListValidator(TargetGroup)]
    )
    kind = models.CharField(_("kind"), max_length=20, choices=InitiativeKind.choices, default=InitiativeKind.INITIATIVE)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent initiative"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
    )
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, default=Phase.STARTUP, db_index=True)
    missions = models.ManyToManyField(Mission, verbose_name=_("missions"), related_name="initiatives", blank=True)
    municipalities = models.ManyToManyField(
        Organisation,
        verbose_name=_("municipalities"),
        related_name="initiatives_located",
        limit_choices_to={"sector": Sector.MUNICIPALITY},
        blank=True,
    )
    organisations = models.ManyToManyField(
        Organisation, verbose_name=_("partners"), through="Participation", related_name="initiatives", blank=True
    )
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True)
    citizen_involvement = models.CharField(
        _("citizen involvement (IAP2)"), max_length=20, choices=CitizenInvolvement.choices, blank=True
    )
    # Theory of change, read left to right.
    toc_problem = models.TextField(_("problem"), blank=True)
    toc_activities = models.TextField(_("activities"), blank=True)
    toc_outputs = models.TextField(_("outputs"), blank=True)
    toc_outcomes = models.TextField(_("outcomes"), blank=True)
    toc_impact = models.TextField(_("impact"), blank=True)
    toc_assumptions = models.TextField(_("assumptions"), blank=True)
    # Business case: the case for operations after the pool funding.
    business_case = models.TextField(_("business case"), blank=True)
    business_case_investment = models.DecimalField(
        _("investment"), max_digits=14, decimal_places=2, null=True, blank=True, validators=[MinValueValidator(0)]
    )
    business_case_annual_benefit = models.DecimalField(
        _("expected annual benefit"), max_digits=14, decimal_places=2, null=True, blank=True
    )
    business_case_currency = models.CharField(
        _("business case currency"), max_length=3, choices=Currency.choices, blank=True
    )
    sdg_targets = models.JSONField(_("SDG targets"), default=list, blank=True, validators=[validate_sdg_targets])
    twin_of = models.ForeignKey(
        "self",
        verbose_name=_("twin of"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="twins",
        help_text=_("The initiative this one replicates elsewhere."),
    )
    composted_reason = models.TextField(_("why it was composted"), blank=True)
    composted_lessons = models.TextField(_("what others can reuse"), blank=True)

    objects = InitiativeQuerySet.as_manager()
    # An initiative gathers under its own network's missions (core.models.clean_many_to_many).
    same_network_many_to_many = ("missions",)

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("initiative")
        verbose_name_plural = _("initiatives")
        indexes = [
            models.Index(fields=["network", "visibility", "phase"], name="initiative_scope_idx"),
            # The lists' order (pages and API: title, then id): the first page is read
            # from the index instead of sorting every visible initiative.
            models.Index(fields=["title", "id"], name="initiative_title_idx"),
            # The public's phase filter, without a network.
            models.Index(fields=["visibility", "phase"], name="initiative_public_phase_idx"),
        ]
        constraints = [
            date_order_constraint("initiative_end_after_start"),
            models.CheckConstraint(
                condition=~Q(twin_of=F("id")),
                name="initiative_not_own_twin",
                violation_error_message=_("An initiative cannot be its own twin."),
            ),
            models.CheckConstraint(
                condition=~Q(parent=F("id")),
                name="initiative_not_own_parent",
                violation_error_message=_("An initiative cannot be its own parent."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("initiatives:initiative_detail", kwargs={"slug": self.slug})

    def _parent_error(self):
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                return _("An initiative cannot be its own parent.")
            if self.kind == InitiativeKind.INITIATIVE:
                return _("Only pilots and targeted actions have a parent initiative.")
            if self.referenced("parent").kind == InitiativeKind.PILOT:
                return _("A pilot cannot be the parent of another initiative.")
        elif self.kind == InitiativeKind.PILOT:
            return _("A pilot belongs to a parent initiative.")
        return None

    def clean(self):
        errors = {}
        try:
            check_date_order(self.start_date, self.end_date)
        except ValidationError as exc:
            errors.update(exc.message_dict)
        if self.pk and self.twin_of_id == self.pk:
            errors["twin_of"] = _("An initiative cannot be its own twin.")
        # A pilot hangs under an initiative of its own network; a twin may replicate
        # another network's initiative only when that one is published.
        errors = {**self.check_same_network("parent", "twin_of", allow_public=("twin_of",)), **errors}
        if "parent" not in errors:
            parent_error = self._parent_error()
            if parent_error:
                errors["parent"] = parent_error
        if self.phase == Phase.COMPOSTED:
            if not self.composted_reason.strip():
                errors["composted_reason"] = _("Say why the initiative was composted.")
            if not self.composted_lessons.strip():
                errors["composted_lessons"] = _("Say what others can reuse.")
        if errors:
            raise ValidationError(errors)

    def draft_organisation_ids(self):
        """Whose coordinators read this initiative as a draft (InitiativeQuerySet.draft_q):
        the organisations taking part. Kept on its tombstone when it is deleted."""
        return list(self.participations.values_list("organisation_id", flat=True))


class Participation(TimeStampedModel):
    """An organisation's part in an initiative, in a role, for a period."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="participations"
    )
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("organisation"), on_delete=models.PROTECT, related_name="participations"
    )
    role = models.CharField(
        _("role"), max_length=20, choices=ParticipationRole.choices, default=ParticipationRole.PARTNER
    )
    start_date = models.DateField(_("since"), null=True, blank=True)
    end_date = models.DateField(_("until"), null=True, blank=True)

    visibility_parent = "initiative"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "role", "organisation__name"]
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        constraints = [
            models.UniqueConstraint(
                fields=["initiative", "organisation", "role"],
                name="participation_unique_role",
                violation_error_message=_("This organisation already has this role in the initiative."),
            ),
            date_order_constraint("participation_end_after_start"),
        ]

    def __str__(self):
        return f"{self.organisation} – {self.initiative} ({self.get_role_display()})"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()

    def clean(self):
        check_date_order(self.start_date, self.end_date)


class PhaseChange(TimeStampedModel):
    """A move along the phase chain, with the rationale for it."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="phase_changes"
    )
    from_phase = models.CharField(_("from phase"), max_length=20, choices=Phase.choices)
    to_phase = models.CharField(_("to phase"), max_length=20, choices=Phase.choices)
    date = models.DateField(_("date"))
    rationale = models.TextField(_("rationale"))
    changed_by = models.ForeignKey(
        Person, verbose_name=_("changed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    visibility_parent = "initiative"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "date", "pk"]
        verbose_name = _("phase change")
        verbose_name_plural = _("phase changes")
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_phase=F("to_phase")),
                name="phase_change_changes_phase",
                violation_error_message=_("The initiative is already in this phase."),
            ),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_from_phase_display()} → {self.get_to_phase_display()}"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()

    def clean(self):
        if self.from_phase and self.from_phase == self.to_phase:
            raise ValidationError({"to_phase": _("The initiative is already in this phase.")})


class Funding(TimeStampedModel):
    """Money or in-kind support for an initiative, for a period. Temporary pool grants
    without operating funding after them are the funding cliff."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="fundings"
    )
    funder = models.ForeignKey(
        Organisation,
        verbose_name=_("funder"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="fundings_given",
    )
    funder_name = models.CharField(
        _("funder name"), max_length=200, blank=True, help_text=_("For a funder that is not an organisation here.")
    )
    amount = models.DecimalField(_("amount"), max_digits=14, decimal_places=2, validators=[MinValueValidator(0)])
    currency = models.CharField(_("currency"), max_length=3, choices=Currency.choices)
    kind = models.CharField(_("kind"), max_length=20, choices=FundingKind.choices)
    start_date = models.DateField(_("start"), null=True, blank=True)
    end_date = models.DateField(_("end"), null=True, blank=True, db_index=True)

    visibility_parent = "initiative"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["initiative", "start_date", "pk"]
        verbose_name = _("funding")
        verbose_name_plural = _("funding")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gte=0),
                name="funding_amount_not_negative",
                violation_error_message=_("An amount cannot be negative."),
            ),
            date_order_constraint("funding_end_after_start"),
        ]

    def __str__(self):
        return f"{self.initiative}: {self.amount} {self.currency} ({self.get_kind_display()})"

    def get_absolute_url(self):
        return self.initiative.get_absolute_url()

    def clean(self):
        check_date_order(self.start_date, self.end_date)
