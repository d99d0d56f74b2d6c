"""Survey demo data: three years of the client-satisfaction survey, a needs survey, and this year's open run.

Everything is written through the survey services (create, publish, close, store a response), so the
results, the tallies and the audit trail look as they would after real surveys. Idempotent: a run
(municipality, series, year) that exists already is left alone.

The answers come from a small model of a respondent. Each person has a satisfaction level drawn
around their institution's level for that year and answers each statement near it, shifted by what
the statement measures: as Kuldīga found, the accessible environment, the methods of work and
professionalism score somewhat lower than access to services and client awareness. One institution
in each municipality improves year by year, one slips, the others hold their own level. A seeded
random generator per run keeps the data the same on every machine.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.db import transaction

from kokybe.accounts.models import User
from kokybe.audit.services import audit_record
from kokybe.core.client_groups import ClientGroup as G
from kokybe.demo import data
from kokybe.demo.survey_themes import improvement_comments_tag
from kokybe.surveys import builtin as b
from kokybe.surveys.answer_forms import is_shown
from kokybe.surveys.definition import DONT_KNOW, TEXT_TYPES, QuestionSpec, QuestionType, SurveySpec, items_of
from kokybe.surveys.models import Channel, Survey
from kokybe.surveys.services import design
from kokybe.surveys.services.responding import NewResponse, responses_store
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.models import InstitutionKind as K
from kokybe.tenancy.permissions import Role

SATISFACTION = "client-satisfaction"
NEEDS = "needs"
FIRST_YEAR = 2023


@dataclass(frozen=True)
class Run:
    """One survey run in each demo municipality."""

    series: str
    year: int
    opens_on: date
    closes_on: date
    answered_until: date  # the last day answers came in (the open run is still collecting)
    stays_open: bool = False


RUNS = (
    Run(SATISFACTION, 2023, date(2023, 10, 2), date(2023, 11, 12), date(2023, 11, 12)),
    Run(SATISFACTION, 2024, date(2024, 9, 30), date(2024, 11, 10), date(2024, 11, 10)),
    Run(SATISFACTION, 2025, date(2025, 10, 6), date(2025, 11, 16), date(2025, 11, 16)),
    Run(NEEDS, 2025, date(2025, 5, 5), date(2025, 6, 15), date(2025, 6, 15)),
    # Open, with a few answers so far, so that the public link works in the demo.
    Run(SATISFACTION, 2026, date(2026, 10, 5), date(2026, 12, 31), date(2026, 11, 20), stays_open=True),
)
THEMES_CODED_YEAR = 2025  # the last finished run: its comments have been read and tagged
OPEN_RUN_ANSWERS = (4, 9)  # per institution, so far
NEEDS_RESPONSES = {"klaipeda": 112, "kuldiga": 74}
LANGUAGES = {"lt": {"lt": 91, "en": 5, "lv": 4}, "lv": {"lv": 92, "en": 5, "lt": 3}}
NOT_STATED_GROUP = 0.12  # share of respondents who do not say which client group they belong to


@dataclass(frozen=True)
class Profile:
    """How an institution's clients answer."""

    level: float  # mean satisfaction in the first year, on 1-5
    trend: float  # change per year
    size: int  # responses per year, about
    quirks: dict[str, float] = field(default_factory=dict)  # dimension code -> shift of its scores


PROFILES = {
    # Klaipėda
    "sps": Profile(3.85, 0.0, 370, {b.CHARTER_SPEED: -0.35, b.DOCUMENT_FLOW: -0.25}),
    "spc": Profile(4.15, -0.25, 290),  # slipping: fewer home helpers for more clients
    "lakstute": Profile(4.2, 0.0, 175, {b.ENVIRONMENT_ACCESS: 0.2, b.CHARTER_RESPECT: 0.1}),
    "sveikata": Profile(3.9, 0.0, 235, {b.CONFIDENTIALITY: -0.15}),
    "dane": Profile(3.55, 0.3, 255),  # improving: the quality coordinator's action plans at work
    "globos-namai": Profile(4.05, 0.0, 165, {b.ENVIRONMENT_ACCESS: 0.25}),
    "rytas": Profile(3.75, 0.0, 160, {b.METHODOLOGY: 0.2}),
    "nakvynes-namai": Profile(3.6, 0.0, 190, {b.ENVIRONMENT_ACCESS: -0.3, b.CONFIDENTIALITY: -0.35}),
    # Kuldīga
    "socialais-dienests": Profile(3.9, 0.0, 320, {b.CHARTER_SPEED: -0.2}),
    "aprupes-centrs": Profile(4.1, -0.2, 170, {b.ENVIRONMENT_ACCESS: 0.15}),  # slipping
    "gimenes-centrs": Profile(3.85, 0.0, 200),
    "dienas-centrs": Profile(3.7, 0.3, 160),  # improving
}
SIZE_LIMITS = (150, 400)
PERSON_SPREAD = 0.6  # how much people of one institution differ
ITEM_NOISE = 0.5  # how much one person's answers differ from item to item

