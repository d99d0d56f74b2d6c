"""Competence development pages: the overview, one's own year, the topic list, and stating needs."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kokybe.competence import selectors
from kokybe.competence.coverage import institutions_summary, person_year
from kokybe.competence.forms import NeedForm, TopicForm
from kokybe.competence.models import CompetenceNeed, CompetenceTopic
from kokybe.competence.services import needs as need_services
from kokybe.competence.services import topics as topic_services
from kokybe.core.errors import ServiceError
from kokybe.core.forms import add_service_error
from kokybe.core.idempotency import submit_once
from kokybe.tenancy.access import Access, access_of, institution_for, require_capability
from kokybe.tenancy.permissions import Capability

C = Capability
SECTION = frozenset({C.VIEW_QUALITY, C.SUBMIT_IMPROVEMENTS})


def _section(access: Access) -> None:
    if not any(access.can(capability) for capability in SECTION):
        raise PermissionDenied


def mine_url(municipality: str, year: int) -> str:
    return f"{reverse('competence:mine', args=[municipality])}?year={year}"


def _year(value: str | None) -> int:
    this_year = timezone.localdate().year
    try:
        year = int(value or this_year)
    except ValueError:
        return this_year
    return year if 2000 <= year <= 2100 else this_year


def overview(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    _section(access)
    year = _year(request.GET.get("year"))
    context = {
        "year": year,
        "years": range(timezone.localdate().year + 1, timezone.localdate().year - 4, -1),
        "own_institutions": selectors.own_institutions(access),
        "summaries": institutions_summary(
            access.municipality, list(selectors.institutions_where(access, C.VIEW_QUALITY)), year
        ),
        "managed_institutions": set(selectors.institutions_where(access, C.MANAGE_COMPETENCE)),
        "can_state": any(access.can(C.SUBMIT_IMPROVEMENTS, i) for i in selectors.own_institutions(access)),
    }
    return render(request, "competence/overview.html", context)


def mine(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.SUBMIT_IMPROVEMENTS)
    year = _year(request.GET.get("year"))
    needs, met = person_year(access.municipality, access.user, year)
    trainings = list(selectors.trainings_of_person(access.municipality, access.user, year))
    institutions = [i for i in selectors.own_institutions(access) if access.can(C.SUBMIT_IMPROVEMENTS, i)]
    locked = {i.pk for i in institutions if need_services.plan_approved_for(i, year)}
    context = {
        "year": year,
        "needs": [(need, need.pk in met, need.institution_id in locked) for need in needs],
        "trainings": trainings,
        "hours": sum((t.hours for t in trainings), 0),
        "institutions": [(i, i.pk in locked) for i in institutions],
    }
    return render(request, "competence/mine.html", context)


def topic_list(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_COMPETENCE)
    return render(request, "competence/topics.html", {"topics": selectors.topics_of(access.municipality)})


def topic_create(request: HttpRequest, municipality: str) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_COMPETENCE)
    form = TopicForm(request.POST or None, main_language=access.municipality.language)
    if request.method == "POST" and form.is_valid():

        def create() -> str:
            topic_services.topic_create(actor=access.user, municipality=access.municipality, name=form.name())
            messages.success(request, _("Topic added."))
            return reverse("competence:topics", args=[municipality])

        try:
            return submit_once(request, create)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/topic_form.html", {"form": form, "topic": None})


def topic_edit(request: HttpRequest, municipality: str, competence_topic: int) -> HttpResponse:
    access = access_of(request)
    require_capability(access, C.MANAGE_COMPETENCE)
    topic = CompetenceTopic.objects.filter(municipality=access.municipality, pk=competence_topic).first()
    if topic is None:
        raise Http404
    form = TopicForm(request.POST or None, topic=topic, main_language=topic.main_language)
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            topic_services.topic_update(
                actor=access.user,
                topic=topic,
                shown_version=form.cleaned_data["lock_version"],
                name=form.name(),
                is_active=form.cleaned_data["is_active"],
            )
            messages.success(request, _("Changes saved."))
            return reverse("competence:topics", args=[municipality])

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    return render(request, "competence/topic_form.html", {"form": form, "topic": topic})


def institution_needs(request: HttpRequest, municipality: str, institution: str, year: int) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.MANAGE_COMPETENCE)
    context = {
        "institution": found,
        "year": year,
        "needs": selectors.needs_of_institution(access.municipality, found, year),
        "not_stated": selectors.staff_without_needs(access.municipality, found, year),
        "locked": need_services.plan_approved_for(found, year),
    }
    return render(request, "competence/institution_needs.html", context)


def need_add(request: HttpRequest, municipality: str, institution: str, year: int) -> HttpResponse:
    access = access_of(request)
    found = institution_for(access, institution, C.SUBMIT_IMPROVEMENTS)
    manages = access.can(C.MANAGE_COMPETENCE, found)
    if not manages and found.pk not in {m.institution_id for m in access.memberships}:
        raise PermissionDenied  # needs are stated where one works; others' needs only by their managers
    people = selectors.staff_of(access.municipality, found) if manages else None
    form = NeedForm(
        request.POST or None,
        topics=selectors.topics_of(access.municipality, offered_only=True),
        people=people,
        initial={"person": access.user.pk},
    )
    if request.method == "POST" and form.is_valid():

        def state() -> str:
            person = form.cleaned_data.get("person") or access.user
            need_services.need_state(
                actor=access.user, institution=found, person=person, year=year, data=form.need_input()
            )
            messages.success(request, _("Need saved."))
            if person.pk != access.user.pk:
                return reverse("competence:needs", args=[municipality, found.slug, year])
            return mine_url(municipality, year)

        try:
            return submit_once(request, state)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "form": form,
        "institution": found,
        "year": year,
        "need": None,
        "crumb_url": mine_url(municipality, year),
    }
    return render(request, "competence/need_form.html", context)


def need_edit(request: HttpRequest, municipality: str, need: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.need_for(access, need)
    form = NeedForm(
        request.POST or None,
        topics=selectors.topics_of(access.municipality).filter(is_active=True)
        | selectors.topics_of(access.municipality).filter(pk=found.topic_id or 0),
        editing=True,
        initial={
            "topic": found.topic_id,
            "other_topic": found.other_topic,
            "priority": found.priority,
            "learning_form": found.learning_form,
            "reason": found.reason,
            "lock_version": found.lock_version,
        },
    )
    if request.method == "POST" and form.is_valid():

        def update() -> str:
            need_services.need_update(
                actor=access.user, need=found, shown_version=form.cleaned_data["lock_version"], data=form.need_input()
            )
            messages.success(request, _("Changes saved."))
            return _after_need(access, found)

        try:
            return submit_once(request, update)
        except ServiceError as error:
            add_service_error(form, error)
    context = {
        "form": form,
        "institution": found.institution,
        "year": found.year,
        "need": found,
        "crumb_url": _after_need(access, found),
        "for_colleague": found.person_id != access.user.pk,
    }
    return render(request, "competence/need_form.html", context)


def _after_need(access: Access, need: CompetenceNeed) -> str:
    if need.person_id == access.user.pk:
        return mine_url(access.municipality.slug, need.year)
    return reverse("competence:needs", args=[access.municipality.slug, need.institution.slug, need.year])


@require_POST
def need_withdraw(request: HttpRequest, municipality: str, need: int) -> HttpResponse:
    access = access_of(request)
    found = selectors.need_for(access, need)
    after = _after_need(access, found)

    def withdraw() -> str:
        need_services.need_withdraw(actor=access.user, need=found)
        messages.success(request, _("Need withdrawn."))
        return after

    try:
        return submit_once(request, withdraw)
    except ServiceError as error:
        messages.error(request, error.message)
        return redirect(after)
