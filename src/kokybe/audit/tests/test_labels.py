"""Every action and object type the code records has a readable name on the audit trail, in every
language; the page and its filter show those names (see kokybe.audit.labels for the format)."""

import textwrap
from collections.abc import Iterable
from types import ModuleType

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.urls import reverse
from django.utils import translation
from django_scopes import scope

from conftest import World
from kokybe.audit.forms import AuditSearchForm
from kokybe.audit.labels import Registry, change_rows, registry
from kokybe.audit.services import audit_record
from kokybe.audit.tests.recorded import Place, Recorded, SourceWalk
from kokybe.proposals.models import Origin
from kokybe.tenancy import services
from kokybe.tenancy.permissions import Role

# Actions the code builds at run time ("*" where a value is filled in), and every value they can take.
CONSTRUCTED = {
    "proposal.*": [f"proposal.{origin}" for origin in Origin.values],
}

# Recorders that only a library calls, and what they record (allauth sets every password).
CALLED_FROM_OUTSIDE = {
    "kokybe.accounts.adapters.set_password": {"target": ["accounts.user"]},
}


@pytest.fixture(scope="module")
def recorded() -> Recorded:
    return SourceWalk().recorded()


def _missing(found: dict[str, list[Place]], labelled: Iterable[str]) -> dict[str, list[str]]:
    return {key: [str(place) for place in places] for key, places in sorted(found.items()) if key not in labelled}


def _actions(recorded: Recorded) -> dict[str, list[Place]]:
    actions: dict[str, list[Place]] = {}
    for action, places in recorded.actions.items():
        # A pattern nobody expanded stays as it is, so it shows up as missing with its place.
        for value in CONSTRUCTED.get(action, [action]) if "*" in action else [action]:
            actions.setdefault(value, []).extend(places)
    return actions


def test_the_source_walk_reads_every_recording(recorded: Recorded) -> None:
    """What the walk cannot read it cannot check: annotate the parameter or variable it names."""
    assert recorded.unreadable == []
    assert set(recorded.uncalled) <= set(CALLED_FROM_OUTSIDE)
    assert len(recorded.actions) > 100


def test_every_recorded_action_has_a_label(recorded: Recorded) -> None:
    assert _missing(_actions(recorded), registry().actions) == {}


def test_every_recorded_object_type_has_a_label(recorded: Recorded) -> None:
    object_types = dict(recorded.object_types)
    for name, roles in CALLED_FROM_OUTSIDE.items():
        for object_type in roles.get("target", []):
            object_types.setdefault(object_type, []).append(Place(name, 0))
    assert _missing(object_types, registry().object_types) == {}


def test_constructed_actions_are_all_expanded(recorded: Recorded) -> None:
    patterns = {action for action in recorded.actions if "*" in action}
    assert patterns == set(CONSTRUCTED)


@pytest.mark.parametrize("language", ["lt", "lv"])
def test_every_label_is_translated(language: str) -> None:
    """A label left out of its app's catalogue would show in English on a Lithuanian or Latvian page."""
    labels = registry()
    texts = [(("action", key), text) for key, text in labels.actions.items()]
    texts += [(("object type", key), text) for key, text in labels.object_types.items()]
    for object_type, fields in labels.values.items():
        for name, choices in fields.items():
            texts += [(("changed field", f"{object_type} {name}"), text) for text in choices.values()]
    untranslated = []
    for owner, text in texts:
        with translation.override("en"):
            english = str(text)
        with translation.override(language):
            if str(text) == english:
                untranslated.append(f"{labels.owners[owner]}: {english}")
    assert untranslated == []


