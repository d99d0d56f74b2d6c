"""The public catalogue: no sign-in, published services only, indexable, in three languages, filterable."""

import re
from typing import Any

from django.test import Client
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.catalogue.tests.builders import service_of
from kokybe.tenancy.tests.factories import InstitutionFactory


def catalogue_url(place: str = "alpha") -> str:
    return reverse("catalogue_public:catalogue", args=[place])


def service_url(slug: str, place: str = "alpha") -> str:
    return reverse("catalogue_public:service", args=[place, slug])


def get(url: str, **query: str) -> str:
    response = Client().get(url, query)
    assert response.status_code == 200, response.status_code
    return response.content.decode()


def test_only_published_services_are_listed_without_signing_in(world: World) -> None:
    public = service_of(world.director, [world.a1], published=True)
    draft = service_of(world.director, [world.a1], name="Laikinas apnakvindinimas")
    page = get(catalogue_url())
    assert "Pagalba į namus" in page
    assert "Laikinas apnakvindinimas" not in page
    assert service_url(public.slug) in page
    assert Client().get(service_url(draft.slug)).status_code == 404
    assert Client().get(service_url(public.slug, "beta")).status_code == 404  # not B's
    assert Client().get(catalogue_url("nowhere")).status_code == 404


def test_a_service_page_is_indexable_and_names_its_languages(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    page = get(service_url(service.slug))
    assert "<title>Pagalba į namus – Alfos savivaldybė" in page
    assert '<meta name="description" content="Socialinis darbuotojas padeda namuose tvarkytis buityje.">' in page
    assert "noindex" not in page
    address = f"http://testserver{service_url(service.slug)}"
    assert f'<link rel="canonical" href="{address}">' in page
    assert f'<link rel="alternate" hreflang="lt" href="{address}">' in page
    assert f'<link rel="alternate" hreflang="en" href="{address}?lang=en">' in page
    assert 'hreflang="lv" href' not in page.split("</head>")[0]  # not described in Latvian
    assert f'<link rel="alternate" hreflang="x-default" href="{address}">' in page
    assert "catalogue/catalogue.css" in page  # the print layout


def test_a_service_page_in_english_marks_what_is_shown_in_lithuanian(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    page = get(service_url(service.slug), lang="en")
    assert '<html lang="en"' in page
    assert '<h1 class="govuk-heading-l">Help at home</h1>' in page
    assert re.search(r'<div class="govuk-body kokybe-service-text" lang="lt"><p>Senyvo amžiaus', page)
    assert "not yet written in your language" in page
    canonical = f"http://testserver{service_url(service.slug)}?lang=en"
    assert f'<link rel="canonical" href="{canonical}">' in page


def test_the_page_says_every_thing_a_resident_needs(world: World) -> None:
    service = service_of(world.director, [world.a1], published=True)
    page = get(service_url(service.slug), lang="en")
    for heading in ("Who can get it", "How to apply", "Documents needed", "Where", "Opening hours", "Cost"):
        assert heading in page
    assert "How long a decision takes" in page
    assert "At most 20 working days" in page
    assert "<li>Asmens tapatybės dokumentas</li>" in page
    assert '<a href="tel:+37046410000">+370 46 410 000</a>' in page
    assert '<a href="mailto:pagalba@example.lt">pagalba@example.lt</a>' in page
    assert world.a1.name in page
    assert f'href="{reverse("inquiries_public:form", args=["alpha"])}?lang=en"' in page


def test_the_catalogue_is_filtered_by_group_institution_and_words(world: World) -> None:
    service_of(world.director, [world.a1], published=True)
    service_of(world.coordinator, [world.a2], name="Vaikų dienos centras", groups=("children",), published=True)
    everything = get(catalogue_url(), lang="en")
    assert '<option value="children">Children (1)</option>' in everything  # only groups some service is for
    assert 'value="youth"' not in everything
    by_group = get(catalogue_url(), group="children")
    assert "Vaikų dienos centras" in by_group
    assert "Pagalba į namus" not in by_group
    by_institution = get(catalogue_url(), institution=world.a1.slug)
    assert "Pagalba į namus" in by_institution
    assert "Vaikų dienos centras" not in by_institution
    by_words = get(catalogue_url(), words="dienos")
    assert "Vaikų dienos centras" in by_words
    assert "Pagalba į namus" not in by_words
    assert "1 paslauga" in by_words


def test_switching_language_keeps_the_filters(world: World) -> None:
    service_of(world.director, [world.a1], published=True)
    page = get(catalogue_url(), group="older_people")
    assert 'href="?group=older_people&amp;lang=en"' in page


def test_only_reading_is_possible(world: World) -> None:
    assert Client().post(catalogue_url()).status_code == 405


def test_catalogue_queries_do_not_grow_with_services(world: World, django_assert_max_num_queries: Any) -> None:
    service_of(world.director, [world.a1], published=True)
    with django_assert_max_num_queries(20) as baseline:
        get(catalogue_url())
    with scopes_disabled():
        extra = [InstitutionFactory(municipality=world.a) for _ in range(3)]
    for number in range(12):
        service_of(world.coordinator, [world.a2, extra[number % 3]], name=f"Paslauga {number}", published=True)
    with django_assert_max_num_queries(len(baseline.captured_queries)):
        page = get(catalogue_url())
    assert "Paslauga 11" in page


def test_the_sitemap_names_every_published_service_in_its_languages(world: World) -> None:
    public = service_of(world.director, [world.a1], published=True)
    draft = service_of(world.director, [world.a1], name="Laikinas apnakvindinimas")
    response = Client().get(reverse("catalogue_public:sitemap", args=["alpha"]))
    assert response["Content-Type"] == "application/xml"
    body = response.content.decode()
    address = f"http://testserver{service_url(public.slug)}"
    assert f"<loc>{address}</loc>" in body
    assert f'<xhtml:link rel="alternate" hreflang="en" href="{address}?lang=en"/>' in body
    assert f"<loc>http://testserver{catalogue_url()}</loc>" in body
    assert draft.slug not in body


def test_services_are_in_alphabetical_order_of_the_page_language(world: World) -> None:
    for name in ("Žaisloteka", "Šeimos konsultavimas", "Apgyvendinimas", "Transportas"):
        service_of(world.director, [world.a1], name=name, published=True)
    page = get(catalogue_url())
    positions = [page.index(name) for name in ("Apgyvendinimas", "Šeimos konsultavimas", "Transportas", "Žaislotek")]
    assert positions == sorted(positions)
