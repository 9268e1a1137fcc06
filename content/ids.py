"""Ids in URLs and query strings: digits only, and never more than the database's integers hold.

Django's `<int:...>` converter takes any run of digits, and a 20-digit id overflows the integer lookups of
SQLite and PostgreSQL (a server error rather than "not found"). Every route of ours with an id uses
`<id:...>` instead: an id of more than 18 digits does not match the route, so it answers 404 like any
other id that names nothing. `parse_id` reads an id from a query string or a form by the same rule.
"""

from django.urls import register_converter
from django.urls.converters import get_converters

MAX_DIGITS = 18  # 10**18 - 1 is below the largest bigint (2**63 - 1), and far above any id we make


class IdConverter:
    regex = f"[0-9]{{1,{MAX_DIGITS}}}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def parse_id(value) -> int | None:
    """The id a query string or form field names, or None when it is not 1 to 18 ASCII digits."""
    text = str(value if value is not None else "").strip()
    if not (0 < len(text) <= MAX_DIGITS and text.isascii() and text.isdigit()):
        return None
    return int(text)


def register_id_converter() -> None:
    """Make `<id:...>` available to the URL patterns (once: Django refuses to register a name twice)."""
    if "id" not in get_converters():
        register_converter(IdConverter, "id")
