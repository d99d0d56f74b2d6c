"""Nonconformity demo data: two dozen per municipality over 2023–2026, in every state, through the services.

Eleven kinds of slip that social services really meet (a meal not delivered after a route change,
a broken lift, a missed evening dose, a late answer to a complaint...) are told in Lithuanian for
Klaipėda and in Latvian for Kuldīga, and happen in the institutions on a schedule: most were
analysed, corrected and closed after an effective check; some were reopened when the check found
the first action did not work; a few repeat an earlier one; the latest are still new, in analysis,
under way (one overdue, one due within days) or waiting for their check. Each step is taken on its
own date, so the event log reads like a real process. Idempotent: a nonconformity already there
(same institution, description and year) is left alone.
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cache

from django.utils import timezone

from kokybe.accounts.models import User
from kokybe.demo import data
from kokybe.nonconformities.models import CorrectiveAction, Nonconformity
from kokybe.nonconformities.services.actions import corrective_action_add, corrective_action_complete
from kokybe.nonconformities.services.analysis import nonconformity_analyse
from kokybe.nonconformities.services.closing import effectiveness_check_record
from kokybe.nonconformities.services.register import nonconformity_report
from kokybe.tenancy.models import Institution, Municipality
from kokybe.tenancy.permissions import Role


@dataclass(frozen=True)
class Scenario:
    process: str
    description: str
    correction: str
    whys: tuple[tuple[str, str], ...]
    categories: tuple[str, ...]
    root_cause: str
    action: str
    outcome: str
    evidence: str


LT = (
    Scenario(
        "Pagalba į namus",
        "Klientei dvi dienas nebuvo pristatyti pietūs: pasikeitus maršrutui, vairuotojas neturėjo naujo adreso.",
        "Pietūs pristatyti tą pačią dieną po kliento dukros skambučio; klientei atsiprašyta.",
        (
            ("Kodėl pietūs nepristatyti?", "Vairuotojas neturėjo naujo kliento adreso."),
            ("Kodėl neturėjo?", "Maršrutų sąrašas atnaujinamas ranka ir siunčiamas tik kartą per savaitę."),
            ("Kodėl ranka?", "Nėra nustatyta, kas ir kada tvirtina maršrutų pakeitimus."),
        ),
        ("methods", "information"),
        "Maršrutų pakeitimų tvirtinimui nėra atsakingo asmens ir termino.",
        "Paskirti atsakingą darbuotoją maršrutų pakeitimams tvirtinti tą pačią dieną ir informuoti vairuotojus raštu.",
        "Atsakinga paskirta koordinatorė; pakeitimai siunčiami vairuotojams SMS žinute tą pačią dieną.",
        "Per tris mėnesius nė vienas pietų pristatymas nepraleistas; peržiūrėti maršrutų žurnalai.",
    ),
    Scenario(
        "Dienos socialinė globa",
        "Klientas neįgaliojo vežimėlyje negalėjo patekti į užsiėmimų salę: sugedo keltuvas, niekas apie tai nepranešė.",
        "Užsiėmimas perkeltas į pirmo aukšto patalpą; iškviestas keltuvų meistras.",
        (
            ("Kodėl klientas nepateko į salę?", "Keltuvas neveikė."),
            ("Kodėl apie gedimą nepranešta?", "Darbuotojai nežinojo, kam pranešti apie įrangos gedimus."),
            ("Kodėl nežinojo?", "Įrangos priežiūros tvarka neaprašyta ir neperduota naujiems darbuotojams."),
        ),
        ("equipment", "management"),
        "Nėra įrangos gedimų registravimo ir pranešimo tvarkos.",
        "Parengti įrangos gedimų pranešimo tvarką ir kas mėnesį tikrinti keltuvą pagal patikros lapą.",
        "Tvarka patvirtinta direktoriaus įsakymu; patikros lapas pildomas kiekvieną mėnesį.",
        "Du keltuvo gedimai per pusmetį užregistruoti ir pašalinti per parą; klientų skundų nebuvo.",
    ),
    Scenario(
        "Vaistų dalijimas",
        "Gyventojui vakare nebuvo duoti vaistai: perduodant pamainą nepasakyta apie naują gydytojo paskyrimą.",
        "Gydytojo nurodymu vaistai duoti tą patį vakarą vėliau; stebėta gyventojo sveikata.",
        (
            ("Kodėl vaistai neduoti?", "Vakaro pamaina nežinojo apie naują paskyrimą."),
            ("Kodėl nežinojo?", "Pamainos perdavimas vyksta žodžiu, be užrašų."),
            ("Kodėl žodžiu?", "Nėra pamainos perdavimo formos, kurioje būtų skiltis paskyrimų pakeitimams."),
        ),
        ("people", "information"),
        "Pamainos perdavimas nedokumentuojamas, todėl pakeitimai pasimeta.",
        "Įvesti rašytinę pamainos perdavimo formą su skiltimi vaistų paskyrimų pakeitimams.",
        "Forma įvesta visuose skyriuose; slaugytojos pasirašo perdavusios ir perėmusios pamainą.",
        "Per ketvirtį patikrintos 90 pamainų perdavimo formų: visi pakeitimai perduoti, praleistų dozių nėra.",
    ),
    Scenario(
        "Prašymų nagrinėjimas",
        "Prašymas dėl socialinės paslaugos išnagrinėtas per 28 darbo dienas, nors nustatytas terminas – 20.",
        "Sprendimas priimtas ir klientui paskambinta; paaiškinta vėlavimo priežastis.",
        (
            ("Kodėl vėluota?", "Prašymas savaitę laukė, kol bus paskirtas vertintojas."),
            ("Kodėl laukė?", "Vertintojus skiria tik skyriaus vedėja, o ji buvo atostogose."),
            ("Kodėl niekas nepavadavo?", "Pavadavimas skiriant vertintojus nenumatytas."),
        ),
        ("methods", "management"),
        "Vertintojų skyrimas priklauso nuo vieno žmogaus, pavadavimas nenumatytas.",
        "Numatyti pavaduojantį asmenį ir stebėti prašymų terminus savaitinėje ataskaitoje.",
        "Pavaduojantis asmuo paskirtas; savaitinė terminų ataskaita siunčiama vedėjai ir pavaduotojui.",
        "Per pusmetį visi 146 prašymai išnagrinėti per 20 darbo dienų.",
    ),
    Scenario(
        "Asmens duomenų apsauga",
        "Socialinio darbuotojo kompiuteris paliktas neužrakintas su atverta kliento byla bendrame kabinete.",
        "Kompiuteris užrakintas; darbuotojui priminta tvarka.",
        (
            ("Kodėl kompiuteris liko neužrakintas?", "Darbuotojas skubiai išėjo pas klientą."),
            ("Kodėl jis neužsirakino automatiškai?", "Automatinis užrakinimas nustatytas tik po 30 minučių."),
            ("Kodėl taip ilgai?", "Kompiuterių nustatymai nebuvo peržiūrėti nuo įdiegimo."),
        ),
        ("people", "environment"),
        "Kompiuterių saugos nustatymai neatitinka duomenų apsaugos tvarkos.",
        "Nustatyti automatinį užrakinimą po 5 minučių visuose kompiuteriuose ir surengti trumpą mokymą.",
        "Nustatymai pakeisti 34 kompiuteriuose; mokyme dalyvavo visi darbuotojai.",
        "Patikrinimas be įspėjimo: visi 12 paliktų kompiuterių buvo užrakinti.",
    ),
    Scenario(
        "Transporto paslauga",
        "Klientas pavėlavo į hemodializės procedūrą: transportas atvyko 40 minučių vėliau.",
        "Procedūra perkelta vėlesniam laikui susitarus su ligonine.",
        (
            ("Kodėl transportas vėlavo?", "Tas pats automobilis buvo paskirtas dviem kelionėms vienu metu."),
            ("Kodėl paskirtas dviem?", "Kelionės registruojamos popieriniame žurnale ir sutapimas nepastebėtas."),
            ("Kodėl popieriniame?", "Nėra bendro kelionių kalendoriaus, matomo visiems dispečeriams."),
        ),
        ("methods", "equipment"),
        "Kelionių planavimas neleidžia pastebėti sutampančių užsakymų.",
        "Įvesti bendrą elektroninį kelionių kalendorių su automobilių užimtumu.",
        "Kalendorius naudojamas nuo mėnesio pradžios; dispečeriai apmokyti.",
        "Per tris mėnesius nė vienos sutampančios kelionės; vėlavimų į procedūras nebuvo.",
    ),
    Scenario(
        "Individualių planų peržiūra",
        "Trijų vaikų individualūs pagalbos planai nebuvo peržiūrėti per nustatytą šešių mėnesių terminą.",
        "Planai peržiūrėti per savaitę dalyvaujant vaikams ir globėjams.",
        (
            ("Kodėl planai neperžiūrėti?", "Atsakinga darbuotoja nežinojo, kad terminas artėja."),
            ("Kodėl nežinojo?", "Terminai sekami asmeniniame sąsiuvinyje."),
            ("Kodėl sąsiuvinyje?", "Įstaigoje nėra bendro planų peržiūros terminų sąrašo."),
        ),
        ("management", "information"),
        "Planų peržiūros terminai nesekami bendrai.",
        "Sudaryti bendrą planų peržiūros terminų sąrašą ir kas mėnesį jį aptarti komandos susirinkime.",
        "Sąrašas sudarytas; aptariamas kiekvieno mėnesio pirmą pirmadienį.",
        "Per pusmetį visi 41 planas peržiūrėti laiku.",
    ),
    Scenario(
        "Maitinimas",
        "Gyventojui, kuriam skirta diabetinė dieta, patiektas įprastas desertas.",
        "Desertas pakeistas; matuotas cukraus kiekis kraujyje, gyventojo būklė gera.",
        (
            ("Kodėl patiektas netinkamas desertas?", "Padavėja nežinojo apie dietą."),
            ("Kodėl nežinojo?", "Dietų sąrašas virtuvėje buvo pasenęs."),
            ("Kodėl pasenęs?", "Slaugytojos dietų pakeitimus praneša žodžiu, sąrašas atnaujinamas nereguliariai."),
        ),
        ("information", "people"),
        "Dietų sąrašas neatnaujinamas, kai keičiasi gyventojų dietos.",
        "Dietų pakeitimus registruoti raštu ir kasdien ryte atnaujinti virtuvės sąrašą.",
        "Dietų sąrašas atnaujinamas kasdien 8 val.; atsakinga vyresnioji slaugytoja.",
        "Per tris mėnesius patikrinta 60 maitinimų: visi atitiko paskirtas dietas.",
    ),
    Scenario(
        "Skundų nagrinėjimas",
        "Į kliento skundą atsakyta po 35 dienų, nors tvarka numato 20 darbo dienų.",
        "Klientui atsiųstas atsakymas ir atsiprašymas.",
        (
            ("Kodėl atsakyta pavėluotai?", "Skundas buvo perduotas keliems skyriams ir nė vienas jo neprisiėmė."),
            ("Kodėl neprisiėmė?", "Neaišku, kas atsako už skundą, susijusį su keliomis paslaugomis."),
            ("Kodėl neaišku?", "Skundų nagrinėjimo tvarkoje nenurodyta, kas skiria atsakingą asmenį."),
        ),
        ("methods", "management"),
        "Skundų tvarkoje nenumatytas atsakingo asmens skyrimas.",
        "Papildyti skundų tvarką: kokybės koordinatorė per dieną paskiria atsakingą asmenį ir seka terminą.",
        "Tvarka papildyta ir paskelbta; skundų registre atsirado atsakingo asmens ir termino skiltys.",
        "Per pusmetį į visus 18 skundų atsakyta laiku.",
    ),
    Scenario(
        "Darbuotojų įvadinis mokymas",
        "Du nauji darbuotojai pradėjo dirbti naktinėje pamainoje neišklausę priešgaisrinės saugos instruktažo.",
        "Instruktažas pravestas kitą dieną prieš pamainą.",
        (
            ("Kodėl instruktažas nepravestas?", "Nauji darbuotojai pradėjo dirbti savaitgalį."),
            ("Kodėl tai svarbu?", "Instruktažą veda tik ūkio dalies vedėjas darbo dienomis."),
            ("Kodėl tik jis?", "Įvadinio mokymo kontrolinio sąrašo nėra, pavaduojantys nenumatyti."),
        ),
        ("management", "people"),
        "Nėra įvadinio mokymo kontrolinio sąrašo, kurio reikia prieš pirmą pamainą.",
        "Parengti įvadinio mokymo kontrolinį sąrašą; be jo darbuotojas į pamainą neįrašomas.",
        "Sąrašas parengtas; personalo specialistė tikrina jį prieš sudarydama grafiką.",
        "Visi 7 per pusmetį priimti darbuotojai išklausė instruktažą prieš pirmą pamainą.",
    ),
    Scenario(
        "Higiena ir infekcijų kontrolė",
        "Dezinfekcinių priemonių dozatoriai dviejuose aukštuose buvo tušti ilgiau nei parą.",
        "Dozatoriai pripildyti; patikrinti visi aukštai.",
        (
            ("Kodėl dozatoriai buvo tušti?", "Niekas jų nepatikrino."),
            ("Kodėl nepatikrino?", "Valytojos manė, kad tai slaugytojų darbas, o slaugytojos – kad valytojų."),
            ("Kodėl taip manė?", "Pareigybių aprašymuose ši užduotis niekam nepriskirta."),
        ),
        ("equipment", "methods"),
        "Dozatorių pildymas niekam nepriskirtas.",
        "Priskirti dozatorių tikrinimą valytojoms ir įtraukti jį į kasdienį patikros lapą.",
        "Užduotis įrašyta į valytojų pareigybių aprašymus ir patikros lapą.",
        "Per du mėnesius atlikta 40 patikrų: tuščių dozatorių nerasta.",
    ),
)

LV = (
    Scenario(
        "Aprūpe mājās",
        "Klientei divas dienas netika piegādātas pusdienas: mainoties maršrutam, šoferim nebija jaunās adreses.",
        "Pusdienas piegādātas tajā pašā dienā pēc klientes meitas zvana; klientei atvainojāmies.",
        (
            ("Kāpēc pusdienas netika piegādātas?", "Šoferim nebija klientes jaunās adreses."),
            ("Kāpēc nebija?", "Maršrutu saraksts tiek atjaunots ar roku un izsūtīts reizi nedēļā."),
            ("Kāpēc ar roku?", "Nav noteikts, kas un kad apstiprina maršrutu izmaiņas."),
        ),
        ("methods", "information"),
        "Maršrutu izmaiņu apstiprināšanai nav atbildīgā un termiņa.",
        "Noteikt atbildīgo darbinieku, kas apstiprina maršrutu izmaiņas tajā pašā dienā un rakstiski informē šoferus.",
        "Atbildīgā ir koordinatore; izmaiņas šoferiem tiek sūtītas īsziņā tajā pašā dienā.",
        "Trīs mēnešos neviena pusdienu piegāde nav izlaista; pārskatīti maršrutu žurnāli.",
    ),
    Scenario(
        "Dienas aprūpe",
        "Klients ratiņkrēslā nevarēja iekļūt nodarbību telpā: pacēlājs bija bojāts, un par to neviens neziņoja.",
        "Nodarbība pārcelta uz pirmā stāva telpu; izsaukts pacēlāju meistars.",
        (
            ("Kāpēc klients neiekļuva telpā?", "Pacēlājs nedarbojās."),
            ("Kāpēc par bojājumu neziņoja?", "Darbinieki nezināja, kam ziņot par iekārtu bojājumiem."),
            ("Kāpēc nezināja?", "Iekārtu uzturēšanas kārtība nav aprakstīta un netiek nodota jaunajiem darbiniekiem."),
        ),
        ("equipment", "management"),
        "Nav kārtības, kā reģistrēt iekārtu bojājumus un par tiem ziņot.",
        "Izstrādāt kārtību ziņošanai par iekārtu bojājumiem un katru mēnesi pārbaudīt pacēlāju pēc pārbaudes lapas.",
        "Kārtība apstiprināta ar direktora rīkojumu; pārbaudes lapa tiek aizpildīta katru mēnesi.",
        "Pusgadā divi pacēlāja bojājumi reģistrēti un novērsti diennakts laikā; klientu sūdzību nav.",
    ),
    Scenario(
        "Medikamentu izdale",
        "Iemītniekam vakarā netika izsniegti medikamenti: maiņu nododot, nepateica par jaunu ārsta nozīmējumu.",
        "Pēc ārsta norādījuma medikamenti izsniegti vēlāk tajā pašā vakarā; novērota iemītnieka veselība.",
        (
            ("Kāpēc medikamenti netika izsniegti?", "Vakara maiņa nezināja par jauno nozīmējumu."),
            ("Kāpēc nezināja?", "Maiņa tiek nodota mutiski, bez pierakstiem."),
            ("Kāpēc mutiski?", "Nav maiņas nodošanas veidlapas ar sadaļu nozīmējumu izmaiņām."),
        ),
        ("people", "information"),
        "Maiņas nodošana netiek dokumentēta, tāpēc izmaiņas pazūd.",
        "Ieviest rakstisku maiņas nodošanas veidlapu ar sadaļu medikamentu nozīmējumu izmaiņām.",
        "Veidlapa ieviesta visās nodaļās; māsas paraksta maiņas nodošanu un pieņemšanu.",
        "Ceturksnī pārbaudītas 90 maiņu nodošanas veidlapas: visas izmaiņas nodotas, izlaistu devu nav.",
    ),
    Scenario(
        "Iesniegumu izskatīšana",
        "Iesniegums par sociālo pakalpojumu izskatīts 30 darbdienās, lai gan noteiktais termiņš ir mēnesis.",
        "Lēmums pieņemts un klientam piezvanīts; izskaidrots kavējuma iemesls.",
        (
            ("Kāpēc kavējās?", "Iesniegums nedēļu gaidīja, līdz tiks norīkots vērtētājs."),
            ("Kāpēc gaidīja?", "Vērtētājus norīko tikai nodaļas vadītāja, un viņa bija atvaļinājumā."),
            ("Kāpēc neviens neaizvietoja?", "Aizvietošana vērtētāju norīkošanā nav paredzēta."),
        ),
        ("methods", "management"),
        "Vērtētāju norīkošana ir atkarīga no viena cilvēka, aizvietošana nav paredzēta.",
        "Noteikt aizvietotāju un sekot iesniegumu termiņiem iknedēļas pārskatā.",
        "Aizvietotājs noteikts; iknedēļas termiņu pārskats tiek sūtīts vadītājai un aizvietotājam.",
        "Pusgadā visi 88 iesniegumi izskatīti termiņā.",
    ),
    Scenario(
        "Personas datu aizsardzība",
        "Sociālā darbinieka dators atstāts neaizslēgts ar atvērtu klienta lietu koplietošanas kabinetā.",
        "Dators aizslēgts; darbiniekam atgādināta kārtība.",
        (
            ("Kāpēc dators palika neaizslēgts?", "Darbinieks steidzīgi izgāja pie klienta."),
            ("Kāpēc tas neaizslēdzās automātiski?", "Automātiskā bloķēšana bija iestatīta tikai pēc 30 minūtēm."),
            ("Kāpēc tik ilgi?", "Datoru iestatījumi nav pārskatīti kopš uzstādīšanas."),
        ),
        ("people", "environment"),
        "Datoru drošības iestatījumi neatbilst datu aizsardzības kārtībai.",
        "Iestatīt automātisku bloķēšanu pēc 5 minūtēm visos datoros un noturēt īsu apmācību.",
        "Iestatījumi mainīti 21 datorā; apmācībā piedalījās visi darbinieki.",
        "Pārbaude bez brīdinājuma: visi 9 atstātie datori bija aizslēgti.",
    ),
    Scenario(
        "Transporta pakalpojums",
        "Klients nokavēja hemodialīzes procedūru: transports ieradās 40 minūtes vēlāk.",
        "Procedūra pārcelta uz vēlāku laiku, vienojoties ar slimnīcu.",
        (
            ("Kāpēc transports kavējās?", "Viena un tā pati automašīna bija norīkota diviem braucieniem vienlaikus."),
            ("Kāpēc diviem?", "Braucieni tiek reģistrēti papīra žurnālā, un pārklāšanās netika pamanīta."),
            ("Kāpēc papīra žurnālā?", "Nav kopīga braucienu kalendāra, ko redz visi dispečeri."),
        ),
        ("methods", "equipment"),
        "Braucienu plānošana neļauj pamanīt pārklājošos pasūtījumus.",
        "Ieviest kopīgu elektronisku braucienu kalendāru ar automašīnu noslodzi.",
        "Kalendārs tiek lietots no mēneša sākuma; dispečeri apmācīti.",
        "Trīs mēnešos neviena pārklājoša brauciena; kavējumu uz procedūrām nav.",
    ),
    Scenario(
        "Individuālo plānu pārskatīšana",
        "Trīs bērnu individuālie atbalsta plāni netika pārskatīti noteiktajā sešu mēnešu termiņā.",
        "Plāni pārskatīti nedēļas laikā, piedaloties bērniem un aizbildņiem.",
        (
            ("Kāpēc plāni netika pārskatīti?", "Atbildīgā darbiniece nezināja, ka tuvojas termiņš."),
            ("Kāpēc nezināja?", "Termiņi tiek uzskaitīti personīgā burtnīcā."),
            ("Kāpēc burtnīcā?", "Iestādē nav kopīga plānu pārskatīšanas termiņu saraksta."),
        ),
        ("management", "information"),
        "Plānu pārskatīšanas termiņiem neseko kopīgi.",
        "Izveidot kopīgu plānu pārskatīšanas termiņu sarakstu un katru mēnesi to pārrunāt komandas sanāksmē.",
        "Saraksts izveidots; to pārrunā katra mēneša pirmajā pirmdienā.",
        "Pusgadā visi 27 plāni pārskatīti laikā.",
    ),
    Scenario(
        "Ēdināšana",
        "Iemītniekam ar diabēta diētu pasniegts parastais deserts.",
        "Deserts nomainīts; izmērīts cukura līmenis asinīs, iemītnieka stāvoklis labs.",
        (
            ("Kāpēc pasniegts nepiemērots deserts?", "Viesmīle nezināja par diētu."),
            ("Kāpēc nezināja?", "Diētu saraksts virtuvē bija novecojis."),
            ("Kāpēc novecojis?", "Māsas diētu izmaiņas paziņo mutiski, saraksts tiek atjaunots neregulāri."),
        ),
        ("information", "people"),
        "Diētu saraksts netiek atjaunots, mainoties iemītnieku diētām.",
        "Diētu izmaiņas reģistrēt rakstiski un katru rītu atjaunot virtuves sarakstu.",
        "Diētu saraksts tiek atjaunots katru dienu plkst. 8; atbildīgā ir vecākā māsa.",
        "Trīs mēnešos pārbaudītas 60 ēdienreizes: visas atbilda nozīmētajām diētām.",
    ),
    Scenario(
        "Sūdzību izskatīšana",
        "Uz klienta sūdzību atbildēts pēc 35 dienām, lai gan kārtība paredz mēnesi.",
        "Klientam nosūtīta atbilde un atvainošanās.",
        (
            ("Kāpēc atbildēja novēloti?", "Sūdzība tika pārsūtīta vairākām nodaļām, un neviena to neuzņēmās."),
            ("Kāpēc neuzņēmās?", "Nav skaidrs, kurš atbild par sūdzību, kas skar vairākus pakalpojumus."),
            ("Kāpēc nav skaidrs?", "Sūdzību kārtībā nav noteikts, kurš norīko atbildīgo."),
        ),
        ("methods", "management"),
        "Sūdzību kārtībā nav paredzēta atbildīgā norīkošana.",
        "Papildināt sūdzību kārtību: kvalitātes vadītājs dienas laikā norīko atbildīgo un seko termiņam.",
        "Kārtība papildināta un publicēta; sūdzību reģistrā ir atbildīgā un termiņa ailes.",
        "Pusgadā uz visām 11 sūdzībām atbildēts laikā.",
    ),
    Scenario(
        "Jauno darbinieku ievadapmācība",
        "Divi jauni darbinieki sāka strādāt nakts maiņā bez ugunsdrošības instruktāžas.",
        "Instruktāža novadīta nākamajā dienā pirms maiņas.",
        (
            ("Kāpēc instruktāža netika novadīta?", "Jaunie darbinieki sāka strādāt nedēļas nogalē."),
            ("Kāpēc tas ir svarīgi?", "Instruktāžu vada tikai saimniecības vadītājs darba dienās."),
            ("Kāpēc tikai viņš?", "Nav ievadapmācības kontrolsaraksta, aizvietotāji nav paredzēti."),
        ),
        ("management", "people"),
        "Nav ievadapmācības kontrolsaraksta, kas jāizpilda pirms pirmās maiņas.",
        "Izstrādāt ievadapmācības kontrolsarakstu; bez tā darbinieku neieplāno maiņā.",
        "Kontrolsaraksts izstrādāts; personāla speciāliste to pārbauda pirms grafika sastādīšanas.",
        "Visi 5 pusgadā pieņemtie darbinieki saņēma instruktāžu pirms pirmās maiņas.",
    ),
    Scenario(
        "Higiēna un infekciju kontrole",
        "Dezinfekcijas līdzekļu dozatori divos stāvos bija tukši ilgāk par diennakti.",
        "Dozatori uzpildīti; pārbaudīti visi stāvi.",
        (
            ("Kāpēc dozatori bija tukši?", "Neviens tos nepārbaudīja."),
            ("Kāpēc nepārbaudīja?", "Apkopējas domāja, ka tas ir māsu darbs, bet māsas – ka apkopēju."),
            ("Kāpēc tā domāja?", "Amatu aprakstos šis uzdevums nevienam nav noteikts."),
        ),
        ("equipment", "methods"),
        "Dozatoru uzpildīšana nevienam nav uzdota.",
        "Uzdot dozatoru pārbaudi apkopējām un iekļaut to ikdienas pārbaudes lapā.",
        "Uzdevums ierakstīts apkopēju amatu aprakstos un pārbaudes lapā.",
        "Divos mēnešos veiktas 40 pārbaudes: tukši dozatori nav atrasti.",
    ),
)

# What a second look adds after a check found the first action did not work.
REOPENED = {
    "lt": (
        ("Kodėl pirmoji priemonė nepadėjo?", "Ji pakeitė vieno žmogaus darbą, o ne tvarką, kurios laikosi visi."),
        "Tvarką įtraukti į pareigybių aprašymus ir aptarti visų pamainų susirinkime.",
        "Pareigybių aprašymai papildyti; tvarka aptarta su visomis pamainomis.",
        "Per patikrinimo laikotarpį tas pats atvejis pasikartojo du kartus.",
        "Skyriaus vedėja, du socialiniai darbuotojai, kokybės koordinatorė",
    ),
    "lv": (
        ("Kāpēc pirmais pasākums nepalīdzēja?", "Tas mainīja viena cilvēka darbu, nevis kārtību, ko ievēro visi."),
        "Kārtību iekļaut amatu aprakstos un pārrunāt visu maiņu sanāksmē.",
        "Amatu apraksti papildināti; kārtība pārrunāta ar visām maiņām.",
        "Pārbaudes periodā tas pats gadījums atkārtojās divreiz.",
        "Nodaļas vadītāja, divi sociālie darbinieki, kvalitātes vadītājs",
    ),
}

# Where each schedule slot happens: an index into these (taken modulo their number).
INSTITUTION_ORDER = {
    "klaipeda": ("dane", "globos-namai", "spc", "lakstute", "sveikata", "rytas", "nakvynes-namai", "sps"),
    "kuldiga": ("socialais-dienests", "aprupes-centrs", "gimenes-centrs", "dienas-centrs"),
}
# People of the demo accounts who own actions in their institutions, so their home pages show them.
OWNERS = {
    "dane": "socialinis@klaipeda.example",
    "globos-namai": "darbuotojas@klaipeda.example",
    "socialais-dienests": "socialais@kuldiga.example",
}
SOURCE_REFS = {
    "lt": {
        "complaint": "Skundas Nr. S-{year}-{n:03d}",
        "audit": "Vidaus audito ataskaita {year}-{n}",
        "self_assessment": "Įsivertinimas {year}",
        "survey": "Klientų apklausa {year}",
    },
    "lv": {
        "complaint": "Sūdzība Nr. S-{year}/{n}",
        "audit": "Iekšējā audita ziņojums {year}/{n}",
        "self_assessment": "Pašnovērtējums {year}",
        "survey": "Klientu aptauja {year}",
    },
}


@dataclass(frozen=True)
class Slot:
    scenario: int
    institution: int
    found_on: date
    source: str
    severity: str
    stage: str
    repeat_of: int | None = None  # the index of an earlier slot this one repeats


SCHEDULE = (
    Slot(0, 0, date(2023, 2, 14), "staff_observation", "major", "closed"),
    Slot(1, 1, date(2023, 4, 3), "complaint", "major", "closed"),
    Slot(2, 2, date(2023, 6, 19), "audit", "critical", "closed"),
    Slot(3, 3, date(2023, 9, 7), "self_assessment", "minor", "closed"),
    Slot(4, 0, date(2023, 11, 22), "audit", "major", "reopened_closed"),
    Slot(5, 4, date(2024, 1, 16), "complaint", "major", "closed"),
    Slot(0, 0, date(2024, 3, 5), "complaint", "major", "closed", repeat_of=0),
    Slot(6, 5, date(2024, 4, 22), "survey", "minor", "closed"),
    Slot(7, 6, date(2024, 6, 10), "audit", "major", "closed"),
    Slot(8, 2, date(2024, 8, 28), "staff_observation", "critical", "closed"),
    Slot(9, 7, date(2024, 10, 15), "complaint", "minor", "reopened_closed"),
    Slot(10, 1, date(2024, 12, 3), "self_assessment", "major", "closed"),
    Slot(2, 2, date(2025, 2, 11), "staff_observation", "critical", "closed", repeat_of=2),
    Slot(8, 2, date(2025, 3, 20), "complaint", "major", "closed", repeat_of=9),
    Slot(3, 3, date(2025, 5, 6), "survey", "minor", "closed"),
    Slot(5, 4, date(2025, 6, 24), "audit", "major", "reopened_analysis"),
    Slot(1, 0, date(2025, 9, 2), "self_assessment", "major", "check"),
    Slot(4, 0, date(2025, 11, 18), "staff_observation", "minor", "reopened_action", repeat_of=4),
    Slot(6, 5, date(2026, 3, 9), "complaint", "major", "check"),
    Slot(7, 6, date(2026, 6, 15), "audit", "major", "overdue"),
    Slot(9, 1, date(2026, 8, 25), "survey", "minor", "due_soon"),
    Slot(10, 7, date(2026, 10, 12), "staff_observation", "major", "analysis"),
    Slot(0, 0, date(2026, 11, 3), "complaint", "major", "new"),
    Slot(2, 2, date(2026, 11, 20), "staff_observation", "critical", "new"),
)
# How long ago, at least, a slot must have been found for its steps to have happened by today.
MIN_AGE = {
    "closed": 150,
    "reopened_closed": 170,
    "reopened_analysis": 80,
    "reopened_action": 80,
    "check": 60,
    "overdue": 50,
    "due_soon": 20,
    "analysis": 10,
    "new": 2,
}


def nonconformities_load() -> None:
    """Add the demo nonconformities each municipality lacks (the caller disables scopes)."""
    today = timezone.localdate()
    _user.cache_clear()  # users of an earlier load may be gone (tests roll back)
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        institutions = {i.name: i for i in Institution.objects.filter(municipality=municipality)}
        by_key = {i.key: institutions[i.name] for i in spec.institutions}
        scenarios = LT if spec.language == "lt" else LV
        made: dict[int, Nonconformity] = {}
        for index, slot in enumerate(SCHEDULE):
            key = INSTITUTION_ORDER[spec.slug][slot.institution % len(INSTITUTION_ORDER[spec.slug])]
            made[index] = _slot_load(
                municipality, spec, by_key[key], key, scenarios[slot.scenario], slot, index, made, today
            )


@cache
def _user(email: str) -> User:
    return User.objects.get(email=email)


def _manager(spec: data.MunicipalitySpec, key: str) -> User:
    """The institution's quality coordinator among the demo accounts, else the municipal coordinator."""
    for account in data.ACCOUNTS:
        if (
            account.municipality == spec.slug
            and account.role == Role.QUALITY_COORDINATOR
            and account.institution == key
        ):
            return _user(account.email)
    return _user(
        next(a.email for a in data.ACCOUNTS if a.municipality == spec.slug and a.role == Role.MUNICIPAL_COORDINATOR)
    )


