"""The API's paging: ?limit= and ?offset=, as DRF's LimitOffsetPagination, with a ceiling.

Without one, ?limit=10000000000000000000000 reaches PostgreSQL as LIMIT and fails there as
"bigint out of range" (a 500); a client asking for more than MAX_LIMIT rows gets MAX_LIMIT and
pages on with `next`. An offset past the end already returns an empty page without a query.
"""

from rest_framework.pagination import LimitOffsetPagination


class Pagination(LimitOffsetPagination):
    """limit defaults to PAGE_SIZE (200) and is capped at max_limit."""

    max_limit = 10_000
