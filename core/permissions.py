"""Who may change what. Reading is decided by `visible_to`, changing by `editable_by`;
both live on the model's queryset, so pages, forms and the API ask the same question."""

from .audience import get_audience


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
