"""Free-text answers: listed under the same small-group rules as the figures, searchable, tagged by theme."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.surveys.models import Survey, TextAnswer, TextTag
from kokybe.surveys.tests.test_results import store

COMMENTS = ["Per ilgai laukiau eilėje", "Darbuotojai malonūs", "Laukiau dvi savaites", "Ačiū už pagalbą"]


def texts_url(world: World, survey: Survey) -> str:
    return reverse("surveys:texts", args=[world.a.slug, survey.pk])


@pytest.fixture
def commented(world: World) -> Survey:
    """12 answers in A1 on the web, two a month from January to June, each with a comment; 6 on paper in A2."""
    from kokybe.surveys.tests.builders import published_survey

    survey = published_survey(world)
    for index in range(12):
        store(
            survey,
            {"overall": 4, "service": "other"},
            {"name_it": COMMENTS[index % 4], "service": "Socialinis taksi" if index == 0 else ""},
            institution=world.a1,
            submitted_on=date(2025, 1 + index % 6, 3),
        )
    for _index in range(6):
        store(survey, {"overall": 2}, {"name_it": "Popierius A2"}, institution=world.a2, channel="paper")
    return survey


def listed(page: object) -> list[str]:
    return [answer.text for answer in page.context["page"].object_list]  # type: ignore[attr-defined]


def test_the_texts_page_lists_the_group_and_searches_within_it(world: World, commented: Survey) -> None:
    client = world.client_for(world.coordinator)
    page = client.get(texts_url(world, commented))
    assert page.status_code == 200
    assert page.context["readable"]
    assert len(listed(page)) == 19  # 18 comments and one "other" answer
    assert "Socialinis taksi" in listed(page)
    found = client.get(texts_url(world, commented) + "?q=laukiau")
    assert sorted(listed(found)) == sorted(["Per ilgai laukiau eilėje"] * 3 + ["Laukiau dvi savaites"] * 3)
    only = client.get(texts_url(world, commented) + "?item=service")
    assert listed(only) == ["Socialinis taksi"]
    months = client.get(texts_url(world, commented) + "?from=2025-02&to=2025-03")
    assert len(listed(months)) == 10  # A1 in February and March, two each, and A2's six in March


def test_texts_of_a_group_under_k_or_its_complement_are_hidden(world: World, commented: Survey) -> None:
    client = world.client_for(world.coordinator)
    # January is a group of two; January to May leaves out June's two: the complement is under k.
    for query in ("from=2025-01&to=2025-01", "to=2025-05"):
        page = client.get(texts_url(world, commented) + "?" + query)
        assert page.status_code == 200
        assert not page.context["readable"], query
        assert page.context["page"] is None
        assert "Laukiau" not in page.content.decode()


def test_a_director_reads_only_the_texts_of_their_institution(world: World, commented: Survey) -> None:
    page = world.client_for(world.director).get(texts_url(world, commented))
    assert page.status_code == 200
    assert "Popierius A2" not in listed(page)
    asked = world.client_for(world.director).get(texts_url(world, commented) + f"?institution={world.a2.pk}")
    assert "Popierius A2" not in listed(asked)


def test_outsiders_and_those_without_results_rights_are_kept_out(world: World, commented: Survey) -> None:
    assert world.client_for(world.outsider).get(texts_url(world, commented)).status_code == 404
    assert world.client_for(world.consultant).get(texts_url(world, commented)).status_code == 403
    with scopes_disabled():
        ids = [str(pk) for pk in TextAnswer.objects.values_list("pk", flat=True)[:2]]
    posted = world.client_for(world.director).post(
        texts_url(world, commented), {"answers": ids, "tag": "x", "action": "add"}
    )
    assert posted.status_code == 403  # reads results, does not code them
    assert (
        world.client_for(world.outsider)
        .post(texts_url(world, commented), {"answers": ids, "tag": "x", "action": "add"})
        .status_code
        == 404
    )
    with scopes_disabled():
        assert not TextTag.objects.exists()


def test_tagging_the_ticked_answers_counts_themes_and_is_audited(world: World, commented: Survey) -> None:
    client = world.client_for(world.coordinator)
    url = texts_url(world, commented) + "?q=laukiau"
    ids = [str(answer.pk) for answer in client.get(url).context["page"].object_list]
    sent = client.post(url, {"answers": ids, "tag": "  Laukimas  eilėje ", "action": "add"})
    assert sent.status_code == 302
    assert sent["Location"] == url
    again = client.post(url, {"answers": ids, "tag": "laukimas eilėje", "action": "add"})  # a double submit
    assert again.status_code == 302
    with scopes_disabled():
        tag = TextTag.objects.get(survey=commented)
        assert tag.name == "Laukimas eilėje"
        assert tag.answers.count() == 6
        events = AuditEvent.objects.filter(action="survey.texts_tag").order_by("pk")
        assert [e.changes["answers"]["to"] for e in events] == [6, 0]
        assert events[0].actor_id == world.coordinator.pk
    page = client.get(texts_url(world, commented))
    assert page.context["themes"] == [(tag.pk, "Laukimas eilėje", 6)]
    by_tag = client.get(texts_url(world, commented) + f"?tag={tag.pk}")
    assert len(listed(by_tag)) == 6
    removed = client.post(url, {"answers": ids[:6], "tag": "Laukimas eilėje", "action": "remove"})
    assert removed.status_code == 302
    with scopes_disabled():
        assert not TextTag.objects.exists()  # a tag left on no answer goes
        assert AuditEvent.objects.filter(action="survey.texts_untag").count() == 1


def test_a_tag_without_ticked_answers_or_name_is_refused_next_to_the_field(world: World, commented: Survey) -> None:
    client = world.client_for(world.coordinator)
    page = client.post(texts_url(world, commented), {"tag": "", "action": "add"})
    assert page.status_code == 400
    assert set(page.context["form"].errors) == {"answers", "tag"}
    body = page.content.decode()
    assert 'id="id_answers_error"' in body
    assert 'id="id_tag_error"' in body
    with scopes_disabled():
        assert not TextTag.objects.exists()
        assert not AuditEvent.objects.filter(action__startswith="survey.texts_").exists()


def test_an_answer_of_another_survey_cannot_be_tagged_through_this_one(world: World, commented: Survey) -> None:
    from kokybe.surveys.tests.builders import published_survey

    other = published_survey(world, year=2024)
    store(other, {"overall": 5}, {"name_it": "Kitos apklausos"}, institution=world.a1)
    with scopes_disabled():
        foreign = str(TextAnswer.objects.get(survey=other).pk)
    page = world.client_for(world.coordinator).post(
        texts_url(world, commented), {"answers": [foreign], "tag": "x", "action": "add"}
    )
    assert page.status_code == 400  # not among the answers on the page
    with scopes_disabled():
        assert not TextTag.objects.exists()


def test_the_texts_page_runs_as_many_queries_for_many_answers_as_for_few(world: World, commented: Survey) -> None:
    client = world.client_for(world.coordinator)
    url = texts_url(world, commented)
    ids = [str(answer.pk) for answer in client.get(url).context["page"].object_list]
    client.post(url, {"answers": ids[:3], "tag": "A", "action": "add"})
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _index in range(40):
        store(commented, {"overall": 3}, {"name_it": "Dar vienas"}, institution=world.a1)
    client.post(url, {"answers": ids[3:6], "tag": "B", "action": "add"})
    with CaptureQueriesContext(connection) as many:
        page = client.get(url)
    assert len(page.context["page"].object_list) == 50
    assert len(many) == len(few)


def test_the_listed_answers_download_with_their_tags_and_a_hidden_group_does_not(
    world: World, commented: Survey
) -> None:
    client = world.client_for(world.coordinator)
    url = texts_url(world, commented) + "?q=laukiau"
    ids = [str(answer.pk) for answer in client.get(url).context["page"].object_list]
    client.post(url, {"answers": ids[:2], "tag": "Laukimas", "action": "add"})
    download = reverse("surveys:texts_download", args=[world.a.slug, commented.pk, "csv"])
    got = client.get(download + "?q=laukiau")
    assert got.status_code == 200
    lines = b"".join(got.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "item,question,text,tags"
    assert len(lines) == 7
    assert sum(line.endswith(",Laukimas") for line in lines) == 2
    workbook = client.get(download.replace(".csv", ".xlsx") + "?q=laukiau")
    assert workbook.status_code == 200
    assert b"".join(workbook.streaming_content)[:2] == b"PK"
    assert client.get(download + "?to=2025-05").status_code == 404  # its complement is under k
    assert world.client_for(world.outsider).get(download).status_code == 404
