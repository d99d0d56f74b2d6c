"""Individual plans demo data: about one demo client in twelve gets a plan from the institution serving them
(ISGP in care homes, ISPP for the parents of families, IPP elsewhere), drawn up after the service started,
in the last three years: needs found, two or three goals with actions, the client's agreement, reviews every
half year (yearly for care plans) rating each goal with progress mostly growing, a few revisions after a
review (a goal added), some plans closed. Most reviews are held on time; Klaipėda's Social Support Department
and Kuldīga's Social Service, with the heaviest caseloads, are late more often; some reviews due in the last
weeks are still not held, so the workers' home pages flag them (Genovaitė Kazlauskienė's, for Inga Žemaitienė
of "Danė", always is).

Through the services, as workers would enter them. A municipality that has plans is left as it is, so a
second run adds nothing.
"""

import datetime
import random
from dataclasses import dataclass

from django.utils import timezone, translation

from kokybe.accounts.models import User
from kokybe.clients.models import Client, ClientInstitution
from kokybe.demo import data
from kokybe.individualplans.models import IndividualPlan, PlanGoal, PlanKind, PlanRevision, ProgressRating
from kokybe.individualplans.services.content import plan_action_add, plan_agreement_record, plan_goal_add
from kokybe.individualplans.services.plans import plan_close, plan_create, plan_revise
from kokybe.individualplans.services.reviews import Rating, plan_review_record
from kokybe.tenancy.models import InstitutionKind, Municipality

SEED = 20261130
SHARE_WITH_PLANS = 0.08
DAY = datetime.timedelta(days=1)
SLOW_INSTITUTIONS = frozenset({"Klaipėdos miesto savivaldybės administracijos Socialinės paramos skyrius"})
SLOW_INSTITUTIONS |= {"Kuldīgas novada pašvaldības aģentūra „Sociālais dienests“"}
OVERDUE_EXTERNAL_ID = "demo-known-2"  # Genovaitė Kazlauskienė: her review is always overdue in the demo,
OVERDUE_FOR = "socialinis@klaipeda.example"  # on the home page of Inga Žemaitienė, social worker of "Danė"

KIND_OF_INSTITUTION: dict[str, str] = {
    InstitutionKind.CARE_HOME: PlanKind.ISGP,
    InstitutionKind.CHILD_CARE_HOME: PlanKind.ISGP,
    InstitutionKind.FAMILY_CENTRE: PlanKind.ISPP,
}
REVIEW_EVERY_DAYS: dict[str, int] = {PlanKind.ISGP: 365, PlanKind.IPP: 180, PlanKind.ISPP: 180}


@dataclass(frozen=True)
class GoalSpec:
    title: str
    measure: str
    actions: tuple[tuple[str, str, str], ...]  # (what, who, when)


def _goal(title: str, measure: str, *actions: tuple[str, str, str]) -> GoalSpec:
    return GoalSpec(title, measure, actions)


GOALS: dict[str, dict[str, list[GoalSpec]]] = {
    "lt": {
        PlanKind.ISGP: [
            _goal(
                "Išlaikyti savarankiškumą apsirengiant ir prausiantis",
                "Pats apsirengia ir nusiprausia su nedidele pagalba bent 5 dienas per savaitę.",
                (
                    "Kasdienis mokymas apsirengti ir nusiprausti",
                    "Individualios priežiūros darbuotoja",
                    "Kiekvieną rytą",
                ),
                ("Pratimai rankų judrumui", "Kineziterapeutas", "Du kartus per savaitę"),
            ),
            _goal(
                "Palaikyti ryšius su artimaisiais",
                "Artimieji aplanko ar paskambina bent kartą per savaitę.",
                ("Vaizdo skambučiai artimiesiems", "Socialinis darbuotojas", "Sekmadieniais"),
                ("Artimųjų kvietimas į renginius", "Užimtumo specialistas", "Kas mėnesį"),
            ),
            _goal(
                "Saugiai judėti be griuvimų",
                "Per ketvirtį nė vieno griuvimo.",
                ("Vaikštynės pritaikymas ir mokymas ja naudotis", "Kineziterapeutas", "Iki pirmosios peržiūros"),
                ("Kambario apšvietimo ir kilimėlių patikra", "Socialinio darbuotojo padėjėjas", "Kas mėnesį"),
            ),
            _goal(
                "Dalyvauti užimtumo veikloje",
                "Dalyvauja bent dviejose veiklose per savaitę.",
                ("Dainavimo būrelis", "Užimtumo specialistas", "Antradieniais"),
            ),
        ],
        PlanKind.IPP: [
            _goal(
                "Saugiai ir savarankiškai gyventi savo namuose",
                "Pats pasigamina paprastą maistą ir tvarkosi būstą; pagalba į namus du kartus per savaitę.",
                (
                    "Pagalba į namus: maisto pirkimas ir ruošimas",
                    "Lankomosios priežiūros darbuotoja",
                    "Pirmadieniais ir ketvirtadieniais",
                ),
                ("Mokymas saugiai naudotis buitine technika", "Socialinis darbuotojas", "Per pirmą mėnesį"),
            ),
            _goal(
                "Laiku vartoti vaistus",
                "Nepraleidžia vaistų dozių: savaitinė vaistų dėžutė patikrinama kas savaitę.",
                ("Savaitinės vaistų dėžutės pildymas kartu su klientu", "Slaugytojo padėjėjas", "Penktadieniais"),
            ),
            _goal(
                "Sumažinti vienišumą",
                "Bent kartą per savaitę dalyvauja dienos centro veikloje.",
                ("Atvežimas į dienos centrą", "Specialiojo transporto paslauga", "Trečiadieniais"),
                ("Pokalbis apie pomėgius ir veiklų parinkimas", "Socialinis darbuotojas", "Iki pirmosios peržiūros"),
            ),
            _goal(
                "Susitvarkyti dokumentus ir išmokas",
                "Gauta asmens tapatybės kortelė ir paskirta išmoka.",
                ("Lydėjimas į migracijos skyrių", "Socialinis darbuotojas", "Per dvi savaites"),
                ("Prašymo išmokai pildymas", "Klientas kartu su socialiniu darbuotoju", "Per mėnesį"),
            ),
        ],
        PlanKind.ISPP: [
            _goal(
                "Užtikrinti vaikų priežiūrą ir reguliarų mokyklos lankymą",
                "Vaikai nepraleidžia pamokų be pateisinamos priežasties; tai patvirtina klasės auklėtoja.",
                ("Dienotvarkės sudarymas kartu su šeima", "Atvejo vadybininkas", "Pirmąją savaitę"),
                ("Ryšys su klasės auklėtoja", "Socialinis darbuotojas", "Kas dvi savaites"),
            ),
            _goal(
                "Stiprinti tėvystės įgūdžius",
                "Tėvai baigia pozityvios tėvystės mokymus ir taiko išmoktus būdus.",
                ("Pozityvios tėvystės mokymai", "Psichologas", "Ketvirtadieniais, 8 savaites"),
                ("Apsilankymai šeimos namuose", "Socialinis darbuotojas", "Kas savaitę"),
            ),
            _goal(
                "Tvarkyti šeimos biudžetą be naujų skolų",
                "Per tris mėnesius nesusidaro naujų skolų už komunalines paslaugas.",
                ("Biudžeto planavimo konsultacijos", "Socialinis darbuotojas", "Kas dvi savaites"),
                (
                    "Prašymas kompensacijai už būsto šildymą",
                    "Tėvai kartu su socialiniu darbuotoju",
                    "Iki šildymo sezono",
                ),
            ),
        ],
    },
    "lv": {
        PlanKind.ISGP: [
            _goal(
                "Saglabāt patstāvību ģērbjoties un mazgājoties",
                "Pats apģērbjas un nomazgājas ar nelielu palīdzību vismaz piecas dienas nedēļā.",
                ("Ikdienas apmācība ģērbties un mazgāties", "Aprūpētājs", "Katru rītu"),
                ("Vingrinājumi roku kustīgumam", "Fizioterapeits", "Divreiz nedēļā"),
            ),
            _goal(
                "Uzturēt saikni ar tuviniekiem",
                "Tuvinieki apmeklē vai piezvana vismaz reizi nedēļā.",
                ("Video zvani tuviniekiem", "Sociālais darbinieks", "Svētdienās"),
                ("Tuvinieku aicināšana uz pasākumiem", "Aktivitāšu vadītājs", "Reizi mēnesī"),
            ),
            _goal(
                "Droši pārvietoties bez kritieniem",
                "Ceturksnī neviena kritiena.",
                ("Staigāšanas rāmja pielāgošana un apmācība", "Fizioterapeits", "Līdz pirmajai pārskatīšanai"),
                ("Istabas apgaismojuma un paklāju pārbaude", "Sociālā darbinieka palīgs", "Reizi mēnesī"),
            ),
        ],
        PlanKind.IPP: [
            _goal(
                "Droši un patstāvīgi dzīvot savās mājās",
                "Pats pagatavo vienkāršu maltīti un uztur kārtību mājoklī; aprūpe mājās divreiz nedēļā.",
                ("Aprūpe mājās: pārtikas iegāde un ēdiena gatavošana", "Aprūpētājs", "Pirmdienās un ceturtdienās"),
                ("Apmācība droši lietot sadzīves tehniku", "Sociālais darbinieks", "Pirmajā mēnesī"),
            ),
            _goal(
                "Laikus lietot zāles",
                "Neizlaiž zāļu devas: nedēļas zāļu kastīti pārbauda katru nedēļu.",
                ("Nedēļas zāļu kastītes pildīšana kopā ar klientu", "Medmāsas palīgs", "Piektdienās"),
            ),
            _goal(
                "Mazināt vientulību",
                "Vismaz reizi nedēļā piedalās dienas centra nodarbībās.",
                ("Transports uz dienas centru", "Specializētā transporta pakalpojums", "Trešdienās"),
            ),
            _goal(
                "Apgūt darba iemaņas",
                "Patstāvīgi veic trīs darbnīcas uzdevumus.",
                ("Nodarbības keramikas darbnīcā", "Aktivitāšu vadītājs", "Pirmdienās, trešdienās un piektdienās"),
            ),
        ],
        PlanKind.ISPP: [
            _goal(
                "Nodrošināt bērnu aprūpi un regulāru skolas apmeklējumu",
                "Bērni bez attaisnojuma nekavē stundas; to apstiprina klases audzinātāja.",
                ("Dienas režīma sastādīšana kopā ar ģimeni", "Gadījuma vadītājs", "Pirmajā nedēļā"),
                ("Saziņa ar klases audzinātāju", "Sociālais darbinieks", "Reizi divās nedēļās"),
            ),
            _goal(
                "Stiprināt vecāku prasmes",
                "Vecāki pabeidz pozitīvās audzināšanas nodarbības un izmanto apgūto.",
                ("Pozitīvās audzināšanas nodarbības", "Psihologs", "Ceturtdienās, 8 nedēļas"),
                ("Mājas vizītes", "Sociālais darbinieks", "Reizi nedēļā"),
            ),
            _goal(
                "Plānot ģimenes budžetu bez jauniem parādiem",
                "Trīs mēnešos neveidojas jauni komunālo maksājumu parādi.",
                ("Budžeta plānošanas konsultācijas", "Sociālais darbinieks", "Reizi divās nedēļās"),
                ("Pieteikums mājokļa pabalstam", "Vecāki kopā ar sociālo darbinieku", "Līdz apkures sezonai"),
            ),
        ],
    },
}

NEEDS: dict[str, dict[str, str]] = {
    "lt": {
        PlanKind.ISGP: (
            "Reikalinga nuolatinė priežiūra: sunkiai juda, reikia pagalbos apsirengiant, prausiantis "
            "ir vartojant vaistus."
        ),
        PlanKind.IPP: "Gyvena vienas; reikia pagalbos buityje, vaistų vartojimo priežiūros ir bendravimo.",
        PlanKind.ISPP: (
            "Šeima patiria socialinę riziką: vaikai praleidžia pamokas, susidarė skolų, "
            "tėvams trūksta tėvystės įgūdžių."
        ),
    },
    "lv": {
        PlanKind.ISGP: (
            "Nepieciešama pastāvīga aprūpe: grūti pārvietoties, vajadzīga palīdzība ģērbjoties, "
            "mazgājoties un lietojot zāles."
        ),
        PlanKind.IPP: "Dzīvo viens; vajadzīga palīdzība sadzīvē, zāļu lietošanas uzraudzība un saskarsme.",
        PlanKind.ISPP: (
            "Ģimene ir sociālā riska situācijā: bērni kavē skolu, radušies parādi, "
            "vecākiem trūkst audzināšanas prasmju."
        ),
    },
}
SUMMARIES = {
    "lt": [
        "Pažanga matoma, planas tęsiamas.",
        "Klientas aktyviai dalyvauja; dalis tikslų beveik pasiekta.",
        "Sveikata pablogėjo, todėl pažanga lėtesnė; veiklos tęsiamos.",
        "Aptarta su klientu ir artimaisiais; tikslai lieka tie patys.",
    ],
    "lv": [
        "Progress ir redzams, plāns turpinās.",
        "Klients aktīvi piedalās; daļa mērķu gandrīz sasniegta.",
        "Veselība pasliktinājās, tāpēc progress lēnāks; pasākumi turpinās.",
        "Pārrunāts ar klientu un tuviniekiem; mērķi paliek tie paši.",
    ],
}
REVISION_REASONS = {
    "lt": "Peržiūros metu nustatytas naujas poreikis: pridėtas tikslas.",
    "lv": "Pārskatīšanā konstatēta jauna vajadzība: pievienots mērķis.",
}
CLOSE_REASONS = {
    "lt": "Paslaugos teikimas baigtas, tikslai pasiekti.",
    "lv": "Pakalpojuma sniegšana beigusies, mērķi sasniegti.",
}
RATING_NOTES = {"lt": "Reikia daugiau laiko.", "lv": "Vajadzīgs vairāk laika."}


