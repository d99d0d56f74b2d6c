"""Service catalogue demo data: the social services of the demo institutions, as residents read them.

Klaipėda's services are described in Lithuanian, several also in English; Kuldīga's in Latvian.
Written through the catalogue services: each service is described in early 2024 and published,
some are revised later (a new price, new opening hours: the version history shows it), most are
confirmed as still right at the yearly check of February 2026 while a few wait for it (the home
page reminds who keeps them), and a few new ones are still being prepared. Addresses, phone
numbers and e-mail addresses are made up. Idempotent: a service whose address name exists already
is left alone.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time

from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.catalogue.models import Service
from kokybe.catalogue.services.editing import service_create, service_update
from kokybe.catalogue.services.publishing import service_publish
from kokybe.catalogue.services.reviewing import service_confirm
from kokybe.core.client_groups import ClientGroup as G
from kokybe.core.texts import Texts
from kokybe.demo import data
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Role


@dataclass(frozen=True)
class Revision:
    on: date
    note: str
    texts: dict[str, str]  # field -> new text in the municipality's language
    decision_working_days: int | None = None


YEARLY_CHECK = date(2026, 2, 2)


@dataclass(frozen=True)
class ServiceSpec:
    slug: str
    providers: tuple[str, ...]  # InstitutionSpec keys
    groups: tuple[str, ...]
    decision_working_days: int | None
    texts: dict[str, str]  # field -> text in the municipality's language
    english: dict[str, str] = field(default_factory=dict)
    described_on: date = date(2024, 1, 15)
    published: bool = True
    revisions: tuple[Revision, ...] = ()
    checked_on: date | None = YEARLY_CHECK  # None: nobody has confirmed it since, so it is due for a check


KLAIPEDA_APPLY = (
    "Prašymą galite pateikti Socialinės paramos skyriaus Klientų aptarnavimo grupėje (Liepų g. 11), "
    "el. paštu arba elektroniniu būdu per Socialinės paramos informacinę sistemą (www.spis.lt). "
    "Jei patys atvykti negalite, prašymą gali pateikti artimieji, seniūnija ar globėjas. "
    "Socialinis darbuotojas susitars dėl apsilankymo namuose ir kartu su jumis įvertins, kokios pagalbos reikia."
)
KLAIPEDA_DOCUMENTS = (
    "Prašymas-paraiška socialinėms paslaugoms gauti (forma SP-8)\n"
    "Asmens tapatybę patvirtinantis dokumentas\n"
    "Šeimos gydytojo išrašas apie sveikatos būklę (forma 027/a)\n"
    "Neįgalumo ar darbingumo lygio pažyma (jei turite)\n"
    "Pažyma apie gaunamas pajamas (jei jų nėra valstybės registruose)"
)
KLAIPEDA_WHERE = (
    "Klientų aptarnavimo grupė: Liepų g. 11, Klaipėda (1 aukštas, įėjimas pritaikytas žmonėms su vežimėliais)."
)
KLAIPEDA_HOURS = "I–IV 8.00–17.00, V 8.00–15.45. Pietų pertrauka 12.00–12.45."
KLAIPEDA_DECISION = (
    "Sprendimas priimamas per 20 darbo dienų nuo prašymo ir visų reikalingų dokumentų gavimo. "
    "Apie sprendimą informuojame raštu arba el. paštu."
)
KLAIPEDA_CONTACTS = "Klientų aptarnavimo grupė: tel. +370 46 000 101, el. p. parama@klaipeda.example"

KLAIPEDA_EN_APPLY = (
    "Apply at the Client Service Group of the Social Support Department (Liepų g. 11), by e-mail, or online "
    "through the social support information system (www.spis.lt). Relatives, the ward office or a guardian "
    "may apply for you. A social worker will arrange a home visit and assess with you what help you need."
)
KLAIPEDA_EN_DECISION = "A decision is made within 20 working days of receiving the application and all documents."


def _klaipeda(
    slug: str,
    providers: tuple[str, ...],
    groups: tuple[str, ...],
    days: int | None,
    *,
    name: str,
    summary: str,
    eligibility: str,
    cost: str,
    how_to_apply: str = KLAIPEDA_APPLY,
    documents: str = KLAIPEDA_DOCUMENTS,
    location: str = KLAIPEDA_WHERE,
    opening_hours: str = KLAIPEDA_HOURS,
    decision_time: str = KLAIPEDA_DECISION,
    contacts: str = KLAIPEDA_CONTACTS,
    english: dict[str, str] | None = None,
    described_on: date = date(2024, 1, 15),
    published: bool = True,
    revisions: tuple[Revision, ...] = (),
    checked_on: date | None = YEARLY_CHECK,
) -> ServiceSpec:
    return ServiceSpec(
        slug,
        providers,
        groups,
        days,
        {
            "name": name,
            "summary": summary,
            "eligibility": eligibility,
            "how_to_apply": how_to_apply,
            "documents": documents,
            "location": location,
            "opening_hours": opening_hours,
            "cost": cost,
            "decision_time": decision_time,
            "contacts": contacts,
        },
        english or {},
        described_on,
        published,
        revisions,
        checked_on,
    )


KLAIPEDA_SERVICES = (
    _klaipeda(
        "pagalba-i-namus",
        ("dane", "spc"),
        (G.OLDER_PEOPLE, G.DISABILITY),
        20,
        name="Pagalba į namus",
        summary=(
            "Socialinis darbuotojas lankosi jūsų namuose ir padeda tvarkytis buityje: apsipirkti, susitvarkyti, "
            "paruošti maistą, sumokėti mokesčius, nueiti pas gydytoją. Pagalba teikiama iki 10 valandų per savaitę."
        ),
        eligibility=(
            "Senyvo amžiaus asmenys ir suaugę asmenys su negalia, gyvenantys Klaipėdos mieste, kuriems dėl "
            "amžiaus ar negalios sunku savarankiškai tvarkytis namuose."
        ),
        cost=(
            "Mokestis – iki 20 % asmens pajamų. Nemokamai – asmenims, gaunantiems socialinę pašalpą, "
            "ir asmenims, kurių pajamos mažesnės už 2 valstybės remiamų pajamų dydžius."
        ),
        english={
            "name": "Help at home",
            "summary": (
                "A social carer visits your home and helps with everyday tasks: shopping, cleaning, cooking, "
                "paying bills, going to the doctor. Up to 10 hours a week."
            ),
            "eligibility": (
                "Older people and adults with disabilities living in Klaipėda who find it hard to manage at home."
            ),
            "how_to_apply": KLAIPEDA_EN_APPLY,
            "cost": (
                "Up to 20% of the person's income. Free for people receiving social benefit and for people whose "
                "income is below twice the state-supported income."
            ),
            "decision_time": KLAIPEDA_EN_DECISION,
        },
        revisions=(
            Revision(
                date(2025, 1, 6),
                "Nauja mokesčio tvarka nuo 2025 m.",
                {
                    "cost": (
                        "Mokestis – iki 20 % asmens pajamų. Nemokamai – asmenims, gaunantiems socialinę pašalpą, "
                        "ir asmenims, kurių pajamos mažesnės už 2 valstybės remiamų pajamų dydžius. "
                        "Nuo 2025 m. sausio 1 d. valanda kainuoja ne daugiau kaip 6,20 Eur."
                    )
                },
            ),
        ),
    ),
    _klaipeda(
        "dienos-socialine-globa-namuose",
        ("dane",),
        (G.DISABILITY, G.OLDER_PEOPLE),
        20,
        name="Dienos socialinė globa asmens namuose",
        summary=(
            "Kasdienė, iki 10 valandų per parą, kompleksinė pagalba namuose žmonėms, kuriems nuolat reikia "
            "specialistų priežiūros: asmens higiena, maitinimas, slauga, užimtumas."
        ),
        eligibility=(
            "Asmenys, kuriems nustatytas didelis arba vidutinis specialiųjų poreikių lygis, ir jų šeimos, "
            "kai artimieji negali užtikrinti reikiamos priežiūros."
        ),
        cost="Mokestis – iki 20 % asmens pajamų. Nemokamai – vaikams su negalia.",
        english={
            "name": "Day social care at home",
            "summary": (
                "Daily help at home, up to 10 hours a day, for people who need constant care from specialists: "
                "personal hygiene, meals, nursing, activities."
            ),
        },
    ),
    _klaipeda(
        "dienos-centras-zmonems-su-negalia",
        ("lakstute", "dane"),
        (G.DISABILITY,),
        20,
        name="Dienos socialinė globa dienos centre",
        summary=(
            "Dienos centre žmonės su negalia praleidžia darbo dieną: užsiėmimai dirbtuvėse, socialinių įgūdžių "
            "ugdymas, maitinimas, kineziterapija. Atvežame ir parvežame specialiu transportu."
        ),
        eligibility=(
            "Suaugę asmenys su proto, psichine ar kompleksine negalia, kuriems nustatytas specialiųjų poreikių lygis."
        ),
        cost=(
            "Mokestis – iki 20 % asmens pajamų. Maitinimas apmokamas atskirai: 2,80 Eur už pietus. "
            "Transportas į centrą ir atgal – nemokamai."
        ),
        location="„Klaipėdos lakštutė“: Debreceno g. 48, Klaipėda.\n„Danė“: Kretingos g. 12, Klaipėda.",
        opening_hours="Centrai dirba I–V 7.30–17.30.",
        contacts="„Klaipėdos lakštutė“: tel. +370 46 000 201, el. p. info@lakstute.example",
        english={
            "name": "Day care at a day centre",
            "summary": (
                "Adults with disabilities spend the working day at the centre: workshops, social skills, meals, "
                "physiotherapy. Transport to and from the centre is provided."
            ),
        },
        revisions=(
            Revision(
                date(2025, 9, 1),
                "Pailgintos darbo valandos",
                {"opening_hours": "Centrai dirba I–V 7.00–18.00. Vasarą (liepą) – 7.30–17.00."},
            ),
        ),
    ),
    _klaipeda(
        "ilgalaike-socialine-globa",
        ("globos-namai",),
        (G.OLDER_PEOPLE, G.DISABILITY),
        20,
        name="Ilgalaikė socialinė globa globos namuose",
        summary=(
            "Gyvenimas globos namuose visą parą: apgyvendinimas, maitinimas, asmens priežiūra, slauga, "
            "sveikatos priežiūros organizavimas ir užimtumas."
        ),
        eligibility=(
            "Senyvo amžiaus asmenys ir suaugę asmenys su negalia, kuriems nustatytas didelis specialiųjų poreikių "
            "lygis ir kurių priežiūros nebegalima užtikrinti namuose, net teikiant pagalbą į namus."
        ),
        cost=(
            "Mokestis – iki 80 % asmens pajamų. Jei turimas turtas viršija nustatytą normatyvą, mokama ir iš turto "
            "(iki 1 % turto vertės per mėnesį)."
        ),
        documents=KLAIPEDA_DOCUMENTS + "\nPažyma apie turimą turtą (jei prašo socialinis darbuotojas)",
        location="Klaipėdos miesto globos namai: Naikupės g. 25, Klaipėda.",
        opening_hours="Lankymo laikas: kasdien 10.00–19.00.",
        contacts="Globos namų socialinė darbuotoja: tel. +370 46 000 301, el. p. globa@globosnamai.example",
        english={
            "name": "Long-term residential care",
            "summary": (
                "Living in the care home around the clock: accommodation, meals, personal care, nursing and activities."
            ),
            "cost": (
                "Up to 80% of the person's income; if assets exceed the set threshold, also up to 1% of their value a "
                "month."
            ),
        },
    ),
    _klaipeda(
        "trumpalaike-socialine-globa",
        ("globos-namai",),
        (G.OLDER_PEOPLE, G.DISABILITY, G.FAMILY_MEMBERS),
        10,
        name="Trumpalaikė socialinė globa (atokvėpis artimiesiems)",
        summary=(
            "Laikinas apgyvendinimas globos namuose iki 6 mėnesių, pvz., po gydymo ligoninėje arba kai "
            "slaugantys artimieji išvyksta ar patys suserga."
        ),
        eligibility=(
            "Asmenys, kuriems laikinai reikia nuolatinės priežiūros, ir jų artimieji, kuriems reikia atokvėpio."
        ),
        cost="Mokestis – iki 80 % asmens pajamų už apgyvendinimo laikotarpį.",
        decision_time="Sprendimas priimamas per 10 darbo dienų; skubiais atvejais – per 3 darbo dienas.",
        location="Klaipėdos miesto globos namai: Naikupės g. 25, Klaipėda.",
        contacts="Globos namų socialinė darbuotoja: tel. +370 46 000 301",
    ),
    _klaipeda(
        "laikinas-apnakvindinimas",
        ("nakvynes-namai",),
        (G.SOCIAL_RISK,),
        1,
        name="Laikinas apnakvindinimas",
        summary="Nakvynė, galimybė nusiprausti ir šilta vakarienė tiems, kas neturi kur nakvoti.",
        eligibility="Bet kuris asmuo be nuolatinės gyvenamosios vietos arba negalintis grįžti namo.",
        how_to_apply="Atvykite į nakvynės namus nuo 19 val. Išankstinio prašymo nereikia.",
        documents="Asmens dokumentas (jei turite; be jo taip pat priimame)",
        location="Klaipėdos miesto nakvynės namai: Viršutinė g. 21, Klaipėda.",
        opening_hours="Priimame kasdien 19.00–23.00. Išeinama iki 8.00.",
        cost="Nemokamai.",
        decision_time="Apie priėmimą sprendžiama atvykus, tą pačią dieną.",
        contacts="Budintis socialinis darbuotojas: tel. +370 46 000 401 (visą parą)",
        english={
            "name": "Overnight shelter",
            "summary": "A bed for the night, a shower and a warm supper for anyone with nowhere to sleep.",
            "eligibility": "Anyone without a permanent home or unable to go home.",
            "how_to_apply": "Come to the night shelter from 7 pm. No application in advance.",
            "cost": "Free of charge.",
            "decision_time": "Decided on arrival, the same day.",
        },
        revisions=(
            Revision(
                date(2024, 11, 4),
                "Žiemos laikotarpiu priimama anksčiau",
                {
                    "opening_hours": (
                        "Priimame kasdien 19.00–23.00; nuo lapkričio iki kovo – nuo 17.00. Išeinama iki 8.00."
                    )
                },
            ),
        ),
    ),
    _klaipeda(
        "apgyvendinimas-nakvynes-namuose",
        ("nakvynes-namai",),
        (G.SOCIAL_RISK,),
        10,
        name="Apgyvendinimas nakvynės namuose",
        summary=(
            "Laikinas gyvenimas nakvynės namuose iki 6 mėnesių kartu su socialinio darbuotojo pagalba: "
            "dokumentų tvarkymas, darbo paieška, priklausomybių gydymo organizavimas."
        ),
        eligibility=(
            "Klaipėdos mieste deklaruoti arba į savivaldybės gyvenamosios vietos neturinčių asmenų apskaitą įtraukti "
            "asmenys be būsto."
        ),
        cost="Mokestis – iki 20 % asmens pajamų. Neturintiems pajamų – nemokamai.",
        location="Klaipėdos miesto nakvynės namai: Viršutinė g. 21, Klaipėda.",
        contacts="Nakvynės namų socialinė darbuotoja: tel. +370 46 000 402",
    ),
    _klaipeda(
        "kriziu-centras",
        ("nakvynes-namai",),
        (G.SOCIAL_RISK, G.SINGLE_PARENTS, G.CHILDREN),
        1,
        name="Apgyvendinimas krizių centre",
        summary=(
            "Saugus laikinas būstas ir pagalba moterims su vaikais ir kitiems asmenims, patyrusiems smurtą artimoje "
            "aplinkoje ar kitą krizę: psichologo, teisininko ir socialinio darbuotojo konsultacijos."
        ),
        eligibility="Asmenys ir šeimos, patiriantys smurtą ar kitą krizę, kuriems reikia saugios vietos.",
        how_to_apply="Skambinkite visą parą arba atvykite. Skubiu atveju skambinkite 112.",
        documents="Dokumentų iš karto nereikia.",
        location="Adresas neskelbiamas dėl gyventojų saugumo; jį pasakysime paskambinus.",
        opening_hours="Visą parą.",
        cost="Nemokamai.",
        decision_time="Priimame iš karto; dėl ilgesnio apgyvendinimo sprendžiama per 1 darbo dieną.",
        contacts="Krizių centras: tel. +370 46 000 403 (visą parą)",
        english={
            "name": "Crisis centre",
            "summary": (
                "A safe temporary home and support for women with children and others who have experienced "
                "domestic violence or another crisis."
            ),
            "how_to_apply": "Call at any time or come in person. In an emergency call 112.",
            "cost": "Free of charge.",
        },
    ),
    _klaipeda(
        "maitinimo-organizavimas",
        ("spc",),
        (G.SOCIAL_RISK, G.OLDER_PEOPLE),
        10,
        name="Maitinimo organizavimas (nemokami pietūs)",
        summary="Karšti pietūs socialinės paramos valgykloje arba maisto davinys į namus tiems, kas negali atvykti.",
        eligibility=(
            "Mažas pajamas gaunantys asmenys, socialinę pašalpą gaunančios šeimos, vieniši senyvo amžiaus asmenys."
        ),
        cost="Nemokamai – gaunantiems socialinę pašalpą; kitiems – 1,50 Eur už pietus.",
        location="Socialinės paramos centro valgykla: Dubysos g. 6, Klaipėda.",
        opening_hours="Pietūs išduodami I–V 11.30–14.00.",
        contacts="Socialinės paramos centras: tel. +370 46 000 501, el. p. info@spc.example",
        revisions=(
            Revision(
                date(2026, 1, 2),
                "Nauja pietų kaina nuo 2026 m.",
                {"cost": "Nemokamai – gaunantiems socialinę pašalpą; kitiems – 1,80 Eur už pietus."},
            ),
        ),
    ),
    _klaipeda(
        "transporto-organizavimas",
        ("spc",),
        (G.DISABILITY, G.OLDER_PEOPLE),
        5,
        name="Specialusis transportas",
        summary="Nuvežame pas gydytoją, į reabilitaciją, įstaigas ar dienos centrą specialiai pritaikytu automobiliu.",
        eligibility=(
            "Asmenys, kuriems nustatytas specialusis poreikis lengvajam automobiliui įsigyti, "
            "asmenys su judėjimo negalia ir senyvo amžiaus asmenys, negalintys naudotis viešuoju transportu."
        ),
        how_to_apply="Užsisakykite kelionę telefonu ar el. paštu ne vėliau kaip prieš 2 darbo dienas.",
        documents="Neįgalumo ar specialiųjų poreikių pažyma (pirmą kartą užsakant)",
        cost="0,30 Eur už kilometrą mieste; vykstant į gydymo įstaigą – 50 % nuolaida.",
        decision_time=(
            "Kelionė patvirtinama per 2 darbo dienas; nuolatiniams važiavimams sprendimas – per 5 darbo dienas."
        ),
        location="Socialinės paramos centras, Transporto paslaugų grupė: Dubysos g. 6, Klaipėda.",
        contacts="Transporto užsakymai: tel. +370 46 000 502, el. p. transportas@spc.example",
        english={
            "name": "Special transport",
            "summary": "Rides in an adapted car to the doctor, rehabilitation, offices or a day centre.",
            "cost": "EUR 0.30 per kilometre in the city; 50% off for trips to a health care institution.",
        },
    ),
    _klaipeda(
        "socialiniu-igudziu-ugdymas",
        ("sveikata", "spc"),
        (G.SOCIAL_RISK, G.SINGLE_PARENTS, G.CHILDREN),
        20,
        name="Socialinių įgūdžių ugdymas, palaikymas ir (ar) atkūrimas",
        summary=(
            "Socialinis darbuotojas reguliariai lankosi šeimoje ir padeda spręsti sunkumus: vaikų priežiūra, "
            "namų ūkio tvarkymas, santykiai, darbo paieška, pagalba atsisakant žalingų įpročių."
        ),
        eligibility=(
            "Šeimos, auginančios vaikus ir patiriančios sunkumų, bei asmenys, kuriems reikia pagalbos savarankiškai "
            "gyventi."
        ),
        cost="Nemokamai.",
        location="Šeimos ir vaiko gerovės centras: Rumpiškės g. 6, Klaipėda.",
        contacts="Šeimų konsultavimo skyrius: tel. +370 46 000 601, el. p. seimos@gerove.example",
    ),
    _klaipeda(
        "asmenine-pagalba",
        ("spc",),
        (G.DISABILITY,),
        20,
        name="Asmeninė pagalba",
        summary=(
            "Asmeninis asistentas padeda žmogui su negalia gyventi savarankiškai: mokytis, dirbti, laisvalaikiu, "
            "keliauti, dalyvauti bendruomenės veikloje."
        ),
        eligibility=(
            "Asmenys nuo 7 metų, kuriems nustatytas sunkus neįgalumo lygis ar didelis specialiųjų poreikių lygis."
        ),
        cost="Mokestis – iki 20 % asmens pajamų. Vaikams ir besimokantiems – nemokamai.",
        described_on=date(2024, 3, 4),
        checked_on=None,
    ),
    _klaipeda(
        "vaiku-dienos-centras",
        ("sveikata",),
        (G.CHILDREN, G.SOCIAL_RISK),
        10,
        name="Vaikų dienos centras",
        summary="Po pamokų vaikai ruošia namų darbus, valgo, užsiima būreliuose; tėvams – konsultacijos ir grupės.",
        eligibility="7–17 metų vaikai iš šeimų, patiriančių socialinę riziką ar sunkumų.",
        how_to_apply="Kreipkitės į vaikų dienos centrą arba šeimą lankantį socialinį darbuotoją. Užtenka tėvų prašymo.",
        documents="Tėvų (globėjų) prašymas\nVaiko gimimo liudijimas",
        location="Vaikų dienos centras: Rumpiškės g. 6, Klaipėda (2 aukštas).",
        opening_hours="I–V 12.00–19.00; mokinių atostogų metu – 9.00–16.00.",
        cost="Nemokamai.",
        decision_time="Apie priėmimą sprendžiama per 10 darbo dienų.",
        contacts="Vaikų dienos centras: tel. +370 46 000 602",
        english={
            "name": "Children's day centre",
            "summary": (
                "After school, children do their homework, eat and take part in activities; counselling and groups for "
                "parents."
            ),
            "cost": "Free of charge.",
        },
    ),
    _klaipeda(
        "globos-centro-pagalba",
        ("sveikata",),
        (G.FOSTER_CARERS, G.WITHOUT_PARENTAL_CARE),
        10,
        name="Pagalba globėjams, budintiems globotojams ir įtėviams",
        summary=(
            "Globos centras rengia ir konsultuoja globėjus, budinčius globotojus ir įtėvius (mokymai pagal "
            "GIMK programą), teikia psichologo pagalbą ir laikiną atokvėpį."
        ),
        eligibility="Norintys tapti globėjais ar įtėviais ir jau globojantys ar įvaikinę vaikus Klaipėdos mieste.",
        how_to_apply="Užsiregistruokite pokalbiui telefonu ar el. paštu.",
        documents="Asmens tapatybės dokumentas\nPažyma apie teistumą (pateikia globos centras, gavęs sutikimą)",
        cost="Nemokamai.",
        location="Globos centras: Rumpiškės g. 6, Klaipėda.",
        contacts="Globos centras: tel. +370 46 000 603, el. p. globa@gerove.example",
    ),
    _klaipeda(
        "bendruomeniniai-vaiku-globos-namai",
        ("rytas",),
        (G.WITHOUT_PARENTAL_CARE, G.CHILDREN),
        20,
        name="Bendruomeniniai vaikų globos namai",
        summary="Vaikai, likę be tėvų globos, gyvena šeimai artimoje aplinkoje – iki 8 vaikų viename būste.",
        eligibility="Vaikai, kuriems nustatyta laikinoji ar nuolatinė globa ir kurių negalima apgyvendinti šeimoje.",
        how_to_apply="Sprendimą dėl globos priima savivaldybė pagal Vaiko teisių apsaugos tarnybos teikimą.",
        documents="Dokumentus pateikia Vaiko teisių apsaugos tarnyba.",
        cost="Nemokamai.",
        location="Vaikų globos namai „Rytas“: Rambyno g. 14, Klaipėda.",
        contacts="Direktoriaus pavaduotoja socialiniam darbui: tel. +370 46 000 701",
    ),
    _klaipeda(
        "savarankisko-gyvenimo-namai",
        ("dane",),
        (G.OLDER_PEOPLE, G.DISABILITY),
        20,
        name="Apgyvendinimas savarankiško gyvenimo namuose",
        summary=(
            "Atskiras butas su socialinio darbuotojo pagalba tiems, kas gali gyventi beveik savarankiškai, "
            "bet vieni namuose nebesusitvarko."
        ),
        eligibility=(
            "Senyvo amžiaus asmenys ir suaugę asmenys su negalia, kuriems nustatytas vidutinis ar mažas specialiųjų "
            "poreikių lygis."
        ),
        cost="Mokestis – iki 80 % asmens pajamų; komunaliniai mokesčiai apmokami atskirai.",
        location="Savarankiško gyvenimo namai: Kretingos g. 12, Klaipėda.",
        described_on=date(2024, 6, 10),
        checked_on=None,
    ),
    _klaipeda(
        "informavimas-ir-konsultavimas",
        ("sps", "spc"),
        (G.SOCIAL_RISK, G.OLDER_PEOPLE, G.DISABILITY, G.SINGLE_PARENTS, G.FAMILY_MEMBERS),
        5,
        name="Informavimas, konsultavimas ir tarpininkavimas",
        summary=(
            "Patariame, kokios paramos ir paslaugų galite gauti, padedame užpildyti prašymus ir tarpininkaujame "
            "kitose įstaigose."
        ),
        eligibility="Visi Klaipėdos miesto gyventojai.",
        how_to_apply="Atvykite, paskambinkite ar parašykite. Registruotis nebūtina.",
        documents="Nereikia.",
        cost="Nemokamai.",
        decision_time="Į klausimus raštu atsakome per 5 darbo dienas.",
        english={
            "name": "Information, advice and advocacy",
            "summary": (
                "We advise what support and services you can get, help fill in applications and speak for you to other "
                "institutions."
            ),
            "eligibility": "All residents of Klaipėda.",
            "cost": "Free of charge.",
        },
    ),
    _klaipeda(
        "psichosocialine-pagalba",
        ("sveikata",),
        (G.FAMILY_MEMBERS, G.SOCIAL_RISK, G.SINGLE_PARENTS),
        5,
        name="Psichosocialinė pagalba",
        summary=(
            "Psichologo ir socialinio darbuotojo konsultacijos asmenims ir šeimoms, išgyvenantiems krizę, netektį ar "
            "konfliktus."
        ),
        eligibility="Klaipėdos miesto gyventojai, suaugusieji ir vaikai (vaikai – su tėvų sutikimu).",
        how_to_apply="Užsiregistruokite telefonu arba el. paštu.",
        documents="Nereikia.",
        cost="Nemokamai, iki 10 konsultacijų per metus.",
        decision_time="Pirmoji konsultacija – per 5 darbo dienas nuo užsiregistravimo.",
        location="Šeimos ir vaiko gerovės centras: Rumpiškės g. 6, Klaipėda.",
        contacts="Registracija: tel. +370 46 000 604, el. p. konsultacijos@gerove.example",
        described_on=date(2025, 2, 3),
    ),
    _klaipeda(
        "jaunimo-savarankisko-gyvenimo-namai",
        ("rytas",),
        (G.YOUTH, G.WITHOUT_PARENTAL_CARE),
        20,
        name="Jaunimo savarankiško gyvenimo namai",
        summary=(
            "Jauni žmonės, palikę vaikų globos namus, mokosi gyventi savarankiškai su socialinio darbuotojo pagalba."
        ),
        eligibility="18–24 metų jaunuoliai, augę be tėvų globos.",
        cost="Mokestis – iki 20 % asmens pajamų.",
        location="Vaikų globos namai „Rytas“: Rambyno g. 14, Klaipėda.",
        contacts="Socialinė darbuotoja: tel. +370 46 000 702",
        described_on=date(2026, 10, 5),
        published=False,
    ),
)

KULDIGA_APPLY = (
    "Iesniegumu var iesniegt Sociālajā dienestā (Pilsētas laukums 2, Kuldīga) klātienē, pa e-pastu ar drošu "
    "elektronisko parakstu vai portālā Latvija.gov.lv. Sociālais darbinieks vienosies par mājas apmeklējumu "
    "un kopā ar jums novērtēs, kāds atbalsts nepieciešams."
)
KULDIGA_DOCUMENTS = (
    "Iesniegums\n"
    "Personu apliecinošs dokuments\n"
    "Ģimenes ārsta izziņa par veselības stāvokli\n"
    "Invaliditātes apliecība (ja ir)"
)
KULDIGA_WHERE = "Sociālais dienests: Pilsētas laukums 2, Kuldīga (1. stāvs, pieejams cilvēkiem ratiņkrēslos)."
KULDIGA_HOURS = "P 8.00–18.00, O–C 8.00–17.00, Pk 8.00–15.00. Pusdienu pārtraukums 12.00–12.30."
KULDIGA_DECISION = "Lēmumu pieņem viena mēneša laikā no iesnieguma un visu nepieciešamo dokumentu saņemšanas."
KULDIGA_CONTACTS = "Sociālais dienests: tālr. +371 63 000 101, e-pasts soc.dienests@kuldiga.example"


def _kuldiga(
    slug: str,
    providers: tuple[str, ...],
    groups: tuple[str, ...],
    days: int | None,
    *,
    name: str,
    summary: str,
    eligibility: str,
    cost: str,
    how_to_apply: str = KULDIGA_APPLY,
    documents: str = KULDIGA_DOCUMENTS,
    location: str = KULDIGA_WHERE,
    opening_hours: str = KULDIGA_HOURS,
    decision_time: str = KULDIGA_DECISION,
    contacts: str = KULDIGA_CONTACTS,
    described_on: date = date(2024, 2, 1),
    published: bool = True,
    revisions: tuple[Revision, ...] = (),
    checked_on: date | None = YEARLY_CHECK,
) -> ServiceSpec:
    texts = {
        "name": name,
        "summary": summary,
        "eligibility": eligibility,
        "how_to_apply": how_to_apply,
        "documents": documents,
        "location": location,
        "opening_hours": opening_hours,
        "cost": cost,
        "decision_time": decision_time,
        "contacts": contacts,
    }
    return ServiceSpec(slug, providers, groups, days, texts, {}, described_on, published, revisions, checked_on)


KULDIGA_SERVICES = (
    _kuldiga(
        "aprupe-majas",
        ("socialais-dienests",),
        (G.OLDER_PEOPLE, G.DISABILITY),
        20,
        name="Aprūpe mājās",
        summary=(
            "Aprūpētājs palīdz mājās ikdienas darbos: iepirkties, uzkopt mājokli, sagatavot ēdienu, "
            "rūpēties par personīgo higiēnu. Atkarībā no vajadzībām – līdz 20 stundām nedēļā."
        ),
        eligibility=(
            "Pensijas vecuma personas un personas ar invaliditāti, kuras vecuma vai veselības stāvokļa dēļ "
            "nespēj sevi aprūpēt un kurām nav likumīgo apgādnieku vai tie nespēj nodrošināt aprūpi."
        ),
        cost=(
            "Maksa atkarīga no ienākumiem: trūcīgām un maznodrošinātām personām – bez maksas; "
            "pārējām – 3,50 EUR stundā."
        ),
        revisions=(
            Revision(
                date(2025, 1, 2),
                "Jauna stundas maksa no 2025. gada",
                {
                    "cost": (
                        "Maksa atkarīga no ienākumiem: trūcīgām un maznodrošinātām personām – bez maksas; "
                        "pārējām – 4,20 EUR stundā."
                    )
                },
            ),
        ),
    ),
    _kuldiga(
        "ilgstosa-aprupe",
        ("aprupes-centrs",),
        (G.OLDER_PEOPLE, G.DISABILITY),
        20,
        name="Ilgstošā sociālā aprūpe institūcijā",
        summary=(
            "Dzīvošana Sociālās aprūpes centrā visu diennakti: mājoklis, ēdināšana, aprūpe, veselības aprūpes "
            "organizēšana un brīvā laika pasākumi."
        ),
        eligibility=(
            "Pensijas vecuma personas un pilngadīgas personas ar invaliditāti, kuru aprūpi vairs nevar nodrošināt "
            "mājās."
        ),
        cost="Maksā klients no saviem ienākumiem (līdz 85 % pensijas), atlikušo daļu – apgādnieki vai pašvaldība.",
        location="Sociālās aprūpes centrs: Ventspils iela 31, Kuldīga.",
        opening_hours="Apmeklējumi katru dienu 10.00–19.00.",
        contacts="Sociālās aprūpes centrs: tālr. +371 63 000 201, e-pasts aprupe@kuldiga.example",
        checked_on=None,
    ),
    _kuldiga(
        "islaiciga-aprupe",
        ("aprupes-centrs",),
        (G.OLDER_PEOPLE, G.DISABILITY, G.FAMILY_MEMBERS),
        10,
        name="Īslaicīgā sociālā aprūpe (atelpas brīdis)",
        summary=(
            "Īslaicīga uzturēšanās aprūpes centrā līdz 3 mēnešiem, piemēram, pēc slimnīcas vai kad tuvinieki, kas "
            "aprūpē, dodas prom."
        ),
        eligibility="Personas, kurām uz laiku nepieciešama diennakts aprūpe, un viņu tuvinieki.",
        cost="22 EUR diennaktī; trūcīgām personām – bez maksas.",
        decision_time="Lēmumu pieņem 10 darba dienu laikā; steidzamos gadījumos – 3 darba dienu laikā.",
        location="Sociālās aprūpes centrs: Ventspils iela 31, Kuldīga.",
        contacts="Sociālās aprūpes centrs: tālr. +371 63 000 201",
    ),
    _kuldiga(
        "dienas-aprupes-centrs",
        ("dienas-centrs",),
        (G.DISABILITY,),
        20,
        name="Dienas aprūpes centrs personām ar garīga rakstura traucējumiem",
        summary=(
            "Darba dienās centrā: sociālo prasmju attīstīšana, radošās nodarbības, fiziskās aktivitātes un pusdienas."
        ),
        eligibility="Personas ar garīga rakstura traucējumiem no 18 gadu vecuma, kurām ir invaliditāte.",
        cost="Bez maksas. Pusdienas – 2,00 EUR.",
        location="„Saulstari“: Liepājas iela 8, Kuldīga.",
        opening_hours="P–Pk 8.00–17.00.",
        contacts="„Saulstari“: tālr. +371 63 000 301, e-pasts saulstari@kuldiga.example",
    ),
    _kuldiga(
        "specializetas-darbnicas",
        ("dienas-centrs",),
        (G.DISABILITY,),
        20,
        name="Specializētās darbnīcas",
        summary="Darbnīcās apgūst un uztur darba prasmes: kokapstrāde, šūšana, keramika un dārzkopība.",
        eligibility="Personas ar invaliditāti darbspējīgā vecumā, kurām ir grūtības iekļauties darba tirgū.",
        cost="Bez maksas.",
        location="„Saulstari“: Liepājas iela 8, Kuldīga.",
        opening_hours="P–Pk 9.00–15.00.",
        contacts="„Saulstari“: tālr. +371 63 000 301",
        described_on=date(2025, 3, 3),
    ),
    _kuldiga(
        "bernu-dienas-centrs",
        ("gimenes-centrs",),
        (G.CHILDREN, G.SOCIAL_RISK),
        10,
        name="Bērnu dienas centrs",
        summary="Pēc skolas bērni pilda mājasdarbus, paēd un piedalās nodarbībās; vecākiem – konsultācijas.",
        eligibility="Bērni vecumā no 7 līdz 17 gadiem, īpaši no ģimenēm, kurām nepieciešams atbalsts.",
        how_to_apply="Vecāki aizpilda pieteikumu bērnu dienas centrā.",
        documents="Vecāku pieteikums",
        cost="Bez maksas.",
        decision_time="Par uzņemšanu lemj 10 darba dienu laikā.",
        location="Ģimenes atbalsta centrs: Baznīcas iela 11, Kuldīga.",
        opening_hours="P–Pk 12.00–19.00; skolēnu brīvlaikā 9.00–16.00.",
        contacts="Bērnu dienas centrs: tālr. +371 63 000 401",
    ),
    _kuldiga(
        "gimenes-asistents",
        ("gimenes-centrs",),
        (G.SOCIAL_RISK, G.SINGLE_PARENTS, G.CHILDREN),
        20,
        name="Ģimenes asistenta pakalpojums",
        summary=(
            "Ģimenes asistents regulāri apmeklē ģimeni un palīdz apgūt bērnu aprūpes, mājsaimniecības un budžeta "
            "plānošanas prasmes."
        ),
        eligibility="Ģimenes ar bērniem, kurām sociālais darbinieks ir konstatējis sociālo prasmju trūkumu.",
        cost="Bez maksas.",
        location="Ģimenes atbalsta centrs: Baznīcas iela 11, Kuldīga.",
        contacts="Ģimeņu konsultāciju nodaļa: tālr. +371 63 000 402, e-pasts gimenes@kuldiga.example",
    ),
    _kuldiga(
        "atbalsts-audzugimenem",
        ("gimenes-centrs",),
        (G.FOSTER_CARERS, G.WITHOUT_PARENTAL_CARE),
        20,
        name="Atbalsts audžuģimenēm un aizbildņiem",
        summary="Apmācības, psihologa konsultācijas, atbalsta grupas un atelpas brīdis audžuģimenēm un aizbildņiem.",
        eligibility="Audžuģimenes, aizbildņi un personas, kas vēlas tādi kļūt Kuldīgas novadā.",
        how_to_apply="Piesakieties pa tālruni vai e-pastu.",
        documents="Personu apliecinošs dokuments",
        cost="Bez maksas.",
        location="Ģimenes atbalsta centrs: Baznīcas iela 11, Kuldīga.",
        contacts="Atbalsta centrs audžuģimenēm: tālr. +371 63 000 403",
    ),
    _kuldiga(
        "asistents-pasvaldiba",
        ("socialais-dienests",),
        (G.DISABILITY,),
        20,
        name="Asistenta pakalpojums pašvaldībā",
        summary=(
            "Asistents palīdz cilvēkam ar invaliditāti nokļūt darbā, mācībās, pie ārsta vai sabiedriskos pasākumos."
        ),
        eligibility=(
            "Personas ar I vai II grupas invaliditāti un bērni ar invaliditāti no 5 gadu vecuma, kuriem ir VDEĀVK "
            "atzinums."
        ),
        cost="Bez maksas, līdz 40 stundām nedēļā.",
        documents=KULDIGA_DOCUMENTS + "\nVDEĀVK atzinums par asistenta nepieciešamību",
    ),
    _kuldiga(
        "socialais-transports",
        ("socialais-dienests",),
        (G.DISABILITY, G.OLDER_PEOPLE),
        5,
        name="Sociālā transporta pakalpojums",
        summary="Nokļūšana pie ārsta, uz rehabilitāciju vai iestādēm pielāgotā automašīnā.",
        eligibility="Personas ar pārvietošanās grūtībām, kuras nevar izmantot sabiedrisko transportu.",
        how_to_apply="Piesakiet braucienu pa tālruni vismaz 2 darba dienas iepriekš.",
        documents="Invaliditātes apliecība vai ārsta izziņa (pirmajā reizē)",
        cost="0,25 EUR par kilometru; trūcīgām personām – bez maksas.",
        decision_time="Braucienu apstiprina 2 darba dienu laikā.",
        contacts="Transporta pieteikumi: tālr. +371 63 000 102",
    ),
    _kuldiga(
        "zupas-virtuve",
        ("socialais-dienests",),
        (G.SOCIAL_RISK,),
        5,
        name="Zupas virtuve",
        summary="Silta zupa un maize darba dienās cilvēkiem, kuriem to pašlaik nav iespējams nodrošināt pašiem.",
        eligibility="Trūcīgas un maznodrošinātas personas, kā arī personas bez noteiktas dzīvesvietas.",
        how_to_apply="Vērsieties pie sociālā darbinieka; pirmajā reizē var atnākt arī uzreiz.",
        documents="Izziņa par trūcīgās vai maznodrošinātās personas statusu (ja ir)",
        cost="Bez maksas.",
        decision_time="Uzreiz; uz ilgāku laiku – 5 darba dienu laikā.",
        location="Zupas virtuve: Dzirnavu iela 5, Kuldīga.",
        opening_hours="P–Pk 12.00–14.00.",
        described_on=date(2026, 10, 12),
        published=False,
    ),
)

SERVICES = {"klaipeda": KLAIPEDA_SERVICES, "kuldiga": KULDIGA_SERVICES}


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(9, 30)))


def _texts(spec: ServiceSpec, language: str) -> dict[str, Texts]:
    texts = {name: {language: text} for name, text in spec.texts.items()}
    for name, text in spec.english.items():
        texts[name]["en"] = text
    return texts


def catalogue_load() -> None:
    for place in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=place.slug)
        actor = User.objects.get(
            email=next(
                account.email
                for account in data.ACCOUNTS
                if account.municipality == place.slug and account.role == Role.MUNICIPAL_COORDINATOR
            )
        )
        institutions = {
            spec.key: Institution.objects.get(municipality=municipality, name=spec.name) for spec in place.institutions
        }
        existing = set(Service.objects.filter(municipality=municipality).values_list("slug", flat=True))
        for spec in SERVICES[place.slug]:
            if spec.slug not in existing:
                _service_load(municipality, actor, institutions, spec)


def _service_load(
    municipality: Municipality, actor: User, institutions: dict[str, Institution], spec: ServiceSpec
) -> None:
    providers = [institutions[key] for key in spec.providers]
    service = service_create(
        actor=actor,
        municipality=municipality,
        texts=_texts(spec, municipality.language),
        institutions=providers,
        client_groups=spec.groups,
        decision_working_days=spec.decision_working_days,
        slug=spec.slug,
        when=_moment(spec.described_on),
    )
    if spec.published:
        service = service_publish(actor=actor, service=service, when=_moment(spec.described_on))
    for revision in spec.revisions:
        service = service_update(
            actor=actor,
            service=service,
            shown_version=service.lock_version,
            texts={name: {municipality.language: text} for name, text in revision.texts.items()},
            institutions=providers,
            client_groups=spec.groups,
            decision_working_days=revision.decision_working_days or spec.decision_working_days,
            change_note=revision.note,
            when=_moment(revision.on),
        )
    last_change = max((revision.on for revision in spec.revisions), default=spec.described_on)
    if spec.published and spec.checked_on and spec.checked_on > last_change:
        service_confirm(actor=actor, service=service, when=_moment(spec.checked_on))
