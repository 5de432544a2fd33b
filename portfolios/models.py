"""Horizon portfolios: the set of initiatives through which a network aims at societal
goals, placed on horizons and related to categories of change, and reviewed together."""

from django.core.exceptions import ValidationError
from django.db import models, router, transaction
from django.db.models import Exists, OuterRef, Q
from django.db.models.signals import m2m_changed
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.audience import get_audience
from core.models import TimeStampedModel, VisibleModel
from core.querysets import ChildVisibilityQuerySet
from core.text import unique_slug
from initiatives.choices import Phase
from initiatives.models import Initiative
from partners.choices import Sector
from partners.models import Network, Organisation, Person

from .choices import DECISIONS_FOR_LIVE_INITIATIVES, Decision, Horizon, Layer, NoteKind, Relation, ReviewStatus


class ReviewClosed(ValidationError):
    """Something tried to change a closed review, its decisions or its notes. A closed
    review is the record of an exercise: every path (pages, API, admin, shell) is refused
    here, on the models, so no path can forget the rule."""

    def __init__(self, message=None):
        super().__init__(
            message or _("The review is closed: it is a record of the exercise and can no longer change."),
            code="review_closed",
        )


class ConflictError(ValidationError):
    """Someone else changed the record since it was read (optimistic concurrency)."""

    def __init__(self, message=None):
        super().__init__(
            message
            or _(
                "Someone else changed this assessment while you were working on it. "
                "Read their version and make your change again."
            ),
            code="conflict",
        )


def _review_is_closed(*review_ids):
    """Is any of these reviews closed? (None ids are ignored.)"""
    ids = {pk for pk in review_ids if pk}
    return bool(ids) and PortfolioReview.objects.filter(pk__in=ids, status=ReviewStatus.CLOSED).exists()


class ClosedReviewGuardQuerySet(ChildVisibilityQuerySet):
    """Bulk deletes (the admin's "delete selected", a shell) skip Model.delete(), so the
    queryset refuses them too. The model names the path to its review's status in
    `closed_review_status_lookup`. Deleting a whole portfolio or initiative still
    cascades: the database does that, and the review's snapshot goes with its portfolio."""

    def delete(self):
        if self.filter(**{self.model.closed_review_status_lookup: ReviewStatus.CLOSED}).exists():
            raise ReviewClosed()
        return super().delete()

    delete.alters_data = True
    delete.queryset_only = True


class ReviewDecisionQuerySet(ClosedReviewGuardQuerySet):
    """Who assesses is decided here, once, for the pages and the API: in a review the user
    can see, the administrators of the portfolio's network assess every initiative,
    coordinators the initiatives they may change (their organisation takes part:
    initiatives.models.InitiativeQuerySet). Members and everyone else read."""

    @staticmethod
    def assessor_q(user, review, initiative):
        """The rule as a condition on a review and an initiative, each given as a value
        (a primary key) or an expression (OuterRef("review"))."""
        audience = get_audience(user)
        if audience.sees_everything:
            return Q()
        reviews = PortfolioReview.objects.visible_to(user).filter(pk=review)
        administers = Exists(reviews.filter(portfolio__network__in=audience.admin_network_ids))
        coordinates = Exists(reviews) & Exists(Initiative.objects.editable_by(user).filter(pk=initiative))
        return Q(administers) | Q(coordinates)

    @staticmethod
    def _outside_every_network(user):
        audience = get_audience(user)
        return not (audience.sees_everything or audience.network_ids)

    def editable_by(self, user):
        """The assessments the user may change (or delete)."""
        if self._outside_every_network(user):
            return self.none()
        return self.filter(self.assessor_q(user, OuterRef("review"), OuterRef("initiative")))

    def assessable_initiatives(self, user, review, initiatives=None):
        """The initiatives (of `initiatives`, by default all) that the user may assess in
        the review: the assessments editable_by would let them change, before they exist."""
        queryset = Initiative.objects.all() if initiatives is None else initiatives
        if self._outside_every_network(user):
            return queryset.none()
        return queryset.filter(self.assessor_q(user, review.pk, OuterRef("pk")))


