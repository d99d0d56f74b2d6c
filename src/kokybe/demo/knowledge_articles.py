"""The demo knowledge base's texts: Klaipėda's in Lithuanian (some also in English), Kuldīga's in Latvian.

Each entry: (category key, title {lang: ...}, body {lang: ...}, public?, owner e-mail, months since
last review). Facts are illustrative of how Lithuanian and Latvian municipalities organise these
services; prices and amounts are those of the demo municipalities, not official figures.
"""

from typing import NamedTuple


class ArticleSpec(NamedTuple):
    category: str
    title: dict[str, str]
    body: dict[str, str]
    public: bool
    owner: str
    months_ago: int  # since it was written or last reviewed; 12 or more: past its yearly review
    institution: str | None = None  # an InstitutionSpec key of demo.data: the institution's own article


KLAIPEDA_CATEGORIES = {
    "home": {"lt": "Pagalba namuose", "en": "Help at home"},
    "care": {"lt": "Dienos ir ilgalaikė globa", "en": "Day and long-term care"},
    "money": {"lt": "Piniginė parama", "en": "Financial support"},
    "housing": {"lt": "Apgyvendinimas", "en": "Accommodation"},
    "family": {"lt": "Šeimoms ir vaikams", "en": "Families and children"},
    "disability": {"lt": "Neįgaliesiems", "en": "People with disabilities"},
    "apply": {"lt": "Kaip kreiptis", "en": "How to apply"},
    "staff": {"lt": "Darbuotojams", "en": "For staff"},
}
KULDIGA_CATEGORIES = {
    "home": {"lv": "Aprūpe mājās", "en": "Care at home"},
    "money": {"lv": "Sociālā palīdzība", "en": "Social assistance"},
    "apply": {"lv": "Kā pieteikties", "en": "How to apply"},
}

SOCIAL = "socialinis@klaipeda.example"
DESK = "konsultantas@klaipeda.example"
QUALITY = "kokybe@klaipeda.example"

KLAIPEDA = [
    ArticleSpec(
        "home",
        {"lt": "Pagalba į namus: kas gali gauti", "en": "Home help: who can get it"},
        {
            "lt": "Pagalba į namus teikiama senyvo amžiaus asmenims, suaugusiems asmenims su negalia ir šeimoms, "
            "kurioms reikia pagalbos buityje.\n\nPaslaugą gali gauti asmuo, kuriam nustatytas socialinių paslaugų "
            "poreikis. Poreikį vertina Socialinės paramos skyriaus socialinis darbuotojas, atvykęs į namus.\n\n"
            "Pagalbos į namus paslaugos:\n- maisto produktų ir vaistų nupirkimas\n- pagalba ruošiant maistą\n"
            "- būsto tvarkymas\n- palydėjimas pas gydytoją\n- pagalba tvarkant dokumentus",
            "en": "Home help is provided to older people, adults with disabilities and families who need help with "
            "daily life.\n\nIt is given to a person whose need for social services has been assessed. A social "
            "worker of the Social Support Department visits the home to assess it.\n\nHome help includes:\n"
            "- buying food and medicines\n- help with cooking\n- cleaning the home\n"
            "- accompanying to the doctor\n- help with paperwork",
        },
        True,
        SOCIAL,
        2,
    ),
    ArticleSpec(
        "home",
        {"lt": "Kiek kainuoja pagalba į namus", "en": "How much home help costs"},
        {
            "lt": "Mokestis už pagalbą į namus skaičiuojamas pagal asmens pajamas. Kai asmens pajamos neviršija "
            "dviejų valstybės remiamų pajamų dydžių, mokama ne daugiau kaip 20 procentų pajamų.\n\n"
            "Asmenys, gaunantys socialinę pašalpą, už paslaugą nemoka. Mokestis nustatomas sprendime skirti "
            "paslaugą, o jį perskaičiuojame pasikeitus pajamoms.",
            "en": "The charge for home help depends on the person's income. When the income does not exceed two "
            "state-supported income amounts, the person pays at most 20 per cent of it.\n\nPeople who receive "
            "social assistance benefit pay nothing. The charge is set in the decision granting the service and "
            "recalculated when the income changes.",
        },
        True,
        SOCIAL,
        14,
    ),
    ArticleSpec(
        "home",
        {"lt": "Integrali pagalba namuose (slauga ir priežiūra)"},
        {
            "lt": "Integrali pagalba – tai socialinė priežiūra ir slauga namuose kartu. Ją teikia mobili komanda: "
            "socialinio darbuotojo padėjėjas ir slaugytojas.\n\nPaslauga skiriama asmenims, kuriems nustatytas "
            "didelis arba vidutinis specialiųjų poreikių lygis. Kreipkitės į Socialinės paramos skyrių; "
            "reikės šeimos gydytojo siuntimo.",
        },
        True,
        SOCIAL,
        5,
    ),
    ArticleSpec(
        "home",
        {"lt": "Socialinio darbuotojo padėjėjo vizitų trukmė"},
        {
            "lt": "Vienas vizitas trunka nuo 1 iki 2 valandų. Per savaitę asmeniui skiriama iki 10 valandų pagalbos "
            "į namus, jei sprendime nenurodyta kitaip.\n\nJei klientas prašo daugiau valandų, patikslinkite "
            "poreikio vertinimą ir informuokite skyriaus vedėją.",
        },
        False,
        SOCIAL,
        3,
        "dane",
    ),
    ArticleSpec(
        "care",
        {"lt": "Dienos socialinė globa asmens namuose", "en": "Day social care at home"},
        {
            "lt": "Dienos socialinė globa namuose teikiama asmenims, kuriems reikia nuolatinės specialistų "
            "priežiūros, bet jie gali gyventi savo namuose. Paslaugos trukmė – iki 10 valandų per parą.\n\n"
            "Paslaugą teikia socialinių paslaugų centras „Danė“. Mokestis – ne daugiau kaip 20 procentų asmens "
            "pajamų.",
            "en": "Day social care at home is for people who need constant care by professionals but can live in "
            "their own home. It lasts up to 10 hours a day.\n\nIt is provided by the social services centre "
            "“Danė”. The charge is at most 20 per cent of the person's income.",
        },
        True,
        SOCIAL,
        4,
    ),
    ArticleSpec(
        "care",
        {"lt": "Dienos centras neįgaliesiems „Klaipėdos lakštutė“"},
        {
            "lt": "Dienos centre suaugusieji su negalia dalyvauja užimtumo, dailės, muzikos ir darbinių įgūdžių "
            "užsiėmimuose. Centras dirba darbo dienomis nuo 8 iki 17 valandos.\n\nĮ centrą ir atgal asmenis "
            "veža specialiai pritaikytas autobusas. Dėl vietos kreipkitės į Socialinės paramos skyrių.",
        },
        True,
        SOCIAL,
        7,
    ),
    ArticleSpec(
        "care",
        {"lt": "Ilgalaikė socialinė globa globos namuose", "en": "Long-term care in a care home"},
        {
            "lt": "Ilgalaikė socialinė globa skiriama, kai asmuo nebegali gyventi namuose net su pagalba. "
            "Klaipėdos miesto globos namuose gyvena senyvo amžiaus asmenys.\n\nMokestis sudaro iki 80 procentų "
            "asmens pajamų; jei pajamų nepakanka, vertinamas ir turtas. Eilė į globos namus sudaroma pagal "
            "prašymo pateikimo datą.",
            "en": "Long-term social care is granted when a person can no longer live at home even with help. "
            "Older people live in the Klaipėda City Care Home.\n\nThe charge is up to 80 per cent of the "
            "person's income; if the income is not enough, assets are also taken into account. The waiting list "
            "follows the date of application.",
        },
        True,
        QUALITY,
        13,
    ),
    ArticleSpec(
        "care",
        {"lt": "Trumpalaikė socialinė globa (atokvėpio paslauga)"},
        {
            "lt": "Trumpalaikė globa leidžia artimiesiems pailsėti: asmuo iki 3 mėnesių per metus gyvena globos "
            "namuose, kol šeimos narys atostogauja ar gydosi.\n\nPrašymą pateikite ne vėliau kaip prieš mėnesį.",
        },
        True,
        QUALITY,
        6,
    ),
    ArticleSpec(
        "money",
        {"lt": "Socialinė pašalpa: kas gali gauti", "en": "Social assistance benefit: who can get it"},
        {
            "lt": "Socialinę pašalpą gali gauti bendrai gyvenantys asmenys ar vienas gyvenantis asmuo, kurių "
            "vidutinės pajamos per mėnesį yra mažesnės už valstybės remiamų pajamų dydį.\n\nPrašymą galima "
            "pateikti per SPIS sistemą internetu arba Socialinės paramos skyriuje. Sprendimas priimamas per "
            "10 darbo dienų nuo visų dokumentų gavimo.",
            "en": "The social assistance benefit is for households or people living alone whose average monthly "
            "income is below the state-supported income amount.\n\nApply online through the SPIS system or at "
            "the Social Support Department. The decision is made within 10 working days of receiving all "
            "documents.",
        },
        True,
        DESK,
        1,
    ),
    ArticleSpec(
        "money",
        {"lt": "Būsto šildymo išlaidų kompensacija"},
        {
            "lt": "Kompensacija skiriama, kai šildymo išlaidos viršija 10 procentų šeimos pajamų, atėmus valstybės "
            "remiamų pajamų dydį. Kompensuojama norminio ploto šildymo kaina.\n\nPrašymą pateikite šildymo "
            "sezono metu; kompensacija skiriama nuo prašymo pateikimo mėnesio.",
        },
        True,
        DESK,
        2,
    ),
    ArticleSpec(
        "money",
        {"lt": "Vienkartinė pašalpa ištikus nelaimei"},
        {
            "lt": "Vienkartinė pašalpa gali būti skirta gaisro, stichinės nelaimės ar sunkios ligos atveju. "
            "Prašymą svarsto savivaldybės Socialinės paramos komisija.\n\nReikalingi dokumentai:\n"
            "- prašymas\n- nelaimę patvirtinantys dokumentai (pvz., priešgaisrinės tarnybos pažyma)\n"
            "- pajamų pažymos",
        },
        True,
        DESK,
        16,
    ),
    ArticleSpec(
        "money",
        {"lt": "Išmoka vaikui"},
        {
            "lt": "Išmoka vaikui mokama kiekvienam vaikui iki 18 metų, o jei mokosi – iki 21 metų. Papildoma "
            "išmoka skiriama mažas pajamas gaunančioms ir daugiavaikėms šeimoms.\n\nPrašymą pateikite per SPIS "
            "arba Socialinės paramos skyriuje; išmoka skiriama nuo vaiko gimimo, jei kreipiamasi per 12 mėnesių.",
        },
        True,
        DESK,
        8,
    ),
    ArticleSpec(
        "housing",
        {"lt": "Laikinas apnakvindinimas nakvynės namuose", "en": "Overnight stay in a night shelter"},
        {
            "lt": "Nakvynės namuose galima apsistoti be išankstinio sprendimo: kreipkitės tiesiai į nakvynės namus "
            "nuo 18 iki 22 valandos. Apnakvindinimas nemokamas.\n\nŽiemą, kai lauke šalčiau nei minus 10 laipsnių, "
            "priimami visi atvykę asmenys, taip pat neblaivūs.",
            "en": "People can stay at the night shelter without a prior decision: come directly between 6 and "
            "10 pm. The stay is free of charge.\n\nIn winter, when it is colder than minus 10 degrees, everyone who "
            "comes is admitted, also people under the influence of alcohol.",
        },
        True,
        DESK,
        3,
    ),
    ArticleSpec(
        "housing",
        {"lt": "Apgyvendinimas savarankiško gyvenimo namuose"},
        {
            "lt": "Savarankiško gyvenimo namuose gyvena senyvo amžiaus asmenys ir asmenys su negalia, kurie gali "
            "pasirūpinti savimi, bet jiems reikia nedidelės pagalbos. Kiekvienas gyventojas turi atskirą "
            "kambarį su virtuvėle.\n\nMokestis – iki 20 procentų pajamų ir komunalinės išlaidos.",
        },
        True,
        SOCIAL,
        5,
    ),
    ArticleSpec(
        "housing",
        {"lt": "Socialinis būstas: eilė ir nuoma"},
        {
            "lt": "Į socialinio būsto nuomos sąrašą įrašomi asmenys ir šeimos, kurių turtas ir pajamos neviršija "
            "įstatyme nustatytų dydžių. Eilės numerį galite sužinoti savivaldybės Būsto skyriuje.\n\n"
            "Socialinio būsto nuoma yra mažesnė už rinkos kainą ir priklauso nuo šeimos pajamų.",
        },
        True,
        DESK,
        12,
    ),
    ArticleSpec(
        "housing",
        {"lt": "Krizių centras moterims ir vaikams"},
        {
            "lt": "Smurtą patyrusios moterys su vaikais gali būti laikinai apgyvendintos krizių centre. "
            "Pagalba teikiama visą parą; kreiptis galima ir be dokumentų.\n\nPirmiausia skambinkite bendruoju "
            "pagalbos telefonu 112, jei gresia pavojus.",
        },
        True,
        SOCIAL,
        4,
    ),
    ArticleSpec(
        "family",
        {"lt": "Socialinė priežiūra šeimoms", "en": "Social support for families"},
        {
            "lt": "Šeimoms, auginančioms vaikus ir patiriančioms sunkumų, padeda atvejo vadybininkas ir "
            "socialinis darbuotojas. Jie kartu su šeima sudaro pagalbos planą.\n\nPaslauga nemokama. "
            "Kreipkitės į Šeimos ir vaiko gerovės centrą.",
            "en": "Families raising children who face difficulties are helped by a case manager and a social "
            "worker, who draw up a support plan together with the family.\n\nThe service is free. Contact the "
            "Family and Child Welfare Centre.",
        },
        True,
        SOCIAL,
        2,
    ),
    ArticleSpec(
        "family",
        {"lt": "Vaikų dienos centras"},
        {
            "lt": "Vaikų dienos centre mokyklinio amžiaus vaikai po pamokų ruošia namų darbus, gauna maitinimą ir "
            "dalyvauja užsiėmimuose. Centras dirba darbo dienomis nuo 12 iki 19 valandos.\n\nVaiką užregistruoti "
            "gali tėvai arba globėjai, užpildę prašymą centre.",
        },
        True,
        SOCIAL,
        9,
    ),
    ArticleSpec(
        "family",
        {"lt": "Globėjams ir budintiems globotojams"},
        {
            "lt": "Norintys tapti globėjais ar budinčiais globotojais dalyvauja GIMK mokymuose. Globos centras "
            "konsultuoja ir palydi globėjų šeimas.\n\nGlobėjams mokama globos išmoka ir tikslinis priedas.",
        },
        True,
        SOCIAL,
        18,
    ),
    ArticleSpec(
        "family",
        {"lt": "Nemokamas maitinimas mokiniams"},
        {
            "lt": "Nemokamas maitinimas skiriamas mokiniams iš šeimų, kurių vidutinės pajamos per mėnesį "
            "mažesnės nei 1,5 valstybės remiamų pajamų dydžio. Priešmokyklinukams ir pirmokams maitinimas "
            "nemokamas visiems.\n\nPrašymą pateikite iki rugsėjo 1 d., kad maitinimas būtų skirtas nuo mokslo "
            "metų pradžios.",
        },
        True,
        DESK,
        11,
    ),
    ArticleSpec(
        "disability",
        {"lt": "Specialusis transportas asmenims su negalia", "en": "Special transport for people with disabilities"},
        {
            "lt": "Asmenis, kurie dėl negalios negali naudotis viešuoju transportu, veža pritaikytas automobilis. "
            "Kelionę užsisakykite ne vėliau kaip prieš 2 darbo dienas telefonu.\n\nKelionė į gydymo įstaigą "
            "apmokama pagal savivaldybės nustatytus įkainius.",
            "en": "People who cannot use public transport because of a disability are driven in an adapted car. "
            "Book the trip by phone at least 2 working days in advance.\n\nTrips to health care institutions are "
            "charged at the municipality's rates.",
        },
        True,
        SOCIAL,
        3,
    ),
    ArticleSpec(
        "disability",
        {"lt": "Techninės pagalbos priemonės"},
        {
            "lt": "Neįgaliojo vežimėliai, vaikštynės, funkcinės lovos ir kitos priemonės išduodamos Techninės "
            "pagalbos neįgaliesiems centro Klaipėdos skyriuje.\n\nReikės šeimos gydytojo rekomendacijos. "
            "Trumpam laikui priemonę galima išsinuomoti.",
        },
        True,
        SOCIAL,
        6,
    ),
    ArticleSpec(
        "disability",
        {"lt": "Asmeninio asistento paslauga"},
        {
            "lt": "Asmeninis asistentas padeda asmeniui su negalia dirbti, mokytis, dalyvauti bendruomenės "
            "gyvenime. Paslauga teikiama iki 20 valandų per savaitę.\n\nPrašymą pateikite Socialinės paramos "
            "skyriui; poreikį įvertins socialinis darbuotojas.",
        },
        True,
        SOCIAL,
        2,
    ),
    ArticleSpec(
        "disability",
        {"lt": "Būsto pritaikymas asmenims su negalia"},
        {
            "lt": "Būstas pritaikomas asmenims, kurie juda vežimėliu ar turi kitų judėjimo sunkumų: įrengiami "
            "pandusai, pritaikomas vonios kambarys. Eilė sudaroma pagal prašymų datą ir negalios sunkumą.",
        },
        True,
        SOCIAL,
        20,
    ),
    ArticleSpec(
        "apply",
        {"lt": "Kaip pateikti prašymą socialinėms paslaugoms", "en": "How to apply for social services"},
        {
            "lt": "Prašymą socialinėms paslaugoms galite pateikti:\n- Socialinės paramos skyriuje, Danės g. 17\n"
            "- el. paštu, pasirašę elektroniniu parašu\n- per SPIS sistemą internetu\n\n"
            "Jei negalite atvykti, socialinis darbuotojas atvyks į namus. Sprendimas priimamas per 10 darbo "
            "dienų nuo poreikio įvertinimo.",
            "en": "You can apply for social services:\n- at the Social Support Department, Danės g. 17\n"
            "- by e-mail, signed with an electronic signature\n- online through the SPIS system\n\n"
            "If you cannot come, a social worker will visit you at home. The decision is made within 10 working "
            "days of the assessment of need.",
        },
        True,
        DESK,
        1,
    ),
    ArticleSpec(
        "apply",
        {"lt": "Kokių dokumentų reikia"},
        {
            "lt": "Dažniausiai reikalingi dokumentai:\n- asmens tapatybę patvirtinantis dokumentas\n"
            "- pažyma apie pajamas\n- neįgalumo ar specialiųjų poreikių pažyma, jei ji yra\n"
            "- šeimos gydytojo išrašas apie sveikatos būklę\n\nDaugumą pažymų skyrius gauna iš registrų pats, "
            "todėl jų nešti nereikia.",
        },
        True,
        DESK,
        2,
    ),
    ArticleSpec(
        "apply",
        {"lt": "Skundai ir pasiūlymai: kaip pateikti"},
        {
            "lt": "Skundą ar pasiūlymą galite pateikti internetu, el. paštu, telefonu ar atvykę. Į kiekvieną "
            "kreipimąsi atsakome raštu per 20 darbo dienų; į klausimus – per 5 darbo dienas.\n\nGavę kreipimąsi "
            "suteiksime registracijos kodą, pagal kurį galėsite sekti, kaip jis nagrinėjamas.",
        },
        True,
        QUALITY,
        1,
    ),
    ArticleSpec(
        "apply",
        {"lt": "Darbo laikas ir kontaktai"},
        {
            "lt": "Socialinės paramos skyrius dirba pirmadieniais–ketvirtadieniais nuo 8 iki 17 val., "
            "penktadieniais nuo 8 iki 15.45 val. Pietų pertrauka 12–12.45 val.\n\nKlientų aptarnavimo grupės "
            "telefonas (8 46) 39 60 00.",
        },
        True,
        DESK,
        0,
    ),
    ArticleSpec(
        "staff",
        {"lt": "Kaip užregistruoti skambutį telefonu"},
        {
            "lt": "Kiekvieną konsultaciją telefonu užregistruokite skambučio formoje: tipas, tema, trumpas "
            "klausimo aprašymas.\n\nJei atsakėte iš karto, pažymėkite „atsakyta iš karto“. Jei reikia "
            "išsiaiškinti, palikite kreipimąsi atviram ir priskirkite atsakingam darbuotojui.",
        },
        False,
        QUALITY,
        2,
    ),
    ArticleSpec(
        "staff",
        {"lt": "Asmens duomenų apsauga konsultuojant"},
        {
            "lt": "Telefonu asmens duomenis teikite tik įsitikinę asmens tapatybe: paklauskite gimimo datos ir "
            "adreso.\n\nNiekada nesakykite kito šeimos nario informacijos be jo sutikimo. Apie incidentą "
            "nedelsdami praneškite duomenų apsaugos pareigūnui.",
        },
        False,
        QUALITY,
        14,
    ),
    ArticleSpec(
        "staff",
        {"lt": "Skundo nagrinėjimo eiga"},
        {
            "lt": "Gavus skundą:\n- užregistruokite jį per 1 darbo dieną\n- priskirkite įstaigai ar darbuotojui\n"
            "- jei skundas pagrįstas, užregistruokite neatitiktį\n- atsakykite raštu per 20 darbo dienų\n\n"
            "Vėluojantys skundai rodomi direktoriui.",
        },
        False,
        QUALITY,
        4,
    ),
    ArticleSpec(
        "staff",
        {"lt": "Pagalbos į namus grafiko keitimas"},
        {
            "lt": "Kliento pageidavimu vizito laikas keičiamas suderinus su padalinio vadove. Apie pakeitimą "
            "klientą informuokite ne vėliau kaip prieš dieną.",
        },
        False,
        SOCIAL,
        13,
        "dane",
    ),
]

KULDIGA_SOCIAL = "socialais@kuldiga.example"
KULDIGA_COORDINATOR = "koordinators@kuldiga.example"

KULDIGA = [
    ArticleSpec(
        "home",
        {"lv": "Aprūpe mājās: kas to var saņemt", "en": "Care at home: who can get it"},
        {
            "lv": "Aprūpes mājās pakalpojums paredzēts senioriem un personām ar invaliditāti, kuras pašas nevar "
            "sevi aprūpēt.\n\nPakalpojumu piešķir Kuldīgas novada Sociālais dienests pēc vajadzību "
            "novērtēšanas mājās.",
            "en": "Care at home is for older people and people with disabilities who cannot look after "
            "themselves.\n\nThe Kuldīga Social Service grants it after assessing the needs at home.",
        },
        True,
        KULDIGA_SOCIAL,
        3,
    ),
    ArticleSpec(
        "home",
        {"lv": "Aprūpes mājās maksa"},
        {
            "lv": "Maksa par aprūpi mājās ir atkarīga no personas ienākumiem. Trūcīgām personām pakalpojums ir "
            "bez maksas.",
        },
        True,
        KULDIGA_SOCIAL,
        13,
    ),
    ArticleSpec(
        "money",
        {"lv": "Garantētā minimālā ienākuma pabalsts"},
        {
            "lv": "Pabalstu var saņemt mājsaimniecība, kuras ienākumi ir zemāki par garantētā minimālā ienākuma "
            "slieksni. Iesniegumu var iesniegt Sociālajā dienestā vai portālā Latvija.gov.lv.\n\n"
            "Lēmumu pieņem 10 darba dienu laikā.",
        },
        True,
        KULDIGA_SOCIAL,
        2,
    ),
    ArticleSpec(
        "money",
        {"lv": "Mājokļa pabalsts"},
        {
            "lv": "Mājokļa pabalsts sedz daļu no izdevumiem par īri, apkuri un komunālajiem pakalpojumiem "
            "trūcīgām un maznodrošinātām mājsaimniecībām.",
        },
        True,
        KULDIGA_SOCIAL,
        5,
    ),
    ArticleSpec(
        "apply",
        {"lv": "Kā iesniegt iesniegumu Sociālajā dienestā"},
        {
            "lv": "Iesniegumu var iesniegt klātienē Sociālajā dienestā, pa e-pastu ar drošu elektronisko parakstu "
            "vai portālā Latvija.gov.lv.\n\nLīdzi ņemiet personu apliecinošu dokumentu.",
        },
        True,
        KULDIGA_COORDINATOR,
        1,
    ),
    ArticleSpec(
        "apply",
        {"lv": "Zvanu reģistrēšana"},
        {
            "lv": "Katru konsultāciju pa tālruni reģistrējiet zvanu veidlapā. Ja atbildējāt uzreiz, atzīmējiet "
            "“atbildēts uzreiz”.",
        },
        False,
        KULDIGA_COORDINATOR,
        15,
    ),
]
