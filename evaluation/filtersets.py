import django_filters
from django.utils.translation import gettext_lazy as _

from core.choices import ContentLanguage, Visibility
from core.filtersets import BaseFilterSet, visible_choices
from initiatives.models import Initiative, Mission, Theme
from partners.choices import Sector
from partners.models import Network, Organisation
from portfolios.models import Portfolio

from .choices import (
    AssessorRole,
    BarrierCategory,
    Capital,
    EvidenceLevel,
    LearningKind,
    ResourceState,
    SummaryAudience,
    SummaryScope,
    ValueDomain,
)
from .models import (
    Event,
    Indicator,
    LearningEntry,
    LearningSummary,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)
from .search import search_events, search_learning


class InitiativeChildFilterSet(BaseFilterSet):
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )


class LearningEntryFilterSet(InitiativeChildFilterSet):
    """`q` is full-text search (evaluation.search): stemmed per content language, web-search
    syntax ("quoted phrase", or, -excluded), each word that names a concept also searched
    in its Danish, Swedish and English words; the reader's language first, then best
    first, unless `ordering` is given; each entry annotated with `search_rank` and a
    highlighted `search_snippet` (safe HTML)."""

    search_fields = ("title", "what_we_did", "what_we_learned", "where_we_are_heading")
    kind = django_filters.MultipleChoiceFilter(choices=LearningKind.choices, label=_("Type"))
    category = django_filters.ChoiceFilter(
        field_name="categories", lookup_expr="has_item", choices=BarrierCategory.choices, label=_("Category")
    )
    value_domain = django_filters.ChoiceFilter(
        field_name="value_domains", lookup_expr="has_item", choices=ValueDomain.choices, label=_("Value domain")
    )
    evidence_level = django_filters.MultipleChoiceFilter(choices=EvidenceLevel.choices, label=_("Evidence level"))
    visibility = django_filters.MultipleChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    language = django_filters.MultipleChoiceFilter(choices=ContentLanguage.choices, label=_("Content language"))
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__network", queryset=Network.objects.all(), label=_("Network")
    )
    theme_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__missions__theme", queryset=visible_choices(Theme), label=_("Theme"), distinct=True
    )
    mission_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__missions", queryset=visible_choices(Mission), label=_("Mission")
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__organisations", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    sector = django_filters.MultipleChoiceFilter(
        field_name="initiative__organisations__sector", choices=Sector.choices, label=_("Partner sector"), distinct=True
    )
    municipality_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__municipalities",
        queryset=Organisation.objects.filter(sector=Sector.MUNICIPALITY),
        label=_("Municipality"),
    )
    portfolio_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative__portfolio_entries__portfolio", queryset=visible_choices(Portfolio), label=_("Portfolio")
    )
    ordering = django_filters.OrderingFilter(fields=("created", "updated", "title"))

    class Meta:
        model = LearningEntry
        fields = []

    def search(self, queryset, name, value):
        return search_learning(queryset, value)


class ValueAssessmentFilterSet(InitiativeChildFilterSet):
    search_fields = ("narrative",)
    domain = django_filters.MultipleChoiceFilter(choices=ValueDomain.choices, label=_("Value domain"))
    assessor_role = django_filters.MultipleChoiceFilter(choices=AssessorRole.choices, label=_("Assessor role"))
    ordering = django_filters.OrderingFilter(fields=("period_start", "score", "created", "updated"))

    class Meta:
        model = ValueAssessment
        fields = []


class IndicatorFilterSet(InitiativeChildFilterSet):
    search_fields = ("name", "description")
    value_domain = django_filters.MultipleChoiceFilter(choices=ValueDomain.choices, label=_("Value domain"))
    ordering = django_filters.OrderingFilter(fields=("name", "created", "updated"))

    class Meta:
        model = Indicator
        fields = []


class MeasurementFilterSet(BaseFilterSet):
    search_fields = ("note",)
    indicator_id = django_filters.ModelMultipleChoiceFilter(
        field_name="indicator", queryset=visible_choices(Indicator), label=_("Indicator")
    )
    date_after = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("On or after"))
    date_before = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("On or before"))
    ordering = django_filters.OrderingFilter(fields=("date", "created", "updated"))

    class Meta:
        model = Measurement
        fields = []


class EventFilterSet(BaseFilterSet):
    """`q` searches the title, narrative and participants as learning is searched
    (evaluation.search): stemmed, across the three languages, best first."""

    search_fields = ("title", "narrative", "participants")
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="network", queryset=Network.objects.all(), label=_("Network")
    )
    initiative_id = django_filters.ModelMultipleChoiceFilter(
        field_name="initiative", queryset=visible_choices(Initiative), label=_("Initiative")
    )
    mission_id = django_filters.ModelMultipleChoiceFilter(
        field_name="mission", queryset=visible_choices(Mission), label=_("Mission")
    )
    visibility = django_filters.MultipleChoiceFilter(choices=Visibility.choices, label=_("Visibility"))
    language = django_filters.MultipleChoiceFilter(choices=ContentLanguage.choices, label=_("Content language"))
    ordering = django_filters.OrderingFilter(fields=("date", "created", "updated"))

    class Meta:
        model = Event
        fields = []

    def search(self, queryset, name, value):
        return search_events(queryset, value)


class ResourceObservationFilterSet(BaseFilterSet):
    search_fields = ("description",)
    event_id = django_filters.ModelMultipleChoiceFilter(
        field_name="event", queryset=visible_choices(Event), label=_("Event")
    )
    capital = django_filters.MultipleChoiceFilter(choices=Capital.choices, label=_("Capital"))
    state = django_filters.MultipleChoiceFilter(choices=ResourceState.choices, label=_("Actual or potential"))
    ordering = django_filters.OrderingFilter(fields=("created", "updated"))

    class Meta:
        model = ResourceObservation
        fields = []


class LearningSummaryFilterSet(BaseFilterSet):
    scope = django_filters.MultipleChoiceFilter(choices=SummaryScope.choices, label=_("Scope"))
    scope_id = django_filters.NumberFilter(label=_("Scope id"))
    audience = django_filters.MultipleChoiceFilter(choices=SummaryAudience.choices, label=_("Audience"))
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="network", queryset=Network.objects.all(), label=_("Network")
    )
    ordering = django_filters.OrderingFilter(fields=("computed_at", "created", "updated"))

    class Meta:
        model = LearningSummary
        fields = []
