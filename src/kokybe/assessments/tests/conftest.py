from collections.abc import Iterator

import pytest
from django.utils import translation

from kokybe.accounts.models import User


@pytest.fixture(autouse=True)
def _in_english(request: pytest.FixtureRequest) -> Iterator[None]:
    """Messages and pages in English, so tests can name the messages they expect."""
    if "world" in request.fixturenames:
        request.getfixturevalue("world")
        User.objects.update(language="en")
    with translation.override("en"):
        yield