class NoteQuerySet(ClosedReviewGuardQuerySet):
    """Who writes notes is decided here, once, for the pages and the API: the coordinators
    and administrators of the portfolio's network, who take part in the exercise, put up
    notes on the portfolios they can see; each changes their own notes, the administrators
    every note. Members read the board."""

    def writable_portfolios(self, user):
        """The portfolios the user may put up notes on."""
        audience = get_audience(user)
        portfolios = Portfolio.objects.visible_to(user)
        if audience.sees_everything:
            return portfolios
        return portfolios.filter(network__in=audience.coordinator_network_ids)

    def editable_by(self, user):
        audience = get_audience(user)
        if audience.sees_everything:
            return self.all()
        if not audience.network_ids:
            return self.none()
        writable = self.writable_portfolios(user).values("pk")
        return self.filter(portfolio__in=writable).filter(
            Q(portfolio__network__in=audience.admin_network_ids) | Q(author__user=user)
        )


class Portfolio(VisibleModel):
    """A portfolio such as Samhällskontraktet's: not a project list, but initiatives that
    together aim at societal goals."""

    network = models.ForeignKey(Network, verbose_name=_("network"), on_delete=models.PROTECT, related_name="portfolios")
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(_("slug"), max_length=200, unique=True, blank=True)
    intention = models.TextField(_("intention"), blank=True)
    societal_goals = models.TextField(_("societal goals"), blank=True)
    context_analysis = models.TextField(_("context analysis"), blank=True)
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("initiatives"), through="PortfolioEntry", related_name="portfolios", blank=True
    )

    history = HistoricalRecords(excluded_fields=["created", "updated"])

    class Meta:
        ordering = ["title"]
        verbose_name = _("portfolio")
        verbose_name_plural = _("portfolios")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = unique_slug(self, self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("portfolios:portfolio_detail", kwargs={"slug": self.slug})


class Category(TimeStampedModel):
    """A category of change that a portfolio relates its initiatives to."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="categories"
    )
    code = models.SlugField(_("code"), max_length=50)
    name = models.CharField(_("name"), max_length=200)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    visibility_parent = "portfolio"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["portfolio", "position", "name"]
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        constraints = [models.UniqueConstraint(fields=["portfolio", "code"], name="category_code_unique")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return self.portfolio.get_absolute_url()


class PortfolioEntry(TimeStampedModel):
    """An initiative's place in a portfolio: its horizon, layer and category relations."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="entries"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="portfolio_entries"
    )
    horizon = models.CharField(_("horizon"), max_length=2, choices=Horizon.choices, db_index=True)
    layer = models.CharField(_("layer"), max_length=20, choices=Layer.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    categories = models.ManyToManyField(
        Category, verbose_name=_("categories"), through="EntryCategory", related_name="entries", blank=True
    )

    visibility_parent = "portfolio"
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["portfolio", "horizon", "initiative__title"]
        verbose_name = _("portfolio entry")
        verbose_name_plural = _("portfolio entries")
        constraints = [
            models.UniqueConstraint(
                fields=["portfolio", "initiative"],
                name="portfolio_entry_unique_initiative",
                violation_error_message=_("This initiative is already in the portfolio."),
            )
        ]

    def __str__(self):
        return f"{self.initiative} ({self.get_horizon_display()})"

    def get_absolute_url(self):
        return self.portfolio.get_absolute_url()

    def clean(self):
        errors = self.check_same_network("initiative")
        if errors:
            raise ValidationError(errors)


class EntryCategory(models.Model):
    """How strongly an entry relates to a category of change."""

    entry = models.ForeignKey(
        PortfolioEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="relations"
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="relations"
    )
    relation = models.CharField(_("relation"), max_length=10, choices=Relation.choices, default=Relation.SOME)

    class Meta:
        ordering = ["entry", "category__position"]
        verbose_name = _("category relation")
        verbose_name_plural = _("category relations")
        constraints = [models.UniqueConstraint(fields=["entry", "category"], name="entry_category_unique")]

    def __str__(self):
        return f"{self.entry.initiative} – {self.category}: {self.get_relation_display()}"

    def clean(self):
        if self.entry_id and self.category_id and self.entry.portfolio_id != self.category.portfolio_id:
            raise ValidationError({"category": _("The category belongs to another portfolio.")})


class PortfolioReview(TimeStampedModel):
    """A portfolio exercise. Closing it freezes a snapshot that can no longer change."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="reviews"
    )
    title = models.CharField(_("title"), max_length=300)
    status = models.CharField(_("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.OPEN)
    opened_on = models.DateField(_("opened on"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    opened_by = models.ForeignKey(
        Person, verbose_name=_("opened by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    snapshot = models.JSONField(_("snapshot"), default=dict, blank=True, editable=False)

    visibility_parent = "portfolio"
    closed_review_status_lookup = "status"
    objects = ClosedReviewGuardQuerySet.as_manager()

    class Meta:
        ordering = ["portfolio", "-opened_on", "-pk"]
        verbose_name = _("portfolio review")
        verbose_name_plural = _("portfolio reviews")
        constraints = [
            models.CheckConstraint(
                condition=Q(status=ReviewStatus.OPEN, closed_at__isnull=True)
                | Q(status=ReviewStatus.CLOSED, closed_at__isnull=False),
                name="review_closed_has_time",
            )
        ]

    def __str__(self):
        return f"{self.portfolio}: {self.title}"

    def get_absolute_url(self):
        return reverse("portfolios:review_detail", kwargs={"slug": self.portfolio.slug, "pk": self.pk})

    @property
    def is_closed(self):
        return self.status == ReviewStatus.CLOSED

    def clean(self):
        if self.due_on and self.opened_on and self.due_on < self.opened_on:
            raise ValidationError({"due_on": _("The end cannot be before the start.")})

    # Set only by portfolios.services.close_review, which applies the decisions and
    # freezes the snapshot in the same transaction as the status change.
    _closing = False

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            if not self._state.adding and self.pk:
                stored = (
                    PortfolioReview.objects.using(using)
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values_list("status", flat=True)
                    .first()
                )
                if stored == ReviewStatus.CLOSED:
                    raise ReviewClosed()
                if stored == ReviewStatus.OPEN and self.status == ReviewStatus.CLOSED and not self._closing:
                    raise ValidationError(
                        {"status": _("Close the review with its own action: closing applies the decisions.")},
                        code="close_with_action",
                    )
            super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        if self.pk and _review_is_closed(self.pk):
            raise ReviewClosed()
        return super().delete(*args, **kwargs)

    delete.alters_data = True


class ReviewDecision(TimeStampedModel):
    """One initiative's assessment in a review and what the portfolio decides for it."""

    review = models.ForeignKey(
        PortfolioReview, verbose_name=_("review"), on_delete=models.CASCADE, related_name="decisions"
    )
    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="review_decisions"
    )
    horizon = models.CharField(_("horizon now"), max_length=2, choices=Horizon.choices)
    progress = models.TextField(_("progress"), blank=True)
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    rationale = models.TextField(_("rationale"))
    twin_municipality = models.ForeignKey(
        Organisation,
        verbose_name=_("twin in municipality"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    scale_municipalities = models.ManyToManyField(
        Organisation, verbose_name=_("scale to municipalities"), related_name="+", blank=True
    )
    decided_by = models.ForeignKey(
        Person, verbose_name=_("assessed by"), on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    lessons = models.TextField(
        _("what others can reuse"),
        blank=True,
        help_text=_("Needed to compost: it becomes the initiative's lessons when the review closes."),
    )
    category_relations = models.JSONField(
        _("category relations"),
        default=dict,
        blank=True,
        help_text=_(
            "The initiative's relation to each category of change, as {category id: none/some/strong}. "
            "When the review closes they replace the portfolio entry's relations; empty keeps them."
        ),
    )
    # Optimistic concurrency: every save checks that the row still has the version the
    # saver read, and counts it up. Two people assessing the same initiative cannot
    # overwrite each other without noticing.
    version = models.PositiveIntegerField(_("version"), default=1, editable=False)
    twin = models.ForeignKey(
        Initiative,
        verbose_name=_("twin created"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
        help_text=_("The draft twin initiative created when the review closed."),
    )

    visibility_parent = "review"
    closed_review_status_lookup = "review__status"
    objects = ReviewDecisionQuerySet.as_manager()

    class Meta:
        ordering = ["review", "initiative__title"]
        verbose_name = _("review decision")
        verbose_name_plural = _("review decisions")
        constraints = [
            models.UniqueConstraint(
                fields=["review", "initiative"],
                name="review_decision_unique_initiative",
                violation_error_message=_("This initiative has already been assessed in the review."),
            )
        ]

    def __str__(self):
        return f"{self.initiative}: {self.get_decision_display()}"

    def get_absolute_url(self):
        return self.review.get_absolute_url()

    def clean(self):
        errors = {}
        if self.review_id and self.initiative_id:
            if not PortfolioEntry.objects.filter(
                portfolio_id=self.review.portfolio_id, initiative_id=self.initiative_id
            ).exists():
                errors["initiative"] = _("The initiative is not in the review's portfolio.")
            elif self.decision in DECISIONS_FOR_LIVE_INITIATIVES and self.initiative.phase == Phase.COMPOSTED:
                errors["decision"] = _(
                    "The initiative is already composted: it can be twinned, not scaled or composted."
                )
        if self.decision == Decision.TWIN:
            if not self.twin_municipality_id:
                errors["twin_municipality"] = _("Choose the municipality the twin will be in.")
            elif self.twin_municipality.sector != Sector.MUNICIPALITY:
                errors["twin_municipality"] = _("Choose a municipality.")
            elif self.initiative_id and self.initiative.municipalities.filter(pk=self.twin_municipality_id).exists():
                errors["twin_municipality"] = _("A twin needs a municipality other than the original's.")
        elif self.twin_municipality_id:
            errors["twin_municipality"] = _("Only a twin decision names a municipality for the twin.")
        if self.decision == Decision.COMPOST and not (self.lessons or "").strip():
            errors["lessons"] = _("Say what others can reuse: composting passes the lessons on.")
        relation_errors = self._category_relation_errors()
        if relation_errors:
            errors["category_relations"] = relation_errors
        # The twin a closing review makes stands in the portfolio's network.
        errors.update(self.check_same_network("twin"))
        if errors:
            raise ValidationError(errors)

    def _category_relation_errors(self):
        relations = self.category_relations
        if relations in (None, ""):
            self.category_relations = {}
            return []
        if not isinstance(relations, dict):
            return [_("Give the relations as {category id: relation}.")]
        errors = []
        if any(value not in Relation.values for value in relations.values()):
            errors.append(_("A relation is none, some or strong."))
        if self.review_id and relations:
            known = {
                str(pk)
                for pk in Category.objects.filter(portfolio_id=self.review.portfolio_id).values_list("pk", flat=True)
            }
            if not {str(key) for key in relations} <= known:
                errors.append(_("A category is not one of the portfolio's categories."))
        return errors

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            if self._state.adding or not self.pk:
                if _review_is_closed(self.review_id):
                    raise ReviewClosed()
                self.version = 1
            else:
                # The lock makes the compare-and-count-up atomic against another saver.
                stored = (
                    ReviewDecision.objects.using(using)
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values_list("review_id", "version")
                    .first()
                )
                if stored is not None:
                    stored_review_id, stored_version = stored
                    if _review_is_closed(stored_review_id, self.review_id):
                        raise ReviewClosed()
                    if stored_version != self.version:
                        raise ConflictError()
                    self.version = stored_version + 1
                    if kwargs.get("update_fields") is not None:
                        kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
            try:
                super().save(*args, **kwargs)
            except Exception:
                if not self._state.adding:
                    self.version -= 1
                raise

    save.alters_data = True

    def delete(self, *args, **kwargs):
        if self.pk:
            stored_review_id = ReviewDecision.objects.filter(pk=self.pk).values_list("review_id", flat=True).first()
            if _review_is_closed(stored_review_id, self.review_id):
                raise ReviewClosed()
        return super().delete(*args, **kwargs)

    delete.alters_data = True


class Note(TimeStampedModel):
    """A green note (need or idea) or orange note (next step) from a portfolio exercise.
    A note can become a draft initiative, which it then links to."""

    portfolio = models.ForeignKey(
        Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="notes"
    )
    review = models.ForeignKey(
        PortfolioReview,
        verbose_name=_("review"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="notes",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=NoteKind.choices)
    title = models.CharField(_("title"), max_length=300)
    text = models.TextField(_("text"), blank=True)
    author = models.ForeignKey(
        Person, verbose_name=_("author"), on_delete=models.SET_NULL, null=True, blank=True, related_name="notes"
    )
    initiatives = models.ManyToManyField(
        Initiative, verbose_name=_("related initiatives"), related_name="notes", blank=True
    )
    became = models.ForeignKey(
        Initiative,
        verbose_name=_("became initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="source_notes",
    )

    visibility_parent = "portfolio"
    closed_review_status_lookup = "review__status"
    same_network_many_to_many = ("initiatives",)
    objects = NoteQuerySet.as_manager()

    # What a note of a closed review keeps as it was. `became` is not among them: a next
    # step from an exercise is acted on after it, so a note can still turn into an
    # initiative (once) when its review has closed.
    FROZEN_FIELDS = ("portfolio_id", "review_id", "kind", "title", "text", "author_id")

    class Meta:
        ordering = ["portfolio", "kind", "pk"]
        # A note on the wall (post-it), not a remark: "seddel", "lapp".
        verbose_name = pgettext_lazy("sticky note", "note")
        verbose_name_plural = pgettext_lazy("sticky note", "notes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.portfolio.get_absolute_url()

    def clean(self):
        errors = self.check_same_network("became")
        if self.review_id and self.portfolio_id and self.review.portfolio_id != self.portfolio_id:
            errors["review"] = _("The review belongs to another portfolio.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using):
            stored = None
            if not self._state.adding and self.pk:
                stored = (
                    Note.objects.using(using)
                    .select_for_update()
                    .filter(pk=self.pk)
                    .values(*self.FROZEN_FIELDS, "became_id")
                    .first()
                )
            if stored is None:
                if _review_is_closed(self.review_id):
                    raise ReviewClosed()
            elif _review_is_closed(stored["review_id"]):
                unchanged = all(stored[name] == getattr(self, name) for name in self.FROZEN_FIELDS)
                became_set_once = stored["became_id"] in (None, self.became_id)
                if not (unchanged and became_set_once):
                    raise ReviewClosed()
            elif self.review_id != stored["review_id"] and _review_is_closed(self.review_id):
                raise ReviewClosed()
            super().save(*args, **kwargs)

    save.alters_data = True

    def delete(self, *args, **kwargs):
        if self.pk:
            stored_review_id = Note.objects.filter(pk=self.pk).values_list("review_id", flat=True).first()
            if _review_is_closed(stored_review_id, self.review_id):
                raise ReviewClosed()
        return super().delete(*args, **kwargs)

    delete.alters_data = True


def _refuse_many_to_many_change(owner, field_name, instance, action, reverse, pk_set):
    """Many-to-many rows (a note's initiatives, a decision's scale municipalities) are not
    written by Model.save(), so their changes into a closed review are refused here."""
    if action not in ("pre_add", "pre_remove", "pre_clear"):
        return
    if not reverse:
        records = owner.objects.filter(pk=instance.pk)
    elif pk_set is not None:
        records = owner.objects.filter(pk__in=pk_set)
    else:
        records = owner.objects.filter(**{field_name: instance})
    if records.filter(**{owner.closed_review_status_lookup: ReviewStatus.CLOSED}).exists():
        raise ReviewClosed()


def _note_initiatives_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_many_to_many_change(Note, "initiatives", instance, action, reverse, pk_set)


def _scale_municipalities_changed(sender, instance, action, reverse, pk_set, **kwargs):
    _refuse_many_to_many_change(ReviewDecision, "scale_municipalities", instance, action, reverse, pk_set)


m2m_changed.connect(_note_initiatives_changed, sender=Note.initiatives.through)
m2m_changed.connect(_scale_municipalities_changed, sender=ReviewDecision.scale_municipalities.through)


def scaling_decided(initiative_ref):
    """True for an initiative a closed review decided to scale: registered with
    initiatives.funding as a reason it is off the funding cliff (portfolios/apps.py)."""
    return Exists(
        ReviewDecision.objects.filter(
            initiative=initiative_ref, decision=Decision.SCALE, review__status=ReviewStatus.CLOSED
        )
    )
