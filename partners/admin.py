from django.contrib import admin

from .models import Membership, Network, Organisation, Person


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["person", "organisation"]


@admin.register(Network)
class NetworkAdmin(admin.ModelAdmin):
    list_display = ["name", "country", "updated"]
    search_fields = ["name", "description"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [MembershipInline]


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ["name", "sector", "country", "identifier", "municipality_code"]
    list_filter = ["sector", "country"]
    search_fields = ["name", "identifier", "municipality_code"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Person)
class PersonAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "work_email", "user"]
    list_select_related = ["organisation", "user"]
    search_fields = ["name", "work_email"]
    autocomplete_fields = ["organisation", "user"]


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):
    list_display = ["network", "person", "organisation", "role", "start_date", "end_date"]
    list_filter = ["role", "network"]
    list_select_related = ["network", "person", "organisation"]
    autocomplete_fields = ["person", "organisation"]
