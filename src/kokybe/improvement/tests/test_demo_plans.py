"""The demo's plans: every action state, reviews for 2024 and 2025, K4 causes, the annual journey ready.

The demo is loaded once for the module inside a transaction rolled back at the end.
"""

from collections.abc import Iterator
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django_scopes import scopes_disabled

from kokybe.demo.improvement import improvement_load
from kokybe.improvement.models import Action, ActionCause, ActionStatus, ExecutionReview, PartStatus, Plan, PlanStatus


@pytest.fixture(scope="module")
def demo(django_db_setup: None, django_db_blocker: Any) -> Iterator[None]:
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.fixture
def loaded(demo: None, db: None) -> Iterator[None]:
    with scopes_disabled():
        yield


def test_every_action_state_and_two_years_of_reviews(loaded: None) -> None:
    dane = Plan.objects.get(institution__slug__endswith="dane", kind="improvement")
    assert set(Action.objects.filter(plan=dane).values_list("status", flat=True)) == set(ActionStatus.values)
    assert set(ExecutionReview.objects.filter(plan=dane).values_list("year", flat=True)) == {2024, 2025}
    assert Plan.objects.filter(kind="improvement", first_year=2024, status=PlanStatus.APPROVED).count() == 13


def test_accessibility_actions_are_caused_by_k4_results_when_the_rounds_exist(loaded: None) -> None:
    links = ActionCause.objects.filter(content_type__model="criterionresult")
    if not links.exists():
        pytest.skip("the self-assessment demo has no rounds")
    assert all(" K4 " in link.label for link in links)
    assert links.filter(municipality__slug="kuldiga").exists()


def test_the_annual_journey_is_ready_to_walk(loaded: None) -> None:
    drafting = Plan.objects.get(kind="annual", first_year=2027)
    assert drafting.status == PlanStatus.DRAFTING
    assert drafting.budget_approved_on is not None
    assert sorted(drafting.parts.values_list("status", flat=True)) == [
        PartStatus.DRAFTING,
        PartStatus.DRAFTING,
        PartStatus.SUBMITTED,
    ]
    revised = Plan.objects.filter(kind="annual", first_year=2026, institution=drafting.institution)
    assert sorted(revised.values_list("version", "status")) == [(1, "superseded"), (2, "approved")]
    assert revised.get(version=2).change_reason


def test_a_second_run_changes_nothing(loaded: None) -> None:
    counts = [model.objects.count() for model in (Plan, Action, ActionCause, ExecutionReview)]
    improvement_load()
    assert [model.objects.count() for model in (Plan, Action, ActionCause, ExecutionReview)] == counts
