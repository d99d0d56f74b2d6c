"""Proposals demo data: three years of staff proposals and proposals-box entries in both municipalities.

Written through the proposal services (submit, receive, enter a slip, evaluate, decide), so the
audit trail shows them as it would after real use. Klaipėda's are in Lithuanian, Kuldīga's in
Latvian. Every institution gets a few staff proposals a year (some hidden from colleagues), a few
from clients through the online box and a paper slip or two. Past years are all decided, about half
accepted; this year's older ones are decided, the recent ones wait for an evaluation or a decision.
The decisions of the demo's history are recorded without e-mailing anyone. Idempotent: a
municipality that has proposals already is left alone. A seeded random generator keeps the data
the same on every machine.
"""

import random
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.proposals.models import Proposal, Status
from kokybe.proposals.services import deciding, receiving
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Capability, capabilities_of

YEARS = (2024, 2025, 2026)
DECIDED_WITHIN = 45  # days from receipt to decision, at most
STILL_OPEN_AFTER = date(2026, 9, 15)  # this year's proposals received later wait for evaluation or decision
DECISION_WEIGHTS = ((Status.ACCEPTED, 50), (Status.REJECTED, 30), (Status.ALREADY_PLANNED, 20))
HIDDEN_SHARE = 0.15


@dataclass(frozen=True)
class Idea:
    title: str
    text: str
    benefit: str
    topic: str


