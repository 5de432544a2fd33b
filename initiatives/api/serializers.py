from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import relations, serializers

from core.api.serializers import (
    ChoiceListField,
    ModelSerializer,
    TextListField,
    VisiblePrimaryKeyRelatedField,
    reject_markup,
)
from core.validators import TEXT_MAX_LENGTH
from partners.services import person_of

from .. import services
from ..choices import Phase, TargetGroup
from ..models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme

RECORD_FIELDS = ["id", "url", "created", "updated"]
AUDIENCE_FIELDS = ["visibility", "language"]


def prefetched_name(field_name):
    """Where a view puts the rows of a to-many field it read ahead for the serializer
    (`Prefetch(..., to_attr=prefetched_name("missions"))`): a plain list on each record,
    without the related manager and queryset Django otherwise builds per record and
    relation (most of the API list's cost, docs/performance.md)."""
    return f"api_{field_name}"


def read_prefetched(instance, field_name):
    return getattr(instance, prefetched_name(field_name), None)


class PrefetchedListSerializer(serializers.ListSerializer):
    """A nested list that reads the rows the view read ahead, else the relation."""

    def get_attribute(self, instance):
        rows = read_prefetched(instance, self.field_name)
        return rows if rows is not None else super().get_attribute(instance)


class PrefetchedManyRelatedField(serializers.ManyRelatedField):
    """A list of ids that reads the rows the view read ahead, else the relation."""

    def get_attribute(self, instance):
        rows = read_prefetched(instance, self.field_name)
        return rows if rows is not None else super().get_attribute(instance)


class PrefetchedPrimaryKeyRelatedField(VisiblePrimaryKeyRelatedField):
    @classmethod
    def many_init(cls, *args, **kwargs):
        list_kwargs = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in relations.MANY_RELATION_KWARGS:
                list_kwargs[key] = kwargs[key]
        return PrefetchedManyRelatedField(**list_kwargs)


class ThemeSerializer(ModelSerializer):
    class Meta:
        model = Theme
        fields = [*RECORD_FIELDS, "network", "name", "slug", "description", *AUDIENCE_FIELDS]
        read_only_fields = ["slug"]


class MissionSerializer(ModelSerializer):
    organisations = serializers.PrimaryKeyRelatedField(
        many=True, read_only=True, help_text="Organisations that joined (change them on /mission-organisations/)."
    )

    class Meta:
        model = Mission
        fields = [
            *RECORD_FIELDS,
            "network",
            "theme",
            "title",
            "slug",
            "problem",
            "goal",
            "start_date",
            "end_date",
            "organisations",
            *AUDIENCE_FIELDS,
        ]
        read_only_fields = ["slug"]


class MissionOrganisationSerializer(ModelSerializer):
    class Meta:
        model = MissionOrganisation
        fields = [*RECORD_FIELDS, "mission", "organisation", "joined_on"]


class ParticipationSerializer(ModelSerializer):
    class Meta:
        model = Participation
        fields = [*RECORD_FIELDS, "initiative", "organisation", "role", "start_date", "end_date"]


class PhaseChangeSerializer(ModelSerializer):
    """Creating a phase change moves the initiative to `to_phase` (from the phase it is
    in), as the page does; composting also asks what others can reuse. Afterwards only
    the date and the rationale can be corrected."""

    date = serializers.DateField(required=False, help_text="When the phase changed; today if left out.")
    composted_lessons = serializers.CharField(
        write_only=True,
        required=False,
        max_length=TEXT_MAX_LENGTH,
        validators=[reject_markup],
        help_text="What others can reuse; required when to_phase is composted.",
    )

    class Meta:
        model = PhaseChange
        fields = [
            *RECORD_FIELDS,
            "initiative",
            "from_phase",
            "to_phase",
            "date",
            "rationale",
            "changed_by",
            "composted_lessons",
        ]
        read_only_fields = ["from_phase", "changed_by"]

    def validate(self, attrs):
        lessons = attrs.pop("composted_lessons", "")
        if self.instance is not None:
            for name in ("initiative", "to_phase"):
                if name in attrs and attrs[name] != getattr(self.instance, name):
                    raise serializers.ValidationError(
                        {name: _("A phase change cannot be redirected; record a new one instead.")}
                    )
            return super().validate(attrs)
        attrs.setdefault("date", timezone.localdate())
        attrs["from_phase"] = attrs["initiative"].phase
        attrs = super().validate(attrs)
        if attrs["to_phase"] == Phase.COMPOSTED:
            attrs["composted_lessons"] = lessons
        return attrs

    def create(self, validated_data):
        user = self.context["request"].user
        person = person_of(user)
        initiative, to_phase = validated_data["initiative"], validated_data["to_phase"]
        rationale, date = validated_data["rationale"], validated_data["date"]
        if to_phase == Phase.COMPOSTED:
            lessons = validated_data.get("composted_lessons", "")
            return services.compost(initiative, rationale, lessons, person, date)
        return services.change_phase(initiative, to_phase, rationale, person, date)


