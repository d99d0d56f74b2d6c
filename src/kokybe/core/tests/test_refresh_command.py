"""The refresh commands share their loop: every municipality in address-name order or the one named, each timed
on its own line, and an unknown name refused."""

import re

import pytest
from django.core.management import CommandError, call_command

from conftest import World

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("command", ["analytics_refresh", "charter_refresh"])
def test_an_unknown_municipality_is_refused(world: World, command: str) -> None:
    with pytest.raises(CommandError, match="No municipality 'nonesuch'"):
        call_command(command, "--municipality", "nonesuch")


@pytest.mark.parametrize("command", ["analytics_refresh", "charter_refresh"])
def test_one_timed_line_per_municipality_in_address_name_order(
    world: World, command: str, capsys: pytest.CaptureFixture[str]
) -> None:
    call_command(command, "--full")
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == ["alpha", "beta"]
    assert all(re.fullmatch(r"\w+: .+ \(\d+\.\d\d s\)", line) for line in lines)
