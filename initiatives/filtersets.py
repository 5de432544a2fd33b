import django_filters
from django.db.models import Case, Value, When
from django.utils.translation import gettext_lazy as _

from core.choices import ContentLanguage, Currency, Visibility
from core.filtersets import BaseFilterSet, JSONItemFilter, visible_choices
from partners.choices import Sector
from partners.models import Network, Organisation

from .choices import FundingKind, InitiativeKind, ParticipationRole, Phase, TargetGroup
from .models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme


def municipalities(request):
    return Organisation.objects.filter(sector=Sector.MUNICIPALITY)


class VisibleContentFilterSet(BaseFilterSet):
    """Filters every record with its own audience and language has."""

    visibility = django_filters.MultipleChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    language = django_filters.MultipleChoiceFilter(choices=ContentLanguage.choices, label=_("Content language"))
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="network", queryset=Network.objects.all(), label=_("Network")
    )


class ThemeFilterSet(VisibleContentFilterSet):
    search_fields = ("name", "description")
    ordering = django_filters.OrderingFilter(fields=("name", "created", "updated"))

    class Meta:
        model = Theme
        fields = []


class MissionFilterSet(VisibleContentFilterSet):
    search_fields = ("title", "problem", "goal")
    theme_id = django_filters.ModelMultipleChoiceFilter(
        field_name="theme", queryset=visible_choices(Theme), label=_("Theme")
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisations", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    ordering = django_filters.OrderingFilter(fields=("title", "start_date", "end_date", "created", "updated"))

    class Meta:
        model = Mission
        fields = []


class MissionOrganisationFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "mission__title")
    mission_id = django_filters.ModelMultipleChoiceFilter(
        field_name="mission", queryset=visible_choices(Mission), label=_("Mission")
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    ordering = django_filters.OrderingFilter(fields=("joined_on", "created", "updated"))

    class Meta:
        model = MissionOrganisation
        fields = []


class PhaseChainOrderingFilter(django_filters.OrderingFilter):
    """Sorting by phase follows the innovation chain (start-up, idea development, ...,
    operations, composted), not the alphabet of the stored codes."""

    def filter(self, qs, value):
        qs = super().filter(qs, value)
        ordering = [str(field) for field in qs.query.order_by]
        if not {"phase", "-phase"} & set(ordering):
            return qs
        rank = Case(*(When(phase=code, then=Value(index)) for index, code in enumerate(Phase.values)))
        ordering = [{"phase": "phase_rank", "-phase": "-phase_rank"}.get(field, field) for field in ordering]
        return qs.alias(phase_rank=rank).order_by(*ordering)


class InitiativeFilterSet(VisibleContentFilterSet):
    search_fields = ("title", "summary", "intention", "societal_goals")
    phase = django_filters.MultipleChoiceFilter(choices=Phase.choices, label=_("Phase"))
    kind = django_filters.MultipleChoiceFilter(choices=InitiativeKind.choices, label=_("Kind"))
    mission_id = django_filters.ModelMultipleChoiceFilter(
        field_name="missions", queryset=visible_choices(Mission), label=_("Mission")
    )
    theme_id = django_filters.ModelMultipleChoiceFilter(
        field_name="missions__theme", queryset=visible_choices(Theme), label=_("Theme"), distinct=True
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisations", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    sector = django_filters.MultipleChoiceFilter(
        field_name="organisations__sector", choices=Sector.choices, label=_("Partner sector"), distinct=True
    )
    municipality_id = django_filters.ModelMultipleChoiceFilter(
        field_name="municipalities", queryset=municipalities, label=_("Municipality")
    )
    parent_id = django_filters.ModelMultipleChoiceFilter(
        field_name="parent", queryset=visible_choices(Initiative), label=_("Parent initiative")
    )
    twin_of_id = django_filters.ModelMultipleChoiceFilter(
        field_name="twin_of", queryset=visible_choices(Initiative), label=_("Twin of")
    )
    sdg = JSONItemFilter(field_name="sdg_targets", label=_("SDG target"))
    target_group = django_filters.ChoiceFilter(
        field_name="target_groups", lookup_expr="has_item", choices=TargetGroup.choices, label=_("Target group")
    )
    ordering = PhaseChainOrderingFilter(
        fields=("title", "phase", "start_date", "end_date", "created", "updated"),
    )

    class Meta:
        model = Initiative
        fields = []


class ParticipationFilterSet(BaseFilterSet):
    search_fields = ("organisation__name", "initiative__title")
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    role = django_filters.MultipleChoiceFilter(choices=ParticipationRole.choices, label=_("Role"))
    ordering = django_filters.OrderingFilter(fields=("start_date", "end_date", "created", "updated"))

    class Meta:
        model = Participation
        fields = []


class PhaseChangeFilterSet(BaseFilterSet):
    search_fields = ("rationale", "initiative__title")
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    from_phase = django_filters.MultipleChoiceFilter(choices=Phase.choices, label=_("From phase"))
    to_phase = django_filters.MultipleChoiceFilter(choices=Phase.choices, label=_("To phase"))
    ordering = django_filters.OrderingFilter(fields=("date", "created", "updated"))

    class Meta:
        model = PhaseChange
        fields = []


class FundingFilterSet(BaseFilterSet):
    search_fields = ("funder_name", "funder__name", "initiative__title")
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    funder_id = django_filters.ModelMultipleChoiceFilter(
        field_name="funder", queryset=Organisation.objects.all(), label=_("Funder")
    )
    kind = django_filters.MultipleChoiceFilter(choices=FundingKind.choices, label=_("Kind"))
    currency = django_filters.MultipleChoiceFilter(choices=Currency.choices, label=_("Currency"))
    ends_before = django_filters.DateFilter(field_name="end_date", lookup_expr="lte", label=_("Ends on or before"))
    ordering = django_filters.OrderingFilter(fields=("amount", "start_date", "end_date", "created", "updated"))

    class Meta:
        model = Funding
        fields = []
