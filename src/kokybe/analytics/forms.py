from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokybe.analytics.models import SERVICE_PROCESSES, Process
from kokybe.catalogue.models import Service
from kokybe.eventlogs.models import EventLog
from kokybe.inquiries.models import Kind
from kokybe.tenancy.models import Institution


class ProcessFilterForm(forms.Form):
    """The part of a process the page shows. Only the fields the process has are offered: a service for
    service requests and episodes, a kind for signals, the log for imported logs."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    institution = forms.ChoiceField(label=_("Institution"), required=False)
    service = forms.TypedChoiceField(label=_("Service"), coerce=int, required=False, empty_value=None)
    kind = forms.ChoiceField(label=_("Kind of signal"), required=False)
    log = forms.TypedChoiceField(label=_("Event log"), coerce=int, empty_value=None)

    def __init__(
        self,
        data: Any,
        *,
        process: str,
        years: Sequence[int],
        institutions: Sequence[Institution],
        services: Sequence[Service],
        logs: Sequence[EventLog],
    ) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["institution"].choices = [  # type: ignore[attr-defined]
            ("", _("The whole municipality")),
            *((institution.slug, institution.display_name) for institution in institutions),
        ]
        if process in SERVICE_PROCESSES:
            self.fields["service"].choices = [  # type: ignore[attr-defined]
                ("", _("All services")),
                *((service.pk, service.display_name) for service in services),
            ]
        else:
            del self.fields["service"]
        if process == Process.SIGNALS:
            self.fields["kind"].choices = [("", _("All kinds")), *Kind.choices]  # type: ignore[attr-defined]
        else:
            del self.fields["kind"]
        if process == Process.IMPORTED:
            self.fields["log"].choices = [(log.pk, log.name) for log in logs]  # type: ignore[attr-defined]
        else:
            del self.fields["log"]
