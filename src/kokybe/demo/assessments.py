"""Self-assessment demo data: three years of Kuldīga rounds in every institution, a CAF round, and
an open round to try the assessor's journey.

Everything goes through the assessment services (install, open, score, agree, approve), so the
audit trail and the comparisons look as after real rounds. Idempotent: a round that exists
(framework, institution, year) is left alone.

The story follows Kuldīga's finding: the accessible physical environment (K4), methodology (K9)
and professionalism (K10) are the lowest criteria. K4 starts low everywhere and rises after the
improvement actions planned in 2023 and 2024; one institution in each municipality improves
overall year by year, one slips. Assessors score near the agreed value, sometimes a level apart,
and now and then two levels apart, which the coordinator resolves with a reason.
"""

import random
from datetime import date
from decimal import Decimal

from django.db import transaction
from django.urls import reverse

from kokybe.accounts.models import User
from kokybe.assessments.models import CriterionResult, Framework, Round, Score, Scoring, Sheet
from kokybe.assessments.scoring import PDCA, spread_of
from kokybe.assessments.selectors import spreads_of
from kokybe.assessments.services import rounds
from kokybe.assessments.services.builtin import frameworks_install_builtin
from kokybe.demo import data
from kokybe.surveys.models import Survey
from kokybe.tenancy.models import Institution, Membership, Municipality
from kokybe.tenancy.permissions import Role

YEARS = (2023, 2024, 2025)
OPEN_YEAR = 2026

# Level of each institution in 2023 and its change per year (on 1-5, before the criterion's shift).
PROFILES = {
    "sps": (3.6, 0.0),
    "spc": (3.9, -0.3),  # slipping: fewer home helpers for more clients
    "lakstute": (3.8, 0.05),
    "sveikata": (3.5, 0.05),
    "dane": (3.1, 0.35),  # improving: the quality coordinator's action plans at work
    "globos-namai": (3.7, 0.0),
    "rytas": (3.4, 0.1),
    "nakvynes-namai": (3.2, 0.0),
    "socialais-dienests": (3.5, 0.05),
    "aprupes-centrs": (3.9, -0.3),  # slipping
    "gimenes-centrs": (3.4, 0.0),
    "dienas-centrs": (3.0, 0.35),  # improving
}
# How each criterion sits against the institution's level (Kuldīga: K4, K9, K10 lowest).
SHIFTS = {
    "K1": 0.4,
    "K2": 0.2,
    "K3": 0.5,
    "K4": -1.3,
    "K5": 0.3,
    "K6": 0.0,
    "K7": -0.2,
    "K8": 0.1,
    "K9": -0.7,
    "K10": -0.6,
}
# K4 after the actions planned from it: the ramps and the accessible toilets came in 2024 and 2025.
K4_RISE = {2023: 0.0, 2024: 0.5, 2025: 1.1}

EVIDENCE = {
    "lt": {
        "K1": "Paslaugų gavimo tvarka paskelbta; laukimo eilės registre {year} m. vidutiniškai 9 dienos.",
        "K2": "Informaciniai lapeliai atnaujinti; apklausoje informacijos pakankamumas įvertintas vidutiniškai.",
        "K3": "Metinė klientų apklausa: dauguma klientų patenkinti paslaugomis.",
        "K4": "Įėjimas be pandusų antrame korpuse, neįgaliesiems pritaikytas tualetas tik pirmame aukšte.",
        "K5": "Pokalbiai vyksta atskirame kabinete; darbuotojai pasirašė konfidencialumo pasižadėjimus.",
        "K6": "Bylos laikomos rakinamose spintose; elektroninė sistema su prieigos teisėmis.",
        "K7": "Dokumentų valdymo tvarka aprašyta, tačiau vidinė informacija kartais vėluoja.",
        "K8": "Bendradarbiavimo sutartys su poliklinika ir mokyklomis; bendri atvejų aptarimai kas ketvirtį.",
        "K9": "Metodinės rekomendacijos taikomos nevienodai; trūksta aprašytų darbo su atveju metodų.",
        "K10": "Ne visi darbuotojai išklausė privalomus mokymus; supervizijos nereguliarios.",
    },
    "lv": {
        "K1": "Pakalpojumu saņemšanas kārtība publicēta; gaidīšanas rindā {year}. gadā vidēji 9 dienas.",
        "K2": "Informatīvie materiāli atjaunoti; klientu aptaujā informācijas pietiekamība novērtēta vidēji.",
        "K3": "Ikgadējā klientu aptauja: lielākā daļa klientu ir apmierināti ar pakalpojumiem.",
        "K4": "Otrajā korpusā nav uzbrauktuves, pielāgota tualete tikai pirmajā stāvā.",
        "K5": "Sarunas notiek atsevišķā kabinetā; darbinieki parakstījuši konfidencialitātes apliecinājumus.",
        "K6": "Lietas glabājas slēdzamos skapjos; elektroniskā sistēma ar piekļuves tiesībām.",
        "K7": "Dokumentu pārvaldības kārtība aprakstīta, taču iekšējā informācija dažkārt kavējas.",
        "K8": "Sadarbības līgumi ar ģimenes ārstiem un skolām; kopīgas gadījumu apspriedes reizi ceturksnī.",
        "K9": "Metodiskie ieteikumi tiek lietoti nevienmērīgi; trūkst aprakstītu gadījuma vadīšanas metožu.",
        "K10": "Ne visi darbinieki apguvuši obligātās mācības; supervīzijas nenotiek regulāri.",
    },
}
REASONS = {
    "lt": "Aptarta posėdyje: sutarta pagal įrodymus, nuomonės išsiskyrė dėl padalinių skirtumų.",
    "lv": "Apspriests sanāksmē: vienojāmies pēc pierādījumiem, viedokļi atšķīrās nodaļu atšķirību dēļ.",
}


