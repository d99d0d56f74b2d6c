"""CAF 2020, the Common Assessment Framework of the EU public sector (EIPA).

Nine criteria with 28 subcriteria. Criteria 1–5 are the enablers (what the organisation does and
how), 6–9 the results (what it achieves); each panel has its own 0–100 scale. A criterion is only a
heading: the scores are given to its subcriteria. The subcriterion titles are CAF 2020's; the
descriptions of the criteria and the wording of the scale bands are ours.
"""

from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts

ENABLERS = "enablers"
RESULTS = "results"

PDCA_PHASES: tuple[tuple[str, Texts], ...] = (
    ("plan", texts(lt="Planavimas", lv="Plānošana", en="Plan")),
    ("do", texts(lt="Įgyvendinimas", lv="Īstenošana", en="Do")),
    ("check", texts(lt="Tikrinimas", lv="Pārbaude", en="Check")),
    ("act", texts(lt="Koregavimas", lv="Koriģēšana", en="Act")),
)
"""The four phases the fine-tuned scoring scores separately, each from 0 to 100."""

_PHASE_NAMES = dict(PDCA_PHASES)


def _band(value: int, upto: int, name: Texts, description: Texts) -> LevelSpec:
    return LevelSpec(value=value, upto=upto, name=name, description=description)


ENABLERS_SCALE: tuple[LevelSpec, ...] = (
    _band(
        0,
        10,
        texts(lt="Įrodymų nėra", lv="Nav pierādījumu", en="No evidence"),
        texts(
            lt="Šioje srityje nieko nedaroma arba turima tik pavienių, atsitiktinių duomenų.",
            lv="Šajā jomā nekas netiek darīts, vai ir tikai atsevišķas, nejaušas ziņas.",
            en="Nothing is done in this area, or there is only scattered, anecdotal information.",
        ),
    ),
    _band(
        11,
        30,
        _PHASE_NAMES["plan"],
        texts(
            lt="Yra planas, kaip tai daryti.",
            lv="Ir plāns, kā to darīt.",
            en="There is a plan for how to do this.",
        ),
    ),
    _band(
        31,
        50,
        _PHASE_NAMES["do"],
        texts(
            lt="Planas įgyvendinamas.",
            lv="Plāns tiek īstenots.",
            en="The plan is being carried out.",
        ),
    ),
    _band(
        51,
        70,
        _PHASE_NAMES["check"],
        texts(
            lt="Tikrinama, ar daromi reikiami dalykai ir ar jie daromi tinkamai.",
            lv="Tiek pārbaudīts, vai tiek darītas pareizās lietas un vai tās tiek darītas pareizi.",
            en="We check whether we do the right things and do them in the right way.",
        ),
    ),
    _band(
        71,
        90,
        _PHASE_NAMES["act"],
        texts(
            lt="Remiantis patikrinimų rezultatais, veikla prireikus koreguojama.",
            lv="Pamatojoties uz pārbaužu rezultātiem, darbība pēc vajadzības tiek koriģēta.",
            en="Based on the checks, we adjust what we do where needed.",
        ),
    ),
    _band(
        91,
        100,
        texts(lt="Visas PDCA ciklas", lv="Pilns PDCA cikls", en="Full PDCA cycle"),
        texts(
            lt=(
                "Viskas, ką darome, reguliariai planuojama, įgyvendinama, tikrinama ir koreguojama, mokomės iš kitų – "
                "tai nuolatinis tobulinimo ciklas."
            ),
            lv=(
                "Viss, ko darām, tiek regulāri plānots, īstenots, pārbaudīts un koriģēts, un mēs mācāmies no citiem – "
                "tas ir nepārtraukts pilnveides cikls."
            ),
            en=(
                "Everything we do here is planned, carried out, checked and adjusted regularly, and we learn from "
                "others: a continuous cycle of improvement."
            ),
        ),
    ),
)

