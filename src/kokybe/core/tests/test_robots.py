"""/robots.txt lets search engines into the public pages only and names the catalogues' sitemaps."""

import urllib.robotparser

import pytest
from django.test import Client
from django.urls import reverse

from conftest import World
from kokybe.catalogue.tests.builders import service_of

pytestmark = pytest.mark.django_db

SITE = "http://testserver"


def robots(client: Client | None = None) -> tuple[str, urllib.robotparser.RobotFileParser]:
    response = (client or Client()).get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    text = response.content.decode()
    parser = urllib.robotparser.RobotFileParser()
    parser.parse(text.splitlines())
    return text, parser


def test_public_pages_are_allowed_and_private_ones_disallowed(world: World) -> None:
    text, parser = robots()
    place = world.a.slug
    allowed = [f"/help/{place}/", f"/help/{place}/12/", f"/services/{place}/", f"/ask/{place}/"]
    disallowed = [
        f"/m/{place}/signals/",
        "/accounts/login/",
        "/invitations/abc/",
        reverse("inquiries_public:status", kwargs={"token": "secret-token"}),
        reverse("survey_public:start", args=["K7Q2"]),
        f"/box/{place}-box/",
    ]
    for path in allowed:
        assert parser.can_fetch("*", SITE + path), path
    for path in disallowed:
        assert not parser.can_fetch("*", SITE + path), path
    # The "sent" pages by RFC 9309's wildcard, which Python's parser does not read.
    assert reverse("inquiries_public:sent", args=[place, "ALP-2026-00001"]) == f"/ask/{place}/sent/ALP-2026-00001/"
    assert "Disallow: /ask/*/sent/" in text


def test_the_sitemaps_of_municipalities_that_publish_services_are_listed(world: World) -> None:
    service_of(world.coordinator, [world.a1], published=True)
    text, _parser = robots()
    sitemaps = [line.removeprefix("Sitemap: ") for line in text.splitlines() if line.startswith("Sitemap: ")]
    assert sitemaps == [SITE + reverse("catalogue_public:sitemap", args=[world.a.slug])]


def test_robots_txt_is_the_same_for_a_signed_in_person(world: World) -> None:
    text, _parser = robots()
    assert robots(world.client_for(world.worker))[0] == text
    assert "Sitemap:" not in text
