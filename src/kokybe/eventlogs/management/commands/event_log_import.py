"""Import an event log file from the command line: large files, scripted loads.

    manage.py event_log_import receipt.xes.gz --municipality klaipeda --name "Receipt phase"
    manage.py event_log_import services.csv --municipality kuldiga --case "Case ID" --activity Step \\
        --timestamp "Date" --delimiter ";" --time-zone Europe/Riga

The audit trail records it with no actor (a command, not a person). `--check` reads the file and
reports without importing anything.
"""

import time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django_scopes import scope, scopes_disabled

from kokybe.core.errors import ServiceError
from kokybe.eventlogs.csvlog import CsvMapping
from kokybe.eventlogs.reading import default_zone_name, event_log_check
from kokybe.eventlogs.rows import EventLogFileError, Problem
from kokybe.eventlogs.services.importing import EventLogProblems, event_log_import
from kokybe.tenancy.models import Institution, Municipality

PROBLEMS_SHOWN = 50


class Command(BaseCommand):
    help = "Import an event log (XES, XES.gz or CSV) into a municipality."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path)
        parser.add_argument("--municipality", required=True, help="The municipality's address name (slug).")
        parser.add_argument("--institution", default="", help="The institution's address name; default: none.")
        parser.add_argument("--name", default="", help="Default: the file's name.")
        parser.add_argument("--description", default="")
        parser.add_argument("--time-zone", default="", help="For times without an offset; default: the municipality's.")
        parser.add_argument("--check", action="store_true", help="Only read the file and report; import nothing.")
        csv = parser.add_argument_group("CSV columns (default: the usual names, e.g. case:concept:name or case)")
        for option in ("case", "activity", "timestamp", "lifecycle", "resource"):
            csv.add_argument(f"--{option}", default="", help=f"The column of the {option}.")
        csv.add_argument("--delimiter", default="", help="Default: guessed from the file.")

    def handle(self, *args: Any, **options: Any) -> None:
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"No such file: {path}")
        with scopes_disabled():
            municipality = Municipality.objects.filter(slug=options["municipality"]).first()
            if municipality is None:
                raise CommandError(f"No municipality {options['municipality']!r}.")
            institution = None
            if options["institution"]:
                institution = Institution.objects.filter(municipality=municipality, slug=options["institution"]).first()
                if institution is None:
                    raise CommandError(f"No institution {options['institution']!r} in {municipality.slug}.")
        try:
            zone = ZoneInfo(options["time_zone"] or default_zone_name(municipality))
        except (ZoneInfoNotFoundError, ValueError) as error:
            raise CommandError(f"Unknown time zone {options['time_zone']!r}.") from error
        mapping = CsvMapping(
            case=options["case"],
            activity=options["activity"],
            timestamp=options["timestamp"],
            lifecycle=options["lifecycle"],
            resource=options["resource"],
            delimiter=options["delimiter"].replace("\\t", "\t"),
        )
        started = time.perf_counter()
        with path.open("rb") as stream, scope(municipality=municipality.pk):
            if options["check"]:
                self._check(stream, path.name, zone, mapping)
                return
            try:
                log = event_log_import(
                    actor=None,
                    municipality=municipality,
                    institution=institution,
                    stream=stream,
                    file_name=path.name,
                    zone=zone,
                    name=options["name"],
                    description=options["description"],
                    mapping=mapping,
                )
            except EventLogProblems as error:
                self._problems(error.problems, error.count)
                raise CommandError(error.message) from error
            except ServiceError as error:
                raise CommandError(error.message) from error
        seconds = time.perf_counter() - started
        self.stdout.write(
            f"Imported {log.name!r} (log {log.pk}): "
            f"{log.event_count} events in {log.case_count} cases, {seconds:.1f} s."
        )

    def _check(self, stream: Any, file_name: str, zone: ZoneInfo, mapping: CsvMapping) -> None:
        try:
            report = event_log_check(stream, file_name, zone, mapping)
        except EventLogFileError as error:
            raise CommandError(error.message) from error
        self.stdout.write(
            f"{report.event_count} events in {report.case_count} cases, {len(report.activities)} activities."
        )
        if not report.importable:
            self._problems(report.summary.problems, report.summary.problem_count)
            raise CommandError("The file cannot be imported as it is.")
        self.stdout.write("The file is in order; nothing was imported.")

    def _problems(self, problems: list[Problem], count: int) -> None:
        for problem in problems[:PROBLEMS_SHOWN]:
            self.stderr.write(f"{problem.where}: {problem.message}")
        if count > PROBLEMS_SHOWN:
            self.stderr.write(f"... and {count - PROBLEMS_SHOWN} more problems.")
