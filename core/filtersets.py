"""The base FilterSet. One FilterSet per model serves both the HTML list and the API,
with the same parameter names: `q` for free text, `<fk>_id` for relations,
`updated_since` for incremental sync, `ordering` for sorting."""

import datetime

import django_filters
from django.core.exceptions import ValidationError
from django_filters.fields import IsoDateTimeField
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned into UTC. ISO allows offsets up to ±23:59,
    PostgreSQL only up to ±15:59; the same instant in UTC is always accepted."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.timezone.utc)
            except OverflowError:
                raise ValidationError(_("The date and time is out of range."), code="invalid") from None
        return value


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


class BaseFilterSet(django_filters.FilterSet):
    """Subclasses name `search_fields` (icontains lookups OR-ed together for `q`)."""

    search_fields: tuple[str, ...] = ()

    q = django_filters.CharFilter(method="search", label=_("Search"))
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated",
        lookup_expr="gte",
        label=_("Changed since"),
        help_text=_("ISO 8601 date and time with offset, e.g. 2026-11-01T00:00:00+01:00."),
    )

    def search(self, queryset, name, value):
        value = value.strip()
        if not value:
            return queryset
        condition = Q()
        for field in self.search_fields:
            condition |= Q(**{f"{field}__icontains": value})
        return queryset.filter(condition)


class JSONItemFilter(django_filters.CharFilter):
    """Matches rows whose JSON list field contains the value (core.lookups.HasItem)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "has_item")
        super().__init__(*args, **kwargs)


def visible_choices(model):
    """A choice queryset for a relation filter: only what the requesting user may see."""

    def queryset(request):
        user = getattr(request, "user", None)
        return model.objects.visible_to(user)

    return queryset
