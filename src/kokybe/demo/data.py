"""The demo municipalities, institutions, units and accounts (seed 000: Klaipėda; seed 004: Kuldīga)."""

from dataclasses import dataclass

from kokybe.tenancy.models import InstitutionKind as K
from kokybe.tenancy.permissions import Role

DEMO_PASSWORD = "Kokybe-demo-2026"


@dataclass(frozen=True)
class InstitutionSpec:
    key: str
    name: str
    kind: str
    names: dict[str, str]
    units: tuple[str, ...]


@dataclass(frozen=True)
class MunicipalitySpec:
    slug: str
    name: str
    country: str
    language: str
    names: dict[str, str]
    institutions: tuple[InstitutionSpec, ...]


@dataclass(frozen=True)
class AccountSpec:
    email: str
    first_name: str
    last_name: str
    municipality: str
    role: Role
    institution: str | None  # an InstitutionSpec key; None for the whole municipality
    language: str


KLAIPEDA = MunicipalitySpec(
    slug="klaipeda",
    name="Klaipėdos miesto savivaldybė",
    country="LT",
    language="lt",
    names={"name_lv": "Klaipēdas pilsētas pašvaldība", "name_en": "Klaipėda City Municipality"},
    institutions=(
        InstitutionSpec(
            "sps",
            "Klaipėdos miesto savivaldybės administracijos Socialinės paramos skyrius",
            K.SOCIAL_SUPPORT_DEPARTMENT,
            {"name_lv": "Sociālā atbalsta nodaļa", "name_en": "Social Support Department"},
            ("Socialinių išmokų poskyris", "Socialinių paslaugų poskyris", "Klientų aptarnavimo grupė"),
        ),
        InstitutionSpec(
            "spc",
            "BĮ Klaipėdos miesto socialinės paramos centras",
            K.SOCIAL_SERVICES_CENTRE,
            {"name_lv": "Klaipēdas pilsētas Sociālā atbalsta centrs", "name_en": "Klaipėda City Social Support Centre"},
            ("Pagalbos į namus skyrius", "Socialinio darbo su šeimomis skyrius", "Transporto paslaugų grupė"),
        ),
        InstitutionSpec(
            "lakstute",
            "BĮ neįgaliųjų centras „Klaipėdos lakštutė“",
            K.DISABILITY_DAY_CENTRE,
            {
                "name_lv": "Cilvēku ar invaliditāti centrs „Klaipėdos lakštutė“",
                "name_en": "Centre for People with Disabilities “Klaipėdos lakštutė”",
            },
            ("Dienos socialinės globos skyrius", "Užimtumo ir dirbtuvių skyrius"),
        ),
        InstitutionSpec(
            "sveikata",
            "BĮ Klaipėdos miesto šeimos ir vaiko gerovės centras",
            K.FAMILY_CENTRE,
            {
                "name_lv": "Klaipēdas pilsētas Ģimenes un bērnu labklājības centrs",
                "name_en": "Klaipėda City Family and Child Welfare Centre",
            },
            ("Globos centras", "Šeimų konsultavimo skyrius", "Vaikų dienos centras"),
        ),
        InstitutionSpec(
            "dane",
            "BĮ Klaipėdos socialinių paslaugų centras „Danė“",
            K.SOCIAL_SERVICES_CENTRE,
            {
                "name_lv": "Klaipēdas sociālo pakalpojumu centrs „Danė“",
                "name_en": "Klaipėda Social Services Centre “Danė”",
            },
            (
                "Pagalbos į namus padalinys",
                "Dienos socialinės globos padalinys",
                "Apgyvendinimo savarankiško gyvenimo namuose padalinys",
            ),
        ),
        InstitutionSpec(
            "globos-namai",
            "BĮ Klaipėdos miesto globos namai",
            K.CARE_HOME,
            {"name_lv": "Klaipēdas pilsētas aprūpes nams", "name_en": "Klaipėda City Care Home"},
            ("Ilgalaikės socialinės globos skyrius", "Trumpalaikės socialinės globos skyrius", "Slaugos skyrius"),
        ),
        InstitutionSpec(
            "rytas",
            "BĮ Klaipėdos vaikų globos namai „Rytas“",
            K.CHILD_CARE_HOME,
            {"name_lv": "Klaipēdas bērnu aprūpes nams „Rytas“", "name_en": "Klaipėda Children's Care Home “Rytas”"},
            ("Bendruomeniniai vaikų globos namai", "Jaunimo savarankiško gyvenimo namai"),
        ),
        InstitutionSpec(
            "nakvynes-namai",
            "BĮ Klaipėdos miesto nakvynės namai",
            K.NIGHT_SHELTER,
            {"name_lv": "Klaipēdas pilsētas naktspatversme", "name_en": "Klaipėda City Night Shelter"},
            ("Nakvynės skyrius", "Krizių centras"),
        ),
    ),
)

KULDIGA = MunicipalitySpec(
    slug="kuldiga",
    name="Kuldīgas novada pašvaldība",
    country="LV",
    language="lv",
    names={"name_lt": "Kuldygos savivaldybė", "name_en": "Kuldīga Municipality"},
    institutions=(
        InstitutionSpec(
            "socialais-dienests",
            "Kuldīgas novada pašvaldības aģentūra „Sociālais dienests“",
            K.SOCIAL_SUPPORT_DEPARTMENT,
            {"name_lt": "Socialinė tarnyba", "name_en": "Social Service Agency"},
            ("Sociālās palīdzības nodaļa", "Sociālo pakalpojumu nodaļa", "Bāriņtiesas sadarbības grupa"),
        ),
        InstitutionSpec(
            "aprupes-centrs",
            "Kuldīgas novada Sociālās aprūpes centrs",
            K.CARE_HOME,
            {"name_lt": "Socialinės globos centras", "name_en": "Social Care Centre"},
            ("Ilgstošās aprūpes nodaļa", "Īslaicīgās aprūpes nodaļa"),
        ),
        InstitutionSpec(
            "gimenes-centrs",
            "Kuldīgas novada Ģimenes atbalsta centrs",
            K.FAMILY_CENTRE,
            {"name_lt": "Šeimos paramos centras", "name_en": "Family Support Centre"},
            ("Ģimeņu konsultāciju nodaļa", "Bērnu dienas centrs"),
        ),
        InstitutionSpec(
            "dienas-centrs",
            "Dienas aprūpes centrs personām ar invaliditāti „Saulstari“",
            K.DISABILITY_DAY_CENTRE,
            {
                "name_lt": "Dienos centras žmonėms su negalia „Saulstari“",
                "name_en": "Day Centre for People with Disabilities “Saulstari”",
            },
            ("Dienas aprūpes grupa", "Darbnīcas"),
        ),
    ),
)

MUNICIPALITIES = (KLAIPEDA, KULDIGA)

ACCOUNTS = (
    AccountSpec(
        "koordinatorius@klaipeda.example", "Rūta", "Jonaitienė", "klaipeda", Role.MUNICIPAL_COORDINATOR, None, "lt"
    ),
    AccountSpec("direktorius@klaipeda.example", "Tomas", "Petrauskas", "klaipeda", Role.DIRECTOR, "dane", "lt"),
    AccountSpec("kokybe@klaipeda.example", "Asta", "Kazlauskienė", "klaipeda", Role.QUALITY_COORDINATOR, "dane", "lt"),
    AccountSpec("socialinis@klaipeda.example", "Inga", "Žemaitienė", "klaipeda", Role.SOCIAL_WORKER, "dane", "lt"),
    AccountSpec("konsultantas@klaipeda.example", "Marius", "Stankus", "klaipeda", Role.CONSULTANT, "sps", "lt"),
    AccountSpec(
        "darbuotojas@klaipeda.example", "Laura", "Vaitkutė", "klaipeda", Role.STAFF_MEMBER, "globos-namai", "lt"
    ),
    AccountSpec("auditorius@klaipeda.example", "Jonas", "Balčiūnas", "klaipeda", Role.AUDITOR, None, "lt"),
    AccountSpec("auditorius@klaipeda.example", "Jonas", "Balčiūnas", "kuldiga", Role.AUDITOR, None, "lt"),
    AccountSpec("koordinators@kuldiga.example", "Ilze", "Bērziņa", "kuldiga", Role.MUNICIPAL_COORDINATOR, None, "lv"),
    AccountSpec(
        "kvalitate@kuldiga.example",
        "Andris",
        "Kalniņš",
        "kuldiga",
        Role.QUALITY_COORDINATOR,
        "socialais-dienests",
        "lv",
    ),
    AccountSpec(
        "socialais@kuldiga.example", "Līga", "Ozola", "kuldiga", Role.SOCIAL_WORKER, "socialais-dienests", "lv"
    ),
)

# Colleagues who fill the staff lists; they cannot sign in (no password).
COLLEAGUE_NAMES = {
    "lt": [
        ("Rasa", "Paulauskienė"),
        ("Darius", "Urbonas"),
        ("Jurgita", "Navickienė"),
        ("Vytautas", "Kavaliauskas"),
        ("Eglė", "Rimkutė"),
        ("Mindaugas", "Šimkus"),
        ("Kristina", "Butkienė"),
        ("Andrius", "Lukošius"),
        ("Vilma", "Ramanauskienė"),
        ("Saulius", "Mockus"),
        ("Daiva", "Žukauskienė"),
        ("Giedrius", "Adomaitis"),
        ("Aušra", "Jankauskienė"),
        ("Paulius", "Stonkus"),
        ("Neringa", "Vasiliauskienė"),
        ("Audrius", "Gudaitis"),
    ],
    "lv": [
        ("Dace", "Liepiņa"),
        ("Jānis", "Krūmiņš"),
        ("Inese", "Ozoliņa"),
        ("Mārtiņš", "Vītols"),
        ("Sandra", "Kļaviņa"),
        ("Edgars", "Zariņš"),
        ("Laura", "Jansone"),
        ("Raivis", "Eglītis"),
    ],
}
COLLEAGUE_ROLES = (Role.SOCIAL_WORKER, Role.STAFF_MEMBER)
