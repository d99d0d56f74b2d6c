"""Every URL pattern of the project, with its view, so tests can probe them all."""

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import URLPattern, URLResolver, get_resolver

KWARG = re.compile(r"<(?:\w+:)?(\w+)>")


@dataclass(frozen=True)
class Route:
    name: str  # namespaced, e.g. "tenancy:institution"
    route: str  # e.g. "m/<slug:municipality>/institutions/<slug:institution>/"
    kwargs: frozenset[str]

    @property
    def is_tenant(self) -> bool:
        return "municipality" in self.kwargs


def routes() -> list[Route]:
    return sorted(_walk(get_resolver().url_patterns, "", ""), key=lambda r: r.name)


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Route]:
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            yield from _walk(pattern.url_patterns, route, inner)
        elif isinstance(pattern, URLPattern):
            yield Route(f"{namespace}{pattern.name or route}", route, frozenset(KWARG.findall(route)))
