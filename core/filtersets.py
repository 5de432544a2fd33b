"""The base FilterSet. One FilterSet per model serves both the HTML list and the API,
with the same parameter names: `q` for free text, `<fk>_id` for relations,
`updated_since` for incremental sync, `ordering` for sorting."""

import copy
import datetime
import functools

import django_filters
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django_filters.fields import IsoDateTimeField

MAX_QUERY_LENGTH = 200


class UTCIsoDateTimeField(IsoDateTimeField):
    """An ISO 8601 date-time, turned into UTC. ISO allows offsets up to ±23:59,
    PostgreSQL only up to ±15:59; the same instant in UTC is always accepted."""

    def to_python(self, value):
        value = super().to_python(value)
        if isinstance(value, datetime.datetime) and value.tzinfo is not None:
            try:
                value = value.astimezone(datetime.UTC)
            except OverflowError:
                raise ValidationError(_("The date and time is out of range."), code="invalid") from None
        return value


class UTCIsoDateTimeFilter(django_filters.IsoDateTimeFilter):
    field_class = UTCIsoDateTimeField


@functools.cache
def crosses_to_many(model, field_name):
    """Does the path (`organisations__sector`) pass through a to-many relation, so that
    a join on it can repeat the model's rows? None when the path is not made of fields."""
    opts = model._meta
    for part in field_name.split("__"):
        try:
            field = opts.get_field(part)
        except FieldDoesNotExist:
            return None
        if field.many_to_many or field.one_to_many:
            return True
        if not field.is_relation:
            return False
        opts = field.related_model._meta
    return False


def first_hop(model, field_name):
    """(manager, rest of the path, column) to filter a to-many path on the table of its
    first step: the through table of a many-to-many field, the related table of a reverse
    foreign key. `municipalities` becomes `organisation` on the through table, selecting
    `initiative_id`, so the subquery does not join the model's own table again.
    (None, None, None) when the first step is neither."""
    first, _, rest = field_name.partition("__")
    try:
        field = model._meta.get_field(first)
    except FieldDoesNotExist:
        return None, None, None
    if field.many_to_many and field.concrete:
        through = field.remote_field.through
        target = field.m2m_reverse_field_name()
        source = through._meta.get_field(field.m2m_field_name()).attname
        return through._base_manager, f"{target}__{rest}" if rest else target, source
    if field.one_to_many and rest:
        return field.related_model._base_manager, rest, field.field.attname
    return None, None, None


class BaseFilterSet(django_filters.FilterSet):
    """Subclasses name `search_fields` (icontains lookups OR-ed together for `q`).

    No filter makes the query SELECT DISTINCT: django-filter's multiple-choice filters
    add DISTINCT by default (over every column, and a COUNT(*) of that), because a join
    through a to-many relation (`municipality_id`, `organisation_id`, `theme_id`, ...)
    repeats rows. Here such a filter becomes `pk IN (subquery)` instead, which cannot
    repeat rows, and a filter on the model's own columns needs neither."""

    search_fields: tuple[str, ...] = ()

    # A search is a few words: a longer `q` is refused (a form error on the page, a 400
    # problem in the API) rather than matched against every row, word by word.
    q = django_filters.CharFilter(method="search", label=_("Search"), max_length=MAX_QUERY_LENGTH)
    updated_since = UTCIsoDateTimeFilter(
        field_name="updated",
        lookup_expr="gte",
        label=_("Changed since"),
        help_text=_("ISO 8601 date and time with offset, e.g. 2026-11-01T00:00:00+01:00."),
    )

    def __init__(self, data=None, *args, **kwargs):
        if data is not None and hasattr(data, "getlist") and len(data.getlist("ordering")) > 1:
            # `ordering=a&ordering=b` (how generated clients send a list) means what
            # `ordering=a,b` means; the ordering widget would read only the last one.
            data = data.copy()
            data.setlist("ordering", [",".join(data.getlist("ordering"))])
        super().__init__(data, *args, **kwargs)

    def filter_queryset(self, queryset):
        for name, value in self.form.cleaned_data.items():
            queryset = self.apply_filter(self.filters[name], queryset, value)
        return queryset

    def apply_filter(self, filter_, queryset, value):
        if filter_.method is not None or not filter_.field_name:
            return filter_.filter(queryset, value)
        to_many = crosses_to_many(queryset.model, filter_.field_name)
        if to_many is None:
            return filter_.filter(queryset, value)
        filter_.distinct = False
        if not to_many:
            return filter_.filter(queryset, value)
        rows, rest, column = first_hop(queryset.model, filter_.field_name)
        if rows is None:
            rows, rest, column = queryset.model._base_manager, filter_.field_name, "pk"
        everything = rows.all()
        hop = copy.copy(filter_)
        hop.field_name = rest
        matching = hop.filter(everything, value)
        if matching is everything:  # no value: no filter
            return queryset
        return queryset.filter(pk__in=matching.values(column))

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