def assessments_load() -> None:
    """Install the frameworks and add the rounds each demo municipality lacks (the caller disables scopes)."""
    for spec in data.MUNICIPALITIES:
        municipality = Municipality.objects.get(slug=spec.slug)
        coordinator = _account(spec.slug, Role.MUNICIPAL_COORDINATOR)
        frameworks_install_builtin(actor=coordinator, municipality=municipality)
        kuldiga = Framework.objects.get(municipality=municipality, builtin_key="kuldiga")
        institutions = {i.name: i for i in Institution.objects.filter(municipality=municipality)}
        for institution_spec in spec.institutions:
            institution = institutions[institution_spec.name]
            for year in YEARS:
                if not Round.objects.filter(framework=kuldiga, institution=institution, year=year).exists():
                    _kuldiga_round(municipality, coordinator, kuldiga, institution, institution_spec.key, year)
        if spec.slug == "klaipeda":
            dane = institutions[next(i.name for i in spec.institutions if i.key == "dane")]
            _caf_round(municipality, coordinator, dane)
            _open_round(coordinator, kuldiga, dane)


def _account(slug: str, role: Role) -> User:
    email = next(a.email for a in data.ACCOUNTS if a.municipality == slug and a.role == role)
    return User.objects.get(email=email)


def _assessors(institution: Institution, year: int) -> list[User]:
    """Two or three staff of the institution: different people in different years, as in real teams."""
    ids = list(
        Membership.objects.filter(institution=institution)
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )
    count = 3 if (institution.pk + year) % 2 else 2
    start = year % max(len(ids), 1)
    chosen = [ids[(start + i) % len(ids)] for i in range(min(count, len(ids)))]
    return list(User.objects.filter(pk__in=chosen).order_by("pk"))


def _target(key: str, code: str, year: int) -> float:
    level, trend = PROFILES[key]
    value = level + trend * (year - YEARS[0]) + SHIFTS[code]
    if code == "K4":
        value += K4_RISE[year]
    return min(5.0, max(1.0, value))


def _survey_link(municipality: Municipality, year: int) -> tuple[str, ...]:
    survey = Survey.objects.filter(municipality=municipality, series="client-satisfaction", year=year).first()
    if survey is None:
        return ()
    return (reverse("surveys:results", args=[municipality.slug, survey.pk]),)


def _kuldiga_round(
    municipality: Municipality, coordinator: User, framework: Framework, institution: Institution, key: str, year: int
) -> None:
    rng = random.Random(f"{municipality.slug}:{key}:{year}")  # noqa: S311 (demo data, not secrets)
    assessors = _assessors(institution, year)
    language = municipality.language
    with transaction.atomic():
        round_ = rounds.round_create(
            actor=coordinator,
            framework=framework,
            institution=institution,
            year=year,
            deadline=date(year, 11, 15),
            assessors=assessors,
        )
        nodes = {node.code: node for node in rounds.scored_nodes(round_)}
        targets = {code: _target(key, code, year) for code in nodes}
        links = _survey_link(municipality, year)
        for assessor in assessors:
            entries = {}
            for code, node in nodes.items():
                noise = rng.choice((-1, 0, 0, 0, 1)) + (rng.choice((-1, 1)) if rng.random() < 0.06 else 0)
                value = min(5, max(1, round(targets[code]) + noise))
                entries[node.pk] = rounds.ScoreInput(
                    value=Decimal(value),
                    evidence=EVIDENCE[language][code].format(year=year),
                    links=links if code == "K3" else (),
                )
            _score(assessor, round_, entries, submit=True)
        _agree(coordinator, round_, {code: Decimal(str(round(t * 2) / 2)) for code, t in targets.items()}, language)
        rounds.round_approve(actor=coordinator, round_=round_)


def _score(assessor: User, round_: Round, entries: dict[int, rounds.ScoreInput], *, submit: bool) -> None:
    sheet = Sheet.objects.get(round=round_, assessor=assessor)
    rounds.sheet_save(actor=assessor, sheet=sheet, shown_version=sheet.lock_version, entries=entries, submit=submit)


