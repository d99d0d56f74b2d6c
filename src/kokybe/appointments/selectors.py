"""Reading appointments: a worker's coming meetings, a client's meetings, and punctuality.

Punctuality is the share of appointments held on time of those the institution had to keep: held on
time, held late, or moved by the institution. A client who did not come or asked to move is no fault of
the institution's and is counted beside, not in, the share; appointments whose time has passed with no
outcome recorded are counted as such (the figure says how complete it is). The charter (issue 7) reads
`punctuality`; groups of fewer than MIN_DUE appointments get no share (too few to say anything).
"""

import datetime
from collections import Counter
from collections.abc import Collection
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.appointments.models import Appointment, AppointmentNotice, Outcome
from kokybe.clients.access import OpenedClient, serving_institution_ids
from kokybe.tenancy.access import Access
from kokybe.tenancy.models import Institution, Municipality

MIN_DUE = 5
UPCOMING_SHOWN = 50


def _visible(access: Access) -> QuerySet[Appointment]:
    """Appointments of the institutions whose clients the person sees (all, municipality-wide)."""
    appointments = Appointment.objects.filter(municipality=access.municipality)
    ids = serving_institution_ids(access)
    return appointments if ids is None else appointments.filter(institution_id__in=ids)


def appointment_found(access: Access, appointment_id: int) -> Appointment:
    """The appointment named in the URL, if it belongs to an institution the person sees: else 404."""
    found = (
        _visible(access)
        .select_related("institution", "worker", "client", "moved_from", "outcome_recorded_by", "booked_by")
        .filter(pk=appointment_id)
        .first()
    )
    if found is None:
        raise Http404
    return found


def appointment_notices(appointment: Appointment) -> QuerySet[AppointmentNotice]:
    return AppointmentNotice.objects.filter(municipality_id=appointment.municipality_id, appointment=appointment)


def appointment_moved_to(appointment: Appointment) -> Appointment | None:
    return Appointment.objects.filter(municipality_id=appointment.municipality_id, moved_from=appointment).first()


def client_appointments(access: Access, opened: OpenedClient) -> list[Appointment]:
    """The client's appointments in the institutions the person sees, newest first, with their notices."""
    client = opened.client
    notices = AppointmentNotice.objects.filter(municipality_id=client.municipality_id).order_by("created_at", "id")
    return list(
        _visible(access)
        .filter(client=client)
        .select_related("institution", "worker")
        .prefetch_related(Prefetch("notices", queryset=notices))
        .order_by("-starts_at", "-id")
    )


def worker_upcoming(access: Access, worker: User, *, now: datetime.datetime | None = None) -> list[Appointment]:
    """The worker's appointments still to come (or under way), in time order."""
    now = now or timezone.now()
    return list(
        _visible(access)
        .filter(worker=worker, starts_at__gte=now - datetime.timedelta(hours=1), outcome="")
        .select_related("client", "institution")
        .order_by("starts_at", "id")[:UPCOMING_SHOWN]
    )


def worker_awaiting_outcome(
    access: Access, worker: User, *, now: datetime.datetime | None = None, limit: int = UPCOMING_SHOWN
) -> list[Appointment]:
    """The worker's past appointments with nothing recorded of what came of them, oldest first."""
    now = now or timezone.now()
    return list(
        _visible(access)
        .filter(worker=worker, starts_at__lt=now, outcome="")
        .select_related("client", "institution")
        .order_by("starts_at", "id")[:limit]
    )


@dataclass
class PunctualityRow:
    """The appointments of one institution, or of one worker in one institution, in a period."""

    institution_id: int
    institution: str
    worker_id: int | None = None
    worker: str = ""
    counts: Counter[str] = field(default_factory=Counter)
    not_recorded: int = 0

    @property
    def held_on_time(self) -> int:
        return self.counts[Outcome.HELD_ON_TIME]

    @property
    def held_late(self) -> int:
        return self.counts[Outcome.HELD_LATE]

    @property
    def moved_by_institution(self) -> int:
        return self.counts[Outcome.MOVED_BY_INSTITUTION]

    @property
    def moved_by_client(self) -> int:
        return self.counts[Outcome.MOVED_BY_CLIENT]

    @property
    def no_show(self) -> int:
        return self.counts[Outcome.NO_SHOW]

    @property
    def due(self) -> int:
        """The appointments the institution had to keep."""
        return self.held_on_time + self.held_late + self.moved_by_institution

    @property
    def suppressed(self) -> bool:
        return 0 < self.due < MIN_DUE

    @property
    def share_on_time(self) -> float | None:
        """Held on time of those due; None with no appointments due or too few to say."""
        if self.due < MIN_DUE:
            return None
        return self.held_on_time / self.due

    @property
    def percent_on_time(self) -> int | None:
        share = self.share_on_time
        return None if share is None else round(share * 100)


@dataclass(frozen=True)
class Punctuality:
    start: datetime.date
    end: datetime.date
    institutions: list[PunctualityRow]
    workers: list[PunctualityRow]


def _day_start(day: datetime.date) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))


def punctuality(
    municipality: Municipality,
    *,
    start: datetime.date,
    end: datetime.date,
    institution_ids: Collection[int] | None = None,
    now: datetime.datetime | None = None,
) -> Punctuality:
    """Punctuality per institution and per worker of the appointments due from `start` to `end` (both days
    included), for the institutions named (all of the municipality's when None). Three queries."""
    now = now or timezone.now()
    appointments = Appointment.objects.filter(
        municipality=municipality,
        starts_at__gte=_day_start(start),
        starts_at__lt=_day_start(end + datetime.timedelta(days=1)),
    )
    if institution_ids is not None:
        appointments = appointments.filter(institution_id__in=institution_ids)
    grouped = (
        appointments.values("institution_id", "worker_id", "outcome")
        .annotate(n=Count("id"), passed=Count("id", filter=Q(starts_at__lt=now)))
        .order_by()
    )
    by_institution: dict[int, PunctualityRow] = {}
    by_worker: dict[tuple[int, int], PunctualityRow] = {}
    for group in grouped:
        institution_id, worker_id = group["institution_id"], group["worker_id"]
        for row in (
            by_institution.setdefault(institution_id, PunctualityRow(institution_id, "")),
            by_worker.setdefault((institution_id, worker_id), PunctualityRow(institution_id, "", worker_id)),
        ):
            if group["outcome"]:
                row.counts[group["outcome"]] += group["n"]
            else:
                row.not_recorded += group["passed"]
    names = {i.pk: i.display_name for i in Institution.objects.filter(municipality=municipality, pk__in=by_institution)}
    workers = {u.pk: u.display_name for u in User.objects.filter(pk__in={w for _i, w in by_worker})}
    for row in by_institution.values():
        row.institution = names.get(row.institution_id, "")
    for row in by_worker.values():
        row.institution = names.get(row.institution_id, "")
        row.worker = workers.get(row.worker_id or 0, "")
    return Punctuality(
        start=start,
        end=end,
        institutions=sorted(by_institution.values(), key=lambda row: row.institution),
        workers=sorted(by_worker.values(), key=lambda row: (row.institution, row.worker)),
    )
