"""Built-in survey templates and quality dimensions, as plain data.

Two templates ship with Kokybė: a client satisfaction survey for people who use social services and a
shorter survey of residents' needs. Both are written in Lithuanian, Latvian and English for people who
may be old, ill, or not used to forms, and who often answer on a phone: short sentences, everyday
words, one idea per statement, the polite "Jūs" and no forms that depend on the respondent's gender.

The dimensions come from two of the seed documents:

- the ten quality criteria of Kuldīga's social service (2010-2011), each scored 1-5; a client cannot
  see some of them (document flow, record keeping, methods of work), so the survey asks what the client
  experiences of them instead;
- the client expectations of the Alytus social services charter (2019), one matrix row each.

Question and option keys are stable: results compare answers year to year by key, so never rename one;
add a new key instead.
"""

from collections.abc import Callable
from decimal import Decimal

from kokybe.surveys.definition import (
    DimensionSpec,
    OptionSpec,
    QuestionSpec,
    QuestionType,
    RowSpec,
    SectionSpec,
    ShowIf,
    SurveySpec,
    Texts,
)


def t(lt: str, lv: str, en: str) -> Texts:
    """One text in the three languages."""
    return {"lt": lt, "lv": lv, "en": en}


def opt(key: str, lt: str, lv: str, en: str, *, is_other: bool = False) -> OptionSpec:
    return OptionSpec(key=key, label=t(lt, lv, en), is_other=is_other)


def other(lt: str = "Kita (įrašykite)", lv: str = "Cits (ierakstiet)", en: str = "Other (please write)") -> OptionSpec:
    """The "other" option; a text box goes with it."""
    return opt("other", lt, lv, en, is_other=True)


def row(key: str, dimension: str, lt: str, lv: str, en: str) -> RowSpec:
    return RowSpec(key=key, text=t(lt, lv, en), dimension=dimension)


def q(
    key: str,
    type: QuestionType,
    text: Texts,
    *,
    help: Texts | None = None,
    required: bool = False,
    allows_dont_know: bool = False,
    options: list[OptionSpec] | None = None,
    rows: list[RowSpec] | None = None,
    dimension: str = "",
    show_if: ShowIf | None = None,
    scale: str = "satisfaction",
    min_value: int | None = None,
    max_value: int | None = None,
) -> QuestionSpec:
    return QuestionSpec(
        key=key,
        type=type,
        text=text,
        help=dict(help) if help else {},  # a copy: the shared help texts below must not change
        required=required,
        allows_dont_know=allows_dont_know,
        options=options or [],
        rows=rows or [],
        dimension=dimension,
        show_if=show_if,
        scale=scale,
        min_value=None if min_value is None else Decimal(min_value),
        max_value=None if max_value is None else Decimal(max_value),
    )


def statement(
    key: str, dimension: str, lt: str, lv: str, en: str, *, allows_dont_know: bool = False, help: Texts | None = None
) -> QuestionSpec:
    """A statement the respondent agrees or disagrees with (1 strongly disagree .. 5 strongly agree)."""
    return q(
        key,
        QuestionType.LIKERT,
        t(lt, lv, en),
        scale="agreement",
        dimension=dimension,
        allows_dont_know=allows_dont_know,
        help=help,
    )


# Help texts used more than once.
MANY_ANSWERS = t("Galite pažymėti kelis atsakymus.", "Varat atzīmēt vairākas atbildes.", "You can tick more than one.")
ONE_ANSWER = t("Pasirinkite vieną atsakymą.", "Izvēlieties vienu atbildi.", "Choose one answer.")
NO_NAMES = t(
    "Prašome nerašyti vardų ar kitų žinių, pagal kurias būtų galima atpažinti Jus ar kitus žmones.",
    "Lūdzu, nerakstiet vārdus vai citas ziņas, pēc kurām varētu atpazīt Jūs vai citus cilvēkus.",
    "Please do not write names or other details that could identify you or anyone else.",
)
AGREE_INTRO = t(
    "Pažymėkite, kiek sutinkate su kiekvienu teiginiu.",
    "Atzīmējiet, cik lielā mērā piekrītat katram apgalvojumam.",
    "Please mark how much you agree with each statement.",
)
ONLY_AT_HOME = t(
    "Jei pagalbą gaunate tik namuose, šį klausimą galite praleisti.",
    "Ja palīdzību saņemat tikai mājās, šo jautājumu varat izlaist.",
    "If you only get help at home, you can skip this question.",
)


# --- Kuldīga's ten quality criteria -----------------------------------------------------------------

SERVICE_ACCESS = "kuldiga.service_access"
CLIENT_INFORMATION = "kuldiga.client_information"
CLIENT_SATISFACTION = "kuldiga.client_satisfaction"
ENVIRONMENT_ACCESS = "kuldiga.environment_access"
CONFIDENTIALITY = "kuldiga.confidentiality"
RECORD_KEEPING = "kuldiga.record_keeping"
DOCUMENT_FLOW = "kuldiga.document_flow"
COOPERATION = "kuldiga.cooperation"
METHODOLOGY = "kuldiga.methodology"
PROFESSIONALISM = "kuldiga.professionalism"


