"""Read closed-won deals from a CRM report exported as CSV (pure Python, no database).

A Salesforce opportunity report exported as CSV ("Details only") reads as it is; any other CRM's
export reads once its column headers are named. Every bad row of the file is reported with its line
number: `parse_deals` returns the rows only when there is none, and raises DealImportRefused listing
them otherwise. Matching each row's owner email to a rep needs the database, so the caller passes the
lookup in (`people`); the writing is `certify.services.deals_import`.
"""

import codecs
import csv
import io
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from .dates import DEAL_FUTURE_DAYS, DEAL_PAST_DAYS, date_window_problem
from .exceptions import DomainError

# Each field of a deal and the header of its column in a Salesforce opportunity report export.
COLUMNS = {
    "external_id": "Opportunity ID",
    "rep_email": "Owner Email",
    "account": "Account Name",
    "amount": "Amount",
    "currency": "Amount Currency",
    "close_date": "Close Date",
    "stage": "Stage",
}
# A file may leave these out: without a currency column the import's default currency applies;
# without a stage column every row counts as closed-won.
OPTIONAL_COLUMNS = frozenset({"currency", "stage"})

DEFAULT_DATE_FORMAT = "%m/%d/%Y"
DATE_FORMATS = [
    ("%m/%d/%Y", "MM/DD/YYYY, as Salesforce exports in the US (3/14/2025)"),
    ("%Y-%m-%d", "YYYY-MM-DD (2025-03-14)"),
    ("%d/%m/%Y", "DD/MM/YYYY (14/03/2025)"),
    ("%d.%m.%Y", "DD.MM.YYYY (14.03.2025)"),
]
DATE_FORMAT_SHAPES = {
    "%m/%d/%Y": "MM/DD/YYYY",
    "%Y-%m-%d": "YYYY-MM-DD",
    "%d/%m/%Y": "DD/MM/YYYY",
    "%d.%m.%Y": "DD.MM.YYYY",
}
DEFAULT_CURRENCY = "USD"

# Stages that mean closed-won, compared in lower case with everything but letters left out.
WON_STAGES = frozenset({"closedwon", "won"})

MAX_FILE_BYTES = 10 * 1024 * 1024
TOO_BIG = "is over 10 MB: split the report (by close date, say) and import each part."
MAX_ERRORS = 100
MAX_AMOUNT = Decimal("999999999999.99")  # Deal.amount holds 14 digits, 2 of them decimals.
DELIMITERS = (",", ";", "\t")


class DealImportRefused(DomainError):
    """The file cannot be imported; `errors` lists each problem, most of them as "Line N: ..."."""

    def __init__(self, message, errors=None):
        super().__init__(message)
        self.errors = list(errors) if errors else [message]


_AMOUNT = re.compile(
    r"""
    (?P<code>[A-Za-z]{3})?\s*       # USD 12,500.00
    (?P<sign>[-+])?\s*
    (?P<symbol>[$€£¥])?\s*          # $12,500.00
    (?P<sign_after_symbol>[-+])?
    (?P<number>[0-9][0-9,]*(?:\.[0-9]*)?|\.[0-9]+)
    \s*(?P<code_after>[A-Za-z]{3})? # 12,500.00 USD
    """,
    re.VERBOSE,
)
_GROUPED = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]*)?")
CURRENCY_CODE = re.compile(r"[A-Za-z]{3}")
# A date may come with a time of day (HubSpot exports "2025-03-14 10:22"): the time is left out.
_DATE_WITH_TIME = re.compile(
    r"(?P<date>[^\sT]+)"
    r"(?:[ T]+[0-9]{1,2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]+)?)?\s*(?:[AaPp][Mm])?\s*(?:Z|[+-][0-9]{2}:?[0-9]{2})?)?"
)
AMOUNT_SHAPE = "an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00"


