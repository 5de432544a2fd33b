"""Who a user is in the networks, asked once per request.

core does not import partners (imports point one way), so the lookup itself is named in
settings.HORISONT_AUDIENCE_RESOLVER and lives beside the Membership model."""

from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class Audience:
    """The networks and organisations a user reads and acts for."""

    sees_everything: bool = False
    person_id: int | None = None
    # Networks the user belongs to, in any role: they read its network-visible records.
    network_ids: frozenset = field(default_factory=frozenset)
    # Networks where the user coordinates or administers: they read its drafts.
    coordinator_network_ids: frozenset = field(default_factory=frozenset)
    admin_network_ids: frozenset = field(default_factory=frozenset)
    # (network id, organisation id): the user coordinates for the organisation in that
    # network, and there only they edit (and read the drafts of) the initiatives it takes
    # part in. Roles are per network: a coordinator in network A has no say over an
    # initiative of network B because their organisation takes part in it.
    coordinator_organisations: frozenset = field(default_factory=frozenset)

    @property
    def coordinator_organisation_ids(self) -> frozenset:
        """Organisations the user coordinates for in some network. For "is this user a
        coordinator for it anywhere" only; a right over a network's record asks
        `organisations_coordinated_in(network_id)`."""
        return frozenset(organisation_id for _, organisation_id in self.coordinator_organisations)

    def organisations_coordinated_in(self, network_id) -> frozenset:
        """The organisations the user coordinates for in this network."""
        return frozenset(org for network, org in self.coordinator_organisations if network == network_id)

    def coordinates_for(self, network_id, organisation_id) -> bool:
        return (network_id, organisation_id) in self.coordinator_organisations

    def coordinated_organisations_by_networks(self):
        """[(network ids, organisation ids)]: the pairs grouped, so a queryset asks
        "in these networks, one of these organisations" once per group (a person has one
        organisation, so there is one group)."""
        groups = {}
        for network_id in sorted({network for network, _ in self.coordinator_organisations}):
            groups.setdefault(self.organisations_coordinated_in(network_id), set()).add(network_id)
        return [(frozenset(networks), organisations) for organisations, networks in groups.items()]


ANONYMOUS = Audience()


def get_audience(user) -> Audience:
    """The user's Audience, computed once and kept on the user object for the request."""
    if user is None or not user.is_authenticated or not user.is_active:
        return ANONYMOUS
    cached = getattr(user, "_horisont_audience", None)
    if cached is None:
        cached = import_string(settings.HORISONT_AUDIENCE_RESOLVER)(user)
        user._horisont_audience = cached
    return cached


def forget_audience(user) -> None:
    """Drop the cached Audience, after the user's memberships changed."""
    if hasattr(user, "_horisont_audience"):
        del user._horisont_audience
