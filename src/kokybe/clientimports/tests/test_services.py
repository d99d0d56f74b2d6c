"""Client imports through the services: the dry run writes nothing, the import registers through the
register's services with their audit events, a re-import of the same file changes nothing, a changed
file updates by identifier, and every refused row is reported with its row number and column."""

import datetime

import pytest
from django.utils import translation
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.clientimports.models import ImportRun, RunState
from kokybe.clientimports.services.runs import import_run_check_request, import_run_discard, import_run_import_request
from kokybe.clientimports.tests.builders import CLIENT_HEADER, checked, client_rows, csv_bytes, imported, uploaded
from kokybe.clients.models import Client, ClientInGroup, ClientInstitution
from kokybe.clients.tests.builders import client_in
from kokybe.core.client_groups import ClientGroup
from kokybe.core.concurrency import EditConflict
from kokybe.core.errors import ServiceError

pytestmark = pytest.mark.django_db

LT_CODE = "38703181745"  # a valid Lithuanian personal code: a man born 1987-03-18


@pytest.fixture(autouse=True)
def _english(world: World) -> None:
    """Messages are matched in English: the report is written in the language of who asked for it."""
    translation.activate("en")
    with scopes_disabled():
        User.objects.update(language="en")


def _clients(world: World) -> list[Client]:
    with scopes_disabled():
        return list(Client.objects.filter(municipality=world.a).order_by("external_id"))


def _client_audits() -> int:
    with scopes_disabled():
        return AuditEvent.objects.filter(action__startswith="client.").count()


def _problems(run: ImportRun) -> list[tuple[int, str]]:
    return [(problem["row"], problem["column"]) for problem in run.problems]


def test_upload_keeps_the_file_and_guesses_the_mapping_from_lithuanian_headers(world: World) -> None:
    data = csv_bytes(
        [["Kliento ID", "Vardas", "Pavardė", "Asmens kodas", "Gimimo data"], ["K1", "Ona", "Jonaitė", "", ""]]
    )
    run = uploaded(world.coordinator, data, municipality=world.a)
    assert run.state == RunState.UPLOADED
    assert run.row_count == 1
    assert run.mapping == {
        "external_id": "Kliento ID",
        "first_name": "Vardas",
        "last_name": "Pavardė",
        "personal_code": "Asmens kodas",
        "birth_date": "Gimimo data",
    }
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="client_import.upload", object_id=str(run.pk)).exists()


def test_bad_file_is_refused_beside_the_file_field_and_nothing_is_kept(world: World) -> None:
    with pytest.raises(ServiceError) as refused:
        uploaded(world.coordinator, b"", municipality=world.a)
    assert refused.value.field == "file"
    with pytest.raises(ServiceError, match="Excel workbook"):
        uploaded(world.coordinator, b"PK\x03\x04broken", municipality=world.a, file_name="clients.xlsx")
    with scopes_disabled():
        assert not ImportRun.objects.exists()


def test_dry_run_reports_what_an_import_would_do_and_writes_nothing(world: World) -> None:
    run = uploaded(world.coordinator, csv_bytes([CLIENT_HEADER, *client_rows(3)]), institution=world.a1)
    audits_before = _client_audits()
    run = checked(world.coordinator, run)
    assert run.state == RunState.CHECKED
    assert (run.created_count, run.updated_count, run.unchanged_count, run.problem_count) == (3, 0, 0, 0)
    assert run.is_importable
    assert _clients(world) == []
    assert _client_audits() == audits_before
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="client_import.checked", object_id=str(run.pk)).exists()


