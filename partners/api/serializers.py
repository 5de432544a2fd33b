from rest_framework import serializers

from core.api.serializers import ModelSerializer

from ..choices import MembershipRole
from ..models import Membership, Network, Organisation, Person

RECORD_FIELDS = ["id", "url", "created", "updated"]


class NetworkSerializer(ModelSerializer):
    class Meta:
        model = Network
        fields = [*RECORD_FIELDS, "name", "slug", "description", "country", "website"]


class OrganisationSerializer(ModelSerializer):
    class Meta:
        model = Organisation
        fields = [
            *RECORD_FIELDS,
            "name",
            "slug",
            "sector",
            "country",
            "identifier_scheme",
            "identifier",
            "municipality_code",
            "website",
        ]


class PersonRoleSerializer(serializers.Serializer):
    network = serializers.IntegerField(source="network_id", read_only=True)
    role = serializers.ChoiceField(choices=MembershipRole.choices, read_only=True)


class PersonSerializer(ModelSerializer):
    """A person's name, organisation and roles in networks; never their e-mail or login."""

    roles = PersonRoleSerializer(source="memberships", many=True, read_only=True)

    class Meta:
        model = Person
        fields = [*RECORD_FIELDS, "name", "organisation", "roles"]


class MembershipSerializer(ModelSerializer):
    class Meta:
        model = Membership
        fields = [*RECORD_FIELDS, "network", "person", "organisation", "role", "start_date", "end_date"]
