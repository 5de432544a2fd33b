"""/api/v1/deletions/: the deletion feed. Every deleted record of an API resource leaves
a tombstone (core/changes.py) with its resource, id and time; a reader sees the deletions
of the records they could see. Cursor pages in the order of (deleted_at, id), like the
lists' sync mode, filtered by `deleted_since` and `type`. Kept HORISONT_TOMBSTONE_DAYS
(365) days, then pruned by core.tasks.prune_tombstones."""

import django_filters
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, serializers

from core.changes import resource_names
from core.filtersets import UTCIsoDateTimeFilter
from core.models import Tombstone

from .pagination import DeletionPages


def resource_choices():
    return sorted((name, name) for name in set(resource_names().values()))


class TombstoneFilterSet(django_filters.FilterSet):
    deleted_since = UTCIsoDateTimeFilter(
        field_name="deleted_at",
        lookup_expr="gte",
        label=_("Deleted since"),
        help_text=_("ISO 8601 date and time with offset, e.g. 2026-11-01T00:00:00+01:00."),
    )
    type = django_filters.MultipleChoiceFilter(
        field_name="resource",
        choices=resource_choices,
        label=_("Resource"),
        help_text=_("The resource, as in its path (initiatives, fundings, ...); repeat for several."),
    )

    class Meta:
        model = Tombstone
        fields = ["deleted_since", "type"]


class TombstoneSerializer(serializers.ModelSerializer):
    type = serializers.CharField(source="resource", help_text="The resource, as in its path: `initiatives`, ...")
    id = serializers.IntegerField(source="object_id", help_text="The id the record had.")
    deleted_at = serializers.DateTimeField(help_text="When it was deleted.")

    class Meta:
        model = Tombstone
        fields = ["type", "id", "deleted_at"]
        ref_name = "Deletion"


class DeletionListView(generics.ListAPIView):
    """Deleted records you could see, oldest first: apply them to a local copy."""

    permission_classes = [permissions.AllowAny]
    queryset = Tombstone.objects.all()
    serializer_class = TombstoneSerializer
    filterset_class = TombstoneFilterSet
    pagination_class = DeletionPages

    def get_queryset(self):
        return Tombstone.objects.visible_to(self.request.user)

    @extend_schema(summary="List deletions", operation_id="deletions_list")
    def get(self, request, *args, **kwargs):
        return super().get(request, *args, **kwargs)
