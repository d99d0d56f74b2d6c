"""A survey question as the cause of an action: what its label says, and to whom."""

from datetime import date

import pytest
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.improvement.causes import is_registered, resolve_cause
from kokybe.surveys.definition import items_of
from kokybe.surveys.models import Survey
from kokybe.surveys.services import responding
from kokybe.surveys.tests.builders import published_survey
from kokybe.tenancy.access import Access, memberships_of

pytestmark = pytest.mark.django_db


def access_for(world: World, user: object) -> Access:
    with scopes_disabled():
        return Access(user=user, municipality=world.a, memberships=memberships_of(user, world.a))


def answer(survey: Survey, overall: int, count: int) -> None:
    with scopes_disabled():
        version = responding.current_version(survey)
        for _ in range(count):
            responding.store_response(
                survey=survey,
                version=version,
                items=items_of(survey.spec(version)),
                answers={"overall": overall},
                texts={},
                channel="web",
                language="lt",
                institution=survey.institution,
                client_group="",
                submitted_on=date(2025, 3, 14),
            )


def test_the_kinds_of_cause_are_registered_at_start_up() -> None:
    assert is_registered("surveys.survey")
    assert is_registered("Surveys.Survey")
    assert not is_registered("surveys.response")


def test_the_label_gives_the_mean_once_enough_people_answered(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    quality = access_for(world, world.quality)
    answer(survey, 4, 3)
    with scope(municipality=world.a.pk):
        few = resolve_cause(quality, "surveys.survey", survey.pk, "overall")
    assert few is not None
    assert few.label.endswith("“Overall”")  # fewer than five answers: no figure
    answer(survey, 3, 2)
    with scope(municipality=world.a.pk):
        enough = resolve_cause(quality, "surveys.survey", survey.pk, "overall")
    assert enough is not None
    assert enough.label.endswith("“Overall”: 3.6")
    assert enough.detail == "overall"
    assert enough.institution == world.a1
    assert enough.suggested_title == "Improve: Overall"


def test_people_who_may_not_read_the_results_get_no_cause(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    with scope(municipality=world.a.pk):
        assert resolve_cause(access_for(world, world.staff), "surveys.survey", survey.pk, "overall") is None
        assert resolve_cause(access_for(world, world.other_worker), "surveys.survey", survey.pk, "") is None
        assert resolve_cause(access_for(world, world.quality), "surveys.survey", survey.pk, "no-such") is None
