from urllib.parse import quote

from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view

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
from ..search import expand_query
from . import serializers

RELATED_WORDS_HEADER = OpenApiParameter(
    "Search-Related-Words",
    str,
    OpenApiParameter.HEADER,
    response=[200],
    description=(
        "With `q`: the related words (Danish, Swedish and English, from the vocabulary the twin candidates use) "
        "that the search also looked for, comma-separated, percent-encoded UTF-8; `*` stands for any ending."
    ),
)


TRAVELLING_SEARCH_SCHEMA = extend_schema_view(list=extend_schema(parameters=[RELATED_WORDS_HEADER]))


class TravellingSearchMixin:
    """A list whose `q` travels across the three languages (evaluation.search) says which
    related words it also searched, in the Search-Related-Words header."""

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        query = request.query_params.get("q", "").strip()
        if query and response.status_code == 200:
            words = [word for concept in expand_query(query).related() for word in concept["words"]]
            if words:
                response["Search-Related-Words"] = ", ".join(quote(word, safe="*") for word in words)
        return response


@TRAVELLING_SEARCH_SCHEMA
class LearningEntryViewSet(TravellingSearchMixin, ModelViewSet):
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


@TRAVELLING_SEARCH_SCHEMA
class EventViewSet(TravellingSearchMixin, ModelViewSet):
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
