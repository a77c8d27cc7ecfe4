from rest_framework.pagination import PageNumberPagination


class Pagination(PageNumberPagination):
    """Pages of 20 by default; clients may ask up to 50 with ``page_size``."""

    page_size_query_param = "page_size"
    max_page_size = 50
