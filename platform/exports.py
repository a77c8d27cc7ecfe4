"""CSV exports of the lists staff filter: opened by a double click in a French spreadsheet."""

import csv
from collections.abc import Iterable, Sequence

from django.http import HttpResponse

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    """A value as text, defused: a spreadsheet runs a cell that starts like a formula, and
    names and messages come from the public (CSV injection)."""
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(FORMULA_STARTS) else text


def csv_response(filename: str, header: Sequence[str], rows: Iterable[Sequence]) -> HttpResponse:
    """A CSV download: UTF-8 with a byte order mark and semicolons, which is what Excel in
    French expects (without them accents break and every line lands in one column)."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(header)
    writer.writerows([_cell(value) for value in row] for row in rows)
    return response