def _kuldiga(code: str, lt: str, lv: str, en: str) -> DimensionSpec:
    return DimensionSpec(code=code, source="kuldiga", name=t(lt, lv, en))


KULDIGA_DIMENSIONS: list[DimensionSpec] = [
    _kuldiga(SERVICE_ACCESS, "Paslaugų prieinamumas", "Pakalpojumu pieejamība", "Access to services"),
    _kuldiga(CLIENT_INFORMATION, "Klientų informuotumas", "Klientu informētība", "Client awareness"),
    _kuldiga(CLIENT_SATISFACTION, "Klientų pasitenkinimas", "Klientu apmierinātība", "Client satisfaction"),
    _kuldiga(ENVIRONMENT_ACCESS, "Aplinkos prieinamumas", "Vides pieejamība", "Accessible environment"),
    _kuldiga(CONFIDENTIALITY, "Konfidencialumas", "Konfidencialitāte", "Confidentiality"),
    _kuldiga(
        RECORD_KEEPING,
        "Su klientu susijusios informacijos saugojimas",
        "Ar klientu saistītās informācijas uzglabāšana",
        "Storage of client information",
    ),
    _kuldiga(
        DOCUMENT_FLOW,
        "Informacijos ir dokumentų apytaka",
        "Informācijas un dokumentu aprite",
        "Flow of information and documents",
    ),
    _kuldiga(
        COOPERATION,
        "Bendradarbiavimas su kitomis įstaigomis",
        "Sadarbība ar citām iestādēm",
        "Cooperation with other institutions",
    ),
    _kuldiga(METHODOLOGY, "Darbo metodika", "Metodika", "Methods of work"),
    _kuldiga(PROFESSIONALISM, "Profesionalumas", "Profesionalitāte", "Professionalism"),
]


# --- The Alytus charter's client expectations -------------------------------------------------------
#
# Six, not five: the charter lists "Galimybė suteikti grįžtamąjį ryšį apie suteiktas paslaugas" as a
# client expectation of its own, with its own commitment ("Grįžtamasis ryšys": every channel, an answer
# to every signal), separate from "mistakes and misunderstandings put right quickly and effectively".
# Merging the two would make one matrix row ask two things, and the platform measures them apart
# (nonconformities and corrective actions on one side, the feedback queue on the other).

CHARTER_NEEDS = "charter.needs_information"
CHARTER_RESPECT = "charter.respect"
CHARTER_PUNCTUALITY = "charter.punctuality"
CHARTER_SPEED = "charter.speed"
CHARTER_MISTAKES = "charter.mistakes"
CHARTER_FEEDBACK = "charter.feedback"


def _charter(code: str, lt: str, lv: str, en: str) -> DimensionSpec:
    return DimensionSpec(code=code, source="charter", name=t(lt, lv, en))


CHARTER_DIMENSIONS: list[DimensionSpec] = [
    _charter(
        CHARTER_NEEDS,
        "Poreikių išsiaiškinimas ir informavimas",
        "Vajadzību noskaidrošana un informēšana",
        "Finding out needs and explaining what to do",
    ),
    _charter(
        CHARTER_RESPECT,
        "Pagarba, atsakingumas ir draugiškumas",
        "Cieņa, atbildība un laipnība",
        "Respect, responsibility and friendliness",
    ),
    _charter(
        CHARTER_PUNCTUALITY,
        "Punktualumas: susitikimų ir terminų laikymasis",
        "Punktualitāte: norunātu tikšanos un termiņu ievērošana",
        "Punctuality: meetings and deadlines kept",
    ),
    _charter(
        CHARTER_SPEED,
        "Trumpas laukimas ir greiti atsakymai",
        "Īsa gaidīšana un ātras atbildes",
        "A short wait and quick answers",
    ),
    _charter(
        CHARTER_MISTAKES,
        "Greitas klaidų ištaisymas",
        "Ātra kļūdu labošana",
        "Mistakes put right quickly",
    ),
    _charter(
        CHARTER_FEEDBACK,
        "Galimybė išsakyti nuomonę apie paslaugas",
        "Iespēja izteikt viedokli par pakalpojumiem",
        "A chance to give feedback on services",
    ),
]


# --- Client satisfaction --------------------------------------------------------------------------


