"""Forms of the knowledge base: an article, a category, the list's filters, "was this helpful"."""

import datetime
from typing import Any

from django import forms
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kokybe.accounts.models import User
from kokybe.core.concurrency import LockVersionField
from kokybe.core.texts import Texts
from kokybe.knowledge.models import Article, Category, Visibility
from kokybe.tenancy.models import Institution

LANGUAGE_NAMES = dict(settings.LANGUAGES)
BODY_LENGTH = 20000
DEFAULT_REVIEW_AFTER = datetime.timedelta(days=365)


def languages_main_first(main: str) -> list[str]:
    return [main] + [code for code, _name in settings.LANGUAGES if code != main]


class InstitutionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Institution) -> str:
        return obj.display_name


class OwnerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.display_name


class TextsForm(forms.Form):
    """A form with fields `<name>_<language>` for texts typed in several languages."""

    def texts(self, name: str) -> Texts:
        prefix = f"{name}_"
        return {key.removeprefix(prefix): value for key, value in self.cleaned_data.items() if key.startswith(prefix)}


class ArticleForm(TextsForm):
    def __init__(
        self,
        *args: Any,
        main_language: str,
        categories: list[Category],
        institutions: list[Institution],
        owners: list[User],
        article: Article | None = None,
        **kwargs: Any,
    ) -> None:
        if article is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                **{f"title_{code}": text for code, text in article.title.items()},
                **{f"body_{code}": text for code, text in article.body.items()},
                "category": article.category_id,
                "institution": article.institution_id,
                "visibility": article.visibility,
                "owner": article.owner_id,
                "review_on": article.review_on,
                "lock_version": article.lock_version,
            }
        super().__init__(*args, **kwargs)
        for language in languages_main_first(main_language):
            self.add_texts_for(language, main_language)
        self.fields["category"] = forms.ModelChoiceField(
            label=_("Category"),
            queryset=Category.objects.filter(pk__in=[c.pk for c in categories]),
            required=False,
            empty_label=_("No category"),
        )
        self.fields["institution"] = InstitutionChoiceField(
            label=_("Institution"),
            queryset=Institution.objects.filter(pk__in=[i.pk for i in institutions]),
            required=False,
            empty_label=_("The whole municipality"),
            help_text=_("Whose article it is: an institution's own writers keep it up to date."),
        )
        self.fields["visibility"] = forms.ChoiceField(
            label=_("Who may read it"),
            choices=Visibility.choices,
            widget=forms.RadioSelect,
            initial=Visibility.STAFF,
            help_text=_("A public article is shown to residents on the municipality's help pages."),
        )
        self.fields["owner"] = OwnerChoiceField(
            label=_("Owner"),
            queryset=User.objects.filter(pk__in=[o.pk for o in owners]),
            help_text=_("The person who keeps it correct and is reminded when its review date comes."),
        )
        self.fields["review_on"] = forms.DateField(
            label=_("Review by"),
            widget=forms.DateInput(attrs={"type": "date"}),
            initial=timezone.localdate() + DEFAULT_REVIEW_AFTER,
            help_text=_("When the owner must check that the article is still correct."),
        )
        self.fields["change_note"] = forms.CharField(
            label=_("What changed"),
            required=False,
            max_length=300,
            help_text=_("A few words for the history, e.g. “New price from January”."),
        )
        if article is not None:
            self.fields["lock_version"] = LockVersionField()

    def add_texts_for(self, language: str, main: str) -> None:
        name = LANGUAGE_NAMES[language]
        required = language == main
        self.fields[f"title_{language}"] = forms.CharField(
            label=_("Title (%(language)s)") % {"language": name}, required=required, max_length=200
        )
        self.fields[f"body_{language}"] = forms.CharField(
            label=_("Text (%(language)s)") % {"language": name},
            required=required,
            max_length=BODY_LENGTH,
            widget=forms.Textarea(attrs={"rows": 12 if required else 6}),
            help_text=_("Paragraphs are separated by an empty line; a line starting with “- ” is an item of a list.")
            if required
            else "",
        )

    def language_fields(self, language: str) -> tuple[forms.BoundField, forms.BoundField]:
        return self[f"title_{language}"], self[f"body_{language}"]


class ReviewForm(forms.Form):
    review_on = forms.DateField(label=_("Next review by"), widget=forms.DateInput(attrs={"type": "date"}))
    lock_version = LockVersionField()


class LockForm(forms.Form):
    lock_version = LockVersionField()


class CategoryForm(TextsForm):
    def __init__(self, *args: Any, main_language: str, category: Category | None = None, **kwargs: Any) -> None:
        if category is not None and not kwargs.get("initial"):
            kwargs["initial"] = {
                **{f"name_{code}": text for code, text in category.name.items()},
                "position": category.position,
                "lock_version": category.lock_version,
            }
        super().__init__(*args, **kwargs)
        for language in languages_main_first(main_language):
            self.fields[f"name_{language}"] = forms.CharField(
                label=_("Name (%(language)s)") % {"language": LANGUAGE_NAMES[language]},
                required=language == main_language,
                max_length=120,
            )
        self.fields["position"] = forms.IntegerField(
            label=_("Position in the list"), min_value=0, max_value=999, initial=0
        )
        if category is not None:
            self.fields["lock_version"] = LockVersionField()


class ListFilterForm(forms.Form):
    q = forms.CharField(label=_("Search"), required=False, max_length=200)
    category: forms.ModelChoiceField[Category] = forms.ModelChoiceField(
        label=_("Category"), queryset=Category.objects.none(), required=False, empty_label=_("All")
    )
    visibility = forms.ChoiceField(
        label=_("Who may read it"), choices=[("", _("Everyone's")), *Visibility.choices], required=False
    )
    institution = InstitutionChoiceField(
        label=_("Institution"), queryset=Institution.objects.none(), required=False, empty_label=_("All")
    )
    mine = forms.BooleanField(label=_("Only articles I own"), required=False)
    past_review = forms.BooleanField(label=_("Only articles past their review date"), required=False)
    archived = forms.BooleanField(label=_("Archived articles"), required=False)

    def __init__(self, *args: Any, categories: list[Category], institutions: list[Institution], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(pk__in=[c.pk for c in categories])  # type: ignore[attr-defined]
        self.fields["institution"].queryset = Institution.objects.filter(pk__in=[i.pk for i in institutions])  # type: ignore[attr-defined]


class FeedbackForm(forms.Form):
    helpful = forms.TypedChoiceField(
        label=_("Was this article helpful?"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(
        label=_("What was missing or unclear?"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Do not write your name or other personal details here."),
    )
