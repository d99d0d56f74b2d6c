"""Signals demo data: three years of questions, requests, complaints, suggestions and praise in both municipalities.

Everything goes through the services people use: the municipality's topics and answer templates, then each
signal received (`signal_receive`: most questions by phone or at the desk are answered on the spot) and
handled as its history says: assigned (or answered straight from the queue), sometimes forwarded to the right
institution, waiting for a document, answered with a template (and a knowledge article, when the knowledge
base has some), closed, rated, now and then reopened or merged as a duplicate; two complaints became
nonconformities. Each step is entered at the time it happened (`at=`); a step whose time has not come yet is
not taken, so the last weeks' signals stand open in the queues, some due soon and some overdue by days or
weeks, as they would on a real Monday.

Klaipėda's signals are in Lithuanian, Kuldīga's in Latvian. A seeded random generator keeps the data the same
on every machine for the same day. The demo e-mails no one: the services e-mail the person when a signal is
answered or forwarded, so an e-mail address is given only to the signals the demo leaves unanswered and where
it is. Idempotent: a municipality that has signals already is left alone.
"""

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from enum import Enum
from zoneinfo import ZoneInfo

from django.utils import timezone, translation

from kokybe.accounts.models import User
from kokybe.core.texts import Texts
from kokybe.core.workdays import TIME_ZONES, local_date, working_day_after
from kokybe.demo import data
from kokybe.inquiries.deadlines import policies_held
from kokybe.inquiries.models import AnswerTemplate, Channel, Kind, Signal, Topic
from kokybe.inquiries.selectors import handlers
from kokybe.inquiries.services import handling, handling_answer, handling_nonconformity, handling_settings, rating
from kokybe.inquiries.services.intake import signal_receive
from kokybe.knowledge.models import Article
from kokybe.knowledge.selectors import readable_articles
from kokybe.nonconformities.models import Severity
from kokybe.tenancy.models import Institution, Municipality

MONTHS = 36
# Signals a month, on average, per institution. Through the services a call answered on the spot costs about 11
# queries (received, answered and closed at once), a signal handled from the queue 17 to 30: some 3,000 signals,
# 20 queries each on average, the largest part of the demo's loading time.
PER_INSTITUTION_MONTH = {"klaipeda": 6.5, "kuldiga": 6.5}
QUEUE_SHARE = 0.08  # of signals that reach the municipality's own queue rather than an institution
BACKLOG_DAYS = 45  # the last weeks' signals: some still wait for someone to take them, some for an answer
BACKLOG_UNASSIGNED = 0.25
BACKLOG_STALLED = 0.25
# And in every queue, this many of the last days' signals still open: the first not taken yet, the others taken,
# so whoever signs in always finds signals to take, answer and forward (the handling browser test does all three).
OPEN_NOW_PER_PLACE = 4
OPEN_NOW_DAYS = 8
STALLED_NOW = 4  # in each municipality, this many signals of two to five weeks ago still unanswered
STALLED_NOW_DAYS = (15, 35)
# Phone calls are the most, then the web form, e-mail, visits, letters, the proposals box and social networks.
CHANNEL_WEIGHTS = {
    Channel.PHONE: 40,
    Channel.WEB: 19,
    Channel.EMAIL: 15,
    Channel.IN_PERSON: 14,
    Channel.LETTER: 5,
    Channel.BOX: 4,
    Channel.SOCIAL: 3,
}
# What comes by each channel: calls and visits are mostly questions, letters carry requests and complaints,
# the proposals box what people would rather not say to someone's face.
KIND_WEIGHTS: dict[str, dict[str, int]] = {
    Channel.PHONE: {Kind.QUESTION: 72, Kind.SERVICE_REQUEST: 10, Kind.COMPLAINT: 8, Kind.SUGGESTION: 3, Kind.PRAISE: 7},
    Channel.IN_PERSON: {
        Kind.QUESTION: 58,
        Kind.SERVICE_REQUEST: 22,
        Kind.COMPLAINT: 8,
        Kind.SUGGESTION: 4,
        Kind.PRAISE: 8,
    },
    Channel.WEB: {
        Kind.QUESTION: 45,
        Kind.SERVICE_REQUEST: 20,
        Kind.COMPLAINT: 15,
        Kind.SUGGESTION: 10,
        Kind.PRAISE: 10,
    },
    Channel.EMAIL: {
        Kind.QUESTION: 40,
        Kind.SERVICE_REQUEST: 25,
        Kind.COMPLAINT: 15,
        Kind.SUGGESTION: 8,
        Kind.PRAISE: 12,
    },
    Channel.LETTER: {
        Kind.QUESTION: 15,
        Kind.SERVICE_REQUEST: 40,
        Kind.COMPLAINT: 30,
        Kind.SUGGESTION: 5,
        Kind.PRAISE: 10,
    },
    Channel.BOX: {Kind.COMPLAINT: 35, Kind.SUGGESTION: 40, Kind.PRAISE: 25},
    Channel.SOCIAL: {Kind.QUESTION: 40, Kind.COMPLAINT: 25, Kind.SUGGESTION: 15, Kind.PRAISE: 20},
}
# A consultant answers most questions asked by phone or at the desk there and then (one step: answered, closed).
ON_THE_SPOT = {Channel.PHONE: 0.8, Channel.IN_PERSON: 0.65}
# Complaints and requests are given to someone to handle; most questions, suggestions and praise are answered
# straight from the institution's queue by whoever takes them (the answer makes them the assignee).
ASSIGNED_FIRST: dict[str, float] = {
    Kind.COMPLAINT: 1.0,
    Kind.SERVICE_REQUEST: 0.8,
    Kind.SUGGESTION: 0.25,
    Kind.QUESTION: 0.2,
    Kind.PRAISE: 0.1,
}


@dataclass(frozen=True)
class TopicSpec:
    key: str
    names: Texts


