"""The client's outcome measurements in the subject-access report: every answer, every score, and the method."""

from django.utils.translation import gettext as _

from kokybe.clients.models import Client
from kokybe.clients.subject_access import ReportItem
from kokybe.outcomes import selectors
from kokybe.outcomes.instruments import method_description


def _number(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f}"


def measurements_collect(client: Client) -> list[ReportItem]:
    dated: list[tuple[str, int, ReportItem]] = []
    for history in selectors.client_histories(client):
        instrument = history.instrument.instrument
        method = " ".join(method_description(instrument))
        for row in history.measurements:
            measurement, scoring = row.measurement, row.scoring
            facts = [
                (_("Instrument"), instrument.display_name),
                (_("How it is scored"), method),
                (_("When"), measurement.get_occasion_display()),
                (_("Date of the measurement"), measurement.measured_on.isoformat()),
                (_("Measured by"), measurement.institution.display_name),
                (_("For the service"), measurement.service.display_name if measurement.service else "—"),
                (_("Recorded by"), measurement.recorded_by.display_name if measurement.recorded_by else "—"),
                (_("Note"), measurement.note or "—"),
            ]
            for item in history.instrument.items:
                answer = measurement.answers.get(item.key)
                facts.append((instrument.text(item.text), "—" if answer is None else str(answer)))
            if not scoring.scored:
                facts.append((_("Scores"), _("Not scored: too many items unanswered.")))
            for score in scoring.scores:
                value = _number(score.raw)
                if score.transformed is not None:
                    value += f" ({_number(score.transformed)} / 100)"
                facts.append((history.labels[score.key], value))
            occasion = measurement.get_occasion_display()
            title = f"{instrument.display_name}, {measurement.measured_on.isoformat()} ({occasion})"
            dated.append((measurement.measured_on.isoformat(), measurement.pk, ReportItem(title=title, facts=facts)))
    return [item for _date, _pk, item in sorted(dated, key=lambda row: row[:2])]
