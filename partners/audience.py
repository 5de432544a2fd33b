"""Resolves a user's Audience from their memberships (see core.audience)."""

from django.db.models import Q
from django.utils import timezone

from core.audience import Audience

from .choices import MembershipRole
from .models import Membership
from .services import person_of


def active_memberships(today=None):
    today = today or timezone.localdate()
    return Membership.objects.filter(
        Q(start_date__isnull=True) | Q(start_date__lte=today),
        Q(end_date__isnull=True) | Q(end_date__gte=today),
    )


def audience_for_user(user) -> Audience:
    if user.is_superuser:
        return Audience(sees_everything=True)
    person = person_of(user)
    if person is None:
        return Audience()
    # A person's role in a network comes from their own membership; an organisation's
    # membership makes its people members of the network too.
    rows = (
        active_memberships()
        .filter(Q(person=person) | Q(organisation_id=person.organisation_id, organisation__isnull=False))
        .values_list("network_id", "role", "person_id")
    )
    network_ids, coordinator_ids, admin_ids = set(), set(), set()
    for network_id, role, person_id in rows:
        network_ids.add(network_id)
        if person_id is None:
            continue
        if role in (MembershipRole.COORDINATOR, MembershipRole.ADMIN):
            coordinator_ids.add(network_id)
        if role == MembershipRole.ADMIN:
            admin_ids.add(network_id)
    # A person coordinates for their own organisation, in the networks where they coordinate.
    pairs = {(network_id, person.organisation_id) for network_id in coordinator_ids} if person.organisation_id else ()
    return Audience(
        person_id=person.pk,
        network_ids=frozenset(network_ids),
        coordinator_network_ids=frozenset(coordinator_ids),
        admin_network_ids=frozenset(admin_ids),
        coordinator_organisations=frozenset(pairs),
    )
