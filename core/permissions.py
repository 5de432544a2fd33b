"""Who may change what. Reading is decided by `visible_to`, changing by `editable_by`;
both live on the model's queryset, so pages, forms and the API ask the same question."""

from django.utils.translation import gettext_lazy as _

from .audience import get_audience

MOVE_REFUSED = _("You may not move this record to that network: that needs the right to change it in both networks.")


def can_change(user, obj, queryset=None) -> bool:
    """May the user edit or delete obj? The one "may change" rule of pages, forms and the
    API: obj is in `queryset.editable_by(user)` (the model's default manager unless a view
    names its queryset). False without a query for an anonymous user or a queryset with no
    editable_by. (One query; the audience is cached per request.)"""
    if user is None or not user.is_authenticated:
        return False
    queryset = type(obj)._default_manager.all() if queryset is None else queryset
    if not hasattr(queryset, "editable_by"):
        return False
    return queryset.editable_by(user).filter(pk=obj.pk).exists()


def can_create_in_network(user, network_id, *, admin_only=False) -> bool:
    """May the user add a record owned by this network? Coordinators add initiatives;
    themes, missions and portfolios are the network administrators' (admin_only)."""
    audience = get_audience(user)
    if audience.sees_everything:
        return True
    allowed = audience.admin_network_ids if admin_only else audience.coordinator_network_ids
    return network_id in allowed


def networks_user_can_create_in(user, *, admin_only=False):
    """Network ids for a form's choice list (None means: all of them)."""
    audience = get_audience(user)
    if audience.sees_everything:
        return None
    return audience.admin_network_ids if admin_only else audience.coordinator_network_ids


def may_move_to_network(user, obj, network_id) -> bool:
    """May the user move obj (a record with a `network`) to network_id? Moving is changing
    the record in both networks: the user must be allowed to change it where it is (the
    stored row, whatever the form or request already put on obj) and to change such
    records in the new network. Staying where it is needs nothing more. Pages (core.forms)
    and the API (core.api.viewsets) both ask this."""
    model = type(obj)
    if obj.pk is None:
        return True
    stored = model._base_manager.filter(pk=obj.pk).values_list("network_id", flat=True).first()
    if stored is None or stored == network_id:
        return True
    manager = model._default_manager
    return (
        can_change(user, obj)
        and manager.may_change_in_network(user, stored)
        and manager.may_change_in_network(user, network_id)
    )


def moves_between_networks(model) -> bool:
    """Does the model have a `network` whose moves may_move_to_network checks?"""
    return hasattr(model._default_manager, "may_change_in_network") and any(
        field.name == "network" and field.is_relation for field in model._meta.concrete_fields
    )
