from django_filters import utils
from django_filters.rest_framework import DjangoFilterBackend

from .problems import InvalidQueryParameters


def with_total_order(queryset):
    """The queryset's order, made total by the primary key, so limit/offset pages never
    skip or repeat a record however many share a sort value."""
    ordering = list(queryset.query.order_by) or list(queryset.model._meta.ordering)
    names = {str(term).lstrip("-") for term in ordering}
    if not names & {"pk", "id"}:
        ordering.append("pk")
    return queryset.order_by(*ordering)


class FilterSetBackend(DjangoFilterBackend):
    """The view's FilterSet (the one the pages use, with the same parameter names), then
    a total order. An invalid parameter is a 400 naming the parameter."""

    def filter_queryset(self, request, queryset, view):
        filterset = self.get_filterset(request, queryset, view)
        if filterset is not None:
            if not filterset.is_valid():
                raise InvalidQueryParameters(utils.translate_validation(filterset.errors).detail)
            queryset = filterset.qs
        return with_total_order(queryset)