STAFF_IDEAS = {
    "lt": (
        Idea(
            "Turėklai koridoriuje",
            "Antro aukšto koridoriuje nėra turėklų, vyresni lankytojai eina įsikibę sienos.",
            "Mažiau griuvimų, saugiau judėti.",
            "Aplinkos prieinamumas",
        ),
        Idea(
            "Pandusas prie pagrindinio įėjimo",
            "Prie pagrindinio įėjimo yra trys laiptai be panduso; žmonės su vežimėliais patenka tik pro ūkinį įėjimą.",
            "Visi klientai patenka pro tą patį įėjimą.",
            "Aplinkos prieinamumas",
        ),
        Idea(
            "Atvejų aptarimas komandoje kas mėnesį",
            "Sudėtingus atvejus darbuotojai sprendžia pavieniui. Siūlau kartą per mėnesį juos aptarti komandoje.",
            "Vienodesni sprendimai, mažiau perdegimo.",
            "Darbo metodai",
        ),
        Idea(
            "Supervizijos darbuotojams",
            "Darbuotojai patiria didelį emocinį krūvį, bet supervizijų neturime nuo 2022 metų.",
            "Mažesnė darbuotojų kaita.",
            "Profesionalumas",
        ),
        Idea(
            "Registracija konsultacijoms internetu",
            "Klientai gali registruotis tik telefonu, o ryte linija nuolat užimta.",
            "Trumpesnis laukimas, mažiau skambučių.",
            "Paslaugų prieinamumas",
        ),
        Idea(
            "Informacija lengvai suprantama kalba",
            "Lankstinukai apie paslaugas parašyti sudėtinga kalba; žmonėms su intelekto negalia jie nesuprantami.",
            "Klientai geriau supranta savo teises ir paslaugas.",
            "Klientų informavimas",
        ),
        Idea(
            "Tarnybinis automobilis pagalbai į namus",
            "Į kaimiškas vietoves darbuotojai važiuoja savo automobiliais, o kompensacija nepadengia išlaidų.",
            "Daugiau aplankytų klientų per dieną.",
            "Ištekliai",
        ),
        Idea(
            "Kokybės rodiklių lenta skyriuje",
            "Siūlau kas ketvirtį atnaujinti rodiklių lentą: laukimo laikas, skundai, klientų pasitenkinimas.",
            "Visi mato, kaip sekasi, ir kur reikia pastangų.",
            "Kokybės valdymas",
        ),
        Idea(
            "Naujų darbuotojų mentorystė",
            "Naujam darbuotojui pirmą mėnesį skirti patyrusį kolegą, kuris padėtų susipažinti su darbu.",
            "Greitesnis įsitraukimas, mažiau klaidų.",
            "Profesionalumas",
        ),
        Idea(
            "Tylus kambarys neramiems klientams",
            "Laukiamajame triukšminga; neramiems klientams reikia ramios vietos palaukti.",
            "Mažiau konfliktų laukiant.",
            "Aplinka",
        ),
        Idea(
            "Atnaujinti skundų nagrinėjimo tvarką",
            "Skundų nagrinėjimo tvarka neatnaujinta nuo 2019 metų, atsakymo terminai neaiškūs.",
            "Skundai išnagrinėjami laiku ir vienodai.",
            "Kokybės valdymas",
        ),
        Idea(
            "Skambutis klientui po paslaugos",
            "Praėjus mėnesiui po paslaugos pabaigos paskambinti klientui ir paklausti, ar pagalba padėjo.",
            "Žinome paslaugų rezultatą, ne tik jų kiekį.",
            "Rezultatai",
        ),
    ),
    "lv": (
        Idea(
            "Margas gaitenī",
            "Otrā stāva gaitenī nav margu, gados vecāki apmeklētāji iet, turoties pie sienas.",
            "Mazāk kritienu, drošāka pārvietošanās.",
            "Vides pieejamība",
        ),
        Idea(
            "Uzbrauktuve pie galvenās ieejas",
            "Pie galvenās ieejas ir trīs pakāpieni bez uzbrauktuves; ratiņkrēslā var iekļūt tikai pa sētas ieeju.",
            "Visi klienti ienāk pa vienu ieeju.",
            "Vides pieejamība",
        ),
        Idea(
            "Ikmēneša gadījumu apspriešana komandā",
            "Sarežģītus gadījumus sociālie darbinieki risina vieni. Iesaku reizi mēnesī tos apspriest komandā.",
            "Vienotāki lēmumi, mazāk izdegšanas.",
            "Darba metodes",
        ),
        Idea(
            "Supervīzijas darbiniekiem",
            "Darbiniekiem ir liela emocionālā slodze, bet supervīziju nav bijis kopš 2022. gada.",
            "Mazāka darbinieku mainība.",
            "Profesionalitāte",
        ),
        Idea(
            "Pieteikšanās konsultācijām internetā",
            "Klienti var pieteikties tikai pa tālruni, un no rīta līnija ir pastāvīgi aizņemta.",
            "Īsāka gaidīšana, mazāk zvanu.",
            "Pakalpojumu pieejamība",
        ),
        Idea(
            "Informācija vieglajā valodā",
            "Bukleti par pakalpojumiem ir sarežģītā valodā; cilvēkiem ar garīgiem traucējumiem tie nav saprotami.",
            "Klienti labāk izprot savas tiesības un pakalpojumus.",
            "Klientu informēšana",
        ),
        Idea(
            "Dienesta automašīna aprūpei mājās",
            "Uz lauku teritorijām darbinieki brauc ar savām automašīnām, un kompensācija nesedz izdevumus.",
            "Vairāk apmeklētu klientu dienā.",
            "Resursi",
        ),
        Idea(
            "Kvalitātes rādītāju tāfele nodaļā",
            "Iesaku reizi ceturksnī atjaunot rādītāju tāfeli: gaidīšanas laiks, sūdzības, klientu apmierinātība.",
            "Visi redz, kā mums veicas un kur jāpieliek pūles.",
            "Kvalitātes vadība",
        ),
        Idea(
            "Jauno darbinieku mentorings",
            "Jaunajam darbiniekam pirmajā mēnesī piesaistīt pieredzējušu kolēģi, kas palīdz iepazīt darbu.",
            "Ātrāka iejušanās, mazāk kļūdu.",
            "Profesionalitāte",
        ),
        Idea(
            "Klusā istaba nemierīgiem klientiem",
            "Uzgaidāmajā telpā ir trokšņaini; nemierīgiem klientiem vajag klusu vietu, kur pagaidīt.",
            "Mazāk konfliktu gaidot.",
            "Vide",
        ),
        Idea(
            "Atjaunot sūdzību izskatīšanas kārtību",
            "Sūdzību izskatīšanas kārtība nav atjaunota kopš 2019. gada, atbildes termiņi nav skaidri.",
            "Sūdzības izskata laikā un vienādi.",
            "Kvalitātes vadība",
        ),
        Idea(
            "Zvans klientam pēc pakalpojuma",
            "Mēnesi pēc pakalpojuma beigām piezvanīt klientam un pajautāt, vai palīdzība palīdzēja.",
            "Zinām pakalpojumu rezultātu, ne tikai apjomu.",
            "Rezultāti",
        ),
    ),
}

