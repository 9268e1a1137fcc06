"""Read people's start dates from a CSV file of `email,start_date` (pure Python, no database).

The file is read as the deals import reads a CRM export (certify.importers: the same decoding, delimiter
sniffing, strict CSV reading and date parsing). Every bad row is reported with its line number:
`parse_start_dates` returns the rows only when there is none, and raises StartDateImportRefused listing them
otherwise. Matching each email to a person needs the database, so the caller passes the lookup in (`people`);
the writing is `certify.services.start_dates_import`.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.exceptions import ValidationError

from .exceptions import DomainError
from .importers import (
    DATE_FORMAT_SHAPES,
    DATE_FORMATS,
    DealImportRefused,
    csv_records,
    date_error,
    decode_csv,
    parse_date,
    sniff_delimiter,
)
from .models import validate_start_date

DEFAULT_DATE_FORMAT = "%Y-%m-%d"  # ISO dates
START_DATE_FORMATS = [(DEFAULT_DATE_FORMAT, "YYYY-MM-DD (2025-03-14)")] + [
    choice for choice in DATE_FORMATS if choice[0] != DEFAULT_DATE_FORMAT
]
MAX_FILE_BYTES = 2 * 1024 * 1024
MAX_ROWS = 20_000
MAX_ERRORS = 100
MAX_EMAIL_LENGTH = 254
# The headers each column may have, compared in lower case with spaces, dashes and underscores left out.
HEADERS = {"email": ("email", "emailaddress"), "start_date": ("startdate", "start")}
COLUMN_NAMES = {"email": "email", "start_date": "start_date"}


class StartDateImportRefused(DomainError):
    """The file cannot be imported; `errors` lists each problem, most of them as "Line N: ..."."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = list(errors) if errors else [message]


@dataclass
class StartDateRow:
    """One person's start date as the file gives it; `person` is whom the email names, once matched."""

    line: int
    email: str  # in lower case ("" on a row whose email is missing or repeated: that row is refused)
    start_date: date | None
    person: Any = None


def _key(header: str) -> str:
    return "".join(ch for ch in header.casefold() if ch not in " -_")


def _columns(header: list) -> dict:
    found, problems = {}, []
    for name, accepted in HEADERS.items():
        positions = [index for index, cell in enumerate(header) if _key(cell) in accepted]
        if len(positions) > 1:
            problems.append(f"Line 1: {len(positions)} columns are called “{COLUMN_NAMES[name]}”; the import cannot tell which to read.")
        elif not positions:
            problems.append(
                f"Line 1: there is no “{COLUMN_NAMES[name]}” column. The columns are: {', '.join(h for h in header if h) or 'none'}."
            )
        else:
            found[name] = positions[0]
    if problems:
        raise StartDateImportRefused("The header line must name an email and a start_date column, so nothing was imported.", problems)
    return found


def _read(text: str, date_format: str) -> tuple[list, list]:
    try:
        records = csv_records(text, sniff_delimiter(text))
        first = next(records, None)
        if first is None or not any(first[1]):
            raise StartDateImportRefused("The file is empty: there is no header line (email,start_date).")
        columns = _columns(first[1])
        rows, errors, first_line_of, count = [], [], {}, 0
        for line, cells in records:
            if not any(cells):
                continue
            count += 1
            if count > MAX_ROWS:
                raise StartDateImportRefused(
                    f"The file has more than {MAX_ROWS:,} rows: split it and import each part. Nothing was imported."
                )
            email = cells[columns["email"]].lower() if columns["email"] < len(cells) else ""
            value = cells[columns["start_date"]] if columns["start_date"] < len(cells) else ""
            problems, start_date = [], None
            if not email:
                problems.append("the email is empty")
            elif len(email) > MAX_EMAIL_LENGTH:
                problems.append(f"the email is longer than {MAX_EMAIL_LENGTH} characters")
            elif email in first_line_of:
                problems.append(f"{email} is also on line {first_line_of[email]}")
            else:
                first_line_of[email] = line
            if not value:
                problems.append("the start date is empty")
            else:
                try:
                    start_date = parse_date(value, date_format)
                except ValueError:
                    problems.append(date_error("the start date", value, date_format))
                else:
                    try:
                        validate_start_date(start_date)
                    except ValidationError as error:
                        problems.append(f"the start date “{value}”: {error.messages[0]}")
            errors.extend((line, f"Line {line}: {problem}") for problem in problems)
            rows.append(StartDateRow(line=line, email=email if first_line_of.get(email) == line else "", start_date=start_date))
    except DealImportRefused as error:  # the reading shared with the deals import: its message, this import's refusal
        raise StartDateImportRefused(str(error), error.errors) from None
    return rows, errors


def _refused(file_name: str, errors: list) -> StartDateImportRefused:
    messages = [message for _line, message in sorted(errors, key=lambda error: error[0])]
    shown = messages[:MAX_ERRORS]
    if len(messages) > MAX_ERRORS:
        shown.append(f"… and {len(messages) - MAX_ERRORS} more")
    count = len(messages)
    return StartDateImportRefused(
        f"{file_name}: {count} problem{'s' if count != 1 else ''} in the file, so nothing was imported.", shown
    )


def parse_start_dates(
    data: bytes,
    *,
    file_name: str,
    date_format: str = DEFAULT_DATE_FORMAT,
    people: Callable[[set[str]], Mapping[str, Any]] | None = None,
) -> list[StartDateRow]:
    """The start dates of the file, or StartDateImportRefused listing every bad row by its line.

    `people`, given the file's emails (in lower case), returns the person each names; an email nobody has is a
    bad row, and each row's `person` is then whom it names. Without it no email is checked.
    Raises DomainError for an unknown date format.
    """
    if date_format not in DATE_FORMAT_SHAPES:
        raise DomainError(f"Unknown date format {date_format}; the formats are: {', '.join(DATE_FORMAT_SHAPES)}.")
    if len(data) > MAX_FILE_BYTES:
        raise StartDateImportRefused(f"{file_name} is over 2 MB: split it and import each part.")
    try:
        text = decode_csv(data)
    except DealImportRefused as error:
        raise StartDateImportRefused(str(error)) from None
    if (nul := text.find("\x00")) >= 0:
        line = text.count("\n", 0, nul) + 1
        raise StartDateImportRefused(f"Line {line}: a NUL character, which is never part of text: remove it and import again.")
    rows, errors = _read(text, date_format)
    if people is not None:
        found = people({row.email for row in rows if row.email})
        for row in rows:
            if row.email:
                row.person = found.get(row.email)
                if row.person is None:
                    errors.append((row.line, f"Line {row.line}: nobody here has the email {row.email}"))
    if errors:
        raise _refused(file_name, errors)
    return rows
