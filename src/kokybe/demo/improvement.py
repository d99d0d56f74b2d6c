"""Improvement and annual activity plans demo data (seeds 001 and 004).

Improvement plans 2024–2026 for the Danė centre (Klaipėda), Kuldīga's Social Service agency and
Klaipėda as a whole, with actions in every state and execution reviews for 2024 and 2025; a
shorter plan of the same years for every other institution of both municipalities. The
accessibility actions are linked to the Kuldīga-criteria results for K4 "accessibility of the
physical environment" of 2023 and 2024 when the self-assessment demo has loaded them (no link
otherwise: a cause is never made up).

Annual activity plans of the Danė centre: 2025 and 2026 approved (2026 changed once, so it has
two versions), 2027 being drafted by the departments, so the journey can be walked: the social
worker drafts a part, the quality coordinator compiles it, the director approves it.

Everything goes through the improvement services. Idempotent: each plan is created only when its
institution has none of that kind and first year yet. Dates are relative to today where the story
needs something due soon, overdue or near its deadline.
"""

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.utils import translation

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.improvement.causes import Cause, resolve_cause
from kokybe.improvement.models import Action, ActionStatus, Goal, Plan, PlanKind, PlanPart
from kokybe.improvement.services import content, execution, plans
from kokybe.tenancy.access import Access, memberships_of
from kokybe.tenancy.models import Institution, Municipality

S = ActionStatus
TODAY = datetime.date.today()


@dataclass(frozen=True)
class ActionSpec:
    title: str
    owner: str  # an account's e-mail
    starts_on: datetime.date
    due_on: datetime.date
    status: str = S.PLANNED
    progress: int = 0
    cancel_reason: str = ""
    reviews: dict[int, tuple[str, str]] = field(default_factory=dict)  # year -> (outcome, comment)
    expected_result: str = ""
    measure: str = ""
    resources: str = ""
    k4_year: int | None = None  # caused by the K4 result of this year's Kuldīga-criteria round


@dataclass(frozen=True)
class GoalSpec:
    title: str
    actions: tuple[ActionSpec, ...]


def d(year: int, month: int, day: int) -> datetime.date:
    return datetime.date(year, month, day)


def in_plan(day: datetime.date) -> datetime.date:
    """Keep a date relative to today inside the 2024–2026 plans, whenever the demo is loaded."""
    return min(max(day, d(2025, 6, 1)), d(2026, 12, 31))


SOON = in_plan(TODAY + datetime.timedelta(days=9))  # due soon: on the owner's home page
LATE = in_plan(TODAY - datetime.timedelta(days=20))  # overdue