def parse_amount(text: str) -> tuple[Decimal, str | None]:
    """The amount of a cell and the currency code written with it, if any.

    A dot is the decimal point and commas separate thousands: "1.234,50" is refused rather than
    guessed at. Raises ValueError with the reason, worded to follow the cell's value.
    """
    value = text.strip()
    negative = value.startswith("(") and value.endswith(")")  # (1,250.00): an accounting negative
    if negative:
        value = value[1:-1].strip()
    match = _AMOUNT.fullmatch(value)
    if match is None or (match["code"] and match["code_after"]) or (match["sign"] and match["sign_after_symbol"]):
        raise ValueError(f"is not {AMOUNT_SHAPE}")
    number = match["number"]
    if "," in number and not _GROUPED.fullmatch(number):
        raise ValueError(f"is not {AMOUNT_SHAPE} (commas may only separate thousands)")
    try:
        amount = Decimal(number.replace(",", ""))
    except InvalidOperation:
        raise ValueError(f"is not {AMOUNT_SHAPE}") from None
    if len(number.partition(".")[2]) > 2:
        raise ValueError("has more than two decimals (a dot is the decimal point, a comma separates thousands)")
    if negative or "-" in {match["sign"], match["sign_after_symbol"]}:
        amount = -amount
    if amount <= 0:
        raise ValueError("must be more than zero")
    if amount > MAX_AMOUNT:
        raise ValueError("is too large")
    code = match["code"] or match["code_after"]
    return amount.quantize(Decimal("0.01")), code.upper() if code else None


def parse_date(text: str, date_format: str) -> date:
    """The date of a cell in the chosen format, a time of day after it left out; ValueError if it is none."""
    match = _DATE_WITH_TIME.fullmatch(text.strip())
    if match is None:
        raise ValueError(text)
    return datetime.strptime(match["date"], date_format).date()


