"""The yearly execution review, and the execution rates it adds up to (page, CSV, XLSX)."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, StreamingHttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from kokybe.core.errors import ServiceError
from kokybe.core.idempotency import submit_once
from kokybe.improvement import access as rights
from kokybe.improvement import selectors
from kokybe.improvement.charts import rate_bars
from kokybe.improvement.forms import ReviewForm
from kokybe.improvement.models import Action, ExecutionReview
from kokybe.improvement.services import execution as execution_services
from kokybe.surveys import exports
from kokybe.tenancy.access import access_of

CSV = "text/csv; charset=utf-8"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def review(request: HttpRequest, municipality: str, plan: int, year: int) -> HttpResponse:
    """Each action active in `year`: done, partly or not done, with a comment. One form per action."""
    access = access_of(request)
    found = rights.plan_for(access, plan)
    rights.require(rights.may_edit(access, found))
    if year not in found.years:
        raise Http404
    goals = selectors.plan_content(access.municipality, found)
    actions = selectors.actions_to_review(goals, year)
    posted = None
    if request.method == "POST":
        posted = next((a for a in actions if str(a.pk) == request.POST.get("action")), None)
        if posted is None:
            raise Http404
    rows = []
    for action in actions:
        existing = _review_of(action, year)
        initial: dict[str, Any] = {"outcome": existing.outcome, "comment": existing.comment} if existing else {}
        initial["lock_version"] = existing.lock_version if existing else None
        form = ReviewForm(request.POST if action is posted else None, prefix=f"a{action.pk}", initial=initial)
        rows.append((action, existing, form))
        if action is posted and form.is_valid():

            def record(action: Action = action, form: ReviewForm = form) -> str:
                execution_services.review_record(
                    actor=access.user,
                    action=action,
                    year=year,
                    outcome=form.cleaned_data["outcome"],
                    comment=form.cleaned_data["comment"],
                    shown_version=form.cleaned_data["lock_version"],
                )
                messages.success(request, _("Review of “%(action)s” saved.") % {"action": action.display_title})
                return reverse("improvement:review", args=[municipality, found.pk, year]) + f"#action-{action.pk}"

            try:
                return submit_once(request, record)
            except ServiceError as error:
                form.add_error(error.field if error.field in form.fields else None, error.message)
    summary = selectors.execution_summary(goals, [year])
    return render(
        request,
        "improvement/review.html",
        {
            "plan": found,
            "year": year,
            "rows": rows,
            "rate": summary.by_year[year],
            "can_review": found.records_execution and year <= datetime.date.today().year,
        },
    )


def _review_of(action: Action, year: int) -> ExecutionReview | None:
    return next((r for r in action.reviews.all() if r.year == year), None)


def execution(request: HttpRequest, municipality: str, plan: int) -> HttpResponse:
    access = access_of(request)
    found = rights.plan_for(access, plan)
    goals = selectors.plan_content(access.municipality, found)
    summary = selectors.execution_summary(goals, found.years)
    return render(
        request,
        "improvement/execution.html",
        {
            "plan": found,
            "summary": summary,
            "chart": rate_bars([(str(year), summary.by_year[year].rate) for year in summary.years]),
            "may_review": rights.may_edit(access, found),
        },
    )


def execution_rows(summary: selectors.ExecutionSummary) -> tuple[list[str], list[list[Any]]]:
    header = [
        _("Year"),
        _("Goal"),
        _("Actions planned"),
        _("Done"),
        _("Partly done"),
        _("Not done"),
        _("Not reviewed"),
        _("Execution rate (%)"),
    ]
    rows: list[list[Any]] = []
    for year in summary.years:
        total = summary.by_year[year]
        rows.append([year, _("Whole plan"), *_figures(total)])
        for goal_rates in summary.goals:
            rows.append([year, goal_rates.goal.display_title, *_figures(goal_rates.by_year[year])])
    return header, rows


def _figures(rate: selectors.Rate) -> list[Any]:
    return [
        rate.planned,
        rate.done,
        rate.partly,
        rate.not_done,
        rate.unreviewed,
        "" if rate.rate is None else rate.rate,
    ]


def execution_download(request: HttpRequest, municipality: str, plan: int, fmt: str) -> HttpResponseBase:
    if fmt not in {"csv", "xlsx"}:
        raise Http404
    access = access_of(request)
    found = rights.plan_for(access, plan)
    summary = selectors.execution_summary(selectors.plan_content(access.municipality, found), found.years)
    header, rows = execution_rows(summary)
    filename = f"plan-{found.pk}-v{found.version}-execution.{fmt}"
    if fmt == "csv":
        response = StreamingHttpResponse(exports.csv_stream(header, rows), content_type=CSV)
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    handle = exports.xlsx_file([(_("Execution"), header, rows)])
    return FileResponse(handle, as_attachment=True, filename=filename, content_type=XLSX)
