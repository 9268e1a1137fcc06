"""The names `certify.deal_import` used to hold, kept importable from here for the modules that still do.

The reading of a CRM export is certify.importers (pure Python, no database); the writing is
certify.services.deals_import. New code imports from those; this module goes once nothing imports it.
"""

from .importers import (
    AMOUNT_SHAPE,
    COLUMNS,
    CURRENCY_CODE,
    DATE_FORMAT_SHAPES,
    DATE_FORMATS,
    DEFAULT_CURRENCY,
    DEFAULT_DATE_FORMAT,
    DELIMITERS,
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
from .services.deals import LOOKUP_BATCH, DealImportSummary, deals_import

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
