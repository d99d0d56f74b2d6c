"""Service charter demo data: both municipalities' charters, after the charter of seed 002.

The expectations and commitments are those of the Alytus social services charter (seed 002), told for
the demo municipalities: Klaipėda's in Lithuanian and English, Kuldīga's in Latvian and English. Each
commitment that the platform can measure carries indicators on the built-in measures. Klaipėda adopted
its first version in January 2024 with two indicators and a second one in September 2025 that measures
more and raises the target for answering signals; Kuldīga adopted one version in February 2025.
Written through the charter services; idempotent: a municipality that has a charter is left alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal

from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.charter.models import Charter, CharterVersion, Commitment, Indicator
from kokybe.charter.services.content import (
    commitment_create,
    expectation_create,
    indicator_create,
    indicator_update,
)
from kokybe.charter.services.figures import indicator_figures_refresh
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft, charter_version_update
from kokybe.demo import data
from kokybe.surveys import builtin
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.permissions import Role


@dataclass(frozen=True)
class IndicatorSpec:
    measure_key: str
    target: str  # in the measure's unit: a share 0..1, days, complaints per 100 clients
    period: str = "quarter"
    parameter: dict[str, str] = field(default_factory=dict)
    since_version: int = 1  # Klaipėda's version that first measured it (Kuldīga has every one)


@dataclass(frozen=True)
class CommitmentSpec:
    title: dict[str, str]
    body: dict[str, str]
    indicators: tuple[IndicatorSpec, ...] = ()


@dataclass(frozen=True)
class ExpectationSpec:
    title: dict[str, str]
    commitments: tuple[CommitmentSpec, ...]


def t(lt: str, lv: str, en: str) -> dict[str, str]:
    return {"lt": lt, "lv": lv, "en": en}


INTRODUCTION = t(
    "Chartijos paskirtis – apibrėžti socialines paslaugas teikiančių įstaigų darbuotojų įsipareigojimus klientams. "
    "Įsipareigojimus sugrupavome pagal svarbiausius klientų lūkesčius, kuriuos atskleidė gyventojų nuomonės "
    "tyrimas; prie daugelio nurodyta, kaip matuojame, ar juos vykdome.",
    "Hartas mērķis ir noteikt sociālos pakalpojumus sniedzošo iestāžu darbinieku saistības pret klientiem. "
    "Saistības esam sagrupējuši pēc galvenajām klientu gaidām, ko atklāja iedzīvotāju aptauja; pie lielākās daļas "
    "norādīts, kā mērām, vai tās pildām.",
    "This charter sets out what the staff of the institutions providing social services commit to. The "
    "commitments are grouped by the clients' main expectations, as a survey of residents found them; for most "
    "we say how we measure whether we keep them.",
)

CHARTER = (
    ExpectationSpec(
        t(
            "Darbuotojų gebėjimas tiksliai išsiaiškinti klientų poreikius ir informuoti apie būtinus atlikti "
            "veiksmus, norint gauti paslaugas",
            "Darbinieki precīzi noskaidro klientu vajadzības un informē, kas jādara, lai saņemtu pakalpojumus",
            "Staff who find out exactly what clients need and tell them what to do to get services",
        ),
        (
            CommitmentSpec(
                t(
                    "Skaidrumas (atvirumas) ir informatyvumas",
                    "Caurskatāmība (atklātība) un informētība",
                    "Transparency (openness) and information",
                ),
                t(
                    "Viešai ir suprantamai pateikiame klientams svarbias žinias, taisykles ir procedūras. Nuolat "
                    "atnaujiname informaciją ir kuo greičiau ištaisome aptiktus netikslumus.",
                    "Publiski un saprotami sniedzam klientiem svarīgo informāciju, noteikumus un procedūras. "
                    "Pastāvīgi to atjaunojam un pēc iespējas ātrāk labojam atrastās neprecizitātes.",
                    "We publish the information, rules and procedures that matter to clients, clearly. We keep it "
                    "up to date and correct any inaccuracy as soon as we find it.",
                ),
                (IndicatorSpec("articles_within_review", "0.9", since_version=2),),
            ),
            CommitmentSpec(
                t("Bendradarbiavimas", "Sadarbība", "Cooperation"),
                t(
                    "Bendradarbiaudami su klientais, kolegomis ir kitomis organizacijomis kuriame paslaugas, kurios "
                    "geriausiai atitinka klientų ir visuomenės poreikius.",
                    "Sadarbojoties ar klientiem, kolēģiem un citām organizācijām, veidojam pakalpojumus, kas "
                    "vislabāk atbilst klientu un sabiedrības vajadzībām.",
                    "Working with clients, colleagues and other organisations, we shape services that best meet "
                    "the needs of clients and the community.",
                ),
            ),
            CommitmentSpec(
                t("Individualizavimas", "Individuāla pieeja", "An individual approach"),
                t(
                    "Įsigiliname į kiekvieno kliento poreikius ir ieškome jam geriausio sprendimo; stebime, kaip "
                    "poreikiai keičiasi.",
                    "Iedziļināmies katra klienta vajadzībās un meklējam viņam labāko risinājumu; sekojam, kā "
                    "vajadzības mainās.",
                    "We look into each client's own needs and seek the best solution for them, and follow how "
                    "those needs change.",
                ),
                (IndicatorSpec("plans_reviewed_on_time", "0.9", since_version=2),),
            ),
            CommitmentSpec(
                t("Prieinamumas ir patogumas", "Pieejamība un ērtības", "Access and convenience"),
                t(
                    "Paslaugas teikiame kuo patogiau ir kuo arčiau namų, kad klientui reikėtų kuo mažiau pastangų "
                    "ir nebūtų kliūčių.",
                    "Sniedzam pakalpojumus pēc iespējas ērtāk un tuvāk mājām, lai klientam būtu jāpieliek maz "
                    "pūļu un nebūtu šķēršļu.",
                    "We provide services as conveniently and as close to home as we can, so that getting them "
                    "takes clients little effort and meets no barriers.",
                ),
                (
                    IndicatorSpec(
                        "survey_dimension_satisfied",
                        "0.8",
                        period="year",
                        parameter={"survey_dimension": builtin.CHARTER_NEEDS},
                        since_version=2,
                    ),
                ),
            ),
        ),
    ),
    ExpectationSpec(
        t(
            "Pagarba, atsakingumas ir draugiškumas kiekvienam klientui",
            "Cieņa, atbildība un laipnība pret katru klientu",
            "Respect, responsibility and friendliness to every client",
        ),
        (
            CommitmentSpec(
                t(
                    "Rūpestis, pagalba ir pozityvumas",
                    "Rūpes, palīdzība un pozitīva attieksme",
                    "Care, help and a positive attitude",
                ),
                t(
                    "Kiekvienas darbuotojas daro viską, kas nuo jo priklauso, kad būtų patenkinti teisėti kliento "
                    "poreikiai, o klientas jaustų dėmesį ir pagarbą.",
                    "Katrs darbinieks dara visu, kas no viņa atkarīgs, lai klienta likumīgās vajadzības tiktu "
                    "apmierinātas un klients justu uzmanību un cieņu.",
                    "Every member of staff does all they can to meet the client's legitimate needs, so that the "
                    "client feels attention and respect.",
                ),
                (
                    IndicatorSpec(
                        "survey_dimension_satisfied",
                        "0.85",
                        period="year",
                        parameter={"survey_dimension": builtin.CHARTER_RESPECT},
                        since_version=2,
                    ),
                ),
            ),
            CommitmentSpec(
                t(
                    "Pagarba privatumui ir asmens duomenų saugumas",
                    "Cieņa pret privātumu un personas datu drošība",
                    "Respect for privacy and the security of personal data",
                ),
                t(
                    "Gerbiame klientų sprendimus, užtikriname privatumą ir orumą, saugome asmens duomenis ir "
                    "suteikiame galimybę su jais susipažinti.",
                    "Cienām klientu lēmumus, nodrošinām privātumu un cieņu, sargājam personas datus un dodam "
                    "iespēju ar tiem iepazīties.",
                    "We respect clients' decisions, protect their privacy and dignity, keep their personal data "
                    "safe and let them see what we hold about them.",
                ),
            ),
        ),
    ),
    ExpectationSpec(
        t(
            "Darbuotojų punktualumas (suderintų susitikimų ir darbų atlikimo terminų laikymasis)",
            "Darbinieku punktualitāte (norunātās tikšanās un termiņi tiek ievēroti)",
            "Punctual staff (agreed meetings and deadlines kept)",
        ),
        (
            CommitmentSpec(
                t("Patikimumas ir punktualumas", "Uzticamība un punktualitāte", "Reliability and punctuality"),
                t(
                    "Klientui duodami pažadai yra realūs ir įgyvendinami. Pasikeitus situacijai, nedelsdami "
                    "informuojame klientus ir taupome jų laiką.",
                    "Klientiem dotie solījumi ir reāli un izpildāmi. Ja situācija mainās, nekavējoties informējam "
                    "klientus un taupām viņu laiku.",
                    "The promises we make to clients are realistic and kept. When things change we tell clients "
                    "at once, and we do not waste their time.",
                ),
                (IndicatorSpec("appointments_on_time", "0.95"),),
            ),
        ),
    ),
    ExpectationSpec(
        t(
            "Trumpa eilė gauti paslaugą, greitas atsakymas į užklausas",
            "Īsa rinda pakalpojuma saņemšanai, ātra atbilde uz jautājumiem",
            "A short wait for a service, a quick answer to inquiries",
        ),
        (
            CommitmentSpec(
                t(
                    "Greitis ir efektyvus išteklių panaudojimas",
                    "Ātrums un efektīva resursu izmantošana",
                    "Speed and efficient use of resources",
                ),
                t(
                    "Matuojame ir analizuojame paslaugų teikimo trukmę, ieškome būdų trumpinti atsako laiką ir "
                    "mažinti vertės nekuriantį laiką, išlaikydami aukštą kokybę.",
                    "Mērām un analizējam pakalpojumu sniegšanas ilgumu, meklējam veidus, kā saīsināt atbildes "
                    "laiku un samazināt laiku, kas nerada vērtību, saglabājot augstu kvalitāti.",
                    "We measure and analyse how long services take, look for ways to shorten response times and "
                    "cut time that adds no value, while keeping quality high.",
                ),
                (
                    IndicatorSpec("signals_answered_in_time", "0.9"),
                    IndicatorSpec("signals_median_answer_time", "5", since_version=2),
                    IndicatorSpec("service_decision_median", "20", since_version=2),
                ),
            ),
        ),
    ),
    ExpectationSpec(
        t(
            "Greitai ir efektyviai ištaisytos klaidos ir nesusipratimai",
            "Ātri un efektīvi izlabotas kļūdas un pārpratumi",
            "Mistakes and misunderstandings put right quickly",
        ),
        (
            CommitmentSpec(
                t(
                    "Kokybės užtikrinimas ir paslaugų tobulinimas",
                    "Kvalitātes nodrošināšana un pakalpojumu pilnveide",
                    "Quality assurance and better services",
                ),
                t(
                    "Įvykus klaidai atsiprašome ir skubiai ją ištaisome. Kaupiame duomenis apie neatitiktis, "
                    "nustatome ir šaliname jų priežastis, kad klaidos nesikartotų.",
                    "Ja pieļaujam kļūdu, atvainojamies un to ātri izlabojam. Uzkrājam datus par neatbilstībām, "
                    "nosakām un novēršam to cēloņus, lai kļūdas neatkārtotos.",
                    "When we make a mistake we apologise and put it right quickly. We record nonconformities, "
                    "find their causes and remove them so that the mistake does not happen again.",
                ),
                (IndicatorSpec("nonconformities_closed_with_check", "0.8", period="year", since_version=2),),
            ),
        ),
    ),
    ExpectationSpec(
        t(
            "Galimybė suteikti grįžtamąjį ryšį apie suteiktas paslaugas",
            "Iespēja sniegt atgriezenisko saiti par saņemtajiem pakalpojumiem",
            "A way to give feedback on the services received",
        ),
        (
            CommitmentSpec(
                t("Grįžtamasis ryšys", "Atgriezeniskā saite", "Feedback"),
                t(
                    "Grįžtamąjį ryšį priimame visais būdais – žodžiu, telefonu, raštu ir internetu – ir pažadame "
                    "atsakyti į kiekvieną mums skirtą signalą.",
                    "Atgriezenisko saiti pieņemam visos veidos – klātienē, pa tālruni, rakstiski un internetā – un "
                    "apsolām atbildēt uz katru mums adresēto signālu.",
                    "We welcome feedback in every way – in person, by phone, in writing and online – and promise "
                    "to answer every signal addressed to us.",
                ),
                (IndicatorSpec("complaints_per_100_clients", "2", period="year", since_version=2),),
            ),
        ),
    ),
)


@dataclass(frozen=True)
class Adoption:
    drafted_on: date
    adopted_on: date
    indicators_since: int  # the indicators of IndicatorSpec.since_version up to this one


ADOPTIONS = {
    "klaipeda": (Adoption(date(2023, 12, 4), date(2024, 1, 15), 1), Adoption(date(2025, 8, 18), date(2025, 9, 1), 2)),
    "kuldiga": (Adoption(date(2025, 1, 13), date(2025, 2, 3), 2),),
}
SIGNALS_TARGET_FIRST = Decimal("0.85")  # Klaipėda's first version asked less of answering in time


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10, 0)))


def _in(texts: dict[str, str], municipality: Municipality) -> dict[str, str]:
    """The texts in the municipality's language and English: a charter is written for its residents."""
    return {code: text for code, text in texts.items() if code in (municipality.language, "en")}