DANE_GOALS = (
    GoalSpec(
        "Prieinama fizinė aplinka visiems klientams",
        (
            ActionSpec(
                "Įrengti pandusą prie pagrindinio įėjimo",
                "kokybe@klaipeda.example",
                d(2024, 2, 1),
                d(2024, 9, 30),
                S.DONE,
                100,
                reviews={2024: ("done", "Pandusas įrengtas rugsėjo mėnesį, priimtas komisijos.")},
                expected_result="Į pastatą patenkama be laiptų",
                measure="Patikra vietoje su neįgaliųjų organizacijos atstovu",
                resources="12 000 Eur savivaldybės biudžeto lėšų",
                k4_year=2023,
            ),
            ActionSpec(
                "Pritaikyti tualetą žmonėms su judėjimo negalia",
                "kokybe@klaipeda.example",
                d(2024, 6, 1),
                d(2025, 6, 30),
                S.DONE,
                100,
                reviews={
                    2024: ("partly", "Parengtas projektas, rangovas atrinktas."),
                    2025: ("done", "Darbai baigti gegužę."),
                },
                expected_result="Pritaikytas tualetas pirmame aukšte",
                measure="Atitiktis STR 2.03.01 reikalavimams",
                resources="8 500 Eur",
                k4_year=2023,
            ),
            ActionSpec(
                "Įrengti taktilinius ženklus ir kontrastingus laiptų kraštus",
                "socialinis@klaipeda.example",
                d(2025, 3, 1),
                SOON,
                S.IN_PROGRESS,
                60,
                reviews={2025: ("partly", "Pirmas aukštas paženklintas, antras – 2026 m.")},
                expected_result="Regos negalią turintys klientai savarankiškai randa kabinetus",
                measure="Klientų apklausos klausimas apie orientavimąsi pastate",
                k4_year=2024,
            ),
            ActionSpec(
                "Įrengti keltuvą į antrą aukštą",
                "kokybe@klaipeda.example",
                d(2025, 1, 1),
                d(2026, 6, 30),
                S.CANCELLED,
                0,
                cancel_reason=(
                    "Pastatas yra kultūros paveldo sąraše; keltuvo įrengti neleista. "
                    "Paslaugos klientams perkeltos į pirmą aukštą."
                ),
                reviews={2025: ("not_done", "Gautas paveldo apsaugos atsisakymas.")},
                k4_year=2024,
            ),
        ),
    ),
    GoalSpec(
        "Saugi ir tvarkinga aplinka",
        (
            ActionSpec(
                "Atnaujinti evakuacijos planus ir pažymėti evakuacijos kelius",
                "socialinis@klaipeda.example",
                d(2026, 3, 1),
                LATE,
                S.IN_PROGRESS,
                40,
                expected_result="Atnaujinti planai kiekviename aukšte",
                measure="Priešgaisrinės apsaugos patikrinimo aktas",
            ),
            ActionSpec(
                "Surengti evakuacijos pratybas darbuotojams ir klientams",
                "kokybe@klaipeda.example",
                d(2024, 4, 1),
                d(2024, 10, 31),
                S.DONE,
                100,
                reviews={2024: ("done", "Pratybos surengtos spalio 15 d., dalyvavo 34 žmonės.")},
            ),
        ),
    ),
    GoalSpec(
        "Darbuotojų kompetencija dirbant su negalią turinčiais klientais",
        (
            ActionSpec(
                "Mokymai apie aplinkos prieinamumą ir universalų dizainą",
                "socialinis@klaipeda.example",
                d(2026, 9, 1),
                d(2026, 12, 31),
                S.PLANNED,
                0,
                expected_result="Visi padalinių vadovai išklausę mokymus",
                measure="Mokymų pažymėjimai",
            ),
            ActionSpec(
                "Grupinė supervizija socialiniams darbuotojams",
                "kokybe@klaipeda.example",
                d(2024, 1, 1),
                d(2025, 12, 31),
                S.IN_PROGRESS,
                80,
                reviews={
                    2024: ("done", "Surengtos 6 supervizijos."),
                    2025: ("partly", "Surengtos 4 iš 6 planuotų supervizijų."),
                },
            ),
        ),
    ),
)

KLAIPEDA_GOALS = (
    GoalSpec(
        "Vienodi paslaugų kokybės standartai visose įstaigose",
        (
            ActionSpec(
                "Parengti bendrą klientų pasitenkinimo apklausos tvarką",
                "koordinatorius@klaipeda.example",
                d(2024, 1, 15),
                d(2024, 6, 30),
                S.DONE,
                100,
                reviews={2024: ("done", "Tvarka patvirtinta direktoriaus įsakymu.")},
            ),
            ActionSpec(
                "Įdiegti savęs vertinimą pagal kokybės kriterijus visose įstaigose",
                "koordinatorius@klaipeda.example",
                d(2024, 3, 1),
                d(2026, 12, 31),
                S.IN_PROGRESS,
                70,
                reviews={
                    2024: ("partly", "Savęs vertinimą atliko 5 iš 8 įstaigų."),
                    2025: ("partly", "Savęs vertinimą atliko 7 iš 8 įstaigų."),
                },
            ),
        ),
    ),
)

KULDIGA_GOALS = (
    GoalSpec(
        "Pieejama vide visiem klientiem",
        (
            ActionSpec(
                "Izbūvēt uzbrauktuvi pie ieejas Sociālajā dienestā",
                "kvalitate@kuldiga.example",
                d(2024, 3, 1),
                d(2024, 11, 30),
                S.DONE,
                100,
                reviews={2024: ("done", "Uzbrauktuve pieņemta ekspluatācijā novembrī.")},
                expected_result="Ieeja bez pakāpieniem",
                measure="Pārbaude ar invalīdu biedrības pārstāvi",
                k4_year=2023,
            ),
            ActionSpec(
                "Pielāgot konsultāciju telpu konfidenciālām sarunām",
                "socialais@kuldiga.example",
                d(2025, 1, 1),
                d(2025, 12, 31),
                S.DONE,
                100,
                reviews={2025: ("done", "Telpa pielāgota un aprīkota.")},
                k4_year=2024,
            ),
            ActionSpec(
                "Ierīkot lifta pieslēgumu otrajā stāvā",
                "kvalitate@kuldiga.example",
                d(2025, 5, 1),
                d(2026, 9, 30),
                S.IN_PROGRESS,
                50,
                reviews={2025: ("partly", "Tehniskais projekts gatavs, būvdarbi 2026. gadā.")},
                k4_year=2024,
            ),
        ),
    ),
    GoalSpec(
        "Darbinieku profesionalitāte",
        (
            ActionSpec(
                "Supervīzijas sociālajiem darbiniekiem",
                "socialais@kuldiga.example",
                d(2024, 1, 1),
                d(2024, 12, 31),
                S.DONE,
                100,
                reviews={2024: ("not_done", "Supervizors netika atrasts; pārcelts uz 2025. gadu.")},
            ),
            ActionSpec(
                "Metodiskais materiāls darbam ar ģimenēm",
                "kvalitate@kuldiga.example",
                d(2026, 2, 1),
                SOON,
                S.PLANNED,
                0,
            ),
        ),
    ),
)