def test_import_registers_through_the_register_and_a_reimport_changes_nothing(world: World) -> None:
    rows = client_rows(3)
    rows[0][5] = "older_people; Žmonės su negalia"  # a code and a Lithuanian label
    rows[0][3] = LT_CODE
    rows[0][4] = ""  # the birth date comes from the code
    data = csv_bytes([CLIENT_HEADER, *rows])
    run = imported(world.director, checked(world.director, uploaded(world.director, data, institution=world.a1)))
    assert run.state == RunState.DONE
    assert (run.created_count, run.problem_count, run.processed) == (3, 0, 3)
    assert bytes(run.file_data) == b""  # the file is not kept once imported
    clients = _clients(world)
    assert [client.external_id for client in clients] == ["C00001", "C00002", "C00003"]
    first = clients[0]
    assert first.birth_date == datetime.date(1987, 3, 18)
    with scopes_disabled():
        assert set(ClientInGroup.objects.filter(client=first).values_list("group", flat=True)) == {
            ClientGroup.OLDER_PEOPLE,
            ClientGroup.DISABILITY,
        }
        assert ClientInstitution.objects.get(client=first).institution == world.a1
        assert AuditEvent.objects.filter(action="client.register", actor=world.director).count() == 3
    audits = _client_audits()
    again = imported(world.director, checked(world.director, uploaded(world.director, data, institution=world.a1)))
    assert (again.created_count, again.updated_count, again.unchanged_count) == (0, 0, 3)
    assert len(_clients(world)) == 3
    assert _client_audits() == audits  # no trace of an import that changed nothing


def test_changed_file_updates_by_identifier_and_leaves_unmapped_fields(world: World) -> None:
    rows = client_rows(2)
    rows[0][6] = "+37060000001"
    imported(
        world.director,
        checked(world.director, uploaded(world.director, csv_bytes([CLIENT_HEADER, *rows]), institution=world.a1)),
    )
    rows[0][2] = "Petraitienė"
    changed = [["external_id", "first_name", "last_name"], *[row[:3] for row in rows]]
    run = imported(
        world.director, checked(world.director, uploaded(world.director, csv_bytes(changed), institution=world.a1))
    )
    assert (run.created_count, run.updated_count, run.unchanged_count) == (0, 1, 1)
    first = _clients(world)[0]
    assert first.last_name == "Petraitienė"
    assert first.phone == "+37060000001"  # the phone column was not in the file: kept
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="client.update", object_id=str(first.pk)).count() == 1


def test_problems_name_row_and_column_and_stop_the_import(world: World) -> None:
    rows = client_rows(5)
    rows[0][0] = ""  # row 2: no identifier
    rows[1][4] = "31.02.1950"  # row 3: no such date
    rows[2][3] = "38703181746"  # row 4: wrong check digit
    rows[3][5] = "pensininkai"  # row 5: no such group
    rows[4][0] = rows[2][0]  # row 6: the identifier of row 4 again
    run = checked(world.director, uploaded(world.director, csv_bytes([CLIENT_HEADER, *rows]), institution=world.a1))
    assert _problems(run) == [
        (2, "external_id"),
        (3, "birth_date"),
        (4, "personal_code"),
        (5, "groups"),
        (6, "external_id"),
    ]
    assert "row 4" in run.problems[4]["message"]
    assert not run.is_importable
    with scopes_disabled(), pytest.raises(ServiceError, match="problems"):
        import_run_import_request(actor=world.director, run=run, lock_version=run.lock_version)
    assert _clients(world) == []


def test_institution_bound_importer_imports_only_for_their_institution(world: World) -> None:
    other = client_in(world.a2, external_id="A2-1")
    rows = [
        ["external_id", "first_name", "last_name", "institution"],
        ["N1", "Rūta", "Kazlauskienė", "a2"],
        ["A2-1", "Jonas", "Žemaitis", ""],
    ]
    run = checked(world.director, uploaded(world.director, csv_bytes(rows), institution=world.a1))
    assert _problems(run) == [(2, "institution"), (3, "external_id")]
    assert "served by another institution" in run.problems[1]["message"]
    with scopes_disabled():
        assert Client.objects.get(pk=other.pk).first_name == "Jonas"