CLIENT_TEXTS = {
    "lt": (
        "Norėčiau, kad savaitgaliais būtų daugiau užimtumo veiklų, nes šeštadieniais labai nuobodu.",
        "Prašau pastatyti suoliuką prie autobusų stotelės šalia centro, sunku ilgai stovėti.",
        "Socialinė darbuotoja labai maloni, bet jai sunku prisiskambinti. Gal galima rašyti el. paštu?",
        "Žiemą laukiamajame per šalta.",
        "Būtų gerai, kad informacija apie paslaugas būtų ir rusų kalba.",
        "Valgykloje norėtųsi daugiau daržovių ir mažiau saldumynų.",
        "Prašome ketvirtadieniais dirbti ilgiau, nes dirbantys artimieji negali atvykti iki 17 valandos.",
        "Ačiū darbuotojams. Siūlau organizuoti bendras išvykas su šeimomis.",
    ),
    "lv": (
        "Gribētos, lai nedēļas nogalēs būtu vairāk nodarbību, jo sestdienās ir ļoti garlaicīgi.",
        "Lūdzu uzstādīt soliņu pie autobusa pieturas blakus centram, grūti ilgi stāvēt.",
        "Sociālā darbiniece ir ļoti laipna, bet viņai grūti piezvanīt. Varbūt var rakstīt e-pastu?",
        "Ziemā uzgaidāmajā telpā ir par aukstu.",
        "Būtu labi, ja informācija par pakalpojumiem būtu arī krievu valodā.",
        "Ēdnīcā gribētos vairāk dārzeņu un mazāk saldumu.",
        "Lūdzu ceturtdienās strādāt ilgāk, jo strādājošie tuvinieki nevar atbraukt līdz plkst. 17.",
        "Paldies darbiniekiem. Iesaku rīkot kopīgus izbraucienus ar ģimenēm.",
    ),
}

CLIENT_NAMES = {"lt": ("Ona", "Petras", "Aldona", "Vida"), "lv": ("Anna", "Jānis", "Skaidrīte", "Inese")}

EVALUATIONS = {
    "lt": (
        "Įgyvendinama per metus; preliminari kaina apie {cost} Eur. Reikia suderinti su ūkio dalimi.",
        "Pasiūlymas susijęs su savivertinime žemiausiai įvertintu kriterijumi. Kaina apie {cost} Eur.",
        "Aptarta darbuotojų susirinkime: dauguma pritaria. Išlaidos apie {cost} Eur, reikėtų atsakingo asmens.",
    ),
    "lv": (
        "Īstenojams gada laikā; provizoriskās izmaksas ap {cost} EUR. Jāsaskaņo ar saimniecības daļu.",
        "Priekšlikums saistīts ar pašnovērtējumā zemāk novērtēto kritēriju. Izmaksas ap {cost} EUR.",
        "Apspriests darbinieku sapulcē: vairākums atbalsta. Izmaksas ap {cost} EUR, vajadzīgs atbildīgais.",
    ),
}

REASONS = {
    "lt": {
        Status.ACCEPTED: "Atitinka įstaigos tikslus ir savivertinimo išvadas; įtraukiama į kitų metų veiklos planą.",
        Status.REJECTED: "Šiuo metu tam nėra lėšų, o patalpų nuoma baigiasi; prie pasiūlymo grįšime persikėlus.",
        Status.ALREADY_PLANNED: "Tai jau numatyta šių metų veiklos plane; pasiūlymas sustiprina šią priemonę.",
    },
    "lv": {
        Status.ACCEPTED: "Atbilst iestādes mērķiem un pašnovērtējuma secinājumiem; iekļauj nākamā gada darbības plānā.",
        Status.REJECTED: "Pašlaik tam nav līdzekļu, un telpu noma beidzas; pie tā atgriezīsimies pēc pārcelšanās.",
        Status.ALREADY_PLANNED: "Tas jau paredzēts šī gada darbības plānā; priekšlikums stiprina šo pasākumu.",
    },
}


