"""Drop-down lists written in Python give the markup Django's own templates give."""

import re

import pytest
from django import forms
from django.forms.renderers import DjangoTemplates

from kokybe.core.form_renderer import FormRenderer

CHOICES = [
    ("", "All"),
    ("a", 'Tom & "Jerry" <b>'),
    (3, "Three"),
    ("Group", [("g1", "In a group"), ("g2", "Also in it")]),
]


class Choosing(forms.Form):
    one = forms.ChoiceField(choices=CHOICES, required=False)
    required_one = forms.ChoiceField(
        choices=CHOICES[:3], widget=forms.Select(attrs={"class": "govuk-select", "data-x": "1"})
    )
    many = forms.MultipleChoiceField(choices=CHOICES, required=False)
    disabled = forms.ChoiceField(choices=CHOICES[:2], disabled=True)


def _collapsed(html: str) -> str:
    return re.sub(r">\s+<", "><", html.strip())


@pytest.mark.parametrize(
    "data",
    [None, {"one": "a", "required_one": "3", "many": ["g2", "a"], "disabled": "a"}, {"one": "nonsense"}],
)
def test_selects_match_djangos_templates(data: dict[str, object] | None) -> None:
    fast = Choosing(data, renderer=FormRenderer())
    slow = Choosing(data, renderer=DjangoTemplates())
    for name in fast.fields:
        ours = str(fast[name])
        assert "<option" in ours
        assert _collapsed(ours) == _collapsed(str(slow[name]))


def test_option_labels_are_escaped() -> None:
    html = str(Choosing(renderer=FormRenderer())["one"])
    assert "Tom &amp; &quot;Jerry&quot; &lt;b&gt;" in html
    assert "<b>" not in html


class OwnOption(forms.Select):
    option_template_name = "django/forms/widgets/input_option.html"


def test_selects_with_their_own_option_template_go_through_it() -> None:
    class Form(forms.Form):
        odd = forms.ChoiceField(choices=CHOICES[:2], widget=OwnOption)

    html = str(Form(renderer=FormRenderer())["odd"])
    assert "<option" not in html
    assert "<input" in html
