from django.contrib import admin

from .models import Funding, Initiative, Mission, MissionOrganisation, Participation, PhaseChange, Theme


@admin.register(Theme)
class ThemeAdmin(admin.ModelAdmin):
    list_display = ["name", "network", "visibility"]
    list_filter = ["network", "visibility"]
    search_fields = ["name"]


class MissionOrganisationInline(admin.TabularInline):
    model = MissionOrganisation
    extra = 0
    autocomplete_fields = ["organisation"]


@admin.register(Mission)
class MissionAdmin(admin.ModelAdmin):
    list_display = ["title", "theme", "network", "visibility", "start_date", "end_date"]
    list_filter = ["network", "visibility"]
    list_select_related = ["theme", "network"]
    search_fields = ["title", "problem", "goal"]
    inlines = [MissionOrganisationInline]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["organisation"]


class FundingInline(admin.TabularInline):
    model = Funding
    extra = 0
    autocomplete_fields = ["funder"]


class PhaseChangeInline(admin.TabularInline):
    model = PhaseChange
    extra = 0
    autocomplete_fields = ["changed_by"]


@admin.register(Initiative)
class InitiativeAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "phase", "network", "visibility", "language", "updated"]
    list_filter = ["phase", "kind", "visibility", "language", "network"]
    list_select_related = ["network"]
    search_fields = ["title", "summary", "intention"]
    autocomplete_fields = ["parent", "twin_of", "municipalities", "missions"]
    inlines = [ParticipationInline, FundingInline, PhaseChangeInline]
