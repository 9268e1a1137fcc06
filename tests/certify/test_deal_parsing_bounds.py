"""A deals export that cannot be read as it was written is refused with its line, not read some other way."""

import pytest

from certify.importers import DealImportRefused, parse_deals

HEADER = (
    "Opportunity ID,Owner Email,Account Name,Stage,Amount Currency,Amount,Close Date\n"
)


def export(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def test_an_unterminated_quote_is_refused_with_the_line_it_opens_on():
    data = export(
        "006A,rep@test.example,Acme,Closed Won,USD,1000,3/14/2025",
        '006B,rep@test.example,"Globex,Closed Won,USD,900,3/14/2025',
        "006C,rep@test.example,Initech,Closed Won,USD,800,3/14/2025",
    )
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(data, file_name="deals.csv")
    assert refused.value.errors == [
        'Line 3: a quote (") opens a cell here and is never closed, so nothing was imported.'
    ]


def test_an_unterminated_quote_in_the_stage_column_is_not_reported_as_skipped():
    data = export('006A,rep@test.example,Acme,"Closed Won,USD,1000,3/14/2025')
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(data, file_name="deals.csv")
    assert refused.value.errors[0].startswith("Line 2: a quote")


def test_a_nul_byte_is_refused_with_its_line():
    data = export(
        "006A,rep@test.example,Acme,Closed Won,USD,1000,3/14/2025",
        "006B,rep@test.example,Glo\x00bex,Closed Won,USD,900,3/14/2025",
    )
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(data, file_name="deals.csv")
    assert refused.value.errors == [
        "Line 3: a NUL character, which is never part of text: remove it and import again."
    ]
