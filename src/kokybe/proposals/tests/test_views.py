"""Staff pages: making a proposal, entering slips, evaluating and deciding, figures, reminders."""

import csv
import html
import io
import re
import uuid
from datetime import date, datetime, timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.attention import attention_for
from kokybe.proposals.attention import proposals_awaiting_decision
from kokybe.proposals.figures import figures_for
from kokybe.proposals.models import Origin, Proposal, Status
from kokybe.proposals.services import receiving
from kokybe.proposals.tests.builders import box_proposal, decided, evaluated, staff_proposal
from kokybe.tenancy.access import Access, memberships_of


def url(name: str, *args: object) -> str:
    return reverse(f"proposals:{name}", args=["alpha", *args])


def all_proposals() -> list[Proposal]:
    return list(Proposal.objects.with_scopes_disabled().order_by("pk"))


def test_a_staff_member_sends_a_hidden_proposal_once_however_often_the_form_is_sent(world: World) -> None:
    client = world.client_for(world.staff)
    form = client.get(url("create")).content.decode()
    assert f'value="{timezone.localdate().year + 1}"' in form  # next year's plan by default
    data = {
        "institution": world.a1.pk,
        "title": "Poilsio kambarys",
        "text": "Darbuotojams reikia vietos pailsėti.",
        "plan_year": timezone.localdate().year + 1,
        "hidden_from_colleagues": "on",
        "submission_key": str(uuid.uuid4()),
    }
    first = client.post(url("create"), data)
    second = client.post(url("create"), data)
    [proposal] = all_proposals()
    assert first["Location"] == second["Location"] == url("detail", proposal.pk)
    assert proposal.hidden_from_colleagues
    assert proposal.proposer == world.staff


def test_a_proposal_form_with_errors_keeps_what_was_typed(world: World) -> None:
    response = world.client_for(world.staff).post(
        url("create"), {"institution": world.a1.pk, "title": "", "text": "Tekstas lieka", "plan_year": "1999"}
    )
    assert response.status_code == 200
    body = response.content.decode()
    assert 'id="id_title_error"' in body
    assert 'id="id_plan_year_error"' in body
    assert "Tekstas lieka" in body
    assert all_proposals() == []


def test_an_auditor_may_read_but_not_propose(world: World) -> None:
    client = world.client_for(world.auditor)
    assert client.get(url("list")).status_code == 200
    assert client.get(url("create")).status_code == 403


def test_a_paper_slip_is_entered_once(world: World) -> None:
    client = world.client_for(world.quality)
    data = {
        "taken_out_on": "2026-01-15",
        "institution": world.a1.pk,
        "text": "Trūksta informacijos apie paslaugas.",
        "contact_name": "",
        "contact_email": "",
        "submission_key": str(uuid.uuid4()),
    }
    client.post(url("slip_create"), data)
    client.post(url("slip_create"), data)
    [slip] = all_proposals()
    assert slip.origin == Origin.PAPER_SLIP
    assert slip.received_on == date(2026, 1, 15)


def test_an_institution_evaluator_must_name_the_slips_institution(world: World) -> None:
    response = world.client_for(world.quality).post(
        url("slip_create"), {"taken_out_on": "2026-01-15", "institution": "", "text": "Be įstaigos"}
    )
    assert 'id="id_institution_error"' in response.content.decode()
    assert all_proposals() == []


def test_the_coordinator_evaluates_and_decides_and_the_proposer_is_told(
    world: World, django_capture_on_commit_callbacks
) -> None:
    proposal = staff_proposal(world)
    client = world.client_for(world.quality)
    client.post(
        url("evaluate", proposal.pk),
        {"title": proposal.title, "evaluation": "Verta", "lock_version": 0, "submission_key": str(uuid.uuid4())},
    )
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url("decide", proposal.pk),
            {"decision": "accepted", "reason": "Naudinga", "lock_version": 1, "submission_key": str(uuid.uuid4())},
        )
    assert response["Location"] == url("detail", proposal.pk)
    proposal.refresh_from_db()
    assert proposal.status == Status.ACCEPTED
    assert [message.to for message in mail.outbox] == [[world.worker.email]]
    page = client.get(url("detail", proposal.pk)).content.decode()
    assert "Naudinga" in page
    assert reverse("improvement:action_from_cause", args=["alpha", "proposals.proposal", proposal.pk]) in page
    # The proposer sees the decision in their own list.
    mine = world.client_for(world.worker).get(url("list") + "?mine=on").content.decode()
    assert proposal.title in mine


