"""Staff pages for proposals: the list, a new proposal, a paper slip, the proposal, evaluation and decision."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.improvement.models import Action, ReviewOutcome
from kokybe.improvement.selectors import actions_caused_by
from kokybe.proposals import selectors
from kokybe.proposals.forms import DecideForm, EvaluateForm, ListFilterForm, ProposalEditForm, ProposalForm, SlipForm
from kokybe.proposals.models import Status
from kokybe.proposals.services import deciding, receiving
from kokybe.surveys.poster import qr_svg
from kokybe.tenancy.access import Access, access_of, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
PAGE_SIZE = 25
CAUSE_KIND = "proposals.proposal"  # as registered in proposals.causes


def _require_read(access: Access) -> None:
    if not any(access.can(capability) for capability in selectors.READ_CAPABILITIES):
        raise PermissionDenied


def proposal_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    _require_read(access)
    form = ListFilterForm(
        request.GET or None,
        years=selectors.proposal_years(access.municipality),
        institutions=selectors.institutions_for(access, C.VIEW_QUALITY),
    )
    filters = selectors.ListFilters(**form.cleaned_data) if form.is_valid() else selectors.ListFilters()
    proposals = selectors.proposals_visible(access.municipality, access, filters)
    page = Paginator(proposals, PAGE_SIZE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "proposals/proposal_list.html",
        {"form": form, "page": page, "query": query.urlencode(), "can_evaluate": access.can(C.EVALUATE_PROPOSALS)},
    )


def box_qr(request: HttpRequest, municipality: str) -> HttpResponse:
    """The public box's address as a QR code, to print on the physical box and on notices."""
    access = access_of(request)
    require_capability(access, C.EVALUATE_PROPOSALS)
    link = request.build_absolute_uri(reverse("proposals_public:start", args=[municipality]))
    response = HttpResponse(qr_svg(link), content_type="image/svg+xml")
    response["Content-Disposition"] = f'inline; filename="proposals-box-{municipality}-qr.svg"'
    return response


def proposal_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.SUBMIT_IMPROVEMENTS)
    form = ProposalForm(request.POST or None, institutions=selectors.institutions_for(access, C.SUBMIT_IMPROVEMENTS))
    if request.method == "POST" and form.is_valid():

        def submit() -> str:
            proposal = receiving.proposal_submit(
                actor=access.user, municipality=access.municipality, **form.cleaned_data
            )
            messages.success(request, _("Thank you: your proposal was sent. You will be told what is decided."))
            return reverse("proposals:detail", args=[municipality, proposal.pk])

        try:
            return submit_once(request, submit)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "proposals/proposal_form.html", {"form": form})


def proposal_edit(request: HttpRequest, municipality: str, proposal: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.proposal_for(access, proposal)
    if found.proposer_id != access.user.pk:
        raise PermissionDenied
    form = ProposalEditForm(request.POST or None, proposal=found)
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            data = dict(form.cleaned_data)
            receiving.proposal_update(actor=access.user, proposal=found, shown_version=data.pop("lock_version"), **data)
            messages.success(request, _("Changes saved."))
            return reverse("proposals:detail", args=[municipality, found.pk])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "proposals/proposal_edit.html", {"proposal": found, "form": form})


def slip_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.EVALUATE_PROPOSALS)
    form = SlipForm(request.POST or None, institutions=selectors.institutions_for(access, C.EVALUATE_PROPOSALS))
    if request.method == "POST" and form.is_valid():

        def enter() -> str:
            data = form.cleaned_data
            if data["institution"] is None and access.institution_ids(C.EVALUATE_PROPOSALS) is not None:
                raise ServiceError(_("Choose the institution whose box it was in."), field="institution")
            proposal = receiving.slip_enter(actor=access.user, municipality=access.municipality, **data)
            messages.success(
                request, _("The slip was entered as proposal %(reference)s.") % {"reference": proposal.reference}
            )
            return reverse("proposals:detail", args=[municipality, proposal.pk])

        try:
            return submit_once(request, enter)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "proposals/slip_form.html", {"form": form})


def proposal_detail(request: HttpRequest, municipality: str, proposal: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.proposal_for(access, proposal)
    may_evaluate = selectors.may_evaluate(access, found)
    actions = actions_caused_by(access.municipality, CAUSE_KIND, [found.pk]).get(found.pk, [])
    return render(
        request,
        "proposals/proposal_detail.html",
        {
            "proposal": found,
            "may_evaluate": may_evaluate,
            "shows_author": may_evaluate or found.proposer_id == access.user.pk or not found.hidden_from_colleagues,
            "actions": [(action, _outcome_label(action)) for action in actions],
            "may_plan": found.status == Status.ACCEPTED and access.can(C.MANAGE_PLANS, found.institution),
            "cause_kind": CAUSE_KIND,
        },
    )


def _outcome_label(action: Action) -> str:
    """How the latest execution review judged the action (set by actions_caused_by), or ""."""
    outcome = getattr(action, "latest_review_outcome", None)
    return str(ReviewOutcome(outcome).label) if outcome else ""


def proposal_evaluate(request: HttpRequest, municipality: str, proposal: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.proposal_to_evaluate(access, proposal)
    form = EvaluateForm(
        request.POST or None, proposal=found, institutions=selectors.institutions_for(access, C.EVALUATE_PROPOSALS)
    )
    if request.method == "POST" and form.is_valid():

        def evaluate() -> str:
            data = form.cleaned_data
            deciding.proposal_evaluate(
                actor=access.user,
                proposal=found,
                evaluation=data["evaluation"],
                title=data["title"],
                institution=data.get("institution"),
                shown_version=data["lock_version"],
            )
            messages.success(request, _("The evaluation was saved. The proposal now awaits a decision."))
            return reverse("proposals:detail", args=[municipality, found.pk])

        try:
            return submit_once(request, evaluate)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "proposals/proposal_evaluate.html", {"proposal": found, "form": form})


def proposal_decide(request: HttpRequest, municipality: str, proposal: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.proposal_to_evaluate(access, proposal)
    form = DecideForm(request.POST or None, proposal=found)
    if request.method == "POST" and form.is_valid():

        def decide() -> str:
            data = form.cleaned_data
            decided = deciding.proposal_decide(
                actor=access.user,
                proposal=found,
                decision=data["decision"],
                reason=data["reason"],
                shown_version=data["lock_version"],
                base_url=request.build_absolute_uri("/"),
            )
            if decided.can_be_told:
                messages.success(request, _("The decision was saved; the proposer will be told by e-mail."))
            else:
                messages.success(request, _("The decision was saved. The proposer left no address to tell them."))
            return reverse("proposals:detail", args=[municipality, found.pk])

        try:
            return submit_once(request, decide)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "proposals/proposal_decide.html", {"proposal": found, "form": form})
