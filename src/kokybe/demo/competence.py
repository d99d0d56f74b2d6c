"""Competence development demo data (seed 001): three years of needs, plans and trainings.

Each year most staff state one to three needs from their municipality's topic list (now and then
a topic of their own under "Other"); the plan is compiled from them, given hours, providers,
quarters and budgets, and approved by the director or the municipal coordinator. Most planned
trainings then take place and are recorded with a small PDF certificate; the rest stay as needs
not yet met. This year's plan of the Danė centre (Klaipėda) and of the Social Service agency
(Kuldīga) still awaits approval, so the approval journey can be walked. In 2025 one plan was
changed after approval, so it has a second version with its reason.

Everything goes through the competence services. Idempotent: a municipality's topics, an
institution's needs, plan and trainings for a year are each added only when missing. A seeded
random generator keeps the data the same on every machine.
"""

import datetime
import random
import unicodedata
from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.competence.models import (
    CompetenceNeed,
    CompetencePlan,
    CompetenceTopic,
    LearningForm,
    PlanStatus,
    Training,
)
from kokybe.competence.selectors import planned_trainings, staff_of
from kokybe.competence.services import needs as need_services
from kokybe.competence.services import plans as plan_services
from kokybe.competence.services.topics import topic_create
from kokybe.competence.services.trainings import TrainingInput, training_record
from kokybe.demo import data
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Role

YEARS = (2024, 2025, 2026)
# (institution key, year) whose plan is compiled but not yet approved.
AWAITING_APPROVAL = {("dane", 2026), ("socialais-dienests", 2026)}
REVISED = ("spc", 2025)  # approved, then changed by a second version

TOPICS = (
    {
        "lt": "Darbas su demencija sergančiais žmonėmis",
        "lv": "Darbs ar cilvēkiem ar demenci",
        "en": "Working with people with dementia",
    },
    {"lt": "Motyvacinis interviu", "lv": "Motivējošā intervija", "en": "Motivational interviewing"},
    {"lt": "Asmens duomenų apsauga", "lv": "Personas datu aizsardzība", "en": "Data protection"},
    {"lt": "Pirmoji pagalba", "lv": "Pirmā palīdzība", "en": "First aid"},
    {"lt": "Supervizija", "lv": "Supervīzija", "en": "Supervision"},
    {"lt": "Profesinio perdegimo prevencija", "lv": "Profesionālās izdegšanas profilakse", "en": "Burnout prevention"},
    {
        "lt": "Darbas su smurtą patyrusiais asmenimis",
        "lv": "Darbs ar vardarbību piedzīvojušām personām",
        "en": "Working with victims of violence",
    },
    {"lt": "Atvejo vadyba", "lv": "Gadījuma vadīšana", "en": "Case management"},
    {
        "lt": "Alternatyvioji komunikacija",
        "lv": "Alternatīvā komunikācija",
        "en": "Augmentative and alternative communication",
    },
    {"lt": "Kokybės vadyba (EQUASS)", "lv": "Kvalitātes vadība (EQUASS)", "en": "Quality management (EQUASS)"},
)
OTHER_TOPICS = {
    "lt": ("Darbas su savanoriais", "Gestų kalbos pradmenys", "Skaitmeniniai įrankiai darbe"),
    "lv": ("Darbs ar brīvprātīgajiem", "Zīmju valodas pamati", "Digitālie rīki darbā"),
}
REASONS = {
    "lt": (
        "Daugėja klientų, kuriems reikia šios pagalbos.",
        "Naujos pareigos, trūksta žinių.",
        "Kolegos rekomendavo po atvejo aptarimo.",
        "Pažymėjimo galiojimas baigiasi.",
        "Noriu dirbti užtikrinčiau su sudėtingais atvejais.",
    ),
    "lv": (
        "Pieaug klientu skaits, kuriem šī palīdzība vajadzīga.",
        "Jauni pienākumi, trūkst zināšanu.",
        "Kolēģi ieteica pēc gadījuma apspriešanas.",
        "Apliecības derīgums beidzas.",
        "Vēlos droši strādāt ar sarežģītiem gadījumiem.",
    ),
}
PROVIDERS = {
    "lt": (
        "Socialinių paslaugų priežiūros departamentas",
        "Klaipėdos universitetas",
        "VšĮ „Socialinių inovacijų fondas“",
        "Lietuvos Raudonojo Kryžiaus draugija",
        "Savivaldybės mokymų centras",
    ),
    "lv": (
        "Labklājības ministrijas mācību centrs",
        "Rīgas Stradiņa universitāte",
        "Latvijas Sarkanais Krusts",
        "Sociālā darba speciālistu asociācija",
        "Kuldīgas novada mācību centrs",
    ),
}
NO_NEEDS_STATED = 5  # every fifth colleague states no needs in a year
HELD_SHARE = 0.75  # share of planned trainings that take place


