"""Paper answers by spreadsheet: the template the platform writes, filled in and uploaded back.

The journey runs through the pages as a coordinator would: download the template, fill it in
with openpyxl, check it, import it. See builders.small_spec for the questions.
"""

import datetime
import io
import re
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import Workbook, load_workbook

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.surveys import paper_import
from kokybe.surveys.builtin import CHARTER_DIMENSIONS, KULDIGA_DIMENSIONS
from kokybe.surveys.definition import DONT_KNOW
from kokybe.surveys.models import Channel, Response, Survey, TextAnswer
from kokybe.surveys.results import Filters, read_counts, respondents
from kokybe.surveys.services import design
from kokybe.surveys.tests.builders import published_survey, small_spec

DAY = datetime.date(2025, 3, 4)
FULL_ROW: dict[str, Any] = {
    "channel": "paper",
    "language": "lt",
    "date": DAY,
    "overall": 4,
    "access": 98,  # don't know: the question offers it
    "charter.respect": 5,
    "charter.speed": 3,
    "recommend": 9,
    "service": 3,  # the third option, "other"
    "service.other_text": "Maitinimas",
    "learned.web": 1,
    "learned.friends": 0,
    "learned.other": 1,
    "learned.other_text": "Laikraštis",
    "years": 12.5,
    "wrong": 1,
    "wrong_what": "Vėlavo atvykti",
    "name_it": "Gerai",
}
SHORT_ROW: dict[str, Any] = {"date": "2025-03-05", "overall": 2, "wrong": 0}


def template_url(world: World, survey: Survey) -> str:
    return reverse("surveys:import_paper_template", args=[world.a.slug, survey.pk])


def upload_url(world: World, survey: Survey) -> str:
    return reverse("surveys:import_paper", args=[world.a.slug, survey.pk])


def template(client: Client, world: World, survey: Survey) -> Workbook:
    response = client.get(template_url(world, survey))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return load_workbook(io.BytesIO(response.content))


