"""The handling pages: the queue's filters, pages and query counts, the signal page, answering, steps and settings."""

import datetime
import uuid
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.audit.models import AuditEvent
from kokybe.inquiries.models import AnswerTemplate, DeadlinePolicy, Kind, Signal, SignalMessage, SignalNote, Status
from kokybe.inquiries.tests.builders_handling import article_in, attachment_on, signal_in, topic_in

pytestmark = pytest.mark.django_db


def url(name: str, world: World, *args: Any) -> str:
    return reverse(f"inquiries:{name}", args=[world.a.slug, *args])


def english(world: World, user: User) -> Client:
    """A client of someone who reads the pages in English (messages are matched in English)."""
    with scopes_disabled():
        User.objects.filter(pk=user.pk).update(language="en")
    return world.client_for(user)


def key() -> str:
    return str(uuid.uuid4())


def references(response: Any) -> list[str]:
    return [signal.reference for signal in response.context["page"].signals]


def test_the_queue_shows_only_the_signals_one_handles(world: World) -> None:
    mine = signal_in(world.a, world.a1)
    other_institution = signal_in(world.a, world.a2)
    municipality_queue = signal_in(world.a, None)
    signal_in(world.b, world.b1)
    worker_sees = references(world.client_for(world.worker).get(url("queue", world)))
    assert worker_sees == [mine.reference]
    coordinator_sees = set(references(world.client_for(world.coordinator).get(url("queue", world))))
    assert coordinator_sees == {mine.reference, other_institution.reference, municipality_queue.reference}
    only_municipality = references(
        world.client_for(world.coordinator).get(url("queue", world) + "?institution=municipality")
    )
    assert only_municipality == [municipality_queue.reference]


def test_the_queue_filters_by_assignee_status_deadline_kind_channel_and_topic(world: World) -> None:
    today = timezone.localdate()
    topic = topic_in(world.a)
    overdue = signal_in(
        world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, due_on=today - datetime.timedelta(days=2)
    )
    soon = signal_in(
        world.a, world.a1, kind=Kind.COMPLAINT, channel="phone", topic=topic, due_on=today + datetime.timedelta(days=1)
    )
    closed = signal_in(world.a, world.a1, status=Status.CLOSED, due_on=today - datetime.timedelta(days=9))
    client = world.client_for(world.worker)
    queue = url("queue", world)
    assert references(client.get(queue)) == [overdue.reference, soon.reference]  # open ones, deadline first
    assert references(client.get(queue + "?assignee=me")) == [overdue.reference]
    assert references(client.get(queue + "?assignee=none")) == [soon.reference]
    assert references(client.get(queue + "?due=overdue")) == [overdue.reference]
    assert references(client.get(queue + "?due=soon")) == [soon.reference]
    assert references(client.get(queue + "?status=closed")) == [closed.reference]
    assert references(client.get(queue + "?kind=complaint&channel=phone")) == [soon.reference]
    assert references(client.get(queue + f"?topic={topic.pk}")) == [soon.reference]
    assert references(client.get(queue + f"?reference={closed.reference.lower()}&status=all")) == [closed.reference]


def test_the_queue_pages_by_keyset_without_repeating_or_skipping(world: World) -> None:
    today = timezone.localdate()
    made = [signal_in(world.a, world.a1, due_on=today + datetime.timedelta(days=n % 4)) for n in range(60)]
    client = world.client_for(world.worker)
    seen: list[str] = []
    response = client.get(url("queue", world))
    while True:
        page = response.context["page"]
        assert page.count == 60
        seen += [signal.reference for signal in page.signals]
        if not page.next_cursor:
            break
        response = client.get(url("queue", world), {"after": page.next_cursor})
    assert sorted(seen) == sorted(signal.reference for signal in made)
    assert len(seen) == len(set(seen))


def grow(world: World, count: int) -> None:
    today = timezone.localdate()
    for n in range(count):
        grown = signal_in(
            world.a,
            world.a1,
            status=Status.ASSIGNED,
            assignee=world.worker,
            due_on=today - datetime.timedelta(days=n % 5),
        )
        attachment_on(grown)


