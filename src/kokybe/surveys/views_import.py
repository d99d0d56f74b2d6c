"""Staff pages that bring answers and surveys in from files: paper answers typed into the XLSX
template, and earlier years from LimeSurvey (.lss structure, CSV responses).

Each upload page can check a file without changing anything, or import it; an import is stored
once however often the form is sent (submit_once) and the file uploaded (references).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.i18n import active_language
from kokybe.core.idempotency import submit_once
from kokybe.core.texts import text_in
from kokybe.surveys import paper_import, selectors
from kokybe.surveys.definition import questions_of
from kokybe.surveys.forms import TYPE_NAMES
from kokybe.surveys.forms_import import LimeSurveyResponsesForm, LimeSurveySurveyForm, PaperImportForm
from kokybe.surveys.models import Survey, SurveyVersion
from kokybe.surveys.services import design, importing
from kokybe.surveys.services.importing import ImportOutcome
from kokybe.surveys.services.responding import NewResponse
from kokybe.surveys.views import _manageable_institutions
from kokybe.surveys.views_exports import XLSX
from kokybe.tenancy.access import Access, access_of
from kokybe.tenancy.permissions import Capability

C = Capability
PROBLEMS_SHOWN = 200  # a file wrong throughout would otherwise make a page nobody reads


def _paper_survey(access: Access, survey: Survey, version: SurveyVersion) -> paper_import.PaperSurvey:
    return paper_import.PaperSurvey(
        survey_id=survey.pk,
        spec=survey.spec(version),
        institutions=selectors.survey_institutions(access, survey, C.MANAGE_SURVEYS),
        asks_institution=survey.institution is None,
    )


def _survey_to_import_into(request: HttpRequest, survey: int) -> tuple[Access, Survey, SurveyVersion | None]:
    """The person's access, the survey (404 or 403 when out of their reach) and its published version."""
    access = access_of(request)
    found = selectors.survey_for(access, survey, C.MANAGE_SURVEYS)
    return access, found, design.published_version(found)


def _not_published(request: HttpRequest, municipality: str, survey: Survey) -> HttpResponse:
    messages.error(request, _("Publish the survey before importing answers."))
    return redirect("surveys:detail", municipality, survey.pk)


def _imported(request: HttpRequest, outcome: ImportOutcome) -> None:
    message = ngettext("%(n)d response imported.", "%(n)d responses imported.", outcome.stored) % {"n": outcome.stored}
    if outcome.already:
        message += " " + ngettext(
            "%(n)d had been imported before and was left out.",
            "%(n)d had been imported before and were left out.",
            outcome.already,
        ) % {"n": outcome.already}
    messages.success(request, message)


def _import_once(
    request: HttpRequest,
    access: Access,
    form: forms.BaseForm,
    survey: Survey,
    rows: list[NewResponse],
    *,
    required: bool,
    note: str = "",
) -> HttpResponse | None:
    """Store the rows once per submission and go to the survey's page; None (the error on the form) if refused."""

    def store() -> str:
        outcome = importing.responses_import(actor=access.user, survey=survey, rows=rows, institution_required=required)
        _imported(request, outcome)
        if note:
            messages.warning(request, note)
        return reverse("surveys:detail", args=[access.municipality.slug, survey.pk])

    try:
        return submit_once(request, store)
    except ServiceError as error:
        add_service_error(form, error)
    return None


