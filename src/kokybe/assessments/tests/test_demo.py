"""The self-assessment demo: three approved years everywhere, a CAF round, an open round; loaded once."""

import time

import pytest
from django_scopes import scopes_disabled

from kokybe.assessments.comparison import compare_with_previous, consensus_by_code
from kokybe.assessments.models import Round, RoundStatus, Score, Scoring
from kokybe.demo import data, loader
from kokybe.demo.assessments import assessments_load
from kokybe.tenancy.models import Institution


@pytest.mark.django_db
@scopes_disabled()
def test_demo_rounds_tell_the_story_and_load_once() -> None:
    # The demo's people and institutions, then this part alone (the other apps' parts are theirs to test).
    for spec in data.MUNICIPALITIES:
        loader._municipality(spec)
    for account in data.ACCOUNTS:
        loader._account(account)
    loader._colleagues()
    started = time.monotonic()
    assessments_load()
    assert time.monotonic() - started < 15  # about 3 s on this shared 2-core machine
    for year in (2023, 2024, 2025):
        approved = Round.objects.filter(framework__builtin_key="kuldiga", year=year, status=RoundStatus.APPROVED)
        assert approved.count() == Institution.objects.count()
    dane = Institution.objects.get(municipality__slug="klaipeda", name__contains="Danė")
    rounds = {r.year: r for r in Round.objects.filter(institution=dane, framework__builtin_key="kuldiga")}
    k4 = [consensus_by_code(rounds[year].pk)["K4"] for year in (2023, 2024, 2025)]
    assert k4 == sorted(k4)
    assert k4[0] < k4[-1]
    lowest = sorted(consensus_by_code(rounds[2023].pk).items(), key=lambda item: item[1])[:3]
    assert {code for code, _value in lowest} <= {"K4", "K9", "K10", "K7"}
    assert compare_with_previous(dane.municipality, rounds[2025]).gains
    caf = Round.objects.get(framework__builtin_key="caf2020", institution=dane)
    assert caf.scoring == Scoring.CAF_FINE_TUNED
    assert caf.status == RoundStatus.APPROVED
    open_round = rounds[2026]
    assert open_round.status == RoundStatus.SCORING
    sheets = {s.assessor.email: s for s in open_round.sheets.select_related("assessor")}
    assert sheets["kokybe@klaipeda.example"].submitted_at is not None
    assert sheets["direktorius@klaipeda.example"].submitted_at is None
    assert Score.objects.filter(sheet=sheets["direktorius@klaipeda.example"]).exists()

    counts = (Round.objects.count(), Score.objects.count())
    started = time.monotonic()
    assessments_load()
    assert time.monotonic() - started < 2
    assert (Round.objects.count(), Score.objects.count()) == counts
