"""Nonconformities for tests, taken through the services to the state a test needs."""

from datetime import date, timedelta

from django_scopes import scopes_disabled

from conftest import World
from kokybe.accounts.models import User
from kokybe.nonconformities.models import CorrectiveAction, Nonconformity, Severity, Source
from kokybe.nonconformities.services.actions import corrective_action_add, corrective_action_complete
from kokybe.nonconformities.services.analysis import nonconformity_analyse
from kokybe.nonconformities.services.register import nonconformity_report
from kokybe.tenancy.models import Institution

FOUND = date.today() - timedelta(days=60)


def reported(
    world: World,
    *,
    institution: Institution | None = None,
    found_on: date = FOUND,
    process: str = "Pagalba į namus",
    description: str = "Klientei nebuvo pristatyti pietūs, nes pasikeitė maršrutas.",
    source: str = Source.STAFF_OBSERVATION,
    actor: User | None = None,
) -> Nonconformity:
    with scopes_disabled():
        return nonconformity_report(
            actor=actor or world.staff,
            municipality=world.a,
            institution=institution or world.a1,
            source=source,
            found_on=found_on,
            process=process,
            severity=Severity.MAJOR,
            description=description,
            immediate_correction="Pietūs pristatyti tą pačią dieną.",
        )


def analysed(
    world: World,
    nc: Nonconformity | None = None,
    *,
    categories: tuple[str, ...] = ("methods", "information"),
    recurrence_of: Nonconformity | None = None,
) -> Nonconformity:
    nc = nc or reported(world)
    with scopes_disabled():
        nc.refresh_from_db()
        return nonconformity_analyse(
            actor=world.quality,
            nonconformity=nc,
            lock_version=nc.lock_version,
            whys=[
                ("Kodėl pietūs nepristatyti?", "Vairuotojas neturėjo naujo adreso."),
                ("Kodėl neturėjo?", "Maršrutų sąrašas atnaujinamas ranka."),
            ],
            categories=list(categories),
            root_cause="Maršrutų sąrašas atnaujinamas ranka ir be patikros.",
            members="Skyriaus vedėja, vairuotojas, kokybės koordinatorė",
            analysed_on=nc.found_on + timedelta(days=2),
            recurrence_of=recurrence_of,
        )


def with_action(world: World, nc: Nonconformity | None = None, *, owner: User | None = None) -> CorrectiveAction:
    nc = nc or analysed(world)
    with scopes_disabled():
        return corrective_action_add(
            actor=world.quality,
            nonconformity=nc,
            description="Maršrutų sąrašą tvirtinti kiekvieną pirmadienį.",
            owner=owner or world.quality,
            due_on=nc.found_on + timedelta(days=30),
        )


def awaiting_check(world: World) -> Nonconformity:
    action = with_action(world)
    with scopes_disabled():
        corrective_action_complete(
            actor=world.quality,
            action=action,
            lock_version=action.lock_version,
            outcome="Sąrašas tvirtinamas, vairuotojai gauna jį raštu.",
            done_on=action.nonconformity.found_on + timedelta(days=20),
        )
        return Nonconformity.objects.get(pk=action.nonconformity_id)