# What a statement measures shifts its scores (Kuldīga: environment, methods and professionalism lower).
DIMENSION_SHIFTS = {
    b.SERVICE_ACCESS: 0.15,
    b.CLIENT_INFORMATION: 0.1,
    b.ENVIRONMENT_ACCESS: -0.35,
    b.CONFIDENTIALITY: 0.05,
    b.RECORD_KEEPING: -0.1,
    b.DOCUMENT_FLOW: -0.15,
    b.COOPERATION: -0.1,
    b.METHODOLOGY: -0.35,
    b.PROFESSIONALISM: -0.3,
    b.CHARTER_RESPECT: 0.2,
    b.CHARTER_PUNCTUALITY: 0.05,
    b.CHARTER_SPEED: -0.2,
    b.CHARTER_MISTAKES: -0.15,
    b.CHARTER_FEEDBACK: -0.05,
}
ITEM_SHIFTS = {"records_see": -0.3, "info_complain": -0.15, "help_result": -0.1, "info_enough": -0.3}
STEADY_DIMENSIONS = frozenset({b.ENVIRONMENT_ACCESS})  # the building does not change with the trend
DONT_KNOW_RATES = {
    "info_clear": 0.05,
    "env_reach": 0.04,
    "env_premises": 0.06,
    "plan_with_me": 0.08,
    "cooperation": 0.22,
    "charter.needs": 0.04,
    "charter.respect": 0.02,
    "charter.punctuality": 0.05,
    "charter.speed": 0.06,
    "charter.mistakes": 0.25,
    "charter.feedback": 0.08,
    "docs_once": 0.12,
    "story_once": 0.08,
    "quality_overall": 0.04,
    "needs_any": 0.17,
}
AT_HOME_DONT_KNOW = 0.45  # clients helped only at home often cannot rate the office building
SKIP_RATES = {"years_using": 0.22, "learned_how": 0.15, "recommend": 0.06, "went_wrong": 0.05}
SKIP_RATE = 0.03  # an optional question left blank
MATRIX_SKIP_RATE = 0.04  # a whole matrix left blank
ROW_SKIP_RATE = 0.01
MANY = {1: 60, 2: 30, 3: 10}  # how many options people tick in a multiple-choice question


@dataclass(frozen=True)
class Traits:
    """What the clients of one kind of institution are like."""

    groups: dict[str, int]
    services: dict[str, int]
    channels: dict[str, int]
    at_home: float  # share helped only at home
    years: tuple[int, int]  # usual range of years of use