def test_deciding_an_unevaluated_proposal_is_refused_with_a_message(world: World) -> None:
    proposal = staff_proposal(world)
    world.quality.language = "en"
    world.quality.save()
    response = world.client_for(world.quality).post(
        url("decide", proposal.pk), {"decision": "rejected", "reason": "Ne", "lock_version": 0}
    )
    assert response.status_code == 200
    assert "Evaluate the proposal first" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == Status.SUBMITTED


# core.concurrency's message, translated in the main catalogue (a variable, so this app's catalogue does not take it).
EDIT_CONFLICT = (
    "Someone else saved this record while you were editing it. Your changes were not saved: "
    "open the record again to see the new version, then make your changes there."
)


def test_an_edit_conflict_keeps_the_text_and_says_what_happened(world: World) -> None:
    proposal = evaluated(world, staff_proposal(world))  # saved meanwhile: version 1
    response = world.client_for(world.director).post(
        url("evaluate", proposal.pk), {"title": proposal.title, "evaluation": "Mano vertinimas", "lock_version": 0}
    )
    body = response.content.decode()
    with translation.override(world.director.language):  # the page speaks the person's language
        conflict = gettext(EDIT_CONFLICT)
    assert html.escape(conflict) in body
    assert "Mano vertinimas" in body


def _history(world: World) -> None:
    """2025: 4 staff (one hidden), 2 box, 1 slip; decisions 3 accepted, 2 rejected, 1 already planned; 1 open."""
    with scopes_disabled():
        when = timezone.make_aware(datetime(2025, 5, 5, 10))
        made = [
            receiving.proposal_submit(
                actor=world.worker,
                municipality=world.a,
                institution=world.a1,
                title=f"S{n}",
                text="t",
                hidden_from_colleagues=n == 0,
                when=when,
            )
            for n in range(4)
        ]
        made += [
            receiving.proposal_receive(
                municipality=world.a,
                institution=world.a2 if n else None,
                text="t",
                contact_name="",
                contact_email="",
                language="lt",
                submission_key=uuid.uuid4(),
                when=when,
            )
            for n in range(2)
        ]
        made.append(
            receiving.slip_enter(
                actor=world.quality, municipality=world.a, institution=world.a1, taken_out_on=date(2025, 6, 1), text="t"
            )
        )
    decisions = [
        Status.ACCEPTED,
        Status.ACCEPTED,
        Status.REJECTED,
        Status.ALREADY_PLANNED,
        Status.ACCEPTED,
        Status.REJECTED,
    ]
    for proposal, decision in zip(made, decisions, strict=False):
        decided(world, proposal, decision)
    staff_proposal(world)  # this year, still open


def test_figures_count_by_origin_and_institution_and_compute_the_acceptance_rate(world: World) -> None:
    _history(world)
    with scopes_disabled():
        figures = figures_for(world.a, None)
    year_2025 = dict(figures.years)[2025]
    assert year_2025.by_origin == {Origin.STAFF: 4, Origin.BOX_FORM: 2, Origin.PAPER_SLIP: 1}
    assert (year_2025.total, year_2025.decided, year_2025.accepted) == (7, 6, 3)
    assert year_2025.acceptance_rate == pytest.approx(0.5)
    institutions = dict(figures.institutions(2025))
    assert institutions["A1 centras"].total == 5
    assert institutions["A2 globos namai"].total == 1
    assert institutions[""].total == 1  # the client did not say
    with scopes_disabled():
        only_a1 = figures_for(world.a, frozenset({world.a1.pk}))
    assert dict(only_a1.years)[2025].total == 5
    assert dict(only_a1.years)[2025].acceptance_rate == pytest.approx(2 / 4)  # the slip awaits a decision


def test_the_figures_page_and_csv_count_hidden_proposals_without_naming_anyone(
    world: World, django_assert_max_num_queries
) -> None:
    _history(world)
    client = world.client_for(world.consultant)  # a colleague, who may not see the hidden one
    with django_assert_max_num_queries(12):
        page = client.get(url("figures") + "?year=2025")
    body = page.content.decode()
    assert "<svg" in body
    assert 'role="img"' in body
    assert world.worker.display_name not in body
    rows = list(csv.reader(io.StringIO(client.get(url("figures_csv")).content.decode("utf-8-sig"))))
    a1_2025 = next(row for row in rows if row[0] == "2025" and row[1] == "A1 centras")
    assert a1_2025[2:6] == ["4", "0", "1", "5"]  # staff, box form, paper slip, total: the hidden one counted