def _about_you() -> SectionSpec:
    return SectionSpec(
        title=t("Apie Jūsų paslaugas", "Par Jūsu pakalpojumiem", "About the services you use"),
        questions=[
            q(
                "service_main",
                QuestionType.SINGLE,
                t(
                    "Kuria paslauga naudojotės dažniausiai?",
                    "Kuru pakalpojumu Jūs izmantojāt visbiežāk?",
                    "Which service have you used most?",
                ),
                help=ONE_ANSWER,
                required=True,
                options=[
                    opt("home_help", "Pagalba namuose", "Aprūpe mājās", "Help at home"),
                    opt("day_centre", "Dienos centras", "Dienas centrs", "Day centre"),
                    opt("care_home", "Globos namai", "Pansionāts vai aprūpes centrs", "Care home"),
                    opt(
                        "temp_housing",
                        "Laikinas apgyvendinimas (pvz., nakvynės namai)",
                        "Īslaicīga izmitināšana (piem., patversme)",
                        "Temporary accommodation (e.g. a shelter)",
                    ),
                    opt("family_support", "Pagalba šeimai", "Atbalsts ģimenei", "Family support"),
                    opt(
                        "consultation",
                        "Konsultacija (pvz., socialinio darbuotojo ar psichologo)",
                        "Konsultācija (piem., sociālā darbinieka vai psihologa)",
                        "Advice or counselling (e.g. from a social worker or psychologist)",
                    ),
                    other(),
                ],
            ),
            q(
                "years_using",
                QuestionType.NUMBER,
                t(
                    "Kiek metų naudojatės socialinėmis paslaugomis?",
                    "Cik gadus Jūs izmantojat sociālos pakalpojumus?",
                    "For how many years have you used social services?",
                ),
                help=t(
                    "Jei mažiau nei metus, įrašykite 0.",
                    "Ja mazāk nekā gadu, ierakstiet 0.",
                    "If less than a year, write 0.",
                ),
                min_value=0,
                max_value=80,
            ),
            q(
                "learned_how",
                QuestionType.MULTIPLE,
                t(
                    "Iš kur sužinojote apie socialines paslaugas?",
                    "Kā Jūs uzzinājāt par sociālajiem pakalpojumiem?",
                    "How did you find out about social services?",
                ),
                help=MANY_ANSWERS,
                options=[
                    opt("social_worker", "Iš socialinio darbuotojo", "No sociālā darbinieka", "From a social worker"),
                    opt(
                        "family",
                        "Iš šeimos, draugų ar kaimynų",
                        "No ģimenes, draugiem vai kaimiņiem",
                        "From family, friends or neighbours",
                    ),
                    opt("doctor", "Iš gydytojo ar slaugytojo", "No ārsta vai medmāsas", "From a doctor or nurse"),
                    opt(
                        "local_office",
                        "Seniūnijoje ar savivaldybėje",
                        "Pagasta pārvaldē vai pašvaldībā",
                        "At the municipality or local office",
                    ),
                    opt("internet", "Internete", "Internetā", "On the internet"),
                    opt(
                        "media",
                        "Iš laikraščio, radijo ar televizijos",
                        "No laikraksta, radio vai televīzijas",
                        "From a newspaper, radio or TV",
                    ),
                    other("Kitaip (įrašykite)", "Citādi (ierakstiet)", "Some other way (please write)"),
                ],
            ),
            q(
                "knew_where",
                QuestionType.YES_NO,
                t(
                    "Ar žinojote, kur kreiptis, kai Jums reikėjo pagalbos?",
                    "Vai Jūs zinājāt, kur vērsties, kad Jums bija vajadzīga palīdzība?",
                    "Did you know where to turn when you needed help?",
                ),
                dimension=CLIENT_INFORMATION,
            ),
        ],
    )


def _getting_help() -> SectionSpec:
    return SectionSpec(
        title=t("Kaip gavote pagalbą", "Kā Jūs saņēmāt palīdzību", "Getting help"),
        intro=dict(AGREE_INTRO),
        questions=[
            statement(
                "access_easy",
                SERVICE_ACCESS,
                "Man buvo lengva gauti pagalbą, kurios reikėjo.",
                "Man bija viegli saņemt vajadzīgo palīdzību.",
                "It was easy for me to get the help I needed.",
            ),
            statement(
                "access_contact",
                SERVICE_ACCESS,
                "Su darbuotojais lengva susisiekti – telefonu ar atvykus.",
                "Ar darbiniekiem ir viegli sazināties – pa tālruni vai uz vietas.",
                "It is easy to reach the staff, by phone or in person.",
            ),
            statement(
                "info_clear",
                CLIENT_INFORMATION,
                "Informacija apie paslaugas (lankstinukai, skelbimai, interneto svetainė) aiški ir suprantama.",
                "Informācija par pakalpojumiem (bukleti, paziņojumi, mājaslapa) ir skaidra un saprotama.",
                "Information about the services (leaflets, notices, website) is clear and easy to understand.",
                allows_dont_know=True,
            ),
            statement(
                "info_complain",
                CLIENT_INFORMATION,
                "Žinau, kur kreiptis, jei norėčiau pasiskųsti ar ką nors pasiūlyti.",
                "Es zinu, kur vērsties, ja gribētu sūdzēties vai kaut ko ieteikt.",
                "I know where to go if I want to complain or make a suggestion.",
            ),
            statement(
                "env_reach",
                ENVIRONMENT_ACCESS,
                "Iki įstaigos lengva nuvykti (pvz., autobusu ar pėsčiomis).",
                "Līdz iestādei ir viegli nokļūt (piem., ar autobusu vai kājām).",
                "The office is easy to get to (for example, by bus or on foot).",
                allows_dont_know=True,
                help=ONLY_AT_HOME,
            ),
            statement(
                "env_premises",
                ENVIRONMENT_ACCESS,
                "Patalpose patogu ir saugu judėti, taip pat ir su neįgaliojo vežimėliu ar lazda.",
                "Telpās ir ērti un droši pārvietoties, arī ar ratiņkrēslu vai spieķi.",
                "The building is comfortable and safe to move around in, also with a wheelchair or a walking stick.",
                allows_dont_know=True,
                help=ONLY_AT_HOME,
            ),
        ],
    )


