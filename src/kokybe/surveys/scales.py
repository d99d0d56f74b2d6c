"""The labels of the points of each 1-5 scale, and of the other fixed answers, in the interface's language."""

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

SCALE_LABELS: dict[str, dict[str, Promise]] = {
    "satisfaction": {
        "1": _("Very dissatisfied"),
        "2": _("Dissatisfied"),
        "3": _("Neither satisfied nor dissatisfied"),
        "4": _("Satisfied"),
        "5": _("Very satisfied"),
    },
    "agreement": {
        "1": _("Strongly disagree"),
        "2": _("Disagree"),
        "3": _("Neither agree nor disagree"),
        "4": _("Agree"),
        "5": _("Strongly agree"),
    },
    "quality": {
        "1": _("1 – low"),
        "2": _("2 – satisfactory"),
        "3": _("3 – average"),
        "4": _("4 – good"),
        "5": _("5 – high"),
    },
}

SCALE_NAMES: dict[str, Promise] = {
    "satisfaction": _("Satisfaction (very dissatisfied … very satisfied)"),
    "agreement": _("Agreement (strongly disagree … strongly agree)"),
    "quality": _("Quality (1 low … 5 high)"),
}

YES_NO_LABELS: dict[str, Promise] = {"yes": _("Yes"), "no": _("No")}
DONT_KNOW_LABEL = _("Don't know / not applicable")
NPS_ENDS = (_("0 – not at all likely"), _("10 – extremely likely"))