WEB_MOSTLY: dict[str, int] = {
    Channel.WEB: 60,
    Channel.PAPER: 22,
    Channel.PHONE: 6,
    Channel.INTERVIEW: 7,
    Channel.INVITATION: 5,
}
TRAITS: dict[str, Traits] = {
    K.SOCIAL_SUPPORT_DEPARTMENT: Traits(
        {G.OLDER_PEOPLE: 25, G.SOCIAL_RISK: 20, G.DISABILITY: 15, G.SINGLE_PARENTS: 12, G.FAMILY_MEMBERS: 8},
        {"consultation": 45, "other": 35, "family_support": 10, "home_help": 10},
        WEB_MOSTLY,
        0.1,
        (0, 20),
    ),
    K.SOCIAL_SERVICES_CENTRE: Traits(
        {G.OLDER_PEOPLE: 45, G.DISABILITY: 25, G.FAMILY_MEMBERS: 12, G.SOCIAL_RISK: 8, G.OTHER: 5},
        {"home_help": 55, "day_centre": 15, "consultation": 15, "family_support": 10, "other": 5},
        {Channel.WEB: 45, Channel.PAPER: 30, Channel.PHONE: 12, Channel.INTERVIEW: 8, Channel.INVITATION: 5},
        0.55,
        (0, 15),
    ),
    K.CARE_HOME: Traits(
        {G.OLDER_PEOPLE: 60, G.DISABILITY: 25, G.FAMILY_MEMBERS: 12, G.OTHER: 3},
        {"care_home": 95, "home_help": 5},
        {Channel.WEB: 20, Channel.PAPER: 40, Channel.INTERVIEW: 35, Channel.INVITATION: 5},
        0.0,
        (1, 12),
    ),
    K.CHILD_CARE_HOME: Traits(
        {G.WITHOUT_PARENTAL_CARE: 55, G.CHILDREN: 20, G.YOUTH: 20, G.FOSTER_CARERS: 5},
        {"care_home": 80, "temp_housing": 10, "consultation": 10},
        {Channel.WEB: 70, Channel.PAPER: 20, Channel.INTERVIEW: 10},
        0.0,
        (1, 10),
    ),
    K.NIGHT_SHELTER: Traits(
        {G.SOCIAL_RISK: 80, G.DISABILITY: 8, G.OTHER: 8, G.OLDER_PEOPLE: 4},
        {"temp_housing": 85, "consultation": 15},
        {Channel.WEB: 30, Channel.PAPER: 45, Channel.INTERVIEW: 25},
        0.0,
        (0, 8),
    ),
    K.FAMILY_CENTRE: Traits(
        {
            G.SINGLE_PARENTS: 25,
            G.CHILDREN: 20,
            G.SOCIAL_RISK: 20,
            G.FOSTER_CARERS: 15,
            G.FAMILY_MEMBERS: 10,
            G.YOUTH: 5,
            G.OTHER: 5,
        },
        {"family_support": 55, "consultation": 35, "day_centre": 10},
        WEB_MOSTLY,
        0.05,
        (0, 6),
    ),
    K.DISABILITY_DAY_CENTRE: Traits(
        {G.DISABILITY: 70, G.FAMILY_MEMBERS: 25, G.YOUTH: 5},
        {"day_centre": 85, "consultation": 10, "other": 5},
        {Channel.WEB: 40, Channel.PAPER: 35, Channel.INTERVIEW: 20, Channel.INVITATION: 5},
        0.0,
        (1, 25),
    ),
}
RESIDENTS = Traits(  # the needs survey asks residents, not only clients
    {G.OLDER_PEOPLE: 30, G.FAMILY_MEMBERS: 20, G.DISABILITY: 12, G.SINGLE_PARENTS: 10, G.SOCIAL_RISK: 5, G.OTHER: 18},
    {},
    {Channel.WEB: 55, Channel.PAPER: 30, Channel.PHONE: 10, Channel.INTERVIEW: 5},
    0.0,
    (0, 0),
)
RESIDENTS_LEVEL = 3.4
NOT_STATED_RESIDENTS = 0.25

# Which options people choose, by question key (options not named here are not chosen).
OPTION_WEIGHTS: dict[str, dict[str, int]] = {
    "learned_how": {
        "social_worker": 30,
        "family": 25,
        "local_office": 15,
        "doctor": 12,
        "internet": 10,
        "media": 4,
        "other": 2,
    },
    "needs_which": {
        "home_help": 22,
        "transport": 14,
        "aids": 10,
        "counselling": 10,
        "respite": 9,
        "day_centre": 8,
        "meals": 8,
        "family_support": 8,
        "care_home": 6,
        "temp_housing": 3,
        "other": 2,
    },
    "who_for": {"self": 40, "parent": 30, "child": 15, "partner": 12, "other": 3},
    "barriers": {
        "nothing": 25,
        "not_known": 18,
        "waiting": 16,
        "where_unknown": 14,
        "paperwork": 12,
        "too_far": 10,
        "cost": 9,
        "uneasy": 8,
        "hours": 5,
        "other": 2,
    },
    "contact_pref": {
        "phone": 35,
        "in_person": 30,
        "home_visit": 10,
        "online": 9,
        "email": 8,
        "relative": 7,
        "other": 1,
    },
    "info_pref": {
        "website": 25,
        "social_media": 20,
        "local_paper": 18,
        "radio_tv": 10,
        "notice_board": 10,
        "doctor": 8,
        "letter": 8,
        "other": 1,
    },
}
ALONE = {"barriers": "nothing"}  # an option that excludes the others
HOUSEHOLD = {1: 22, 2: 35, 3: 18, 4: 15, 5: 7, 6: 3}
YES_SHARES = {"carer": 0.24, "know_where": 0.62, "needs_any": 0.54}  # needs_any: of those who know

# --- Free texts: short comments written for the demo, in the respondent's language -----------------

COMMENTS: dict[str, dict[str, list[str]]] = {
    "lt": {
        "liked": [
            "Darbuotojai visada malonūs ir išklauso.",
            "Greitai padėjo sutvarkyti dokumentus.",
            "Viską aiškiai paaiškina, nereikia klausti kelis kartus.",
            "Jaučiuosi saugiai, mane išklauso.",
            "Gera, kad galima paskambinti ir gauti atsakymą tą pačią dieną.",
            "Darbuotojai rūpestingi ir kantrūs.",
            "Aiškiai paaiškino, kokią pagalbą galiu gauti.",
            "Geras bendravimas ir pagarba.",
            "Ačiū už pagalbą sunkiu metu.",
            "Patinka, kad su manimi tariamasi.",
        ],
        "improve": [
            "Per ilgai reikia laukti eilėje.",
            "Sunku prisiskambinti telefonu.",
            "Trūksta informacijos internete.",
            "Per daug dokumentų, kai kuriuos tenka nešti kelis kartus.",
            "Trūksta privačios vietos pasikalbėti.",
            "Darbuotojų per mažai, jie labai skuba.",
            "Norėtųsi ilgesnio darbo laiko vakarais.",
            "Atsakymo į prašymą laukiau beveik mėnesį.",
            "Prie įėjimo reikia panduso.",
            "Dažniau informuoti apie pasikeitimus.",
        ],
        "went_wrong": [
            "Darbuotoja neatvyko sutartu laiku, bet vėliau atsiprašė.",
            "Buvo neteisingai apskaičiuota kompensacija, ištaisė po mėnesio.",
            "Pametė mano prašymą, teko pildyti iš naujo.",
            "Vėlavo transportas į polikliniką. Neištaisyta.",
            "Gavau prieštaringą informaciją iš skirtingų darbuotojų.",
            "Pasikeitė socialinis darbuotojas, niekas apie tai nepranešė.",
            "Ilgai nebuvo karšto vandens, taisė kelias savaites.",
            "Buvo nesutarimas su kitu gyventoju, darbuotojai padėjo susitarti.",
        ],
        "missing": [
            "Pagalbos namuose kaimo vietovėse.",
            "Trumpalaikės priežiūros, kad šeima galėtų pailsėti.",
            "Psichologo konsultacijų be ilgos eilės.",
            "Transporto pas gydytoją.",
            "Dienos centro žmonėms su demencija.",
            "Vietų globos namuose.",
            "Pagalbos paaugliams ir jų tėvams.",
            "Informacijos, kur kreiptis.",
            "Socialinio būsto.",
            "Slaugos priemonių nuomos.",
        ],
    },
    "lv": {
        "liked": [
            "Darbinieki vienmēr ir laipni un uzklausa.",
            "Ātri palīdzēja nokārtot dokumentus.",
            "Visu skaidri izskaidro, nav jājautā vairākas reizes.",
            "Jūtos droši, mani uzklausa.",
            "Labi, ka var piezvanīt un saņemt atbildi tajā pašā dienā.",
            "Darbinieki ir gādīgi un pacietīgi.",
            "Skaidri izskaidroja, kādu palīdzību varu saņemt.",
            "Laba attieksme un cieņa.",
            "Paldies par palīdzību grūtā brīdī.",
            "Patīk, ka ar mani konsultējas.",
        ],
        "improve": [
            "Pārāk ilgi jāgaida rindā.",
            "Grūti sazvanīt pa telefonu.",
            "Trūkst informācijas internetā.",
            "Pārāk daudz dokumentu, dažus jānes vairākas reizes.",
            "Trūkst vietas, kur parunāt bez citiem.",
            "Darbinieku ir par maz, viņi ļoti steidzas.",
            "Gribētos garāku darba laiku vakaros.",
            "Atbildi uz iesniegumu gaidīju gandrīz mēnesi.",
            "Pie ieejas vajag uzbrauktuvi.",
            "Biežāk informēt par izmaiņām.",
        ],
        "went_wrong": [
            "Darbiniece neieradās norunātajā laikā, bet vēlāk atvainojās.",
            "Pabalsts bija aprēķināts nepareizi, izlaboja pēc mēneša.",
            "Pazaudēja manu iesniegumu, nācās rakstīt no jauna.",
            "Transports uz poliklīniku kavējās. Nav atrisināts.",
            "No dažādiem darbiniekiem saņēmu atšķirīgu informāciju.",
            "Mainījās sociālais darbinieks, neviens par to nepaziņoja.",
            "Ilgi nebija karstā ūdens, laboja vairākas nedēļas.",
        ],
        "missing": [
            "Aprūpes mājās laukos.",
            "Atelpas brīža pakalpojuma, lai ģimene varētu atpūsties.",
            "Psihologa konsultāciju bez ilgas gaidīšanas.",
            "Transporta pie ārsta.",
            "Dienas centra cilvēkiem ar demenci.",
            "Vietu aprūpes centrā.",
            "Atbalsta pusaudžiem un viņu vecākiem.",
            "Informācijas, kur vērsties.",
            "Sociālo dzīvokļu.",
        ],
    },
    "en": {
        "liked": [
            "The staff are always kind and listen.",
            "They quickly helped me sort out the papers.",
            "Everything is explained clearly.",
            "Thank you for the help at a difficult time.",
        ],
        "improve": [
            "The wait is too long.",
            "It is hard to get through by phone.",
            "More information in English, please.",
            "Longer opening hours in the evening.",
        ],
        "went_wrong": [
            "A visit was missed, but they apologised later.",
            "My application was lost and I had to fill it in again.",
            "Different staff told me different things.",
        ],
        "missing": [
            "Help at home in the countryside.",
            "Counselling without a long wait.",
            "Transport to the doctor.",
            "Information about where to turn.",
        ],
    },
}