def test_the_walk_finds_each_way_of_passing_an_action() -> None:
    """Proof that a new, unlabelled action fails the check, whichever way the code writes it."""
    walk = SourceWalk()
    walk.add_module(
        "kokybe.audit.example",
        textwrap.dedent(
            """
            from kokybe.audit.services import audit_record
            from kokybe.tenancy.models import Unit

            def _audit(actor, action: str, unit: Unit) -> None:
                audit_record(actor=actor, action=action, target=unit, municipality_id=None)

            def unit_polish(*, actor, unit: Unit, twice: bool) -> None:
                _audit(actor, "unit.polish_twice" if twice else "unit.polish", unit)
                step = "unit.shine"
                _audit(actor, step, unit)
                audit_record(actor=actor, action=f"unit.{unit.name}", target=unit.institution, municipality_id=None)
            """
        ),
    )
    recorded = walk.recorded()
    assert {"unit.polish", "unit.polish_twice", "unit.shine", "unit.*"} <= set(recorded.actions)
    assert {"tenancy.unit", "tenancy.institution"} <= set(recorded.object_types)
    missing = {
        key: places for key, places in _missing(_actions(recorded), registry().actions).items() if "unit." in key
    }
    assert set(missing) == {"unit.polish", "unit.polish_twice", "unit.shine", "unit.*"}
    assert missing["unit.shine"] == ["kokybe/audit/example.py:11"]


def test_two_apps_naming_the_same_action_is_refused() -> None:
    first, second = ModuleType("kokybe.one.audit_labels"), ModuleType("kokybe.two.audit_labels")
    first.ACTION_LABELS = {"thing.create": "Thing created"}  # type: ignore[attr-defined]
    second.ACTION_LABELS = {"thing.create": "Thing made"}  # type: ignore[attr-defined]
    labels = Registry()
    labels.add(first)
    with pytest.raises(ImproperlyConfigured, match=r"kokybe\.one\.audit_labels and kokybe\.two\.audit_labels"):
        labels.add(second)


def test_changed_fields_and_coded_values_are_named() -> None:
    with translation.override("en"):
        role, kind, note = change_rows(
            "tenancy.membership",
            {
                "role": {"from": None, "to": "consultant"},
                "institution_kind": {"from": "x", "to": "y"},
                "contact": {"changed": True},
            },
        )
        (factor,) = change_rows("mfa.authenticator", {"type": {"from": None, "to": "totp"}})
        consultant = str(Role.CONSULTANT.label)
    assert (role.label, role.before, role.after) == ("Role", "—", consultant)
    assert (kind.label, kind.named, kind.after) == ("institution_kind", False, "y")
    assert note.personal
    assert factor.after == "authenticator app"


def test_the_page_and_its_filter_name_actions_object_types_and_values(world: World) -> None:
    with scope(municipality=world.a.pk):
        services.membership_grant(
            actor=world.coordinator, user=world.staff, municipality=world.a, role="consultant", institution=world.a1
        )
        audit_record(actor=world.coordinator, action="unit.polish", target=world.a, municipality_id=world.a.pk)
    client = world.client_for(world.coordinator)
    text = client.get(reverse("audit:search", kwargs={"municipality": world.a.slug})).content.decode()
    with translation.override("lt"):  # the municipality's language
        labels = registry()
        granted, role = str(labels.actions["membership.grant"]), str(labels.object_types["tenancy.membership"])
        consultant = str(Role.CONSULTANT.label)
    assert granted != "Role granted"
    assert f'<option value="membership.grant">{granted}</option>' in text
    assert f'<option value="tenancy.membership">{role}</option>' in text
    assert f">{granted}</td>" in text
    assert f"{role} " in text
    assert f"— → {consultant}" in text
    # An action nobody named still shows, as its key, rather than disappearing.
    assert '<option value="unit.polish">unit.polish</option>' in text


def test_the_filter_lists_actions_in_the_order_of_their_names() -> None:
    with translation.override("lt"):
        form = AuditSearchForm(actions=["unit.create", "institution.update", "membership.grant"], object_types=[])
        names = [str(name) for _key, name in form.fields["action"].choices][1:]  # type: ignore[attr-defined]
    # By the stored keys (institution, membership, unit) "Suteiktas" would come before "Sukurtas".
    assert names == ["Pakeisti įstaigos duomenys", "Sukurtas padalinys", "Suteiktas vaidmuo"]
