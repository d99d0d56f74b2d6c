"""A criterion's result in a round, as the cause of an improvement action (kokybe.improvement.causes)."""

from django.urls import reverse
from django.utils import formats
from django.utils.translation import gettext as _

from kokybe.assessments.models import CriterionResult, localized
from kokybe.improvement.causes import Cause, register_cause
from kokybe.tenancy.access import Access
from kokybe.tenancy.permissions import Capability


@register_cause("assessments.criterionresult")
def criterion_result_cause(access: Access, object_id: int, detail: str) -> Cause | None:
    result = (
        CriterionResult.objects.filter(municipality=access.municipality, pk=object_id)
        .select_related("round__framework", "round__institution", "node")
        .first()
    )
    if result is None or not access.can(Capability.VIEW_QUALITY, result.round.institution):
        return None
    round_ = result.round
    language = round_.framework.main_language
    criterion = localized(result.node.name, language)
    score = "–" if result.consensus is None else formats.number_format(result.consensus, 1)
    label = _("%(framework)s %(code)s %(criterion)s: %(score)s (%(year)d, %(institution)s)") % {
        "framework": round_.framework.display_name,
        "code": result.code,
        "criterion": criterion,
        "score": score,
        "year": round_.year,
        "institution": round_.institution.display_name,
    }
    return Cause(
        obj=result,
        institution=round_.institution,
        label=label,
        url=reverse("assessments:round", args=[access.municipality.slug, round_.pk]) + f"#criterion-{result.code}",
        suggested_title=_("Improve “%(criterion)s” (%(code)s)") % {"criterion": criterion, "code": result.code},
    )
