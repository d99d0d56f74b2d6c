"""Hand-built figures for the dashboards' tests: summaries, tallies and plan actions with known values.

The analytics summaries and the survey dimensions' yearly counts are written directly, as their own refresh would
leave them, so each test knows the exact figure the page must show; their own apps test how they are kept."""

import datetime

from django.db.models import F
from django_scopes import scopes_disabled

from conftest import World
from kokybe.analytics.models import PeriodSummary, Process
from kokybe.improvement.models import Action, ActionStatus, Plan, PlanStatus
from kokybe.improvement.tests.builders import action_in, goal_in, improvement_plan
from kokybe.surveys.builtin import CLIENT_SATISFACTION
from kokybe.surveys.models import DimensionYearTally, Survey
from kokybe.surveys.tests.builders import published_survey
from kokybe.tenancy.models import Institution

DAY = 86400.0


def period(
    world: World,
    institution: Institution | None,
    year: int,
    *,
    process: str = Process.SIGNALS,
    median_days: float = 2.0,
    with_deadline: int = 10,
    met: int = 9,
    service_id: int | None = None,
) -> PeriodSummary:
    with scopes_disabled():
        return PeriodSummary.objects.create(
            municipality=world.a,
            process=process,
            institution=institution,
            service_id=service_id,
            year=year,
            cases=with_deadline,
            completed=with_deadline,
            lead_median_s=median_days * DAY,
            lead_p90_s=median_days * 2 * DAY,
            lead_mean_s=median_days * 1.2 * DAY,
            lead_seconds_total=median_days * with_deadline * DAY,
            with_deadline=with_deadline,
            met_deadline=met,
        )


def satisfaction_survey(world: World) -> Survey:
    return published_survey(world, min_group_size=5)


def answers(
    survey: Survey,
    institution: Institution,
    month: str,
    *,
    people: int,
    scores: dict[str, int],
    dimension: str = CLIENT_SATISFACTION,
) -> None:
    """`people` respondents on a dimension in a month, with `scores` answers per point of the scale, in the
    dimension's counts per year (what the dashboards read)."""
    rows = [("", people), *scores.items()]
    with scopes_disabled():
        for value, count in rows:
            counted, _created = DimensionYearTally.objects.get_or_create(
                survey=survey, institution_id=institution.pk, year=int(month[:4]), dimension=dimension, value=value
            )
            DimensionYearTally.objects.filter(pk=counted.pk).update(count=F("count") + count)


def approved_plan_actions(world: World, institution: Institution, year: int, *, done: int, open_: int) -> Plan:
    """An approved improvement plan of `institution` with actions due in `year`: `done` done, `open_` planned."""
    plan = improvement_plan(world, institution=institution, first_year=year, last_year=year)
    goal = goal_in(world, plan)
    for number in range(done + open_):
        action = action_in(
            world,
            goal,
            starts_on=datetime.date(year, 1, 10),
            due_on=datetime.date(year, 6, 30),
            title=f"Veiksmas {number}",
        )
        if number < done:
            with scopes_disabled():
                Action.objects.filter(pk=action.pk).update(status=ActionStatus.DONE, progress=100)
    with scopes_disabled():
        Plan.objects.filter(pk=plan.pk).update(status=PlanStatus.APPROVED)
    return plan
