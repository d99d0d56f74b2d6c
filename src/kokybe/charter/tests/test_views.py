"""The charter's staff pages and its public page: forms, refusals, idempotent posts, tenancy, query counts."""

import datetime
import io
import uuid
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_scopes import scopes_disabled
from openpyxl import load_workbook
from pytest_django import DjangoAssertNumQueries

from conftest import World
from kokybe.accounts.models import User
from kokybe.charter.compliance import IndicatorResult, Status, periods_until
from kokybe.charter.measures import MeasureValue
from kokybe.charter.models import CharterVersion, Commitment, Expectation, Indicator, VersionStatus
from kokybe.charter.services.content import commitment_create, indicator_create
from kokybe.charter.services.versions import charter_version_adopt, charter_version_draft
from kokybe.charter.standing import Figure, complement_suppressed
from kokybe.charter.tests.builders import IN_TIME, adopted_charter, charter_draft, figures_refreshed
from kokybe.inquiries.models import Kind, Signal
from kokybe.inquiries.models import Status as SignalStatus
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Institution
from kokybe.tenancy.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db

VILNIUS = ZoneInfo("Europe/Vilnius")


def post(client: Client, url: str, data: dict[str, object], key: str | None = None) -> object:
    return client.post(url, {**data, "submission_key": key or str(uuid.uuid4())})


def english(world: World, user: User) -> Client:
    """A client of someone who reads the pages in English (messages are matched in English)."""
    with scopes_disabled():
        User.objects.filter(pk=user.pk).update(language="en")
    return world.client_for(user)


def versions_of(world: World) -> list[CharterVersion]:
    with scopes_disabled():
        return list(CharterVersion.objects.filter(municipality=world.a).order_by("number"))


def test_starting_a_draft_twice_with_the_same_form_makes_one(world: World) -> None:
    client = english(world, world.coordinator)
    url = reverse("charter:draft_create", args=[world.a.slug])
    key = str(uuid.uuid4())
    first = post(client, url, {}, key)
    again = post(client, url, {}, key)
    assert first.status_code == again.status_code == 302  # type: ignore[attr-defined]
    assert first["Location"] == again["Location"] == reverse("charter:version", args=[world.a.slug, 1])  # type: ignore[index]
    assert [(v.number, v.status) for v in versions_of(world)] == [(1, VersionStatus.DRAFT)]
    page = client.get(reverse("charter:versions", args=[world.a.slug]))
    assert "Continue the draft of version 1" in page.content.decode()


def test_an_expectation_without_the_main_language_is_refused_and_the_input_kept(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.quality)
    url = reverse("charter:expectation_add", args=[world.a.slug, built.version.number])
    page = post(client, url, {"title_lt": "", "title_en": "Kind words"})
    assert page.status_code == 200  # type: ignore[attr-defined]
    html = page.content.decode()  # type: ignore[attr-defined]
    assert 'value="Kind words"' in html
    assert "govuk-error-message" in html
    with scopes_disabled():
        assert Expectation.objects.filter(version=built.version).count() == 1
    done = post(client, url, {"title_lt": "Malonus bendravimas", "title_en": "Kind words"})
    with scopes_disabled():
        added = Expectation.objects.filter(version=built.version).latest("pk")
    assert done["Location"].endswith(f"#expectation-{added.pk}")  # type: ignore[index]
    assert added.title == {"lt": "Malonus bendravimas", "en": "Kind words"}


def test_an_indicator_target_is_typed_as_a_percentage_for_a_share(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.coordinator)
    url = reverse("charter:indicator_add", args=[world.a.slug, built.commitment.pk])
    form = client.get(url)
    assert form.status_code == 200
    fields = {"measure_key": IN_TIME, "target": "95", "period": "month", "institutions": [world.a2.pk]}
    too_much = post(client, url, {**fields, "target": "120"})
    assert "from 0 to 100" in too_much.content.decode()  # type: ignore[attr-defined]
    post(client, url, fields)
    with scopes_disabled():
        made = Indicator.objects.filter(commitment=built.commitment).latest("pk")
        assert (made.target, made.period, list(made.institutions.all())) == (Decimal("0.95"), "month", [world.a2])
    edit = client.get(reverse("charter:indicator_edit", args=[world.a.slug, made.pk]))
    assert 'value="95"' in edit.content.decode()


