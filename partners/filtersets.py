import django_filters
from django.utils.translation import gettext_lazy as _

from core.filtersets import BaseFilterSet

from .choices import Country, MembershipRole, Sector
from .models import Membership, Network, Organisation, Person


class NetworkFilterSet(BaseFilterSet):
    search_fields = ("name", "description")
    country = django_filters.MultipleChoiceFilter(choices=Country.choices, label=_("Country"))
    ordering = django_filters.OrderingFilter(fields=("name", "created", "updated"))

    class Meta:
        model = Network
        fields = ["country"]


class OrganisationFilterSet(BaseFilterSet):
    search_fields = ("name", "identifier", "municipality_code")
    sector = django_filters.MultipleChoiceFilter(choices=Sector.choices, label=_("Sector"))
    country = django_filters.MultipleChoiceFilter(choices=Country.choices, label=_("Country"))
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="memberships__network", queryset=Network.objects.all(), label=_("Network")
    )
    ordering = django_filters.OrderingFilter(fields=("name", "sector", "created", "updated"))

    class Meta:
        model = Organisation
        fields = ["sector", "country", "municipality_code", "identifier"]


class PersonFilterSet(BaseFilterSet):
    search_fields = ("name",)
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="memberships__network", queryset=Network.objects.all(), label=_("Network")
    )
    ordering = django_filters.OrderingFilter(fields=("name", "created", "updated"))

    class Meta:
        model = Person
        fields = []


class MembershipFilterSet(BaseFilterSet):
    search_fields = ("person__name", "organisation__name", "network__name")
    network_id = django_filters.ModelMultipleChoiceFilter(
        field_name="network", queryset=Network.objects.all(), label=_("Network")
    )
    person_id = django_filters.ModelMultipleChoiceFilter(
        field_name="person", queryset=Person.objects.all(), label=_("Person")
    )
    organisation_id = django_filters.ModelMultipleChoiceFilter(
        field_name="organisation", queryset=Organisation.objects.all(), label=_("Organisation")
    )
    role = django_filters.MultipleChoiceFilter(choices=MembershipRole.choices, label=_("Role"))
    ordering = django_filters.OrderingFilter(fields=("start_date", "end_date", "created", "updated"))

    class Meta:
        model = Membership
        fields = []