ANNUAL_2025 = (
    GoalSpec(
        "Plėsti pagalbos į namus paslaugas",
        (
            ActionSpec(
                "Priimti du naujus individualios priežiūros darbuotojus",
                "kokybe@klaipeda.example",
                d(2025, 2, 1),
                d(2025, 6, 30),
                S.DONE,
                100,
                reviews={2025: ("done", "Priimti du darbuotojai.")},
            ),
        ),
    ),
    GoalSpec(
        "Gerinti klientų informavimą",
        (
            ActionSpec(
                "Atnaujinti paslaugų aprašymus lengvai suprantama kalba",
                "socialinis@klaipeda.example",
                d(2025, 3, 1),
                d(2025, 10, 31),
                S.DONE,
                100,
                reviews={2025: ("partly", "Atnaujinta 4 iš 6 aprašymų.")},
            ),
        ),
    ),
)

ANNUAL_2026 = (
    GoalSpec(
        "Dienos socialinės globos kokybė",
        (
            ActionSpec(
                "Įvesti individualių planų peržiūrą kas pusmetį",
                "socialinis@klaipeda.example",
                d(2026, 1, 15),
                d(2026, 6, 30),
                S.DONE,
                100,
            ),
            ActionSpec(
                "Organizuoti užimtumo užsiėmimus savaitgaliais",
                "kokybe@klaipeda.example",
                d(2026, 3, 1),
                d(2026, 12, 31),
                S.IN_PROGRESS,
                50,
            ),
        ),
    ),
)

KULDIGA_ANNUAL_2026 = (
    GoalSpec(
        "Ātrāka palīdzība ģimenēm krīzē",
        (
            ActionSpec(
                "Ieviest dežūrējošā sociālā darbinieka grafiku",
                "socialais@kuldiga.example",
                d(2026, 2, 1),
                d(2026, 5, 31),
                S.DONE,
                100,
            ),
        ),
    ),
    GoalSpec(
        "Pakalpojumu pieejamība laukos",
        (
            ActionSpec(
                "Izbraukuma pieņemšana pagastu centros reizi mēnesī",
                "kvalitate@kuldiga.example",
                d(2026, 3, 1),
                d(2026, 12, 31),
                S.IN_PROGRESS,
                70,
            ),
        ),
    ),
)

# Department parts of the 2027 plan: (goal title or None, submitted?) by the units' order.
PARTS_2027 = (
    ("Sutrumpinti laukimo eilę pagalbos į namus paslaugoms", True),
    ("Daugiau užimtumo veiklų dienos centre", False),
    (None, False),
)


