from django.db.models import Prefetch
from rest_framework.permissions import SAFE_METHODS

from core.api.viewsets import ModelViewSet
from partners.models import Organisation

from .. import services
from ..filtersets import (
    FundingFilterSet,
    InitiativeFilterSet,
    MissionFilterSet,
    MissionOrganisationFilterSet,
    ParticipationFilterSet,
    PhaseChangeFilterSet,
    ThemeFilterSet,
)
from ..models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme
from . import serializers


class ThemeViewSet(ModelViewSet):
    """Cross-cutting welfare challenges a network works on. Created by network administrators."""

    queryset = Theme.objects.all()
    serializer_class = serializers.ThemeSerializer
    filterset_class = ThemeFilterSet


class MissionViewSet(ModelViewSet):
    """Shared directions for a period. Created by network administrators."""

    queryset = Mission.objects.prefetch_related("organisations")
    serializer_class = serializers.MissionSerializer
    filterset_class = MissionFilterSet


class MissionOrganisationViewSet(ModelViewSet):
    """Organisations that joined a mission."""

    queryset = MissionOrganisation.objects.all()
    serializer_class = serializers.MissionOrganisationSerializer
    filterset_class = MissionOrganisationFilterSet


class InitiativeViewSet(ModelViewSet):
    """Initiatives, pilots and targeted actions, from start-up to operations (or compost).
    Coordinators create initiatives in their networks; their organisation takes the lead."""

    queryset = Initiative.objects.all()
    serializer_class = serializers.InitiativeSerializer
    filterset_class = InitiativeFilterSet
    network_creators = "coordinators"

    def get_queryset(self):
        queryset = super().get_queryset()
        if self.request.method not in SAFE_METHODS:
            # A write's answer reads the relations again, as they are after it.
            return queryset
        # Read ahead into plain lists (serializers.prefetched_name), with only the ids of
        # missions and municipalities.
        prefetched = serializers.prefetched_name
        return queryset.prefetch_related(
            Prefetch("missions", queryset=Mission.objects.only("pk"), to_attr=prefetched("missions")),
            Prefetch("municipalities", queryset=Organisation.objects.only("pk"), to_attr=prefetched("municipalities")),
            Prefetch("participations", queryset=Participation.objects.all(), to_attr=prefetched("participations")),
            Prefetch("fundings", queryset=Funding.objects.all(), to_attr=prefetched("fundings")),
            Prefetch("phase_changes", queryset=PhaseChange.objects.all(), to_attr=prefetched("phase_changes")),
        )

    def created(self, instance):
        services.add_creator_organisation(instance, services.creator_organisation(instance, self.request.user))


class ParticipationViewSet(ModelViewSet):
    """Organisations' roles in initiatives. Changed by whoever may change the initiative."""

    queryset = Participation.objects.all()
    serializer_class = serializers.ParticipationSerializer
    filterset_class = ParticipationFilterSet


class PhaseChangeViewSet(ModelViewSet):
    """Moves along the phase chain, with their rationale."""

    queryset = PhaseChange.objects.all()
    serializer_class = serializers.PhaseChangeSerializer
    filterset_class = PhaseChangeFilterSet


class FundingViewSet(ModelViewSet):
    """Money and in-kind support for initiatives, for a period."""

    queryset = Funding.objects.all()
    serializer_class = serializers.FundingSerializer
    filterset_class = FundingFilterSet