def test_a_measure_needing_a_survey_dimension_asks_for_one(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.coordinator)
    url = reverse("charter:indicator_add", args=[world.a.slug, built.commitment.pk])
    page = post(client, url, {"measure_key": "survey_dimension_satisfied", "target": "80", "period": "year"})
    assert "Choose the dimension whose answers this measure counts." in page.content.decode()  # type: ignore[attr-defined]
    with scopes_disabled():
        assert Indicator.objects.filter(commitment=built.commitment).count() == 1


def test_an_edit_conflict_is_told_and_nothing_overwritten(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.coordinator)
    url = reverse("charter:commitment_edit", args=[world.a.slug, built.commitment.pk])
    data = {"expectation": built.expectation.pk, "title_lt": "Greitis ir tikslumas", "lock_version": 0}
    post(client, url, data)
    stale = post(client, url, {**data, "title_lt": "Kitas pavadinimas"})
    assert "Someone else saved this record" in stale.content.decode()  # type: ignore[attr-defined]
    with scopes_disabled():
        assert Commitment.objects.get(pk=built.commitment.pk).title == {"lt": "Greitis ir tikslumas"}


def test_adopting_through_the_form_freezes_the_version(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.coordinator)
    url = reverse("charter:adopt", args=[world.a.slug, built.version.number])
    assert client.get(url).status_code == 200
    post(client, url, {"adopted_on": "2026-11-02"})
    [version] = versions_of(world)
    assert (version.status, version.adopted_on) == (VersionStatus.ADOPTED, datetime.date(2026, 11, 2))
    # The adopted version's records are no longer found by the pages that change a draft.
    for name, pk in (
        ("charter:expectation_edit", built.expectation.pk),
        ("charter:commitment_edit", built.commitment.pk),
        ("charter:indicator_edit", built.indicator.pk),
        ("charter:expectation_add", built.version.number),
    ):
        assert client.get(reverse(name, args=[world.a.slug, pk])).status_code == 404
    page = client.get(reverse("charter:version", args=[world.a.slug, 1])).content.decode()
    assert "In force since 2026-11-02" in page
    assert "Add an indicator" not in page


def test_a_refused_removal_is_told_on_the_version_page(world: World) -> None:
    built = charter_draft(world.coordinator, world.a)
    client = english(world, world.coordinator)
    response = post(client, reverse("charter:commitment_remove", args=[world.a.slug, built.commitment.pk]), {})
    assert response["Location"].endswith(f"#expectation-{built.expectation.pk}")  # type: ignore[index]
    page = client.get(response["Location"]).content.decode()  # type: ignore[index]
    assert "Remove the indicators of this commitment first." in page


def test_outsiders_get_404_on_every_page(world: World) -> None:
    built = adopted_charter(world.coordinator, world.a)
    client = english(world, world.outsider)
    for name, args in (
        ("charter:versions", []),
        ("charter:version", [built.version.number]),
        ("charter:compliance", []),
        ("charter:compliance_indicator", [built.indicator.pk]),
    ):
        assert client.get(reverse(name, args=[world.a.slug, *args])).status_code == 404
    # B's coordinator, under B's address, does not find A's indicator either.
    assert (
        client.get(reverse("charter:compliance_indicator", args=[world.b.slug, built.indicator.pk])).status_code == 404
    )


def _last_complete_quarter() -> datetime.date:
    return periods_until("quarter", timezone.localdate(), 2)[0].start


def _answered(institution: Institution, count: int, *, late: bool = False) -> None:
    """`count` questions to `institution`, received in the last complete quarter and answered (late: 2 months on)."""
    received = datetime.datetime.combine(_last_complete_quarter() + datetime.timedelta(days=14), datetime.time(10))
    received = received.replace(tzinfo=VILNIUS)
    with scopes_disabled():
        for _number in range(count):
            signal = signal_receive(
                actor=None,
                municipality=institution.municipality,
                institution=institution,
                kind=Kind.QUESTION,
                channel="web",
                text="Ar galiu gauti pagalbą namuose?",
                received_at=received,
            ).signal
            answered_at = received + datetime.timedelta(days=60 if late else 1)
            Signal.objects.filter(pk=signal.pk).update(answered_at=answered_at, status=SignalStatus.CLOSED)


