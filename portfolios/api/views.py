from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions

from core.api.viewsets import ModelViewSet
from core.permissions import can_change

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


class ParticipantRecordMixin:
    """Records that the exercise's participants write, not only the network's
    administrators (assessments, notes): who may create one is the model's queryset rule
    (services.can_assess, can_write_notes), as on the pages, and the record written must
    be one the writer may change (editable_by) afterwards: a coordinator cannot move an
    assessment to an initiative they do not coordinate, nor sign a note with another
    name. Otherwise 403, and the request's transaction takes the write back. The writer's
    person goes into `person_field` unless the request names one: on creation, and with
    `person_on_update` on every change too."""

    person_field = None
    person_on_update = False

    def perform_create(self, serializer):
        self._stamp_person(serializer)
        super().perform_create(serializer)
        self._check_still_editable(serializer.instance)

    def perform_update(self, serializer):
        if self.person_on_update:
            self._stamp_person(serializer)
        super().perform_update(serializer)
        self._check_still_editable(serializer.instance)

    def _stamp_person(self, serializer):
        if self.person_field and self.person_field not in serializer.validated_data:
            person = services.person_of(self.request.user)
            if person is not None:
                serializer.validated_data[self.person_field] = person

    def _check_still_editable(self, instance):
        if not can_change(self.request.user, instance):
            raise exceptions.PermissionDenied(_("You may not move this record there."))


class ReviewDecisionViewSet(ParticipantRecordMixin, ModelViewSet):
    """Each initiative's assessment in a review: continue, scale, twin, pivot or compost."""

    # Network administrators assess every initiative, coordinators those they coordinate
    # (ReviewDecision.objects.editable_by).
    queryset = ReviewDecision.objects.prefetch_related("scale_municipalities")
    serializer_class = serializers.ReviewDecisionSerializer
    filterset_class = ReviewDecisionFilterSet
    # As on the assessment page: whoever changes the assessment last has assessed it.
    person_field = "decided_by"
    person_on_update = True

    def perform_update(self, serializer):
        data, instance = serializer.validated_data, serializer.instance
        if "review" in data or "initiative" in data:
            # Moving an assessment is assessing in its new place: may_create asks for both.
            data.setdefault("review", instance.review)
            data.setdefault("initiative", instance.initiative)
        super().perform_update(serializer)

    def may_create(self, data):
        review, initiative = data.get("review"), data.get("initiative")
        if review is None or initiative is None:
            return False
        return services.can_assess(self.request.user, review, initiative)


class NoteViewSet(ParticipantRecordMixin, ModelViewSet):
    """Needs and ideas (green notes) and next steps (orange notes) from portfolio exercises."""

    # The network's coordinators and administrators put them up; each changes their own,
    # administrators every note (Note.objects.editable_by).
    queryset = Note.objects.prefetch_related("initiatives")
    serializer_class = serializers.NoteSerializer
    filterset_class = NoteFilterSet
    person_field = "author"

    def may_create(self, data):
        portfolio = data.get("portfolio")
        return portfolio is not None and services.can_write_notes(self.request.user, portfolio)
