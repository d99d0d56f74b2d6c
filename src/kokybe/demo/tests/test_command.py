"""The demo command without loading the demo: its refusal in production and the README's accounts table.

The loaded demo's tests are in test_demo.py; the refusal needs a database the demo has not touched.
"""

from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.utils import translation

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.demo.loader import accounts_table

README = Path(__file__).resolve().parents[4] / "README.md"


def test_the_readme_lists_the_same_accounts_as_the_demo() -> None:
    with translation.override("en"):
        assert accounts_table() in README.read_text()


@pytest.mark.django_db
def test_the_demo_refuses_to_load_into_production(settings) -> None:
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("demo")
    assert not User.objects.exists()


def test_the_accounts_table_has_one_row_per_account() -> None:
    with translation.override("en"):
        rows = accounts_table().splitlines()[2:]
    emails = [row.split("|")[3].strip() for row in rows]
    assert sorted(emails) == sorted({account.email for account in data.ACCOUNTS})