CAF_RESULTS_SCALE: tuple[LevelSpec, ...] = (
    _band(
        0,
        10,
        texts(lt="Rezultatai nematuojami", lv="Rezultāti netiek mērīti", en="No results measured"),
        texts(
            lt="Rezultatai nematuojami arba informacijos apie juos nėra.",
            lv="Rezultāti netiek mērīti, vai informācijas par tiem nav.",
            en="No results are measured, or no information about them is available.",
        ),
    ),
    _band(
        11,
        30,
        texts(lt="Neigiama tendencija", lv="Negatīva tendence", en="Negative trend"),
        texts(
            lt="Rezultatai matuojami ir rodo neigiamą tendenciją ir (arba) nesiekia nustatytų tikslų.",
            lv="Rezultāti tiek mērīti un liecina par negatīvu tendenci, un/vai noteiktie mērķi netiek sasniegti.",
            en="Results are measured and show a negative trend, and/or do not reach the relevant targets.",
        ),
    ),
    _band(
        31,
        50,
        texts(lt="Nekintanti tendencija", lv="Nemainīga tendence", en="Flat trend"),
        texts(
            lt="Rezultatai nekinta arba šiek tiek gerėja; pasiekta dalis nustatytų tikslų.",
            lv="Rezultāti nemainās vai nedaudz uzlabojas; daļa noteikto mērķu ir sasniegta.",
            en="Results are flat or show some progress; some of the relevant targets are met.",
        ),
    ),
    _band(
        51,
        70,
        texts(lt="Gerėjanti tendencija", lv="Pozitīva tendence", en="Improving trend"),
        texts(
            lt="Rezultatai gerėja; pasiekta dauguma nustatytų tikslų.",
            lv="Rezultāti uzlabojas; lielākā daļa noteikto mērķu ir sasniegta.",
            en="Results are improving; most of the relevant targets are met.",
        ),
    ),
    _band(
        71,
        90,
        texts(lt="Didelė pažanga", lv="Būtisks progress", en="Substantial progress"),
        texts(
            lt=(
                "Rezultatai rodo didelę pažangą, pasiekti visi nustatyti tikslai, o rezultatai lyginami su panašių "
                "organizacijų rezultatais."
            ),
            lv=(
                "Rezultāti liecina par būtisku progresu, visi noteiktie mērķi ir sasniegti, un rezultāti tiek "
                "salīdzināti ar līdzīgu organizāciju rezultātiem."
            ),
            en=(
                "Results show substantial progress, all the relevant targets are met, and results are compared with "
                "those of similar organisations."
            ),
        ),
    ),
    _band(
        91,
        100,
        texts(lt="Puikūs ir tvarūs rezultatai", lv="Izcili un ilgtspējīgi rezultāti", en="Excellent and sustainable"),
        texts(
            lt=(
                "Pasiekti puikūs ir tvarūs rezultatai, įvykdyti visi nustatyti tikslai, o visi pagrindiniai rezultatai "
                "geresni nei panašių organizacijų."
            ),
            lv=(
                "Sasniegti izcili un ilgtspējīgi rezultāti, visi noteiktie mērķi ir sasniegti, un visi galvenie "
                "rezultāti ir labāki nekā līdzīgām organizācijām."
            ),
            en=(
                "Excellent and sustainable results are achieved, all the relevant targets are met, and all key results "
                "compare favourably with similar organisations."
            ),
        ),
    ),
)


def _criterion(code: str, panel: str, name: Texts, description: Texts, *subcriteria: tuple[str, Texts]) -> NodeSpec:
    """A criterion (a heading, not scored) and its scored subcriteria, all on the same panel."""
    return NodeSpec(
        code=code,
        name=name,
        description=description,
        panel=panel,
        scored=False,
        children=tuple(NodeSpec(code=sub_code, name=sub_name, panel=panel) for sub_code, sub_name in subcriteria),
    )


def _perception(code: str) -> tuple[str, Texts]:
    return code, texts(lt="Suvokimo vertinimai", lv="Uztveres novērtējumi", en="Perception measurements")


def _performance(code: str) -> tuple[str, Texts]:
    return code, texts(lt="Veiklos rodikliai", lv="Darbības rādītāji", en="Performance measurements")


CRITERIA: tuple[NodeSpec, ...] = (
    _criterion(
        "1",
        ENABLERS,
        texts(lt="Lyderystė", lv="Līderība", en="Leadership"),
        texts(
            lt=(
                "Kaip vadovai nustato organizacijos kryptį, ją valdo, motyvuoja darbuotojus ir palaiko ryšius su "
                "politikais bei kitomis suinteresuotosiomis šalimis."
            ),
            lv=(
                "Kā vadītāji nosaka organizācijas virzību, vada to, motivē darbiniekus un sadarbojas ar politiķiem un "
                "citām ieinteresētajām pusēm."
            ),
            en=(
                "How the leaders give the organisation direction, manage it, motivate its people and work with "
                "politicians and other stakeholders."
            ),
        ),
        (
            "1.1",
            texts(
                lt="Nustatyti organizacijos kryptį, formuojant jos misiją, viziją ir vertybes",
                lv="Noteikt organizācijas virzību, izstrādājot tās misiju, vīziju un vērtības",
                en="Provide direction for the organisation by developing its mission, vision and values",
            ),
        ),
        (
            "1.2",
            texts(
                lt="Valdyti organizaciją, jos veiklos rezultatus ir nuolatinį tobulėjimą",
                lv="Vadīt organizāciju, tās darbības rezultātus un nepārtrauktu pilnveidi",
                en="Manage the organisation, its performance and its continuous improvement",
            ),
        ),
        (
            "1.3",
            texts(
                lt="Įkvėpti, motyvuoti ir palaikyti organizacijos darbuotojus ir būti jiems pavyzdžiu",
                lv="Iedvesmot, motivēt un atbalstīt organizācijas darbiniekus un būt viņiem par paraugu",
                en="Inspire, motivate and support people in the organisation and act as a role model",
            ),
        ),
        (
            "1.4",
            texts(
                lt="Palaikyti veiksmingus santykius su politine valdžia ir kitomis suinteresuotosiomis šalimis",
                lv="Uzturēt efektīvas attiecības ar politisko vadību un citām ieinteresētajām pusēm",
                en="Manage effective relations with political authorities and other stakeholders",
            ),
        ),
    ),
    _criterion(
        "2",
        ENABLERS,
        texts(lt="Strategija ir planavimas", lv="Stratēģija un plānošana", en="Strategy and planning"),
        texts(
            lt=(
                "Kaip organizacija savo misiją ir suinteresuotųjų šalių poreikius paverčia strategija ir planais, juos "
                "įgyvendina ir peržiūri."
            ),
            lv=(
                "Kā organizācija savu misiju un ieinteresēto pušu vajadzības pārvērš stratēģijā un plānos, tos īsteno "
                "un pārskata."
            ),
            en=(
                "How the organisation turns its mission and its stakeholders' needs into a strategy and plans, carries "
                "them out and reviews them."
            ),
        ),
        (
            "2.1",
            texts(
                lt=(
                    "Nustatyti suinteresuotųjų šalių poreikius ir lūkesčius, išorės aplinką ir reikiamą valdymo "
                    "informaciją"
                ),
                lv="Noskaidrot ieinteresēto pušu vajadzības un gaidas, ārējo vidi un būtisko vadības informāciju",
                en=(
                    "Identify the needs and expectations of stakeholders, the external environment and the relevant "
                    "management information"
                ),
            ),
        ),
        (
            "2.2",
            texts(
                lt="Rengti strategiją ir planus, remiantis surinkta informacija",
                lv="Izstrādāt stratēģiju un plānus, balstoties uz savākto informāciju",
                en="Develop strategy and planning based on the information collected",
            ),
        ),
        (
            "2.3",
            texts(
                lt="Skleisti, įgyvendinti ir peržiūrėti strategijas ir planus",
                lv="Komunicēt, īstenot un pārskatīt stratēģijas un plānus",
                en="Communicate, implement and review strategies and planning",
            ),
        ),
        (
            "2.4",
            texts(
                lt="Valdyti pokyčius ir inovacijas, užtikrinant organizacijos lankstumą ir atsparumą",
                lv="Vadīt pārmaiņas un inovācijas, lai nodrošinātu organizācijas elastību un noturību",
                en="Manage change and innovation to ensure the agility and resilience of the organisation",
            ),
        ),
    ),
    _criterion(
        "3",
        ENABLERS,
        texts(lt="Darbuotojai", lv="Darbinieki", en="People"),
        texts(
            lt=(
                "Kaip organizacija planuoja žmogiškuosius išteklius, ugdo ir įtraukia darbuotojus ir rūpinasi jų "
                "gerove."
            ),
            lv="Kā organizācija plāno cilvēkresursus, attīsta un iesaista darbiniekus un rūpējas par viņu labbūtību.",
            en=(
                "How the organisation plans its human resources, develops and involves its people and looks after "
                "their well-being."
            ),
        ),
        (
            "3.1",
            texts(
                lt="Valdyti ir tobulinti žmogiškuosius išteklius, remiant organizacijos strategiją",
                lv="Vadīt un pilnveidot cilvēkresursus, atbalstot organizācijas stratēģiju",
                en="Manage and improve human resources to support the strategy of the organisation",
            ),
        ),
        (
            "3.2",
            texts(
                lt="Ugdyti ir valdyti darbuotojų kompetencijas",
                lv="Attīstīt un vadīt darbinieku kompetences",
                en="Develop and manage competencies of people",
            ),
        ),
        (
            "3.3",
            texts(
                lt="Įtraukti darbuotojus, suteikti jiems įgaliojimų ir rūpintis jų gerove",
                lv="Iesaistīt darbiniekus, dot viņiem pilnvaras un atbalstīt viņu labbūtību",
                en="Involve and empower the people and support their well-being",
            ),
        ),
    ),
    _criterion(
        "4",
        ENABLERS,
        texts(lt="Partnerystė ir ištekliai", lv="Partnerības un resursi", en="Partnerships and resources"),
        texts(
            lt=(
                "Kaip organizacija bendradarbiauja su partneriais ir piliečiais ir kaip valdo finansus, informaciją, "
                "technologijas bei patalpas."
            ),
            lv=(
                "Kā organizācija sadarbojas ar partneriem un iedzīvotājiem un kā pārvalda finanses, informāciju, "
                "tehnoloģijas un telpas."
            ),
            en=(
                "How the organisation works with partners and citizens and manages its finances, information, "
                "technology and facilities."
            ),
        ),
        (
            "4.1",
            texts(
                lt="Kurti ir valdyti partnerystę su susijusiomis organizacijomis",
                lv="Veidot un vadīt partnerības ar attiecīgajām organizācijām",
                en="Develop and manage partnerships with relevant organisations",
            ),
        ),
        (
            "4.2",
            texts(
                lt="Bendradarbiauti su piliečiais ir pilietinės visuomenės organizacijomis",
                lv="Sadarboties ar iedzīvotājiem un pilsoniskās sabiedrības organizācijām",
                en="Collaborate with citizens and civil society organisations",
            ),
        ),
        ("4.3", texts(lt="Valdyti finansus", lv="Pārvaldīt finanses", en="Manage finances")),
        (
            "4.4",
            texts(
                lt="Valdyti informaciją ir žinias",
                lv="Pārvaldīt informāciju un zināšanas",
                en="Manage information and knowledge",
            ),
        ),
        ("4.5", texts(lt="Valdyti technologijas", lv="Pārvaldīt tehnoloģijas", en="Manage technology")),
        (
            "4.6",
            texts(lt="Valdyti patalpas ir kitą turtą", lv="Pārvaldīt telpas un infrastruktūru", en="Manage facilities"),
        ),
    ),
    _criterion(
        "5",
        ENABLERS,
        texts(lt="Procesai", lv="Procesi", en="Processes"),
        texts(
            lt=(
                "Kaip organizacija kuria, vykdo ir koordinuoja procesus, kad teiktų piliečiams ir klientams vertingas "
                "paslaugas."
            ),
            lv=(
                "Kā organizācija izstrādā, īsteno un koordinē procesus, lai sniegtu iedzīvotājiem un klientiem "
                "vērtīgus pakalpojumus."
            ),
            en=(
                "How the organisation designs, runs and coordinates its processes to deliver services of value to "
                "citizens and customers."
            ),
        ),
        (
            "5.1",
            texts(
                lt="Kurti ir valdyti procesus, didinant jų vertę piliečiams ir klientams",
                lv="Izstrādāt un vadīt procesus, lai palielinātu vērtību iedzīvotājiem un klientiem",
                en="Design and manage processes to increase value for citizens and customers",
            ),
        ),
        (
            "5.2",
            texts(
                lt="Teikti produktus ir paslaugas klientams, piliečiams, suinteresuotosioms šalims ir visuomenei",
                lv="Sniegt produktus un pakalpojumus klientiem, iedzīvotājiem, ieinteresētajām pusēm un sabiedrībai",
                en="Deliver products and services for customers, citizens, stakeholders and society",
            ),
        ),
        (
            "5.3",
            texts(
                lt="Koordinuoti procesus organizacijoje ir su kitomis susijusiomis organizacijomis",
                lv="Koordinēt procesus organizācijā un ar citām attiecīgajām organizācijām",
                en="Coordinate processes across the organisation and with other relevant organisations",
            ),
        ),
    ),
    _criterion(
        "6",
        RESULTS,
        texts(
            lt="Į piliečius ir klientus orientuoti rezultatai",
            lv="Uz iedzīvotājiem un klientiem vērsti rezultāti",
            en="Citizen/customer-oriented results",
        ),
        texts(
            lt=(
                "Ką piliečiai ir klientai mano apie organizaciją ir jos paslaugas ir ką rodo pačios organizacijos "
                "paslaugų kokybės rodikliai."
            ),
            lv=(
                "Ko iedzīvotāji un klienti domā par organizāciju un tās pakalpojumiem un ko rāda pašas organizācijas "
                "pakalpojumu kvalitātes rādītāji."
            ),
            en=(
                "What citizens and customers think of the organisation and its services, and what its own indicators "
                "of service quality show."
            ),
        ),
        _perception("6.1"),
        _performance("6.2"),
    ),
    _criterion(
        "7",
        RESULTS,
        texts(lt="Darbuotojų rezultatai", lv="Darbinieku rezultāti", en="People results"),
        texts(
            lt=(
                "Ką darbuotojai mano apie organizaciją kaip darbovietę ir ką rodo tokie rodikliai kaip nedarbingumas, "
                "darbuotojų kaita ir mokymai."
            ),
            lv=(
                "Ko darbinieki domā par organizāciju kā darbavietu un ko rāda tādi rādītāji kā darbnespēja, kadru "
                "mainība un apmācības."
            ),
            en=(
                "What people think of the organisation as a place to work, and what indicators such as sickness "
                "absence, staff turnover and training show."
            ),
        ),
        _perception("7.1"),
        _performance("7.2"),
    ),
    _criterion(
        "8",
        RESULTS,
        texts(
            lt="Socialinės atsakomybės rezultatai",
            lv="Sociālās atbildības rezultāti",
            en="Social responsibility results",
        ),
        texts(
            lt=(
                "Kaip organizaciją vertina vietos bendruomenė ir visuomenė ir ką organizacija nuveikia aplinkos ir "
                "visuomenės labui."
            ),
            lv=(
                "Kā organizāciju vērtē vietējā kopiena un sabiedrība un ko organizācija paveic vides un sabiedrības "
                "labā."
            ),
            en=(
                "How the local community and society see the organisation, and what it achieves for the environment "
                "and society."
            ),
        ),
        _perception("8.1"),
        _performance("8.2"),
    ),
    _criterion(
        "9",
        RESULTS,
        texts(lt="Pagrindiniai veiklos rezultatai", lv="Galvenie darbības rezultāti", en="Key performance results"),
        texts(
            lt=(
                "Ar organizacija pasiekia savo paslaugų ir viešosios vertės tikslus ir kaip efektyviai naudoja "
                "išteklius."
            ),
            lv=(
                "Vai organizācija sasniedz savus pakalpojumu un sabiedriskās vērtības mērķus un cik efektīvi tā "
                "izmanto resursus."
            ),
            en=(
                "Whether the organisation reaches its goals for services and public value, and how efficiently it uses "
                "its resources."
            ),
        ),
        (
            "9.1",
            texts(
                lt="Išoriniai rezultatai: produktai ir viešoji vertė",
                lv="Ārējie rezultāti: sniegums un sabiedriskā vērtība",
                en="External results: output and public value",
            ),
        ),
        (
            "9.2",
            texts(
                lt="Vidiniai rezultatai: efektyvumo lygis",
                lv="Iekšējie rezultāti: efektivitātes līmenis",
                en="Internal results: level of efficiency",
            ),
        ),
    ),
)

CAF2020 = FrameworkSpec(
    key="caf2020",
    name=texts(
        lt="CAF 2020 – Bendrasis vertinimo modelis",
        lv="CAF 2020 – Kopējais novērtēšanas modelis",
        en="CAF 2020 – Common Assessment Framework",
    ),
    description=texts(
        lt=(
            "Europos viešojo sektoriaus kokybės vadybos modelis: 9 kriterijai ir 28 subkriterijai. Veiksnių kriterijai "
            "(1–5) vertina, ką ir kaip organizacija daro, rezultatų kriterijai (6–9) – ką ji pasiekia. Kiekvienas "
            "subkriterijus vertinamas balais nuo 0 iki 100."
        ),
        lv=(
            "Eiropas publiskā sektora kvalitātes vadības modelis: 9 kritēriji un 28 apakškritēriji. Virzītājspēku "
            "kritēriji (1–5) vērtē, ko un kā organizācija dara, rezultātu kritēriji (6–9) – ko tā sasniedz. Katru "
            "apakškritēriju vērtē ar punktiem no 0 līdz 100."
        ),
        en=(
            "The European quality management model for the public sector: 9 criteria and 28 subcriteria. The enabler "
            "criteria (1–5) assess what the organisation does and how, the result criteria (6–9) what it achieves. "
            "Each subcriterion is scored from 0 to 100."
        ),
    ),
    scoring=Scoring.CAF_CLASSICAL,
    scale=ENABLERS_SCALE,
    nodes=CRITERIA,
    source=texts(
        lt=(
            "CAF 2020 (Common Assessment Framework) – Europos viešojo administravimo instituto (EIPA) ir EUPAN tinklo "
            "modelis, kurį viešojo sektoriaus organizacijos gali naudoti nemokamai. Subkriterijų pavadinimai išversti "
            "platformai „Kokybė“; kiekvieno subkriterijaus pavyzdžiai pateikiami CAF 2020 leidinyje (eipa.eu)."
        ),
        lv=(
            "CAF 2020 (Common Assessment Framework) – Eiropas Valsts pārvaldes institūta (EIPA) un EUPAN tīkla "
            "modelis, ko publiskā sektora organizācijas var izmantot bez maksas. Apakškritēriju nosaukumi tulkoti "
            "platformai Kokybė; katra apakškritērija piemēri ir atrodami CAF 2020 izdevumā (eipa.eu)."
        ),
        en=(
            "CAF 2020 (Common Assessment Framework) by the European Institute of Public Administration (EIPA) and the "
            "EUPAN network, free for public sector organisations to use. Subcriterion titles are CAF 2020's, "
            "translated for Kokybė; the examples for each subcriterion are in the CAF 2020 publication (eipa.eu)."
        ),
    ),
)
