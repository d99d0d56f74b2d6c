"""Round pages: the list, opening a round, an assessor's sheet, the round with its spread and consensus."""

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.accounts.models import User
from kokybe.assessments import comparison, selectors
from kokybe.assessments import scoring as maths
from kokybe.assessments.forms import ConsensusForm, RoundCreateForm, RoundEditForm, SheetForm
from kokybe.assessments.models import Attachment, FrameworkNode, Round, RoundStatus, Scoring, VersionStatus
from kokybe.assessments.round_page import round_rows
from kokybe.assessments.services import rounds as services
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.models import Institution, Membership
from kokybe.tenancy.permissions import Capability

C = Capability


def round_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.VIEW_QUALITY)
    context = {
        "rounds": selectors.rounds_visible(access),
        "my_sheets": selectors.sheets_of_person(access),
        "can_manage": access.can(C.MANAGE_ASSESSMENTS),
    }
    return render(request, "assessments/round_list.html", context)


def _people(access: Access, institution: Institution | None = None) -> QuerySet[User]:
    """Members of the municipality; of one institution's coverage when it is known."""
    memberships = Membership.objects.filter(municipality=access.municipality)
    if institution is not None:
        memberships = memberships.filter(institution__isnull=True) | memberships.filter(institution=institution)
    return User.objects.filter(pk__in=memberships.values("user_id")).order_by("first_name", "last_name")


