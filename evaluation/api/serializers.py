from core.api.serializers import ChoiceListField, ModelSerializer

from ..choices import BarrierCategory, ValueDomain
from ..models import (
    Event,
    Indicator,
    LearningEntry,
    LearningSummary,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)

RECORD_FIELDS = ["id", "url", "created", "updated"]


class LearningEntrySerializer(ModelSerializer):
    categories = ChoiceListField(BarrierCategory, help_text="Barrier and enabler categories.")
    value_domains = ChoiceListField(ValueDomain)

    class Meta:
        model = LearningEntry
        fields = [
            *RECORD_FIELDS,
            "initiative",
            "title",
            "what_we_did",
            "what_we_learned",
            "where_we_are_heading",
            "kind",
            "categories",
            "value_domains",
            "evidence_level",
            "author",
            "visibility",
            "language",
        ]


class ValueAssessmentSerializer(ModelSerializer):
    class Meta:
        model = ValueAssessment
        fields = [
            *RECORD_FIELDS,
            "initiative",
            "domain",
            "score",
            "narrative",
            "period_start",
            "period_end",
            "assessed_by",
            "assessor_role",
        ]


class IndicatorSerializer(ModelSerializer):
    class Meta:
        model = Indicator
        fields = [*RECORD_FIELDS, "initiative", "name", "description", "unit", "value_domain", "baseline", "target"]


class MeasurementSerializer(ModelSerializer):
    class Meta:
        model = Measurement
        fields = [*RECORD_FIELDS, "indicator", "date", "value", "note"]


class EventSerializer(ModelSerializer):
    """An event on the wall. The picture is uploaded on the event's page; here it is a link."""

    class Meta:
        model = Event
        fields = [
            *RECORD_FIELDS,
            "network",
            "initiative",
            "mission",
            "date",
            "title",
            "narrative",
            "participants",
            "image",
            "image_description",
            "visibility",
            "language",
        ]
        read_only_fields = ["image"]


class ResourceObservationSerializer(ModelSerializer):
    class Meta:
        model = ResourceObservation
        fields = [*RECORD_FIELDS, "event", "capital", "state", "description"]


class LearningSummarySerializer(ModelSerializer):
    class Meta:
        model = LearningSummary
        fields = [
            *RECORD_FIELDS,
            "scope",
            "scope_id",
            "audience",
            "network",
            "period_start",
            "period_end",
            "metrics",
            "computed_at",
            "status",
        ]
        read_only_fields = fields