def test_the_public_page_shows_the_charter_in_force_with_small_groups_suppressed(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    _answered(world.a2, 2, late=True)
    figures_refreshed(world.a)
    page = Client().get(reverse("charter_public:charter", args=[world.a.slug]))
    assert page.status_code == 200
    assert page["Content-Language"] == "lt"
    html = page.content.decode()
    assert "Greitas atsakymas į užklausas" in html
    assert "75 %" in html  # 6 of 8 answered in time, over the municipality
    assert "mažiau nei 5" in html  # A2's two are not shown,
    assert "100 %" not in html  # nor A1's six, which with the 75 % would give A2's away
    english = Client().get(reverse("charter_public:charter", args=[world.a.slug]) + "?lang=en").content.decode()
    assert "A quick answer to inquiries" in english
    assert 'hreflang="lv"' in english


def test_the_public_page_is_404_without_an_adopted_charter(world: World) -> None:
    assert Client().get(reverse("charter_public:charter", args=["nowhere"])).status_code == 404
    charter_draft(world.coordinator, world.a)
    assert Client().get(reverse("charter_public:charter", args=[world.a.slug])).status_code == 404


def _grown(world: World, indicators: int, institutions: int) -> None:
    """The charter in force with `indicators` indicators on the signals measure, over A1, A2 and `institutions`
    more, their figures kept."""
    with scopes_disabled():
        for number in range(institutions):
            InstitutionFactory(municipality=world.a, slug=f"more-{number}")
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        commitment = commitment_create(
            actor=world.coordinator, expectation=built.expectation, title={"lt": "Daugiau"}, body={}
        )
        for _number in range(indicators - 1):
            indicator_create(
                actor=world.coordinator,
                commitment=commitment,
                measure_key=IN_TIME,
                parameter={},
                target=Decimal("0.8"),
                period="quarter",
            )
        charter_version_adopt(actor=world.coordinator, version=built.version, adopted_on=datetime.date(2026, 1, 5))
    figures_refreshed(world.a)


@pytest.mark.parametrize(("indicators", "institutions"), [(2, 0), (6, 5)])
def test_compliance_and_public_pages_read_a_bounded_number_of_queries(
    world: World, django_assert_max_num_queries: DjangoAssertNumQueries, indicators: int, institutions: int
) -> None:
    """The kept figures in one query: the same number whatever the indicators, institutions and signals."""
    _answered(world.a1, 6 * indicators)
    _answered(world.a2, 6 * indicators, late=True)
    _grown(world, indicators=indicators, institutions=institutions)
    with scopes_disabled():
        indicator = Indicator.objects.filter(version__municipality=world.a).latest("pk")
    client = english(world, world.coordinator)
    with django_assert_max_num_queries(COMPLIANCE_QUERIES):
        assert client.get(reverse("charter:compliance", args=[world.a.slug])).status_code == 200
    with django_assert_max_num_queries(COMPLIANCE_QUERIES):
        url = reverse("charter:compliance_indicator", args=[world.a.slug, indicator.pk])
        assert client.get(url).status_code == 200
    with django_assert_max_num_queries(PUBLIC_QUERIES):
        assert Client().get(reverse("charter_public:charter", args=[world.a.slug])).status_code == 200


# Measured: the same with 2 indicators over 2 institutions and with 6 over 7.
COMPLIANCE_QUERIES = 18  # the session, the person and their roles; the version, its tree, the names, the figures
PUBLIC_QUERIES = 9  # the municipality, the version in force, its tree, the institutions, the figures, their time


def test_a_version_adopted_a_moment_ago_says_its_figures_are_not_computed_yet(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    html = english(world, world.coordinator).get(reverse("charter:compliance", args=[world.a.slug])).content.decode()
    assert "Not computed yet" in html
    assert "The figures are not computed yet" in html
    assert "100 %" not in html
    figures_refreshed(world.a)
    html = english(world, world.coordinator).get(reverse("charter:compliance", args=[world.a.slug])).content.decode()
    assert "Not computed yet" not in html
    assert "Figures as of" in html
    assert "100 %" in html


def test_compliance_lists_only_the_institutions_the_reader_reaches(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    _answered(world.a2, 6)
    figures_refreshed(world.a)
    municipality_wide = english(world, world.auditor).get(reverse("charter:compliance", args=[world.a.slug]))
    assert world.a2.display_name in municipality_wide.content.decode()
    own = english(world, world.staff).get(reverse("charter:compliance", args=[world.a.slug])).content.decode()
    assert world.a1.display_name in own
    assert world.a2.display_name not in own


def test_small_groups_stay_hidden_against_subtraction() -> None:
    def figure(n: int, value: float | None, *, suppressed: bool = False) -> Figure:
        span = periods_until("quarter", datetime.date(2026, 11, 30), 1)[0]
        result = IndicatorResult(
            MeasureValue(value=value, n=n, suppressed=suppressed), Status.SUPPRESSED if suppressed else Status.MET, span
        )
        return Figure(result=result, text="", under_way=False)

    def hidden(figures: list[Figure]) -> list[bool]:
        return [item.result.value.suppressed for item in complement_suppressed(figures)]

    # One group of 2 hidden: the smallest shown one (6 cases) is hidden with it.
    assert hidden([figure(9, 0.9), figure(2, None, suppressed=True), figure(6, 1.0)]) == [False, True, True]
    # Two groups hidden together rest on 5 cases: nothing more to hide.
    assert hidden([figure(9, 0.9), figure(2, None, suppressed=True), figure(3, None, suppressed=True)]) == [
        False,
        True,
        True,
    ]
    # Nothing hidden, or no cases at all: nothing changes.
    assert hidden([figure(9, 0.9), figure(0, None)]) == [False, False]


def test_the_compliance_figures_download_as_csv_and_xlsx(world: World) -> None:
    adopted_charter(world.coordinator, world.a)
    _answered(world.a1, 6)
    _answered(world.a2, 6, late=True)
    figures_refreshed(world.a)
    client = english(world, world.auditor)
    csv_file = client.get(reverse("charter:compliance_download", args=[world.a.slug]) + "?format=csv")
    assert csv_file["Content-Type"].startswith("text/csv")
    lines = csv_file.content.decode("utf-8-sig").splitlines()
    assert lines[0].startswith("Client expectation,Commitment,Measure")
    assert len(lines) == 4  # the header, all institutions covered, A1, A2
    assert lines[1].endswith(",0.5,12,Not met")
    assert lines[2].endswith(",1.0,6,Met")
    xlsx = client.get(reverse("charter:compliance_download", args=[world.a.slug]) + "?format=xlsx")
    workbook = load_workbook(io.BytesIO(xlsx.content), read_only=True)
    assert [row[6] for row in workbook.active.iter_rows(min_row=2, values_only=True)] == [
        "All institutions covered",
        world.a1.display_name,
        world.a2.display_name,
    ]
    assert client.get(reverse("charter:compliance_download", args=[world.a.slug]) + "?format=pdf").status_code == 404


# Discarding a draft, and moving its expectations and commitments


def test_the_discard_page_says_what_goes_and_the_post_discards_once(world: World) -> None:
    built = adopted_charter(world.coordinator, world.a)
    with scopes_disabled():
        draft = charter_version_draft(actor=world.coordinator, municipality=world.a)
        expectation = Expectation.objects.get(version=draft)
        commitment_create(actor=world.coordinator, expectation=expectation, title={"lt": "Antras"}, body={})
    client = english(world, world.coordinator)
    detail = client.get(reverse("charter:version", args=[world.a.slug, draft.number])).content.decode()
    url = reverse("charter:discard", args=[world.a.slug, draft.number])
    assert f'href="{url}"' in detail
    page = client.get(url)
    assert page.status_code == 200
    html = " ".join(page.content.decode().split())
    assert "Discard draft version 2?" in html
    for counted in ("1 client expectation<", "2 commitments<", "1 indicator<"):
        assert counted in html
    key = str(uuid.uuid4())
    first = post(client, url, {}, key)
    again = post(client, url, {}, key)
    assert first["Location"] == again["Location"] == reverse("charter:versions", args=[world.a.slug])  # type: ignore[index]
    assert [(v.number, v.status) for v in versions_of(world)] == [(1, VersionStatus.ADOPTED)]
    listing = client.get(reverse("charter:versions", args=[world.a.slug])).content.decode()
    assert "The draft of version 2 was discarded." in listing
    # The adopted version has no discard page, and its address never discards it.
    adopted_url = reverse("charter:discard", args=[world.a.slug, built.version.number])
    assert client.get(adopted_url)["Location"] == reverse("charter:version", args=[world.a.slug, 1])
    post(client, adopted_url, {})
    assert [(v.number, v.status) for v in versions_of(world)] == [(1, VersionStatus.ADOPTED)]


def _second_commitment(world: World) -> tuple[Commitment, Commitment]:
    built = charter_draft(world.coordinator, world.a)
    with scopes_disabled():
        second = commitment_create(
            actor=world.coordinator, expectation=built.expectation, title={"lt": "Antras", "en": "Second"}, body={}
        )
    return built.commitment, second


def _order_of(expectation_id: int) -> list[int]:
    with scopes_disabled():
        return list(
            Commitment.objects.filter(expectation_id=expectation_id)
            .order_by("order", "pk")
            .values_list("pk", flat=True)
        )


def test_a_double_submitted_move_moves_once(world: World) -> None:
    first, second = _second_commitment(world)
    with scopes_disabled():
        third = commitment_create(actor=world.coordinator, expectation=first.expectation, title={"lt": "C"}, body={})
    client = english(world, world.coordinator)
    url = reverse("charter:commitment_move", args=[world.a.slug, third.pk])
    key = str(uuid.uuid4())
    done = post(client, url, {"direction": "up"}, key)
    again = post(client, url, {"direction": "up"}, key)  # the same form again: a second move would make it first
    assert done["Location"] == again["Location"]  # type: ignore[index]
    assert done["Location"].endswith(f"/charter/v/1/#commitment-{third.pk}")  # type: ignore[index]
    assert _order_of(first.expectation_id) == [first.pk, third.pk, second.pk]
    post(client, url, {"direction": "up"})  # a new form moves it again
    assert _order_of(first.expectation_id) == [third.pk, first.pk, second.pk]


def test_the_move_buttons_name_their_item_and_leave_out_the_ends(world: World) -> None:
    first, second = _second_commitment(world)
    client = english(world, world.coordinator)
    html = client.get(reverse("charter:version", args=[world.a.slug, 1])).content.decode()
    up = reverse("charter:commitment_move", args=[world.a.slug, second.pk])
    down = reverse("charter:commitment_move", args=[world.a.slug, first.pk])
    assert html.count('value="up"') == html.count('value="down"') == 1  # one expectation: it does not move
    assert f'action="{up}"' in html
    assert f'action="{down}"' in html
    assert 'Move up<span class="govuk-visually-hidden"> Second</span>' in html
    assert 'Move down<span class="govuk-visually-hidden"> Speed</span>' in html


def test_moves_are_post_only_and_refused_to_others(world: World) -> None:
    first, second = _second_commitment(world)
    urls = [
        reverse("charter:commitment_move", args=[world.a.slug, second.pk]),
        reverse("charter:expectation_move", args=[world.a.slug, first.expectation_id]),
    ]
    coordinator = english(world, world.coordinator)
    for url in urls:
        assert coordinator.get(url).status_code == 405
        assert post(coordinator, url, {"direction": "sideways"}).status_code == 400  # type: ignore[attr-defined]
        assert post(english(world, world.director), url, {"direction": "up"}).status_code == 403  # type: ignore[attr-defined]
        assert post(english(world, world.outsider), url, {"direction": "up"}).status_code == 404  # type: ignore[attr-defined]
    discard = reverse("charter:discard", args=[world.a.slug, 1])
    assert english(world, world.director).get(discard).status_code == 403
    assert english(world, world.outsider).get(discard).status_code == 404
    assert post(english(world, world.outsider), discard, {}).status_code == 404  # type: ignore[attr-defined]
    assert _order_of(first.expectation_id) == [first.pk, second.pk]
    assert [(v.number, v.status) for v in versions_of(world)] == [(1, VersionStatus.DRAFT)]


def test_a_move_past_the_end_is_told_on_the_version_page(world: World) -> None:
    first, _second = _second_commitment(world)
    client = english(world, world.coordinator)
    url = reverse("charter:commitment_move", args=[world.a.slug, first.pk])
    page = client.post(url, {"direction": "up", "submission_key": str(uuid.uuid4())}, follow=True)
    assert "already the first one" in page.content.decode()