def filled(workbook: Workbook, rows: list[dict[str, Any]]) -> bytes:
    """The template with one row per dict, each value put in the column its header names."""
    sheet = workbook["answers"]
    header = [cell.value for cell in sheet[1]]
    for number, row in enumerate(rows, start=2):
        for name, value in row.items():
            sheet.cell(row=number, column=header.index(name) + 1, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def upload(
    client: Client, world: World, survey: Survey, data: bytes, action: str = "import", *, follow: bool = False
) -> Any:
    posted = {"file": SimpleUploadedFile("answers.xlsx", data), "action": action, "submission_key": str(uuid.uuid4())}
    return client.post(upload_url(world, survey), posted, follow=follow)


def responses(survey: Survey) -> list[Response]:
    with scopes_disabled():
        return list(Response.objects.filter(survey=survey).order_by("submitted_on", "source_ref"))


def imports(survey: Survey) -> list[AuditEvent]:
    with scopes_disabled():
        return list(AuditEvent.objects.filter(action="survey.responses_import", object_id=str(survey.pk)))


def problems_in(page: str) -> set[tuple[int, str]]:
    """(row, column) of each line of the page's problem table."""
    found = re.findall(
        r'numeric">(\d+)</td><td class="govuk-table__cell"><span class="kokybe-code">([^<]+)</span>', page
    )
    return {(int(row), column) for row, column in found}


@pytest.fixture(autouse=True)
def _english_pages(world: World) -> None:
    """The pages in their source language, so the checks below read the same once they are translated."""
    User.objects.update(language="en")


# The template


def test_the_template_has_the_export_variables_lists_ranges_and_a_codes_sheet(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    workbook = template(world.client_for(world.quality), world, survey)

    sheet = workbook["answers"]
    header = [cell.value for cell in sheet[1]]
    assert header[:5] == ["reference", "client_group", "channel", "language", "date"]  # one institution: no column
    assert header[5:] == [
        "overall",
        "access",
        "charter.respect",
        "charter.speed",
        "recommend",
        "service",
        "service.other_text",
        "learned.web",
        "learned.friends",
        "learned.other",
        "learned.other_text",
        "years",
        "wrong",
        "wrong_what",
        "name_it",
    ]
    assert sheet.freeze_panes == "A2"
    rules = {str(rule.sqref).split(":")[0]: rule for rule in sheet.data_validations.dataValidation}
    column = {name: sheet.cell(row=1, column=index + 1).column_letter for index, name in enumerate(header)}
    overall = rules[column["overall"] + "2"]
    assert (overall.type, overall.formula1, overall.formula2) == ("whole", "1", "5")
    assert rules[column["access"] + "2"].formula1 == '"1,2,3,4,5,98"'  # don't know offered
    assert rules[column["service"] + "2"].formula1 == '"1,2,3"'
    assert rules[column["channel"] + "2"].formula1 == '"paper,phone,interview"'
    assert rules[column["years"] + "2"].type == "custom"  # 0-80, or 98 for don't know
    assert rules[column["date"] + "2"].type == "date"
    assert overall.promptTitle == "overall"
    assert overall.prompt == "Overall"  # the question, shown when the cell is chosen

    codes = {row[0]: row for row in workbook["codes"].iter_rows(min_row=2, values_only=True)}
    assert list(codes)[:5] == header[:5]
    assert set(header) <= set(codes)
    assert codes["service"][3] == "1 = Home help; 2 = Day centre; 3 = Other"
    assert "98 = " in codes["access"][3]


def test_a_municipality_wide_template_lists_the_institutions(world: World) -> None:
    survey = published_survey(world)
    workbook = template(world.client_for(world.coordinator), world, survey)

    assert [cell.value for cell in workbook["answers"][1]][:3] == ["reference", "institution", "client_group"]
    listed = [row[0] for row in workbook["lists"].iter_rows(values_only=True)]
    assert listed == ["A1 centras", "A2 globos namai"]
    assert workbook["lists"].sheet_state == "hidden"


# Importing


def test_a_filled_in_template_is_imported_with_its_tallies_and_one_audit_event(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    data = filled(template(client, world, survey), [FULL_ROW, SHORT_ROW, {**SHORT_ROW, "channel": "phone"}])

    response = upload(client, world, survey, data)

    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:detail", args=[world.a.slug, survey.pk])
    first, *others = responses(survey)
    assert first.answers == {
        "overall": 4,
        "access": DONT_KNOW,
        "charter.respect": 5,
        "charter.speed": 3,
        "recommend": 9,
        "service": "other",
        "learned": ["web", "other"],
        "years": "12.5",
        "wrong": "yes",
    }
    with scopes_disabled():
        texts = dict(TextAnswer.objects.filter(response=first).values_list("item", "text"))
    assert texts == {
        "service": "Maitinimas",
        "learned": "Laikraštis",
        "wrong_what": "Vėlavo atvykti",
        "name_it": "Gerai",
    }
    assert (first.channel, first.language, first.submitted_on, first.institution_id) == (
        Channel.PAPER,
        "lt",
        DAY,
        world.a1.pk,
    )
    assert [(r.channel, r.answers) for r in others] == [
        (Channel.PAPER, {"overall": 2, "wrong": "no"}),
        (Channel.PHONE, {"overall": 2, "wrong": "no"}),
    ]
    with scopes_disabled():
        counts = read_counts(survey, Filters())
    assert respondents(counts) == 3
    assert counts[("overall", "2")][0] == 2
    assert counts[("access", DONT_KNOW)][0] == 1
    assert counts[("years", "")][1] == 12.5
    # One event for the whole file; the survey is anonymous: no author, the day only.
    [event] = imports(survey)
    assert event.changes["responses"]["to"] == 3
    assert event.changes["channel"]["to"] == "paper, phone"
    assert event.actor is None
    assert timezone.localtime(event.occurred_at).time() == datetime.time()


def test_the_import_of_a_survey_that_is_not_anonymous_names_who_imported(world: World) -> None:
    survey = published_survey(world, institution=world.a1, is_anonymous=False)
    client = world.client_for(world.quality)
    upload(client, world, survey, filled(template(client, world, survey), [SHORT_ROW]))

    [event] = imports(survey)
    assert event.actor == world.quality


def test_checking_a_file_changes_nothing_and_says_what_an_import_would_do(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    data = filled(template(client, world, survey), [FULL_ROW, SHORT_ROW])

    response = upload(client, world, survey, data, action="check")

    assert response.status_code == 200
    assert "2 responses can be imported." in response.content.decode()
    assert responses(survey) == []
    assert imports(survey) == []


def test_one_bad_row_imports_nothing_and_the_report_names_each_row_and_column(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    rows = [
        FULL_ROW,
        {**SHORT_ROW, "overall": 7},  # row 3: not on the scale
        {**SHORT_ROW, "wrong_what": "Nieko"},  # row 4: answered though "wrong" was no
        {**SHORT_ROW, "recommend": 98},  # row 5: no "don't know" on this question
        {**SHORT_ROW, "overall": None},  # row 6: a required answer missing
        {**SHORT_ROW, "years": 81, "channel": "fax", "date": "04.03.2025"},  # row 7: three at once
        {**SHORT_ROW, "service": 1, "service.other_text": "Kita"},  # row 8: text for "other" not chosen
        {**SHORT_ROW, "learned.web": 1, "learned.other": 98},  # row 9: not 0/1, no "don't know" offered
    ]

    response = upload(client, world, survey, filled(template(client, world, survey), rows))

    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_file_error"' in page
    assert "7 rows have problems; nothing was imported." in page
    assert problems_in(page) == {
        (3, "overall"),
        (4, "wrong_what"),
        (5, "recommend"),
        (6, "overall"),
        (7, "years"),
        (7, "channel"),
        (7, "date"),
        (8, "service.other_text"),
        (9, "learned.other"),
    }
    assert responses(survey) == []
    assert imports(survey) == []


def test_the_same_file_uploaded_again_adds_nothing(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    data = filled(template(client, world, survey), [FULL_ROW, SHORT_ROW])
    upload(client, world, survey, data)

    check = upload(client, world, survey, data, action="check")
    assert "Already imported, so left out: rows 2, 3." in check.content.decode()
    again = upload(client, world, survey, data)

    assert again.status_code == 302
    assert len(responses(survey)) == 2
    assert len(imports(survey)) == 1  # nothing new, nothing to record
    with scopes_disabled():
        assert respondents(read_counts(survey, Filters())) == 2


def test_rows_with_references_are_known_again_in_a_changed_file(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    first = [{**FULL_ROW, "reference": "A-1"}, {**SHORT_ROW, "reference": 2}]
    upload(client, world, survey, filled(template(client, world, survey), first))

    grown = [{**SHORT_ROW, "reference": "3"}, *first]  # a new form, and the earlier ones moved down
    response = upload(client, world, survey, filled(template(client, world, survey), grown), follow=True)

    assert "1 response imported. 2 had been imported before and were left out." in response.content.decode()
    assert sorted(r.source_ref for r in responses(survey)) == ["ref:2", "ref:3", "ref:A-1"]


def test_a_form_sent_twice_with_one_submission_key_stores_once(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    data = filled(template(client, world, survey), [SHORT_ROW])
    key = str(uuid.uuid4())
    post = {"action": "import", "submission_key": key}

    first = client.post(upload_url(world, survey), {**post, "file": SimpleUploadedFile("a.xlsx", data)})
    second = client.post(upload_url(world, survey), {**post, "file": SimpleUploadedFile("a.xlsx", data)})

    assert first.status_code == second.status_code == 302
    assert len(responses(survey)) == 1
    assert len(imports(survey)) == 1


def test_a_municipality_wide_survey_takes_the_institution_by_name_or_code(world: World) -> None:
    survey = published_survey(world)
    client = world.client_for(world.coordinator)
    workbook = template(client, world, survey)
    rows = [{**SHORT_ROW, "institution": "A1 centras"}, {**SHORT_ROW, "institution": "a2"}]
    upload(client, world, survey, filled(workbook, rows))

    assert sorted(r.institution_id for r in responses(survey)) == sorted([world.a1.pk, world.a2.pk])

    wrong = [{**SHORT_ROW, "institution": "B1 centrs"}, SHORT_ROW]
    response = upload(client, world, survey, filled(template(client, world, survey), wrong))
    assert problems_in(response.content.decode()) == {(2, "institution"), (3, "institution")}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"id,overall\n1,5\n", "not an Excel workbook"),
        (b"PK\x03\x04 broken", "damaged"),
    ],
)
def test_a_file_that_is_not_a_workbook_is_refused_next_to_the_field(world: World, data: bytes, message: str) -> None:
    survey = published_survey(world, institution=world.a1)
    response = upload(world.client_for(world.quality), world, survey, data)

    assert response.status_code == 400
    page = response.content.decode()
    error = page.index('id="id_file_error"')
    assert message in page[error : error + 300]


def test_the_template_of_another_survey_is_refused(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    other = published_survey(world, institution=world.a1, year=2024)
    client = world.client_for(world.quality)
    data = filled(template(client, world, other), [SHORT_ROW])

    response = upload(client, world, survey, data)

    assert response.status_code == 400
    assert "This template was made for another survey." in response.content.decode()
    assert responses(survey) == responses(other) == []


def test_a_filled_in_export_reads_back(world: World) -> None:
    """The export's own columns (response id, version) are passed over; its names are the template's."""
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.quality)
    upload(client, world, survey, filled(template(client, world, survey), [FULL_ROW]))
    exported = client.get(reverse("surveys:export_responses", args=[world.a.slug, survey.pk, "xlsx"]))
    workbook = load_workbook(io.BytesIO(b"".join(exported.streaming_content)))
    sheet = workbook.active
    header = [cell.value for cell in sheet[1]]
    assert header[:2] == ["response", "institution"]
    sheet.cell(row=2, column=header.index("overall") + 1, value=5)  # the next paper form, like the first
    out = io.BytesIO()
    workbook.save(out)

    response = upload(client, world, survey, out.getvalue())

    assert response.status_code == 302
    assert sorted(r.answers.get("overall") for r in responses(survey)) == [4, 5]


# Who may


def test_paper_import_is_404_for_a_member_of_another_municipality(world: World) -> None:
    survey = published_survey(world, institution=world.a1)
    client = world.client_for(world.outsider)
    data = filled(template(world.client_for(world.quality), world, survey), [SHORT_ROW])

    assert client.get(template_url(world, survey)).status_code == 404
    assert client.get(upload_url(world, survey)).status_code == 404
    assert upload(client, world, survey, data).status_code == 404
    assert responses(survey) == []


def test_a_municipality_wide_survey_is_imported_into_only_by_municipality_wide_roles(world: World) -> None:
    survey = published_survey(world)
    assert world.client_for(world.quality).get(upload_url(world, survey)).status_code == 403
    assert world.client_for(world.other_worker).get(template_url(world, survey)).status_code == 403
    assert world.client_for(world.coordinator).get(upload_url(world, survey)).status_code == 200


def test_a_survey_not_yet_published_sends_back_to_its_page(world: World) -> None:
    with scopes_disabled():
        design.dimensions_ensure(actor=None, municipality=world.a, specs=KULDIGA_DIMENSIONS + CHARTER_DIMENSIONS)
        survey = design.survey_create(
            actor=world.coordinator, municipality=world.a, spec=small_spec(), year=2025, institution=world.a1
        )
    response = world.client_for(world.quality).get(upload_url(world, survey))
    assert response.status_code == 302
    assert response["Location"] == reverse("surveys:detail", args=[world.a.slug, survey.pk])


# Reading, without the pages


def test_numbers_take_a_decimal_comma_and_dates_may_be_typed_as_text(world: World) -> None:
    with scopes_disabled():
        paper = paper_import.PaperSurvey(
            survey_id=1, spec=small_spec(), institutions=[world.a1], asks_institution=False
        )
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "answers"
    sheet.append(["date", "overall", "years", "wrong"])
    sheet.append(["2025-03-01", "4", "2,5", "0"])
    sheet.append([datetime.datetime(2025, 3, 2, 10, 30), 5.0, 98, 1])
    out = io.BytesIO()
    workbook.save(out)

    read = paper_import.read_answers(out.getvalue(), paper, today=DAY)

    assert read.problems == []
    assert [(row.number, row.response.submitted_on, row.response.answers) for row in read.rows] == [
        (2, datetime.date(2025, 3, 1), {"overall": 4, "years": "2.5", "wrong": "no"}),
        (3, datetime.date(2025, 3, 2), {"overall": 5, "years": DONT_KNOW, "wrong": "yes"}),
    ]
