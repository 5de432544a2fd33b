from django.contrib import admin

from .models import (
    Event,
    Indicator,
    LearningEntry,
    LearningSummary,
    Measurement,
    ResourceObservation,
    ValueAssessment,
)


@admin.register(LearningEntry)
class LearningEntryAdmin(admin.ModelAdmin):
    list_display = ["title", "initiative", "kind", "evidence_level", "visibility", "language", "created"]
    list_filter = ["kind", "evidence_level", "visibility", "language"]
    list_select_related = ["initiative"]
    search_fields = ["title", "what_we_learned"]
    autocomplete_fields = ["initiative", "author"]


@admin.register(ValueAssessment)
class ValueAssessmentAdmin(admin.ModelAdmin):
    list_display = ["initiative", "domain", "score", "period_start", "period_end", "assessor_role"]
    list_filter = ["domain", "assessor_role"]
    autocomplete_fields = ["initiative", "assessed_by"]


class MeasurementInline(admin.TabularInline):
    model = Measurement
    extra = 0


@admin.register(Indicator)
class IndicatorAdmin(admin.ModelAdmin):
    list_display = ["name", "initiative", "unit", "baseline", "target"]
    autocomplete_fields = ["initiative"]
    inlines = [MeasurementInline]


class ResourceObservationInline(admin.TabularInline):
    model = ResourceObservation
    extra = 0


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "date", "network", "initiative", "mission", "visibility"]
    list_filter = ["network", "visibility"]
    search_fields = ["title", "narrative"]
    autocomplete_fields = ["initiative", "mission"]
    inlines = [ResourceObservationInline]


@admin.register(LearningSummary)
class LearningSummaryAdmin(admin.ModelAdmin):
    """Summaries are written by jobs only: the admin shows them."""

    list_display = ["scope", "scope_id", "audience", "status", "computed_at"]
    list_filter = ["scope", "audience", "status"]
    readonly_fields = [f.name for f in LearningSummary._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