# More comments that fit one kind of institution only.
KIND_COMMENTS: dict[str, dict[str, dict[str, list[str]]]] = {
    "lt": {
        K.CARE_HOME: {
            "liked": ["Skanus maistas ir švarūs kambariai.", "Slaugytojos labai rūpestingos."],
            "improve": ["Daugiau užsiėmimų ir pasivaikščiojimų lauke.", "Maistas galėtų būti įvairesnis."],
        },
        K.CHILD_CARE_HOME: {
            "liked": ["Padeda ruoštis savarankiškam gyvenimui.", "Geri auklėtojai, visada galima pasikalbėti."],
            "improve": ["Norėtųsi daugiau laisvės savaitgaliais.", "Reikia geresnio interneto."],
        },
        K.NIGHT_SHELTER: {
            "liked": ["Šilta, švaru ir galima nusiprausti.", "Padėjo susitvarkyti dokumentus ir rasti darbą."],
            "improve": ["Trūksta vietos daiktams pasidėti.", "Per ankstyvas išėjimo laikas rytais."],
        },
        K.FAMILY_CENTRE: {
            "liked": ["Psichologo konsultacijos labai padėjo mūsų šeimai.", "Vaikai noriai lanko dienos centrą."],
            "improve": ["Ilga eilė pas psichologą.", "Daugiau užsiėmimų tėvams vakarais."],
        },
        K.DISABILITY_DAY_CENTRE: {
            "liked": ["Įdomūs užsiėmimai ir dirbtuvės.", "Čia turiu draugų."],
            "improve": ["Daugiau išvykų.", "Reikėtų pritaikyto transporto."],
        },
        K.SOCIAL_SERVICES_CENTRE: {
            "liked": ["Lankytoja ateina laiku ir padeda buityje.", "Geras transporto paslaugos organizavimas."],
            "improve": ["Pagalba namuose galėtų būti dažniau.", "Dažnai keičiasi lankytojos."],
        },
        K.SOCIAL_SUPPORT_DEPARTMENT: {
            "liked": ["Greitai paskyrė kompensaciją.", "Konsultantė viską paaiškino apie išmokas."],
            "improve": ["Eilės prie langelio per ilgos.", "Sudėtinga pildyti prašymus internetu."],
        },
    },
    "lv": {
        K.CARE_HOME: {
            "liked": ["Garšīgs ēdiens un tīras istabas.", "Aprūpētājas ir ļoti gādīgas."],
            "improve": ["Vairāk nodarbību un pastaigu ārā.", "Ēdiens varētu būt daudzveidīgāks."],
        },
        K.FAMILY_CENTRE: {
            "liked": ["Psihologa konsultācijas ļoti palīdzēja mūsu ģimenei.", "Bērni labprāt apmeklē dienas centru."],
            "improve": ["Ilga rinda pie psihologa.", "Vairāk nodarbību vecākiem vakaros."],
        },
        K.DISABILITY_DAY_CENTRE: {
            "liked": ["Interesantas nodarbības un darbnīcas.", "Šeit man ir draugi."],
            "improve": ["Vairāk ekskursiju.", "Vajadzētu pielāgotu transportu."],
        },
        K.SOCIAL_SUPPORT_DEPARTMENT: {
            "liked": ["Ātri piešķīra pabalstu.", "Darbiniece visu izskaidroja par pabalstiem."],
            "improve": ["Pārāk garas rindas.", "Grūti aizpildīt iesniegumus internetā."],
        },
    },
}

TEXT_KINDS = {"liked_best": "liked", "improve": "improve", "went_wrong_what": "went_wrong", "missing": "missing"}

# What people write beside "other", by question key.
OTHER_TEXTS: dict[str, dict[str, list[str]]] = {
    "lt": {
        "service_main": [
            "Socialinė pašalpa",
            "Kompensacija už būsto šildymą",
            "Maisto paketai",
            "Asmeninis asistentas",
        ],
        "learned_how": ["Iš bažnyčios bendruomenės", "Mokykloje", "Iš policijos pareigūno", "Darbe"],
        "needs_which": ["Pagalba tvarkant dokumentus", "Malkų parvežimas"],
        "who_for": ["Kaimynui"],
        "barriers": ["Neturiu interneto"],
        "contact_pref": ["Per seniūniją"],
        "info_pref": ["Per bažnyčią"],
    },
    "lv": {
        "service_main": ["Garantētā minimālā ienākuma pabalsts", "Mājokļa pabalsts", "Pārtikas pakas", "Asistents"],
        "learned_how": ["No draudzes", "Skolā", "No pašvaldības policijas", "Darbā"],
        "needs_which": ["Palīdzība dokumentu kārtošanā", "Malkas piegāde"],
        "who_for": ["Kaimiņam"],
        "barriers": ["Nav interneta"],
        "contact_pref": ["Caur pagasta pārvaldi"],
        "info_pref": ["Draudzē"],
    },
    "en": {
        "service_main": ["Housing benefit", "Food parcels"],
        "learned_how": ["At work", "At school"],
        "needs_which": ["Help with paperwork"],
        "who_for": ["A neighbour"],
        "barriers": ["No internet at home"],
        "contact_pref": ["Through a friend"],
        "info_pref": ["At church"],
    },
}


# --- Loading -------------------------------------------------------------------------------------


def surveys_load() -> None:
    """Add the runs each demo municipality lacks (the caller disables scopes)."""
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        coordinator = _coordinator(spec.slug)
        design.dimensions_ensure(
            actor=coordinator, municipality=municipality, specs=[*b.KULDIGA_DIMENSIONS, *b.CHARTER_DIMENSIONS]
        )
        names = {i.name: i for i in Institution.objects.filter(municipality=municipality)}
        institutions = [(names[i.name], PROFILES[i.key]) for i in spec.institutions]
        for run in RUNS:
            if not Survey.objects.filter(municipality=municipality, series=run.series, year=run.year).exists():
                _run_load(municipality, coordinator, institutions, run)


def _coordinator(slug: str) -> User:
    email = next(a.email for a in data.ACCOUNTS if a.municipality == slug and a.role == Role.MUNICIPAL_COORDINATOR)
    return User.objects.get(email=email)


def _run_load(
    municipality: Municipality, coordinator: User, institutions: list[tuple[Institution, Profile]], run: Run
) -> None:
    rng = random.Random(f"{municipality.slug}:{run.series}:{run.year}")  # noqa: S311 (demo data, not secrets)
    with transaction.atomic():
        surveyed = None
        if run.series == NEEDS:  # asked by the social support department, of all residents
            surveyed = next(i for i, _ in institutions if i.kind == K.SOCIAL_SUPPORT_DEPARTMENT)
        survey = design.survey_create(
            actor=coordinator,
            municipality=municipality,
            spec=_spec(municipality, run),
            year=run.year,
            institution=surveyed,
            opens_on=run.opens_on,
            closes_on=run.closes_on,
        )
        version = design.survey_publish(actor=coordinator, survey=survey)
        spec = survey.spec(version)
        items = items_of(spec)
        rows = []
        for pool in _pools(municipality, institutions, run, rng):
            for _ in range(pool.size):
                person = Respondent(rng, pool, _pick(rng, LANGUAGES[municipality.language]))
                answers, texts = person.answers(spec)
                rows.append(
                    NewResponse(
                        answers=answers,
                        texts=texts,
                        channel=_pick(rng, pool.traits.channels),
                        language=person.language,
                        institution=pool.institution,
                        client_group=person.client_group(NOT_STATED_RESIDENTS if surveyed else NOT_STATED_GROUP),
                        submitted_on=_day(rng, run.opens_on, run.answered_until),
                    )
                )
        count = responses_store(survey=survey, version=version, items=items, rows=rows)
        audit_record(
            actor=None,
            action="survey.demo_load",
            target=survey,
            municipality_id=municipality.pk,
            institution_id=survey.institution_id,
            changes={"responses": {"from": None, "to": count}},
            label=survey.display_title,
        )
        if run.series == SATISFACTION and run.year == THEMES_CODED_YEAR:
            improvement_comments_tag(actor=coordinator, survey=survey, language=municipality.language)
        if not run.stays_open:
            design.survey_close(actor=coordinator, survey=survey)


