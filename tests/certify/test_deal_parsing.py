"""Reading a CRM export is pure Python: no database, every bad row named by its line."""

from datetime import date
from decimal import Decimal
from types import SimpleNamespace

import pytest

from certify.importers import DealImportRefused, parse_deals

HEADER = "Opportunity ID,Owner Email,Account Name,Stage,Amount Currency,Amount,Close Date\n"


def export(*rows: str) -> bytes:
    return (HEADER + "".join(row + "\n" for row in rows)).encode()


def test_a_good_export_is_read_without_the_database():
    # No django_db mark: any query here would fail the test.
    parsed = parse_deals(
        export(
            '006A,Rep@Test.example,"Acme, Inc.",Closed Won,USD,"$12,500.00",3/14/2025',
            "006B,rep@test.example,Globex,Prospecting,USD,900,3/15/2025",
        ),
        file_name="deals.csv",
    )
    [row] = parsed.rows
    assert (row.line, row.external_id, row.email, row.account) == (2, "006A", "rep@test.example", "Acme, Inc.")
    assert (row.amount, row.currency, row.close_date) == (Decimal("12500.00"), "USD", date(2025, 3, 14))
    assert [(skipped.line, skipped.external_id, skipped.stage) for skipped in parsed.skipped] == [
        (3, "006B", "Prospecting")
    ]


def test_a_bad_row_is_refused_with_its_line_number():
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(
            export(
                "006A,rep@test.example,Acme,Closed Won,USD,1000,3/14/2025",
                "006B,rep@test.example,Globex,Closed Won,USD,lots,3/14/2025",
            ),
            file_name="deals.csv",
        )
    assert str(refused.value) == "deals.csv: 1 problem in the file, so nothing was imported."
    assert refused.value.errors == [
        "Line 3: Amount “lots” is not an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00"
    ]


def test_the_owner_lookup_is_passed_in_and_its_refusals_join_the_others_by_line():
    person = SimpleNamespace(is_active=True, in_rep_group=True)
    asked = []

    def people(emails):
        asked.append(emails)
        return {"rep@test.example": person, "judge@test.example": SimpleNamespace(is_active=True, in_rep_group=False)}

    data = export(
        "006A,judge@test.example,Acme,Closed Won,USD,1000,3/14/2025",
        "006B,rep@test.example,Globex,Closed Won,USD,1000,14/03/2025",
    )
    with pytest.raises(DealImportRefused) as refused:
        parse_deals(data, file_name="deals.csv", people=people)
    assert asked == [{"judge@test.example", "rep@test.example"}]
    assert refused.value.errors == [
        "Line 2: no active rep has the email judge@test.example (that person is not a rep)",
        "Line 3: Close Date “14/03/2025” is not a date in the form MM/DD/YYYY "
        "(it looks like DD/MM/YYYY: choose that date format)",
    ]
    good = export("006B,rep@test.example,Globex,Closed Won,USD,1000,3/14/2025")
    parsed = parse_deals(good, file_name="deals.csv", people=people)
    assert parsed.rows[0].rep is person
