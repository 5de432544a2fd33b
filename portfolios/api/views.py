from core.api.viewsets import ModelViewSet

from .. import services
from ..filtersets import (
    CategoryFilterSet,
    NoteFilterSet,
    PortfolioEntryFilterSet,
    PortfolioFilterSet,
    PortfolioReviewFilterSet,
    ReviewDecisionFilterSet,
)
from ..models import Category, Note, Portfolio, PortfolioEntry, PortfolioReview, ReviewDecision
from . import serializers


class PortfolioViewSet(ModelViewSet):
    """Horizon portfolios: initiatives that together aim at societal goals. Created by
    network administrators."""

    queryset = Portfolio.objects.all()
    serializer_class = serializers.PortfolioSerializer
    filterset_class = PortfolioFilterSet

    def created(self, instance):
        # As on the page (services.create_portfolio): a new portfolio starts with the
        # default categories of change.
        services.ensure_default_categories(instance)


class CategoryViewSet(ModelViewSet):
    """Categories of change a portfolio relates its initiatives to."""

    queryset = Category.objects.all()
    serializer_class = serializers.CategorySerializer
    filterset_class = CategoryFilterSet


class PortfolioEntryViewSet(ModelViewSet):
    """Initiatives placed in portfolios, on a horizon and a layer."""

    queryset = PortfolioEntry.objects.prefetch_related("relations")
    serializer_class = serializers.PortfolioEntrySerializer
    filterset_class = PortfolioEntryFilterSet


class PortfolioReviewViewSet(ModelViewSet):
    """Portfolio exercises."""

    queryset = PortfolioReview.objects.all()
    serializer_class = serializers.PortfolioReviewSerializer
    filterset_class = PortfolioReviewFilterSet


class ReviewDecisionViewSet(ModelViewSet):
    """Each initiative's assessment in a review: continue, scale, twin, pivot or compost."""

    queryset = ReviewDecision.objects.prefetch_related("scale_municipalities")
    serializer_class = serializers.ReviewDecisionSerializer
    filterset_class = ReviewDecisionFilterSet


class NoteViewSet(ModelViewSet):
    """Needs and ideas (green notes) and next steps (orange notes) from portfolio exercises."""

    queryset = Note.objects.prefetch_related("initiatives")
    serializer_class = serializers.NoteSerializer
    filterset_class = NoteFilterSet
