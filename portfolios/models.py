"""Horizon portfolios: the set of initiatives through which a network aims at societal
goals, placed on horizons and related to categories of change, and reviewed together."""

from django.core.exceptions import ValidationError
from django.db import models
from simple_history.models import HistoricalRecords
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from core.models import TimeStampedModel, VisibleModel
from core.querysets import ChildVisibilityQuerySet
from core.text import unique_slug
from initiatives.models import Initiative
from partners.models import Network, Organisation, Person

from .choices import Decision, Horizon, Layer, NoteKind, Relation, ReviewStatus


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

    portfolio = models.ForeignKey(Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="entries")
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


class EntryCategory(models.Model):
    """How strongly an entry relates to a category of change."""

    entry = models.ForeignKey(PortfolioEntry, verbose_name=_("entry"), on_delete=models.CASCADE, related_name="relations")
    category = models.ForeignKey(Category, verbose_name=_("category"), on_delete=models.CASCADE, related_name="relations")
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

    portfolio = models.ForeignKey(Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="reviews")
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
    objects = ChildVisibilityQuerySet.as_manager()

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

    visibility_parent = "review"
    objects = ChildVisibilityQuerySet.as_manager()

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
        if self.decision == Decision.TWIN:
            if not self.twin_municipality_id:
                errors["twin_municipality"] = _("Choose the municipality the twin will be in.")
            elif self.initiative_id and self.initiative.municipalities.filter(pk=self.twin_municipality_id).exists():
                errors["twin_municipality"] = _("A twin needs a municipality other than the original's.")
        if errors:
            raise ValidationError(errors)


class Note(TimeStampedModel):
    """A green note (need or idea) or orange note (next step) from a portfolio exercise.
    A note can become a draft initiative, which it then links to."""

    portfolio = models.ForeignKey(Portfolio, verbose_name=_("portfolio"), on_delete=models.CASCADE, related_name="notes")
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
    objects = ChildVisibilityQuerySet.as_manager()

    class Meta:
        ordering = ["portfolio", "kind", "pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return self.portfolio.get_absolute_url()

    def clean(self):
        if self.review_id and self.portfolio_id and self.review.portfolio_id != self.portfolio_id:
            raise ValidationError({"review": _("The review belongs to another portfolio.")})