def _at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(10)))


def _slot_load(
    municipality: Municipality,
    spec: data.MunicipalitySpec,
    institution: Institution,
    key: str,
    scenario: Scenario,
    slot: Slot,
    index: int,
    made: dict[int, Nonconformity],
    today: date,
) -> Nonconformity:
    found_on = min(slot.found_on, today - timedelta(days=MIN_AGE[slot.stage]))
    existing = Nonconformity.objects.filter(
        municipality=municipality, institution=institution, description=scenario.description, year=found_on.year
    ).first()
    if existing is not None:
        return existing
    manager = _manager(spec, key)
    owner = _user(OWNERS.get(key, f"{key}.2@{spec.slug}.example"))
    reporter = _user(f"{key}.1@{spec.slug}.example")
    template = SOURCE_REFS[spec.language].get(slot.source, "")
    nc = nonconformity_report(
        actor=reporter if slot.source == "staff_observation" else manager,
        municipality=municipality,
        institution=institution,
        source=slot.source,
        source_ref=template.format(year=found_on.year, n=3 + index % 9),
        found_on=found_on,
        process=scenario.process,
        severity=slot.severity,
        description=scenario.description,
        immediate_correction=scenario.correction,
        at=_at(found_on),
    )
    if slot.stage == "new":
        return nc
    reopened_why, reopened_action, reopened_outcome, failed_evidence, members = REOPENED[spec.language]
    nc = _analyse(nc, manager, scenario.whys, scenario, members, found_on + timedelta(days=3 + index % 5), made, slot)
    if slot.stage == "analysis":
        return nc
    shift = index % 4
    due_on = found_on + timedelta(days=30 + shift * 10)
    if slot.stage == "due_soon":
        due_on = max(due_on, today + timedelta(days=9))
    action = corrective_action_add(
        actor=manager,
        nonconformity=nc,
        description=scenario.action,
        owner=owner,
        due_on=due_on,
        at=_at(found_on + timedelta(days=8)),
    )
    if slot.stage in {"overdue", "due_soon"}:
        return nc
    _complete(action, manager, scenario.outcome, found_on + timedelta(days=20 + index % 10))
    if slot.stage == "check":
        return nc
    checker = _user(
        next(a.email for a in data.ACCOUNTS if a.municipality == spec.slug and a.role == Role.MUNICIPAL_COORDINATOR)
    )
    if slot.stage == "closed":
        _check(nc, manager, checker, scenario.evidence, found_on + timedelta(days=60 + shift * 15), effective=True)
        return nc
    # Reopened: the first check found the action did not work; a second look, a second action.
    nc = _check(nc, manager, checker, failed_evidence, found_on + timedelta(days=60), effective=False)
    nc = _analyse(
        nc, manager, (*scenario.whys, reopened_why), scenario, members, found_on + timedelta(days=65), made, slot
    )
    if slot.stage == "reopened_analysis":
        return nc
    second = corrective_action_add(
        actor=manager,
        nonconformity=nc,
        description=reopened_action,
        owner=owner,
        due_on=found_on + timedelta(days=100),
        at=_at(found_on + timedelta(days=66)),
    )
    if slot.stage == "reopened_action":
        return nc
    _complete(second, manager, reopened_outcome, found_on + timedelta(days=95))
    _check(nc, manager, checker, scenario.evidence, found_on + timedelta(days=140), effective=True)
    return nc


