"""Reference numbers under concurrent intake: signals received at the same moment never share a number.

Each thread receives signals through `signal_receive` on its own database connection, all released at
once by a barrier, so on PostgreSQL the transactions really overlap and meet at the sequence row's lock
(`intake._next_number`). The threads must see each other's commits, hence `transaction=True`.
"""

import threading
from collections.abc import Callable, Iterator

import pytest
from django.db import connection
from django.utils import timezone
from django_scopes import scopes_disabled

from kokybe.inquiries.models import Channel, Kind, Signal, SignalSequence
from kokybe.inquiries.services.intake import signal_receive
from kokybe.tenancy.models import Municipality
from kokybe.tenancy.tests.factories import MunicipalityFactory

THREADS = 8
SIGNALS_EACH = 5


def _in_threads(work: Callable[[int], None]) -> list[BaseException]:
    """Run `work(i)` in THREADS threads started together; return what they raised."""
    start = threading.Barrier(THREADS)
    failures: list[BaseException] = []

    def run(index: int) -> None:
        try:
            start.wait()
            work(index)
        except BaseException as error:  # reported to the test's thread, which fails on it
            failures.append(error)
        finally:
            connection.close()  # each thread's own connection

    threads = [threading.Thread(target=run, args=(index,)) for index in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return failures


def _receive_many(municipality: Municipality) -> Callable[[int], None]:
    def work(index: int) -> None:
        with scopes_disabled():
            for number in range(SIGNALS_EACH):
                signal_receive(
                    actor=None,
                    municipality=municipality,
                    institution=None,
                    kind=Kind.QUESTION,
                    channel=Channel.WEB,
                    text=f"Klausimas {index}-{number}",
                    received_at=timezone.now(),
                )

    return work


@pytest.fixture
def committed_municipality() -> Iterator[Municipality]:
    """A municipality every connection sees; the tables are emptied after the test, audit trail included.

    Django empties every table after a transactional test (TRUNCATE, then it closes the connection). The
    audit trail's append-only trigger refuses that, so the test's connection stops firing triggers just
    before: `session_replication_role` lasts as long as the connection, which Django closes right after."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite lets one writer at a time (transactions begin IMMEDIATE), so the threads would only "
            "queue, and the in-memory test database's shared cache refuses a waiting writer instead of "
            "letting it wait; CI runs this test on PostgreSQL, where the transactions overlap."
        )
    with scopes_disabled():
        yield MunicipalityFactory(slug="klaipeda", name="Klaipėdos miesto savivaldybė")
    with connection.cursor() as cursor:
        cursor.execute("SET session_replication_role = replica")


@pytest.mark.django_db(transaction=True)
def test_signals_received_at_once_get_unique_gap_free_references(committed_municipality: Municipality) -> None:
    municipality = committed_municipality
    failures = _in_threads(_receive_many(municipality))
    assert failures == []
    with scopes_disabled():
        signals = list(Signal.objects.filter(municipality=municipality).values_list("number", "reference"))
        last = SignalSequence.objects.get(municipality=municipality).last
    total = THREADS * SIGNALS_EACH
    assert len({reference for _number, reference in signals}) == len(signals) == total
    assert sorted(number for number, _reference in signals) == list(range(1, total + 1))
    assert last == total
