"""The viewsets every API endpoint is made of. An app's api/views.py declares only the
queryset (with select_related/prefetch_related for its serializer), the serializer and
the FilterSet; reading, permissions, validation, history, ETags and pagination are here.

Reading: `queryset.visible_to(user)`; a record outside it is a 404. An anonymous list is
served from the cache when it can be (core/pagecache.py), after the throttle.
Changing: `editable_by(user)` on the record: visible but not editable is a 403.
Creating: for a record inside another (a funding row in an initiative, a learning entry
about one), whoever may change that record; for a network's own record, the network's
administrators (or coordinators, for initiatives); directory records (networks,
organisations, people, memberships) are the site administrators'."""

from django.db.models import ForeignKey
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions, viewsets
from rest_framework.response import Response

from core.audience import get_audience
from core.pagecache import CachedAnswer
from core.permissions import (
    MOVE_REFUSED,
    can_change,
    can_create_in_network,
    may_move_to_network,
    moves_between_networks,
)
from core.querysets import VisibilityQuerySet

from . import schema  # noqa: F401  (registers the token scheme with drf-spectacular)
from .conditional import check_if_match, etag_for, not_modified
from .downloads import BulkDownloadMixin


class RecordPermission(permissions.BasePermission):
    message = _("You may read this record but not change it.")

    def has_permission(self, request, view):
        return request.method in permissions.SAFE_METHODS or bool(request.user and request.user.is_authenticated)

    def has_object_permission(self, request, view, obj):
        return request.method in permissions.SAFE_METHODS or can_change(request.user, obj)


def owner_field(model):
    """The record this one lives inside, whose editors may create and change it: the
    model's `visibility_parent`, or the first step of its `visibility_network_lookup`
    (a learning entry's initiative). None for a record owned by a network directly."""
    parent = getattr(model, "visibility_parent", None)
    if parent:
        return parent
    lookup = getattr(model, "visibility_network_lookup", "")
    return lookup.split("__")[0] if "__" in lookup else None


def has_network(model):
    try:
        return isinstance(model._meta.get_field("network"), ForeignKey)
    except Exception:
        return False


class RecordViewSetMixin(BulkDownloadMixin):
    permission_classes = [RecordPermission]
    lookup_value_regex = "[0-9]+"
    # Records with `updated` carry an ETag; read-only summaries too.
    etags = True
    # Anonymous lists are served from the cache (core/pagecache.py), after the throttle.
    anonymous_cache = True
    # Who creates a network's own records: "admins", or "coordinators" too (initiatives).
    network_creators = "admins"

    def get_queryset(self):
        queryset = self.queryset.all().visible_to(self.request.user)
        if self.detail and self.request.method not in permissions.SAFE_METHODS:
            # Locks the row for the rest of the request's transaction, so two writers
            # with the same If-Match cannot both pass the check.
            queryset = queryset.select_for_update(of=("self",))
        return queryset

    def filter_queryset(self, queryset):
        # Filters and ordering are for lists; a record is found by its id alone.
        if self.detail:
            return queryset
        return super().filter_queryset(queryset)

    def list(self, request, *args, **kwargs):
        answer = CachedAnswer.for_api(request) if self.anonymous_cache else None
        if answer is not None:
            hit = answer.get()
            if hit is not None:
                return hit
        response = super().list(request, *args, **kwargs)
        if answer is not None:
            answer.keep(response)
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        etag = etag_for(instance)
        if not_modified(request, etag):
            return Response(status=304, headers={"ETag": etag})
        return Response(self.get_serializer(instance).data, headers={"ETag": etag})


class ModelViewSet(RecordViewSetMixin, viewsets.ModelViewSet):
    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        instance = self.get_object()
        check_if_match(request, instance)
        serializer = self.get_serializer(instance, data=request.data, partial=partial)
        serializer.is_valid(raise_exception=True)
        self.perform_update(serializer)
        instance = serializer.instance
        # Nested read-only lists are read again, not served from the stale prefetch.
        instance._prefetched_objects_cache = {}
        return Response(self.get_serializer(instance).data, headers={"ETag": etag_for(instance)})

    def destroy(self, request, *args, **kwargs):
        instance = self.get_object()
        check_if_match(request, instance)
        self.perform_destroy(instance)
        return Response(status=204)

    def perform_create(self, serializer):
        if not self.may_create(serializer.validated_data):
            raise exceptions.PermissionDenied(_("You may not create this record here."))
        instance = serializer.save()
        self.created(instance)

    def perform_update(self, serializer):
        model = serializer.Meta.model
        data = serializer.validated_data
        instance = serializer.instance
        if "network" in data and moves_between_networks(model):
            # Moving a record to another network: the right to change it in both.
            if data["network"] is not None and not may_move_to_network(self.request.user, instance, data["network"].pk):
                raise exceptions.PermissionDenied(MOVE_REFUSED)
        owner = owner_field(model) or ("network" if has_network(model) else None)
        if owner and owner in data and getattr(instance, owner) != data[owner]:
            # Moving a record into another one is creating it in its new place.
            if not self.may_create(data):
                raise exceptions.PermissionDenied(_("You may not move this record there."))
        serializer.save()

    def perform_destroy(self, instance):
        instance._history_user = self.request.user
        instance.delete()

    def may_create(self, data):
        user = self.request.user
        model = self.queryset.model
        owner = owner_field(model)
        if owner:
            parent = data.get(owner)
            return parent is not None and can_change(user, parent)
        if has_network(model) and isinstance(model._default_manager.all(), VisibilityQuerySet):
            network = data.get("network")
            admin_only = self.network_creators != "coordinators"
            return network is not None and can_create_in_network(user, network.pk, admin_only=admin_only)
        return get_audience(user).sees_everything

    def created(self, instance):
        """Hook for what must follow a creation through the API."""


class ReadOnlyModelViewSet(RecordViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass
