import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.conf import settings
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.middleware import IdleSessionMiddleware
from kokybe.accounts.models import User
from kokybe.tenancy.tests.factories import UserFactory

PASSWORD = "ilgas-ir-saugus-slaptazodis"
ROOT = Path(__file__).resolve().parents[4]


@pytest.fixture
def person(db: None) -> User:
    user = UserFactory(email="asmuo@example.org")
    user.set_password(PASSWORD)
    user.save()
    return user


def login(client: Client, email: str, password: str):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_passwords_are_hashed_with_argon2(person: User) -> None:
    assert settings.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    assert person.password.startswith("argon2$")


def test_login_by_email_rotates_the_session_key(person: User) -> None:
    client = Client()
    client.get(reverse("account_login"))
    client.session["probe"] = 1
    before = client.session.session_key
    response = login(client, "ASMUO@example.org", PASSWORD)
    assert response.status_code == 302
    assert client.session.session_key != before
    assert client.session["_auth_user_id"] == str(person.pk)


def test_a_wrong_password_is_refused_and_repeated_failures_lock_the_account(person: User) -> None:
    client = Client()
    for _ in range(5):
        refused = login(client, person.email, "wrong-password-x")
        assert refused.status_code == 200
        assert "_auth_user_id" not in client.session
    # Now even the right password is refused until the window passes...
    other_browser = Client()
    login(other_browser, person.email, PASSWORD)
    assert "_auth_user_id" not in other_browser.session
    # ...and it is the lockout that refused it: once the window is over, it works.
    cache.clear()
    login(other_browser, person.email, PASSWORD)
    assert other_browser.session["_auth_user_id"] == str(person.pk)


def test_password_reset_sends_a_link_by_email(person: User) -> None:
    Client().post(reverse("account_reset_password"), {"email": person.email})
    assert len(mail.outbox) == 1
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


def test_an_idle_session_ends_after_thirty_minutes(world: World) -> None:
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    client = world.client_for(world.staff)
    home = reverse("tenancy:home", kwargs={"municipality": "alpha"})
    assert client.get(home).status_code == 200
    session = Session.objects.get(session_key=client.session.session_key)
    assert session.expire_date > timezone.now() + timedelta(minutes=29)
    Session.objects.filter(pk=session.pk).update(expire_date=timezone.now() - timedelta(seconds=1))
    response = client.get(home)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_session_is_renewed_at_most_once_a_minute(world: World) -> None:
    client = world.client_for(world.staff)
    home = reverse("tenancy:home", kwargs={"municipality": "alpha"})
    client.get(home)
    session = Session.objects.get(session_key=client.session.session_key)
    shortened = timezone.now() + timedelta(minutes=10)
    Session.objects.filter(pk=session.pk).update(expire_date=shortened)

    client.get(home)
    assert Session.objects.get(pk=session.pk).expire_date == shortened  # renewed less than a minute ago

    data = session.get_decoded()
    data[IdleSessionMiddleware.RENEWED] -= IdleSessionMiddleware.RENEW_AFTER_SECONDS
    Session.objects.filter(pk=session.pk).update(session_data=SessionStore().encode(data))
    client.get(home)
    assert Session.objects.get(pk=session.pk).expire_date > timezone.now() + timedelta(minutes=29)


def test_a_role_with_personal_data_must_set_up_a_second_factor(world: World) -> None:
    with scopes_disabled():
        Authenticator.objects.filter(user=world.worker).delete()
    client = world.client_for(world.worker)
    response = client.get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_a_role_without_personal_data_needs_no_second_factor(world: World) -> None:
    response = world.client_for(world.staff).get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    assert response.status_code == 200


def test_the_demo_relaxation_lets_people_in_without_a_second_factor(world: World, settings) -> None:
    settings.KOKYBE_DEMO_RELAX_MFA = True
    with scopes_disabled():
        Authenticator.objects.filter(user=world.worker).delete()
    response = world.client_for(world.worker).get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    assert response.status_code == 200