def other_institutions_goals(owner: str, language: str) -> tuple[GoalSpec, ...]:
    """A shorter plan for each of the other institutions, after their own self-assessment."""
    lt = language == "lt"
    return (
        GoalSpec(
            "Prieinamesnė aplinka" if lt else "Pieejamāka vide",
            (
                ActionSpec(
                    "Įvertinti patalpų prieinamumą kartu su neįgaliųjų organizacija"
                    if lt
                    else "Novērtēt telpu pieejamību kopā ar invalīdu biedrību",
                    owner,
                    d(2024, 3, 1),
                    d(2024, 12, 31),
                    S.DONE,
                    100,
                    reviews={2024: ("done", "Sudarytas trūkumų sąrašas." if lt else "Sagatavots trūkumu saraksts.")},
                    k4_year=2023,
                ),
                ActionSpec(
                    "Pašalinti svarbiausius prieinamumo trūkumus" if lt else "Novērst būtiskākos pieejamības trūkumus",
                    owner,
                    d(2025, 1, 1),
                    d(2026, 12, 31),
                    S.IN_PROGRESS,
                    45,
                    reviews={2025: ("partly", "Pašalinta pusė trūkumų." if lt else "Novērsta puse trūkumu.")},
                    k4_year=2024,
                ),
            ),
        ),
        GoalSpec(
            "Metodinis darbas" if lt else "Metodiskais darbs",
            (
                ActionSpec(
                    "Parengti atvejo vadybos tvarkos aprašą" if lt else "Izstrādāt gadījuma vadības kārtību",
                    owner,
                    d(2025, 2, 1),
                    d(2025, 9, 30),
                    S.DONE,
                    100,
                    reviews={2025: ("done", "Tvarka patvirtinta." if lt else "Kārtība apstiprināta.")},
                ),
                ActionSpec(
                    "Peržiūrėti paslaugų aprašus" if lt else "Pārskatīt pakalpojumu aprakstus",
                    owner,
                    d(2026, 1, 1),
                    d(2026, 12, 31),
                ),
            ),
        ),
    )


def _other_institutions(municipality: Municipality, coordinator: str, planned: set[str]) -> None:
    """Every institution without a plan of its own above gets the shorter one, by the municipal coordinator."""
    spec = next(m for m in data.MUNICIPALITIES if m.slug == municipality.slug)
    titles = {"lt": "Veiklos gerinimo planas 2024–2026", "lv": "Darbības pilnveides plāns 2024–2026"}
    for institution_spec in spec.institutions:
        if institution_spec.key in planned:
            continue
        _improvement_plan(
            municipality,
            _institution(municipality, institution_spec.key),
            {municipality.language: titles[municipality.language], "en": "Improvement plan 2024–2026"},
            other_institutions_goals(coordinator, municipality.language),
            author=coordinator,
            approver=coordinator,
        )


def improvement_load() -> None:
    klaipeda = Municipality.objects.filter(slug="klaipeda").first()
    kuldiga = Municipality.objects.filter(slug="kuldiga").first()
    # Causes' labels are snapshots in the language of the municipality's people.
    if klaipeda is not None:
        with translation.override(klaipeda.language):
            _klaipeda(klaipeda)
    if kuldiga is not None:
        with translation.override(kuldiga.language):
            _kuldiga(kuldiga)


def _klaipeda(klaipeda: Municipality) -> None:
    dane = _institution(klaipeda, "dane")
    _improvement_plan(
        klaipeda,
        dane,
        {"lt": "Danės centro veiklos gerinimo planas 2024–2026", "en": "Danė centre improvement plan 2024–2026"},
        DANE_GOALS,
        author="kokybe@klaipeda.example",
        approver="direktorius@klaipeda.example",
    )
    _improvement_plan(
        klaipeda,
        None,
        {"lt": "Socialinių paslaugų kokybės gerinimo planas 2024–2026", "en": "Social services quality plan"},
        KLAIPEDA_GOALS,
        author="koordinatorius@klaipeda.example",
        approver="koordinatorius@klaipeda.example",
    )
    _annual_plans(klaipeda, dane)
    _other_institutions(klaipeda, "koordinatorius@klaipeda.example", {"dane"})


def _kuldiga(kuldiga: Municipality) -> None:
    _improvement_plan(
        kuldiga,
        _institution(kuldiga, "socialais-dienests"),
        {"lv": "Sociālā dienesta pilnveides plāns 2024–2026", "en": "Social Service improvement plan 2024–2026"},
        KULDIGA_GOALS,
        author="kvalitate@kuldiga.example",
        approver="koordinators@kuldiga.example",
    )
    _kuldiga_annual(kuldiga)
    _other_institutions(kuldiga, "koordinators@kuldiga.example", {"socialais-dienests"})


def _institution(municipality: Municipality, key: str) -> Institution:
    spec = next(m for m in data.MUNICIPALITIES if m.slug == municipality.slug)
    name = next(i.name for i in spec.institutions if i.key == key)
    return Institution.objects.get(municipality=municipality, name=name)


def _user(email: str) -> User:
    return User.objects.get(email=email)


def _exists(municipality: Municipality, institution: Institution | None, kind: str, year: int) -> bool:
    return Plan.objects.filter(municipality=municipality, institution=institution, kind=kind, first_year=year).exists()


