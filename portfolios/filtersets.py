import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import BaseFilterSet, visible_choices
from initiatives.filtersets import VisibleContentFilterSet
from initiatives.models import Initiative

from .choices import Decision, Horizon, Layer, NoteKind, ReviewStatus
from .models import Category, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision


class PortfolioFilterSet(VisibleContentFilterSet):
    search_fields = ("title", "intention", "societal_goals", "context_analysis")
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiatives", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    ordering = django_filters.OrderingFilter(fields=("title", "created", "updated"))

    class Meta:
        model = Portfolio
        fields = []


class PortfolioChildFilterSet(BaseFilterSet):
    portfolio_id = django_filters.ModelMultipleChoiceFilter(
        field_name="portfolio", queryset=visible_choices(Portfolio), label=_("Portfolio")
    )


class CategoryFilterSet(PortfolioChildFilterSet):
    search_fields = ("name", "code")
    ordering = django_filters.OrderingFilter(fields=("position", "name", "created", "updated"))

    class Meta:
        model = Category
        fields = ["code"]


class PortfolioEntryFilterSet(PortfolioChildFilterSet):
    search_fields = ("initiative__title", "rationale")
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    horizon = django_filters.MultipleChoiceFilter(choices=Horizon.choices, label=_("Horizon"))
    layer = django_filters.MultipleChoiceFilter(choices=Layer.choices, label=_("Layer"))
    category_id = django_filters.ModelMultipleChoiceFilter(
        field_name="categories", queryset=visible_choices(Category), label=_("Category")
    )
    ordering = django_filters.OrderingFilter(fields=("horizon", "created", "updated"))

    class Meta:
        model = PortfolioEntry
        fields = []


class PortfolioReviewFilterSet(PortfolioChildFilterSet):
    search_fields = ("title",)
    status = django_filters.MultipleChoiceFilter(choices=ReviewStatus.choices, label=_("Status"))
    ordering = django_filters.OrderingFilter(fields=("opened_on", "due_on", "closed_at", "created", "updated"))

    class Meta:
        model = PortfolioReview
        fields = []


class ReviewDecisionFilterSet(BaseFilterSet):
    search_fields = ("initiative__title", "rationale", "progress")
    review_id = django_filters.ModelMultipleChoiceFilter(
        field_name="review", queryset=visible_choices(PortfolioReview), label=_("Review")
    )
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    decision = django_filters.MultipleChoiceFilter(choices=Decision.choices, label=_("Decision"))
    horizon = django_filters.MultipleChoiceFilter(choices=Horizon.choices, label=_("Horizon"))
    ordering = django_filters.OrderingFilter(fields=("created", "updated"))

    class Meta:
        model = ReviewDecision
        fields = []


class NoteFilterSet(PortfolioChildFilterSet):
    search_fields = ("title", "text")
    review_id = django_filters.ModelMultipleChoiceFilter(
        field_name="review", queryset=visible_choices(PortfolioReview), label=_("Review")
    )
    kind = django_filters.MultipleChoiceFilter(choices=NoteKind.choices, label=_("Kind"))
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiatives", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    ordering = django_filters.OrderingFilter(fields=("kind", "created", "updated"))

    class Meta:
        model = Note
        fields = []
