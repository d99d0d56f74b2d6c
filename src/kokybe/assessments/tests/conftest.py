import pytest

from kokybe.accounts.models import User


@pytest.fixture(autouse=True)
def _pages_in_english(request: pytest.FixtureRequest) -> None:
    """The personas read the pages in English, so tests can name the messages they expect."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")
        User.objects.update(language="en")
