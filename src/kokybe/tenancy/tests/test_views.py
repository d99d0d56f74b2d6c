import uuid

from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.core import mail
from django.urls import reverse
from django_scopes import scope, scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.tenancy.models import Institution, Invitation, Membership, Unit


def url(name: str, world: World, **kwargs: object) -> str:
    return reverse(name, kwargs={"municipality": world.a.slug, **kwargs})


def test_the_home_page_shows_each_role_its_own_sections(world: World, django_assert_max_num_queries) -> None:
    client = world.client_for(world.coordinator)
    # 16 for the page itself and 18 for the reminders of plans, nonconformities, proposals,
    # competence, self-assessment, knowledge articles, catalogue descriptions, signals, decisions on
    # service requests, individual plan reviews, appointments and outcome measures (core.attention),
    # each bounded in its own app's tests.
    with django_assert_max_num_queries(34):
        coordinator = client.get(url("tenancy:home", world)).content.decode()
    staff = world.client_for(world.staff).get(url("tenancy:home", world)).content.decode()
    assert "activity-heading" not in staff
    assert "activity-heading" in coordinator
    assert 'href="/m/alpha/manage/people/"' in coordinator
    assert 'href="/m/alpha/manage/people/"' not in staff
    assert 'href="/m/alpha/audit/"' in coordinator


def test_an_institution_bound_member_sees_only_their_institution(world: World) -> None:
    page = world.client_for(world.director).get(url("tenancy:institutions", world)).content.decode()
    assert "A1 centras" in page
    assert "A2 globos namai" not in page


def test_creating_an_institution_twice_with_one_submission_creates_one(world: World) -> None:
    client = world.client_for(world.coordinator)
    data = {"name": "Bendruomenės centras", "kind": "other", "is_active": "on", "submission_key": str(uuid.uuid4())}
    first = client.post(url("tenancy:institution_create", world), data)
    second = client.post(url("tenancy:institution_create", world), data)
    assert first.status_code == second.status_code == 302
    assert (
        first["Location"] == second["Location"] == url("tenancy:institution", world, institution="bendruomenes-centras")
    )
    with scopes_disabled():
        assert Institution.objects.filter(name="Bendruomenės centras").count() == 1


