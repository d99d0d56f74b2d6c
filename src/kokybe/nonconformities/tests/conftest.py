from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Services' messages are matched in English."""
    with translation.override("en"):
        yield
