"""Merging a duplicate record into the one kept, with the history kept.

What the clients app holds moves to the kept record: client groups (united), serving institutions,
consents and family links. The duplicate stays, with status "merged" and `merged_into` the kept
record, so links to it and its audit trail still lead somewhere.

Other apps add their own moves: append a function to `MERGE_STEPS` in your AppConfig.ready():

    from kokybe.clients.services.merging import MERGE_STEPS

    def plans_move(*, actor: User, kept: Client, duplicate: Client) -> None:
        Plan.objects.filter(municipality_id=kept.municipality_id, client=duplicate).update(client=kept)

    MERGE_STEPS.append(plans_move)

Each step runs inside the merge's transaction, after the clients app's own moves and before the
duplicate is marked merged; it raises ServiceError to refuse the merge (nothing is then changed)
and records its own audit events if it writes anything a reader would miss.
"""

from collections.abc import Callable
from typing import Protocol

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.clients.models import Client, ClientInGroup, ClientInstitution, ClientStatus, Consent, FamilyLink
from kokybe.clients.services.details import groups_of
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError


class MergeStep(Protocol):
    def __call__(self, *, actor: User, kept: Client, duplicate: Client) -> None: ...


MERGE_STEPS: list[Callable[..., None]] = []
"""Moves of other apps, run by `client_merge` in order (see the module's docstring)."""

FILLED_FROM_DUPLICATE = (
    "personal_code",
    "personal_code_country",
    "birth_date",
    "phone",
    "email",
    "address",
    "external_id",
)
"""Fields the kept record takes from the duplicate where it has none."""


def _serving_move(kept: Client, duplicate: Client) -> None:
    """The duplicate's serving rows go to the kept record; where both are open at one institution, the
    duplicate's row is ended today first (one open row per institution), so its dates stay in the history."""
    open_at_kept = set(
        ClientInstitution.objects.filter(
            municipality_id=kept.municipality_id, client=kept, ended_on__isnull=True
        ).values_list("institution_id", flat=True)
    )
    today = timezone.localdate()
    for serving in ClientInstitution.objects.filter(municipality_id=kept.municipality_id, client=duplicate):
        if serving.ended_on is None and serving.institution_id in open_at_kept:
            serving.ended_on = max(today, serving.started_on)
        serving.client = kept
        serving.save(update_fields=["client", "ended_on"])


def _family_move(kept: Client, duplicate: Client) -> None:
    """Links of the duplicate go to the kept record; a link that would repeat one the kept record has, or
    link the kept record to itself, is dropped (it said what the kept record already says)."""
    municipality_id = kept.municipality_id
    links = FamilyLink.objects.filter(municipality_id=municipality_id)
    kept_relatives = set(links.filter(client=kept, relative__isnull=False).values_list("relative_id", flat=True))
    for link in links.filter(client=duplicate):
        if link.relative_id is not None and (link.relative_id in kept_relatives or link.relative_id == kept.pk):
            link.delete()
            continue
        link.client = kept
        link.save(update_fields=["client"])
    for link in links.filter(relative=duplicate):
        repeated = links.filter(client_id=link.client_id, relative=kept).exists()
        if link.client_id == kept.pk or repeated:
            link.delete()
            continue
        link.relative = kept
        link.save(update_fields=["relative"])


@transaction.atomic
def client_merge(
    *, actor: User, kept: Client, duplicate: Client, kept_lock_version: int, duplicate_lock_version: int
) -> Client:
    """Merge `duplicate` into `kept` (the same person registered twice); returns the kept record."""
    if kept.pk == duplicate.pk:
        raise ServiceError(_("Choose another record: a record cannot be merged into itself."), field="duplicate")
    if kept.municipality_id != duplicate.municipality_id:
        raise ServiceError(_("Choose a client of this municipality."), field="duplicate")
    if ClientStatus.MERGED in (kept.status, duplicate.status):
        raise ServiceError(_("This record was merged into another already."), field="duplicate")
    if kept.personal_code and duplicate.personal_code and kept.personal_code != duplicate.personal_code:
        raise ServiceError(
            _("The two records have different personal codes: they are not the same person."), field="duplicate"
        )
    version_claim(kept, kept_lock_version)
    version_claim(duplicate, duplicate_lock_version)
    municipality_id = kept.municipality_id
    groups = groups_of(duplicate) - groups_of(kept)
    ClientInGroup.objects.bulk_create(
        ClientInGroup(municipality_id=municipality_id, client=kept, group=group) for group in sorted(groups)
    )
    _serving_move(kept, duplicate)
    Consent.objects.filter(municipality_id=municipality_id, client=duplicate).update(client=kept)
    _family_move(kept, duplicate)
    for step in MERGE_STEPS:
        step(actor=actor, kept=kept, duplicate=duplicate)
    filled = [name for name in FILLED_FROM_DUPLICATE if not getattr(kept, name) and getattr(duplicate, name)]
    taken = {name: getattr(duplicate, name) for name in filled}
    # The personal code and the external id are unique: the duplicate lets go of them first.
    status_before = duplicate.status
    duplicate.status = ClientStatus.MERGED
    duplicate.merged_into = kept
    for name in filled:
        if name in ("personal_code", "external_id"):
            setattr(duplicate, name, "")
    duplicate.save()
    for name, value in taken.items():
        setattr(kept, name, value)
    kept.save()
    audit_record(
        actor=actor,
        action="client.merge",
        target=duplicate,
        municipality_id=municipality_id,
        changes={
            "status": {"from": status_before, "to": ClientStatus.MERGED},
            "merged_into": {"from": None, "to": kept.pk},
        },
    )
    audit_record(
        actor=actor,
        action="client.merge_keep",
        target=kept,
        municipality_id=municipality_id,
        changes={"duplicate": {"from": None, "to": duplicate.pk}, **{name: {"changed": True} for name in filled}},
    )
    return kept