def competence_load() -> None:
    """Add the competence data each demo municipality lacks (the caller disables scopes)."""
    today = timezone.localdate()
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        coordinator = _account(spec.slug, Role.MUNICIPAL_COORDINATOR)
        topics = _topics(municipality, coordinator)
        for institution_spec in spec.institutions:
            institution = Institution.objects.get(municipality=municipality, name=institution_spec.name)
            staff = list(staff_of(municipality, institution).order_by("email"))
            compiler = _holder(institution, (Role.QUALITY_COORDINATOR, Role.DIRECTOR)) or coordinator
            approver = _holder(institution, (Role.DIRECTOR,)) or coordinator
            for year in YEARS:
                rng = random.Random(f"{spec.slug}:{institution_spec.key}:{year}")  # noqa: S311 (demo data)
                language = spec.language
                if not CompetenceNeed.objects.filter(institution=institution, year=year).exists():
                    _needs(institution, year, staff, topics, language, rng)
                if not CompetencePlan.objects.filter(institution=institution, year=year).exists():
                    awaiting = (institution_spec.key, year) in AWAITING_APPROVAL
                    plan = _plan(institution, year, compiler, approver, language, rng, approve=not awaiting)
                    if (institution_spec.key, year) == REVISED:
                        _revise(plan, compiler, approver, language)
                if not Training.objects.filter(institution=institution, held_on__year=year).exists():
                    _trainings(institution, year, compiler, language, rng, today)


def _account(slug: str, role: Role) -> User:
    email = next(a.email for a in data.ACCOUNTS if a.municipality == slug and a.role == role)
    return User.objects.get(email=email)


def _holder(institution: Institution, roles: tuple[Role, ...]) -> User | None:
    """Someone with one of `roles` in the institution, the first role first."""
    for role in roles:
        membership = (
            Membership.objects.filter(institution=institution, role=role).select_related("user").order_by("pk").first()
        )
        if membership is not None:
            return membership.user
    return None


def _topics(municipality: Municipality, actor: User) -> list[CompetenceTopic]:
    existing = list(CompetenceTopic.objects.filter(municipality=municipality).order_by("pk"))
    if existing:
        return existing
    return [topic_create(actor=actor, municipality=municipality, name=dict(names)) for names in TOPICS]


def _needs(
    institution: Institution,
    year: int,
    staff: list[User],
    topics: list[CompetenceTopic],
    language: str,
    rng: random.Random,
) -> None:
    for number, person in enumerate(staff):
        if (number + year) % NO_NEEDS_STATED == 0:
            continue
        for topic in rng.sample(topics, rng.choice((1, 2, 2, 3))):
            need_services.need_state(
                actor=person,
                institution=institution,
                person=person,
                year=year,
                data=need_services.NeedInput(
                    topic=topic,
                    other_topic="",
                    priority=rng.choice((1, 2, 2, 3)),
                    reason=rng.choice(REASONS[language]),
                    learning_form=rng.choice(
                        (LearningForm.COURSE, LearningForm.COURSE, LearningForm.SUPERVISION, LearningForm.INTERNSHIP)
                    ),
                ),
            )
        if rng.random() < 0.15:
            need_services.need_state(
                actor=person,
                institution=institution,
                person=person,
                year=year,
                data=need_services.NeedInput(
                    topic=None,
                    other_topic=rng.choice(OTHER_TOPICS[language]),
                    priority=3,
                    reason=rng.choice(REASONS[language]),
                    learning_form=LearningForm.SELF_STUDY,
                ),
            )