def charter_load() -> None:
    for place in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=place.slug)
        if Charter.objects.filter(municipality=municipality).exists():
            continue
        actor = User.objects.get(
            email=next(
                account.email
                for account in data.ACCOUNTS
                if account.municipality == place.slug and account.role == Role.MUNICIPAL_COORDINATOR
            )
        )
        for number, adoption in enumerate(ADOPTIONS[place.slug], start=1):
            version = charter_version_draft(actor=actor, municipality=municipality, when=_moment(adoption.drafted_on))
            if number == 1:
                _first_version(actor, municipality, version, adoption.indicators_since)
            else:
                _revision(actor, version, adoption.indicators_since)
            charter_version_adopt(actor=actor, version=version, adopted_on=adoption.adopted_on)
    # The figures the charter's pages and the dashboards read, as the worker keeps them: computed now, over the
    # records the demo wrote before (a second load finds them unchanged).
    for place in data.MUNICIPALITIES:
        indicator_figures_refresh(municipality=Municipality.objects.get(slug=place.slug))


def _indicator(actor: User, commitment: Commitment, spec: IndicatorSpec, target: Decimal | None = None) -> None:
    indicator_create(
        actor=actor,
        commitment=commitment,
        measure_key=spec.measure_key,
        parameter=spec.parameter,
        target=target if target is not None else Decimal(spec.target),
        period=spec.period,
    )


