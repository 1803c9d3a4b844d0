"""The daily recap as CSV (one table, a ``section`` column) and XLSX (a sheet per grouping).

Numbers stay numbers (minutes with one decimal; empty where there was nothing to measure), so a
spreadsheet sums and charts them without cleaning. Names come from the catalogue, never from
request input; a cell that could start a formula is quoted (CSV/XLSX injection).
"""

from __future__ import annotations

import csv
import io
from typing import Any

from central.reports.daily import COLUMNS, Recap, RecapRow

HEADER = ["section", "group", "name", *COLUMNS[1:]]
TITLES = {
    "taken": "Tiket diambil / Taken",
    "served": "Dilayani / Served",
    "no_show": "Tidak hadir / No-show",
    "median_wait_min": "Median tunggu (menit) / Median wait (min)",
    "p90_wait_min": "P90 tunggu (menit) / P90 wait (min)",
    "median_service_min": "Median layanan (menit) / Median service (min)",
}


# What a spreadsheet reads as the start of a formula (OWASP's CSV injection list).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def spreadsheet_safe(value: object) -> object:
    """A text cell that a spreadsheet would run as a formula gets a leading apostrophe (shown as
    text, run never); anything else is returned as it is. For every CSV and XLSX the central writes."""
    if isinstance(value, str) and value[:1] in _FORMULA_START:
        return "'" + value
    return value


def _lines(recap: Recap) -> list[tuple[str, str, RecapRow]]:
    return [
        ("total", "Semua layanan / All services", recap.total),
        *[("service", recap.service_names.get(r.group, r.group), r) for r in recap.services],
        *[("hour", r.group, r) for r in recap.hours],
    ]


def to_csv(recap: Recap) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for section, name, row in _lines(recap):
        values = row.as_list()
        writer.writerow(
            [
                section,
                spreadsheet_safe(values[0]),
                spreadsheet_safe(name),
                *["" if v is None else v for v in values[1:]],
            ]
        )
    return out.getvalue()


def to_xlsx(recap: Recap) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    services = book.active
    services.title = "Layanan"
    hours = book.create_sheet("Per jam")
    heads = [TITLES[c] for c in COLUMNS[1:]]
    title = f"Rekap harian {recap.site} {recap.day.isoformat()}"
    for sheet, first in ((services, "Layanan / Service"), (hours, "Jam / Hour")):
        sheet.append([title])
        sheet.append([first, *heads])
        for cell in sheet[2]:
            cell.font = Font(bold=True)
        sheet.column_dimensions["A"].width = 42
        sheet.freeze_panes = "B3"
    rows: list[tuple[Any, str, RecapRow]] = [
        (services, recap.service_names.get(r.group, r.group), r) for r in recap.services
    ]
    rows.append((services, "Semua layanan / All services", recap.total))
    rows.extend((hours, r.group, r) for r in recap.hours)
    for sheet, name, row in rows:
        sheet.append([spreadsheet_safe(name), *row.as_list()[1:]])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