def _spec(municipality: Municipality, run: Run) -> SurveySpec:
    """Last year's questions when there was a run last year (the same keys), else the built-in template."""
    previous = Survey.objects.filter(municipality=municipality, series=run.series, year=run.year - 1).first()
    version = design.published_version(previous) if previous is not None else None
    if previous is not None and version is not None:
        return previous.spec(version)
    template = b.client_satisfaction_template() if run.series == SATISFACTION else b.needs_survey_template()
    return replace(template, main_language=municipality.language)


@dataclass(frozen=True)
class Pool:
    """Respondents alike: the clients of one institution in one year, or a municipality's residents."""

    institution: Institution | None
    kind: str
    traits: Traits
    level: float  # mean satisfaction this year
    quirks: Mapping[str, float]
    size: int


def _pools(
    municipality: Municipality, institutions: list[tuple[Institution, Profile]], run: Run, rng: random.Random
) -> list[Pool]:
    if run.series == NEEDS:
        return [Pool(None, "", RESIDENTS, RESIDENTS_LEVEL, {}, NEEDS_RESPONSES[municipality.slug])]
    pools = []
    for institution, profile in institutions:
        progress = profile.trend * (run.year - FIRST_YEAR)
        if run.stays_open:
            size = rng.randint(*OPEN_RUN_ANSWERS)
        else:
            size = min(max(round(profile.size * rng.uniform(0.88, 1.12)), SIZE_LIMITS[0]), SIZE_LIMITS[1])
        quirks = dict(profile.quirks)
        for code in STEADY_DIMENSIONS:
            quirks[code] = quirks.get(code, 0.0) - progress
        kind = institution.kind
        pools.append(Pool(institution, kind, TRAITS[kind], profile.level + progress, quirks, size))
    return pools


def _pick(rng: random.Random, weights: Mapping[Any, int]) -> Any:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _day(rng: random.Random, first: date, last: date) -> date:
    """Most answers come in the first weeks; fewer at weekends."""
    span = (last - first).days
    while True:
        day = first + timedelta(days=round(span * rng.betavariate(1.2, 2.0)))
        if day.weekday() < 5 or rng.random() < 0.4:
            return day


