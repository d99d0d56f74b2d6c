from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from kokybe.catalogue.models import Service


class DashboardFilterForm(forms.Form):
    """The year shown (compared with the one before) and the service the lead-time figures are narrowed to."""

    year = forms.TypedChoiceField(label=_("Year"), coerce=int)
    service = forms.TypedChoiceField(
        label=_("Service (for the lead times)"), coerce=int, required=False, empty_value=None
    )

    def __init__(self, data: Any, *, years: Sequence[int], services: Sequence[Service]) -> None:
        super().__init__(data)
        self.fields["year"].choices = [(year, str(year)) for year in years]  # type: ignore[attr-defined]
        self.fields["service"].choices = [  # type: ignore[attr-defined]
            ("", _("All services")),
            *((service.pk, service.display_name) for service in services),
        ]
