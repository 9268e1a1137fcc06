"""Closed-won deals from a CRM report exported as CSV: the import service. Its form is in
certify/forms/deals.py, its admin page in certify/admin/views.py; `reading` reads the file,
`importing` matches and writes it.

A Salesforce opportunity report exported as CSV ("Details only") imports as it is; any other CRM's
export imports once its column headers are named in the form or on the command line. The import is
all or nothing: every bad row of the file is reported with its line number, and if there is one,
nothing is written. Deals are matched by their CRM id, so importing the same file twice changes
nothing the second time.
"""


from .importing import DealImportSummary, deals_import
from .reading import (
    AMOUNT_SHAPE,
    COLUMNS,
    CURRENCY_CODE,
    DATE_FORMAT_SHAPES,
    DATE_FORMATS,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    DELIMITERS,
    LOOKUP_BATCH,
    MAX_AMOUNT,
    MAX_ERRORS,
    MAX_FILE_BYTES,
    OPTIONAL_COLUMNS,
    TOO_BIG,
    WON_STAGES,
    DealImportRefused,
    parse_amount,
    parse_date,
)

__all__ = [
    "AMOUNT_SHAPE",
    "COLUMNS",
    "CURRENCY_CODE",
    "DATE_FORMAT_SHAPES",
    "DATE_FORMATS",
    "DEFAULT_CURRENCY",
    "DEFAULT_DATE_FORMAT",
    "DELIMITERS",
    "LOOKUP_BATCH",
    "MAX_AMOUNT",
    "MAX_ERRORS",
    "MAX_FILE_BYTES",
    "OPTIONAL_COLUMNS",
    "TOO_BIG",
    "WON_STAGES",
    "DealImportRefused",
    "DealImportSummary",
    "deals_import",
    "parse_amount",
    "parse_date",
]
