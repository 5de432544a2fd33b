from django.contrib import admin

from .models import (
    Event,
    Follow,
    Indicator,
    LearningEntry,
    LearningSummary,
    Measurement,
    NotificationSettings,
    RecomputationRun,
    ResourceObservation,
    SentNotification,
    TwinCandidate,
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
    autocomplete_fields = ["initiative", "mission", "grew_out_of"]
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


class ReadOnlyAdmin(admin.ModelAdmin):
    """Written by jobs only: the admin shows them."""

    def get_readonly_fields(self, request, obj=None):
        return [f.name for f in self.model._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(RecomputationRun)
class RecomputationRunAdmin(ReadOnlyAdmin):
    list_display = ["network", "status", "done", "total", "started", "finished", "started_by"]
    list_filter = ["status", "network"]
    list_select_related = ["network", "started_by"]


@admin.register(TwinCandidate)
class TwinCandidateAdmin(ReadOnlyAdmin):
    list_display = ["initiative", "rank", "candidate", "score", "computed_at"]
    list_select_related = ["initiative", "candidate"]
    search_fields = ["initiative__title", "candidate__title"]


@admin.register(SentNotification)
class SentNotificationAdmin(ReadOnlyAdmin):
    list_display = ["user", "kind", "key", "created", "sent_at"]
    list_filter = ["kind"]
    list_select_related = ["user"]


@admin.register(Follow)
class FollowAdmin(admin.ModelAdmin):
    list_display = ["user", "mission", "initiative", "created"]
    list_select_related = ["user", "mission", "initiative"]
    autocomplete_fields = ["mission", "initiative"]
    raw_id_fields = ["user"]


@admin.register(NotificationSettings)
class NotificationSettingsAdmin(admin.ModelAdmin):
    list_display = ["user", "language", "weekly_digest", "funding_cliff", "review_due"]
    list_filter = ["language", "weekly_digest", "funding_cliff", "review_due"]
    raw_id_fields = ["user"]