def round_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_ASSESSMENTS)
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    ids = access.institution_ids(C.MANAGE_ASSESSMENTS)
    if ids is not None:
        institutions = institutions.filter(pk__in=ids)
    frameworks = (
        selectors.frameworks_of(access.municipality).filter(versions__status=VersionStatus.PUBLISHED).distinct()
    )
    form = RoundCreateForm(
        request.POST or None,
        frameworks=frameworks,
        institutions=institutions,
        people=_people(access) if ids is None else _people(access, institutions.first()),
    )
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            data = form.cleaned_data
            framework = data["framework"]
            round_ = services.round_create(
                actor=access.user,
                framework=framework,
                institution=data["institution"],
                year=data["year"],
                deadline=data["deadline"],
                assessors=data["assessors"],
                scoring=data["scoring"] if framework.is_caf and data.get("scoring") else None,
            )
            messages.success(request, _("Round opened. The assessors can now score it."))
            return reverse("assessments:round", args=[municipality, round_.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "assessments/round_create.html", {"form": form, "has_frameworks": frameworks.exists()})


def round_detail(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round)
    can_manage = access.can(C.MANAGE_ASSESSMENTS, found.institution)
    sees_scores = selectors.may_see_scores(access, found)
    sheets = list(found.sheets.select_related("assessor").order_by("pk"))
    context = {
        "round": found,
        "framework": found.framework,
        "rows": round_rows(access, found, sees_scores=sees_scores),
        "sheets": sheets,
        "my_sheet": next((s for s in sheets if s.assessor_id == access.user.pk), None),
        "can_manage": can_manage,
        "sees_scores": sees_scores,
        "standing": comparison.strengths_and_weaknesses(found) if found.is_approved else None,
        "can_plan": access.can(C.MANAGE_PLANS, found.institution),
    }
    return render(request, "assessments/round_detail.html", context)


def round_edit(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round, C.MANAGE_ASSESSMENTS)
    if found.status != RoundStatus.SCORING:
        messages.error(request, _("Assessors and the deadline can be changed only while assessors are scoring."))
        return redirect("assessments:round", municipality, found.pk)
    form = RoundEditForm(
        request.POST or None,
        people=_people(access, found.institution),
        initial={
            "lock_version": found.lock_version,
            "deadline": found.deadline,
            "assessors": list(found.sheets.values_list("assessor_id", flat=True)),
        },
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            data = form.cleaned_data
            services.round_update(
                actor=access.user,
                round_=found,
                shown_version=data["lock_version"],
                deadline=data["deadline"],
                assessors=data["assessors"],
            )
            messages.success(request, _("Round saved."))
            return reverse("assessments:round", args=[municipality, found.pk])

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "assessments/round_edit.html", {"form": form, "round": found})


@dataclass
class SheetItem:
    node: FrameworkNode
    depth: int
    fields: list[Any]  # bound fields of the score, empty for a heading
    evidence: Any = None
    links: Any = None
    files: Any = None
    score: Any = None
    levels: list[dict[str, Any]] | None = None


def sheet(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round)
    own = selectors.sheet_of(access, found)
    tree = selectors.tree_of(found.version)
    nodes = [row.node for row in tree if row.node.scored]
    scores = selectors.scores_of(own)
    editable = found.status == RoundStatus.SCORING and own.submitted_at is None
    initial: dict[str, Any] = {"lock_version": own.lock_version}
    for node_id, score in scores.items():
        prefix = f"c{node_id}-"
        initial[f"{prefix}value"] = _as_choice(score.value)
        initial.update({f"{prefix}{phase}": value for phase, value in score.phases.items()})
        initial[f"{prefix}evidence"] = score.evidence
        initial[f"{prefix}links"] = "\n".join(score.links)
    scales = {node.pk: services.scale_for(found, node) for node in nodes}
    form = SheetForm(
        (request.POST or None) if editable else None,
        request.FILES or None,
        nodes=nodes,
        scoring=found.scoring,
        scales=scales,
        main_language=found.framework.main_language,
        initial=initial,
    )
    if request.method == "POST" and editable and form.is_valid():
        submit = "submit" in request.POST

        def save() -> str:
            entries = {node.pk: services.ScoreInput(**form.entry_data(node.pk)) for node in nodes}
            services.sheet_save(
                actor=access.user,
                sheet=own,
                shown_version=form.cleaned_data["lock_version"],
                entries=entries,
                submit=submit,
            )
            if submit:
                messages.success(request, _("Your sheet is submitted. Thank you."))
                return reverse("assessments:round", args=[municipality, found.pk])
            messages.success(request, _("Your scores are saved. You can come back and submit them later."))
            return reverse("assessments:sheet", args=[municipality, found.pk])

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    elif request.method == "POST" and not editable:
        messages.error(request, _("This sheet can no longer be changed."))
        return redirect("assessments:sheet", municipality, found.pk)
    items = []
    for row in tree:
        node = row.node
        if not node.scored:
            items.append(SheetItem(node, row.depth, []))
            continue
        prefix = f"c{node.pk}-"
        items.append(
            SheetItem(
                node,
                row.depth,
                [form[name] for name in form.criteria[node.pk]],
                form[f"{prefix}evidence"],
                form[f"{prefix}links"],
                form[f"{prefix}files"],
                scores.get(node.pk),
                node.levels or scales[node.pk],
            )
        )
    context = {"round": found, "sheet": own, "form": form, "items": items, "editable": editable}
    return render(request, "assessments/sheet.html", context)


def attachment(request: HttpRequest, municipality: str, round: int, attachment: int) -> HttpResponseBase:
    """An evidence file: to its assessor, and to others once they may see the round's scores."""
    access = access_of(request)
    found = selectors.round_for(access, round)
    item = Attachment.objects.filter(pk=attachment, score__sheet__round=found).select_related("score__sheet").first()
    if item is None:
        raise Http404
    if item.score.sheet.assessor_id != access.user.pk and not selectors.may_see_scores(access, found):
        raise PermissionDenied
    response = FileResponse(
        item.file.open("rb"), content_type=item.content_type, as_attachment=True, filename=item.name
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _round_action(
    request: HttpRequest, municipality: str, round: int, perform: Callable[[Access, Round], str]
) -> HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round, C.MANAGE_ASSESSMENTS)

    def act() -> str:
        message = perform(access, found)
        messages.success(request, message)
        return reverse("assessments:round", args=[municipality, found.pk])

    try:
        return submit_once(request, act)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect("assessments:round", municipality, found.pk)


@require_POST
def consensus_start(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    def start(access: Access, found: Round) -> str:
        services.round_consensus_start(actor=access.user, round_=found)
        return _("Scoring is closed. Set the consensus score of each criterion, then approve the round.")

    return _round_action(request, municipality, round, start)


@require_POST
def round_approve(request: HttpRequest, municipality: str, round: int) -> HttpResponse:
    def approve(access: Access, found: Round) -> str:
        services.round_approve(actor=access.user, round_=found)
        return _("The round is approved and locked.")

    return _round_action(request, municipality, round, approve)


def consensus_edit(request: HttpRequest, municipality: str, round: int, result: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.round_for(access, round, C.MANAGE_ASSESSMENTS)
    item = selectors.result_for(found, result)
    if found.status != RoundStatus.CONSENSUS:
        messages.error(request, _("Consensus scores can be set only while the round is in consensus."))
        return redirect("assessments:round", municipality, found.pk)
    scores = selectors.submitted_scores(found).get(item.node_id, [])
    scale = services.scale_for(found, item.node)
    spread = maths.spread_of([s.value for s in scores], found.scoring, scale)
    suggested = maths.suggested_consensus(spread, found.scoring, scale)
    initial: dict[str, Any] = {"lock_version": item.lock_version, "reason": item.reason}
    shown = item.consensus if item.consensus is not None else suggested
    if shown is not None:
        initial["value"] = shown if found.scoring == Scoring.LEVELS_1_5 else _as_choice(shown)
    phase_values = item.phases or _phase_means(scores)
    initial.update(phase_values)
    form = ConsensusForm(
        request.POST or None,
        node=item.node,
        scoring=found.scoring,
        scale=scale,
        main_language=found.framework.main_language,
        initial=initial,
    )
    if request.method == "POST" and form.is_valid():

        def save() -> str:
            services.result_set(
                actor=access.user,
                result=item,
                shown_version=form.cleaned_data["lock_version"],
                value=form.value(),
                phases=form.phases(),
                reason=form.cleaned_data["reason"],
                spread=spread,
            )
            messages.success(request, _("Consensus of %(code)s saved.") % {"code": item.code})
            return reverse("assessments:round", args=[municipality, found.pk]) + f"#criterion-{item.code}"

        try:
            return submit_once(request, save)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "round": found,
        "result": item,
        "form": form,
        "scores": scores,
        "spread": spread,
        "levels": item.node.levels or scale,
    }
    return render(request, "assessments/consensus_form.html", context)


def _as_choice(value: Decimal | None) -> str | Decimal | None:
    """A whole score as the radio button's value ("4", "-1"); a fractional one as it is."""
    if value is None or value != int(value):
        return value
    return str(int(value))


def _phase_means(scores: list[Any]) -> dict[str, int]:
    """The assessors' mean of each PDCA phase, offered as the starting consensus."""
    means = {}
    for phase in maths.PDCA:
        values = [s.phases[phase] for s in scores if s.phases.get(phase) is not None]
        if values:
            means[phase] = round(sum(values) / len(values))
    return means
