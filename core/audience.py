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
    # Organisations the user coordinates for: they edit the initiatives these take part in.
    coordinator_organisation_ids: frozenset = field(default_factory=frozenset)


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