class Respondent:
    """One made-up person and how they answer."""

    def __init__(self, rng: random.Random, pool: Pool, language: str) -> None:
        self.rng = rng
        self.mood = pool.level + rng.gauss(0, PERSON_SPREAD)  # how satisfied this person is, on 1-5
        self.traits = pool.traits
        self.kind = pool.kind
        self.quirks = pool.quirks
        self.language = language
        self.at_home = rng.random() < pool.traits.at_home

    def client_group(self, not_stated: float) -> str:
        return "" if self.rng.random() < not_stated else str(_pick(self.rng, self.traits.groups))

    def answers(self, spec: SurveySpec) -> tuple[dict[str, Any], dict[str, str]]:
        answers: dict[str, Any] = {}
        texts: dict[str, str] = {}
        for question in (q for section in spec.sections for q in section.questions):
            if not is_shown(question, answers):
                continue
            if question.type in TEXT_TYPES:
                text = self._comment(question.key)
                if text:
                    texts[question.key] = text
            elif question.type == QuestionType.MATRIX:
                if question.required or self.rng.random() >= MATRIX_SKIP_RATE:
                    for row in question.rows:
                        key = f"{question.key}.{row.key}"
                        if question.required or self.rng.random() >= ROW_SKIP_RATE:
                            answers[key] = self._rated(key, row.dimension, question.allows_dont_know)
            elif question.required or self.rng.random() >= SKIP_RATES.get(question.key, SKIP_RATE):
                answer, text = self._answer(question, answers)
                if answer is not None:
                    answers[question.key] = answer
                if text:
                    texts[question.key] = text
        return answers, texts

    def _answer(self, question: QuestionSpec, answers: dict[str, Any]) -> tuple[Any, str]:
        rng = self.rng
        dont_know = DONT_KNOW_RATES.get(question.key, 0.05)
        if question.allows_dont_know and question.type != QuestionType.LIKERT and rng.random() < dont_know:
            return DONT_KNOW, ""
        match question.type:
            case QuestionType.LIKERT:
                return self._rated(question.key, question.dimension, question.allows_dont_know), ""
            case QuestionType.NPS:
                overall = answers.get("overall")
                base = overall if isinstance(overall, int) else self.mood
                return min(10, max(0, round(2.3 * base - 2.2 + rng.gauss(0, 1.1)))), ""
            case QuestionType.YES_NO:
                return ("yes" if rng.random() < self._yes_share(question.key) else "no"), ""
            case QuestionType.NUMBER:
                return self._number(question), ""
            case QuestionType.SINGLE:
                chosen = self._options(question, 1)
                return chosen[0], self._other_text(question, chosen)
            case QuestionType.MULTIPLE:
                chosen = self._options(question, _pick(rng, MANY))
                return chosen, self._other_text(question, chosen)
        return None, ""

    def _rated(self, key: str, dimension: str, allows_dont_know: bool) -> int | str:
        dont_know = DONT_KNOW_RATES.get(key, 0.05)
        if dimension == b.ENVIRONMENT_ACCESS and self.at_home:
            dont_know = AT_HOME_DONT_KNOW
        if allows_dont_know and self.rng.random() < dont_know:
            return DONT_KNOW
        shift = DIMENSION_SHIFTS.get(dimension, 0.0) + self.quirks.get(dimension, 0.0) + ITEM_SHIFTS.get(key, 0.0)
        noise = self.rng.gauss(0, ITEM_NOISE * (0.8 if key == "overall" else 1.0))
        return min(5, max(1, round(self.mood + shift + noise)))

    def _yes_share(self, key: str) -> float:
        if key == "knew_where":
            return min(0.95, max(0.25, 0.5 + 0.12 * (self.mood - 3)))
        if key == "went_wrong":
            return min(0.6, max(0.03, 0.08 + 0.15 * (4.2 - self.mood)))
        return YES_SHARES.get(key, 0.6)

    def _number(self, question: QuestionSpec) -> str:
        if question.key == "household":
            return str(_pick(self.rng, HOUSEHOLD))
        low, high = self.traits.years if question.key == "years_using" else (0, 10)
        if question.min_value is not None:
            low = max(low, int(question.min_value))
        if question.max_value is not None:
            high = min(high, int(question.max_value))
        return str(low + round((high - low) * self.rng.betavariate(1.3, 3.0)))

    def _options(self, question: QuestionSpec, how_many: int) -> list[str]:
        """Up to `how_many` different options, chosen by weight; "other" only where a text can go with it."""
        weights = self.traits.services if question.key == "service_main" else OPTION_WEIGHTS.get(question.key)
        others = OTHER_TEXTS[self.language]
        pool = {
            option.key: (weights.get(option.key, 0) if weights else 1)
            for option in question.options
            if not option.is_other or question.key in others
        }
        pool = {key: weight for key, weight in pool.items() if weight > 0}
        chosen: list[str] = []
        while pool and len(chosen) < how_many:
            key = _pick(self.rng, pool)
            del pool[key]
            if ALONE.get(question.key) == key:
                return chosen or [key]
            chosen.append(key)
        return chosen or [question.options[0].key]

    def _other_text(self, question: QuestionSpec, chosen: list[str]) -> str:
        if not any(option.is_other and option.key in chosen for option in question.options):
            return ""
        return self.rng.choice(OTHER_TEXTS[self.language][question.key])

    def _comment(self, key: str) -> str:
        kind = TEXT_KINDS.get(key)
        if kind is None:
            return ""
        share = {"liked": 0.12, "improve": 0.10, "went_wrong": 0.55, "missing": 0.3}[kind]
        if kind == "liked" and self.mood > 4.3:
            share += 0.06
        if kind == "improve" and self.mood < 3.4:
            share += 0.12
        if self.rng.random() >= share:
            return ""
        pool = COMMENTS[self.language][kind] + KIND_COMMENTS.get(self.language, {}).get(self.kind, {}).get(kind, [])
        return self.rng.choice(pool)
