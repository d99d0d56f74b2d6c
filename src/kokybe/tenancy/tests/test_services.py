from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.audit.models import AuditEvent
from kokybe.core.errors import ServiceError
from kokybe.tenancy import services
from kokybe.tenancy.models import Invitation, Membership
from kokybe.tenancy.permissions import Role
from kokybe.tenancy.selectors import invitation_by_token_hash


def _token_from(message: mail.EmailMessage) -> str:
    link = next(line for line in message.body.splitlines() if "/invitations/" in line)
    return link.rstrip("/").rsplit("/", 1)[1]


def test_institution_slugs_stay_unique_within_a_municipality(world: World) -> None:
    with scope(municipality=world.a.pk):
        first = services.institution_create(
            actor=world.coordinator, municipality=world.a, name="Dienos centras", kind="other"
        )
        second = services.institution_create(
            actor=world.coordinator, municipality=world.a, name="Dienos centras", kind="other"
        )
    assert (first.slug, second.slug) == ("dienos-centras", "dienos-centras-2")


def test_institution_update_records_only_what_changed(world: World) -> None:
    with scope(municipality=world.a.pk):
        services.institution_update(
            actor=world.coordinator, institution=world.a1, name_en="A1 Centre", name=world.a1.name
        )
        event = AuditEvent.objects.get(action="institution.update")
    assert event.changes == {"name_en": {"from": "", "to": "A1 Centre"}}


def test_granting_a_role_twice_changes_nothing(world: World) -> None:
    with scope(municipality=world.a.pk):
        first = services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role=Role.CONSULTANT, institution=world.a2
        )
        again = services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role=Role.CONSULTANT, institution=world.a2
        )
        assert first.pk == again.pk
        assert AuditEvent.objects.filter(action="membership.grant").count() == 1


def test_a_coordinator_covers_the_whole_municipality_only(world: World) -> None:
    with scope(municipality=world.a.pk), pytest.raises(ServiceError):
        services.membership_grant(
            actor=world.coordinator,
            user=world.staff,
            municipality=world.a,
            role=Role.MUNICIPAL_COORDINATOR,
            institution=world.a1,
        )


def test_an_institution_of_another_municipality_is_refused(world: World) -> None:
    with scope(municipality=world.a.pk), pytest.raises(ServiceError):
        services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role=Role.DIRECTOR, institution=world.b1
        )


def test_the_last_coordinator_cannot_be_withdrawn(world: World) -> None:
    with scope(municipality=world.a.pk):
        membership = Membership.objects.get(user=world.coordinator)
        with pytest.raises(ServiceError):
            services.membership_revoke(actor=world.coordinator, membership=membership)
        assert Membership.objects.filter(pk=membership.pk).exists()


def test_withdrawing_a_role_is_audited(world: World) -> None:
    with scope(municipality=world.a.pk):
        services.membership_revoke(actor=world.coordinator, membership=world.director_membership)
        event = AuditEvent.objects.get(action="membership.revoke")
    assert event.changes["role"] == {"from": "director", "to": None}


def test_an_invitation_is_mailed_and_accepted_by_a_newcomer(world: World, django_capture_on_commit_callbacks) -> None:
    with scope(municipality=world.a.pk), django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=world.coordinator,
            municipality=world.a,
            email="Nauja@Example.org",
            role=Role.SOCIAL_WORKER,
            institution=world.a2,
            base_url="https://kokybe.example/",
        )
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["nauja@example.org"]
    token = _token_from(message)
    invitation.refresh_from_db()
    assert invitation.token_hash == services.token_hash(token)
    assert token not in invitation.token_hash
    found = invitation_by_token_hash(services.token_hash(token))
    assert found is not None
    user, membership = services.user_register_by_invitation(
        invitation=found, first_name="Nauja", last_name="Darbuotoja", password="pakankamai-ilgas-slaptazodis"
    )
    assert user.check_password("pakankamai-ilgas-slaptazodis")
    assert user.password.startswith("argon2")
    assert (membership.role, membership.institution_id) == (Role.SOCIAL_WORKER, world.a2.pk)
    assert invitation_by_token_hash(services.token_hash(token)) is None


def test_inviting_again_sends_a_new_link_and_the_old_one_stops_working(
    world: World, django_capture_on_commit_callbacks
) -> None:
    kwargs = {
        "actor": world.coordinator,
        "municipality": world.a,
        "email": "du@example.org",
        "role": Role.STAFF_MEMBER,
        "institution": world.a1,
        "base_url": "https://kokybe.example/",
    }
    with scope(municipality=world.a.pk):
        with django_capture_on_commit_callbacks(execute=True):
            first = services.invitation_create(**kwargs)
        with django_capture_on_commit_callbacks(execute=True):
            second = services.invitation_create(**kwargs)
        assert first.pk == second.pk
        assert Invitation.objects.filter(email="du@example.org").count() == 1
    old, new = _token_from(mail.outbox[0]), _token_from(mail.outbox[1])
    assert invitation_by_token_hash(services.token_hash(old)) is None
    assert invitation_by_token_hash(services.token_hash(new)) is not None


def test_an_expired_or_withdrawn_invitation_cannot_be_accepted(world: World) -> None:
    with scopes_disabled():
        invitation = Invitation.objects.get(email="pending@example.org")
        invitation.expires_at = timezone.now() - timedelta(minutes=1)
        invitation.save()
    with pytest.raises(ServiceError):
        services.invitation_accept(invitation=invitation, user=world.stranger)


def test_an_invitation_is_for_its_own_address_only(world: World) -> None:
    with scopes_disabled():
        invitation = Invitation.objects.get(email="pending@example.org")
    with translation.override("en"), pytest.raises(ServiceError, match="another e-mail"):
        services.invitation_accept(invitation=invitation, user=world.stranger)


def test_the_queue_never_holds_the_invitation_link(world: World, settings, django_capture_on_commit_callbacks) -> None:
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with scope(municipality=world.a.pk), django_capture_on_commit_callbacks(execute=True):
        invitation = services.invitation_create(
            actor=world.coordinator,
            municipality=world.a,
            email="eile@example.org",
            role=Role.STAFF_MEMBER,
            institution=world.a1,
            base_url="https://kokybe.example/",
        )
    queued = default_task_backend.results
    assert [result.kwargs for result in queued] == [
        {"invitation_id": invitation.pk, "base_url": "https://kokybe.example/"}
    ]
    invitation.refresh_from_db()
    assert invitation.token_hash is None
    services.invitation_mail_send(invitation_id=invitation.pk, base_url="https://kokybe.example/")
    services.invitation_mail_send(invitation_id=invitation.pk, base_url="https://kokybe.example/")
    assert len(mail.outbox) == 1
    invitation.refresh_from_db()
    assert invitation.token_hash == services.token_hash(_token_from(mail.outbox[0]))


def test_a_withdrawn_invitation_is_never_mailed(world: World) -> None:
    with scopes_disabled():
        invitation = Invitation.objects.get(email="pending@example.org")
        invitation.token_hash = None
        invitation.save()
    with scope(municipality=world.a.pk):
        services.invitation_revoke(actor=world.coordinator, invitation=invitation)
    services.invitation_mail_send(invitation_id=invitation.pk, base_url="https://kokybe.example/")
    assert mail.outbox == []
