from platform.pagination import RESULT_COUNT_CAP, CappedPaginator


class Counted(list):
    """A list that counts like a queryset, remembering how far it was asked to count."""

    def count(self):
        return len(self)

    def __getitem__(self, key):
        result = super().__getitem__(key)
        return Counted(result) if isinstance(key, slice) else result


def test_a_small_result_is_counted_exactly():
    paginator = CappedPaginator(Counted(range(45)), 20)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (45, 3, False)


def test_a_large_result_is_counted_up_to_the_cap_and_says_so():
    paginator = CappedPaginator(Counted(range(RESULT_COUNT_CAP * 3)), 20)

    assert paginator.capped
    assert paginator.count == RESULT_COUNT_CAP + 1
    assert paginator.num_pages == RESULT_COUNT_CAP // 20
    assert len(paginator.get_page(paginator.num_pages).object_list) == 20


def test_an_empty_result_has_one_empty_page():
    paginator = CappedPaginator(Counted(), 20)

    assert (paginator.count, paginator.num_pages, paginator.capped) == (0, 1, False)


class SelfCounting(Counted):
    """A list that knows a cheaper way to count, as the offer search does."""

    asked = None

    def capped_count(self, limit):
        self.asked = limit
        return min(len(self), limit)

    def count(self):
        raise AssertionError("counted by slicing, not by capped_count()")


def test_a_list_that_counts_itself_is_asked_up_to_the_cap():
    results = SelfCounting(range(RESULT_COUNT_CAP * 2))
    paginator = CappedPaginator(results, 20)

    assert (paginator.count, paginator.capped) == (RESULT_COUNT_CAP + 1, True)
    assert results.asked == RESULT_COUNT_CAP + 1
