from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from rest_framework.pagination import PageNumberPagination

RESULT_COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts up to RESULT_COUNT_CAP results and no further: counting every match
    of a broad search costs more than the page itself, and nobody reads page 60.
    ``capped`` says the real number is larger.

    An object list may count itself: ``capped_count(limit)`` returns its length, or
    ``limit`` if it has that many (the offer search, which knows cheaper ways)."""

    @cached_property
    def count(self):
        counted = self.object_list
        if hasattr(counted, "capped_count"):
            return counted.capped_count(RESULT_COUNT_CAP + 1)
        if isinstance(counted, QuerySet):
            # Counting needs neither the order nor the computed columns of a page (a rank,
            # a distance): only the filters, which keep the annotations they use.
            counted = counted.order_by().values("pk")
        return counted[: RESULT_COUNT_CAP + 1].count()

    @property
    def capped(self) -> bool:
        return self.count > RESULT_COUNT_CAP

    @cached_property
    def num_pages(self):
        if self.count == 0 and not self.allow_empty_first_page:
            return 0
        reachable = min(self.count, RESULT_COUNT_CAP)
        return max(1, -(-reachable // self.per_page))


class Pagination(PageNumberPagination):
    """Pages of 20 by default; clients may ask up to 50 with ``page_size``."""

    page_size_query_param = "page_size"
    max_page_size = 50
    django_paginator_class = CappedPaginator