def paper_template(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access, found, version = _survey_to_import_into(request, survey)
    if version is None:
        return _not_published(request, municipality, found)
    workbook = paper_import.template_workbook(_paper_survey(access, found, version), active_language())
    response = HttpResponse(workbook, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="survey-{found.pk}-{found.year}-paper-answers.xlsx"'
    return response


def paper_upload(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access, found, version = _survey_to_import_into(request, survey)
    if version is None:
        return _not_published(request, municipality, found)
    posted = request.method == "POST"
    form = PaperImportForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        survey=_paper_survey(access, found, version),
    )
    checked = None
    if posted and form.is_valid():
        assert form.answers is not None
        rows = form.answers.rows
        if form.cleaned_data["action"] == "import":
            done = _import_once(request, access, form, found, [r.response for r in rows], required=True)
            if done is not None:
                return done
        else:
            present = selectors.source_refs_present(access.municipality, found, [r.response.source_ref for r in rows])
            checked = {
                "new": sum(1 for row in rows if row.response.source_ref not in present),
                "already": [row.number for row in rows if row.response.source_ref in present],
            }
    problems = form.answers.problems if form.answers is not None else []
    context = {
        "survey": found,
        "form": form,
        "checked": checked,
        "problems": problems[:PROBLEMS_SHOWN],
        "problems_hidden": max(len(problems) - PROBLEMS_SHOWN, 0),
        "version": version,
    }
    return render(request, "surveys/import/paper.html", context, status=400 if form.errors else 200)


def limesurvey_survey(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    if not access.can(C.MANAGE_SURVEYS):
        raise PermissionDenied
    institutions, whole = _manageable_institutions(access)
    posted = request.method == "POST"
    form = LimeSurveySurveyForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        institutions=institutions,
        whole_municipality=whole,
    )
    if posted and form.is_valid() and form.cleaned_data["action"] == "import":
        parsed = form.parsed
        assert parsed is not None

        def create() -> str:
            data = form.cleaned_data
            created = importing.survey_import(
                actor=access.user,
                municipality=access.municipality,
                spec=form.spec(),
                year=data["year"],
                institution=data["institution"],
                is_anonymous=data["is_anonymous"],
                source="LimeSurvey",
            )
            messages.success(request, _("Survey created from LimeSurvey. Now import its responses."))
            for warning in parsed.warnings:
                messages.warning(request, warning)
            return reverse("surveys:import_limesurvey_responses", args=[municipality, created.pk])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    questions = []
    if form.parsed is not None and not form.errors:
        spec = form.parsed.spec
        questions = [
            (q.key, text_in(q.text, active_language(), spec.main_language), TYPE_NAMES[q.type])
            for q in questions_of(spec)
        ]
    context = {"form": form, "parsed": form.parsed if questions else None, "questions": questions}
    return render(request, "surveys/import/limesurvey_survey.html", context, status=400 if form.errors else 200)


def limesurvey_responses(request: HttpRequest, municipality: str, survey: int) -> HttpResponse:
    access, found, version = _survey_to_import_into(request, survey)
    if version is None:
        return _not_published(request, municipality, found)
    posted = request.method == "POST"
    form = LimeSurveyResponsesForm(
        request.POST if posted else None,
        request.FILES if posted else None,
        survey=found,
        spec=found.spec(version),
        institutions=selectors.survey_institutions(access, found, C.MANAGE_SURVEYS),
    )
    checked = None
    if posted and form.is_valid():
        rows = form.responses()
        problems = form.problems()
        if form.cleaned_data["action"] == "import":
            left_out = ngettext(
                "The file had %(n)d problem; what did not fit was left out. “Check only” lists it.",
                "The file had %(n)d problems; what did not fit was left out. “Check only” lists them.",
                len(problems),
            ) % {"n": len(problems)}
            done = _import_once(request, access, form, found, rows, required=False, note=left_out if problems else "")
            if done is not None:
                return done
        else:
            assert form.parsed is not None
            present = selectors.source_refs_present(access.municipality, found, [row.source_ref for row in rows])
            checked = {
                "new": sum(1 for row in rows if row.source_ref not in present),
                "already": len(present),
                "incomplete": form.parsed.skipped_incomplete,
                "undated": form.undated(),
                "undated_on": form.undated_on,
                "problems": problems[:PROBLEMS_SHOWN],
                "problems_hidden": max(len(problems) - PROBLEMS_SHOWN, 0),
            }
    context = {"survey": found, "form": form, "checked": checked}
    return render(request, "surveys/import/limesurvey_responses.html", context, status=400 if form.errors else 200)
