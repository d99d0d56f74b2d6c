"""The import pages: upload, mapping and check, import, discard, the blank templates; bad files told
clearly; a double-sent form does one thing; a stale form is refused; the list's queries do not grow."""

import io
import uuid
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client as Browser
from django.urls import reverse
from django_scopes import scopes_disabled
from openpyxl import load_workbook

from conftest import World
from kokybe.accounts.models import User
from kokybe.clientimports.models import ImportRun, RunState
from kokybe.clientimports.tests.builders import (
    CLIENT_HEADER,
    checked,
    client_rows,
    csv_bytes,
    imported,
    uploaded,
    xlsx_bytes,
)
from kokybe.clients.models import Client

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    with scopes_disabled():
        User.objects.update(language="en")


def _url(name: str, *args: Any) -> str:
    return reverse(f"clientimports:{name}", args=["alpha", *args])


def _upload(browser: Browser, data: bytes, name: str, **extra: Any) -> Any:
    return browser.post(
        _url("upload"),
        {"kind": "clients", "file": SimpleUploadedFile(name, data), "submission_key": str(uuid.uuid4()), **extra},
    )


def test_upload_check_and_import_through_the_pages(world: World) -> None:
    browser = world.client_for(world.director)
    assert browser.get(_url("list")).status_code == 200
    page = browser.get(_url("upload"))
    assert page.status_code == 200
    assert "Excel workbook" in page.content.decode()
    data = xlsx_bytes([["Client ID", "First name", "Surname", "Date of birth"], ["X1", "Ona", "Jonaitė", "1950-02-03"]])
    answer = _upload(browser, data, "clients.xlsx", institution=world.a1.pk)
    assert answer.status_code == 302
    with scopes_disabled():
        run = ImportRun.objects.get()
    assert answer["Location"] == _url("run", run.pk)
    page = browser.get(answer["Location"])
    assert page.status_code == 200
    assert 'value="Client ID" selected' in page.content.decode()  # the guess, shown for changing
    mapping = {**run.mapping, "lock_version": run.lock_version, "submission_key": str(uuid.uuid4())}
    answer = browser.post(_url("run", run.pk), mapping)
    assert answer.status_code == 302
    page = browser.get(_url("run", run.pk)).content.decode()
    assert "The file is in order." in page
    assert "An import would add 1, update 0 and leave 0 as they are." in page
    with scopes_disabled():
        run.refresh_from_db()
        assert not Client.objects.exists()
    key = str(uuid.uuid4())
    for _twice in range(2):  # a double click imports once
        answer = browser.post(_url("import", run.pk), {"lock_version": run.lock_version, "submission_key": key})
        assert answer.status_code == 302
    with scopes_disabled():
        run.refresh_from_db()
        assert run.state == RunState.DONE
        assert Client.objects.get().external_id == "X1"
    page = browser.get(_url("run", run.pk)).content.decode()
    assert "1 added, 0 updated, 0 already as in the file." in page
    assert "clients.xlsx" in browser.get(_url("list")).content.decode()


@pytest.mark.parametrize(
    ("data", "name", "message"),
    [
        (b"", "clients.csv", "The submitted file is empty."),
        (b"a,b\n1,2\n", "clients.pdf", "Choose a CSV file (.csv) or an Excel workbook (.xlsx)."),
        (b"PK\x03\x04not really", "clients.xlsx", "The file is damaged or is not an Excel workbook (.xlsx)."),
        (b"first_name,last_name\n", "clients.csv", "The file has a header but no rows under it."),
        ("vardas\nŽemaitė\n".encode("cp1257"), "clients.csv", "The file is not UTF-8 text"),
        (b"id,id\n1,2\n", "clients.csv", "These columns appear twice: id."),
    ],
)
def test_bad_file_gets_a_clear_message_and_nothing_is_kept(world: World, data: bytes, name: str, message: str) -> None:
    answer = _upload(world.client_for(world.director), data, name, institution=world.a1.pk)
    assert answer.status_code == 400
    assert message in answer.content.decode()
    with scopes_disabled():
        assert not ImportRun.objects.exists()


