"""Which handling steps a signal allows in each status: the services refuse, the page offers, by the same table."""

from dataclasses import dataclass

from kokybe.inquiries.models import OPEN_STATUSES, Kind, Signal, Status
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

ASSIGNABLE = frozenset(OPEN_STATUSES)
FORWARDABLE = frozenset({Status.RECEIVED, Status.ASSIGNED})  # resume a waiting signal first: its clock is stopped
ANSWERABLE = frozenset({*OPEN_STATUSES, Status.ANSWERED})  # a second answer follows up the first
WAITABLE = frozenset({Status.RECEIVED, Status.ASSIGNED})
RESUMABLE = frozenset({Status.WAITING})
CLOSABLE = frozenset({*OPEN_STATUSES, Status.ANSWERED})
REOPENABLE = frozenset({Status.ANSWERED, Status.CLOSED})
MERGEABLE = frozenset({*OPEN_STATUSES, Status.ANSWERED})
NOTABLE = frozenset(Status)  # an internal note may be added whatever the status


@dataclass(frozen=True)
class Actions:
    assign: bool
    forward: bool
    answer: bool
    wait: bool
    resume: bool
    close: bool
    reopen: bool
    merge: bool
    note: bool
    to_nonconformity: bool

    @property
    def any_step(self) -> bool:
        return self.assign or self.forward or self.answer or self.wait or self.resume or self.close or self.reopen


def can_become_nonconformity(signal: Signal) -> bool:
    """A complaint about an institution, not yet turned into a nonconformity (a nonconformity needs an institution)."""
    return (
        signal.kind == Kind.COMPLAINT
        and signal.nonconformity_id is None
        and signal.institution_id is not None
        and signal.status != Status.MERGED
    )


def available_actions(access: Access, signal: Signal) -> Actions:
    """The steps the page offers; the caller has already checked that the person may handle the signal."""
    status = signal.status
    return Actions(
        assign=status in ASSIGNABLE,
        forward=status in FORWARDABLE,
        answer=status in ANSWERABLE,
        wait=status in WAITABLE,
        resume=status in RESUMABLE,
        close=status in CLOSABLE,
        reopen=status in REOPENABLE,
        merge=status in MERGEABLE,
        note=True,
        to_nonconformity=can_become_nonconformity(signal)
        and access.can(Capability.SUBMIT_IMPROVEMENTS, signal.institution),
    )