def individualplans_load() -> None:
    today = timezone.localdate()
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if IndividualPlan.objects.filter(municipality=municipality).exists():
            continue
        with translation.override(spec.language):
            _Loader(municipality, spec.language, today).load()


class _Loader:
    def __init__(self, municipality: Municipality, language: str, today: datetime.date) -> None:
        self.municipality, self.language, self.today = municipality, language, today
        self.rng = random.Random(f"{SEED}-plans-{municipality.slug}")  # noqa: S311 (demo data, not secrets)

    def load(self) -> None:
        servings = (
            ClientInstitution.objects.filter(
                municipality=self.municipality,
                ended_on__isnull=True,
                responsible__isnull=False,
                client__external_id__startswith="demo-",
            )
            .select_related("client", "institution", "responsible")
            .order_by("client_id", "institution_id")
        )
        chosen: set[int] = set()
        for serving in servings:
            client = serving.client
            known = client.external_id == OVERDUE_EXTERNAL_ID
            if client.pk in chosen or not (known or self.rng.random() < SHARE_WITH_PLANS):
                continue
            kind = KIND_OF_INSTITUTION.get(serving.institution.kind, PlanKind.IPP)
            adult = client.birth_date is None or client.birth_date < self.today.replace(year=self.today.year - 18)
            if kind == PlanKind.ISPP and not adult:
                continue  # a family's plan is drawn up with a parent
            chosen.add(client.pk)
            worker = User.objects.get(email=OVERDUE_FOR) if known else serving.responsible
            assert worker is not None
            self._plan(client, serving, kind, worker, overdue=known)

    def _plan(self, client: Client, serving: ClientInstitution, kind: str, worker: User, *, overdue: bool) -> None:
        rng, today = self.rng, self.today
        latest_start = today - 2 * DAY
        drawn_up_on = min(serving.started_on + rng.randint(3, 30) * DAY, latest_start)
        if overdue:
            drawn_up_on = today - 102 * DAY  # agreed, first review due twelve days ago, not held
        every = REVIEW_EVERY_DAYS[kind]
        plan = plan_create(
            actor=worker,
            client=client,
            institution=serving.institution,
            kind=kind,
            responsible=worker,
            drawn_up_on=drawn_up_on,
            needs=NEEDS[self.language][kind],
            next_review_on=drawn_up_on + (90 if overdue else every) * DAY,
        )
        revision = plan.revisions.get()
        revision.plan = plan  # the services update the plan through its revision: keep one instance
        catalogue = GOALS[self.language][kind]
        goals = [
            self._goal(worker, revision, spec, drawn_up_on)
            for spec in rng.sample(catalogue, k=min(len(catalogue), rng.choice((2, 2, 3))))
        ]
        if not overdue and (today - drawn_up_on).days < 20 and rng.random() < 0.5:
            return  # drawn up lately: the client has not agreed yet
        agreed_on = min(drawn_up_on + rng.randint(0, 7) * DAY, today)
        plan_agreement_record(
            actor=worker, revision=revision, agreed_on=agreed_on, way=self._way(), lock_version=revision.lock_version
        )
        if overdue:
            return
        self._reviews(plan, worker, goals, agreed_on, every, slow=serving.institution.name in SLOW_INSTITUTIONS)

    def _way(self) -> str:
        chance = self.rng.random()
        return "signed" if chance < 0.8 else "representative" if chance < 0.93 else "orally"

    def _goal(self, worker: User, revision: PlanRevision, spec: GoalSpec, start: datetime.date) -> PlanGoal:
        goal = plan_goal_add(
            actor=worker,
            revision=revision,
            title=spec.title,
            target_on=start + self.rng.choice((180, 270, 365)) * DAY,
            success_measure=spec.measure,
        )
        for what, who, when in spec.actions:
            plan_action_add(actor=worker, goal=goal, what=what, who=who, when=when)
        return goal

    def _reviews(
        self,
        plan: IndividualPlan,
        worker: User,
        goals: list[PlanGoal],
        since: datetime.date,
        every: int,
        *,
        slow: bool,
    ) -> None:
        """Reviews until the next falls due in the future; each goal's rating mostly grows from review to review.
        The services keep `plan` (its next review, its version) up to date, so nothing is read back."""
        rng, today = self.rng, self.today
        progress: dict[int, int] = {}
        revised = False
        while True:
            due = plan.next_review_on
            assert due is not None
            if due >= today:
                return
            late = rng.random() < (0.4 if slow else 0.12)
            held_on = due + rng.randint(1, 40) * DAY if late else due - rng.randint(0, 12) * DAY
            if held_on > today or ((today - due).days < 45 and rng.random() < 0.15):
                return  # due lately and not held yet: the worker's home page flags it
            held_on = max(held_on, since)
            ratings = {}
            for goal in goals:
                key = goal.copied_from_id or goal.pk
                rating = min(5, max(1, progress.get(key, rng.randint(1, 2)) + rng.choice((0, 1, 1, 1, -1))))
                progress[goal.pk] = progress[key] = rating
                note = RATING_NOTES[self.language] if rating <= ProgressRating.LITTLE else ""
                ratings[goal.pk] = Rating(rating, note)
            plan_review_record(
                actor=worker,
                plan=plan,
                reviewed_on=held_on,
                summary=rng.choice(SUMMARIES[self.language]),
                ratings=ratings,
                next_review_on=held_on + every * DAY,
                lock_version=plan.lock_version,
            )
            since = held_on
            if (today - held_on).days > 540 and rng.random() < 0.12:
                plan_close(
                    actor=worker,
                    plan=plan,
                    closed_on=held_on,
                    reason=CLOSE_REASONS[self.language],
                    lock_version=plan.lock_version,
                )
                return
            if not revised and rng.random() < 0.15:
                revised = True
                goals, since = self._revise(plan, worker, held_on)

    def _revise(self, plan: IndividualPlan, worker: User, on: datetime.date) -> tuple[list[PlanGoal], datetime.date]:
        """A revision after a review: the goals copied, one more added; returns its goals and the agreement day."""
        revision = plan_revise(
            actor=worker,
            plan=plan,
            reason=REVISION_REASONS[self.language],
            drawn_up_on=on,
            lock_version=plan.lock_version,
        )
        goals = list(revision.goals.all())
        titles = {goal.title for goal in goals}
        unused = [spec for spec in GOALS[self.language][plan.kind] if spec.title not in titles]
        if unused:
            goals.append(self._goal(worker, revision, self.rng.choice(unused), on))
        agreed_on = min(on + self.rng.randint(0, 3) * DAY, self.today)
        plan_agreement_record(
            actor=worker, revision=revision, agreed_on=agreed_on, way=self._way(), lock_version=revision.lock_version
        )
        return goals, agreed_on