def _staff_and_help() -> SectionSpec:
    return SectionSpec(
        title=t("Darbuotojai ir pagalba", "Darbinieki un palīdzība", "The staff and the help you get"),
        intro=dict(AGREE_INTRO),
        questions=[
            statement(
                "staff_skilled",
                PROFESSIONALISM,
                "Darbuotojai gerai išmano savo darbą.",
                "Darbinieki labi pārzina savu darbu.",
                "The staff know their job well.",
            ),
            statement(
                "plan_with_me",
                METHODOLOGY,
                "Pagalbą planavome kartu: darbuotojai klausė, ko aš noriu ir ko man reikia.",
                "Palīdzību plānojām kopā: darbinieki jautāja, ko es vēlos un kas man vajadzīgs.",
                "My help was planned together with me: the staff asked what I want and what I need.",
                allows_dont_know=True,
            ),
            statement(
                "cooperation",
                COOPERATION,
                "Kai reikėjo kitų įstaigų (pvz., poliklinikos, seniūnijos) pagalbos, darbuotojai padėjo su jomis "
                "susitarti.",
                "Kad bija vajadzīga citu iestāžu (piem., ārsta prakses, pagasta pārvaldes) palīdzība, darbinieki "
                "palīdzēja to nokārtot.",
                "When I needed help from other services (such as a clinic or the local office), the staff helped me "
                "arrange it.",
                allows_dont_know=True,
            ),
            statement(
                "help_result",
                CLIENT_SATISFACTION,
                "Gauta pagalba pagerino mano padėtį.",
                "Saņemtais atbalsts ir uzlabojis manu situāciju.",
                "The support I got has made my situation better.",
            ),
            q(
                "charter",
                QuestionType.MATRIX,
                t(
                    "Kiek sutinkate su šiais teiginiais apie darbuotojus?",
                    "Cik lielā mērā piekrītat šiem apgalvojumiem par darbiniekiem?",
                    "How much do you agree with these statements about the staff?",
                ),
                scale="agreement",
                allows_dont_know=True,
                rows=[
                    row(
                        "needs",
                        CHARTER_NEEDS,
                        "Darbuotojai išsiaiškino, ko man reikia, ir paaiškino, ką turiu daryti.",
                        "Darbinieki noskaidroja, kas man vajadzīgs, un izskaidroja, kas man jādara.",
                        "The staff found out what I need and explained what I have to do.",
                    ),
                    row(
                        "respect",
                        CHARTER_RESPECT,
                        "Darbuotojai su manimi elgiasi pagarbiai ir maloniai.",
                        "Darbinieki izturas pret mani ar cieņu un laipnību.",
                        "The staff treat me with respect and kindness.",
                    ),
                    row(
                        "punctuality",
                        CHARTER_PUNCTUALITY,
                        "Darbuotojai laikosi sutarto laiko ir pažadų.",
                        "Darbinieki ievēro norunāto laiku un tur solīto.",
                        "The staff are on time and keep their promises.",
                    ),
                    row(
                        "speed",
                        CHARTER_SPEED,
                        "Pagalbos ar atsakymo nereikėjo ilgai laukti.",
                        "Palīdzība vai atbilde nebija ilgi jāgaida.",
                        "I did not have to wait long for help or for an answer.",
                    ),
                    row(
                        "mistakes",
                        CHARTER_MISTAKES,
                        "Kai kas nors buvo ne taip, darbuotojai greitai tai ištaisė.",
                        "Kad kaut kas nebija kārtībā, darbinieki to ātri izlaboja.",
                        "When something went wrong, the staff put it right quickly.",
                    ),
                    row(
                        "feedback",
                        CHARTER_FEEDBACK,
                        "Galiu lengvai pasakyti savo nuomonę, pastabą ar pasiūlymą.",
                        "Es varu viegli izteikt savu viedokli, piezīmi vai ieteikumu.",
                        "I can easily give my opinion, a comment or a suggestion.",
                    ),
                ],
            ),
        ],
    )


