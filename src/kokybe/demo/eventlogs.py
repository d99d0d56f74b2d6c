"""Event log demo data: the receipt phase of a Dutch municipality's building permit process (WABO),
imported for Klaipėda as an example of a process brought in from another system (XES), so process
analytics has a real process to show beside the platform's own. Imported by the municipal
coordinator through the import service. Idempotent: a log of the same file is not imported twice.
"""

from zoneinfo import ZoneInfo

from kokybe.accounts.models import User
from kokybe.eventlogs.models import EventLog
from kokybe.eventlogs.services.importing import event_log_import
from kokybe.eventlogs.shipped import SHIPPED_LOGS
from kokybe.tenancy.models import Municipality

FILE_NAME = "receipt-wabo.xes.gz"
NAME = "Statybos leidimo prašymų priėmimas (WABO, Nyderlandai)"
DESCRIPTION = (
    "Tikras viešai paskelbtas įvykių žurnalas: anoniminės Nyderlandų savivaldybės aplinkos ir statybos leidimų "
    "prašymų priėmimo etapas (CoSeLoG projektas, 4TU.ResearchData), 1 434 atvejai, 8 577 įvykiai. "
    "Pavyzdys, kaip kitoje sistemoje užfiksuotas procesas importuojamas analizei."
)


def eventlogs_load() -> None:
    municipality = Municipality.objects.get(slug="klaipeda")
    if EventLog.objects.filter(municipality=municipality, source_name=FILE_NAME).exists():
        return
    coordinator = User.objects.get(email="koordinatorius@klaipeda.example")
    with (SHIPPED_LOGS / FILE_NAME).open("rb") as stream:
        event_log_import(
            actor=coordinator,
            municipality=municipality,
            stream=stream,
            file_name=FILE_NAME,
            zone=ZoneInfo("Europe/Vilnius"),
            name=NAME,
            description=DESCRIPTION,
        )
