"""CSV downloads, streamed row by row so that their size does not matter."""

import csv

from django.http import StreamingHttpResponse


def safe_cell(value) -> str:
    """Spreadsheets run a cell that starts with = + - or @ as a formula: such text is kept as text."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text


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