@dataclass(frozen=True)
class Story:
    """What a person writes: the kind of signal, its topic, a subject and the text."""

    kind: str
    topic: str
    subject: str
    text: str


@dataclass(frozen=True)
class Words:
    """The sentences of one language: stories, answers and the reasons given for steps."""

    topics: tuple[TopicSpec, ...]
    stories: tuple[Story, ...]
    templates: dict[str, tuple[str, Texts]]  # kind: (title, body)
    on_the_spot: tuple[str, ...]
    forward_reason: str
    wait_reason: str
    praise_closed: str
    reopen_reason: str
    follow_up: str
    rating_comments: dict[int, str]
    nonconformity: tuple[str, str]  # process, description
    names: tuple[str, ...]
    topics_of: dict[str, tuple[str, ...]]  # institution key: the topics it is asked about


LT = Words(
    topics=(
        TopicSpec("home_help", {"lt": "Pagalba į namus", "en": "Home help"}),
        TopicSpec("day_care", {"lt": "Dienos socialinė globa", "en": "Day care"}),
        TopicSpec("long_term_care", {"lt": "Ilgalaikė socialinė globa", "en": "Long-term care"}),
        TopicSpec("benefits", {"lt": "Socialinės išmokos ir kompensacijos", "en": "Social benefits"}),
        TopicSpec("transport", {"lt": "Specialusis transportas", "en": "Special transport"}),
        TopicSpec("meals", {"lt": "Maitinimas", "en": "Meals"}),
        TopicSpec("housing", {"lt": "Nakvynė ir apgyvendinimas", "en": "Shelter and accommodation"}),
        TopicSpec("families", {"lt": "Pagalba šeimoms ir vaikams", "en": "Families and children"}),
        TopicSpec("conduct", {"lt": "Aptarnavimas ir darbuotojų elgesys", "en": "Service and staff conduct"}),
    ),
    stories=(
        Story(
            Kind.QUESTION,
            "home_help",
            "Kaip gauti pagalbą į namus",
            "Mano mamai 84 metai, ji gyvena viena ir nebegali pati apsipirkti. Kaip gauti pagalbos į namus "
            "paslaugą ir kiek ji kainuotų?",
        ),
        Story(
            Kind.QUESTION,
            "home_help",
            "Lankymo laikas",
            "Ar socialinė darbuotoja galėtų ateiti ne antradieniais, o ketvirtadieniais? Antradieniais tėtis "
            "važiuoja į polikliniką.",
        ),
        Story(
            Kind.QUESTION,
            "benefits",
            "Kompensacija už šildymą",
            "Ar galiu gauti kompensaciją už būsto šildymą, jei gaunu tik senatvės pensiją? Kokių dokumentų reikia?",
        ),
        Story(
            Kind.QUESTION,
            "benefits",
            "Socialinė pašalpa",
            "Netekau darbo prieš mėnesį. Ar galiu kreiptis dėl socialinės pašalpos ir kur pateikti prašymą?",
        ),
        Story(
            Kind.QUESTION,
            "day_care",
            "Vietos dienos centre",
            "Ar yra laisvų vietų dienos centre sūnui su negalia nuo rugsėjo? Kiek laiko tenka laukti eilėje?",
        ),
        Story(
            Kind.QUESTION,
            "long_term_care",
            "Globos namų eilė",
            "Kiek laiko reikia laukti vietos globos namuose ir ar galima susipažinti su sąlygomis iš anksto?",
        ),
        Story(
            Kind.QUESTION,
            "transport",
            "Nuvežimas pas gydytoją",
            "Reikia nuvežti vežimėlyje sėdinčią žmoną į ligoninę ketvirtadienį 10 val. Ar galite padėti ir kiek "
            "tai kainuotų?",
        ),
        Story(
            Kind.QUESTION,
            "families",
            "Konsultacija šeimai",
            "Norėtume su vyru pasikonsultuoti dėl paauglės elgesio. Ar teikiate psichologo konsultacijas šeimoms?",
        ),
        Story(
            Kind.QUESTION,
            "housing",
            "Nakvynė žiemą",
            "Pažįstamas neturi kur gyventi, o naktimis jau šąla. Kur jis gali kreiptis ir ar reikia dokumentų?",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "home_help",
            "Prašymas dėl pagalbos į namus",
            "Prašau skirti pagalbos į namus paslaugą mano tėvui (gim. 1941 m.), gyvenančiam Taikos pr. Po "
            "insulto jam sunku pasirūpinti savimi.",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "transport",
            "Specialiojo transporto užsakymas",
            "Prašau suteikti specialųjį transportą kas antrą savaitę į hemodializės procedūras.",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "day_care",
            "Prašymas dėl dienos socialinės globos",
            "Prašau priimti mano dukrą su intelekto negalia į dienos socialinės globos grupę.",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "benefits",
            "Kompensacijos perskaičiavimas",
            "Prašau perskaičiuoti kompensaciją už šildymą, nes pasikeitė šeimos pajamos.",
        ),
        Story(
            Kind.COMPLAINT,
            "meals",
            "Atvėsę pietūs",
            "Jau trečią kartą šią savaitę pietūs atvežti visiškai atvėsę, o porcijos mažesnės nei anksčiau.",
        ),
        Story(
            Kind.COMPLAINT,
            "home_help",
            "Darbuotoja neatvyko",
            "Sutartu laiku socialinė darbuotoja neatvyko ir niekas nepranešė. Mama laukė visą dieną.",
        ),
        Story(
            Kind.COMPLAINT,
            "conduct",
            "Nemandagus aptarnavimas",
            "Skyriuje su manimi kalbėjo pakeltu tonu ir liepė ateiti kitą dieną, nors atėjau priėmimo valandomis.",
        ),
        Story(
            Kind.COMPLAINT,
            "benefits",
            "Ilgai nagrinėjamas prašymas",
            "Prašymą dėl kompensacijos pateikiau prieš du mėnesius, bet atsakymo vis dar negavau.",
        ),
        Story(
            Kind.SUGGESTION,
            "conduct",
            "Darbo laikas",
            "Siūlau bent vieną dieną per savaitę priimti lankytojus iki 19 val., kad dirbantys galėtų atvykti.",
        ),
        Story(
            Kind.SUGGESTION,
            "day_care",
            "Užsiėmimai savaitgaliais",
            "Būtų puiku, jei dienos centre šeštadieniais vyktų bent keli užsiėmimai.",
        ),
        Story(
            Kind.SUGGESTION,
            "benefits",
            "Prašymai internetu",
            "Siūlau leisti prašymus kompensacijoms pateikti internetu, nes eilėje tenka laukti ilgai.",
        ),
        Story(
            Kind.PRAISE,
            "home_help",
            "Padėka socialinei darbuotojai",
            "Nuoširdžiai dėkoju socialinei darbuotojai už rūpestį mano mama. Ji visada randa laiko pasikalbėti.",
        ),
        Story(
            Kind.PRAISE,
            "long_term_care",
            "Ačiū globos namų kolektyvui",
            "Dėkojame visam kolektyvui už šiltą tėčio priežiūrą paskutiniais jo gyvenimo mėnesiais.",
        ),
        Story(
            Kind.PRAISE,
            "families",
            "Padėka psichologei",
            "Ačiū psichologei už konsultacijas, mūsų šeimai jos labai padėjo.",
        ),
    ),
    templates={
        Kind.QUESTION: (
            "Atsakymas į klausimą",
            {
                "lt": "Laba diena,\n\ndėkojame, kad kreipėtės. Informuojame, kad dėl šios paslaugos reikia pateikti "
                "prašymą ir asmens dokumentą; daugiau informacijos rasite paslaugų aprašyme arba paskambinę "
                "mums darbo valandomis.\n\nPagarbiai",
                "en": "Hello,\n\nthank you for contacting us. To receive this service, please submit an application "
                "with an identity document; the service description has more details, or call us during "
                "office hours.\n\nKind regards",
            },
        ),
        Kind.SERVICE_REQUEST: (
            "Prašymas priimtas",
            {
                "lt": "Laba diena,\n\nJūsų prašymas išnagrinėtas: paslauga skirta. Socialinis darbuotojas susisieks su "
                "Jumis per tris darbo dienas ir suderins pirmo apsilankymo laiką.\n\nPagarbiai",
                "en": "Hello,\n\nyour request has been examined and the service granted. A social worker will contact "
                "you within three working days to arrange the first visit.\n\nKind regards",
            },
        ),
        Kind.COMPLAINT: (
            "Atsakymas į skundą",
            {
                "lt": "Laba diena,\n\natsiprašome už nepatogumus. Išnagrinėjome Jūsų skundą, aptarėme situaciją su "
                "atsakingais darbuotojais ir ėmėmės priemonių, kad tai nepasikartotų.\n\nPagarbiai",
                "en": "Hello,\n\nwe apologise for the inconvenience. We examined your complaint, discussed it with the "
                "staff responsible and took measures so that it does not happen again.\n\nKind regards",
            },
        ),
        Kind.SUGGESTION: (
            "Atsakymas į pasiūlymą",
            {
                "lt": "Laba diena,\n\ndėkojame už pasiūlymą. Jį aptarėme vadovų pasitarime ir įvertinsime rengdami "
                "kitų metų veiklos planą.\n\nPagarbiai",
                "en": "Hello,\n\nthank you for your suggestion. We discussed it at the management meeting and will "
                "consider it when preparing next year's plan.\n\nKind regards",
            },
        ),
        Kind.PRAISE: (
            "Padėka už padėką",
            {
                "lt": "Laba diena,\n\nnuoširdžiai dėkojame už gerus žodžius. Juos perdavėme darbuotojams.\n\nPagarbiai",
                "en": "Hello,\n\nthank you very much for your kind words. We passed them on to our staff."
                "\n\nKind regards",
            },
        ),
    },
    on_the_spot=(
        "Paaiškinta, kokių dokumentų reikia ir kur pateikti prašymą.",
        "Suteikta informacija apie paslaugos kainą ir eilę.",
        "Nukreipta į seniūnijos socialinę darbuotoją, duotas telefono numeris.",
    ),
    forward_reason="Klausimas dėl šios įstaigos teikiamos paslaugos: prašome atsakyti asmeniui.",
    wait_reason="Paprašyta pateikti pažymą apie šeimos pajamas ir gydytojo išvadą.",
    praise_closed="Padėka perduota darbuotojams ir įstaigos vadovui; atsakymo nereikia.",
    reopen_reason="Asmuo parašė, kad atsakymas neišsamus: neaišku, nuo kada paslauga bus teikiama.",
    follow_up="Papildome: paslauga bus pradėta teikti nuo kito mėnesio pirmos darbo dienos.",
    rating_comments={
        1: "Atsakymas formalus, mano klausimas liko neišspręstas.",
        2: "Atsakė, bet tik po ilgo laiko.",
        5: "Greitai ir aiškiai atsakė, ačiū.",
    },
    nonconformity=("Maitinimas", "Pietūs klientams pristatomi atvėsę: pažeistas maisto išvežiojimo grafikas."),
    names=("Ona Petrauskienė", "Jonas Kazlauskas", "Aldona Jankauskienė", "Vytautas Stankevičius", "Rima Vasiliauskė"),
    topics_of={
        "sps": ("benefits", "benefits", "conduct", "home_help"),
        "spc": ("home_help", "home_help", "transport", "families"),
        "lakstute": ("day_care", "day_care", "transport"),
        "sveikata": ("families", "families", "conduct"),
        "dane": ("home_help", "day_care", "meals", "housing"),
        "globos-namai": ("long_term_care", "long_term_care", "meals"),
        "rytas": ("families", "conduct"),
        "nakvynes-namai": ("housing", "housing", "meals"),
        "": ("benefits", "conduct", "home_help", "housing"),
    },
)

LV = Words(
    topics=(
        TopicSpec("home_help", {"lv": "Aprūpe mājās", "en": "Home care"}),
        TopicSpec("day_care", {"lv": "Dienas aprūpes centrs", "en": "Day care"}),
        TopicSpec("long_term_care", {"lv": "Ilgstošā sociālā aprūpe", "en": "Long-term care"}),
        TopicSpec("benefits", {"lv": "Sociālā palīdzība un pabalsti", "en": "Social assistance and benefits"}),
        TopicSpec("transport", {"lv": "Transporta pakalpojums", "en": "Transport service"}),
        TopicSpec("meals", {"lv": "Ēdināšana", "en": "Meals"}),
        TopicSpec("families", {"lv": "Atbalsts ģimenēm ar bērniem", "en": "Families and children"}),
        TopicSpec("conduct", {"lv": "Apkalpošana un darbinieku attieksme", "en": "Service and staff conduct"}),
    ),
    stories=(
        Story(
            Kind.QUESTION,
            "home_help",
            "Kā saņemt aprūpi mājās",
            "Manai mammai ir 86 gadi, viņa dzīvo viena un vairs nevar pati iepirkties. Kā pieteikt aprūpi mājās "
            "un cik tā maksā?",
        ),
        Story(
            Kind.QUESTION,
            "benefits",
            "Mājokļa pabalsts",
            "Vai varu saņemt mājokļa pabalstu, ja saņemu tikai vecuma pensiju? Kādi dokumenti jāiesniedz?",
        ),
        Story(
            Kind.QUESTION,
            "benefits",
            "Trūcīgas personas statuss",
            "Pirms mēneša zaudēju darbu. Vai varu pieteikties trūcīgas personas statusam un kur to izdarīt?",
        ),
        Story(
            Kind.QUESTION,
            "day_care",
            "Vietas dienas centrā",
            "Vai dienas centrā „Saulstari“ ir brīvas vietas no septembra? Cik ilgi jāgaida rindā?",
        ),
        Story(
            Kind.QUESTION,
            "long_term_care",
            "Rinda aprūpes centrā",
            "Cik ilgi jāgaida vieta aprūpes centrā un vai var iepriekš apskatīt telpas?",
        ),
        Story(
            Kind.QUESTION,
            "transport",
            "Nokļūšana pie ārsta",
            "Sievai ratiņkrēslā ceturtdien jābūt slimnīcā Liepājā. Vai varat palīdzēt ar transportu?",
        ),
        Story(
            Kind.QUESTION,
            "families",
            "Psihologa konsultācija",
            "Vai ģimenes atbalsta centrā var saņemt psihologa konsultāciju pusaudzim un cik ilgi jāgaida?",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "home_help",
            "Iesniegums aprūpei mājās",
            "Lūdzu piešķirt aprūpi mājās manam tēvam (dz. 1940. g.), kurš pēc insulta nespēj pats par sevi parūpēties.",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "transport",
            "Transporta pakalpojuma pieteikums",
            "Lūdzu nodrošināt transportu divas reizes nedēļā uz dialīzes procedūrām Kuldīgas slimnīcā.",
        ),
        Story(
            Kind.SERVICE_REQUEST,
            "day_care",
            "Pieteikums dienas aprūpes centram",
            "Lūdzu uzņemt manu meitu ar garīga rakstura traucējumiem dienas aprūpes centrā.",
        ),
        Story(
            Kind.COMPLAINT,
            "meals",
            "Atdzisušas pusdienas",
            "Jau trešo reizi šonedēļ pusdienas atvestas pilnīgi atdzisušas, un porcijas ir mazākas nekā agrāk.",
        ),
        Story(
            Kind.COMPLAINT,
            "home_help",
            "Aprūpētāja neieradās",
            "Norunātajā laikā aprūpētāja neieradās, un neviens nepaziņoja. Mamma gaidīja visu dienu.",
        ),
        Story(
            Kind.COMPLAINT,
            "conduct",
            "Nelaipna apkalpošana",
            "Sociālajā dienestā ar mani runāja paaugstinātā balsī un lika nākt citu dienu, lai gan atnācu "
            "pieņemšanas laikā.",
        ),
        Story(
            Kind.SUGGESTION,
            "conduct",
            "Pieņemšanas laiks",
            "Iesaku vismaz vienu dienu nedēļā pieņemt apmeklētājus līdz plkst. 19, lai strādājošie varētu atnākt.",
        ),
        Story(
            Kind.SUGGESTION,
            "day_care",
            "Nodarbības sestdienās",
            "Būtu lieliski, ja dienas centrā sestdienās notiktu vismaz dažas nodarbības.",
        ),
        Story(
            Kind.PRAISE,
            "home_help",
            "Paldies aprūpētājai",
            "Sirsnīgs paldies aprūpētājai par rūpēm par manu mammu. Viņa vienmēr atrod laiku aprunāties.",
        ),
        Story(
            Kind.PRAISE,
            "long_term_care",
            "Paldies aprūpes centra kolektīvam",
            "Pateicamies visam kolektīvam par siltu tēta aprūpi viņa pēdējos dzīves mēnešos.",
        ),
    ),
    templates={
        Kind.QUESTION: (
            "Atbilde uz jautājumu",
            {
                "lv": "Labdien!\n\nPaldies, ka sazinājāties. Lai saņemtu šo pakalpojumu, jāiesniedz iesniegums un "
                "personu apliecinošs dokuments; vairāk informācijas pakalpojuma aprakstā vai, zvanot mums darba "
                "laikā.\n\nAr cieņu",
                "en": "Hello,\n\nthank you for contacting us. To receive this service, please submit an application "
                "with an identity document; the service description has more details, or call us during "
                "office hours.\n\nKind regards",
            },
        ),
        Kind.SERVICE_REQUEST: (
            "Iesniegums izskatīts",
            {
                "lv": "Labdien!\n\nJūsu iesniegums ir izskatīts un pakalpojums piešķirts. Sociālais darbinieks ar Jums "
                "sazināsies trīs darba dienu laikā, lai vienotos par pirmo apmeklējumu.\n\nAr cieņu",
                "en": "Hello,\n\nyour request has been examined and the service granted. A social worker will contact "
                "you within three working days to arrange the first visit.\n\nKind regards",
            },
        ),
        Kind.COMPLAINT: (
            "Atbilde uz sūdzību",
            {
                "lv": "Labdien!\n\nAtvainojamies par sagādātajām neērtībām. Izskatījām Jūsu sūdzību, pārrunājām "
                "situāciju ar atbildīgajiem darbiniekiem un veicām pasākumus, lai tas neatkārtotos.\n\nAr cieņu",
                "en": "Hello,\n\nwe apologise for the inconvenience. We examined your complaint, discussed it with the "
                "staff responsible and took measures so that it does not happen again.\n\nKind regards",
            },
        ),
        Kind.SUGGESTION: (
            "Atbilde uz priekšlikumu",
            {
                "lv": "Labdien!\n\nPaldies par priekšlikumu. Mēs to pārrunājām vadības sanāksmē un izvērtēsim, "
                "gatavojot nākamā gada darba plānu.\n\nAr cieņu",
                "en": "Hello,\n\nthank you for your suggestion. We discussed it at the management meeting and will "
                "consider it when preparing next year's plan.\n\nKind regards",
            },
        ),
        Kind.PRAISE: (
            "Paldies par pateicību",
            {
                "lv": "Labdien!\n\nSirsnīgs paldies par labajiem vārdiem. Mēs tos nodevām darbiniekiem.\n\nAr cieņu",
                "en": "Hello,\n\nthank you very much for your kind words. We passed them on to our staff."
                "\n\nKind regards",
            },
        ),
    },
    on_the_spot=(
        "Izskaidrots, kādi dokumenti vajadzīgi un kur iesniegt iesniegumu.",
        "Sniegta informācija par pakalpojuma cenu un rindu.",
        "Nosūtīts pie pagasta sociālā darbinieka, iedots tālruņa numurs.",
    ),
    forward_reason="Jautājums par šīs iestādes pakalpojumu: lūdzam atbildēt iesniedzējam.",
    wait_reason="Lūgts iesniegt izziņu par ģimenes ienākumiem un ārsta atzinumu.",
    praise_closed="Pateicība nodota darbiniekiem un iestādes vadītājam; atbilde nav vajadzīga.",
    reopen_reason="Iesniedzējs rakstīja, ka atbilde nav pilnīga: nav skaidrs, no kura datuma sāksies pakalpojums.",
    follow_up="Papildinām: pakalpojumu sāks sniegt no nākamā mēneša pirmās darba dienas.",
    rating_comments={
        1: "Atbilde formāla, mans jautājums palika neatrisināts.",
        2: "Atbildēja, bet tikai pēc ilga laika.",
        5: "Ātri un skaidri atbildēja, paldies.",
    },
    nonconformity=("Ēdināšana", "Pusdienas klientiem piegādātas atdzisušas: netika ievērots piegādes grafiks."),
    names=("Anna Ozola", "Jānis Bērziņš", "Skaidrīte Kalniņa", "Pēteris Liepiņš", "Inese Zariņa"),
    topics_of={
        "socialais-dienests": ("benefits", "benefits", "home_help", "transport", "conduct"),
        "aprupes-centrs": ("long_term_care", "long_term_care", "meals"),
        "gimenes-centrs": ("families", "families", "conduct"),
        "dienas-centrs": ("day_care", "day_care", "transport"),
        "": ("benefits", "conduct", "home_help"),
    },
)

WORDS = {"lt": LT, "lv": LV}

# Working days to the first answer, by kind: mostly well within the default deadline, a tail of late ones.
ANSWER_DAYS: dict[str, tuple[tuple[int, ...], tuple[int, ...]]] = {
    Kind.QUESTION: ((0, 1, 2, 3, 4, 5, 7), (22, 26, 18, 12, 9, 7, 6)),
    Kind.SERVICE_REQUEST: ((2, 4, 6, 8, 10, 13), (10, 22, 25, 20, 15, 8)),
    Kind.COMPLAINT: ((3, 6, 10, 14, 18, 20, 25), (8, 15, 22, 20, 17, 10, 8)),
    Kind.SUGGESTION: ((2, 5, 10, 15, 20, 24), (12, 20, 25, 22, 14, 7)),
    Kind.PRAISE: ((0, 1, 2, 4, 8), (20, 30, 25, 15, 10)),
}
RATING_WEIGHTS = ((1, 2, 3, 4, 5), (6, 7, 14, 33, 40))


class Opening(Enum):
    """Where a signal stands now: handled as far as its plan goes, or still open and taken or not yet."""

    HANDLED = "handled"
    UNTAKEN = "untaken"
    TAKEN = "taken"


@dataclass
class Place:
    """An institution (or the municipality queue) with the people who handle its signals."""

    key: str
    institution: Institution | None
    handlers: list[User]


@dataclass
class Setting:
    municipality: Municipality
    words: Words
    places: list[Place]
    topics: dict[str, Topic]
    templates: dict[str, AnswerTemplate]
    articles: list[Article]
    now: datetime
    reporter: dict[str, User] = field(default_factory=dict)  # institution key: who reports nonconformities there


def inquiries_load() -> None:
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        if Signal.objects.filter(municipality=municipality).exists():
            continue
        rng = random.Random(f"signals:{spec.slug}")  # noqa: S311 (demo data, not secrets)
        setting = _setting(municipality, spec)
        # In the municipality's language, as its staff would work: the audit trail keeps names as written.
        with policies_held(), translation.override(spec.language):  # policies held: no one changes them meanwhile
            _signals(setting, rng)


def _setting(municipality: Municipality, spec: data.MunicipalitySpec) -> Setting:
    words = WORDS[spec.language]
    coordinator = User.objects.get(
        email=next(a.email for a in data.ACCOUNTS if a.municipality == spec.slug and a.institution is None)
    )
    topics = {topic.key: _topic(municipality, coordinator, topic) for topic in words.topics}
    templates = {
        kind: _template(municipality, coordinator, kind, title, body) for kind, (title, body) in words.templates.items()
    }
    institutions = {i.name: i for i in Institution.objects.filter(municipality=municipality)}
    places = [Place("", None, _demo_accounts_first(handlers(municipality, None)))]
    for institution_spec in spec.institutions:
        institution = institutions[institution_spec.name]
        own = handlers(municipality, institution).filter(
            memberships__municipality=municipality, memberships__institution=institution
        )
        places.append(Place(institution_spec.key, institution, _demo_accounts_first(own) or places[0].handlers))
    return Setting(
        municipality=municipality,
        words=words,
        places=places,
        topics=topics,
        templates=templates,
        articles=list(readable_articles(municipality, public_only=False)[:20]),
        now=timezone.now(),
    )


def _demo_accounts_first(users: Iterable[User]) -> list[User]:
    """The people one signs in as come first: the most signals are theirs (see `_handler`)."""
    accounts = {account.email for account in data.ACCOUNTS}
    return sorted(set(users), key=lambda user: (user.email not in accounts, user.email))


def _topic(municipality: Municipality, actor: User, spec: TopicSpec) -> Topic:
    existing = Topic.objects.filter(municipality=municipality)
    for topic in existing:
        if topic.name == spec.names:
            return topic
    return handling_settings.topic_create(actor=actor, municipality=municipality, name=spec.names)


def _template(municipality: Municipality, actor: User, kind: str, title: str, body: Texts) -> AnswerTemplate:
    found = AnswerTemplate.objects.filter(municipality=municipality, title=title).first()
    if found is not None:
        return found
    return handling_settings.answer_template_create(
        actor=actor, municipality=municipality, title=title, body=body, kind=kind
    )


def _signals(setting: Setting, rng: random.Random) -> None:
    """Month by month over three years, each place's signals, received and handled in the order they happened."""
    zone = TIME_ZONES[setting.municipality.country]
    today = local_date(setting.municipality.country, setting.now)
    first = (today.replace(day=1) - timedelta(days=31 * (MONTHS - 1))).replace(day=1)
    rate = PER_INSTITUTION_MONTH[setting.municipality.slug]
    arrivals: list[tuple[datetime, Place, Opening]] = []
    institutions = [place for place in setting.places if place.institution is not None]
    for month_start in _months(first, today):
        count = round(rng.gauss(rate * len(institutions), rate))
        for _ in range(max(0, count)):
            place = setting.places[0] if rng.random() < QUEUE_SHARE else rng.choice(institutions)
            arrivals.append((_arrival(rng, month_start, zone), place, Opening.HANDLED))
    for place in setting.places:  # every queue has some of this week's signals still open
        for number in range(OPEN_NOW_PER_PLACE):
            opening = Opening.UNTAKEN if number == 0 else Opening.TAKEN
            arrivals.append((setting.now - timedelta(hours=rng.uniform(2, 24 * OPEN_NOW_DAYS)), place, opening))
    for _ in range(STALLED_NOW):  # and a few taken weeks ago and not answered yet: most of them overdue
        when = setting.now - timedelta(days=rng.uniform(*STALLED_NOW_DAYS))
        arrivals.append((when, rng.choice(institutions), Opening.TAKEN))
    arrivals = sorted((arrival for arrival in arrivals if arrival[0] < setting.now), key=lambda arrival: arrival[0])
    complaints_reported = 0
    for when, place, opening in arrivals:
        signal = _history(setting, rng, when, place, opening)
        if (
            complaints_reported < 2
            and signal.kind == Kind.COMPLAINT
            and signal.topic_id == setting.topics["meals"].pk
            and signal.institution is not None
            and (setting.now - when).days < 400
        ):
            _nonconformity(setting, signal, when)
            complaints_reported += 1


def _months(first: date, last: date) -> list[date]:
    months, month = [], first
    while month <= last:
        months.append(month)
        month = (month + timedelta(days=32)).replace(day=1)
    return months


def _arrival(rng: random.Random, month_start: date, zone: ZoneInfo) -> datetime:
    day = month_start + timedelta(days=rng.randrange(28))
    if day.weekday() >= 5 and rng.random() < 0.8:  # weekends are quiet: most move to the Monday
        day += timedelta(days=7 - day.weekday())
    hour = rng.choices(range(7, 22), weights=(2, 8, 12, 12, 11, 8, 9, 10, 9, 7, 4, 3, 2, 2, 1))[0]
    return datetime.combine(day, time(hour, rng.randrange(60)), tzinfo=zone)


@dataclass
class Plan:
    """When each step of a signal's handling happens; steps after now are not taken (yet)."""

    handler: User
    taken_at: datetime  # someone takes it from the queue: assigns it, or acts on it straight away
    assigned: bool  # given to the handler first; else the first step (the answer) makes them the assignee
    forward: tuple[Place, User, datetime] | None  # to, their handler, when
    wait: tuple[datetime, datetime] | None  # asked for a document, got it
    answer_at: datetime
    praise_closed: bool  # a praise closed with thanks passed on, no answer
    close_after: timedelta | None  # None: closed with the answer
    reopen: tuple[timedelta, timedelta] | None  # after closing; the follow-up after reopening
    rating: tuple[int, timedelta] | None
    duplicate: bool
    forgotten: bool  # one of the last weeks' signals, taken and not answered yet (some of them overdue)

    def mails_before(self, now: datetime) -> bool:
        """Whether a step that e-mails the person (a forward, an answer) happens before now."""
        forwarded = self.forward is not None and self.forward[2] < now
        answered = not self.forgotten and not self.praise_closed and self.answer_at < now
        return forwarded or answered


