from collections.abc import Iterator

import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def _english() -> Iterator[None]:
    """Services' messages are matched in English; pages keep the person's own language."""
    with translation.override("en"):
        yield