def test_municipality_wide_run_needs_each_row_to_name_its_institution(world: World) -> None:
    rows = [
        ["external_id", "first_name", "last_name", "institution"],
        ["N1", "Rūta", "Kazlauskienė", "A2 globos namai"],
        ["N2", "Ona", "Ona", ""],
    ]
    run = checked(world.coordinator, uploaded(world.coordinator, csv_bytes(rows), municipality=world.a))
    assert _problems(run) == [(3, "institution")]
    assert run.created_count == 1


def test_similar_client_is_a_problem_until_confirmed_a_different_person(world: World) -> None:
    client_in(world.a1, first_name="Ona", last_name="Petraitytė", birth_date=datetime.date(1950, 5, 1))
    rows = [["external_id", "first_name", "last_name", "birth_date"], ["N1", "Ona", "Petraitytė", "01.05.1950"]]
    run = checked(world.director, uploaded(world.director, csv_bytes(rows), institution=world.a1))
    assert _problems(run) == [(2, "")]
    run = imported(world.director, checked(world.director, run, confirmed=True))
    assert run.created_count == 1


def test_client_registered_by_hand_is_matched_by_personal_code_and_given_the_identifier(world: World) -> None:
    held = client_in(
        world.a1, first_name="Petras", last_name="Jonaitis", personal_code=LT_CODE, personal_code_country="LT"
    )
    rows = [["external_id", "first_name", "last_name", "personal_code"], ["SOC-7", "Petras", "Jonaitis", LT_CODE]]
    run = imported(
        world.director, checked(world.director, uploaded(world.director, csv_bytes(rows), institution=world.a1))
    )
    assert (run.created_count, run.updated_count) == (0, 1)
    with scopes_disabled():
        assert Client.objects.get(pk=held.pk).external_id == "SOC-7"


def test_responsible_worker_by_email_and_serving_since(world: World) -> None:
    header = ["external_id", "first_name", "last_name", "responsible", "served_since"]
    known = ["N1", "Ona", "Ona", world.worker.email.upper(), "2024-01-15"]
    unknown = ["N2", "Ona", "Onaitė", "nobody@example.org", ""]
    run = checked(world.director, uploaded(world.director, csv_bytes([header, known, unknown]), institution=world.a1))
    assert _problems(run) == [(3, "responsible")]
    imported(
        world.director,
        checked(world.director, uploaded(world.director, csv_bytes([header, known]), institution=world.a1)),
    )
    with scopes_disabled():
        serving = ClientInstitution.objects.get(client__external_id="N1")
    assert serving.responsible == world.worker
    assert serving.started_on == datetime.date(2024, 1, 15)


def test_edit_conflict_and_refused_transitions(world: World) -> None:
    run = uploaded(world.director, csv_bytes([CLIENT_HEADER, *client_rows(1)]), institution=world.a1)
    with scopes_disabled():
        with pytest.raises(EditConflict):
            import_run_check_request(
                actor=world.director, run=run, mapping=run.mapping, different_people_confirmed=False, lock_version=7
            )
        with pytest.raises(ServiceError, match="required"):
            import_run_check_request(
                actor=world.director,
                run=run,
                mapping={**run.mapping, "external_id": ""},
                different_people_confirmed=False,
                lock_version=run.lock_version,
            )
        with pytest.raises(ServiceError):  # not checked yet
            import_run_import_request(actor=world.director, run=run, lock_version=run.lock_version)
    done = imported(world.director, checked(world.director, run))
    with scopes_disabled(), pytest.raises(ServiceError):
        import_run_discard(actor=world.director, run=done, lock_version=done.lock_version)


def test_discard_deletes_the_run_with_its_file(world: World) -> None:
    run = uploaded(world.director, csv_bytes([CLIENT_HEADER, *client_rows(1)]), institution=world.a1)
    with scopes_disabled():
        import_run_discard(actor=world.director, run=run, lock_version=run.lock_version)
        assert not ImportRun.objects.filter(pk=run.pk).exists()
        assert AuditEvent.objects.filter(action="client_import.discard").exists()
