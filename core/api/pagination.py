from rest_framework.pagination import LimitOffsetPagination


class LimitOffset(LimitOffsetPagination):
    """`limit` (default 20, at most 100) and `offset`, with `count`, `next`, `previous`.
    The order is made total by the filter backend, so pages neither skip nor repeat."""

    default_limit = 20
    max_limit = 100
