"""Template tags for source pages: the improvement actions a record caused, read once per page."""

from django import template

from kokybe.improvement import access as rights
from kokybe.improvement.models import Action
from kokybe.improvement.selectors import actions_caused_by_detail
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability

register = template.Library()


@register.simple_tag(takes_context=True)
def caused_actions(context: template.Context, model_label: str, object_id: int, detail: str) -> list[Action]:
    """The actions caused by the object with this detail, among the plans the person may read.

    The object's actions are read in one query on first use and kept on the request, so a page
    asking for each of its questions still makes one query.
    """
    access = context.get("access")
    request = context.get("request")
    if not isinstance(access, Access) or request is None or not access.can(Capability.VIEW_QUALITY):
        return []
    cache: dict[tuple[str, int], dict[str, list[Action]]] = request.__dict__.setdefault("_improvement_caused", {})
    if (model_label, object_id) not in cache:
        cache[model_label, object_id] = actions_caused_by_detail(access.municipality, model_label, object_id)
    return [action for action in cache[model_label, object_id].get(detail, []) if rights.may_read(access, action.plan)]