def _first_version(actor: User, municipality: Municipality, version: CharterVersion, indicators_since: int) -> None:
    version = charter_version_update(
        actor=actor, version=version, shown_version=version.lock_version, introduction=_in(INTRODUCTION, municipality)
    )
    lowered = indicators_since < 2
    for expectation_spec in CHARTER:
        expectation = expectation_create(actor=actor, version=version, title=_in(expectation_spec.title, municipality))
        for spec in expectation_spec.commitments:
            commitment = commitment_create(
                actor=actor,
                expectation=expectation,
                title=_in(spec.title, municipality),
                body=_in(spec.body, municipality),
            )
            for indicator in spec.indicators:
                if indicator.since_version > indicators_since:
                    continue
                target = (
                    SIGNALS_TARGET_FIRST if lowered and indicator.measure_key == "signals_answered_in_time" else None
                )
                _indicator(actor, commitment, indicator, target)


def _revision(actor: User, version: CharterVersion, indicators_since: int) -> None:
    """The second version: the new indicators, and the full target for answering signals in time."""
    commitments = list(Commitment.objects.filter(version=version).order_by("expectation__order", "order"))
    specs = [spec for expectation in CHARTER for spec in expectation.commitments]
    for commitment, spec in zip(commitments, specs, strict=True):
        for indicator_spec in spec.indicators:
            if indicator_spec.since_version == indicators_since:
                _indicator(actor, commitment, indicator_spec)
    for indicator in Indicator.objects.filter(version=version, measure_key="signals_answered_in_time"):
        indicator_update(
            actor=actor,
            indicator=indicator,
            shown_version=indicator.lock_version,
            measure_key=indicator.measure_key,
            parameter=indicator.parameter,
            target=Decimal("0.9"),
            period=indicator.period,
        )
