import pytest


@pytest.fixture(autouse=True)
def _in_territory(territory):
    """The journal lives in a territory's schema: every test here runs in the test territory's."""
