"""Coverage maths, who sees which figures, downloads, and a bounded number of queries as data grows."""

import csv
import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.competence.coverage import coverage_of, institutions_summary, person_year
from kokybe.competence.tests import builders
from kokybe.tenancy.models import Membership
from kokybe.tenancy.permissions import Role
from kokybe.tenancy.tests.factories import MembershipFactory


@pytest.fixture
def year_data(world: World) -> None:
    """2026 in A1: staff has two needs (one met), worker one need met by an "other" training, and
    the consultant trained without a need; a 2025 training and an A2 training do not count."""
    with scopes_disabled():
        first_aid, dementia = builders.topic(world), builders.topic(world, "Demencija", "Dementia")
        builders.need(world, world.staff, on=first_aid)
        builders.need(world, world.staff, on=dementia)
        builders.need(world, world.worker, other="Gestų kalba")
        builders.training(world, [world.staff, world.consultant], on=first_aid, hours="6")
        builders.training(world, [world.worker], on=None, other="gestų KALBA ", hours="4.5")
        builders.training(world, [world.staff], on=dementia, held_on=datetime.date(2025, 5, 1))


def test_coverage_maths(world: World, year_data: None) -> None:
    with scopes_disabled():
        result = coverage_of(world.a, world.a1, 2026)
    # A1's staff: director, quality, worker, consultant, staff.
    assert result.staff_count == 5
    assert result.trained_staff == 3
    assert result.trained_share == pytest.approx(0.6)
    assert result.hours == Decimal("16.5")
    assert (result.needs, result.met) == (3, 2)
    people = {row.person.pk: row for row in result.people}
    assert people[world.staff.pk].hours == Decimal(6)
    assert [n.topic_label for n in people[world.staff.pk].unmet] == ["Dementia"]
    assert [n.topic_label for n in people[world.worker.pk].met] == ["Gestų kalba"]
    assert [(n.person_id, n.topic_label) for n in result.unmet] == [(world.staff.pk, "Dementia")]
    topics = {t.label: (t.needs, t.met, t.hours) for t in result.topics}
    assert topics["First aid"] == (1, 1, Decimal(12))
    assert topics["Dementia"] == (1, 0, Decimal(0))


def test_the_institutions_summary_agrees_with_each_coverage_page(world: World, year_data: None) -> None:
    with scopes_disabled():
        summaries = {s.institution: s for s in institutions_summary(world.a, [world.a1, world.a2], 2026)}
        one = coverage_of(world.a, world.a1, 2026)
    a1 = summaries[world.a1]
    assert (a1.staff_count, a1.trained_staff, a1.hours, a1.needs, a1.met) == (
        one.staff_count,
        one.trained_staff,
        one.hours,
        one.needs,
        one.met,
    )
    assert (summaries[world.a2].staff_count, summaries[world.a2].needs) == (1, 0)


def test_hours_of_someone_who_has_left_still_count_on_both_pages(world: World, year_data: None) -> None:
    """The consultant trained in A1 in 2026 and then left: the hours were spent there that year."""
    with scopes_disabled():
        Membership.objects.filter(user=world.consultant, institution=world.a1).delete()
        summary = institutions_summary(world.a, [world.a1], 2026)[0]
        one = coverage_of(world.a, world.a1, 2026)
    assert one.hours == summary.hours == Decimal("16.5")
    assert one.staff_count == summary.staff_count == 4
    assert one.trained_staff == summary.trained_staff == 2
    left = next(row for row in one.people if row.person == world.consultant)
    assert (left.is_staff, left.hours) == (False, Decimal(6))


def test_a_persons_own_year(world: World, year_data: None) -> None:
    with scopes_disabled():
        needs, met = person_year(world.a, world.staff, 2026)
    assert {n.topic_label: n.pk in met for n in needs} == {"First aid": True, "Dementia": False}


def test_managers_see_names_readers_see_aggregates(world: World, year_data: None) -> None:
    url = reverse("competence:coverage", args=[world.a.slug, world.a1.slug, 2026])
    name = world.staff.display_name.encode()
    managed = world.client_for(world.quality).get(url)
    assert managed.status_code == 200
    assert name in managed.content
    assert b"<svg" in managed.content
    assert b'role="img"' in managed.content
    read_only = world.client_for(world.worker).get(url)
    assert read_only.status_code == 200
    assert name not in read_only.content


def test_downloads(world: World, year_data: None) -> None:
    url = reverse("competence:coverage_download", args=[world.a.slug, world.a1.slug, 2026, "csv"])
    rows = list(csv.reader(io.StringIO(world.client_for(world.quality).get(url).content.decode("utf-8-sig"))))
    assert world.staff.display_name in {row[0] for row in rows}
    reader_rows = list(csv.reader(io.StringIO(world.client_for(world.worker).get(url).content.decode("utf-8-sig"))))
    assert world.staff.display_name not in {row[0] for row in reader_rows}
    assert "Pirmoji pagalba" in {row[0] for row in reader_rows}
    xlsx = world.client_for(world.quality).get(url.replace(".csv", ".xlsx"))
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx.content))
    assert len(workbook.sheetnames) == 2
    bad = world.client_for(world.quality).get(url.replace(".csv", ".pdf"))
    assert bad.status_code == 404


def _grow(world: World, people: int) -> None:
    with scopes_disabled():
        topics = [builders.topic(world, f"Tema {n}", f"Topic {n}") for n in range(4)]
        for n in range(people):
            person = MembershipFactory(municipality=world.a, institution=world.a1, role=Role.STAFF_MEMBER).user
            builders.need(world, person, on=topics[n % 4])
            builders.need(world, person, on=topics[(n + 1) % 4])
            builders.training(world, [person], on=topics[n % 4], certificate=builders.pdf_upload())


@pytest.mark.parametrize("name", ["coverage", "mine", "plans", "home"])
def test_query_counts_do_not_grow_with_the_data(world: World, django_assert_max_num_queries: object, name: str) -> None:
    urls = {
        "coverage": reverse("competence:coverage", args=[world.a.slug, world.a1.slug, 2026]),
        "mine": reverse("competence:mine", args=[world.a.slug]) + "?year=2026",
        "plans": reverse("competence:plans", args=[world.a.slug]),
        "home": reverse("competence:home", args=[world.a.slug]),
    }
    client = world.client_for(world.quality)
    _grow(world, 3)
    client.get(urls[name])
    with django_assert_max_num_queries(20) as small:  # type: ignore[operator]
        client.get(urls[name])
    _grow(world, 30)
    with django_assert_max_num_queries(len(small.captured_queries)):  # type: ignore[operator]
        assert client.get(urls[name]).status_code == 200


def test_plan_page_queries_do_not_grow_with_its_trainings(world: World, django_assert_max_num_queries: object) -> None:
    _grow(world, 4)
    with scopes_disabled():
        plan = builders.plan(world)
    url = reverse("competence:plan", args=[world.a.slug, plan.pk])
    client = world.client_for(world.quality)
    client.get(url)
    with django_assert_max_num_queries(25) as small:  # type: ignore[operator]
        client.get(url)
    _grow(world, 20)
    with scopes_disabled():
        from kokybe.competence.services.plans import plan_needs_bring_in

        plan.refresh_from_db()
        plan_needs_bring_in(actor=world.quality, plan=plan, shown_version=plan.lock_version)
    with django_assert_max_num_queries(len(small.captured_queries)):  # type: ignore[operator]
        assert client.get(url).status_code == 200
