"""Access rules of the handling pages, for the shared probe test."""

from typing import Any

from django_scopes import scopes_disabled

from conftest import World
from kokybe.core.tests.rules import Rule
from kokybe.inquiries.models import AnswerTemplate, DeadlinePolicy, Kind
from kokybe.inquiries.tests.builders_handling import attachment_on, signal_in, topic_in
from kokybe.tenancy.permissions import Capability

C = Capability
HANDLE = Rule(C.HANDLE_SIGNALS)
MUNICIPALITY_WIDE_SETTINGS = Rule(C.MANAGE_SIGNAL_SETTINGS, personas=frozenset({"coordinator"}))

RULES: dict[str, Rule] = {
    "inquiries:queue": HANDLE,
    "inquiries:detail": HANDLE,
    "inquiries:file": HANDLE,
    "inquiries:answer": HANDLE,
    "inquiries:assign": HANDLE,
    "inquiries:forward": HANDLE,
    "inquiries:wait": HANDLE,
    "inquiries:resume": HANDLE,
    "inquiries:close": HANDLE,
    "inquiries:reopen": HANDLE,
    "inquiries:merge": HANDLE,
    "inquiries:nonconformity": HANDLE,
    "inquiries:edit": HANDLE,
    "inquiries:note": HANDLE,
    "inquiries:settings": Rule(C.MANAGE_SIGNAL_SETTINGS),
    "inquiries:topic_create": MUNICIPALITY_WIDE_SETTINGS,
    "inquiries:topic_edit": MUNICIPALITY_WIDE_SETTINGS,
    "inquiries:policy_edit": MUNICIPALITY_WIDE_SETTINGS,
    "inquiries:template_create": Rule(C.MANAGE_SIGNAL_SETTINGS),
    "inquiries:template_edit": Rule(C.MANAGE_SIGNAL_SETTINGS),
}
INSTITUTION_BOUND: frozenset[str] = frozenset({"signal", "signal_file", "template"})


def _policy(world: World) -> DeadlinePolicy:
    with scopes_disabled():
        policy, _created = DeadlinePolicy.objects.get_or_create(
            municipality=world.a, kind=Kind.QUESTION, defaults={"working_days": 5}
        )
    return policy


def samples(world: World, names: frozenset[str]) -> dict[str, Any]:
    """A complaint of A1 (so every step page has something to show), its file, a topic and an A1 template."""
    found: dict[str, Any] = {}
    if names & {"signal", "signal_file"}:
        signal = signal_in(world.a, world.a1, kind=Kind.COMPLAINT)
        found["signal"] = signal.pk
        found["signal_file"] = attachment_on(signal).pk
    if "topic" in names:
        found["topic"] = topic_in(world.a).pk
    if "policy" in names:
        found["policy"] = _policy(world).pk
    if "template" in names:
        with scopes_disabled():
            template = AnswerTemplate.objects.create(
                municipality=world.a, institution=world.a1, title="Pagalba namuose", body={"lt": "Sveiki"}
            )
        found["template"] = template.pk
    return {name: value for name, value in found.items() if name in names}
