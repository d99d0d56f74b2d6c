"""Root-cause analysis: five whys, cause categories, the people involved, and whether it is a repeat."""

from datetime import date, datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kokybe.accounts.models import User
from kokybe.audit.services import changes_between, snapshot
from kokybe.core.concurrency import version_claim
from kokybe.core.errors import ServiceError
from kokybe.nonconformities.models import MAX_WHYS, CauseCategory, EventKind, Nonconformity, Status
from kokybe.nonconformities.services.history import locked, step_record

ANALYSIS_FIELDS = (
    "whys",
    "cause_categories",
    "root_cause",
    "analysis_members",
    "analysed_on",
    "analysed_by",
    "recurrence_of",
)


@transaction.atomic
def nonconformity_analyse(
    *,
    actor: User,
    nonconformity: Nonconformity,
    lock_version: int,
    whys: list[tuple[str, str]],
    categories: list[str],
    root_cause: str,
    members: str,
    analysed_on: date,
    recurrence_of: Nonconformity | None = None,
    at: datetime | None = None,
) -> Nonconformity:
    """Record (or revise, after a failed check) the root-cause analysis. A new nonconformity moves into analysis.

    `whys` is the chain "why? -> because" in order, one to five links.
    """
    at = at or timezone.now()
    found = locked(nonconformity)
    if found.is_closed:
        raise ServiceError(_("A closed nonconformity can no longer be changed."))
    chain = [(why.strip(), because.strip()) for why, because in whys if why.strip() or because.strip()]
    if not chain:
        raise ServiceError(_("Ask at least one “why?” and write down the answer."), field="whys")
    if len(chain) > MAX_WHYS:
        raise ServiceError(_("Five whys at most."), field="whys")
    if any(not why or not because for why, because in chain):
        raise ServiceError(_("Each “why?” needs its answer, and each answer its question."), field="whys")
    chosen = [code for code in CauseCategory.values if code in set(categories)]
    if not chosen:
        raise ServiceError(_("Choose at least one kind of cause."), field="categories")
    if analysed_on < found.found_on or analysed_on > timezone.localdate(at):
        raise ServiceError(_("The analysis date must be between the date found and today."), field="analysed_on")
    if recurrence_of is not None and (
        recurrence_of.municipality_id != found.municipality_id
        or recurrence_of.pk == found.pk
        or recurrence_of.found_on > found.found_on
    ):
        raise ServiceError(_("A repeat can only be of an earlier nonconformity."), field="recurrence_of")
    version_claim(found, lock_version)
    before = snapshot(found, (*ANALYSIS_FIELDS, "status"))
    found.whys = [{"why": why, "because": because} for why, because in chain]
    found.cause_categories = chosen
    found.root_cause = root_cause.strip()
    found.analysis_members = members.strip()
    found.analysed_on = analysed_on
    found.analysed_by = actor
    found.recurrence_of = recurrence_of
    if found.status == Status.NEW:
        found.status = Status.ANALYSIS
    found.save(update_fields=[*ANALYSIS_FIELDS, "status"])
    step_record(
        actor=actor,
        nonconformity=found,
        kind=EventKind.ANALYSED,
        at=at,
        action="nonconformity.analyse",
        changes=changes_between(before, snapshot(found, (*ANALYSIS_FIELDS, "status"))),
    )
    return found
