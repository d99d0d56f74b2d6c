"""Forms of the signal queue and of handling one signal."""

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.inquiries import selectors
from kokybe.inquiries.models import Channel, Kind, Priority, Status, Topic
from kokybe.knowledge.models import Article
from kokybe.nonconformities.models import Severity
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


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.display_name)


class TopicChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class StepForm(forms.Form):
    """A step with nothing to fill in (resume): only the version the page showed."""

    lock_version = LockVersionField()


class AssignForm(StepForm):
    assignee = UserChoiceField(label=_("Assign to"), queryset=User.objects.none())

    def __init__(self, *args: Any, people: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        assignee = self.fields["assignee"]
        assert isinstance(assignee, forms.ModelChoiceField)
        assignee.queryset = people


class ForwardForm(StepForm):
    """Where to forward: another institution, or the municipality's queue (the choice `selectors.MUNICIPALITY_QUEUE`).

    `cleaned_data["institution"]` is the Institution, or None for the municipality's queue."""

    institution = forms.ChoiceField(label=_("Forward to"))
    reason = forms.CharField(
        label=_("Why, for whoever takes it over"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=1000,
        help_text=_("The person is told by e-mail who now handles their message (not this reason)."),
    )

    def __init__(
        self, *args: Any, institutions: QuerySet[Institution], municipality_queue: bool, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self._institutions = {str(institution.pk): institution for institution in institutions}
        places: list[tuple[str, Any]] = [("", _("Choose where"))]
        if municipality_queue:
            places.append((selectors.MUNICIPALITY_QUEUE, _("The municipality's queue")))
        places += [(pk, institution.display_name) for pk, institution in self._institutions.items()]
        self._choices().choices = places

    def _choices(self) -> forms.ChoiceField:
        chosen = self.fields["institution"]
        assert isinstance(chosen, forms.ChoiceField)
        return chosen

    def clean_institution(self) -> Institution | None:
        chosen = self.cleaned_data["institution"]
        return None if chosen == selectors.MUNICIPALITY_QUEUE else self._institutions[chosen]


class ReasonForm(StepForm):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)

    def __init__(self, *args: Any, label: Any, help_text: Any = "", required: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        reason = self.fields["reason"]
        reason.label, reason.help_text, reason.required = label, help_text, required


class NoteForm(forms.Form):
    text = forms.CharField(
        label=_("Internal note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=5000,
        help_text=_("For colleagues only; the person never sees it."),
    )


class MergeForm(StepForm):
    into = forms.CharField(
        label=_("Reference code of the signal to keep"),
        max_length=24,
        help_text=_("This signal stops and points to that one, where the answer is given."),
    )


class AnswerForm(StepForm):
    ACTION_SEARCH = "search"
    ACTION_SEND = "send"

    body = forms.CharField(label=_("Answer to the person"), widget=forms.Textarea(attrs={"rows": 10}), required=False)
    article_query = forms.CharField(label=_("Search the knowledge base"), required=False, max_length=200)
    articles = forms.MultipleChoiceField(
        label=_("Knowledge articles the answer refers to"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    close = forms.BooleanField(
        label=_("Close the signal with this answer"),
        required=False,
        help_text=_("Leave it open if you expect the person to reply."),
    )
    template = forms.TypedChoiceField(required=False, coerce=int, empty_value=None, widget=forms.HiddenInput)

    def __init__(
        self, *args: Any, article_choices: list[tuple[int, str]], template_ids: list[int], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        articles = self.fields["articles"]
        assert isinstance(articles, forms.MultipleChoiceField)
        articles.choices = [(str(pk), title) for pk, title in article_choices]
        template = self.fields["template"]
        assert isinstance(template, forms.ChoiceField)
        template.choices = [("", ""), *((pk, str(pk)) for pk in template_ids)]


class NonconformityForm(StepForm):
    process = forms.CharField(
        label=_("Process or service"),
        max_length=200,
        help_text=_("For example: home help, meals, admission, transport."),
    )
    severity = forms.ChoiceField(
        label=_("Severity"),
        choices=Severity.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "Minor: a slip with no harm. Major: a client or a requirement was affected. Critical: harm or risk of harm."
        ),
    )
    description = forms.CharField(label=_("What is wrong?"), widget=forms.Textarea(attrs={"rows": 5}))


class ClassifyForm(StepForm):
    kind = forms.ChoiceField(label=_("Type"), choices=Kind.choices)
    topic = TopicChoiceField(label=_("Topic"), queryset=Topic.objects.none(), required=False)
    priority = forms.ChoiceField(label=_("Priority"), choices=Priority.choices)
    subject = forms.CharField(label=_("Subject"), required=False, max_length=200)

    def __init__(self, *args: Any, topics: QuerySet[Topic], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        topic = self.fields["topic"]
        assert isinstance(topic, forms.ModelChoiceField)
        topic.queryset = topics


def language_fields(label: Any, *, widget: type[forms.Widget] = forms.TextInput) -> dict[str, forms.CharField]:
    """One field per UI language for a text typed in several languages: name_lt, name_lv, name_en."""
    names = dict(settings.LANGUAGES)
    return {
        code: forms.CharField(
            label=format_lazy("{label} ({language})", label=label, language=names[code]),
            required=False,
            widget=widget(),
        )
        for code in names
    }


class TextsForm(forms.Form):
    """A form with a Texts field split into one field per language (`<prefix>_<language>`)."""

    def texts(self, prefix: str) -> Texts:
        return {code: self.cleaned_data[f"{prefix}_{code}"] for code, _name in settings.LANGUAGES}

    @staticmethod
    def texts_initial(prefix: str, texts: Texts) -> dict[str, str]:
        return {f"{prefix}_{code}": texts.get(code, "") for code, _name in settings.LANGUAGES}


class TopicForm(TextsForm):
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for code, field in language_fields(_("Name")).items():
            self.fields[f"name_{code}"] = field
        self.order_fields([f"name_{code}" for code, _name in settings.LANGUAGES])


class PolicyForm(StepForm):
    working_days = forms.IntegerField(label=_("Working days to answer"), min_value=1, max_value=60)
    warn_days_before = forms.IntegerField(label=_("Warn this many working days before"), min_value=0, max_value=59)
    pause_while_waiting = forms.BooleanField(
        label=_("The deadline stops while waiting for the person"),
        required=False,
        help_text=_("For example while the person is asked for a missing document."),
    )


class ArticleChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj)


class TemplateForm(TextsForm):
    title = forms.CharField(label=_("Title"), max_length=200, help_text=_("Staff see it when choosing a template."))
    kind = forms.ChoiceField(label=_("For the type"), choices=[("", _("Any type")), *Kind.choices], required=False)
    institution = InstitutionChoiceField(
        label=_("For the institution"),
        queryset=Institution.objects.none(),
        required=False,
        empty_label=_("Every institution"),
    )
    articles = ArticleChoiceField(
        label=_("Knowledge articles it refers to"),
        queryset=Article.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    is_active = forms.BooleanField(label=_("In use"), required=False, initial=True)
    lock_version = forms.IntegerField(widget=forms.HiddenInput, required=False, min_value=0)

    def __init__(
        self, *args: Any, institutions: QuerySet[Institution], articles: QuerySet[Article], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        for code, field in language_fields(_("Text"), widget=forms.Textarea).items():
            field.widget.attrs["rows"] = 6
            self.fields[f"body_{code}"] = field
        institution = self.fields["institution"]
        assert isinstance(institution, forms.ModelChoiceField)
        institution.queryset = institutions
        article_field = self.fields["articles"]
        assert isinstance(article_field, forms.ModelMultipleChoiceField)
        article_field.queryset = articles
        self.order_fields(["title", *(f"body_{code}" for code, _name in settings.LANGUAGES), "kind", "institution"])