def test_invalid_input_is_explained_next_to_the_field_and_kept(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post(
        url("tenancy:institution_create", world), {"name": "", "kind": "no-such-kind", "name_en": "Kept text"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_name_error"' in page
    assert 'id="id_kind_error"' in page
    assert 'value="Kept text"' in page
    assert 'aria-describedby="id_name_error"' in page or "id_name_hint id_name_error" in page
    with scopes_disabled():
        assert Institution.objects.count() == 3


def test_units_are_added_and_renamed(world: World) -> None:
    client = world.client_for(world.coordinator)
    client.post(url("tenancy:unit_create", world, institution="a1"), {"name": "Dienos globa", "is_active": "on"})
    with scopes_disabled():
        unit = Unit.objects.get(name="Dienos globa")
    client.post(
        url("tenancy:unit_edit", world, institution="a1", unit=unit.pk),
        {"name": "Dienos socialinė globa", "is_active": "on"},
    )
    unit.refresh_from_db()
    assert unit.name == "Dienos socialinė globa"


def test_a_unit_of_another_institution_is_404_under_this_one(world: World) -> None:
    with scope(municipality=world.a.pk):
        other = Unit.objects.create(municipality=world.a, institution=world.a2, name="A2 skyrius")
    response = world.client_for(world.coordinator).get(url("tenancy:unit_edit", world, institution="a1", unit=other.pk))
    assert response.status_code == 404


def test_people_page_queries_do_not_grow_with_people(world: World, django_assert_max_num_queries) -> None:
    from kokybe.tenancy.tests.factories import MembershipFactory

    with scopes_disabled():
        for _ in range(25):
            MembershipFactory(municipality=world.a, institution=world.a2, role="staff_member")
    client = world.client_for(world.coordinator)
    with django_assert_max_num_queries(14):
        response = client.get(url("tenancy:people", world))
    assert response.status_code == 200
    assert response.content.decode().count('href="/m/alpha/manage/people/') >= 33


def test_granting_and_withdrawing_a_role_from_the_person_page(world: World) -> None:
    client = world.client_for(world.coordinator)
    page = url("tenancy:person", world, user=world.staff.pk)
    client.post(page, {"role": "consultant", "institution": world.a2.pk})
    with scopes_disabled():
        granted = Membership.objects.get(user=world.staff, role="consultant")
    assert granted.institution_id == world.a2.pk
    client.post(url("tenancy:membership_revoke", world, user=world.staff.pk, membership=granted.pk))
    with scopes_disabled():
        assert not Membership.objects.filter(pk=granted.pk).exists()


def test_the_coordinator_role_with_an_institution_is_refused_next_to_the_field(world: World) -> None:
    client = world.client_for(world.coordinator)
    response = client.post(
        url("tenancy:person", world, user=world.staff.pk), {"role": "municipal_coordinator", "institution": world.a1.pk}
    )
    assert 'id="id_institution_error"' in response.content.decode()


def test_an_invitation_from_the_form_to_a_working_account(world: World, django_capture_on_commit_callbacks) -> None:
    coordinator = world.client_for(world.coordinator)
    with django_capture_on_commit_callbacks(execute=True):
        response = coordinator.post(
            url("tenancy:invitation_create", world),
            {
                "email": "naujokas@example.org",
                "role": "staff_member",
                "institution": world.a2.pk,
                "submission_key": str(uuid.uuid4()),
            },
        )
    assert response.status_code == 302
    link = next(line for line in mail.outbox[0].body.splitlines() if "/invitations/" in line)
    path = link[link.index("/invitations/") :]
    newcomer = world.client_for(None)
    form = newcomer.get(path)
    assert form.status_code == 200
    weak = newcomer.post(path, {"first_name": "Ona", "last_name": "Naujokė", "password1": "123", "password2": "123"})
    assert 'id="id_password1_error"' in weak.content.decode()
    assert not User.objects.filter(email="naujokas@example.org").exists()
    done = newcomer.post(
        path,
        {
            "first_name": "Ona",
            "last_name": "Naujokė",
            "password1": "saulėta-pajūrio-diena",
            "password2": "saulėta-pajūrio-diena",
        },
    )
    assert done.status_code == 302
    assert newcomer.get(url("tenancy:home", world)).status_code == 200
    assert newcomer.get(path).status_code == 404


def test_withdrawing_an_invitation(world: World) -> None:
    with scopes_disabled():
        invitation = Invitation.objects.get(email="pending@example.org")
    world.client_for(world.coordinator).post(url("tenancy:invitation_revoke", world, invitation=invitation.pk))
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None


def test_the_switcher_goes_to_the_chosen_institution(world: World) -> None:
    response = world.client_for(world.coordinator).get(url("tenancy:institution_switch", world), {"institution": "a2"})
    assert response["Location"] == url("tenancy:institution", world, institution="a2")
    denied = world.client_for(world.director).get(url("tenancy:institution_switch", world), {"institution": "a2"})
    assert denied.status_code == 404


def test_a_submission_key_is_the_senders_own(world: World) -> None:
    with scopes_disabled():
        from kokybe.tenancy.tests.factories import MembershipFactory

        second = MembershipFactory(municipality=world.a, role="municipal_coordinator").user
        TOTP.activate(second, generate_totp_secret())
    key = str(uuid.uuid4())
    world.client_for(world.coordinator).post(
        url("tenancy:institution_create", world), {"name": "Pirmas", "kind": "other", "submission_key": key}
    )
    world.client_for(second).post(
        url("tenancy:institution_create", world), {"name": "Antras", "kind": "other", "submission_key": key}
    )
    with scopes_disabled():
        assert set(Institution.objects.filter(name__in=["Pirmas", "Antras"]).values_list("name", flat=True)) == {
            "Pirmas",
            "Antras",
        }
