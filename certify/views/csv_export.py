"""CSV downloads, streamed row by row so that their size does not matter."""

import csv

from django.http import StreamingHttpResponse


# What a spreadsheet may read as the start of a formula (OWASP's CSV injection list): = + - @, and
# a tab or carriage return, which some spreadsheets skip before reading the formula behind them.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """A cell that a spreadsheet would run as a formula is kept as text (a leading apostrophe)."""
    text = str(value)
    return "'" + text if text[:1] in FORMULA_STARTS else text


class _Echo:
    """A file-like object whose write hands back what it is given, for csv.writer to format one row at a time."""

    def write(self, value):
        return value


def csv_response(rows, *, filename: str) -> StreamingHttpResponse:
    """A streamed CSV attachment of `rows` (an iterable of lists; every cell passes through safe_cell)."""
    writer = csv.writer(_Echo())
    response = StreamingHttpResponse(
        (writer.writerow([safe_cell(value) for value in row]) for row in rows), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
