"""Forms of the signal queue and of handling one signal."""

from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.inquiries import selectors
from kokybe.inquiries.models import Channel, Kind, Status, Topic
from kokybe.tenancy.models import Institution

ALL = ("", _("All"))


class QueueFilterForm(forms.Form):
    """The queue's filters, read from the query string; every value maps onto an index of Signal."""

    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[(selectors.OPEN, _("Open (not answered yet)")), (selectors.ALL, _("All")), *Status.choices],
    )
    due = forms.ChoiceField(
        label=_("Deadline"),
        required=False,
        choices=[ALL, (selectors.OVERDUE, _("Overdue")), (selectors.DUE_SOON, _("Due within 3 days"))],
    )
    institution = forms.ChoiceField(label=_("Institution"), required=False)
    assignee = forms.ChoiceField(label=_("Assignee"), required=False)
    kind = forms.ChoiceField(label=_("Type"), required=False, choices=[ALL, *Kind.choices])
    channel = forms.ChoiceField(label=_("Channel"), required=False, choices=[ALL, *Channel.choices])
    topic = forms.TypedChoiceField(label=_("Topic"), required=False, coerce=int, empty_value=None)
    reference = forms.CharField(label=_("Reference code"), required=False, max_length=24)
    order = forms.ChoiceField(
        label=_("Order"),
        required=False,
        choices=[
            ("", _("Deadline first for open signals")),
            (selectors.BY_DUE, _("Deadline")),
            (selectors.NEWEST, _("Newest first")),
        ],
    )

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        municipality_queue: bool,
        assignees: QuerySet[User],
        topics: QuerySet[Topic],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        places: list[tuple[str, Any]] = [ALL]
        if municipality_queue:
            places.append((selectors.MUNICIPALITY_QUEUE, _("The municipality's queue")))
        places += [(str(i.pk), i.display_name) for i in institutions]
        self._choices("institution").choices = places
        self._choices("assignee").choices = [
            ALL,
            (selectors.ME, _("Me")),
            (selectors.UNASSIGNED, _("Nobody yet")),
            *((str(u.pk), u.display_name) for u in assignees),
        ]
        self._choices("topic").choices = [ALL, *((t.pk, str(t)) for t in topics)]

    def _choices(self, name: str) -> forms.ChoiceField:
        chosen = self.fields[name]
        assert isinstance(chosen, forms.ChoiceField)
        return chosen

    def filters(self, after: str) -> selectors.QueueFilters:
        if not self.is_valid():
            return selectors.QueueFilters(after=after)
        data = self.cleaned_data
        return selectors.QueueFilters(
            institution=data["institution"],
            assignee=data["assignee"],
            status=data["status"] or selectors.OPEN,
            due=data["due"],
            kind=data["kind"],
            channel=data["channel"],
            topic=data["topic"],
            reference=data["reference"],
            order=data["order"],
            after=after,
        )
