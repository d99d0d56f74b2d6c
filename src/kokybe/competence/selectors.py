"""Reads for competence development, each taking the municipality first."""

from django.core.exceptions import PermissionDenied
from django.db.models import Count, QuerySet
from django.http import Http404

from kokybe.accounts.models import User
from kokybe.competence.models import (
    CompetenceNeed,
    CompetencePlan,
    CompetenceTopic,
    PlannedParticipant,
    PlannedTraining,
    Training,
    TrainingParticipant,
)
from kokybe.tenancy.access import Access, require_capability
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability

C = Capability


def topics_of(municipality: Municipality, *, offered_only: bool = False) -> QuerySet[CompetenceTopic]:
    topics = CompetenceTopic.objects.filter(municipality=municipality)
    return topics.filter(is_active=True) if offered_only else topics


def institutions_where(access: Access, capability: Capability) -> QuerySet[Institution]:
    """The active institutions where the person holds `capability`."""
    ids = access.institution_ids(capability)
    institutions = Institution.objects.filter(municipality=access.municipality, is_active=True)
    return institutions if ids is None else institutions.filter(pk__in=ids)


def own_institutions(access: Access) -> QuerySet[Institution]:
    """The institutions the person works in (their institution-bound memberships)."""
    ids = {m.institution_id for m in access.memberships if m.institution_id is not None}
    return Institution.objects.filter(municipality=access.municipality, pk__in=ids, is_active=True)


def staff_of(municipality: Municipality, institution: Institution) -> QuerySet[User]:
    """Everyone holding a role in the institution itself."""
    ids = Membership.objects.filter(municipality=municipality, institution=institution).values("user_id")
    return User.objects.filter(pk__in=ids, is_active=True)


def needs_of_person(municipality: Municipality, person: User, year: int) -> QuerySet[CompetenceNeed]:
    return CompetenceNeed.objects.filter(municipality=municipality, person=person, year=year).select_related(
        "topic", "institution"
    )


def needs_of_institution(municipality: Municipality, institution: Institution, year: int) -> QuerySet[CompetenceNeed]:
    return (
        CompetenceNeed.objects.filter(municipality=municipality, institution=institution, year=year)
        .select_related("topic", "person")
        .order_by("person__last_name", "person__first_name", "priority", "pk")
    )


def need_for(access: Access, pk: int) -> CompetenceNeed:
    """The need if it is the person's own or they manage competence in its institution."""
    need = (
        CompetenceNeed.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("topic", "institution", "person")
        .first()
    )
    if need is None or not access.covers(need.institution):
        raise Http404
    if need.person_id != access.user.pk:
        require_capability(access, C.MANAGE_COMPETENCE, need.institution)
    else:
        require_capability(access, C.SUBMIT_IMPROVEMENTS, need.institution)
    return need


def plans_visible(municipality: Municipality, access: Access) -> QuerySet[CompetencePlan]:
    ids = access.institution_ids(C.VIEW_QUALITY)
    plans = CompetencePlan.objects.filter(municipality=municipality).select_related("institution")
    if ids is not None:
        plans = plans.filter(institution_id__in=ids)
    return plans.annotate(training_count=Count("trainings")).order_by("-year", "institution__name", "-version")


def plan_for(access: Access, pk: int, capability: Capability) -> CompetencePlan:
    plan = (
        CompetencePlan.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("institution", "compiled_by", "approved_by")
        .first()
    )
    if plan is None:
        raise Http404
    require_capability(access, capability, plan.institution)
    return plan


def plan_versions(municipality: Municipality, plan: CompetencePlan) -> QuerySet[CompetencePlan]:
    return CompetencePlan.objects.filter(
        municipality=municipality, institution_id=plan.institution_id, year=plan.year
    ).order_by("version")


def planned_trainings(municipality: Municipality, plan: CompetencePlan) -> list[PlannedTraining]:
    """The plan's trainings, each with `planned_people` (a list of Users): two queries."""
    trainings = list(
        PlannedTraining.objects.filter(municipality=municipality, plan=plan)
        .select_related("topic")
        .order_by("topic_id", "quarter", "pk")
    )
    people: dict[int, list[User]] = {t.pk: [] for t in trainings}
    for row in (
        PlannedParticipant.objects.filter(municipality=municipality, training__plan=plan)
        .select_related("person")
        .order_by("person__last_name", "person__first_name")
    ):
        people[row.training_id].append(row.person)
    for training in trainings:
        training.plan = plan  # the caller has it: no query per training for `training.plan`
        training.planned_people = people[training.pk]  # type: ignore[attr-defined]
    return trainings


def planned_training_for(access: Access, plan: CompetencePlan, pk: int) -> PlannedTraining:
    training = PlannedTraining.objects.filter(municipality=access.municipality, plan=plan, pk=pk).first()
    if training is None:
        raise Http404
    training.plan = plan
    return training


def trainings_of_person(municipality: Municipality, person: User, year: int) -> QuerySet[Training]:
    ids = TrainingParticipant.objects.filter(municipality=municipality, person=person, year=year).values("training_id")
    return Training.objects.filter(municipality=municipality, pk__in=ids).select_related("topic", "institution")


def trainings_of_institution(municipality: Municipality, institution: Institution, year: int) -> list[Training]:
    """The year's trainings with `people` (a list of Users): two queries."""
    trainings = list(
        Training.objects.filter(municipality=municipality, institution=institution, held_on__year=year).select_related(
            "topic"
        )
    )
    people: dict[int, list[User]] = {t.pk: [] for t in trainings}
    for row in TrainingParticipant.objects.filter(
        municipality=municipality, training__in=[t.pk for t in trainings]
    ).select_related("person"):
        people[row.training_id].append(row.person)
    for training in trainings:
        training.people = people[training.pk]  # type: ignore[attr-defined]
    return trainings


def training_participant_ids(municipality: Municipality, training: Training) -> set[int]:
    return set(
        TrainingParticipant.objects.filter(municipality=municipality, training=training).values_list(
            "person_id", flat=True
        )
    )


def training_for(access: Access, pk: int) -> Training:
    """The training if the person took part in it or manages competence in its institution."""
    training = (
        Training.objects.filter(municipality=access.municipality, pk=pk)
        .select_related("institution", "topic", "recorded_by")
        .first()
    )
    if training is None or not access.covers(training.institution):
        raise Http404
    if access.can(C.MANAGE_COMPETENCE, training.institution):
        return training
    if access.user.pk in training_participant_ids(access.municipality, training) and access.can(
        C.SUBMIT_IMPROVEMENTS, training.institution
    ):
        return training
    raise PermissionDenied


def planned_people_ids(municipality: Municipality, training: PlannedTraining) -> set[int]:
    return set(
        PlannedParticipant.objects.filter(municipality=municipality, training=training).values_list(
            "person_id", flat=True
        )
    )


def training_participants(municipality: Municipality, training: Training) -> list[User]:
    ids = TrainingParticipant.objects.filter(municipality=municipality, training=training).values("person_id")
    return list(User.objects.filter(pk__in=ids))


def planned_training_in(municipality: Municipality, institution: Institution, pk: int) -> PlannedTraining | None:
    return PlannedTraining.objects.filter(municipality=municipality, institution=institution, pk=pk).first()


def staff_without_needs(municipality: Municipality, institution: Institution, year: int) -> QuerySet[User]:
    stated = CompetenceNeed.objects.filter(municipality=municipality, institution=institution, year=year).values(
        "person_id"
    )
    return staff_of(municipality, institution).exclude(pk__in=stated)
