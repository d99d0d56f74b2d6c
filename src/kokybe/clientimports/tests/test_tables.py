"""Reading uploaded tables and guessing their mapping: CSV with a byte-order mark and semicolons, XLSX with
date and time cells, headers in Latvian."""

import datetime

from kokybe.clientimports.columns import mapping_guess
from kokybe.clientimports.tables import table_read
from kokybe.clientimports.tests.builders import csv_bytes, xlsx_bytes


def test_csv_with_byte_order_mark_and_semicolons_and_empty_rows_left_out() -> None:
    data = csv_bytes([["Vārds", "Uzvārds"], ["Anna", "Bērziņa"], ["", ""], ["Jānis"]], delimiter=";", bom=True)
    table = table_read(data, "klienti.CSV")
    assert table.header == ["Vārds", "Uzvārds"]
    assert table.rows == [(2, ["Anna", "Bērziņa"]), (4, ["Jānis", ""])]


def test_xlsx_cells_as_text_dates_and_times_kept() -> None:
    data = xlsx_bytes(
        [["at", "n", "day"], [datetime.datetime(2025, 3, 14, 9, 30), 4.0, datetime.datetime(2025, 3, 14)]]
    )
    assert table_read(data, "history.xlsx").rows == [(2, ["2025-03-14T09:30:00", "4", "2025-03-14"])]


def test_mapping_guessed_from_latvian_and_english_headers_each_column_once() -> None:
    header = ["Klienta ID", "Vārds", "Uzvārds", "Personas kods", "Dzimšanas datums", "E-pasts", "Iestāde", "Notes"]
    assert mapping_guess("clients", header) == {
        "external_id": "Klienta ID",
        "first_name": "Vārds",
        "last_name": "Uzvārds",
        "personal_code": "Personas kods",
        "birth_date": "Dzimšanas datums",
        "email": "E-pasts",
        "institution": "Iestāde",
    }
    assert mapping_guess("service_history", ["Case ID", "Client", "Service", "Activity", "Timestamp"]) == {
        "course_id": "Case ID",
        "client_id": "Client",
        "service": "Service",
        "step": "Activity",
        "at": "Timestamp",
    }
