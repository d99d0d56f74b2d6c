"""Form rendering with drop-down lists written in Python.

Django renders every <option> through its own template include; a filter form with a few hundred
options (people, institutions, topics) spent more time there than the page spent in the database.
The markup is the same as Django's templates give (a test compares the two); anything else, and
any select whose options use another template, is rendered by the templates as usual.
"""

from typing import Any

from django.forms.renderers import DjangoTemplates
from django.utils.html import conditional_escape as escape
from django.utils.safestring import SafeString, mark_safe

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
    # Every value, label and attribute passes through conditional_escape, as the templates escape them;
    # format_html per option would double the cost this module exists to save.
    groups = []
    for group_name, options, _index in widget["optgroups"]:
        rendered = "".join(_option_html(option) for option in options)
        groups.append(f'<optgroup label="{escape(group_name)}">{rendered}</optgroup>' if group_name else rendered)
    return mark_safe(  # noqa: S308
        f'<select name="{escape(widget["name"])}"{_attributes(widget["attrs"])}>{"".join(groups)}</select>'
    )


def _option_html(option: dict[str, Any]) -> str:
    value, label = escape(str(option["value"])), escape(option["label"])
    return f'<option value="{value}"{_attributes(option["attrs"])}>{label}</option>'


def _attributes(attrs: dict[str, Any]) -> str:
    """As django/forms/widgets/attrs.html writes them: in order, True as a bare name, False left out."""
    return "".join(
        f" {escape(name)}" if value is True else f' {escape(name)}="{escape(str(value))}"'
        for name, value in attrs.items()
        if value is not False
    )