def test_double_sent_upload_keeps_one_run(world: World) -> None:
    browser = world.client_for(world.director)
    key = str(uuid.uuid4())
    data = csv_bytes([CLIENT_HEADER, *client_rows(2)])
    for _twice in range(2):
        browser.post(
            _url("upload"),
            {
                "kind": "clients",
                "institution": world.a1.pk,
                "file": SimpleUploadedFile("c.csv", data),
                "submission_key": key,
            },
        )
    with scopes_disabled():
        assert ImportRun.objects.count() == 1


def test_stale_mapping_form_is_refused_and_what_was_chosen_kept(world: World) -> None:
    run = uploaded(world.director, csv_bytes([CLIENT_HEADER, *client_rows(1)]), institution=world.a1)
    browser = world.client_for(world.director)
    mapping = {**run.mapping, "phone": "", "lock_version": run.lock_version + 3, "submission_key": str(uuid.uuid4())}
    answer = browser.post(_url("run", run.pk), mapping)
    assert answer.status_code == 400
    assert "Someone else saved this record" in answer.content.decode()
    with scopes_disabled():
        assert ImportRun.objects.get(pk=run.pk).state == RunState.UPLOADED


def test_required_field_without_a_column_is_an_error_beside_it(world: World) -> None:
    run = uploaded(world.director, csv_bytes([CLIENT_HEADER, *client_rows(1)]), institution=world.a1)
    mapping = {**run.mapping, "external_id": "", "lock_version": run.lock_version, "submission_key": str(uuid.uuid4())}
    answer = world.client_for(world.director).post(_url("run", run.pk), mapping)
    assert answer.status_code == 400
    assert 'id="id_external_id_error"' in answer.content.decode()


def test_problems_are_listed_with_row_and_column(world: World) -> None:
    rows = client_rows(2)
    rows[1][4] = "not a date"
    run = checked(world.director, uploaded(world.director, csv_bytes([CLIENT_HEADER, *rows]), institution=world.a1))
    page = world.client_for(world.director).get(_url("run", run.pk)).content.decode()
    assert "1 problem stops the import" in page
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">3</td>' in page
    assert "birth_date" in page


def test_discard_from_the_page(world: World) -> None:
    run = uploaded(world.director, csv_bytes([CLIENT_HEADER, *client_rows(1)]), institution=world.a1)
    answer = world.client_for(world.director).post(
        _url("discard", run.pk), {"lock_version": run.lock_version, "submission_key": str(uuid.uuid4())}
    )
    assert answer["Location"] == _url("list")
    with scopes_disabled():
        assert not ImportRun.objects.exists()


def test_templates_download_with_the_fields_as_header(world: World) -> None:
    browser = world.client_for(world.quality)
    text = browser.get(_url("template_clients_csv")).content.decode("utf-8-sig")
    assert text.startswith("external_id,first_name,last_name,personal_code")
    workbook = load_workbook(io.BytesIO(browser.get(_url("template_service_history_xlsx")).content))
    assert [cell.value for cell in workbook.worksheets[0][1]][:3] == ["course_id", "client_id", "service"]
    assert any(row[1] == "refused" for row in workbook.worksheets[1].iter_rows(values_only=True))


def test_runs_of_another_institution_and_outsiders_get_404(world: World) -> None:
    run = uploaded(world.coordinator, csv_bytes([CLIENT_HEADER, *client_rows(1)]), municipality=world.a)
    assert world.client_for(world.director).get(_url("run", run.pk)).status_code == 404  # a municipality-wide run
    assert world.client_for(world.coordinator).get(_url("run", run.pk)).status_code == 200
    assert world.client_for(world.outsider).get(_url("list")).status_code == 404
    assert world.client_for(world.worker).get(_url("list")).status_code == 403


def test_list_queries_do_not_grow_with_runs(world: World, django_assert_max_num_queries: Any) -> None:
    browser = world.client_for(world.director)
    data = csv_bytes([CLIENT_HEADER, *client_rows(1)])
    uploaded(world.director, data, institution=world.a1)
    with django_assert_max_num_queries(12) as few:
        browser.get(_url("list"))
    for _more in range(5):
        imported(world.director, checked(world.director, uploaded(world.director, data, institution=world.a1)))
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert browser.get(_url("list")).status_code == 200