def proposals_load() -> None:
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if Proposal.objects.filter(municipality=municipality).exists():
            continue
        memberships = list(Membership.objects.filter(municipality=municipality).select_related("user"))
        for number, institution in enumerate(Institution.objects.filter(municipality=municipality).order_by("name")):
            for year in YEARS:
                rng = random.Random(f"{spec.slug}:{number}:{year}")  # noqa: S311 (demo data, not secrets)
                _institution_year(municipality, institution, year, memberships, rng)


def _members_with(memberships: list[Membership], capability: Capability, institution: Institution) -> list[User]:
    found = [
        m.user for m in memberships if m.institution_id == institution.pk and capability in capabilities_of(m.role)
    ]
    if not found:
        found = [m.user for m in memberships if m.institution_id is None and capability in capabilities_of(m.role)]
    return sorted(found, key=lambda user: user.email)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _institution_year(
    municipality: Municipality, institution: Institution, year: int, memberships: list[Membership], rng: random.Random
) -> None:
    language = municipality.language
    proposers = _members_with(memberships, Capability.SUBMIT_IMPROVEMENTS, institution)
    evaluators = _members_with(memberships, Capability.EVALUATE_PROPOSALS, institution)
    last_day = min(date(year, 12, 20), timezone.localdate() - timedelta(days=3))
    days = (last_day - date(year, 1, 10)).days

    def received_on() -> date:
        return date(year, 1, 10) + timedelta(days=rng.randrange(days))

    made: list[Proposal] = []
    for idea in rng.sample(STAFF_IDEAS[language], rng.randint(3, 5)):
        made.append(
            receiving.proposal_submit(
                actor=rng.choice(proposers),
                municipality=municipality,
                institution=institution,
                title=idea.title,
                text=idea.text,
                benefit=idea.benefit,
                topic=idea.topic,
                plan_year=year + 1,
                hidden_from_colleagues=rng.random() < HIDDEN_SHARE,
                when=_moment(received_on()),
            )
        )
    for text in rng.sample(CLIENT_TEXTS[language], rng.randint(1, 3)):
        wants_answer = rng.random() < 0.4
        name = rng.choice(CLIENT_NAMES[language]) if wants_answer else ""
        made.append(
            receiving.proposal_receive(
                municipality=municipality,
                institution=institution,
                text=text,
                contact_name=name,
                contact_email=f"{name.lower()}.{rng.randrange(100, 999)}@example.org" if wants_answer else "",
                language=language,
                submission_key=uuid.UUID(int=rng.getrandbits(128)),
                when=_moment(received_on()),
            )
        )
    for text in rng.sample(CLIENT_TEXTS[language], rng.randint(1, 2)):
        made.append(
            receiving.slip_enter(
                actor=evaluators[0],
                municipality=municipality,
                institution=institution,
                taken_out_on=received_on(),
                text=text,
            )
        )
    for proposal in made:
        _evaluate_and_decide(proposal, evaluators, language, rng)


def _evaluate_and_decide(proposal: Proposal, evaluators: list[User], language: str, rng: random.Random) -> None:
    if proposal.received_on > STILL_OPEN_AFTER and rng.random() < 0.5:
        return  # still awaiting evaluation
    evaluator = rng.choice(evaluators)
    evaluated_on = min(proposal.received_on + timedelta(days=rng.randint(3, 20)), timezone.localdate())
    proposal = deciding.proposal_evaluate(
        actor=evaluator,
        proposal=proposal,
        evaluation=rng.choice(EVALUATIONS[language]).format(cost=rng.randrange(2, 40) * 50),
        shown_version=proposal.lock_version,
        when=_moment(evaluated_on),
    )
    if proposal.received_on > STILL_OPEN_AFTER:
        return  # evaluated, awaiting the decision
    decision = rng.choices([status for status, _ in DECISION_WEIGHTS], [weight for _, weight in DECISION_WEIGHTS])[0]
    decided_on = min(evaluated_on + timedelta(days=rng.randint(2, DECIDED_WITHIN - 20)), timezone.localdate())
    deciding.proposal_decide(
        actor=evaluator,
        proposal=proposal,
        decision=decision,
        reason=REASONS[language][decision],
        shown_version=proposal.lock_version,
        base_url="",
        notify=False,
        when=_moment(decided_on),
    )
