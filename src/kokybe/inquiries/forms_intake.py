"""Forms of signals coming in: the public form, the phone call log and the rating of an answer."""

from datetime import datetime
from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.inquiries.attachments import ACCEPT, MAX_FILE_BYTES, MAX_FILES, IncomingFile
from kokybe.inquiries.models import Channel, Kind, Priority, Topic
from kokybe.tenancy.models import Institution


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Topic) -> str:
        return str(obj)


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class AttachmentsField(forms.FileField):
    """Several files in one control; their kind and size are checked by the service, which names the file."""

    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        files = data if isinstance(data, list | tuple) else ([data] if data else [])
        return [super(AttachmentsField, self).clean(file, initial) for file in files]


def incoming_files(files: list[UploadedFile]) -> list[IncomingFile]:
    """Read uploads into memory for the service; a file over the limit is cut just past it, so the
    service still refuses it by size without holding a huge upload in memory."""
    return [IncomingFile(file.name or "file", file.read(MAX_FILE_BYTES + 1)) for file in files]


def _narrow(form: forms.Form, name: str, queryset: QuerySet[Any]) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ModelChoiceField)
    field.queryset = queryset


class PublicSignalForm(forms.Form):
    """The public form, written for residents in the language they chose."""

    kind = forms.ChoiceField(
        label=_("What would you like to send?"),
        choices=Kind.choices,
        initial=Kind.QUESTION,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose what you would like to send.")},
    )
    institution = InstitutionChoiceField(
        label=_("Which institution is it about?"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("I don't know, or none in particular"),
        help_text=_("If you are not sure, leave it: the municipality will pass it to the right place."),
    )
    topic = TopicChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), required=False, empty_label=_("Not chosen")
    )
    subject = forms.CharField(label=_("Subject"), required=False, max_length=200)
    text = forms.CharField(
        label=_("Your message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": _("Write your message.")},
        help_text=_("Please do not write about other people's health or private life."),
    )
    attachments = AttachmentsField(label=_("Files"), required=False)
    person_name = forms.CharField(label=_("Your name"), required=False, max_length=200)
    person_email = forms.EmailField(
        label=_("E-mail address"),
        required=False,
        help_text=_("We send the answer here too. Without it, read the answer through your private link."),
        error_messages={"invalid": _("Enter an e-mail address like name@example.com, or leave it empty.")},
    )
    person_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)

    accept = ACCEPT
    max_files = MAX_FILES
    max_megabytes = MAX_FILE_BYTES // (1024 * 1024)

    def __init__(self, *args: Any, institutions: QuerySet[Institution], topics: QuerySet[Topic], **kwargs: Any):
        super().__init__(*args, **kwargs)
        _narrow(self, "institution", institutions)
        _narrow(self, "topic", topics)
        if not topics.exists():
            del self.fields["topic"]


STAFF_LOGGED_CHANNELS = (Channel.PHONE, Channel.IN_PERSON, Channel.LETTER, Channel.SOCIAL, Channel.BOX)
"""Channels through which a signal reaches staff, who type it in (the web form and e-mail record themselves)."""


class CallForm(forms.Form):
    """A front-desk consultant's log of a call or visit: the text first, everything else defaulted."""

    text = forms.CharField(
        label=_("What did the person ask?"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4, "autofocus": True}),
    )
    answered = forms.ChoiceField(
        label=_("Outcome"),
        choices=[
            ("yes", _("Answered on the spot")),
            ("no", _("To be answered later")),
        ],
        initial="yes",
        widget=forms.RadioSelect,
    )
    answer = forms.CharField(
        label=_("What was answered"),
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Needed when answered on the spot; a few words are enough."),
    )
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices, initial=Kind.QUESTION)
    channel = forms.ChoiceField(
        label=_("Channel"),
        choices=[(channel.value, channel.label) for channel in STAFF_LOGGED_CHANNELS],
        initial=Channel.PHONE,
    )
    received_at = forms.DateTimeField(
        label=_("Received"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        input_formats=["%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"],
        help_text=_("Leave empty for now. For a letter, the day it arrived: the deadline counts from then."),
    )
    institution = InstitutionChoiceField(
        label=_("Institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("The municipality's queue"),
    )
    topic = TopicChoiceField(
        label=_("Topic"), queryset=Topic.objects.none(), required=False, empty_label=_("Not chosen")
    )
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices, initial=Priority.NORMAL)
    person_name = forms.CharField(label=_("Name"), required=False, max_length=200)
    person_phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    person_email = forms.EmailField(label=_("E-mail"), required=False)

    def __init__(
        self,
        *args: Any,
        institutions: QuerySet[Institution],
        topics: QuerySet[Topic],
        default_institution: Institution | None,
        municipality_queue: bool,
        **kwargs: Any,
    ):
        """`municipality_queue`: the consultant works for the whole municipality and may log to its queue."""
        super().__init__(*args, **kwargs)
        _narrow(self, "institution", institutions)
        _narrow(self, "topic", topics)
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.initial = default_institution
        if not municipality_queue:
            institution.required = True
            institution.empty_label = None
        if not topics.exists():
            del self.fields["topic"]

    def clean_received_at(self) -> datetime | None:
        received_at: datetime | None = self.cleaned_data.get("received_at")
        if received_at is not None and received_at > timezone.now():
            raise forms.ValidationError(_("The time received cannot be in the future."))
        return received_at

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("answered") == "yes" and not cleaned.get("answer", "").strip():
            self.add_error("answer", _("Write what was answered, or choose “To be answered later”."))
        return cleaned


class RatingForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How useful was our answer?"),
        choices=[
            (5, _("5 – very useful")),
            (4, _("4 – useful")),
            (3, _("3 – partly useful")),
            (2, _("2 – of little use")),
            (1, _("1 – not useful at all")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a rating from 1 to 5.")},
    )
    comment = forms.CharField(
        label=_("Comment"),
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was good, or what should we do better?"),
    )


class ReplyForm(forms.Form):
    """The person adding to their message from the private status page."""

    text = forms.CharField(
        label=_("Add to your message"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write your message.")},
        help_text=_("For example what we asked you for. The staff handling your message will see it."),
    )
    attachments = AttachmentsField(label=_("Files"), required=False)

    accept = ACCEPT
    max_files = MAX_FILES
    max_megabytes = MAX_FILE_BYTES // (1024 * 1024)
