"""Paging of every list: limit/offset for browsing, and keyset (cursor) pages for syncing.

- limit/offset (the default): `limit` (1 to 100, default 20) and `offset` (0 or more),
  with `count`, `next`, `previous`. The order is made total by the filter backend, so
  pages neither skip nor repeat while nothing changes.
- cursor (asked for with `ordering=updated` or a `cursor` parameter): the list in the
  order of `(updated, id)`, each page starting after the last record of the page before,
  named by an opaque `cursor` in `next`. A record changed while a client pages moves
  behind the cursor and comes again on a later page; none is skipped and none repeated
  for an unchanged record. `previous` is always null (forward only) and `count` is left out.

An invalid `limit`, `offset` or `cursor` is a 400 problem document naming the parameter."""

import base64
import binascii
import datetime
import json

from django.db.models import Q
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext_lazy as _
from rest_framework.exceptions import ErrorDetail
from rest_framework.pagination import BasePagination, LimitOffsetPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

CURSOR_PARAM = "cursor"
SYNC_ORDERING = "updated"


def invalid(parameter, message):
    # Imported here: DRF imports this module while defining its views, which problems imports.
    from .problems import InvalidQueryParameters

    return InvalidQueryParameters({parameter: [ErrorDetail(str(message), code="invalid")]})


def integer_parameter(request, name, default, minimum, maximum=None):
    """The query parameter as an int within [minimum, maximum], else a 400."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    try:
        value = int(raw.strip())
    except ValueError:
        raise invalid(name, _("Give a whole number.")) from None
    if value < minimum:
        raise invalid(name, _("Give a number of at least %(minimum)d.") % {"minimum": minimum})
    if maximum is not None and value > maximum:
        raise invalid(name, _("Give a number of at most %(maximum)d.") % {"maximum": maximum})
    return value


class Keyset(BasePagination):
    """Pages in the order of (`field`, id), each after the position named by the cursor."""

    field = SYNC_ORDERING
    default_limit = 20
    max_limit = 100

    def __init__(self, field=None):
        if field:
            self.field = field

    @staticmethod
    def encode(value, pk):
        raw = json.dumps([value.astimezone(datetime.UTC).isoformat(), pk]).encode()
        return base64.urlsafe_b64encode(raw).decode().rstrip("=")

    @staticmethod
    def decode(token):
        try:
            raw = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
            value, pk = json.loads(raw)
            moment = parse_datetime(value)
            if moment is None or moment.tzinfo is None or not isinstance(pk, int) or isinstance(pk, bool):
                raise ValueError
            return moment, pk
        except (ValueError, TypeError, binascii.Error, UnicodeDecodeError):
            raise invalid(CURSOR_PARAM, _("This cursor is not one the server gave out.")) from None

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.limit = integer_parameter(request, "limit", self.default_limit, 1, self.max_limit)
        if request.query_params.get("offset"):
            raise invalid("offset", _("A cursor page has no offset; follow `next`."))
        token = request.query_params.get(CURSOR_PARAM, "")
        queryset = queryset.order_by(self.field, "pk")
        if token:
            value, pk = self.decode(token)
            queryset = queryset.filter(Q(**{f"{self.field}__gt": value}) | Q(**{self.field: value, "pk__gt": pk}))
        rows = list(queryset[: self.limit + 1])
        self.has_next = len(rows) > self.limit
        rows = rows[: self.limit]
        self.last = rows[-1] if rows else None
        return rows

    def get_next_link(self):
        if not self.has_next:
            return None
        url = remove_query_param(self.request.build_absolute_uri(), "offset")
        return replace_query_param(url, CURSOR_PARAM, self.encode(getattr(self.last, self.field), self.last.pk))

    def get_paginated_response(self, data):
        return Response({"next": self.get_next_link(), "previous": None, "results": data})

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "The next page, or null on the last page.",
                },
                "previous": {"type": "string", "format": "uri", "nullable": True, "description": "Always null."},
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view):
        return [
            {
                "name": "limit",
                "required": False,
                "in": "query",
                "description": f"Records per page, 1 to {self.max_limit} (default {self.default_limit}).",
                "schema": {"type": "integer", "minimum": 1, "maximum": self.max_limit},
            },
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": "An opaque position taken from `next`.",
                "schema": {"type": "string"},
            },
        ]


class DeletionPages(Keyset):
    """The deletion feed, in the order of (deleted_at, id)."""

    field = "deleted_at"


class LimitOffset(LimitOffsetPagination):
    """limit/offset, or keyset pages when the request asks for them (see the module)."""

    default_limit = 20
    max_limit = 100
    keyset = None

    @staticmethod
    def wants_cursor(request):
        params = request.query_params
        return CURSOR_PARAM in params or params.get("ordering", "").strip() == SYNC_ORDERING

    def paginate_queryset(self, queryset, request, view=None):
        if self.wants_cursor(request):
            ordering = request.query_params.get("ordering", "").strip()
            if ordering and ordering != SYNC_ORDERING:
                raise invalid("ordering", _("Cursor pages are ordered by updated; leave ordering out or give updated."))
            self.keyset = Keyset()
            return self.keyset.paginate_queryset(queryset, request, view)
        return super().paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        if self.keyset is not None:
            return self.keyset.get_paginated_response(data)
        return super().get_paginated_response(data)

    def get_limit(self, request):
        return integer_parameter(request, self.limit_query_param, self.default_limit, 1, self.max_limit)

    def get_offset(self, request):
        return integer_parameter(request, self.offset_query_param, 0, 0)

    def get_paginated_response_schema(self, schema):
        answer = super().get_paginated_response_schema(schema)
        answer["required"] = ["next", "previous", "results"]
        answer["properties"]["count"]["description"] = "How many records match (limit/offset pages only)."
        answer["properties"]["next"]["description"] = "The next page, or null on the last page."
        return answer

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.limit_query_param:
                parameter["schema"].update({"minimum": 1, "maximum": self.max_limit})
                parameter["description"] = f"Records per page, 1 to {self.max_limit} (default {self.default_limit})."
            elif parameter["name"] == self.offset_query_param:
                parameter["schema"]["minimum"] = 0
        parameters.append(
            {
                "name": CURSOR_PARAM,
                "required": False,
                "in": "query",
                "description": (
                    "Sync mode: an opaque position taken from `next`. Pages in the order of (updated, id), "
                    "stable under concurrent writes; also chosen by `ordering=updated`."
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters
