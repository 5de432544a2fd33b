from core.api.viewsets import ModelViewSet

from ..filtersets import MembershipFilterSet, NetworkFilterSet, OrganisationFilterSet, PersonFilterSet
from ..models import Membership, Network, Organisation, Person
from . import serializers


class NetworkViewSet(ModelViewSet):
    """Cross-sector innovation networks. Changed by the site's administrators."""

    queryset = Network.objects.all()
    serializer_class = serializers.NetworkSerializer
    filterset_class = NetworkFilterSet


class OrganisationViewSet(ModelViewSet):
    """Municipalities, regions, companies, universities and civil-society organisations.
    Changed by the site's administrators."""

    queryset = Organisation.objects.all()
    serializer_class = serializers.OrganisationSerializer
    filterset_class = OrganisationFilterSet


class PersonViewSet(ModelViewSet):
    """People acting for organisations: name, organisation and roles in networks only."""

    queryset = Person.objects.prefetch_related("memberships")
    serializer_class = serializers.PersonSerializer
    filterset_class = PersonFilterSet


class MembershipViewSet(ModelViewSet):
    """A person's or an organisation's role in a network, for a period."""

    queryset = Membership.objects.all()
    serializer_class = serializers.MembershipSerializer
    filterset_class = MembershipFilterSet