def test_queue_and_signal_page_queries_do_not_grow_with_data(world: World, django_assert_max_num_queries: Any) -> None:
    first = signal_in(world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker)
    attachment_on(first)
    grow(world, 40)  # more than a page on every list: the count is read too
    client = world.client_for(world.worker)
    pages = [
        url("queue", world),
        url("queue", world) + "?status=all&order=newest",
        url("queue", world) + "?due=overdue&assignee=me",
        url("detail", world, first.pk),
        url("answer", world, first.pk),
        reverse("tenancy:home", args=[world.a.slug]),
    ]
    counts = {}
    for page in pages:
        with django_assert_max_num_queries(40) as captured:
            assert client.get(page).status_code == 200
        counts[page] = len(captured)
    grow(world, 40)
    for page, before in counts.items():
        with django_assert_max_num_queries(before, info=page):
            client.get(page)


def test_the_signal_page_shows_the_case_and_records_who_looked(world: World) -> None:
    signal = signal_in(world.a, world.a1, text="Mamai reikia pagalbos namuose.")
    attachment = attachment_on(signal)
    response = english(world, world.worker).get(url("detail", world, signal.pk))
    page = response.content.decode()
    assert "Mamai reikia pagalbos namuose." in page
    assert "jonas@example.org" in page
    assert url("file", world, signal.pk, attachment.pk) in page
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="personal_data.view", actor=world.worker).count() == 1


def test_a_file_is_downloaded_only_through_its_signal_and_each_download_recorded(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    attachment = attachment_on(signal, content=b"%PDF-1.4 pazyma")
    other = signal_in(world.a, world.a1)
    client = world.client_for(world.worker)
    response = client.get(url("file", world, signal.pk, attachment.pk))
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 pazyma"  # type: ignore[attr-defined]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client.get(url("file", world, other.pk, attachment.pk)).status_code == 404
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="personal_data.view", object_id=str(attachment.pk)).count() == 1


def test_answer_from_a_template_in_the_persons_language_with_an_article_sent_once(world: World) -> None:
    signal = signal_in(world.a, world.a1, language="en")
    article = article_in(world.a, world.quality, title="Pagalba į namus")
    with scopes_disabled():
        template = AnswerTemplate.objects.create(
            municipality=world.a, title="Pagalba namuose", body={"lt": "Laba diena.", "en": "Good afternoon."}
        )
        template.articles.set([article])
    client = english(world, world.worker)
    page = client.get(url("answer", world, signal.pk) + f"?template={template.pk}")
    form = page.context["form"]
    assert form.initial["body"] == "Good afternoon."
    assert form.initial["articles"] == [str(article.pk)]
    data = {
        "body": "Good afternoon, the social worker comes on Tuesday.",
        "articles": [str(article.pk)],
        "template": str(template.pk),
        "lock_version": "0",
        "action": "send",
        "submission_key": key(),
    }
    first = client.post(url("answer", world, signal.pk), data)
    assert first.status_code == 302
    again = client.post(url("answer", world, signal.pk), data)  # a double click
    assert again.status_code == 302
    with scopes_disabled():
        [message] = SignalMessage.objects.filter(signal=signal)
        assert list(message.articles.all()) == [article]
        assert Signal.objects.get(pk=signal.pk).status == Status.ANSWERED


