from core.api.viewsets import ModelViewSet, ReadOnlyModelViewSet

from ..filtersets import (
    EventFilterSet,
    IndicatorFilterSet,
    LearningEntryFilterSet,
    LearningSummaryFilterSet,
    MeasurementFilterSet,
    ResourceObservationFilterSet,
    ValueAssessmentFilterSet,
)
from ..models import (
    Event,
    Indicator,
    LearningEntry,
    LearningSummary,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)
from . import serializers


class LearningEntryViewSet(ModelViewSet):
    """What an initiative did, learned, and where it is heading. Written by whoever may
    change the initiative."""

    queryset = LearningEntry.objects.all()
    serializer_class = serializers.LearningEntrySerializer
    filterset_class = LearningEntryFilterSet


class ValueAssessmentViewSet(ModelViewSet):
    """Scores with a narrative in the four value domains, per initiative and period."""

    queryset = ValueAssessment.objects.all()
    serializer_class = serializers.ValueAssessmentSerializer
    filterset_class = ValueAssessmentFilterSet


class IndicatorViewSet(ModelViewSet):
    """What an initiative measures, with a baseline and a target."""

    queryset = Indicator.objects.all()
    serializer_class = serializers.IndicatorSerializer
    filterset_class = IndicatorFilterSet


class MeasurementViewSet(ModelViewSet):
    """Dated values of indicators."""

    queryset = Measurement.objects.all()
    serializer_class = serializers.MeasurementSerializer
    filterset_class = MeasurementFilterSet


class EventViewSet(ModelViewSet):
    """The event wall: happenings, who took part, and the resources they mobilised."""

    queryset = Event.objects.all()
    serializer_class = serializers.EventSerializer
    filterset_class = EventFilterSet


class ResourceObservationViewSet(ModelViewSet):
    """Resources an event mobilised, by kind of capital, actual or potential."""

    queryset = ResourceObservation.objects.all()
    serializer_class = serializers.ResourceObservationSerializer
    filterset_class = ResourceObservationFilterSet


class LearningSummaryViewSet(ReadOnlyModelViewSet):
    """Cross-initiative learning computed by background jobs, per scope and audience."""

    queryset = LearningSummary.objects.all()
    serializer_class = serializers.LearningSummarySerializer
    filterset_class = LearningSummaryFilterSet
