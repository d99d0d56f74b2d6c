import pytest
from django.core import mail
from django.core.management import CommandError, call_command

from kokybe.tenancy.models import Invitation, Municipality


@pytest.mark.django_db
def test_municipality_create_invites_its_first_coordinator(django_capture_on_commit_callbacks) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        call_command(
            "municipality_create",
            "alytus",
            "Alytaus miesto savivaldybė",
            country="LT",
            coordinator="koord@alytus.example",
            base_url="https://kokybe.example/",
        )
    municipality = Municipality.objects.get(slug="alytus")
    assert municipality.language == "lt"
    invitation = Invitation.objects.with_scopes_disabled().get(municipality=municipality)
    assert invitation.role == "municipal_coordinator"
    assert invitation.institution is None
    assert mail.outbox[0].to == ["koord@alytus.example"]


@pytest.mark.django_db
def test_municipality_create_refuses_bad_input_and_changes_nothing() -> None:
    with pytest.raises(CommandError):
        call_command("municipality_create", "x", "X", country="LT", coordinator="not-an-address", base_url="https://k/")
    call_command("municipality_create", "x", "X", country="LV", coordinator="a@b.example", base_url="https://k/")
    with pytest.raises(CommandError):
        call_command("municipality_create", "x", "Y", country="LV", coordinator="c@d.example", base_url="https://k/")
    assert Municipality.objects.filter(slug="x").count() == 1


@pytest.mark.django_db
def test_createsuperuser_works_with_email_only(monkeypatch: pytest.MonkeyPatch) -> None:
    from kokybe.accounts.models import User

    monkeypatch.setenv("DJANGO_SUPERUSER_PASSWORD", "operatoriaus-slaptazodis")
    call_command("createsuperuser", "--noinput", "--email", "operator@kokybe.example", stdout=open("/dev/null", "w"))  # noqa: SIM115
    operator = User.objects.get(email="operator@kokybe.example")
    assert operator.is_superuser
    assert operator.check_password("operatoriaus-slaptazodis")