def _agree(coordinator: User, round_: Round, consensus: dict[str, Decimal], language: str) -> None:
    """Close scoring and set each criterion's consensus; a reason where the assessors disagreed or it differs."""
    rounds.round_consensus_start(actor=coordinator, round_=round_)
    spreads = spreads_of(round_)
    for result in CriterionResult.objects.filter(round=round_).select_related(
        "round__framework", "round__institution", "round__version", "node"
    ):
        spread = spreads.get(result.node_id, spread_of([], round_.scoring))
        value = consensus[result.code]
        reason = "" if not spread.disagrees and spread.mean == value else REASONS[language]
        rounds.result_set(
            actor=coordinator,
            result=result,
            shown_version=result.lock_version,
            value=value,
            phases=None,
            reason=reason,
            spread=spread,
        )


def _caf_round(municipality: Municipality, coordinator: User, institution: Institution) -> None:
    """Danė's CAF 2020 self-assessment of 2025, fine-tuned: Plan, Do, Check, Act of each enabler."""
    caf = Framework.objects.get(municipality=municipality, builtin_key="caf2020")
    if Round.objects.filter(framework=caf, institution=institution, year=2025).exists():
        return
    rng = random.Random("klaipeda:dane:caf2020")  # noqa: S311 (demo data, not secrets)
    assessors = [_account("klaipeda", Role.QUALITY_COORDINATOR), _account("klaipeda", Role.DIRECTOR)]
    with transaction.atomic():
        round_ = rounds.round_create(
            actor=coordinator,
            framework=caf,
            institution=institution,
            year=2025,
            deadline=date(2025, 10, 31),
            assessors=assessors,
            scoring=Scoring.CAF_FINE_TUNED,
        )
        nodes = rounds.scored_nodes(round_)
        # Plans are good, doing a little less, checking and acting on what is learnt the weakest.
        base = {"plan": 55, "do": 50, "check": 35, "act": 30}
        for assessor in assessors:
            entries = {}
            for node in nodes:
                shift = rng.randint(-10, 10)
                if node.panel == "results":
                    value = Decimal(max(0, min(100, 45 + shift + rng.randint(-10, 10))))
                    entries[node.pk] = rounds.ScoreInput(value=value, evidence="Rodiklių suvestinė, 2024–2025 m.")
                else:
                    given = {p: max(0, min(100, base[p] + shift + rng.randint(-8, 8))) for p in PDCA}
                    entries[node.pk] = rounds.ScoreInput(phases=given, evidence="Veiklos planas ir ataskaita.")
            _score(assessor, round_, entries, submit=True)
        rounds.round_consensus_start(actor=coordinator, round_=round_)
        scores: dict[int, list[Score]] = {}
        for sheet in round_.sheets.all():
            for score in sheet.scores.all():
                scores.setdefault(score.node_id, []).append(score)
        spreads = spreads_of(round_)
        for result in CriterionResult.objects.filter(round=round_).select_related(
            "round__framework", "round__institution", "round__version", "node"
        ):
            node_scores = scores[result.node_id]
            agreed: Decimal | None = None
            phases: dict[str, int] | None = None
            if result.node.panel == "results":
                agreed = Decimal(round(sum(float(s.value or 0) for s in node_scores) / len(node_scores)))
            else:
                phases = {p: round(sum(s.phases[p] for s in node_scores) / len(node_scores)) for p in PDCA}
            spread = spreads[result.node_id]
            rounds.result_set(
                actor=coordinator,
                result=result,
                shown_version=result.lock_version,
                value=agreed,
                phases=phases,
                reason="Sutarta vertinimo grupės posėdyje.",
                spread=spread,
            )
        rounds.round_approve(actor=coordinator, round_=round_)


def _open_round(coordinator: User, framework: Framework, institution: Institution) -> None:
    """Danė's 2026 round, being scored: the quality coordinator has submitted, the director is half-way."""
    if Round.objects.filter(framework=framework, institution=institution, year=OPEN_YEAR).exists():
        return
    quality = _account("klaipeda", Role.QUALITY_COORDINATOR)
    director = _account("klaipeda", Role.DIRECTOR)
    with transaction.atomic():
        round_ = rounds.round_create(
            actor=coordinator,
            framework=framework,
            institution=institution,
            year=OPEN_YEAR,
            deadline=date(OPEN_YEAR, 12, 15),
            assessors=[quality, director],
        )
        nodes = {node.code: node for node in rounds.scored_nodes(round_)}
        targets = {code: round(_target("dane", code, 2025) + 0.3) for code in nodes}
        evidence = EVIDENCE["lt"]
        _score(
            quality,
            round_,
            {
                node.pk: rounds.ScoreInput(
                    value=Decimal(min(5, targets[code])), evidence=evidence[code].format(year=OPEN_YEAR)
                )
                for code, node in nodes.items()
            },
            submit=True,
        )
        half = list(nodes.items())[:4]
        _score(
            director,
            round_,
            {node.pk: rounds.ScoreInput(value=Decimal(min(5, targets[code]))) for code, node in half},
            submit=False,
        )