def _history(setting: Setting, rng: random.Random, received_at: datetime, place: Place, opening: Opening) -> Signal:
    """Receive one signal and take the steps its plan holds, each at its time, none after now."""
    still_open = opening != Opening.HANDLED
    words, municipality = setting.words, setting.municipality
    topic_key = rng.choice(words.topics_of[place.key])
    channel = rng.choices(list(CHANNEL_WEIGHTS), weights=list(CHANNEL_WEIGHTS.values()))[0]
    kinds = KIND_WEIGHTS[channel]
    kind = rng.choices(list(kinds), weights=list(kinds.values()))[0]
    story = _story(words, topic_key, kind, rng)
    handler = _handler(place, rng)
    anonymous = channel == Channel.BOX or rng.random() < 0.12
    name = "" if anonymous else rng.choice(words.names)
    on_the_spot = (
        story.kind == Kind.QUESTION
        and handler is not None
        and not still_open
        and rng.random() < ON_THE_SPOT.get(channel, 0)
    )
    plan = None
    if handler is not None and not on_the_spot:
        plan = _plan(setting, rng, received_at, story.kind, place, handler, opening)
    # The services e-mail the person when a signal is answered or forwarded: the demo's history must not.
    email = ""
    if (
        not anonymous
        and channel in (Channel.EMAIL, Channel.WEB)
        and (plan is None or not plan.mails_before(setting.now))
    ):
        email = _email(name, rng)
    signal = signal_receive(
        actor=handler if channel not in (Channel.WEB, Channel.EMAIL) else None,
        municipality=municipality,
        institution=place.institution,
        kind=story.kind,
        channel=channel,
        text=story.text,
        subject=story.subject,
        topic=setting.topics[story.topic],
        received_at=received_at,
        person_name=name,
        person_email=email,
        person_phone="" if anonymous or channel != Channel.PHONE else f"+{rng.randrange(10**10, 10**11)}",
        language=municipality.language,
        answer_on_the_spot=rng.choice(words.on_the_spot) if on_the_spot else "",
    ).signal
    if plan is not None:
        _handle(setting, signal, plan, rng)
    return signal


def _story(words: Words, topic_key: str, kind: str, rng: random.Random) -> Story:
    """What the person wrote: a story of the kind about the topic, else of the kind, else about the topic."""
    for candidates in (
        [s for s in words.stories if s.topic == topic_key and s.kind == kind],
        [s for s in words.stories if s.kind == kind],
        [s for s in words.stories if s.topic == topic_key],
    ):
        if candidates:
            return rng.choice(candidates)
    return rng.choice(words.stories)


def _plan(
    setting: Setting,
    rng: random.Random,
    received_at: datetime,
    kind: str,
    place: Place,
    handler: User,
    opening: Opening,
) -> Plan:
    country = setting.municipality.country
    recent = setting.now - received_at < timedelta(days=BACKLOG_DAYS)
    taken_at = received_at + timedelta(hours=rng.uniform(0.3, 6))
    if recent and rng.random() < BACKLOG_UNASSIGNED:
        taken_at += timedelta(days=rng.uniform(1, 8))
    still_open = opening != Opening.HANDLED
    if opening == Opening.UNTAKEN:
        taken_at = setting.now + timedelta(hours=1)  # nobody has taken it yet
    forgotten = still_open or (recent and rng.random() < BACKLOG_STALLED)
    moment = taken_at
    forward = None
    others = [p for p in setting.places if p.institution not in (None, place.institution) and p.handlers]
    if place.institution is not None and others and not still_open and rng.random() < 0.06:
        to = rng.choice(others)
        moment += timedelta(hours=rng.uniform(1, 20))
        forward = (to, _handler(to, rng) or handler, moment)
        moment += timedelta(hours=rng.uniform(1, 8))
    days_to_answer = rng.choices(*ANSWER_DAYS[kind])[0]
    answered_on = working_day_after(country, local_date(country, received_at), days_to_answer)
    answer_at = max(moment + timedelta(hours=1), _office_time(answered_on, rng, received_at))
    wait = None
    if kind == Kind.SERVICE_REQUEST and rng.random() < 0.35:
        asked = moment + timedelta(hours=rng.uniform(2, 24))
        got = asked + timedelta(days=rng.uniform(2, 15))
        wait = (asked, got)
        answer_at = max(answer_at + (got - asked), got + timedelta(hours=2))
    rated = rng.random() < 0.25
    return Plan(
        handler=handler,
        taken_at=taken_at,
        assigned=forgotten or forward is not None or rng.random() < ASSIGNED_FIRST[kind],
        forward=forward,
        wait=wait,
        answer_at=answer_at,
        praise_closed=kind == Kind.PRAISE and rng.random() < 0.6,
        close_after=None if rng.random() < 0.85 else timedelta(days=rng.uniform(1, 6)),
        reopen=(timedelta(days=rng.uniform(1, 5)), timedelta(days=rng.uniform(0.5, 4)))
        if rng.random() < 0.02
        else None,
        rating=(rng.choices(*RATING_WEIGHTS)[0], timedelta(hours=rng.uniform(2, 90))) if rated else None,
        duplicate=not still_open and rng.random() < 0.012,
        forgotten=forgotten,
    )


