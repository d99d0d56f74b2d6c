"""What the dashboards read: the summaries of a process for a municipality, never the raw events.

Every selector takes the municipality first, a process and the years, and narrows the same way:
- `institution_ids`: None for every institution; otherwise those institutions. The whole municipality's rows
  (`institution` None) come too in `lead_time_rows` and `transition_rows`, for the comparison with the average.
- `service_id` (service courses) and `kind` (signals): None / "" for the rows over all services or kinds.
- `log_id`: the imported log, for the process "imported".
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import F, Q, QuerySet

from kokybe.analytics.models import CaseSummary, PeriodSummary, TransitionSummary
from kokybe.tenancy.models import Municipality

CASES_PER_PAGE = 50


@dataclass(frozen=True)
class GroupFilter:
    process: str
    years: tuple[int, ...]
    institution_ids: frozenset[int] | None = None
    service_id: int | None = None
    kind: str = ""
    log_id: int | None = None


def _group_q(group: GroupFilter, *, with_whole: bool) -> Q:
    condition = Q(process=group.process, year__in=group.years, service_id=group.service_id, kind=group.kind)
    condition &= Q(log__isnull=True) if group.log_id is None else Q(log_id=group.log_id)
    if group.institution_ids is None:
        return condition
    institutions = Q(institution_id__in=group.institution_ids)
    if with_whole:
        institutions |= Q(institution__isnull=True)
    return condition & institutions


def _filter(
    process: str,
    years: Iterable[int],
    institution_ids: Iterable[int] | None,
    service_id: int | None,
    kind: str,
    log_id: int | None,
) -> GroupFilter:
    return GroupFilter(
        process=process,
        years=tuple(sorted(years)),
        institution_ids=None if institution_ids is None else frozenset(institution_ids),
        service_id=service_id,
        kind=kind,
        log_id=log_id,
    )


def lead_time_rows(
    municipality: Municipality,
    *,
    process: str,
    years: Iterable[int],
    institution_ids: Iterable[int] | None = None,
    service_id: int | None = None,
    kind: str = "",
    log_id: int | None = None,
) -> QuerySet[PeriodSummary]:
    """The period summaries (lead times, counts, deadlines, active time) of each institution and of the whole
    municipality (`institution` None, first) per year; one query."""
    group = _filter(process, years, institution_ids, service_id, kind, log_id)
    return (
        PeriodSummary.objects.filter(_group_q(group, with_whole=True), municipality=municipality)
        .select_related("institution")
        .order_by("year", F("institution").asc(nulls_first=True), "institution__name", "institution_id")
    )


def transition_rows(
    municipality: Municipality,
    *,
    process: str,
    years: Iterable[int],
    institution_ids: Iterable[int] | None = None,
    service_id: int | None = None,
    kind: str = "",
    log_id: int | None = None,
) -> QuerySet[TransitionSummary]:
    """The directly-follows edges with their waiting, per institution (and the whole municipality) and year,
    the largest total waiting first (the bottlenecks); one query."""
    group = _filter(process, years, institution_ids, service_id, kind, log_id)
    return TransitionSummary.objects.filter(_group_q(group, with_whole=True), municipality=municipality).order_by(
        "year", "institution_id", "-total_s", "source", "target"
    )


def case_rows(
    municipality: Municipality,
    *,
    process: str,
    years: Iterable[int],
    institution_ids: Iterable[int] | None = None,
    service_id: int | None = None,
    kind: str = "",
    log_id: int | None = None,
    transition: tuple[str, str] | None = None,
    page: int = 1,
    per_page: int = CASES_PER_PAGE,
) -> Page:
    """The cases behind a figure, a page of them: the longest lead time first, or with `transition` (source,
    target) only the cases that pass through it, the longest wait on it first. Case rows, not the records
    themselves: `case_key` is the course's, signal's or nonconformity's id, or the log's case id."""
    group = _filter(process, years, institution_ids, service_id, kind, log_id)
    found = CaseSummary.objects.filter(municipality=municipality, process=process, year__in=group.years)
    found = found.filter(log__isnull=True) if log_id is None else found.filter(log_id=log_id)
    if group.institution_ids is not None:
        found = found.filter(institution_id__in=group.institution_ids)
    if service_id is not None:
        found = found.filter(service_id=service_id)
    if kind:
        found = found.filter(kind=kind)
    if transition is None:
        ordered = found.select_related("institution", "service__municipality").order_by("-lead_seconds", "id")
        return Paginator(ordered, per_page).get_page(page)
    # Which cases pass through an edge is in their paths (JSON lists): read the group's paths, not its rows.
    waits: list[tuple[float, int]] = []
    for case_id, variant, case_waits in found.values_list("id", "variant", "waits").iterator(chunk_size=2000):
        longest = max(
            (wait for step, wait in enumerate(case_waits) if (variant[step], variant[step + 1]) == transition),
            default=None,
        )
        if longest is not None:
            waits.append((-longest, case_id))
    ids = [case_id for _wait, case_id in sorted(waits)]
    paged = Paginator(ids, per_page).get_page(page)
    rows = CaseSummary.objects.filter(municipality=municipality, id__in=list(paged.object_list)).select_related(
        "institution", "service__municipality"
    )
    by_id = {row.pk: row for row in rows}
    return Page([by_id[case_id] for case_id in paged.object_list], paged.number, paged.paginator)