def test_login_asks_for_the_code_when_a_second_factor_is_set_up(world: World) -> None:
    world.worker.set_password(PASSWORD)
    world.worker.save()
    response = login(Client(), world.worker.email, PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == reverse("mfa_authenticate")


def _settings_in_production(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {
        **os.environ,
        "KOKYBE_ENV": "production",
        "SECRET_KEY": "p" * 60,
        "DATABASE_URL": "postgres://kokybe@localhost/kokybe",
        "ALLOWED_HOSTS": "kokybe.example",
        "DJANGO_SETTINGS_MODULE": "kokybe.settings",
        **extra,
    }
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_refuses_the_demo_relaxation() -> None:
    refused = _settings_in_production(KOKYBE_DEMO_RELAX_MFA="1")
    assert refused.returncode != 0
    assert "KOKYBE_DEMO_RELAX_MFA" in refused.stderr
    assert _settings_in_production().returncode == 0


def test_production_refuses_to_start_without_a_secret_key() -> None:
    refused = _settings_in_production(SECRET_KEY="")
    assert refused.returncode != 0
    assert "SECRET_KEY" in refused.stderr


def test_choosing_a_language_is_remembered_for_the_person(world: World) -> None:
    client = world.client_for(world.staff)
    home = reverse("tenancy:home", kwargs={"municipality": "alpha"})
    response = client.post(reverse("language_set"), {"language": "lv", "next": home})
    assert response["Location"] == home
    world.staff.refresh_from_db()
    assert world.staff.language == "lv"
    assert client.get(home)["Content-Language"] == "lv"


def test_the_language_switch_refuses_foreign_redirects(world: World) -> None:
    response = Client().post(reverse("language_set"), {"language": "en", "next": "https://evil.example/"})
    assert response["Location"] == "/"


def test_without_a_choice_the_municipality_language_applies(world: World) -> None:
    response = Client().get(reverse("tenancy:home", kwargs={"municipality": "beta"}), follow=True)
    assert response.redirect_chain
    page = Client().get(reverse("account_login"), HTTP_ACCEPT_LANGUAGE="en")
    assert page["Content-Language"] == "lt"


def test_signup_is_closed_people_join_by_invitation(db: None) -> None:
    response = Client().post(
        reverse("account_signup"), {"email": "x@example.org", "password1": PASSWORD, "password2": PASSWORD}
    )
    assert not User.objects.filter(email="x@example.org").exists()
    assert response.status_code == 200


def test_password_and_second_factor_changes_are_audited(person: User) -> None:
    from kokybe.audit.models import AuditEvent

    client = Client()
    client.force_login(person)
    client.post(
        reverse("account_change_password"),
        {"oldpassword": PASSWORD, "password1": "kitas-ilgas-slaptazodis", "password2": "kitas-ilgas-slaptazodis"},
    )
    person.refresh_from_db()
    assert person.check_password("kitas-ilgas-slaptazodis")
    with transaction.atomic():
        authenticator = TOTP.activate(person, generate_totp_secret()).instance
    with transaction.atomic():
        authenticator.delete()
    with scopes_disabled():
        actions = list(AuditEvent.objects.filter(actor=person).order_by("id").values_list("action", flat=True))
    assert actions == ["user.password", "mfa.add", "mfa.remove"]


def test_someone_who_just_signed_in_sets_up_the_second_factor_without_retyping_the_password(world: World) -> None:
    with scopes_disabled():
        Authenticator.objects.filter(user=world.worker).delete()
    world.worker.set_password(PASSWORD)
    world.worker.save()
    client = Client()
    signed_in = login(client, world.worker.email, PASSWORD)
    assert signed_in.status_code == 302
    home = client.get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    assert home["Location"] == reverse("mfa_activate_totp")
    assert client.get(reverse("mfa_activate_totp")).status_code == 200


def test_removing_the_second_factor_mid_session_counts_at_once(world: World) -> None:
    client = world.client_for(world.worker)
    home = reverse("tenancy:home", kwargs={"municipality": "alpha"})
    assert client.get(home).status_code == 200
    with scopes_disabled(), transaction.atomic():
        Authenticator.objects.filter(user=world.worker).delete()
    assert client.get(home)["Location"] == reverse("mfa_activate_totp")


def test_the_last_second_factor_of_a_personal_data_role_cannot_be_removed(world: World) -> None:
    from kokybe.accounts.adapters import MFAAdapter

    with scopes_disabled():
        totp = Authenticator.objects.get(user=world.worker, type=Authenticator.Type.TOTP)
        staff_totp = TOTP.activate(world.staff, generate_totp_secret()).instance
    assert MFAAdapter().can_delete_authenticator(totp) is False
    assert MFAAdapter().can_delete_authenticator(staff_totp) is True
