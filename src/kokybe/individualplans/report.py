"""The individual plans' part of the subject-access report (GDPR Art. 15): every plan of the client with
every revision (needs, goals, actions, agreement) and every review with its ratings."""

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kokybe.clients.models import Client
from kokybe.clients.subject_access import ReportItem, ReportSection, model_facts, report_value
from kokybe.individualplans.models import (
    GoalProgress,
    IndividualPlan,
    PlanAction,
    PlanGoal,
    PlanReview,
    PlanRevision,
)


def _plan_title(plan: IndividualPlan) -> str:
    return _("%(plan)s, %(institution)s") % {
        "plan": plan.get_kind_display(),
        "institution": plan.institution.display_name,
    }


def individual_plans_collect(client: Client) -> list[ReportItem]:
    municipality_id = client.municipality_id
    plans = (
        IndividualPlan.objects.filter(municipality_id=municipality_id, client=client)
        .select_related("institution", "responsible")
        .prefetch_related(
            Prefetch(
                "revisions",
                queryset=PlanRevision.objects.order_by("number").prefetch_related(
                    Prefetch(
                        "goals",
                        queryset=PlanGoal.objects.prefetch_related(
                            Prefetch("actions", queryset=PlanAction.objects.order_by("position", "id"))
                        ),
                    )
                ),
            ),
            Prefetch(
                "reviews",
                queryset=PlanReview.objects.order_by("reviewed_on", "id")
                .select_related("reviewed_by", "revision")
                .prefetch_related(Prefetch("progress", queryset=GoalProgress.objects.select_related("goal"))),
            ),
        )
        .order_by("created_at", "id")
    )
    items: list[ReportItem] = []
    for plan in plans:
        title = _plan_title(plan)
        facts = model_facts(plan, ("kind", "responsible", "status", "next_review_on", "closed_on", "close_reason"))
        facts.append((_("Created"), report_value(plan.created_at)))
        items.append(ReportItem(title=title, facts=facts))
        for revision in plan.revisions.all():
            facts = model_facts(
                revision,
                (
                    "drawn_up_on",
                    "needs",
                    "change_reason",
                    "next_review_on",
                    "agreed_on",
                    "agreement_way",
                    "agreement_note",
                ),
            )
            for number, goal in enumerate(revision.goals.all(), start=1):
                facts.append(
                    (
                        _("Goal %(number)d") % {"number": number},
                        _("%(goal)s; target date %(date)s; success judged by: %(measure)s")
                        % {"goal": goal.title, "date": report_value(goal.target_on), "measure": goal.success_measure},
                    )
                )
                facts.extend(
                    (
                        _("Action towards goal %(number)d") % {"number": number},
                        _("%(what)s (who: %(who)s; when: %(when)s)")
                        % {"what": action.what, "who": action.who, "when": action.when},
                    )
                    for action in goal.actions.all()
                )
            revision_title = _("%(plan)s: revision %(number)d") % {"plan": title, "number": revision.number}
            items.append(ReportItem(title=revision_title, facts=facts))
        for review in plan.reviews.all():
            facts = model_facts(review, ("reviewed_on", "due_on", "summary", "next_review_on", "reviewed_by"))
            facts.extend(
                (
                    _("Progress: %(goal)s") % {"goal": progress.goal.title},
                    f"{progress.get_rating_display()}{f' ({progress.note})' if progress.note else ''}",
                )
                for progress in review.progress.all()
            )
            review_title = _("%(plan)s: review of %(date)s") % {"plan": title, "date": report_value(review.reviewed_on)}
            items.append(ReportItem(title=review_title, facts=facts))
    return items


SECTION = ReportSection(
    key="individual_plans",
    title=gettext_lazy("Individual plans"),
    models=(IndividualPlan, PlanRevision, PlanGoal, PlanAction, PlanReview, GoalProgress),
    collect=individual_plans_collect,
    order=20,
)