def _papers_and_privacy() -> SectionSpec:
    return SectionSpec(
        title=t("Dokumentai ir privatumas", "Dokumenti un privātums", "Paperwork and privacy"),
        intro=dict(AGREE_INTRO),
        questions=[
            statement(
                "docs_once",
                DOCUMENT_FLOW,
                "Man nereikėjo kelis kartus nešti tų pačių dokumentų.",
                "Man nevajadzēja vairākas reizes nest tos pašus dokumentus.",
                "I did not have to bring the same documents more than once.",
                allows_dont_know=True,
            ),
            statement(
                "story_once",
                DOCUMENT_FLOW,
                "Man nereikėjo kiekvienam darbuotojui iš naujo pasakoti apie savo padėtį.",
                "Man nevajadzēja katram darbiniekam no jauna izstāstīt savu situāciju.",
                "I did not have to explain my situation all over again to each member of staff.",
                allows_dont_know=True,
            ),
            statement(
                "conf_private",
                CONFIDENTIALITY,
                "Apie mano reikalus kalbamės taip, kad negirdėtų pašaliniai žmonės.",
                "Par manām lietām runājam tā, lai nedzirdētu citi cilvēki.",
                "We talk about my affairs where other people cannot hear.",
            ),
            statement(
                "records_safe",
                RECORD_KEEPING,
                "Tikiu, kad informacija apie mane saugoma patikimai ir nepatenka svetimiems.",
                "Es ticu, ka informācija par mani tiek droši glabāta un nenonāk svešās rokās.",
                "I trust that information about me is kept safe and does not reach the wrong people.",
            ),
            statement(
                "records_see",
                RECORD_KEEPING,
                "Žinau, kad galiu paprašyti parodyti, kokią informaciją apie mane turi įstaiga.",
                "Es zinu, ka varu palūgt parādīt, kāda informācija par mani ir iestādē.",
                "I know I can ask to see what information the office keeps about me.",
            ),
        ],
    )


def _overall() -> SectionSpec:
    return SectionSpec(
        title=t("Bendras įvertinimas", "Kopējais vērtējums", "Overall"),
        questions=[
            q(
                "overall",
                QuestionType.LIKERT,
                t(
                    "Apskritai, kiek Jus tenkina gaunama pagalba?",
                    "Cik lielā mērā Jūs kopumā apmierina saņemtā palīdzība?",
                    "Overall, how satisfied are you with the help you get?",
                ),
                scale="satisfaction",
                dimension=CLIENT_SATISFACTION,
                required=True,
            ),
            q(
                "quality_overall",
                QuestionType.LIKERT,
                t(
                    "Kaip vertinate gaunamų paslaugų kokybę?",
                    "Kā Jūs vērtējat saņemto pakalpojumu kvalitāti?",
                    "How would you rate the quality of the services you get?",
                ),
                scale="quality",
                dimension=CLIENT_SATISFACTION,
                allows_dont_know=True,
            ),
            q(
                "recommend",
                QuestionType.NPS,
                t(
                    "Jei draugui ar kaimynui reikėtų pagalbos, kiek tikėtina, kad patartumėte jam kreiptis į mus?",
                    "Ja draugam vai kaimiņam būtu vajadzīga palīdzība, cik ticams, ka Jūs ieteiktu viņam vērsties pie "
                    "mums?",
                    "If a friend or neighbour needed help, how likely is it that you would suggest they come to us?",
                ),
            ),
            q(
                "went_wrong",
                QuestionType.YES_NO,
                t(
                    "Ar per pastaruosius metus kas nors nutiko ne taip?",
                    "Vai pēdējā gada laikā kaut kas nogāja greizi?",
                    "In the past year, did anything go wrong?",
                ),
            ),
            q(
                "went_wrong_what",
                QuestionType.LONG_TEXT,
                t(
                    "Kas nutiko? Ar tai buvo ištaisyta?",
                    "Kas notika? Vai tas tika izlabots?",
                    "What happened? Was it put right?",
                ),
                help=NO_NAMES,
                show_if=ShowIf(question="went_wrong", values=["yes"]),
            ),
            q(
                "liked_best",
                QuestionType.SHORT_TEXT,
                t(
                    "Kas Jums labiausiai patinka mūsų darbe?",
                    "Kas Jums visvairāk patīk mūsu darbā?",
                    "What do you like most about our work?",
                ),
                help=t("Keliais žodžiais.", "Dažos vārdos.", "In a few words."),
            ),
            q(
                "improve",
                QuestionType.LONG_TEXT,
                t("Ką turėtume pagerinti?", "Ko mums vajadzētu uzlabot?", "What should we improve?"),
                help=NO_NAMES,
            ),
        ],
    )


def client_satisfaction_template() -> SurveySpec:
    """The yearly survey of people who use social services: the Kuldīga criteria and the charter."""
    return SurveySpec(
        title=t(
            "Jūsų nuomonė apie socialines paslaugas",
            "Jūsu viedoklis par sociālajiem pakalpojumiem",
            "Your opinion of our social services",
        ),
        main_language="lt",
        intro=t(
            "Norime sužinoti, kaip vertinate gaunamą pagalbą ir ką galėtume daryti geriau. "
            "Apklausa anoniminė: vardo nerašote, ir niekas nesužinos, kas ir ką atsakė. "
            "Atsakymai neturės jokios įtakos Jums teikiamai pagalbai. "
            "Atsakyti užtruks apie 5–7 minutes. Beveik į visus klausimus atsakyti neprivaloma.",
            "Mēs vēlamies uzzināt, kā Jūs vērtējat saņemto palīdzību un ko mēs varētu darīt labāk. "
            "Aptauja ir anonīma: vārds nav jānorāda, un neviens neuzzinās, kas un ko atbildēja. "
            "Atbildes nekādi neietekmēs palīdzību, ko Jūs saņemat. "
            "Atbildēšana aizņems aptuveni 5–7 minūtes. Gandrīz uz visiem jautājumiem atbildēt nav obligāti.",
            "We would like to know what you think of the help you get and what we could do better. "
            "The survey is anonymous: you do not give your name, and nobody will know who answered or what they said. "
            "Your answers will not affect the help you get in any way. "
            "It takes about 5–7 minutes. Almost all questions are optional.",
        ),
        thanks=t(
            "Ačiū, kad skyrėte laiko! Jūsų atsakymus sudėsime kartu su kitų žmonių atsakymais ir rezultatus aptarsime "
            "su darbuotojais. Jie padės nuspręsti, ką pagerinti. Rezultatus ir tai, ką pakeitėme, paskelbsime viešai. "
            "Kadangi apklausa anoniminė, atsakyti Jums asmeniškai negalėsime – jei norite, kad su Jumis susisiektume, "
            "kreipkitės į mus tiesiogiai.",
            "Paldies, ka veltījāt laiku! Jūsu atbildes apkoposim kopā ar citu cilvēku atbildēm un rezultātus "
            "pārrunāsim ar darbiniekiem. Tie palīdzēs izlemt, ko uzlabot. Rezultātus un to, ko esam mainījuši, "
            "publiskosim. Tā kā aptauja ir anonīma, mēs nevaram Jums atbildēt personīgi – ja vēlaties, lai ar Jums "
            "sazināmies, lūdzu, sazinieties ar mums tieši.",
            "Thank you for your time! We will put your answers together with everyone else's and discuss the results "
            "with our staff. The results will help us decide what to improve. We will publish the results and what "
            "we have changed. Because the survey is anonymous, we cannot reply to you personally: if you would like "
            "us to contact you, please get in touch with us directly.",
        ),
        asks_client_group=True,
        series="client-satisfaction",
        sections=[_about_you(), _getting_help(), _staff_and_help(), _papers_and_privacy(), _overall()],
    )


# --- Residents' needs ---------------------------------------------------------------------------


def needs_survey_template() -> SurveySpec:
    """A short survey of what social services residents and their families expect to need."""
    return SurveySpec(
        title=t(
            "Kokios pagalbos Jums gali prireikti?",
            "Kāda palīdzība Jums varētu būt vajadzīga?",
            "What help might you need?",
        ),
        main_language="lt",
        intro=t(
            "Savivaldybė planuoja socialines paslaugas ateinantiems metams ir nori žinoti, kokios pagalbos reikia "
            "gyventojams. Atsakyti galite, net jei dabar jokios pagalbos negaunate. Apklausa anoniminė – niekas "
            "nesužinos, kas ir ką atsakė. Atsakyti užtruks apie 3–5 minutes.",
            "Pašvaldība plāno sociālos pakalpojumus nākamajam gadam un vēlas zināt, kāda palīdzība vajadzīga "
            "iedzīvotājiem. Varat atbildēt arī tad, ja pašlaik nekādu palīdzību nesaņemat. Aptauja ir anonīma – "
            "neviens neuzzinās, kas un ko atbildēja. Atbildēšana aizņems aptuveni 3–5 minūtes.",
            "The municipality is planning social services for the coming year and wants to know what help local "
            "people need. You can answer even if you do not get any help now. The survey is anonymous: nobody will "
            "know who answered or what they said. It takes about 3–5 minutes.",
        ),
        thanks=t(
            "Ačiū! Jūsų ir kitų gyventojų atsakymai padės nuspręsti, kokias paslaugas plėsti ar kurti. Apibendrintus "
            "rezultatus paskelbsime viešai. Jei pagalbos reikia jau dabar, kreipkitės į seniūniją ar socialinių "
            "paslaugų centrą.",
            "Paldies! Jūsu un citu iedzīvotāju atbildes palīdzēs izlemt, kurus pakalpojumus paplašināt vai izveidot. "
            "Apkopotos rezultātus publiskosim. Ja palīdzība vajadzīga jau tagad, vērsieties sociālajā dienestā vai "
            "pagasta pārvaldē.",
            "Thank you! Your answers and those of other residents will help decide which services to expand or "
            "start. We will publish the combined results. If you need help now, please contact your local office "
            "or social services centre.",
        ),
        asks_client_group=True,
        series="needs",
        sections=[
            SectionSpec(
                title=t("Jūsų poreikiai", "Jūsu vajadzības", "Your needs"),
                questions=[
                    q(
                        "needs_any",
                        QuestionType.YES_NO,
                        t(
                            "Ar per artimiausius metus Jums ar Jūsų šeimai gali prireikti socialinių paslaugų?",
                            "Vai tuvākā gada laikā Jums vai Jūsu ģimenei varētu būt vajadzīgi sociālie pakalpojumi?",
                            "In the coming year, might you or your family need social services?",
                        ),
                        required=True,
                        allows_dont_know=True,
                    ),
                    q(
                        "needs_which",
                        QuestionType.MULTIPLE,
                        t(
                            "Kokios pagalbos gali prireikti?",
                            "Kāda palīdzība varētu būt vajadzīga?",
                            "What help might be needed?",
                        ),
                        help=MANY_ANSWERS,
                        show_if=ShowIf(question="needs_any", values=["yes"]),
                        options=[
                            opt(
                                "home_help",
                                "Pagalba namuose (buities darbai, priežiūra)",
                                "Aprūpe mājās (mājas darbi, kopšana)",
                                "Help at home (housework, personal care)",
                            ),
                            opt("day_centre", "Dienos centras", "Dienas centrs", "A day centre"),
                            opt(
                                "care_home",
                                "Vieta globos namuose",
                                "Vieta pansionātā vai aprūpes centrā",
                                "A place in a care home",
                            ),
                            opt(
                                "respite",
                                "Trumpalaikė priežiūra, kad artimieji galėtų pailsėti",
                                "Īslaicīga aprūpe, lai tuvinieki varētu atpūsties",
                                "Short-term care so that the family can rest",
                            ),
                            opt(
                                "transport",
                                "Transportas (pvz., nuvežti pas gydytoją)",
                                "Transports (piem., lai aizvestu pie ārsta)",
                                "Transport (e.g. to the doctor)",
                            ),
                            opt(
                                "meals",
                                "Maitinimas (pvz., maisto pristatymas į namus)",
                                "Ēdināšana (piem., ēdiena piegāde uz mājām)",
                                "Meals (e.g. delivered to your home)",
                            ),
                            opt(
                                "aids",
                                "Slaugos ir judėjimo priemonės (pvz., vaikštynė, funkcinė lova)",
                                "Tehniskie palīglīdzekļi (piem., staiguļi, funkcionālā gulta)",
                                "Aids and equipment (e.g. a walking frame, a special bed)",
                            ),
                            opt(
                                "family_support",
                                "Pagalba šeimai ir vaikams",
                                "Atbalsts ģimenei un bērniem",
                                "Support for families and children",
                            ),
                            opt(
                                "counselling",
                                "Psichologo ar socialinio darbuotojo konsultacija",
                                "Psihologa vai sociālā darbinieka konsultācija",
                                "Advice from a psychologist or social worker",
                            ),
                            opt(
                                "temp_housing",
                                "Laikinas apgyvendinimas",
                                "Īslaicīga izmitināšana",
                                "Temporary accommodation",
                            ),
                            other(),
                        ],
                    ),
                    q(
                        "who_for",
                        QuestionType.MULTIPLE,
                        t(
                            "Kam šios pagalbos reikėtų?",
                            "Kam šī palīdzība būtu vajadzīga?",
                            "Who would need this help?",
                        ),
                        help=MANY_ANSWERS,
                        show_if=ShowIf(question="needs_any", values=["yes"]),
                        options=[
                            opt("self", "Man", "Man", "Me"),
                            opt(
                                "partner",
                                "Sutuoktiniui ar partneriui",
                                "Laulātajam vai partnerim",
                                "My husband, wife or partner",
                            ),
                            opt(
                                "parent",
                                "Tėvams ar seneliams",
                                "Vecākiem vai vecvecākiem",
                                "My parents or grandparents",
                            ),
                            opt("child", "Vaikams", "Bērniem", "My children"),
                            other(
                                "Kitam žmogui (įrašykite)", "Citam cilvēkam (ierakstiet)", "Someone else (please write)"
                            ),
                        ],
                    ),
                    q(
                        "carer",
                        QuestionType.YES_NO,
                        t(
                            "Ar nuolat rūpinatės artimuoju, kuriam reikia pagalbos (pvz., dėl ligos, negalios ar "
                            "senatvės)?",
                            "Vai Jūs pastāvīgi rūpējaties par tuvinieku, kuram vajadzīga palīdzība (piem., slimības, "
                            "invaliditātes vai vecuma dēļ)?",
                            "Do you regularly look after a family member who needs help (for example because of "
                            "illness, disability or old age)?",
                        ),
                    ),
                    q(
                        "household",
                        QuestionType.NUMBER,
                        t(
                            "Kiek žmonių, įskaitant Jus, gyvena Jūsų namuose?",
                            "Cik cilvēku, ieskaitot Jūs, dzīvo Jūsu mājās?",
                            "How many people, including you, live in your home?",
                        ),
                        min_value=1,
                        max_value=20,
                    ),
                ],
            ),
            SectionSpec(
                title=t("Kaip gauti pagalbą", "Kā saņemt palīdzību", "Getting help"),
                questions=[
                    q(
                        "barriers",
                        QuestionType.MULTIPLE,
                        t(
                            "Kas Jums trukdo arba galėtų trukdyti gauti pagalbą?",
                            "Kas Jums traucē vai varētu traucēt saņemt palīdzību?",
                            "What makes it hard, or could make it hard, for you to get help?",
                        ),
                        help=MANY_ANSWERS,
                        options=[
                            opt(
                                "not_known",
                                "Nežinau, kokia pagalba yra",
                                "Nezinu, kāda palīdzība ir pieejama",
                                "I don't know what help there is",
                            ),
                            opt(
                                "where_unknown",
                                "Nežinau, kur kreiptis",
                                "Nezinu, kur vērsties",
                                "I don't know where to go",
                            ),
                            opt(
                                "too_far",
                                "Per toli, sunku nuvykti",
                                "Pārāk tālu, grūti nokļūt",
                                "It is too far or hard to get to",
                            ),
                            opt("waiting", "Per ilgai reikia laukti", "Pārāk ilgi jāgaida", "The wait is too long"),
                            opt("cost", "Per brangu", "Pārāk dārgi", "It costs too much"),
                            opt(
                                "paperwork",
                                "Per daug dokumentų ir formalumų",
                                "Pārāk daudz dokumentu un formalitāšu",
                                "Too many documents and forms",
                            ),
                            opt(
                                "uneasy",
                                "Nepatogu prašyti pagalbos",
                                "Neērti lūgt palīdzību",
                                "I feel uneasy asking for help",
                            ),
                            opt(
                                "hours",
                                "Netinka darbo laikas",
                                "Nepiemērots darba laiks",
                                "The opening hours do not suit me",
                            ),
                            opt("nothing", "Niekas netrukdo", "Nekas netraucē", "Nothing stands in my way"),
                            other(),
                        ],
                    ),
                    q(
                        "contact_pref",
                        QuestionType.SINGLE,
                        t(
                            "Kaip Jums patogiausia kreiptis pagalbos?",
                            "Kā Jums visērtāk vērsties pēc palīdzības?",
                            "What is the easiest way for you to ask for help?",
                        ),
                        help=ONE_ANSWER,
                        options=[
                            opt("phone", "Telefonu", "Pa tālruni", "By phone"),
                            opt("in_person", "Atvykus į įstaigą", "Ierodoties iestādē", "In person at the office"),
                            opt(
                                "home_visit",
                                "Kad darbuotojas atvyktų į namus",
                                "Lai darbinieks atbrauktu uz mājām",
                                "A home visit by a staff member",
                            ),
                            opt("email", "El. paštu", "Pa e-pastu", "By e-mail"),
                            opt(
                                "online",
                                "Internetu (per svetainę)",
                                "Tiešsaistē (mājaslapā)",
                                "Online (on the website)",
                            ),
                            opt("relative", "Per artimuosius", "Ar tuvinieku palīdzību", "Through a relative"),
                            other(),
                        ],
                    ),
                ],
            ),
            SectionSpec(
                title=t("Informacija ir pasiūlymai", "Informācija un ieteikumi", "Information and ideas"),
                questions=[
                    q(
                        "know_where",
                        QuestionType.YES_NO,
                        t(
                            "Ar žinote, kur kreiptis, jei Jums ar artimajam prireiktų pagalbos?",
                            "Vai Jūs zināt, kur vērsties, ja Jums vai Jūsu tuviniekam būtu vajadzīga palīdzība?",
                            "Do you know where to turn if you or a family member needed help?",
                        ),
                        dimension=CLIENT_INFORMATION,
                    ),
                    statement(
                        "info_enough",
                        CLIENT_INFORMATION,
                        "Turiu pakankamai informacijos apie socialines paslaugas savo savivaldybėje.",
                        "Man ir pietiekami daudz informācijas par sociālajiem pakalpojumiem manā pašvaldībā.",
                        "I have enough information about social services in my municipality.",
                    ),
                    q(
                        "info_pref",
                        QuestionType.MULTIPLE,
                        t(
                            "Kaip norėtumėte gauti informaciją apie socialines paslaugas?",
                            "Kā Jūs vēlētos saņemt informāciju par sociālajiem pakalpojumiem?",
                            "How would you like to get information about social services?",
                        ),
                        help=MANY_ANSWERS,
                        options=[
                            opt("local_paper", "Vietos laikraštyje", "Vietējā laikrakstā", "In the local newspaper"),
                            opt("radio_tv", "Per radiją ar televiziją", "Radio vai televīzijā", "On radio or TV"),
                            opt(
                                "website",
                                "Savivaldybės interneto svetainėje",
                                "Pašvaldības mājaslapā",
                                "On the municipality's website",
                            ),
                            opt(
                                "social_media",
                                "Socialiniuose tinkluose (pvz., „Facebook“)",
                                "Sociālajos tīklos (piem., Facebook)",
                                "On social media (e.g. Facebook)",
                            ),
                            opt(
                                "notice_board",
                                "Skelbimų lentoje ar seniūnijoje",
                                "Ziņojumu dēlī vai pagasta pārvaldē",
                                "On a notice board or at the local office",
                            ),
                            opt("doctor", "Iš gydytojo", "No ārsta", "From my doctor"),
                            opt("letter", "Laišku į namus", "Ar vēstuli uz mājām", "By letter to my home"),
                            other(),
                        ],
                    ),
                    q(
                        "missing",
                        QuestionType.LONG_TEXT,
                        t(
                            "Kokios pagalbos mūsų savivaldybėje labiausiai trūksta?",
                            "Kādas palīdzības mūsu pašvaldībā visvairāk pietrūkst?",
                            "What help is most missing in our municipality?",
                        ),
                        help=NO_NAMES,
                    ),
                ],
            ),
        ],
    )


BUILTIN_TEMPLATES: dict[str, Callable[[], SurveySpec]] = {
    "client-satisfaction": client_satisfaction_template,
    "needs": needs_survey_template,
}
"""Built-in templates by series; each call returns a fresh spec the caller may change."""
