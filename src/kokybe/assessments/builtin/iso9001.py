"""ISO 9001:2015 as a checklist skeleton: the headings of clauses 4–10 and their subclauses.

Only the headings are given; the requirements themselves are the standard's text, which belongs
to ISO and the national standards bodies (LST, LVS) and is read in the standard the organisation
has bought. Each subclause is checked as conforming, partly conforming, not conforming or not
applicable.
"""

from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts

NOT_APPLICABLE = -1
"""The checklist value that leaves a subclause out of the results."""

SCALE: tuple[LevelSpec, ...] = (
    LevelSpec(
        value=NOT_APPLICABLE,
        upto=NOT_APPLICABLE,
        name=texts(lt="Netaikoma", lv="Nav piemērojams", en="Not applicable"),
        description=texts(
            lt="Reikalavimas organizacijai netaikomas (pagrįskite tai kokybės vadybos sistemos taikymo srityje).",
            lv="Prasība organizācijai nav piemērojama (pamatojiet to kvalitātes pārvaldības sistēmas darbības sfērā).",
            en=(
                "The requirement does not apply to the organisation (justify this in the scope of the quality "
                "management system)."
            ),
        ),
    ),
    LevelSpec(
        value=0,
        upto=0,
        name=texts(lt="Neatitinka", lv="Neatbilst", en="Does not conform"),
        description=texts(
            lt="Reikalavimas nevykdomas arba įrodymų, kad jis vykdomas, nėra.",
            lv="Prasība netiek izpildīta, vai nav pierādījumu, ka tā tiek izpildīta.",
            en="The requirement is not met, or there is no evidence that it is.",
        ),
    ),
    LevelSpec(
        value=1,
        upto=1,
        name=texts(lt="Iš dalies atitinka", lv="Daļēji atbilst", en="Partly conforms"),
        description=texts(
            lt="Reikalavimas vykdomas tik iš dalies arba nenuosekliai, arba trūksta įrodymų.",
            lv="Prasība tiek izpildīta tikai daļēji vai nekonsekventi, vai trūkst pierādījumu.",
            en="The requirement is met only in part or not consistently, or evidence is missing.",
        ),
    ),
    LevelSpec(
        value=2,
        upto=2,
        name=texts(lt="Atitinka", lv="Atbilst", en="Conforms"),
        description=texts(
            lt="Reikalavimas vykdomas ir tai patvirtina įrodymai.",
            lv="Prasība tiek izpildīta, un to apliecina pierādījumi.",
            en="The requirement is met and the evidence shows it.",
        ),
    ),
)


def _clause(code: str, name: Texts, *subclauses: tuple[str, Texts]) -> NodeSpec:
    """A clause (a heading, not scored) and its subclauses, each a checklist item."""
    return NodeSpec(
        code=code,
        name=name,
        scored=False,
        children=tuple(NodeSpec(code=sub_code, name=sub_name) for sub_code, sub_name in subclauses),
    )


CLAUSES: tuple[NodeSpec, ...] = (
    _clause(
        "4",
        texts(lt="Organizacijos aplinkybės", lv="Organizācijas konteksts", en="Context of the organization"),
        (
            "4.1",
            texts(
                lt="Organizacijos ir jos aplinkybių supratimas",
                lv="Organizācijas un tās konteksta izpratne",
                en="Understanding the organization and its context",
            ),
        ),
        (
            "4.2",
            texts(
                lt="Suinteresuotųjų šalių poreikių ir lūkesčių supratimas",
                lv="Ieinteresēto pušu vajadzību un gaidu izpratne",
                en="Understanding the needs and expectations of interested parties",
            ),
        ),
        (
            "4.3",
            texts(
                lt="Kokybės vadybos sistemos taikymo srities nustatymas",
                lv="Kvalitātes pārvaldības sistēmas darbības sfēras noteikšana",
                en="Determining the scope of the quality management system",
            ),
        ),
        (
            "4.4",
            texts(
                lt="Kokybės vadybos sistema ir jos procesai",
                lv="Kvalitātes pārvaldības sistēma un tās procesi",
                en="Quality management system and its processes",
            ),
        ),
    ),
    _clause(
        "5",
        texts(lt="Lyderystė", lv="Līderība", en="Leadership"),
        ("5.1", texts(lt="Lyderystė ir įsipareigojimas", lv="Līderība un apņemšanās", en="Leadership and commitment")),
        ("5.2", texts(lt="Politika", lv="Politika", en="Policy")),
        (
            "5.3",
            texts(
                lt="Organizacijos vaidmenys, atsakomybė ir įgaliojimai",
                lv="Lomas, atbildība un pilnvaras organizācijā",
                en="Organizational roles, responsibilities and authorities",
            ),
        ),
    ),
    _clause(
        "6",
        texts(lt="Planavimas", lv="Plānošana", en="Planning"),
        (
            "6.1",
            texts(
                lt="Veiksmai, skirti rizikoms ir galimybėms valdyti",
                lv="Darbības risku un iespēju risināšanai",
                en="Actions to address risks and opportunities",
            ),
        ),
        (
            "6.2",
            texts(
                lt="Kokybės tikslai ir jų siekimo planavimas",
                lv="Kvalitātes mērķi un to sasniegšanas plānošana",
                en="Quality objectives and planning to achieve them",
            ),
        ),
        ("6.3", texts(lt="Pokyčių planavimas", lv="Izmaiņu plānošana", en="Planning of changes")),
    ),
    _clause(
        "7",
        texts(lt="Parama", lv="Atbalsts", en="Support"),
        ("7.1", texts(lt="Ištekliai", lv="Resursi", en="Resources")),
        ("7.2", texts(lt="Kompetencija", lv="Kompetence", en="Competence")),
        ("7.3", texts(lt="Sąmoningumas", lv="Izpratne", en="Awareness")),
        ("7.4", texts(lt="Komunikacija", lv="Komunikācija", en="Communication")),
        ("7.5", texts(lt="Dokumentuota informacija", lv="Dokumentēta informācija", en="Documented information")),
    ),
    _clause(
        "8",
        texts(lt="Veikla", lv="Darbība", en="Operation"),
        (
            "8.1",
            texts(
                lt="Veiklos planavimas ir valdymas",
                lv="Darbības plānošana un vadība",
                en="Operational planning and control",
            ),
        ),
        (
            "8.2",
            texts(
                lt="Produktams ir paslaugoms keliami reikalavimai",
                lv="Prasības produktiem un pakalpojumiem",
                en="Requirements for products and services",
            ),
        ),
        (
            "8.3",
            texts(
                lt="Produktų ir paslaugų projektavimas ir kūrimas",
                lv="Produktu un pakalpojumu projektēšana un izstrāde",
                en="Design and development of products and services",
            ),
        ),
        (
            "8.4",
            texts(
                lt="Išorės tiekiamų procesų, produktų ir paslaugų valdymas",
                lv="Ārēji nodrošināto procesu, produktu un pakalpojumu vadība",
                en="Control of externally provided processes, products and services",
            ),
        ),
        (
            "8.5",
            texts(
                lt="Gamyba ir paslaugų teikimas",
                lv="Ražošana un pakalpojumu sniegšana",
                en="Production and service provision",
            ),
        ),
        (
            "8.6",
            texts(
                lt="Produktų ir paslaugų išleidimas",
                lv="Produktu un pakalpojumu nodošana",
                en="Release of products and services",
            ),
        ),
        (
            "8.7",
            texts(
                lt="Neatitinkančių rezultatų valdymas",
                lv="Neatbilstošu rezultātu vadība",
                en="Control of nonconforming outputs",
            ),
        ),
    ),
    _clause(
        "9",
        texts(lt="Veiksmingumo vertinimas", lv="Darbības izvērtēšana", en="Performance evaluation"),
        (
            "9.1",
            texts(
                lt="Stebėjimas, matavimas, analizė ir vertinimas",
                lv="Uzraudzība, mērīšana, analīze un izvērtēšana",
                en="Monitoring, measurement, analysis and evaluation",
            ),
        ),
        ("9.2", texts(lt="Vidaus auditas", lv="Iekšējais audits", en="Internal audit")),
        ("9.3", texts(lt="Vadovybės vertinamoji analizė", lv="Vadības pārskats", en="Management review")),
    ),
    _clause(
        "10",
        texts(lt="Gerinimas", lv="Uzlabošana", en="Improvement"),
        ("10.1", texts(lt="Bendrosios nuostatos", lv="Vispārīgi", en="General")),
        (
            "10.2",
            texts(
                lt="Neatitiktis ir korekciniai veiksmai",
                lv="Neatbilstība un korektīvās darbības",
                en="Nonconformity and corrective action",
            ),
        ),
        ("10.3", texts(lt="Nuolatinis gerinimas", lv="Nepārtraukta uzlabošana", en="Continual improvement")),
    ),
)

ISO9001 = FrameworkSpec(
    key="iso9001",
    name=texts(
        lt="ISO 9001:2015 – kontrolinis sąrašas",
        lv="ISO 9001:2015 – kontrolsaraksts",
        en="ISO 9001:2015 – checklist",
    ),
    description=texts(
        lt=(
            "Kokybės vadybos sistemos standarto 4–10 skyrių ir jų poskyrių pavadinimai kaip kontrolinis sąrašas: "
            "kiekvienas poskyris pažymimas kaip atitinkantis, iš dalies atitinkantis, neatitinkantis arba netaikomas."
        ),
        lv=(
            "Kvalitātes pārvaldības sistēmas standarta 4.–10. nodaļas un to apakšnodaļu virsraksti kā kontrolsaraksts: "
            "katru apakšnodaļu atzīmē kā atbilstošu, daļēji atbilstošu, neatbilstošu vai nepiemērojamu."
        ),
        en=(
            "The headings of clauses 4–10 of the quality management system standard and their subclauses as a "
            "checklist: each subclause is marked as conforming, partly conforming, not conforming or not applicable."
        ),
    ),
    scoring=Scoring.CHECKLIST,
    scale=SCALE,
    nodes=CLAUSES,
    source=texts(
        lt=(
            "ISO 9001:2015 „Kokybės vadybos sistemos. Reikalavimai“ (Lietuvoje – LST EN ISO 9001:2015). Pateikiami tik "
            "skyrių pavadinimai; reikalavimų tekstas saugomas autorių teisių, kurios priklauso ISO, ir skaitomas "
            "organizacijos įsigytame standarte."
        ),
        lv=(
            "ISO 9001:2015 „Kvalitātes pārvaldības sistēmas. Prasības” (Latvijā – LVS EN ISO 9001:2015). Šeit ir tikai "
            "nodaļu virsraksti; prasību teksts ir aizsargāts ar ISO autortiesībām, un to lasa organizācijas iegādātajā "
            "standartā."
        ),
        en=(
            "ISO 9001:2015 Quality management systems – Requirements (LST EN ISO 9001:2015 in Lithuania, LVS EN ISO "
            "9001:2015 in Latvia). Only the clause headings are given; the text of the requirements is copyrighted by "
            "ISO and is read in the copy of the standard the organisation has bought."
        ),
    ),
)
