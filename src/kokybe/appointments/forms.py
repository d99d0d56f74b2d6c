"""Forms of the appointment pages: booking, moving, recording the outcome, and the punctuality period."""

import datetime
from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.appointments.models import Outcome, Place
from kokybe.appointments.services.booking import MAX_DURATION, MIN_DURATION, Meeting
from kokybe.appointments.services.outcomes import MAX_LATE_MINUTES, NOTE_LENGTH
from kokybe.clients.forms import DateInput, InstitutionChoiceField, UserChoiceField
from kokybe.core.concurrency import LockVersionField
from kokybe.tenancy.models import Institution


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self) -> None:
        super().__init__(format="%H:%M")


class MeetingForm(forms.Form):
    """When, how long, where and with whom: shared by booking and moving."""

    day = forms.DateField(label=_("Date"), widget=DateInput())
    time = forms.TimeField(label=_("Time"), widget=TimeInput(), help_text=_("For example 09:30"))
    duration_minutes = forms.IntegerField(
        label=_("Duration in minutes"), min_value=MIN_DURATION, max_value=MAX_DURATION, initial=60
    )
    place_kind = forms.ChoiceField(label=_("Where"), choices=Place.choices, widget=forms.RadioSelect)
    place = forms.CharField(
        label=_("Place"),
        required=False,
        max_length=300,
        help_text=_("A room at the institution, or the address; a home visit goes to the client's address if empty."),
    )
    worker = UserChoiceField(label=_("Worker"), queryset=User.objects.none(), empty_label=None)

    def __init__(self, *args: Any, workers: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        worker = self.fields["worker"]
        assert isinstance(worker, UserChoiceField)
        worker.queryset = workers

    def meeting(self) -> Meeting:
        data = self.cleaned_data
        starts_at = timezone.make_aware(datetime.datetime.combine(data["day"], data["time"]))
        return Meeting(
            starts_at=starts_at,
            duration_minutes=data["duration_minutes"],
            place_kind=data["place_kind"],
            place=data["place"],
            worker=data["worker"],
        )


class BookForm(MeetingForm):
    institution = InstitutionChoiceField(label=_("Institution"), queryset=Institution.objects.none(), empty_label=None)
    purpose = forms.CharField(label=_("Purpose"), max_length=300, help_text=_("What the meeting is for."))
    notify = forms.BooleanField(
        label=_("Send the client a notice of this appointment"),
        required=False,
        initial=True,
        help_text=_("By e-mail, or by SMS when the record has no e-mail address."),
    )
    field_order = ["institution", "purpose", "day", "time", "duration_minutes", "place_kind", "place", "worker"]

    def __init__(self, *args: Any, institutions: QuerySet[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        institution = self.fields["institution"]
        assert isinstance(institution, InstitutionChoiceField)
        institution.queryset = institutions


class MoveForm(MeetingForm):
    by = forms.ChoiceField(
        label=_("Who asked to move it"),
        choices=[(Outcome.MOVED_BY_INSTITUTION, _("The institution")), (Outcome.MOVED_BY_CLIENT, _("The client"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Why"), required=False, max_length=NOTE_LENGTH)
    lock_version = LockVersionField()
    field_order = ["by", "note", "day", "time", "duration_minutes", "place_kind", "place", "worker"]


class OutcomeForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("What came of the meeting"),
        choices=[(o.value, o.label) for o in (Outcome.HELD_ON_TIME, Outcome.HELD_LATE, Outcome.NO_SHOW)],
        widget=forms.RadioSelect,
    )
    late_minutes = forms.IntegerField(
        label=_("Minutes late"),
        required=False,
        min_value=1,
        max_value=MAX_LATE_MINUTES,
        help_text=_("Only when it was held late: how many minutes after the agreed time it started."),
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=NOTE_LENGTH)
    lock_version = LockVersionField()


class PeriodForm(forms.Form):
    start = forms.DateField(label=_("From"), widget=DateInput())
    end = forms.DateField(label=_("Until"), widget=DateInput())

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end of the period comes before its start."))
        return data
