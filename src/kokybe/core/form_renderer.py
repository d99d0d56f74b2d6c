"""Form rendering with drop-down lists written in Python.

Django renders every <option> through its own template include; a filter form with a few hundred
options (people, institutions, topics) spent more time there than the page spent in the database.
The markup is the same as Django's templates give (a test compares the two); anything else, and
any select whose options use another template, is rendered by the templates as usual.
"""

from collections.abc import Iterable
from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

SELECT_TEMPLATE = "django/forms/widgets/select.html"
OPTION_TEMPLATE = "django/forms/widgets/select_option.html"


class FormRenderer(DjangoTemplates):
    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        widget = context.get("widget")
        if template_name == SELECT_TEMPLATE and widget is not None and _plain_options(widget):
            return select_html(widget)
        return str(super().render(template_name, context, request))


def _plain_options(widget: dict[str, Any]) -> bool:
    return all(
        option["template_name"] == OPTION_TEMPLATE for _n, options, _i in widget["optgroups"] for option in options
    )


def select_html(widget: dict[str, Any]) -> SafeString:
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((str(option["value"]), _attributes(option["attrs"]), option["label"]) for option in options),
        )
        groups.append(
            format_html('<optgroup label="{}">{}</optgroup>', group_name, rendered) if group_name else rendered
        )
    return format_html('<select name="{}"{}>{}</select>', widget["name"], _attributes(widget["attrs"]), _joined(groups))


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out."""
    return _joined(
        format_html(" {}", name) if value is True else format_html(' {}="{}"', name, str(value))
        for name, value in attrs.items()
        if value is not False
    )


def _joined(pieces: Iterable[SafeString]) -> SafeString:
    return format_html_join("", "{}", ((piece,) for piece in pieces))