def _improvement_plan(
    municipality: Municipality,
    institution: Institution | None,
    title: dict[str, str],
    goals: tuple[GoalSpec, ...],
    *,
    author: str,
    approver: str,
) -> None:
    if _exists(municipality, institution, PlanKind.IMPROVEMENT, 2024):
        return
    actor = _user(author)
    plan = plans.plan_create(
        actor=actor,
        municipality=municipality,
        institution=institution,
        kind=PlanKind.IMPROVEMENT,
        title=title,
        main_language=municipality.language,
        first_year=2024,
        last_year=2026,
    )
    created = _goals(municipality, plan, goals, actor)
    plans.plan_submit(actor=actor, plan=plan)
    plans.plan_approve(actor=_user(approver), plan=plan)
    plan.refresh_from_db()
    _execution(plan, created, actor)


def _goals(
    municipality: Municipality, plan: Plan, goals: tuple[GoalSpec, ...], actor: User, part: PlanPart | None = None
) -> list[tuple[Action, ActionSpec]]:
    created = []
    access = Access(user=actor, municipality=municipality, memberships=memberships_of(actor, municipality))
    for goal_spec in goals:
        goal = content.goal_create(
            actor=actor,
            plan=plan,
            title={plan.main_language: goal_spec.title},
            part=part,
        )
        for spec in goal_spec.actions:
            created.append((_action(access, goal, spec, actor), spec))
    return created


def _action(access: Access, goal: Goal, spec: ActionSpec, actor: User) -> Action:
    definition: dict[str, Any] = {
        "title": {goal.plan.main_language: spec.title},
        "owner": _user(spec.owner),
        "starts_on": spec.starts_on,
        "due_on": spec.due_on,
        "resources": spec.resources,
        "expected_result": spec.expected_result,
        "measure": spec.measure,
    }
    cause = _k4_cause(access, goal.plan.institution, spec.k4_year) if spec.k4_year else None
    if cause is not None:
        return content.action_create_from_cause(actor=actor, cause=cause, goal=goal, **definition)
    return content.action_create(actor=actor, goal=goal, **definition)


def _k4_cause(access: Access, institution: Institution | None, year: int) -> Cause | None:
    """The institution's K4 result of `year`'s Kuldīga-criteria round, if the self-assessment demo has it."""
    try:
        from kokybe.assessments.models import CriterionResult
    except ImportError:
        return None
    result = (
        CriterionResult.objects.filter(
            municipality=access.municipality,
            institution=institution,
            code="K4",
            round__year=year,
            round__framework__builtin_key="kuldiga",
        )
        .order_by("pk")
        .first()
    )
    if result is None:
        return None
    return resolve_cause(access, "assessments.criterionresult", result.pk)


def _execution(plan: Plan, created: list[tuple[Action, ActionSpec]], actor: User) -> None:
    for action, spec in created:
        for year, (outcome, comment) in sorted(spec.reviews.items()):
            if year <= TODAY.year:
                execution.review_record(actor=actor, action=action, year=year, outcome=outcome, comment=comment)
        if spec.status != S.PLANNED:
            action.refresh_from_db()
            _progress(action, spec.status, spec.progress, actor, spec.cancel_reason)


def _progress(action: Action, status: str, progress: int, actor: User, reason: str = "") -> None:
    execution.action_progress_update(
        actor=action.owner or actor,
        action=action,
        shown_version=action.lock_version,
        status=status,
        progress=progress,
        cancel_reason=reason,
    )


@dataclass(frozen=True)
class AnnualTeam:
    drafter: User  # drafts the departments' parts
    coordinator: User  # compiles the plan
    approver: User


def _annual_plans(municipality: Municipality, dane: Institution) -> None:
    team = AnnualTeam(
        _user("socialinis@klaipeda.example"), _user("kokybe@klaipeda.example"), _user("direktorius@klaipeda.example")
    )
    budgets = {2025: d(2025, 1, 28), 2026: d(2026, 2, 3)}
    for year, goals in ((2025, ANNUAL_2025), (2026, ANNUAL_2026)):
        if _exists(municipality, dane, PlanKind.ANNUAL, year):
            continue
        title = {"lt": f"Danės centro {year} m. veiklos planas", "en": f"Danė centre activity plan {year}"}
        plan = _approved_annual(
            municipality, dane, year, budgets[year], title, goals, "Tęsti nusistovėjusią veiklą", team
        )
        if year == 2026:
            _revise_2026(plan, team.coordinator, team.approver)
    if not _exists(municipality, dane, PlanKind.ANNUAL, 2027):
        _draft_2027(municipality, dane, team.coordinator, team.drafter)