def _handle(setting: Setting, signal: Signal, plan: Plan, rng: random.Random) -> None:
    """Take the planned steps in order, up to now."""
    words, now = setting.words, setting.now
    handler = plan.handler
    if plan.taken_at >= now:
        return
    if plan.assigned:
        _assign(signal, handler, plan.taken_at)
    if plan.duplicate:
        _duplicate(setting, signal, handler, rng)
    if plan.forward is not None:
        to, their_handler, at = plan.forward
        if at >= now:
            return
        _forward(signal, handler, to, words.forward_reason, at)
        handler = their_handler
        _assign(signal, handler, at + timedelta(hours=1))
    if plan.wait is not None:
        asked, got = plan.wait
        if asked >= now:
            return
        _wait(signal, handler, words.wait_reason, asked)
        if got >= now:
            return
        _resume(signal, handler, got)
    if plan.forgotten or plan.answer_at >= now:
        return
    if plan.praise_closed:
        _close(signal, handler, words.praise_closed, plan.answer_at)
        return
    _answer(setting, signal, handler, plan.close_after is None, rng, plan.answer_at)
    closed_at = plan.answer_at
    if plan.close_after is not None:
        closed_at += plan.close_after
        if closed_at >= now:
            return
        _close(signal, handler, "", closed_at)
    if plan.reopen is not None:
        reopened_at = closed_at + plan.reopen[0]
        closed_at = reopened_at + plan.reopen[1]
        if reopened_at >= now:
            return
        _reopen(signal, handler, words.reopen_reason, reopened_at)
        if closed_at >= now:
            return
        _follow_up(signal, handler, words.follow_up, closed_at)
    if plan.rating is not None and closed_at + plan.rating[1] < now:
        value = plan.rating[0]
        _rate(signal, value, words.rating_comments.get(value, ""), closed_at + plan.rating[1])


def _handler(place: Place, rng: random.Random) -> User | None:
    if not place.handlers:
        return None
    # The first handlers (the demo accounts come first) get more of the work, as the people who are there most.
    weights = [3 if n == 0 else 1 for n in range(len(place.handlers))]
    return rng.choices(place.handlers, weights=weights)[0]


def _email(name: str, rng: random.Random) -> str:
    first = name.split()[0].lower().translate(str.maketrans("ąčęėįšųūžāēīķļņōŗ", "aceeisuuzaeiklnor"))
    return f"{first}.{rng.randrange(100, 999)}@example.org"


def _office_time(day: date, rng: random.Random, like: datetime) -> datetime:
    """A moment of office hours on `day`, in the time zone of `like`."""
    return datetime.combine(day, time(rng.randrange(8, 17), rng.randrange(60)), tzinfo=like.tzinfo)


def _assign(signal: Signal, handler: User, at: datetime) -> None:
    if signal.assignee_id != handler.pk:
        handling.signal_assign(actor=handler, signal=signal, assignee=handler, lock_version=signal.lock_version, at=at)


def _forward(signal: Signal, actor: User, to: Place, reason: str, at: datetime) -> None:
    assert to.institution is not None
    handling.signal_forward(
        actor=actor, signal=signal, institution=to.institution, reason=reason, lock_version=signal.lock_version, at=at
    )


def _wait(signal: Signal, actor: User, reason: str, at: datetime) -> None:
    handling.signal_wait(actor=actor, signal=signal, reason=reason, lock_version=signal.lock_version, at=at)


def _resume(signal: Signal, actor: User, at: datetime) -> None:
    handling.signal_resume(actor=actor, signal=signal, lock_version=signal.lock_version, at=at)


def _close(signal: Signal, actor: User, reason: str, at: datetime) -> None:
    handling.signal_close(actor=actor, signal=signal, reason=reason, lock_version=signal.lock_version, at=at)


def _reopen(signal: Signal, actor: User, reason: str, at: datetime) -> None:
    handling.signal_reopen(actor=actor, signal=signal, reason=reason, lock_version=signal.lock_version, at=at)


def _answer(setting: Setting, signal: Signal, actor: User, close: bool, rng: random.Random, at: datetime) -> None:
    template = setting.templates[signal.kind]
    articles = [rng.choice(setting.articles)] if setting.articles and rng.random() < 0.3 else []
    handling_answer.signal_answer(
        actor=actor,
        signal=signal,
        body=template.body[setting.municipality.language],
        template=template,
        articles=articles,
        close=close,
        lock_version=signal.lock_version,
        at=at,
    )


def _follow_up(signal: Signal, actor: User, text: str, at: datetime) -> None:
    handling_answer.signal_answer(
        actor=actor, signal=signal, body=text, close=True, lock_version=signal.lock_version, at=at
    )


def _rate(signal: Signal, value: int, comment: str, at: datetime) -> None:
    # The rating is the person's and claims no lock version: the demo's copy of the signal stays good for a next step.
    rating.signal_rate(signal=signal, rating=value, comment=comment, at=at)


def _duplicate(setting: Setting, original: Signal, handler: User, rng: random.Random) -> None:
    """The same person writing again the next day: merged into the first signal."""
    at = original.received_at + timedelta(hours=rng.uniform(18, 30))
    if at + timedelta(hours=3) >= setting.now:
        return
    copy = signal_receive(
        actor=None,
        municipality=setting.municipality,
        institution=original.institution,
        kind=original.kind,
        channel=Channel.EMAIL if original.channel != Channel.EMAIL else Channel.WEB,
        text=original.text,
        subject=original.subject,
        topic=original.topic,
        received_at=at,
        person_name=original.person_name,
        language=original.language,
    ).signal
    handling.signal_merge(
        actor=handler, signal=copy, into=original, lock_version=copy.lock_version, at=at + timedelta(hours=2)
    )


def _nonconformity(setting: Setting, signal: Signal, received_at: datetime) -> None:
    institution = signal.institution
    assert institution is not None
    reporters = next(p for p in setting.places if p.institution == institution).handlers
    process, description = setting.words.nonconformity
    at = received_at + timedelta(days=2)
    if at >= setting.now:
        return
    handling_nonconformity.signal_nonconformity_report(
        actor=reporters[0],
        signal=signal,
        process=process,
        severity=Severity.MINOR,
        description=description,
        lock_version=signal.lock_version,
        at=at,
    )
