"""EQUASS (European Quality in Social Services): its ten principles as the top of the tree.

EQUASS's criteria and their wording belong to the European Platform for Rehabilitation (EPR) and
are not reproduced here. A municipality holding an EQUASS licence enters the criteria it works
with under each principle itself; each of them is then assessed as met or not met, with evidence.
The one-sentence descriptions of the principles are ours.
"""

from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts


def _principle(code: str, name: Texts, description: Texts) -> NodeSpec:
    # Not scored itself: the municipality's criteria under it are.
    return NodeSpec(code=code, name=name, description=description, scored=False)


SCALE: tuple[LevelSpec, ...] = (
    LevelSpec(
        value=0,
        upto=0,
        name=texts(lt="Neįvykdyta", lv="Nav izpildīts", en="Not met"),
        description=texts(
            lt="Reikalavimas neįvykdytas arba įrodymų, kad jis vykdomas, nepakanka.",
            lv="Prasība nav izpildīta, vai nav pietiekamu pierādījumu, ka tā tiek izpildīta.",
            en="The requirement is not met, or there is not enough evidence that it is.",
        ),
    ),
    LevelSpec(
        value=1,
        upto=1,
        name=texts(lt="Įvykdyta", lv="Izpildīts", en="Met"),
        description=texts(
            lt="Reikalavimas įvykdytas ir tai patvirtina įrodymai.",
            lv="Prasība ir izpildīta, un to apliecina pierādījumi.",
            en="The requirement is met and the evidence shows it.",
        ),
    ),
)

PRINCIPLES: tuple[NodeSpec, ...] = (
    _principle(
        "P1",
        texts(lt="Lyderystė", lv="Līderība", en="Leadership"),
        texts(
            lt=(
                "Organizacijos vadovai nustato kryptį, kuria kokybės kultūrą ir prisiima atsakomybę už gerą pagalbą "
                "žmonėms, kuriems organizacija teikia paslaugas."
            ),
            lv=(
                "Organizācijas vadība nosaka virzību, veido kvalitātes kultūru un uzņemas atbildību par labu atbalstu "
                "cilvēkiem, kuriem organizācija sniedz pakalpojumus."
            ),
            en=(
                "The organisation's leaders set the direction, build a culture of quality and take responsibility for "
                "good support to the people the organisation serves."
            ),
        ),
    ),
    _principle(
        "P2",
        texts(lt="Personalas", lv="Personāls", en="Staff"),
        texts(
            lt=(
                "Organizacija įdarbina kompetentingus darbuotojus, investuoja į jų tobulėjimą ir sudaro tokias darbo "
                "sąlygas, kad jie galėtų gerai padėti žmonėms."
            ),
            lv=(
                "Organizācija nodarbina kompetentus darbiniekus, iegulda viņu attīstībā un rada tādus darba apstākļus, "
                "lai viņi varētu labi atbalstīt cilvēkus."
            ),
            en=(
                "The organisation employs competent staff, invests in their development and gives them working "
                "conditions in which they can support people well."
            ),
        ),
    ),
    _principle(
        "P3",
        texts(lt="Teisės", lv="Tiesības", en="Rights"),
        texts(
            lt=(
                "Organizacija gina ir stiprina paslaugų gavėjų teises, įskaitant vienodą požiūrį, laisvą pasirinkimą "
                "ir teisę skųstis."
            ),
            lv=(
                "Organizācija aizsargā un stiprina pakalpojumu saņēmēju tiesības, tostarp tiesības uz vienlīdzīgu "
                "attieksmi, brīvu izvēli un sūdzības iesniegšanu."
            ),
            en=(
                "The organisation protects and promotes the rights of the people it serves, including equal treatment, "
                "free choice and the right to complain."
            ),
        ),
    ),
    _principle(
        "P4",
        texts(lt="Etika", lv="Ētika", en="Ethics"),
        texts(
            lt=(
                "Darbe su žmonėmis vadovaujamasi etikos kodeksu, kuriuo gerbiamas jų orumas, o etinės dilemos "
                "aptariamos atvirai."
            ),
            lv=(
                "Darbā ar cilvēkiem tiek ievērots ētikas kodekss, kas sargā viņu cieņu, un ētiskās dilemmas tiek "
                "atklāti apspriestas."
            ),
            en=(
                "Work with people follows a code of ethics that respects their dignity, and ethical dilemmas are "
                "discussed openly."
            ),
        ),
    ),
    _principle(
        "P5",
        texts(lt="Partnerystė", lv="Partnerība", en="Partnership"),
        texts(
            lt=(
                "Organizacija bendradarbiauja su valdžios institucijomis, kitais paslaugų teikėjais, darbdaviais ir "
                "bendruomenėmis, kad žmonės gautų nenutrūkstamą ir suderintą pagalbą."
            ),
            lv=(
                "Organizācija sadarbojas ar valsts un pašvaldību iestādēm, citiem pakalpojumu sniedzējiem, darba "
                "devējiem un kopienām, lai cilvēki saņemtu nepārtrauktu un saskaņotu atbalstu."
            ),
            en=(
                "The organisation works with public authorities, other providers, employers and communities so that "
                "people receive continuous and coordinated support."
            ),
        ),
    ),
    _principle(
        "P6",
        texts(lt="Dalyvavimas", lv="Līdzdalība", en="Participation"),
        texts(
            lt=(
                "Paslaugų gavėjai, o prireikus ir jų šeimos, dalyvauja planuojant ir vertinant tiek jiems teikiamą "
                "pagalbą, tiek visos organizacijos veiklą."
            ),
            lv=(
                "Pakalpojumu saņēmēji un, ja vajadzīgs, arī viņu ģimenes piedalās gan sava atbalsta, gan visas "
                "organizācijas darba plānošanā un izvērtēšanā."
            ),
            en=(
                "The people who use the services, and where appropriate their families, take part in planning and "
                "evaluating both their own support and the organisation's work."
            ),
        ),
    ),
    _principle(
        "P7",
        texts(lt="Orientacija į asmenį", lv="Uz personu vērsta pieeja", en="Person-centred approach"),
        texts(
            lt=(
                "Paslaugos grindžiamos kiekvieno asmens poreikiais, norais ir tikslais ir planuojamos individualiai "
                "kartu su juo."
            ),
            lv=(
                "Pakalpojumi balstās uz katra cilvēka vajadzībām, vēlmēm un mērķiem, un tos plāno individuāli kopā ar "
                "viņu."
            ),
            en=(
                "Services start from each person's needs, wishes and goals and are planned individually together with "
                "them."
            ),
        ),
    ),
    _principle(
        "P8",
        texts(lt="Visapusiškumas", lv="Visaptveroša pieeja", en="Comprehensiveness"),
        texts(
            lt=(
                "Asmeniui užtikrinamas paslaugų tęstinumas – nuo pirmojo kontakto iki tolesnio stebėjimo – ir galimybė "
                "gauti kitas jam reikalingas paslaugas."
            ),
            lv=(
                "Cilvēkam tiek nodrošināta pakalpojumu nepārtrauktība – no pirmā kontakta līdz turpmākai uzraudzībai – "
                "un iespēja saņemt citus viņam vajadzīgos pakalpojumus."
            ),
            en=(
                "The person is offered a continuum of services, from first contact to follow-up, and access to the "
                "other services they need."
            ),
        ),
    ),
    _principle(
        "P9",
        texts(lt="Orientacija į rezultatus", lv="Orientācija uz rezultātiem", en="Result orientation"),
        texts(
            lt=(
                "Organizacija nusistato, kokią naudą jos paslaugos turi duoti žmonėms ir visuomenei, ją matuoja ir "
                "atvirai atsiskaito už rezultatus."
            ),
            lv=(
                "Organizācija nosaka, kādu labumu tās pakalpojumiem jādod cilvēkiem un sabiedrībai, to mēra un atklāti "
                "atskaitās par rezultātiem."
            ),
            en=(
                "The organisation sets out the benefits its services should bring to people and society, measures them "
                "and reports openly on the results."
            ),
        ),
    ),
    _principle(
        "P10",
        texts(lt="Nuolatinis tobulėjimas", lv="Nepārtraukta pilnveide", en="Continuous improvement"),
        texts(
            lt=(
                "Organizacija mokosi iš atsiliepimų, rezultatų ir kitų organizacijų gerosios patirties ir planingai "
                "tobulina savo paslaugas."
            ),
            lv=(
                "Organizācija mācās no atsauksmēm, rezultātiem un citu organizāciju labās prakses un plānveidīgi "
                "pilnveido savus pakalpojumus."
            ),
            en=(
                "The organisation learns from feedback, from its results and from the good practice of others, and "
                "improves its services in a planned way."
            ),
        ),
    ),
)

EQUASS = FrameworkSpec(
    key="equass",
    name=texts(
        lt="EQUASS – Europos socialinių paslaugų kokybė",
        lv="EQUASS – Eiropas kvalitāte sociālajos pakalpojumos",
        en="EQUASS – European Quality in Social Services",
    ),
    description=texts(
        lt=(
            "Europos socialinių paslaugų kokybės sertifikavimo sistema, grindžiama dešimčia principų. Savivaldybė po "
            "kiekvienu principu įrašo savo kriterijus; kiekvienas kriterijus vertinamas kaip įvykdytas arba "
            "neįvykdytas, pateikiant įrodymus."
        ),
        lv=(
            "Eiropas sociālo pakalpojumu kvalitātes sertifikācijas sistēma, kuras pamatā ir desmit principi. "
            "Pašvaldība pie katra principa ievada savus kritērijus; katru kritēriju novērtē kā izpildītu vai "
            "neizpildītu, norādot pierādījumus."
        ),
        en=(
            "The European quality certification system for social services, built on ten principles. The municipality "
            "enters its own criteria under each principle; each criterion is assessed as met or not met, with evidence."
        ),
    ),
    scoring=Scoring.MET_NOT_MET,
    scale=SCALE,
    nodes=PRINCIPLES,
    source=texts(
        lt=(
            "EQUASS – Europos reabilitacijos platformos (EPR) kokybės sistema. Čia pateikiami tik dešimties principų "
            "pavadinimai ir mūsų trumpi jų aprašymai. EQUASS kriterijų tekstas saugomas autorių teisių, kurios "
            "priklauso EPR: savivaldybė jį įrašo pati, pagal savo su EPR sudarytą licencinę sutartį."
        ),
        lv=(
            "EQUASS ir Eiropas Rehabilitācijas platformas (EPR) kvalitātes sistēma. Šeit ir tikai desmit principu "
            "nosaukumi un mūsu īsie apraksti. EQUASS kritēriju teksts ir aizsargāts ar EPR autortiesībām: pašvaldība "
            "to ievada pati saskaņā ar savu EPR licenci."
        ),
        en=(
            "EQUASS is the quality system of the European Platform for Rehabilitation (EPR). Only the names of its ten "
            "principles and our short descriptions of them are given here. The text of the EQUASS criteria is "
            "copyrighted by EPR: the municipality enters it itself, under its own licence from EPR."
        ),
    ),
)