def _kuldiga_annual(kuldiga: Municipality) -> None:
    agency = _institution(kuldiga, "socialais-dienests")
    if _exists(kuldiga, agency, PlanKind.ANNUAL, 2026):
        return
    team = AnnualTeam(
        _user("socialais@kuldiga.example"), _user("kvalitate@kuldiga.example"), _user("koordinators@kuldiga.example")
    )
    title = {"lv": "Sociālā dienesta 2026. gada darbības plāns", "en": "Social Service activity plan 2026"}
    _approved_annual(kuldiga, agency, 2026, d(2026, 1, 27), title, KULDIGA_ANNUAL_2026, "Turpināt ierasto darbu", team)


def _approved_annual(
    municipality: Municipality,
    institution: Institution,
    year: int,
    budget: datetime.date,
    title: dict[str, str],
    goals: tuple[GoalSpec, ...],
    usual_work: str,
    team: AnnualTeam,
) -> Plan:
    """Each department drafts its part (one goal each, or carrying on its usual work), then compiled and approved."""
    plan = _annual(municipality, institution, year, budget, title, team.coordinator)
    units = list(plan.parts.select_related("unit").order_by("unit__name"))
    created = []
    for part, goal_spec in zip(units, goals, strict=False):
        created += _goals(municipality, plan, (goal_spec,), team.drafter, part)
    for part in units:
        if not part.goals.exists():
            content.goal_create(actor=team.drafter, plan=plan, title={municipality.language: usual_work}, part=part)
        plans.part_submit(actor=team.drafter, part=part)
    plans.plan_compile(actor=team.coordinator, plan=plan)
    plans.plan_submit(actor=team.coordinator, plan=plan)
    plans.plan_approve(actor=team.approver, plan=plan)
    plan.refresh_from_db()
    _execution(plan, created, team.coordinator)
    return plan


def _annual(
    municipality: Municipality,
    institution: Institution,
    year: int,
    budget: datetime.date | None,
    title: dict[str, str],
    actor: User,
) -> Plan:
    return plans.plan_create(
        actor=actor,
        municipality=municipality,
        institution=institution,
        kind=PlanKind.ANNUAL,
        title=title,
        main_language=municipality.language,
        first_year=year,
        last_year=year,
        budget_approved_on=budget,
    )


def _revise_2026(plan: Plan, coordinator: User, director: User) -> None:
    """A change after approval: a new version with the reason, one action added, approved again."""
    copy = plans.plan_new_version(
        actor=coordinator,
        plan=plan,
        reason="Gautas papildomas finansavimas savanorių programai; įtrauktas naujas veiksmas.",
    )
    goal = copy.goals.order_by("position", "pk").first()
    assert goal is not None
    content.action_create(
        actor=coordinator,
        goal=goal,
        title={"lt": "Pradėti savanorių programą dienos centre"},
        owner=coordinator,
        starts_on=d(2026, 5, 1),
        due_on=d(2026, 12, 31),
        expected_result="Ne mažiau kaip 5 nuolatiniai savanoriai",
        measure="Savanorių sutartys",
    )
    plans.plan_submit(actor=coordinator, plan=copy)
    plans.plan_approve(actor=director, plan=copy)


def _draft_2027(municipality: Municipality, dane: Institution, coordinator: User, worker: User) -> None:
    # The budget was approved 50 days ago, so the two-month deadline is ten days away and warned of.
    plan_title = {"lt": "Danės centro 2027 m. veiklos planas", "en": "Danė centre activity plan 2027"}
    plan = _annual(municipality, dane, 2027, TODAY - datetime.timedelta(days=50), plan_title, coordinator)
    units = list(plan.parts.select_related("unit").order_by("unit__name"))
    for part, (title, submitted) in zip(units, PARTS_2027, strict=False):
        if title is None:
            continue
        goal = content.goal_create(actor=worker, plan=plan, title={"lt": title}, part=part)
        content.action_create(
            actor=worker,
            goal=goal,
            title={"lt": f"{title}: priemonių planas"},
            owner=worker,
            starts_on=d(2027, 1, 15),
            due_on=d(2027, 12, 15),
        )
        if submitted:
            plans.part_submit(actor=worker, part=part)