def test_the_list_reads_a_bounded_number_of_queries(world: World, django_assert_max_num_queries) -> None:
    client = world.client_for(world.quality)
    for n in range(3):
        staff_proposal(world, title=f"P{n}")
    client.get(url("list"))
    with django_assert_max_num_queries(14) as few:
        client.get(url("list"))
    for n in range(30):
        staff_proposal(world, title=f"Q{n}", hidden=n % 2 == 0)
        box_proposal(world, institution=world.a1)
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("list"))
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url("list") + "?page=2")


def test_evaluators_are_reminded_of_the_oldest_undecided_proposals(world: World, django_assert_max_num_queries) -> None:
    for n in range(8):
        staff_proposal(world, title=f"P{n}", when=timezone.now() - timedelta(days=40 - n))
    decided(world, staff_proposal(world, title="Decided"), Status.REJECTED)
    with scopes_disabled():
        access = Access(user=world.quality, municipality=world.a, memberships=memberships_of(world.quality, world.a))
        with django_assert_max_num_queries(2):
            items = proposals_awaiting_decision(access)
        assert [item.label.split(" ", 1)[1] for item in items] == ["P0", "P1", "P2", "P3", "P4"]
        assert items[0].overdue
        colleague = Access(user=world.staff, municipality=world.a, memberships=memberships_of(world.staff, world.a))
        assert proposals_awaiting_decision(colleague) == []
        assert items[0] in attention_for(access)  # registered for the home page


def test_the_proposal_page_reads_a_bounded_number_of_queries(world: World, django_assert_max_num_queries) -> None:
    proposal = decided(world, staff_proposal(world), Status.ACCEPTED)
    client = world.client_for(world.quality)
    with django_assert_max_num_queries(14):
        page = client.get(url("detail", proposal.pk))
    assert page.status_code == 200


def test_a_latvian_client_reads_the_decision_in_latvian(world: World, django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        decided(
            world,
            box_proposal(world, institution=world.a1, email="anna@example.org", language="lv"),
            Status.REJECTED,
            notify=True,
        )
    [message] = mail.outbox
    assert "Noraidīts" in message.subject
    assert "Pamatojums:" in message.body


def test_only_the_proposer_may_change_a_proposal(world: World) -> None:
    proposal = staff_proposal(world)
    assert world.client_for(world.quality).get(url("edit", proposal.pk)).status_code == 403
    client = world.client_for(world.worker)
    assert url("edit", proposal.pk) in client.get(url("detail", proposal.pk)).content.decode()
    data = {"title": "Naujas", "text": "Naujas tekstas", "plan_year": "", "lock_version": 0}
    assert client.post(url("edit", proposal.pk), data)["Location"] == url("detail", proposal.pk)
    proposal.refresh_from_db()
    assert (proposal.title, proposal.plan_year) == ("Naujas", None)


def test_the_box_address_comes_as_a_qr_code_to_print(world: World) -> None:
    response = world.client_for(world.quality).get(url("box_qr"))
    assert response["Content-Type"] == "image/svg+xml"
    assert b"http://testserver/box/alpha/" in response.content
    assert world.client_for(world.worker).get(url("box_qr")).status_code == 403


def _unnamed_cells(body: str) -> int:
    """Data cells a narrow screen would show without their column's name (a row's first cell heads it)."""
    cells = re.findall(r"<td [^>]*>", body)
    leading = re.findall(r"<tr [^>]*>\s*<td ", body)
    return sum("data-label" not in cell for cell in cells) - len(leading)


def test_the_list_and_figures_tables_fold_into_labelled_rows_on_a_narrow_screen(world: World) -> None:
    """At 360 px the wide tables become one block per row, each value named (kokybe-responsive-table)."""
    _history(world)
    client = world.client_for(world.quality)
    for page in (url("list"), url("figures") + "?year=2025"):
        body = client.get(page).content.decode()
        tables = re.findall(r"<table [^>]*>", body)
        assert tables, page
        assert all("kokybe-responsive-table" in table for table in tables), page
        assert "data-label" in body, page
        assert _unnamed_cells(body) == 0, page
