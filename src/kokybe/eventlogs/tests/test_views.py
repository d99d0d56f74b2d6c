"""The pages: list, import (check, then import), a log's page, downloads, delete; access and query counts."""

import gzip
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.eventlogs.csvlog import CsvMapping
from kokybe.eventlogs.models import EventLog, LogEvent
from kokybe.eventlogs.tests.builders import DATA, log_from_bytes, log_from_file

pytestmark = pytest.mark.django_db

MAPPING = CsvMapping(case="Byla", activity="Veiksmas", timestamp="Laikas", resource="Darbuotojas")
CSV = "Byla;Veiksmas;Laikas;Darbuotojas\nB-1;Prašymas;2025-03-03 09:00;Ona\nB-1;Sprendimas;2025-03-10 14:30;Jonas\n"


@pytest.fixture(autouse=True)
def _pages_in_english(world: World) -> None:
    with scopes_disabled():
        User.objects.filter(pk__in=[world.coordinator.pk, world.quality.pk, world.auditor.pk]).update(language="en")


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"eventlogs:{name}", args=[world.a.slug, *args])


def post_import(client: Any, world: World, data: bytes, file_name: str, **fields: str) -> Any:
    form = {
        "file": SimpleUploadedFile(file_name, data),
        "time_zone": "Europe/Vilnius",
        "action": "import",
        "submission_key": "0b6f3f2e-4bb6-4f43-9a40-5c4f2f5f0001",
        **fields,
    }
    return client.post(url("import", world), form)


def logs() -> list[EventLog]:
    with scopes_disabled():
        return list(EventLog.objects.order_by("pk"))


def test_check_shows_the_report_and_writes_nothing(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post(
        url("import", world),
        {
            "file": SimpleUploadedFile("log.csv", CSV.encode()),
            "case_column": "Byla",
            "activity_column": "Veiksmas",
            "timestamp_column": "Laikas",
            "resource_column": "Darbuotojas",
            "time_zone": "Europe/Vilnius",
            "action": "check",
        },
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "The file is in order" in page
    assert "2 events in 1 case can be imported." in page
    assert "2025-03-03T09:00:00+02:00" in page  # the first rows, in the chosen zone
    assert logs() == []


def test_check_lists_bad_rows(world: World) -> None:
    client = world.client_for(world.coordinator)
    bad = b"case,activity,timestamp\n1,a,2025-01-01\n2,,2025-01-01\n3,c,nope\n"
    response = client.post(
        url("import", world), {"file": SimpleUploadedFile("bad.csv", bad), "time_zone": "UTC", "action": "check"}
    )
    page = response.content.decode()
    assert "row 3" in page
    assert "row 4" in page
    assert "“nope” is not a date and time" in page
    assert logs() == []


def test_import_once_however_often_sent(world: World) -> None:
    client = world.client_for(world.coordinator)
    data = (DATA / "running-example.xes").read_bytes()
    first = post_import(client, world, data, "running-example.xes", name="Pavyzdys", institution=str(world.a1.pk))
    (log,) = logs()
    assert first.status_code == 302
    assert first["Location"] == url("detail", world, log.pk)
    assert (log.name, log.institution_id, log.case_count, log.event_count) == ("Pavyzdys", world.a1.pk, 6, 42)
    again = post_import(client, world, data, "running-example.xes", name="Pavyzdys", institution=str(world.a1.pk))
    assert again["Location"] == first["Location"]
    assert len(logs()) == 1


def test_import_of_a_file_with_problems_lists_them_and_keeps_the_form(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = post_import(client, world, b"case,activity,timestamp\n1,a,never\n", "bad.csv", name="Mano žurnalas")
    assert response.status_code == 400
    page = response.content.decode()
    assert "nothing was imported" in page
    assert "row 2" in page
    assert 'value="Mano žurnalas"' in page
    assert logs() == []


def test_a_quality_coordinator_imports_only_for_their_institution(world: World) -> None:
    client = world.client_for(world.quality)
    page = client.get(url("import", world)).content.decode()
    assert "A1 centras" in page
    assert "A2 globos namai" not in page
    assert "The whole municipality" not in page
    data = (DATA / "running-example.xes").read_bytes()
    refused = post_import(client, world, data, "running-example.xes", institution=str(world.a2.pk))
    assert refused.status_code == 400
    assert logs() == []


def test_list_and_page_show_the_figures_in_bounded_queries(world: World, django_assert_max_num_queries: Any) -> None:
    log = log_from_file(world.coordinator, world.a, "receipt-wabo.xes.gz")
    for _number in range(3):
        log_from_bytes(world.coordinator, world.a, CSV.encode(), "more.csv", mapping=MAPPING)
    client = world.client_for(world.auditor)
    with django_assert_max_num_queries(12):
        listed = client.get(url("list", world))
    assert "receipt-wabo" in listed.content.decode()
    with django_assert_max_num_queries(15):  # the page shell is about a dozen; the log and its sample, three
        page = client.get(url("detail", world, log.pk)).content.decode()
    assert "1434" in page
    assert "8577" in page
    assert "Confirmation of receipt" in page  # the most frequent activity
    assert page.count("<caption") >= 6  # activities and five sample cases


def test_downloads_stream_the_log(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "running-example.xes")
    client = world.client_for(world.worker)
    xes = client.get(url("download_xes", world, log.pk))
    assert xes["Content-Disposition"] == 'attachment; filename="running-example.xes"'
    text = b"".join(xes.streaming_content).decode()  # type: ignore[attr-defined]
    assert text.count("<event>") == 42
    assert '<date key="time:timestamp" value="2010-12-30T14:32:00.000+01:00"/>' in text
    csv = client.get(url("download_csv", world, log.pk))
    rows = b"".join(csv.streaming_content).decode().splitlines()  # type: ignore[attr-defined]
    assert len(rows) == 43
    assert (
        rows[0]
        == "case:concept:name,concept:name,time:timestamp,lifecycle:transition,org:resource,Activity,Resource,Costs"
    )


def test_delete_asks_first(world: World) -> None:
    log = log_from_file(world.coordinator, world.a, "running-example.xes")
    client = world.client_for(world.coordinator)
    confirm = client.get(url("delete", world, log.pk))
    assert "This cannot be undone" in confirm.content.decode()
    assert len(logs()) == 1
    done = client.post(url("delete", world, log.pk), {"submission_key": "0b6f3f2e-4bb6-4f43-9a40-5c4f2f5f0002"})
    assert done["Location"] == url("list", world)
    assert logs() == []
    with scopes_disabled():
        assert not LogEvent.objects.exists()


def test_other_institutions_and_municipalities_get_404(world: World) -> None:
    log = log_from_file(world.quality, world.a, "running-example.xes", institution=world.a1)
    assert world.client_for(world.other_worker).get(url("detail", world, log.pk)).status_code == 404
    assert world.client_for(world.outsider).get(url("detail", world, log.pk)).status_code == 404
    assert world.client_for(world.outsider).get(url("list", world)).status_code == 404
    listed = world.client_for(world.other_worker).get(url("list", world)).content.decode()
    assert "running-example" not in listed
    # The same log asked for under B's address: B's coordinator does not find A's log.
    other = reverse("eventlogs:detail", args=[world.b.slug, log.pk])
    assert world.client_for(world.outsider).get(other).status_code == 404


def test_gzipped_xes_uploads(world: World) -> None:
    client = world.client_for(world.coordinator)
    data = gzip.compress((DATA / "running-example.xes").read_bytes())
    response = post_import(client, world, data, "example.xes.gz")
    assert response.status_code == 302
    assert logs()[0].event_count == 42