def _plan(
    institution: Institution,
    year: int,
    compiler: User,
    approver: User,
    language: str,
    rng: random.Random,
    *,
    approve: bool,
) -> CompetencePlan:
    plan = plan_services.plan_compile(actor=compiler, institution=institution, year=year)
    for training in planned_trainings(institution.municipality, plan):
        people = training.planned_people  # type: ignore[attr-defined]
        hours = Decimal(rng.choice((4, 6, 8, 16, 24, 40)))
        plan_services.planned_training_update(
            actor=compiler,
            training=training,
            shown_version=training.lock_version,
            data=plan_services.PlannedTrainingInput(
                topic=training.topic,
                title=training.title,
                people=people,
                hours=hours,
                provider=rng.choice(PROVIDERS[language]),
                quarter=rng.randint(1, 4),
                budget=(hours * Decimal(rng.choice((9, 12, 15))) * len(people)).quantize(Decimal("1")),
            ),
        )
    plan.refresh_from_db()
    if approve:
        plan_services.plan_approve(actor=approver, plan=plan, shown_version=plan.lock_version)
        _approved_on(plan, datetime.date(year, 2, 20))
    return plan


def _approved_on(plan: CompetencePlan, day: datetime.date) -> None:
    """The service stamps the approval with today; the demo's past plans were approved in their own year."""
    moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(10, 0)))
    CompetencePlan.objects.filter(pk=plan.pk).update(approved_at=moment)


def _revise(plan: CompetencePlan, compiler: User, approver: User, language: str) -> None:
    reason = {
        "lt": "Savivaldybė skyrė papildomų lėšų: pridėti pirmosios pagalbos mokymai visam personalui.",
        "lv": "Pašvaldība piešķīra papildu līdzekļus: pievienotas pirmās palīdzības mācības visiem darbiniekiem.",
    }[language]
    revision = plan_services.plan_revise(actor=compiler, plan=plan, reason=reason)
    first_aid = CompetenceTopic.objects.filter(municipality_id=plan.municipality_id).order_by("pk")[3]
    plan_services.planned_training_add(
        actor=compiler,
        plan=revision,
        data=plan_services.PlannedTrainingInput(
            topic=first_aid,
            title=first_aid.name.get(language, first_aid.display_name),
            people=list(staff_of(plan.institution.municipality, plan.institution)),
            hours=Decimal(8),
            provider=PROVIDERS[language][3],
            quarter=4,
            budget=Decimal(600),
        ),
    )
    revision.refresh_from_db()
    plan_services.plan_approve(actor=approver, plan=revision, shown_version=revision.lock_version)
    _approved_on(revision, datetime.date(plan.year, 6, 12))


def _trainings(
    institution: Institution,
    year: int,
    recorder: User,
    language: str,
    rng: random.Random,
    today: datetime.date,
) -> None:
    """Most of the approved plan's trainings took place, each recorded with a certificate."""
    plan = CompetencePlan.objects.filter(institution=institution, year=year, status=PlanStatus.APPROVED).first()
    if plan is None:
        return
    for training in planned_trainings(institution.municipality, plan):
        people = training.planned_people  # type: ignore[attr-defined]
        if not people or rng.random() > HELD_SHARE:
            continue
        quarter = training.quarter or rng.randint(1, 4)
        held_on = datetime.date(year, (quarter - 1) * 3 + rng.randint(1, 3), rng.randint(2, 27))
        if held_on > today:
            continue
        attended = [p for p in people if rng.random() < 0.9] or people[:1]
        # Now and then someone records their own training; otherwise the plan's compiler does.
        actor = attended[0] if len(attended) == 1 and rng.random() < 0.5 else recorder
        training_record(
            actor=actor,
            institution=institution,
            data=TrainingInput(
                title=training.title,
                topic=training.topic,
                other_topic="" if training.topic else training.title,
                held_on=held_on,
                hours=training.hours or Decimal(8),
                provider=training.provider or PROVIDERS[language][0],
                participants=attended,
            ),
            certificate=SimpleUploadedFile(
                "certificate.pdf", certificate_pdf(training.title, held_on, attended), "application/pdf"
            ),
        )


def _ascii(text: str) -> str:
    """The PDF's built-in font has no Baltic letters: the demo certificate writes them without accents."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace("\\", "").replace("(", "").replace(")", "")


def certificate_pdf(title: str, held_on: datetime.date, people: list[User]) -> bytes:
    """A minimal valid one-page PDF certificate (title, date, participants) in a few hundred bytes."""
    lines = ["CERTIFICATE", _ascii(title), held_on.isoformat(), *(_ascii(p.display_name) for p in people[:20])]
    text = "".join(f"({line}) Tj 0 -22 Td " for line in lines)
    stream = f"BT /F1 14 Tf 60 780 Td {text}ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Resources<</Font<</F1 5 0 R>>>>/Contents 4 0 R>>",
        b"<</Length " + str(len(stream)).encode() + b">>stream\n" + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer<</Size {len(objects) + 1}/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)