def _analyse(
    nc: Nonconformity,
    manager: User,
    whys: tuple[tuple[str, str], ...],
    scenario: Scenario,
    members: str,
    on: date,
    made: dict[int, Nonconformity],
    slot: Slot,
) -> Nonconformity:
    return nonconformity_analyse(
        actor=manager,
        nonconformity=nc,
        lock_version=nc.lock_version,
        whys=list(whys),
        categories=list(scenario.categories),
        root_cause=scenario.root_cause,
        members=members,
        analysed_on=on,
        recurrence_of=made.get(slot.repeat_of) if slot.repeat_of is not None else None,
        at=_at(on),
    )


def _complete(action: CorrectiveAction, manager: User, outcome: str, on: date) -> None:
    corrective_action_complete(
        actor=manager, action=action, lock_version=action.lock_version, outcome=outcome, done_on=on, at=_at(on)
    )


def _check(
    nc: Nonconformity, manager: User, checker: User, evidence: str, on: date, *, effective: bool
) -> Nonconformity:
    """Record the check; returns the nonconformity as the check left it (its new lock version)."""
    check = effectiveness_check_record(
        actor=manager,
        nonconformity=nc,
        lock_version=nc.lock_version,
        checked_by=checker,
        checked_on=on,
        evidence=evidence,
        effective=effective,
        at=_at(on),
    )
    return check.nonconformity
