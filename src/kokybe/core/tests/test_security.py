import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.test import Client, RequestFactory
from django.urls import reverse

from conftest import World
from kokybe.core.logging import PersonalDataExceptionFilter, PersonalDataLogFilter

ROOT = Path(__file__).resolve().parents[4]


def test_every_response_carries_the_security_headers(world: World) -> None:
    for client, path in [
        (Client(), reverse("account_login")),
        (world.client_for(world.coordinator), reverse("tenancy:home", kwargs={"municipality": "alpha"})),
        (Client(), "/no-such-page/"),
    ]:
        response = client.get(path)
        csp = response["Content-Security-Policy"]
        assert "unsafe-inline" not in csp
        assert "unsafe-eval" not in csp
        assert "frame-ancestors 'none'" in csp
        assert "script-src 'self'" in csp
        assert "style-src 'self'" in csp
        assert response["X-Content-Type-Options"] == "nosniff"
        assert response["Referrer-Policy"] == "same-origin"
        assert response["X-Frame-Options"] == "DENY"


def test_pages_have_no_inline_scripts_or_styles(world: World) -> None:
    page = world.client_for(world.coordinator).get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    html = page.content.decode()
    assert "<style" not in html
    assert " style=" not in html
    for chunk in html.split("<script")[1:]:
        assert chunk.split(">", 1)[0].strip().count("src=") == 1


def test_a_post_without_the_csrf_token_is_refused(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post(
        reverse("tenancy:institution_create", kwargs={"municipality": "alpha"}), {"name": "X", "kind": "other"}
    )
    assert response.status_code == 403


def test_check_deploy_with_production_settings_prints_no_warnings() -> None:
    env = {
        **os.environ,
        "KOKYBE_ENV": "production",
        "SECRET_KEY": "k3y-" + "a1b2c3d4e5" * 6,
        "DATABASE_URL": "postgres://kokybe@localhost/kokybe",
        "ALLOWED_HOSTS": "kokybe.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues" in result.stdout


def test_logged_request_lines_lose_their_query_strings() -> None:
    record = logging.LogRecord(
        "django.server", logging.INFO, __file__, 1, '"GET %s HTTP/1.1" 200', ("/m/a/clients/?q=Žemaitienė",), None
    )
    PersonalDataLogFilter().filter(record)
    assert "Žemaitienė" not in record.getMessage()
    assert "/m/a/clients/" in record.getMessage()


def test_logged_errors_lose_e_mail_addresses_also_in_tracebacks() -> None:
    try:
        raise RuntimeError("{'jurgita.petraitiene@example.lt': (550, b'mailbox unavailable')}")
    except RuntimeError:
        record = logging.LogRecord(
            "django_tasks", logging.ERROR, __file__, 1, "Task failed for %s", ("ona@example.lt",), sys.exc_info()
        )
    PersonalDataLogFilter().filter(record)
    formatted = logging.Formatter().format(record)
    assert "@example.lt" not in formatted
    assert "mailbox unavailable" in formatted


@pytest.mark.parametrize("address", ["203.0.113.77", "2001:db8::1", "::1", "fe80:0:0:0:0:0:0:1"])
def test_logged_lines_lose_ip_addresses(address: str) -> None:
    record = logging.LogRecord(
        "django.request", logging.WARNING, __file__, 1, "Bad request from %s at 10:30:15: %s", (address, "/s/x/"), None
    )
    PersonalDataLogFilter().filter(record)
    assert address not in record.getMessage()
    assert "10:30:15" in record.getMessage()
    assert "/s/x/" in record.getMessage()


def test_gunicorn_access_log_has_no_address_agent_or_query() -> None:
    from kokybe import gunicorn_conf

    for atom in ("%(h)s", "%(a)s", "%(r)s", "%(q)s", "%(u)s", "{x-forwarded-for}i"):
        assert atom not in gunicorn_conf.access_log_format


def test_error_reports_drop_submitted_values() -> None:
    request = RequestFactory().post("/", {"personal_code": "38001010000"})
    cleaned = PersonalDataExceptionFilter().get_post_parameters(request)
    assert "38001010000" not in str(cleaned)


def test_error_pages_share_the_shell(world: World) -> None:
    not_found = Client().get("/no-such-page/")
    assert not_found.status_code == 404
    assert b"govuk-skip-link" in not_found.content
    denied = world.client_for(world.staff).get(reverse("tenancy:people", kwargs={"municipality": "alpha"}))
    assert denied.status_code == 403
    assert b"govuk-skip-link" in denied.content


def test_the_server_error_page_renders_without_the_request_context(rf: RequestFactory) -> None:
    from kokybe.core.views import error_500

    response = error_500(rf.get("/"))
    assert response.status_code == 500
    assert b"govuk-skip-link" in response.content
    assert b"kokybe-header__account" not in response.content


def test_an_expired_form_explains_itself_instead_of_a_bare_403(world: World) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(world.coordinator)
    response = client.post(reverse("language_set"), {"language": "en"})
    assert response.status_code == 403
    assert b'id="main-content"' in response.content


def test_a_404_for_an_outsider_does_not_name_the_municipality(world: World) -> None:
    response = world.client_for(world.outsider).get(reverse("tenancy:home", kwargs={"municipality": "alpha"}))
    assert response.status_code == 404
    assert world.a.name not in response.content.decode()


def test_sign_in_addresses_cannot_be_changed_by_their_owner(world: World) -> None:
    client = world.client_for(world.staff)
    assert client.get("/accounts/email/").status_code == 404
    client.post("/accounts/email/", {"action_add": "", "email": "kitas@example.org"})
    world.staff.refresh_from_db()
    assert world.staff.email != "kitas@example.org"


def test_production_refuses_a_short_secret_key() -> None:
    env = {
        **os.environ,
        "KOKYBE_ENV": "production",
        "SECRET_KEY": "too-short",
        "ALLOWED_HOSTS": "k.example",
        "DATABASE_URL": "postgres://kokybe@localhost/kokybe",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr
