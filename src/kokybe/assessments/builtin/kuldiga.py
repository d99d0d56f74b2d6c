"""Kuldīga's ten quality criteria for social services (seed 004).

The criteria come from the project "Sociālo pakalpojumu kvalitātes uzlabošana Kuldīgas novadā"
(2010–2011), in which every social service provider of the municipality scored itself on each
criterion from 1 (low) to 5 (high). The project named the criteria and the scale only; the short
description of each criterion and of each of its five levels is ours, written so that assessors
in different institutions read a score the same way.
"""

from kokybe.assessments.builtin.spec import FrameworkSpec, LevelSpec, NodeSpec, Scoring, Texts, texts

LEVEL_NAMES: tuple[Texts, ...] = (
    texts(lt="Žema kokybė", lv="Zema kvalitāte", en="Low quality"),
    texts(lt="Patenkinama kokybė", lv="Apmierinoša kvalitāte", en="Satisfactory quality"),
    texts(lt="Vidutinė kokybė", lv="Vidēja kvalitāte", en="Average quality"),
    texts(lt="Gera kokybė", lv="Laba kvalitāte", en="Good quality"),
    texts(lt="Aukšta kokybė", lv="Augsta kvalitāte", en="High quality"),
)

SCALE: tuple[LevelSpec, ...] = tuple(
    LevelSpec(value=score, upto=score, name=name, description=description)
    for score, name, description in zip(
        range(1, 6),
        LEVEL_NAMES,
        (
            texts(
                lt="Reikalavimas daugeliu atvejų neįgyvendinamas, yra rimtų trūkumų.",
                lv="Prasība lielākoties netiek izpildīta, ir būtiski trūkumi.",
                en="The requirement is mostly not met and there are serious shortcomings.",
            ),
            texts(
                lt="Minimalūs reikalavimai įvykdyti, tačiau yra pastebimų trūkumų.",
                lv="Minimālās prasības ir izpildītas, taču ir manāmi trūkumi.",
                en="The minimum requirements are met, but there are noticeable shortcomings.",
            ),
            texts(
                lt=(
                    "Reikalavimas iš esmės įgyvendinamas, tačiau praktika nevienoda ir priklauso nuo atskirų "
                    "darbuotojų."
                ),
                lv=(
                    "Prasība pārsvarā tiek izpildīta, taču prakse ir nevienmērīga un atkarīga no atsevišķiem "
                    "darbiniekiem."
                ),
                en="The requirement is largely met, but practice is uneven and depends on individual staff members.",
            ),
            texts(
                lt="Reikalavimas įgyvendinamas nuosekliai: praktika sutarta, aprašyta ir jos laikomasi.",
                lv="Prasība tiek izpildīta konsekventi: prakse ir saskaņota, aprakstīta un tiek ievērota.",
                en="The requirement is met consistently: the practice is agreed, written down and followed.",
            ),
            texts(
                lt=(
                    "Reikalavimas įgyvendinamas visiškai, praktika reguliariai peržiūrima ir tobulinama, ji gali būti "
                    "pavyzdys kitiems."
                ),
                lv=(
                    "Prasība tiek izpildīta pilnībā, prakse tiek regulāri pārskatīta un pilnveidota, un tā var kalpot "
                    "par paraugu citiem."
                ),
                en=(
                    "The requirement is met in full, the practice is reviewed and improved regularly, and it can serve "
                    "as an example to others."
                ),
            ),
        ),
        strict=True,
    )
)


def _criterion(code: str, name: Texts, description: Texts, levels: tuple[Texts, ...]) -> NodeSpec:
    """A criterion with what each of the five scores looks like for it, lowest first."""
    return NodeSpec(
        code=code,
        name=name,
        description=description,
        levels=tuple(
            LevelSpec(value=score, upto=score, name=level_name, description=level_description)
            for score, level_name, level_description in zip(range(1, 6), LEVEL_NAMES, levels, strict=True)
        ),
    )


CRITERIA: tuple[NodeSpec, ...] = (
    _criterion(
        "K1",
        texts(lt="Paslaugų prieinamumas", lv="Pakalpojumu pieejamība", en="Service accessibility"),
        texts(
            lt=(
                "Ar žmonės, kuriems reikia paslaugos, gali ją gauti laiku: darbo laikas, laukimo trukmė, kreipimosi "
                "būdai ir paslaugos pasiekiamumas visoje savivaldybėje."
            ),
            lv=(
                "Vai cilvēki, kuriem pakalpojums ir vajadzīgs, to var saņemt laikus: darba laiks, gaidīšanas laiks, "
                "pieteikšanās veidi un pakalpojuma pieejamība visā novadā."
            ),
            en=(
                "Whether people who need the service can get it in time: opening hours, waiting times, ways to apply "
                "and reach across the whole municipality."
            ),
        ),
        (
            texts(
                lt=(
                    "Paslaugą gauti sunku: darbo laikas trumpas arba nepastovus, eilės ilgos, o kreiptis galima tik "
                    "atvykus į vieną vietą."
                ),
                lv=(
                    "Pakalpojumu saņemt ir grūti: darba laiks ir īss vai neregulārs, rindas ir garas, un pieteikties "
                    "var tikai klātienē vienā vietā."
                ),
                en=(
                    "The service is hard to get: opening hours are short or irregular, waiting lists are long, and one "
                    "can apply only in person at one place."
                ),
            ),
            texts(
                lt=(
                    "Darbo laikas nustatytas ir paskelbtas, tačiau klientams dažnai tenka laukti per ilgai, o atokių "
                    "vietovių gyventojus paslauga pasiekia tik retkarčiais."
                ),
                lv=(
                    "Darba laiks ir noteikts un publiskots, taču klientiem bieži nākas gaidīt pārāk ilgi, un attālāku "
                    "vietu iedzīvotājus pakalpojums sasniedz tikai reizēm."
                ),
                en=(
                    "Opening hours are fixed and published, but clients often have to wait too long, and people in "
                    "remote areas are reached only now and then."
                ),
            ),
            texts(
                lt=(
                    "Dauguma klientų paslaugą gauna per nustatytą laiką, kreiptis galima atvykus, telefonu ar raštu, "
                    "tačiau skubiems atvejams atskiros tvarkos nėra."
                ),
                lv=(
                    "Lielākā daļa klientu pakalpojumu saņem noteiktajā laikā, pieteikties var klātienē, pa tālruni vai "
                    "rakstiski, taču steidzamiem gadījumiem atsevišķas kārtības nav."
                ),
                en=(
                    "Most clients get the service within the set time and can apply in person, by phone or in writing, "
                    "but there is no separate procedure for urgent cases."
                ),
            ),
            texts(
                lt=(
                    "Laukimo trukmė stebima ir neviršija sutartų terminų, skubūs atvejai sprendžiami tą pačią ar kitą "
                    "dieną, o negalinčius atvykti klientus darbuotojai aplanko namuose."
                ),
                lv=(
                    "Gaidīšanas laiks tiek uzraudzīts un nepārsniedz noteiktos termiņus, steidzamos gadījumus risina "
                    "tajā pašā vai nākamajā dienā, un klientus, kuri nevar ierasties, darbinieki apmeklē mājās."
                ),
                en=(
                    "Waiting times are monitored and stay within the agreed limits, urgent cases are dealt with the "
                    "same or the next day, and staff visit clients who cannot come in."
                ),
            ),
            texts(
                lt=(
                    "Paslauga prieinama klientams reikiamu laiku ir reikiamoje vietoje, įskaitant elektroninį "
                    "kreipimąsi ir apsilankymus namuose visoje savivaldybėje; prieinamumo duomenys kasmet "
                    "analizuojami, o spragos šalinamos."
                ),
                lv=(
                    "Pakalpojums ir pieejams klientiem vajadzīgajā laikā un vietā, tostarp ar elektronisku "
                    "pieteikšanos un mājas vizītēm visā novadā; pieejamības dati katru gadu tiek analizēti, un "
                    "nepilnības tiek novērstas."
                ),
                en=(
                    "The service is available when and where clients need it, including electronic applications and "
                    "home visits across the municipality; access figures are analysed every year and gaps are closed."
                ),
            ),
        ),
    ),
    _criterion(
        "K2",
        texts(lt="Klientų informuotumas", lv="Klientu informētība", en="Client awareness"),
        texts(
            lt=(
                "Kaip gerai klientai ir gyventojai žino, kokios paslaugos teikiamos, kas turi teisę jas gauti, kaip "
                "kreiptis ir kokios yra jų teisės."
            ),
            lv=(
                "Cik labi klienti un iedzīvotāji zina, kādi pakalpojumi tiek sniegti, kam ir tiesības tos saņemt, kā "
                "pieteikties un kādas ir viņu tiesības."
            ),
            en=(
                "How well clients and residents know which services exist, who is entitled to them, how to apply and "
                "what their rights are."
            ),
        ),
        (
            texts(
                lt=(
                    "Naujausios informacijos apie paslaugas nėra; klientai apie jas sužino atsitiktinai arba iš "
                    "pažįstamų."
                ),
                lv="Aktuālas informācijas par pakalpojumiem nav; klienti par tiem uzzina nejauši vai no paziņām.",
                en=(
                    "There is no up-to-date information about the services; clients hear about them by chance or from "
                    "acquaintances."
                ),
            ),
            texts(
                lt=(
                    "Pagrindinė informacija iškabinta įstaigoje, tačiau ji neišsami arba pasenusi, o apie savo teises "
                    "klientai neinformuojami."
                ),
                lv=(
                    "Pamatinformācija ir izvietota iestādē, taču tā ir nepilnīga vai novecojusi, un par savām tiesībām "
                    "klienti netiek informēti."
                ),
                en=(
                    "Basic information is posted at the institution, but it is incomplete or out of date, and clients "
                    "are not told about their rights."
                ),
            ),
            texts(
                lt=(
                    "Informacija apie paslaugas ir kreipimosi tvarką skelbiama įstaigoje ir interneto svetainėje; "
                    "darbuotojai paaiškina klientų teises, kai šie paklausia, tačiau ne sistemingai."
                ),
                lv=(
                    "Informācija par pakalpojumiem un pieteikšanās kārtību ir pieejama iestādē un tīmekļvietnē; "
                    "darbinieki izskaidro klientu tiesības, ja klienti jautā, taču ne sistemātiski."
                ),
                en=(
                    "Information about the services and how to apply is available at the institution and on the "
                    "website; staff explain clients' rights when asked, but not systematically."
                ),
            ),
            texts(
                lt=(
                    "Kiekvienas naujas klientas gauna aiškią rašytinę informaciją apie paslaugą, savo teises ir "
                    "pareigas bei skundų pateikimo tvarką; informacija peržiūrima bent kartą per metus."
                ),
                lv=(
                    "Katrs jaunais klients saņem skaidru rakstisku informāciju par pakalpojumu, savām tiesībām un "
                    "pienākumiem un sūdzību iesniegšanas kārtību; informācija tiek pārskatīta vismaz reizi gadā."
                ),
                en=(
                    "Every new client receives clear written information about the service, their rights and duties "
                    "and how to complain; the information is reviewed at least once a year."
                ),
            ),
            texts(
                lt=(
                    "Informacija teikiama aiškia kalba ir prieinamais formatais (stambiu šriftu, lengvai suprantama "
                    "kalba, kitomis kalbomis) keliais kanalais; apklausos patvirtina, kad klientai žino savo teises ir "
                    "kur kreiptis."
                ),
                lv=(
                    "Informācija tiek sniegta skaidrā valodā un piekļūstamos formātos (lielā drukā, vieglajā valodā, "
                    "citās valodās) vairākos kanālos; aptaujas apliecina, ka klienti zina savas tiesības un kur "
                    "vērsties."
                ),
                en=(
                    "Information is given in plain language and accessible formats (large print, easy-to-read, other "
                    "languages) through several channels; surveys confirm that clients know their rights and where to "
                    "turn."
                ),
            ),
        ),
    ),
    _criterion(
        "K3",
        texts(lt="Klientų pasitenkinimas", lv="Klientu apmierinātība", en="Client satisfaction"),
        texts(
            lt=(
                "Ar įstaiga domisi, kiek klientai patenkinti, ir ar jų atsiliepimus bei skundus naudoja paslaugai "
                "gerinti."
            ),
            lv=(
                "Vai iestāde noskaidro klientu apmierinātību un izmanto viņu atsauksmes un sūdzības pakalpojuma "
                "uzlabošanai."
            ),
            en=(
                "Whether the institution asks clients how satisfied they are, and uses their feedback and complaints "
                "to improve the service."
            ),
        ),
        (
            texts(
                lt=(
                    "Klientų pasitenkinimu nesidomima, skundai neregistruojami, o klientai nežino, kaip pateikti "
                    "skundą."
                ),
                lv=(
                    "Klientu apmierinātība netiek noskaidrota, sūdzības netiek reģistrētas, un klienti nezina, kā "
                    "iesniegt sūdzību."
                ),
                en=(
                    "Nobody asks clients whether they are satisfied, complaints are not recorded, and clients do not "
                    "know how to complain."
                ),
            ),
            texts(
                lt=(
                    "Atsiliepimai renkami tik retkarčiais ir neformaliai; į skundus atsakoma, tačiau iš jų išvadų "
                    "nedaroma."
                ),
                lv=(
                    "Atsauksmes tiek vāktas tikai reizēm un neformāli; uz sūdzībām atbild, taču secinājumus no tām "
                    "neizdara."
                ),
                en=(
                    "Feedback is collected only occasionally and informally; complaints are answered, but no lessons "
                    "are drawn from them."
                ),
            ),
            texts(
                lt=(
                    "Klientų apklausa kartais atliekama ir skundai registruojami, tačiau rezultatai su darbuotojais "
                    "neaptariami ir planuojant nenaudojami."
                ),
                lv=(
                    "Klientu aptauja laiku pa laikam tiek veikta un sūdzības tiek reģistrētas, taču rezultāti netiek "
                    "ne pārrunāti ar darbiniekiem, ne izmantoti plānošanā."
                ),
                en=(
                    "A client survey is carried out from time to time and complaints are recorded, but the results are "
                    "not discussed with staff or used in planning."
                ),
            ),
            texts(
                lt=(
                    "Pasitenkinimas kasmet matuojamas tais pačiais klausimais, rezultatai aptariami su darbuotojais, o "
                    "jais remiantis planuojami patobulinimai."
                ),
                lv=(
                    "Apmierinātība katru gadu tiek mērīta ar tiem pašiem jautājumiem, rezultāti tiek pārrunāti ar "
                    "darbiniekiem, un uz to pamata tiek plānoti uzlabojumi."
                ),
                en=(
                    "Satisfaction is measured every year with the same questions, the results are discussed with "
                    "staff, and improvements are planned on that basis."
                ),
            ),
            texts(
                lt=(
                    "Pasitenkinimas jau kelerius metus aukštas ir stabilus; klientams pranešama, kas pakeista "
                    "atsižvelgus į jų atsiliepimus, o skundai išnagrinėjami per nustatytus terminus."
                ),
                lv=(
                    "Apmierinātība jau vairākus gadus ir augsta un stabila; klientiem tiek paziņots, kas mainīts pēc "
                    "viņu atsauksmēm, un sūdzības tiek izskatītas noteiktajos termiņos."
                ),
                en=(
                    "Satisfaction has been high and stable for several years; clients are told what changed after "
                    "their feedback, and complaints are resolved within the set deadlines."
                ),
            ),
        ),
    ),
    _criterion(
        "K4",
        texts(lt="Aplinkos prieinamumas", lv="Vides pieejamība", en="Accessibility of the physical environment"),
        texts(
            lt=(
                "Ar patalpas gali pasiekti ir jomis naudotis visi, įskaitant žmones, turinčius judėjimo, regos ar "
                "klausos negalią, ir ar patalpos saugios bei patogios."
            ),
            lv=(
                "Vai telpas var sasniegt un izmantot ikviens, tostarp cilvēki ar kustību, redzes vai dzirdes "
                "traucējumiem, un vai telpas ir drošas un ērtas."
            ),
            en=(
                "Whether everyone can reach and use the premises, including people with reduced mobility, sight or "
                "hearing, and whether the premises are safe and comfortable."
            ),
        ),
        (
            texts(
                lt=(
                    "Į patalpas neįmanoma patekti su neįgaliojo ar vaikišku vežimėliu, nėra pritaikyto tualeto, o "
                    "patalpos ankštos arba prastos būklės."
                ),
                lv=(
                    "Telpās nevar iekļūt ar ratiņkrēslu vai bērnu ratiem, nav pielāgotas tualetes, un telpas ir šauras "
                    "vai sliktā stāvoklī."
                ),
                en=(
                    "The premises cannot be entered with a wheelchair or a pram, there is no accessible toilet, and "
                    "the rooms are cramped or in poor condition."
                ),
            ),
            texts(
                lt=(
                    "Įėjimą galima pasiekti tik su pagalba (nešiojamas pandusas, skambutis), o viduje yra laiptelių, "
                    "siaurų durų arba trūksta nuorodų."
                ),
                lv=(
                    "Ieeju var sasniegt tikai ar palīdzību (pārnēsājama uzbrauktuve, zvans), bet iekšpusē ir "
                    "pakāpieni, šauras durvis vai trūkst norāžu."
                ),
                en=(
                    "The entrance can be reached only with help (a portable ramp, a doorbell), and inside there are "
                    "steps, narrow doors or no signs."
                ),
            ),
            texts(
                lt=(
                    "Įėjimas ir pagrindinės patalpos pasiekiami be pagalbos, tačiau nėra ramios patalpos privatiems "
                    "pokalbiams, o nuorodos nepritaikytos silpnaregiams."
                ),
                lv=(
                    "Ieeja un galvenās telpas ir pieejamas bez palīdzības, taču nav klusas telpas privātām sarunām, un "
                    "norādes nav pielāgotas cilvēkiem ar redzes traucējumiem."
                ),
                en=(
                    "The entrance and the main rooms can be used without help, but there is no quiet room for private "
                    "conversations and the signs are not adapted for people with poor sight."
                ),
            ),
            texts(
                lt=(
                    "Visos klientams skirtos patalpos prieinamos, yra atskira patalpa konfidencialiems pokalbiams, o "
                    "patalpos švarios, šiltos ir gerai apšviestos."
                ),
                lv=(
                    "Visas klientiem paredzētās telpas ir pieejamas, ir atsevišķa telpa konfidenciālām sarunām, un "
                    "telpas ir tīras, siltas un labi apgaismotas."
                ),
                en=(
                    "All rooms used by clients are accessible, there is a separate room for confidential "
                    "conversations, and the premises are clean, warm and well lit."
                ),
            ),
            texts(
                lt=(
                    "Patalpos atitinka universalaus dizaino principus (kontrastingi žymėjimai, indukcinė kilpa, "
                    "pritaikyta automobilio stovėjimo vieta), reguliariai vertinamos kartu su klientais, o nustatyti "
                    "trūkumai šalinami."
                ),
                lv=(
                    "Telpas atbilst universālā dizaina principiem (kontrastējoši marķējumi, indukcijas cilpa, "
                    "pielāgota autostāvvieta), tās regulāri tiek izvērtētas kopā ar klientiem, un konstatētie trūkumi "
                    "tiek novērsti."
                ),
                en=(
                    "The premises follow universal design principles (contrast markings, a hearing loop, accessible "
                    "parking), are assessed regularly together with clients, and the shortcomings found are removed."
                ),
            ),
        ),
    ),
    _criterion(
        "K5",
        texts(lt="Konfidencialumas", lv="Konfidencialitāte", en="Confidentiality"),
        texts(
            lt=(
                "Ar tai, ką klientai papasakoja ir kas apie juos žinoma, yra apsaugota: pokalbiai vyksta privačiai, o "
                "informacija teikiama tik gavus sutikimą arba esant teisiniam pagrindui."
            ),
            lv=(
                "Vai tas, ko klienti stāsta un kas par viņiem ir zināms, tiek aizsargāts: sarunas notiek privāti, un "
                "informācija tiek nodota tikai ar piekrišanu vai uz tiesiska pamata."
            ),
            en=(
                "Whether what clients say and what is known about them is protected: conversations are private, and "
                "information is shared only with consent or on a legal basis."
            ),
        ),
        (
            texts(
                lt=(
                    "Pokalbiai su klientais vyksta ten, kur juos gali girdėti kiti, o informacija apie klientus "
                    "aptariama su pašaliniais asmenimis."
                ),
                lv=(
                    "Sarunas ar klientiem notiek vietā, kur tās var dzirdēt citi, un informācija par klientiem tiek "
                    "apspriesta ar nepiederošām personām."
                ),
                en=(
                    "Conversations with clients take place where others can hear them, and information about clients "
                    "is discussed with outsiders."
                ),
            ),
            texts(
                lt=(
                    "Darbuotojai žino, kad informacija konfidenciali, tačiau rašytinių taisyklių nėra, o privačiai "
                    "pasikalbėti ne visada įmanoma."
                ),
                lv=(
                    "Darbinieki zina, ka informācija ir konfidenciāla, taču rakstisku noteikumu nav, un privāti "
                    "aprunāties ne vienmēr ir iespējams."
                ),
                en=(
                    "Staff know that information is confidential, but there are no written rules and a private "
                    "conversation is not always possible."
                ),
            ),
            texts(
                lt=(
                    "Yra rašytinės konfidencialumo taisyklės, darbuotojai pasirašę konfidencialumo įsipareigojimus, "
                    "tačiau jų laikymasis netikrinamas."
                ),
                lv=(
                    "Ir rakstiski konfidencialitātes noteikumi, un darbinieki ir parakstījuši apliecinājumus par "
                    "informācijas neizpaušanu, taču to ievērošana netiek pārbaudīta."
                ),
                en=(
                    "There are written confidentiality rules and staff have signed non-disclosure undertakings, but "
                    "nobody checks that they are followed."
                ),
            ),
            texts(
                lt=(
                    "Prieš perduodant informaciją klientai duoda rašytinį sutikimą, pokalbiai vyksta atskiroje "
                    "patalpoje, o nauji darbuotojai mokomi konfidencialumo reikalavimų."
                ),
                lv=(
                    "Pirms informācijas nodošanas klienti sniedz rakstisku piekrišanu, sarunas notiek atsevišķā telpā, "
                    "un jaunos darbiniekus apmāca konfidencialitātes prasībās."
                ),
                en=(
                    "Clients give written consent before information is shared, conversations take place in a separate "
                    "room, and new staff are trained in confidentiality."
                ),
            ),
            texts(
                lt=(
                    "Konfidencialumas yra kasdienės praktikos dalis ir reguliariai tikrinamas; pažeidimai "
                    "registruojami ir analizuojami, o klientai apklausose patvirtina, kad pasitiki darbuotojais."
                ),
                lv=(
                    "Konfidencialitāte ir ikdienas prakses daļa un tiek regulāri pārbaudīta; pārkāpumi tiek reģistrēti "
                    "un analizēti, un klienti aptaujās apliecina, ka uzticas darbiniekiem."
                ),
                en=(
                    "Confidentiality is part of everyday practice and is checked regularly; breaches are recorded and "
                    "analysed, and clients confirm in surveys that they trust the staff."
                ),
            ),
        ),
    ),
    _criterion(
        "K6",
        texts(
            lt="Su klientu susijusios informacijos saugojimas",
            lv="Ar klientu saistītās informācijas uzglabāšana",
            en="Storage of client information",
        ),
        texts(
            lt=(
                "Kaip saugomos klientų bylos ir duomenys: saugi laikymo vieta, prieiga tik tiems, kam jos reikia "
                "darbui, saugojimo terminai ir sunaikinimas."
            ),
            lv=(
                "Kā tiek glabātas klientu lietas un dati: droša glabāšanas vieta, piekļuve tikai tiem, kam tā "
                "vajadzīga darbā, glabāšanas termiņi un iznīcināšana."
            ),
            en=(
                "How client files and data are kept: secure storage, access only for those who need it for their work, "
                "retention periods and destruction."
            ),
        ),
        (
            texts(
                lt=(
                    "Klientų bylos laikomos atvirose lentynose ar ant stalų, o kompiuteriais naudojamasi bendrai, be "
                    "atskirų slaptažodžių."
                ),
                lv=(
                    "Klientu lietas atrodas atvērtos plauktos vai uz galdiem, un datorus lieto kopīgi bez atsevišķām "
                    "parolēm."
                ),
                en="Client files lie on open shelves or on desks, and computers are shared without separate passwords.",
            ),
            texts(
                lt=(
                    "Popierinės bylos laikomos rakinamose spintose, tačiau raktais ir slaptažodžiais dalijamasi, be "
                    "to, neaišku, kiek laiko dokumentai saugomi."
                ),
                lv=(
                    "Papīra lietas tiek glabātas slēdzamos skapjos, taču atslēgas un paroles ir kopīgas, turklāt nav "
                    "skaidrs, cik ilgi dokumenti jāglabā."
                ),
                en=(
                    "Paper files are kept in lockable cabinets, but keys and passwords are shared, and it is unclear "
                    "how long records are kept."
                ),
            ),
            texts(
                lt=(
                    "Popieriniai ir elektroniniai dokumentai apsaugoti, kiekvienas darbuotojas turi savo prisijungimą, "
                    "tačiau prieigos teisės neperžiūrimos, o saugojimo terminų nesilaikoma."
                ),
                lv=(
                    "Papīra un elektroniskie dokumenti ir aizsargāti, un katram darbiniekam ir savi piekļuves dati, "
                    "taču piekļuves tiesības netiek pārskatītas un glabāšanas termiņi netiek ievēroti."
                ),
                en=(
                    "Paper and electronic records are protected and each employee has their own login, but access "
                    "rights are not reviewed and retention periods are not kept to."
                ),
            ),
            texts(
                lt=(
                    "Prieiga suteikiama tik su klientu dirbantiems darbuotojams, saugojimo terminai nustatyti "
                    "dokumentacijos plane, o pasibaigus terminui dokumentai sunaikinami surašant aktą."
                ),
                lv=(
                    "Piekļuve lietām ir tikai tiem darbiniekiem, kuri strādā ar konkrēto klientu, glabāšanas termiņi "
                    "ir noteikti lietu nomenklatūrā, un pēc termiņa beigām dokumentus iznīcina, sastādot aktu."
                ),
                en=(
                    "Only staff who work with the client have access, retention periods are set in the records "
                    "schedule, and expired records are destroyed with a written record of destruction."
                ),
            ),
            texts(
                lt=(
                    "Duomenys saugomi saugioje elektroninėje sistemoje, kurioje registruojama prieiga ir daromos "
                    "atsarginės kopijos; prieigos teisės reguliariai peržiūrimos, o įstaiga gali parodyti, kas ir kada "
                    "peržiūrėjo įrašą."
                ),
                lv=(
                    "Dati tiek glabāti drošā elektroniskā sistēmā ar piekļuves žurnālu un rezerves kopijām; piekļuves "
                    "tiesības tiek regulāri pārskatītas, un iestāde var parādīt, kas un kad ierakstu ir skatījis."
                ),
                en=(
                    "Data are kept in a secure electronic system with an access log and backups; access rights are "
                    "reviewed regularly, and the institution can show who looked at a record and when."
                ),
            ),
        ),
    ),
    _criterion(
        "K7",
        texts(
            lt="Informacijos ir dokumentų apytaka",
            lv="Informācijas un dokumentu aprite",
            en="Flow of information and documents",
        ),
        texts(
            lt=(
                "Kaip informacija ir dokumentai juda įstaigoje ir pasiekia klientus: registravimas, perdavimas tarp "
                "darbuotojų, sprendimų ir atsakymų terminai."
            ),
            lv=(
                "Kā informācija un dokumenti virzās iestādē un nonāk līdz klientiem: reģistrēšana, nodošana starp "
                "darbiniekiem, lēmumu un atbilžu termiņi."
            ),
            en=(
                "How information and documents move within the institution and reach clients: registration, handover "
                "between staff, deadlines for decisions and replies."
            ),
        ),
        (
            texts(
                lt=(
                    "Dokumentai neregistruojami, informacija perduodama žodžiu, o prašymai pasimeta arba į juos "
                    "atsakoma pavėluotai."
                ),
                lv=(
                    "Dokumenti netiek reģistrēti, informācija tiek nodota mutiski, un iesniegumi pazūd vai uz tiem "
                    "atbild novēloti."
                ),
                en=(
                    "Documents are not registered, information is passed on by word of mouth, and applications get "
                    "lost or are answered late."
                ),
            ),
            texts(
                lt=(
                    "Gaunami dokumentai registruojami, tačiau nesutarta, kas ką daro, o kolegai nesant darbas su byla "
                    "sustoja."
                ),
                lv=(
                    "Ienākošie dokumenti tiek reģistrēti, taču nav norunāts, kurš ko dara, un, ja kolēģis nav darbā, "
                    "darbs ar lietu apstājas."
                ),
                en=(
                    "Incoming documents are registered, but who does what is not agreed, and work on a case stops when "
                    "a colleague is away."
                ),
            ),
            texts(
                lt=(
                    "Pagrindinės procedūros (registravimas, sprendimai, atsakymai) aprašytos, tačiau terminų dažnai "
                    "nesilaikoma, o įrašai bylose daromi ne laiku."
                ),
                lv=(
                    "Galvenās procedūras (reģistrēšana, lēmumi, atbildes) ir aprakstītas, taču termiņi bieži netiek "
                    "ievēroti, un ieraksti lietās netiek veikti laikus."
                ),
                en=(
                    "The main procedures (registration, decisions, replies) are written down, but deadlines are often "
                    "missed and case notes are not kept up to date."
                ),
            ),
            texts(
                lt=(
                    "Dokumentai juda pagal aprašytą tvarką su paskirtais atsakingais asmenimis ir terminais, nesantį "
                    "darbuotoją pavaduoja kitas, o įrašai bylose daromi tą pačią dieną."
                ),
                lv=(
                    "Dokumenti virzās pēc aprakstītas kārtības ar noteiktām atbildīgajām personām un termiņiem, "
                    "prombūtnē esošu darbinieku aizvieto kolēģis, un ieraksti lietās tiek veikti tajā pašā dienā."
                ),
                en=(
                    "Documents follow written routes with named responsible persons and deadlines, someone stands in "
                    "for absent staff, and case notes are made on the same day."
                ),
            ),
            texts(
                lt=(
                    "Dokumentų apytaka elektroninė ir atsekama nuo užregistravimo iki atsakymo klientui; terminų "
                    "laikymasis stebimas automatiškai, o vėlavimai reti ir analizuojami."
                ),
                lv=(
                    "Dokumentu aprite ir elektroniska un izsekojama no reģistrēšanas līdz atbildei klientam; termiņu "
                    "ievērošana tiek uzraudzīta automātiski, un kavējumi ir reti un tiek analizēti."
                ),
                en=(
                    "Document flow is electronic and traceable from registration to the reply to the client; deadlines "
                    "are monitored automatically, and delays are rare and analysed."
                ),
            ),
        ),
    ),
    _criterion(
        "K8",
        texts(
            lt="Bendradarbiavimas su kitomis įstaigomis",
            lv="Sadarbība ar citām iestādēm",
            en="Cooperation with other institutions",
        ),
        texts(
            lt=(
                "Kaip įstaiga bendradarbiauja su kitomis tarnybomis (sveikatos priežiūros įstaigomis, mokyklomis, "
                "policija, užimtumo tarnyba, nevyriausybinėmis organizacijomis), kad klientas gautų suderintą pagalbą."
            ),
            lv=(
                "Kā iestāde sadarbojas ar citiem dienestiem (ārstniecības iestādēm, skolām, policiju, Nodarbinātības "
                "valsts aģentūru, nevalstiskajām organizācijām), lai klients saņemtu saskaņotu palīdzību."
            ),
            en=(
                "How the institution works with other services (health care, schools, the police, the employment "
                "service, non-governmental organisations) so that the client gets coordinated help."
            ),
        ),
        (
            texts(
                lt=(
                    "Ryšių su kitomis įstaigomis beveik nėra; klientai siunčiami kitur, neperduodant jokios "
                    "informacijos."
                ),
                lv="Sadarbības ar citām iestādēm gandrīz nav; klientus nosūta citur, nenododot nekādu informāciju.",
                en=(
                    "There is hardly any contact with other institutions; clients are sent elsewhere without any "
                    "information being passed on."
                ),
            ),
            texts(
                lt=(
                    "Bendradarbiavimas priklauso nuo atskirų darbuotojų asmeninių ryšių ir vyksta tik tada, kai "
                    "problema paaštrėja."
                ),
                lv=(
                    "Sadarbība ir atkarīga no atsevišķu darbinieku personīgajiem kontaktiem un notiek tikai tad, kad "
                    "problēma saasinās."
                ),
                en=(
                    "Cooperation depends on the personal contacts of individual staff members and happens only when a "
                    "problem becomes acute."
                ),
            ),
            texts(
                lt=(
                    "Pagrindinėse partnerių įstaigose yra sutarti kontaktiniai asmenys, sudėtingais atvejais rengiami "
                    "bendri susitikimai, tačiau rašytinių susitarimų nėra."
                ),
                lv=(
                    "Galvenajās sadarbības iestādēs ir norunātas kontaktpersonas, un par sarežģītiem gadījumiem notiek "
                    "kopīgas sanāksmes, taču rakstisku vienošanos nav."
                ),
                en=(
                    "There are agreed contact persons in the main partner institutions and joint meetings on complex "
                    "cases, but no written agreements."
                ),
            ),
            texts(
                lt=(
                    "Bendradarbiavimo sutartyse nustatyta, kas ką daro; tarpinstitucinės komandos susitinka "
                    "reguliariai ir kiekvienam bendram klientui sudaro bendrą planą."
                ),
                lv=(
                    "Sadarbības līgumos ir noteikts, kurš ko dara; starpprofesionālās komandas regulāri tiekas un "
                    "katram kopīgajam klientam vienojas par kopīgu plānu."
                ),
                en=(
                    "Cooperation agreements set out who does what; multidisciplinary teams meet regularly and agree a "
                    "joint plan for every shared client."
                ),
            ),
            texts(
                lt=(
                    "Darbas su partneriais sistemingas ir kasmet įvertinamas kartu su jais; sutartos bendros "
                    "procedūros ir keitimasis informacija, o pasiekti rezultatai klientams stebimi kartu."
                ),
                lv=(
                    "Darbs ar partneriem ir sistemātisks un katru gadu tiek izvērtēts kopā ar viņiem; ir saskaņotas "
                    "kopīgas procedūras un informācijas apmaiņa, un rezultātus klientu labā uzrauga kopīgi."
                ),
                en=(
                    "Work with partners is systematic and reviewed with them every year; common procedures and "
                    "information exchange are agreed, and the results for clients are followed up jointly."
                ),
            ),
        ),
    ),
    _criterion(
        "K9",
        texts(lt="Darbo metodika", lv="Metodika", en="Methodology"),
        texts(
            lt=(
                "Ar darbas su klientais grindžiamas sutartais metodais: poreikių vertinimu, individualiais planais, "
                "pripažintais socialinio darbo metodais ir rašytinėmis procedūromis."
            ),
            lv=(
                "Vai darbs ar klientiem balstās uz saskaņotām metodēm: vajadzību izvērtēšanu, individuāliem plāniem, "
                "atzītām sociālā darba metodēm un rakstiskām procedūrām."
            ),
            en=(
                "Whether work with clients rests on agreed methods: needs assessment, individual plans, recognised "
                "social work methods and written procedures."
            ),
        ),
        (
            texts(
                lt="Kiekvienas darbuotojas dirba savaip; klientų poreikiai nevertinami, individualių planų nėra.",
                lv=(
                    "Katrs darbinieks strādā pēc saviem ieskatiem; klientu vajadzības netiek izvērtētas, un "
                    "individuālo plānu nav."
                ),
                en=(
                    "Each staff member works in their own way; clients' needs are not assessed and there are no "
                    "individual plans."
                ),
            ),
            texts(
                lt=(
                    "Kai kurių klientų poreikiai įvertinami ir yra pavienių planų, tačiau bendros formos ar metodo "
                    "nėra."
                ),
                lv=(
                    "Dažu klientu vajadzības tiek izvērtētas un ir atsevišķi plāni, taču nav vienotas veidlapas vai "
                    "metodes."
                ),
                en=(
                    "The needs of some clients are assessed and a few plans exist, but there is no common form or "
                    "method."
                ),
            ),
            texts(
                lt=(
                    "Naudojama bendra poreikių vertinimo forma ir individualaus plano forma, tačiau planai peržiūrimi "
                    "retai, o taikomi metodai neaprašyti."
                ),
                lv=(
                    "Tiek izmantota vienota vajadzību izvērtēšanas veidlapa un individuālā plāna veidlapa, taču plānus "
                    "pārskata reti, un izmantotās metodes nav aprakstītas."
                ),
                en=(
                    "A common needs assessment form and individual plan form are used, but plans are rarely reviewed "
                    "and the methods used are not written down."
                ),
            ),
            texts(
                lt=(
                    "Kiekvienas klientas turi individualų planą, sudarytą kartu su juo ir peržiūrimą nustatytu "
                    "dažnumu; įstaigos taikomi metodai aprašyti, o darbuotojai šių metodų išmokyti."
                ),
                lv=(
                    "Katram klientam ir individuālais plāns, kas sagatavots kopā ar viņu un tiek pārskatīts noteiktā "
                    "biežumā; iestādes izmantotās metodes ir aprakstītas, un darbinieki tajās ir apmācīti."
                ),
                en=(
                    "Every client has an individual plan made with them and reviewed at set intervals; the "
                    "institution's methods are written down and staff are trained in them."
                ),
            ),
            texts(
                lt=(
                    "Taikomi įrodymais grįsti metodai, parenkami pagal klientų poreikius; jų poveikis vertinamas, o "
                    "metodika atnaujinama atsižvelgiant į rezultatus ir naujas žinias."
                ),
                lv=(
                    "Tiek izmantotas uz pierādījumiem balstītas metodes, kas izvēlētas atbilstoši klientu vajadzībām; "
                    "to ietekme tiek izvērtēta, un metodiku atjauno, ņemot vērā rezultātus un jaunas zināšanas."
                ),
                en=(
                    "Evidence-based methods are chosen to fit clients' needs; their effect is evaluated, and the "
                    "methodology is updated in the light of results and new knowledge."
                ),
            ),
        ),
    ),
    _criterion(
        "K10",
        texts(lt="Profesionalumas", lv="Profesionalitāte", en="Professionalism"),
        texts(
            lt=(
                "Ar darbuotojai turi reikiamą kvalifikaciją, nuolat atnaujina žinias, gauna supervizijas ir laikosi "
                "profesinės etikos."
            ),
            lv=(
                "Vai darbiniekiem ir vajadzīgā kvalifikācija, vai viņi regulāri atjauno zināšanas, saņem supervīzijas "
                "un ievēro profesionālo ētiku."
            ),
            en=(
                "Whether staff have the required qualifications, keep their knowledge up to date, receive supervision "
                "and follow professional ethics."
            ),
        ),
        (
            texts(
                lt=(
                    "Dalis darbuotojų neturi reikiamo išsilavinimo, mokymų nėra, o sudėtingais atvejais darbuotojai "
                    "lieka be pagalbos."
                ),
                lv=(
                    "Daļai darbinieku nav vajadzīgās izglītības, apmācību nav, un sarežģītos gadījumos darbinieki "
                    "paliek bez atbalsta."
                ),
                en=(
                    "Some staff lack the required education, there is no training, and staff are left without support "
                    "in difficult cases."
                ),
            ),
            texts(
                lt=(
                    "Darbuotojai atitinka formalius kvalifikacijos reikalavimus, tačiau mokosi retai ir mokymus "
                    "renkasi atsitiktinai, ne pagal poreikį."
                ),
                lv=(
                    "Darbinieki atbilst formālajām kvalifikācijas prasībām, taču mācās reti, un apmācības izvēlas "
                    "nejauši, nevis pēc vajadzības."
                ),
                en=(
                    "Staff meet the formal qualification requirements, but train rarely and pick courses by chance "
                    "rather than by need."
                ),
            ),
            texts(
                lt=(
                    "Darbuotojai kasmet išklauso privalomą kvalifikacijos tobulinimo valandų skaičių, tačiau mokymų "
                    "plano nėra, o supervizija prieinama ne visiems."
                ),
                lv=(
                    "Darbinieki katru gadu apgūst obligāto profesionālās pilnveides stundu skaitu, taču apmācību plāna "
                    "nav, un supervīzija nav pieejama visiem."
                ),
                en=(
                    "Staff complete the required hours of further training every year, but there is no training plan "
                    "and supervision is not available to everyone."
                ),
            ),
            texts(
                lt=(
                    "Mokymai planuojami pagal kasmetiniuose veiklos vertinimo pokalbiuose nustatytus poreikius, visi "
                    "su klientais dirbantys darbuotojai reguliariai gauna superviziją, laikomasi etikos kodekso."
                ),
                lv=(
                    "Apmācības plāno atbilstoši ikgadējās novērtēšanas sarunās noteiktajām vajadzībām, visi ar "
                    "klientiem strādājošie darbinieki regulāri saņem supervīziju, un tiek ievērots ētikas kodekss."
                ),
                en=(
                    "Training is planned according to needs identified in annual reviews, all staff who work with "
                    "clients receive regular supervision, and a code of ethics is followed."
                ),
            ),
            texts(
                lt=(
                    "Darbuotojų tobulėjimas sistemingas: kompetencijos vertinamos, žiniomis dalijamasi komandoje, "
                    "naujiems darbuotojams skiriami mentoriai, o mokymų poveikis darbui su klientais vertinamas."
                ),
                lv=(
                    "Darbinieku attīstība ir sistemātiska: kompetences tiek novērtētas, darbinieki dalās zināšanās "
                    "komandā, jaunajiem darbiniekiem ir mentori, un tiek izvērtēta apmācību ietekme uz darbu ar "
                    "klientiem."
                ),
                en=(
                    "Staff development is systematic: competences are assessed, knowledge is shared within the team, "
                    "new staff have mentors, and the effect of training on work with clients is evaluated."
                ),
            ),
        ),
    ),
)

KULDIGA = FrameworkSpec(
    key="kuldiga",
    name=texts(
        lt="Kuldygos socialinių paslaugų kokybės kriterijai",
        lv="Kuldīgas sociālo pakalpojumu kvalitātes kritēriji",
        en="Kuldīga social service quality criteria",
    ),
    description=texts(
        lt=(
            "Dešimt socialinių paslaugų kokybės kriterijų, kuriuos 2010–2011 m. Kuldygos savivaldybėje parengė "
            "ekspertai, remdamiesi Švedijos patirtimi. Kiekvienas kriterijus vertinamas nuo 1 (žema kokybė) iki 5 "
            "(aukšta kokybė)."
        ),
        lv=(
            "Desmit sociālo pakalpojumu kvalitātes kritēriji, ko 2010.–2011. gadā Kuldīgas novadā izstrādāja eksperti, "
            "balstoties uz Zviedrijas pieredzi. Katru kritēriju vērtē no 1 (zema kvalitāte) līdz 5 (augsta kvalitāte)."
        ),
        en=(
            "Ten quality criteria for social services, developed by experts in Kuldīga municipality in 2010–2011 "
            "drawing on Swedish experience. Each criterion is scored from 1 (low quality) to 5 (high quality)."
        ),
    ),
    scoring=Scoring.LEVELS_1_5,
    scale=SCALE,
    nodes=CRITERIA,
    source=texts(
        lt=(
            "Kriterijai ir skalė – iš Kuldygos savivaldybės agentūros „Sociālais dienests“ projekto „Socialinių "
            "paslaugų kokybės gerinimas Kuldygos savivaldybėje“ (2010–2011 m., Europos socialinis fondas). Kriterijų "
            "ir lygių aprašymai parengti platformai „Kokybė“."
        ),
        lv=(
            "Kritēriji un skala – no Kuldīgas novada pašvaldības aģentūras „Sociālais dienests” projekta „Sociālo "
            "pakalpojumu kvalitātes uzlabošana Kuldīgas novadā” (2010–2011, Eiropas Sociālais fonds). Kritēriju un "
            "līmeņu apraksti sagatavoti platformai Kokybė."
        ),
        en=(
            "Criteria and scale from the project “Improving the quality of social services in Kuldīga municipality” of "
            "the Kuldīga municipal agency “Sociālais dienests” (2010–2011, European Social Fund). The descriptions of "
            "the criteria and levels were written for Kokybė."
        ),
    ),
)

SURVEY_DIMENSIONS: dict[str, str] = {
    "K1": "kuldiga.service_access",
    "K2": "kuldiga.client_information",
    "K3": "kuldiga.client_satisfaction",
    "K4": "kuldiga.environment_access",
    "K5": "kuldiga.confidentiality",
    "K6": "kuldiga.record_keeping",
    "K7": "kuldiga.document_flow",
    "K8": "kuldiga.cooperation",
    "K9": "kuldiga.methodology",
    "K10": "kuldiga.professionalism",
}
"""Each criterion's quality dimension in the surveys app (surveys.builtin), so a round can show the
survey results measured on the same criterion beside its score."""