def decode_csv(data: bytes) -> str:
    """The text of an uploaded CSV file: UTF-8 (with or without its mark), UTF-16 with its mark, or Windows-1252;
    an Excel workbook or unreadable bytes are refused (DealImportRefused) with what to do instead."""
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise DealImportRefused(
            "This is an Excel workbook, not a CSV file: export the report as CSV (or save it as CSV) and import that."
        )
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    else:
        for encoding in ("utf-8-sig", "cp1252"):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                continue
    raise DealImportRefused("The file's characters cannot be read: save it as CSV in UTF-8 and import it again.")


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab: whichever splits the header line into the most columns (comma on a tie)."""
    first_line = io.StringIO(text, newline="").readline()
    best, most = ",", 0
    for delimiter in DELIMITERS:
        try:
            count = len(next(csv.reader([first_line], delimiter=delimiter), []))
        except csv.Error:
            continue
        if count > most:
            best, most = delimiter, count
    return best


def csv_records(text: str, delimiter: str):
    """Each record of the file with the line it starts on (the header is line 1)."""
    # Strict: a quote left open is an error on the line it opens, not the rest of the file read as one cell.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    start = 1
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            if str(error) == "unexpected end of data":
                raise DealImportRefused(
                    f"Line {start}: a quote (\") opens a cell here and is never closed, so nothing was imported."
                ) from error
            raise DealImportRefused(f"Line {start}: the file cannot be read as CSV here ({error}).") from error
        yield start, [cell.strip() for cell in cells]
        start = reader.line_num + 1


def _column_headers(mapping: dict | None) -> dict:
    mapping = mapping or {}
    unknown = sorted(set(mapping) - set(COLUMNS))
    if unknown:
        raise DomainError(f"No deal field is called {', '.join(unknown)}. The fields are: {', '.join(COLUMNS)}.")
    return {name: (mapping.get(name) or "").strip() or default for name, default in COLUMNS.items()}


@dataclass
class DealRow:
    """One closed-won deal of the file, as read; `rep` is the person the owner email names, once matched."""

    line: int
    external_id: str
    email: str
    account: str
    amount: Decimal | None
    currency: str | None
    close_date: date | None
    rep: Any = None


@dataclass(frozen=True)
class SkippedDeal:
    """A row at a stage other than closed-won: not imported."""

    line: int
    external_id: str
    stage: str


@dataclass
class ParsedDeals:
    rows: list[DealRow] = field(default_factory=list)
    skipped: list[SkippedDeal] = field(default_factory=list)


@dataclass
class _Reading:
    rows: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    errors: list = field(default_factory=list)  # (line, message)


def _read(text: str, headers: dict, date_format: str, default_currency: str, today: date) -> _Reading:
    records = csv_records(text, sniff_delimiter(text))
    first = next(records, None)
    if first is None or not any(first[1]):
        raise DealImportRefused("The file is empty: there is no header line.")
    header = first[1]
    positions = {}
    for index, name in enumerate(header):
        positions.setdefault(name.casefold(), []).append(index)
    columns, problems, unreadable = {}, [], []
    for name, wanted in headers.items():
        found = positions.get(wanted.casefold(), [])
        if len(found) > 1:
            unreadable.append(f"“{wanted}”")
            problems.append(
                f"Line 1: {len(found)} columns are called “{wanted}”; the import cannot tell which to read."
            )
        elif found:
            columns[name] = found[0]
        elif name not in OPTIONAL_COLUMNS:
            unreadable.append(f"“{wanted}”")
            problems.append(
                f"Line 1: there is no “{wanted}” column (for the {name.replace('_', ' ')}). "
                f"The columns are: {', '.join(h for h in header if h)}."
            )
    if problems:
        raise DealImportRefused(
            f"Line 1: the header line has no single column called {', '.join(unreadable)}, "
            "so nothing was imported. Name the columns to read in the import form (or with --map).",
            problems,
        )
    label = {name: header[index] for name, index in columns.items()}

    reading = _Reading()
    first_line_of = {}
    after_blank = False
    for line, cells in records:
        filled = [cell for cell in cells if cell]
        if not filled:
            after_blank = True
            continue
        if after_blank and len(filled) == 1:
            continue  # A report's footer after a blank line: "Grand Totals (12 records)", "Confidential ...".
        after_blank = False

        def cell(name):
            index = columns.get(name)
            return cells[index] if index is not None and index < len(cells) else ""

        external_id = cell("external_id")
        if "stage" in columns and re.sub(r"[^a-z]", "", cell("stage").casefold()) not in WON_STAGES:
            reading.skipped.append(SkippedDeal(line, external_id, cell("stage")))
            continue

        errors = []
        for name in ("external_id", "rep_email", "account", "amount", "close_date"):
            if not cell(name):
                errors.append(f"{label[name]} is empty")
        if len(external_id) > 100:
            errors.append(f"{label['external_id']} “{external_id[:40]}…” is longer than 100 characters")
        elif external_id in first_line_of:
            errors.append(f"{label['external_id']} “{external_id}” is also on line {first_line_of[external_id]}")
        elif external_id:
            first_line_of[external_id] = line
        account = cell("account")
        if len(account) > 255:
            errors.append(f"{label['account']} is longer than 255 characters")

        amount = amount_code = None
        if cell("amount"):
            try:
                amount, amount_code = parse_amount(cell("amount"))
            except ValueError as error:
                errors.append(f"{label['amount']} “{cell('amount')}” {error}")
        currency = cell("currency").upper() or amount_code or default_currency
        if cell("currency") and not CURRENCY_CODE.fullmatch(currency):
            errors.append(
                f"{label['currency']} “{cell('currency')}” is not a three-letter currency code such as USD"
            )
            currency = None
        elif amount_code and currency != amount_code:
            errors.append(
                f"{label['amount']} “{cell('amount')}” is in {amount_code} but {label['currency']} says {currency}"
            )

        close_date = None
        if cell("close_date"):
            try:
                close_date = parse_date(cell("close_date"), date_format)
            except ValueError:
                errors.append(date_error(label["close_date"], cell("close_date"), date_format))
            else:
                problem = date_window_problem(
                    close_date, past_days=DEAL_PAST_DAYS, future_days=DEAL_FUTURE_DAYS, today=today
                )
                if problem:
                    errors.append(f"{label['close_date']} “{cell('close_date')}”: {problem}")

        reading.errors.extend((line, f"Line {line}: {error}") for error in errors)
        reading.rows.append(
            DealRow(
                line=line,
                external_id=external_id,
                email=cell("rep_email").lower(),
                account=account,
                amount=amount,
                currency=currency,
                close_date=close_date,
            )
        )
    return reading


def date_error(column: str, value: str, date_format: str) -> str:
    """Why a cell is not a date in the chosen format, and the format it looks like if it is in another one."""
    message = f"{column} “{value}” is not a date in the form {DATE_FORMAT_SHAPES[date_format]}"
    for other, _ in DATE_FORMATS:
        if other == date_format:
            continue
        try:
            parse_date(value, other)
        except ValueError:
            continue
        return f"{message} (it looks like {DATE_FORMAT_SHAPES[other]}: choose that date format)"
    return message


def rep_error(line: int, email: str, person) -> str | None:
    """Why the person an owner email names (None: nobody) cannot own a deal, or None if they can.

    `person` needs `is_active` and `in_rep_group` (whether they have the rep role).
    """
    if person is None:
        return f"Line {line}: no active rep has the email {email}"
    if not person.is_active:
        return f"Line {line}: no active rep has the email {email} (that account is deactivated)"
    if not person.in_rep_group:
        return f"Line {line}: no active rep has the email {email} (that person is not a rep)"
    return None


def _refused(file_name: str, errors: list) -> DealImportRefused:
    errors = [message for _, message in sorted(errors, key=lambda error: error[0])]
    count = len(errors)
    shown = errors[:MAX_ERRORS]
    if count > MAX_ERRORS:
        shown.append(f"… and {count - MAX_ERRORS} more")
    return DealImportRefused(
        f"{file_name}: {count} problem{'s' if count != 1 else ''} in the file, so nothing was imported.", shown
    )


def parse_deals(
    data: bytes,
    *,
    file_name: str,
    mapping: dict | None = None,
    date_format: str = DEFAULT_DATE_FORMAT,
    default_currency: str = DEFAULT_CURRENCY,
    people: Callable[[set[str]], Mapping[str, Any]] | None = None,
    today: date | None = None,
) -> ParsedDeals:
    """The closed-won deals of a CRM export, or DealImportRefused listing every bad row by its line.

    `mapping` names the file's header for any field of COLUMNS that differs from the Salesforce
    default. `people`, given the owner emails of the file (in lower case), returns the person each
    names (see rep_error); each row's `rep` is then that person. Without it no owner is checked. A close date
    must fall within DEAL_PAST_DAYS before `today` (by default, today) and DEAL_FUTURE_DAYS after it.
    Raises DomainError for an unknown field, date format or default currency.
    """
    headers = _column_headers(mapping)
    if date_format not in DATE_FORMAT_SHAPES:
        raise DomainError(f"Unknown date format {date_format}; the formats are: {', '.join(DATE_FORMAT_SHAPES)}.")
    default_currency = (default_currency or "").strip().upper()
    if not CURRENCY_CODE.fullmatch(default_currency):
        raise DomainError("The default currency must be a three-letter code such as USD.")
    if len(data) > MAX_FILE_BYTES:
        raise DealImportRefused(f"{file_name} {TOO_BIG}")

    text = decode_csv(data)
    if (nul := text.find("\x00")) >= 0:
        line = text.count("\n", 0, nul) + 1
        raise DealImportRefused(f"Line {line}: a NUL character, which is never part of text: remove it and import again.")
    reading = _read(text, headers, date_format, default_currency, today or date.today())
    errors = list(reading.errors)
    if people is not None:
        found = people({row.email for row in reading.rows if row.email})
        for row in reading.rows:
            if row.email:
                person = found.get(row.email)
                error = rep_error(row.line, row.email, person)
                if error:
                    errors.append((row.line, error))
                else:
                    row.rep = person
    if errors:
        raise _refused(file_name, errors)
    return ParsedDeals(rows=reading.rows, skipped=reading.skipped)