class FundingSerializer(ModelSerializer):
    class Meta:
        model = Funding
        fields = [
            *RECORD_FIELDS,
            "initiative",
            "funder",
            "funder_name",
            "amount",
            "currency",
            "kind",
            "start_date",
            "end_date",
        ]


class NestedParticipationSerializer(ParticipationSerializer):
    class Meta(ParticipationSerializer.Meta):
        fields = ["id", "organisation", "role", "start_date", "end_date"]
        list_serializer_class = PrefetchedListSerializer


class NestedPhaseChangeSerializer(PhaseChangeSerializer):
    class Meta(PhaseChangeSerializer.Meta):
        fields = ["id", "from_phase", "to_phase", "date", "rationale", "changed_by"]
        list_serializer_class = PrefetchedListSerializer


class NestedFundingSerializer(FundingSerializer):
    class Meta(FundingSerializer.Meta):
        fields = ["id", "funder", "funder_name", "amount", "currency", "kind", "start_date", "end_date"]
        list_serializer_class = PrefetchedListSerializer


class InitiativeSerializer(ModelSerializer):
    """An initiative with its partners, funding and phase history (read-only here; they
    are changed on /participations/, /fundings/ and /phase-changes/)."""

    target_groups = ChoiceListField(TargetGroup)
    sdg_targets = TextListField(help_text="SDG targets written goal.target, e.g. 3.4 or 10.b.")
    participations = NestedParticipationSerializer(many=True, read_only=True)
    fundings = NestedFundingSerializer(many=True, read_only=True)
    phase_changes = NestedPhaseChangeSerializer(many=True, read_only=True)

    class Meta:
        model = Initiative
        fields = [
            *RECORD_FIELDS,
            "network",
            "title",
            "slug",
            "summary",
            "intention",
            "societal_goals",
            "target_groups",
            "kind",
            "parent",
            "phase",
            "missions",
            "municipalities",
            "start_date",
            "end_date",
            "citizen_involvement",
            "toc_problem",
            "toc_activities",
            "toc_outputs",
            "toc_outcomes",
            "toc_impact",
            "toc_assumptions",
            "business_case",
            "business_case_investment",
            "business_case_annual_benefit",
            "business_case_currency",
            "sdg_targets",
            "twin_of",
            "composted_reason",
            "composted_lessons",
            *AUDIENCE_FIELDS,
            "participations",
            "fundings",
            "phase_changes",
        ]
        read_only_fields = ["slug"]

    def build_relational_field(self, field_name, relation_info):
        field_class, kwargs = super().build_relational_field(field_name, relation_info)
        if relation_info.to_many and field_class is VisiblePrimaryKeyRelatedField:
            field_class = PrefetchedPrimaryKeyRelatedField
        return field_class, kwargs

    def validate(self, attrs):
        if self.instance is not None and "phase" in attrs and attrs["phase"] != self.instance.phase:
            raise serializers.ValidationError(
                {
                    "phase": _(
                        "Change the phase by creating a phase change (/api/v1/phase-changes/), with its rationale."
                    )
                }
            )
        return super().validate(attrs)
