"""Keeping the charter's indicator figures: the summary the compliance pages, the public page and the dashboards
read instead of running the measures on every view.

A run keeps, for the version in force, every indicator over the institutions it covers and for each active
institution it covers, in every period the pages show (`periods_kept`), and writes only what changed: a new
figure, a figure that moved, rows no longer wanted deleted (another version's, an institution no longer covered
or active, a period that fell out of the window). Records of the past arrive late (an answer entered weeks after
it was given, a survey closed after its quarter), so a run recomputes every period that ended less than
SETTLING_DAYS ago; older ones it computes once, and a full run (`full=True`, `charter_refresh --full`, meant for
a nightly cron) recomputes them all.

The worker runs it after each refresh of the analytics summaries, the adoption of a version queues it, and an
hourly `manage.py charter_refresh` catches what time alone changes (the period under way, the articles whose
review date passes).
"""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone, translation
from django_scopes import scope

from kokybe.audit.services import audit_record
from kokybe.charter.compliance import IndicatorResult, IndicatorSpec, indicator_result, periods_kept
from kokybe.charter.measures.base import reads_shared
from kokybe.charter.models import FiguresRefreshState, Indicator, IndicatorFigure
from kokybe.charter.selectors import active_institutions, in_force
from kokybe.tenancy.models import Municipality

SETTLING_DAYS = 92
"""A period that ended this long ago is settled: records that late are rare, and the nightly full run takes them."""
Key = tuple[int, int | None, datetime.date]  # indicator, institution (None: those covered together), period start
FIELDS = ("period_end", "value", "n", "available", "reason", "suppressed", "status")


@dataclass(frozen=True)
class FiguresRefreshCounts:
    created: int
    updated: int
    deleted: int
    unchanged: int

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.deleted)


@transaction.atomic
def indicator_figures_refresh(
    *, municipality: Municipality, today: datetime.date | None = None, full: bool = False
) -> FiguresRefreshCounts:
    """Bring the municipality's indicator figures up to date with its records as of `today` (default: today):
    every period not settled yet and every figure missing, or with `full` every figure.

    Runs of one municipality follow one another (its state row is locked). A run that changes no figure records
    no audit event, only its time in the state; otherwise one event, with no actor, counts what it wrote.
    """
    today = today or timezone.localdate()
    now = timezone.now()
    with scope(municipality=municipality):
        FiguresRefreshState.objects.get_or_create(municipality=municipality)
        state = FiguresRefreshState.objects.select_for_update().get(municipality=municipality)
        kept = {
            (row.indicator_id, row.institution_id, row.period_start): row
            for row in IndicatorFigure.objects.filter(municipality=municipality)
        }
        computed, settled = _computed(municipality, today, kept=set() if full else set(kept))
        created = [
            IndicatorFigure(
                municipality=municipality,
                version_id=version_id,
                indicator_id=key[0],
                institution_id=key[1],
                period_start=key[2],
                computed_at=now,
                **_fields(result),
            )
            for key, (version_id, result) in computed.items()
            if key not in kept
        ]
        updated = []
        for key, row in kept.items():
            if key not in computed:
                continue
            fields = _fields(computed[key][1])
            if any(getattr(row, name) != value for name, value in fields.items()):
                for name, value in fields.items():
                    setattr(row, name, value)
                row.computed_at = now
                updated.append(row)
        gone = [row.pk for key, row in kept.items() if key not in computed and key not in settled]
        IndicatorFigure.objects.bulk_create(created, batch_size=500)
        IndicatorFigure.objects.bulk_update(updated, [*FIELDS, "computed_at"], batch_size=500)
        IndicatorFigure.objects.filter(municipality=municipality, pk__in=gone).delete()
        counts = FiguresRefreshCounts(
            created=len(created),
            updated=len(updated),
            deleted=len(gone),
            unchanged=len(kept) - len(updated) - len(gone),
        )
        state.computed_at = now
        state.save(update_fields=["computed_at"])
        if counts.changed:
            audit_record(
                actor=None,
                action="indicator_figures.refresh",
                target=state,
                municipality_id=municipality.pk,
                changes={
                    "full": full,
                    "created": counts.created,
                    "updated": counts.updated,
                    "deleted": counts.deleted,
                    "unchanged": counts.unchanged,
                },
            )
    return counts


def _computed(
    municipality: Municipality, today: datetime.date, *, kept: set[Key]
) -> tuple[dict[Key, tuple[int, IndicatorResult]], set[Key]]:
    """Every figure the pages read, computed by the measures with the version it belongs to, except those of `kept`
    whose period is settled: those are answered apart, to be kept as they are."""
    version = in_force(municipality)
    if version is None:
        return {}, set()
    institutions = [institution.pk for institution in active_institutions(municipality)]
    indicators = Indicator.objects.filter(municipality=municipality, version=version).prefetch_related("institutions")
    settled_before = today - datetime.timedelta(days=SETTLING_DAYS)
    computed: dict[Key, tuple[int, IndicatorResult]] = {}
    settled: set[Key] = set()
    # The measures' reasons in the source language: the pages translate them into theirs.
    with translation.override(None), reads_shared():
        for indicator in indicators:
            spec = IndicatorSpec.of(indicator)
            covered = [pk for pk in institutions if spec.covers(pk)]
            for span in periods_kept(spec.period, today):
                overall: IndicatorResult | None = None
                for institution_id in [None, *covered]:
                    key = (indicator.pk, institution_id, span.start)
                    if span.end < settled_before and key in kept:
                        settled.add(key)
                        continue
                    if overall is not None and overall.value.n == 0:
                        # No case over the institutions together, so none in any one of them; and a measure says
                        # why it has no data of the municipality's records, the same for each: nothing to ask.
                        computed[key] = (version.pk, overall)
                        continue
                    result = indicator_result(
                        municipality, spec, period_start=span.start, period_end=span.end, institution_id=institution_id
                    )
                    computed[key] = (version.pk, result)
                    if institution_id is None:
                        overall = result
    return computed, settled


def _fields(result: IndicatorResult) -> dict[str, object]:
    value = result.value
    return {
        "period_end": result.span.end,
        "value": value.value,
        "n": value.n,
        "available": value.available,
        "reason": value.reason,
        "suppressed": value.suppressed,
        "status": result.status.value,
    }
