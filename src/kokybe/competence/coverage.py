"""Coverage of an institution's year: hours per person, who trained, which needs were met.

A need is met when a training on its topic is recorded for that person in that year (in any
institution of the municipality: a person's learning follows them); a need written under
"Other" is met by a training whose "other" topic reads the same. Four queries, whatever the size
(five when someone who trained in the institution has left it since).
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q

from kokybe.accounts.models import User
from kokybe.competence.models import CompetenceNeed, CompetenceTopic, TrainingParticipant
from kokybe.competence.selectors import staff_of
from kokybe.tenancy.models import Institution, Membership, Municipality


@dataclass
class PersonCoverage:
    person: User
    is_staff: bool  # holds a role in the institution now (the share of staff trained counts only these)
    hours: Decimal = Decimal(0)
    trainings: int = 0
    met: list[CompetenceNeed] = field(default_factory=list)
    unmet: list[CompetenceNeed] = field(default_factory=list)


@dataclass
class TopicCoverage:
    label: str
    needs: int = 0
    met: int = 0
    hours: Decimal = Decimal(0)  # person-hours of training on the topic in the institution

    @property
    def met_share(self) -> float:
        return self.met / self.needs if self.needs else 0.0


@dataclass
class Coverage:
    year: int
    people: list[PersonCoverage]
    topics: list[TopicCoverage]
    staff_count: int
    trained_staff: int
    hours: Decimal
    needs: int
    met: int

    @property
    def trained_share(self) -> float:
        return self.trained_staff / self.staff_count if self.staff_count else 0.0

    @property
    def met_share(self) -> float:
        return self.met / self.needs if self.needs else 0.0

    @property
    def unmet(self) -> list[CompetenceNeed]:
        return [need for person in self.people for need in person.unmet]


def _key(topic_id: int | None, other: str) -> tuple[int | None, str]:
    return (topic_id, "" if topic_id else other.strip().casefold())


def coverage_of(municipality: Municipality, institution: Institution, year: int) -> Coverage:
    staff = {user.pk: user for user in staff_of(municipality, institution)}
    needs = list(
        CompetenceNeed.objects.filter(municipality=municipality, institution=institution, year=year).select_related(
            "topic", "person"
        )
    )
    # Every training of the year of anyone concerned: staff, people whose needs are listed, and whoever
    # trained in this institution that year (someone who has left since: their hours were spent here).
    concerned = set(staff) | {need.person_id for need in needs}
    participations = list(
        TrainingParticipant.objects.filter(municipality=municipality, year=year)
        .filter(Q(person_id__in=concerned) | Q(training__institution=institution))
        .values_list(
            "person_id", "training__institution_id", "training__hours", "training__topic_id", "training__other_topic"
        )
    )
    people: dict[int, PersonCoverage] = {pk: PersonCoverage(user, True) for pk, user in staff.items()}
    for need in needs:
        if need.person_id not in people:
            people[need.person_id] = PersonCoverage(need.person, False)
    departed = {row[0] for row in participations} - set(people)
    if departed:  # a fifth query, only when someone who trained here is no longer on the staff
        for user in User.objects.filter(pk__in=departed):
            people[user.pk] = PersonCoverage(user, False)
    learned: set[tuple[int, tuple[int | None, str]]] = set()
    topic_hours: dict[tuple[int | None, str], Decimal] = defaultdict(Decimal)
    for person_id, institution_id, hours, topic_id, other in participations:
        key = _key(topic_id, other)
        learned.add((person_id, key))
        if institution_id == institution.pk:
            people[person_id].hours += hours
            people[person_id].trainings += 1
            topic_hours[key] += hours
    topics: dict[tuple[int | None, str], TopicCoverage] = {}
    labels = {t.pk: t.display_name for t in CompetenceTopic.objects.filter(municipality=municipality)}
    for need in sorted(needs, key=lambda n: (n.priority, n.pk)):
        key = _key(need.topic_id, need.other_topic)
        topic = topics.setdefault(key, TopicCoverage(labels.get(need.topic_id or 0, need.other_topic)))
        topic.needs += 1
        if (need.person_id, key) in learned:
            people[need.person_id].met.append(need)
            topic.met += 1
        else:
            people[need.person_id].unmet.append(need)
    for key, hours in topic_hours.items():
        topics.setdefault(key, TopicCoverage(labels.get(key[0] or 0, key[1]))).hours = hours
    ordered_people = sorted(people.values(), key=lambda p: (p.person.last_name, p.person.first_name, p.person.pk))
    return Coverage(
        year=year,
        people=ordered_people,
        topics=sorted(topics.values(), key=lambda t: (-t.needs, t.label.casefold())),
        staff_count=len(staff),
        trained_staff=sum(1 for p in ordered_people if p.is_staff and p.trainings),
        hours=sum((p.hours for p in ordered_people), Decimal(0)),
        needs=len(needs),
        met=sum(len(p.met) for p in ordered_people),
    )


def person_year(municipality: Municipality, person: User, year: int) -> tuple[list[CompetenceNeed], set[int]]:
    """A person's needs of the year and the ids of those met (for their own page)."""
    needs = list(
        CompetenceNeed.objects.filter(municipality=municipality, person=person, year=year).select_related(
            "topic", "institution"
        )
    )
    learned = {
        _key(topic_id, other)
        for topic_id, other in TrainingParticipant.objects.filter(
            municipality=municipality, person=person, year=year
        ).values_list("training__topic_id", "training__other_topic")
    }
    return needs, {need.pk for need in needs if _key(need.topic_id, need.other_topic) in learned}


@dataclass
class InstitutionSummary:
    institution: Institution
    staff_count: int = 0
    trained_staff: int = 0
    hours: Decimal = Decimal(0)
    needs: int = 0
    met: int = 0

    @property
    def trained_share(self) -> float:
        return self.trained_staff / self.staff_count if self.staff_count else 0.0


def institutions_summary(
    municipality: Municipality, institutions: list[Institution], year: int
) -> list[InstitutionSummary]:
    """The coverage figures of several institutions side by side, by the same rules: three queries."""
    summaries = {i.pk: InstitutionSummary(i) for i in institutions}
    staff: dict[int, set[int]] = defaultdict(set)
    for institution_id, user_id in Membership.objects.filter(
        municipality=municipality, institution_id__in=summaries, user__is_active=True
    ).values_list("institution_id", "user_id"):
        staff[institution_id].add(user_id)
    trained: dict[int, set[int]] = defaultdict(set)
    learned: set[tuple[int, tuple[int | None, str]]] = set()
    for person_id, institution_id, hours, topic_id, other in TrainingParticipant.objects.filter(
        municipality=municipality, year=year
    ).values_list(
        "person_id", "training__institution_id", "training__hours", "training__topic_id", "training__other_topic"
    ):
        learned.add((person_id, _key(topic_id, other)))
        if institution_id in summaries:
            trained[institution_id].add(person_id)
            summaries[institution_id].hours += hours
    for institution_id, person_id, topic_id, other in CompetenceNeed.objects.filter(
        municipality=municipality, year=year, institution_id__in=summaries
    ).values_list("institution_id", "person_id", "topic_id", "other_topic"):
        summaries[institution_id].needs += 1
        summaries[institution_id].met += (person_id, _key(topic_id, other)) in learned
    for institution_id, summary in summaries.items():
        summary.staff_count = len(staff[institution_id])
        summary.trained_staff = len(staff[institution_id] & trained[institution_id])
    return list(summaries.values())