def test_the_knowledge_search_keeps_what_was_typed_and_writes_nothing(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    article_in(world.a, world.quality, title="Dienos centras")
    client = world.client_for(world.worker)
    response = client.post(
        url("answer", world, signal.pk),
        {
            "body": "Mano juodraštis",
            "article_query": "dienos",
            "lock_version": "0",
            "action": "search",
            "submission_key": key(),
        },
    )
    assert response.status_code == 200
    assert "Mano juodraštis" in response.content.decode()
    assert [hit.title for hit in response.context["hits"]] == ["Dienos centras"]
    with scopes_disabled():
        assert not SignalMessage.objects.exists()


def test_an_empty_answer_is_refused_beside_the_field(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    response = english(world, world.worker).post(
        url("answer", world, signal.pk), {"body": " ", "lock_version": "0", "action": "send", "submission_key": key()}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["body"] == ["Write the answer."]


def test_forwarding_out_of_ones_institution_returns_to_the_queue(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    response = world.client_for(world.worker).post(
        url("forward", world, signal.pk),
        {"institution": world.a2.pk, "reason": "Globos namų klausimas.", "lock_version": "0", "submission_key": key()},
    )
    assert response["Location"] == url("queue", world)
    assert world.client_for(world.worker).get(url("detail", world, signal.pk)).status_code == 404
    assert world.client_for(world.other_worker).get(url("detail", world, signal.pk)).status_code == 200


def test_the_forward_form_offers_the_municipality_queue_and_only_institutions_of_the_municipality(
    world: World,
) -> None:
    signal = signal_in(world.a, world.a1)
    form = world.client_for(world.worker).get(url("forward", world, signal.pk)).context["form"]
    offered = [value for value, _label in form.fields["institution"].choices]
    assert offered == ["", "municipality", str(world.a2.pk)]
    queued = signal_in(world.a, None)
    form = world.client_for(world.coordinator).get(url("forward", world, queued.pk)).context["form"]
    offered = [value for value, _label in form.fields["institution"].choices]
    assert offered == ["", str(world.a1.pk), str(world.a2.pk)]
    refused = world.client_for(world.worker).post(
        url("forward", world, signal.pk),
        {"institution": world.b1.pk, "reason": "Kita savivaldybė.", "lock_version": "0", "submission_key": key()},
    )
    assert refused.status_code == 200
    assert refused.context["form"].errors["institution"]
    with scopes_disabled():
        assert Signal.objects.get(pk=signal.pk).institution_id == world.a1.pk


def test_a_worker_forwards_to_the_municipality_queue_and_returns_to_her_queue(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    client = english(world, world.worker)
    response = client.post(
        url("forward", world, signal.pk),
        {
            "institution": "municipality",
            "reason": "Savivaldybės klausimas.",
            "lock_version": "0",
            "submission_key": key(),
        },
        follow=True,
    )
    assert response.redirect_chain == [(url("queue", world), 302)]
    page = response.content.decode()
    assert "Forwarded to the municipality&#x27;s queue. The person is told by e-mail." in page
    assert client.get(url("detail", world, signal.pk)).status_code == 404
    with scopes_disabled():
        assert Signal.objects.get(pk=signal.pk).institution_id is None
    assert world.client_for(world.coordinator).get(url("detail", world, signal.pk)).status_code == 200


def test_the_coordinator_forwards_to_the_municipality_queue_and_stays_on_the_signal(world: World) -> None:
    signal = signal_in(world.a, world.a1, person_email="")
    client = english(world, world.coordinator)
    response = client.post(
        url("forward", world, signal.pk),
        {"institution": "municipality", "reason": "Imsiu pati.", "lock_version": "0", "submission_key": key()},
    )
    assert response["Location"] == url("detail", world, signal.pk)
    page = client.get(response["Location"]).content.decode()
    assert "Forwarded to the municipality&#x27;s queue." in page
    assert "told by e-mail" not in page


def test_a_stale_step_shows_the_conflict_and_changes_nothing(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    client = english(world, world.worker)
    client.post(
        url("assign", world, signal.pk), {"assignee": world.worker.pk, "lock_version": "0", "submission_key": key()}
    )
    response = client.post(
        url("close", world, signal.pk), {"reason": "Dublikatas.", "lock_version": "0", "submission_key": key()}
    )
    assert response.status_code == 200
    assert "Someone else saved this record" in response.content.decode()
    with scopes_disabled():
        assert Signal.objects.get(pk=signal.pk).status == Status.ASSIGNED


def test_a_step_not_possible_now_sends_back_to_the_signal(world: World) -> None:
    signal = signal_in(world.a, world.a1, status=Status.CLOSED)
    response = world.client_for(world.worker).get(url("forward", world, signal.pk))
    assert response["Location"] == url("detail", world, signal.pk)


def test_an_empty_note_is_refused_and_a_note_is_added_once(world: World) -> None:
    signal = signal_in(world.a, world.a1)
    client = world.client_for(world.worker)
    refused = client.post(url("note", world, signal.pk), {"text": "", "submission_key": key()})
    assert refused.status_code == 200
    note = {"text": "Paskambinsiu rytoj.", "submission_key": key()}
    client.post(url("note", world, signal.pk), note)
    client.post(url("note", world, signal.pk), note)
    with scopes_disabled():
        assert SignalNote.objects.filter(signal=signal).count() == 1


def test_settings_a_deadline_changes_with_a_conflict_check(world: World) -> None:
    client = english(world, world.coordinator)
    assert client.get(url("settings", world)).status_code == 200
    with scopes_disabled():
        policy = DeadlinePolicy.objects.get(municipality=world.a, kind=Kind.QUESTION)
    data = {"working_days": "7", "warn_days_before": "2", "lock_version": "0", "submission_key": key()}
    assert client.post(url("policy_edit", world, policy.pk), data).status_code == 302
    stale = client.post(url("policy_edit", world, policy.pk), data | {"working_days": "9", "submission_key": key()})
    assert "Someone else saved this record" in stale.content.decode()
    too_early = client.post(
        url("policy_edit", world, policy.pk),
        data | {"warn_days_before": "7", "lock_version": "1", "submission_key": key()},
    )
    assert too_early.context["form"].errors["warn_days_before"]
    policy.refresh_from_db()
    assert (policy.working_days, policy.pause_while_waiting) == (7, False)


def test_settings_topics_and_an_institutions_own_templates(world: World) -> None:
    coordinator = world.client_for(world.coordinator)
    coordinator.post(url("topic_create", world), {"name_lt": "Maitinimas", "name_en": "Meals", "submission_key": key()})
    with scopes_disabled():
        assert AuditEvent.objects.filter(action="signal_topic.create").count() == 1
    director = english(world, world.director)
    without_institution = director.post(
        url("template_create", world), {"title": "Padėka", "body_lt": "Ačiū.", "submission_key": key()}
    )
    assert without_institution.context["form"].errors["institution"]
    director.post(
        url("template_create", world),
        {"title": "Padėka", "body_lt": "Ačiū.", "institution": world.a1.pk, "is_active": "on", "submission_key": key()},
    )
    with scopes_disabled():
        template = AnswerTemplate.objects.get(title="Padėka")
    assert template.institution_id == world.a1.pk
    assert world.client_for(world.other_worker).get(url("template_edit", world, template.pk)).status_code == 404


def test_home_page_shows_ones_signals_due_and_the_directors_escalations(world: World) -> None:
    today = timezone.localdate()
    mine = signal_in(
        world.a, world.a1, status=Status.ASSIGNED, assignee=world.worker, due_on=today + datetime.timedelta(days=1)
    )
    escalated = signal_in(world.a, world.a1, due_on=today - datetime.timedelta(days=3), escalated_at=timezone.now())
    home = reverse("tenancy:home", args=[world.a.slug])
    worker_home = world.client_for(world.worker).get(home).content.decode()
    assert mine.reference in worker_home
    assert escalated.reference not in worker_home
    director_home = world.client_for(world.director).get(home).content.decode()
    assert escalated.reference in director_home


def test_every_step_page_shows_its_form_and_does_its_step(world: World) -> None:
    """Wait, resume, reclassify, reopen, merge and register as a nonconformity, as a worker clicks through them."""
    complaint = signal_in(world.a, world.a1, kind=Kind.COMPLAINT, status=Status.ASSIGNED, assignee=world.worker)
    kept = signal_in(world.a, world.a1)
    client = world.client_for(world.quality)

    def step(name: str, data: dict[str, Any], signal: Signal = complaint) -> None:
        assert client.get(url(name, world, signal.pk)).status_code == 200
        with scopes_disabled():
            version = Signal.objects.get(pk=signal.pk).lock_version
        response = client.post(url(name, world, signal.pk), data | {"lock_version": version, "submission_key": key()})
        assert response.status_code == 302, response.context["form"].errors

    step("wait", {"reason": "Prašėme atsiųsti nuotrauką."})
    step("resume", {})
    step("edit", {"kind": Kind.COMPLAINT, "priority": "high", "subject": "Vėlavimas"})
    step("nonconformity", {"process": "Pagalba į namus", "severity": "minor", "description": "Vėlavo 2 val."})
    step("close", {"reason": "Atsiprašėme telefonu."})
    step("reopen", {"reason": "Asmuo vėl skambino."})
    step("merge", {"into": kept.reference.lower()})
    with scopes_disabled():
        complaint = Signal.objects.get(pk=complaint.pk)
    assert (complaint.status, complaint.merged_into_id, complaint.priority) == (Status.MERGED, kept.pk, "high")
    assert complaint.nonconformity is not None
    page = client.get(url("detail", world, kept.pk)).content.decode()
    assert complaint.reference in page  # the duplicate is listed on the signal kept


def test_a_merge_into_a_signal_one_does_not_handle_is_refused(world: World) -> None:
    duplicate = signal_in(world.a, world.a1)
    elsewhere = signal_in(world.a, world.a2)
    response = english(world, world.worker).post(
        url("merge", world, duplicate.pk), {"into": elsewhere.reference, "lock_version": "0", "submission_key": key()}
    )
    assert response.context["form"].errors["into"] == ["No signal you handle has this reference code."]


def test_a_signal_is_a_cause_of_a_plan_action(world: World) -> None:
    signal = signal_in(world.a, world.a1, kind=Kind.SUGGESTION)
    cause = reverse("improvement:action_from_cause", args=[world.a.slug, "inquiries.signal", signal.pk])
    assert world.client_for(world.quality).get(cause).status_code == 200
    assert world.client_for(world.other_worker).get(cause).status_code in {403, 404}
