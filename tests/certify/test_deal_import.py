"""Importing closed-won deals from a CRM export: the service, the management command and the admin page."""

import csv
import io
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.middleware import SessionMiddleware
from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import RequestFactory

from certify.admin.views import deal_import_view
from certify.importers import COLUMNS, DealImportRefused, parse_amount
from certify.services import deals_import
from certify.forms import DealImportForm
from certify.exceptions import DomainError, PermissionRefused
from certify.models import Deal, DealImport
from tests.factories.certify import JudgeFactory, RepFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "deals"
SALESFORCE = FIXTURES / "salesforce_opportunities.csv"
HUBSPOT = FIXTURES / "hubspot_deals.csv"
HUBSPOT_MAPPING = {
    "external_id": "Record ID",
    "rep_email": "Deal owner email",
    "account": "Associated Company",
    "currency": "Currency",
    "stage": "Deal Stage",
}

NEW_ACME = "Line 2: new deal 0065e00000AbC01 — Acme, Inc., USD 12,500.00, closed 2025-03-14, rep@test.example"

HEADER = ["Opportunity ID", "Owner Email", "Account Name", "Stage", "Amount Currency", "Amount", "Close Date"]


def deal_row(external_id, **values):
    """A row of a small Salesforce-style export; any column can be given by its field name."""
    row = {
        "external_id": external_id,
        "rep_email": "rep@test.example",
        "account": "Acme, Inc.",
        "stage": "Closed Won",
        "currency": "USD",
        "amount": "$1,000.00",
        "close_date": "3/14/2025",
    }
    row.update(values)
    return [row[name] for name in ("external_id", "rep_email", "account", "stage", "currency", "amount", "close_date")]


def without(position, row):
    return row[:position] + row[position + 1 :]


def csv_bytes(rows, header=HEADER, delimiter=",", encoding="utf-8", line_end="\r\n"):
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=line_end)
    writer.writerow(header)
    writer.writerows(rows)
    return buffer.getvalue().encode(encoding)


def run(data, *, actor=None, file_name="deals.csv", **options):
    return deals_import(actor=actor, file_name=file_name, data=data, **options)


@pytest.fixture
def sam(db):
    return RepFactory(email="sam.lee@test.example")


@pytest.fixture
def reps(rep, other_rep, sam):
    return rep, other_rep, sam


# The Salesforce export ------------------------------------------------------------------------------


def test_salesforce_export_imports_its_closed_won_deals_with_their_values(reps, enablement_admin):
    rep, other_rep, sam = reps

    summary = run(SALESFORCE.read_bytes(), actor=enablement_admin, file_name=SALESFORCE.name)

    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (10, 0, 0, 2)
    assert Deal.objects.count() == 10
    assert not Deal.objects.filter(external_id__in=["0065e00000AbC04", "0065e00000AbC07"]).exists()
    acme = Deal.objects.get(external_id="0065e00000AbC01")
    assert (acme.rep, acme.account, acme.amount, acme.currency, acme.close_date) == (
        rep,
        "Acme, Inc.",
        Decimal("12500.00"),
        "USD",
        date(2025, 3, 14),
    )
    muller = Deal.objects.get(external_id="0065e00000AbC03")
    assert (muller.rep, muller.account, muller.amount, muller.currency) == (
        sam,
        "Müller & Söhne GmbH",
        Decimal("9900.00"),
        "EUR",
    )
    assert Deal.objects.get(external_id="0065e00000AbC08").amount == Decimal("1250.50")
    assert Deal.objects.get(external_id="0065e00000AbC05").close_date == date(2024, 12, 19)
    assert Deal.objects.get(external_id="0065e00000AbC09").currency == "GBP"
    assert Deal.objects.get(external_id="0065e00000AbC11").amount == Decimal("5000.00")
    assert sorted(Deal.objects.filter(rep=sam).values_list("external_id", flat=True)) == [
        "0065e00000AbC03",
        "0065e00000AbC10",
    ]
    record = summary.record
    assert (record.file_name, record.imported_by, record.created, record.updated, record.unchanged, record.skipped) == (
        "salesforce_opportunities.csv",
        enablement_admin,
        10,
        0,
        0,
        2,
    )
    assert set(Deal.objects.values_list("imported_by", flat=True)) == {record.pk}
    assert summary.rep_ids == sorted([rep.pk, other_rep.pk, sam.pk])
    assert NEW_ACME in summary.changes
    assert len(summary.changes) == 10


def test_importing_the_same_file_again_changes_nothing(reps):
    first = run(SALESFORCE.read_bytes())
    before = {deal.external_id: (deal.pk, deal.updated_at, deal.imported_by_id) for deal in Deal.objects.all()}

    second = run(SALESFORCE.read_bytes())

    assert (second.created, second.updated, second.unchanged, second.skipped) == (0, 0, 10, 2)
    assert second.changes == [] and second.rep_ids == []
    after = {deal.external_id: (deal.pk, deal.updated_at, deal.imported_by_id) for deal in Deal.objects.all()}
    assert after == before
    assert set(deal[2] for deal in after.values()) == {first.record.pk}
    assert DealImport.objects.count() == 2


def test_a_real_import_queues_one_tier_recomputation_after_commit_and_an_unchanged_one_none(
    reps, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run(SALESFORCE.read_bytes())
    assert len(callbacks) == 1

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run(SALESFORCE.read_bytes())
    assert callbacks == []


def test_a_changed_amount_updates_the_deal_in_place(rep):
    run(csv_bytes([deal_row("006A", amount="10,000.00"), deal_row("006B")]))
    deal = Deal.objects.get(external_id="006A")

    summary = run(csv_bytes([deal_row("006A", amount="$12,500.00"), deal_row("006B")]))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 1)
    assert summary.changes == ["Line 2: amount 10,000.00 → 12,500.00"]
    deal.refresh_from_db()
    assert deal.amount == Decimal("12500.00")
    assert Deal.objects.count() == 2
    assert deal.imported_by == summary.record
    assert Deal.objects.get(external_id="006B").imported_by != summary.record


def test_every_difference_of_an_updated_deal_is_listed_and_both_reps_are_recomputed(rep, other_rep):
    run(csv_bytes([deal_row("006A")]))

    summary = run(
        csv_bytes(
            [
                deal_row(
                    "006A",
                    rep_email="Other.Rep@test.example",
                    account="Acme Holdings, Inc.",
                    amount="EUR 2,000.00",
                    currency="EUR",
                    close_date="3/15/2025",
                )
            ]
        )
    )

    assert summary.changes == [
        "Line 2: rep rep@test.example → other.rep@test.example; account Acme, Inc. → Acme Holdings, Inc.; "
        "amount 1,000.00 → 2,000.00; currency USD → EUR; close date 2025-03-14 → 2025-03-15"
    ]
    deal = Deal.objects.get(external_id="006A")
    assert (deal.rep, deal.account, deal.amount, deal.currency, deal.close_date) == (
        other_rep,
        "Acme Holdings, Inc.",
        Decimal("2000.00"),
        "EUR",
        date(2025, 3, 15),
    )
    assert summary.rep_ids == sorted([rep.pk, other_rep.pk])


def test_dry_run_reports_what_would_change_and_writes_nothing(reps, django_capture_on_commit_callbacks):
    rep = reps[0]
    Deal.objects.create(
        external_id="0065e00000AbC01", rep=rep, account="Acme, Inc.", amount=Decimal("10000"), currency="USD",
        close_date=date(2025, 3, 14),
    )

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        summary = run(SALESFORCE.read_bytes(), dry_run=True)

    assert summary.dry_run and summary.record is None
    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (9, 1, 0, 2)
    assert summary.changes[0] == "Line 2: amount 10,000.00 → 12,500.00"
    assert (
        "Line 3: new deal 0065e00000AbC02 — Globex Corporation, Ltd., USD 48,000.00, closed 2025-01-05, "
        "other.rep@test.example"
    ) in summary.changes
    assert len(summary.changes) == 10
    assert Deal.objects.count() == 1
    assert Deal.objects.get().amount == Decimal("10000.00")
    assert DealImport.objects.count() == 0
    assert callbacks == []


def test_a_deal_now_lost_in_the_crm_is_kept_and_the_change_noted(rep):
    run(csv_bytes([deal_row("006A")]))

    summary = run(csv_bytes([deal_row("006A", stage="Closed Lost")]))

    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (0, 0, 0, 1)
    assert summary.changes == [
        "Line 2: 006A is now at stage “Closed Lost” in the CRM; the deal imported earlier is kept as it was"
    ]
    assert Deal.objects.filter(external_id="006A").exists()


@pytest.mark.parametrize("stage", ["Closed Won", "closed won", "CLOSED WON", "Closed-Won", "closedwon", "Won", " won "])
def test_closed_won_and_won_stages_are_imported_whatever_their_case(rep, stage):
    summary = run(csv_bytes([deal_row("006A", stage=stage)]))

    assert (summary.created, summary.skipped) == (1, 0)


@pytest.mark.parametrize("stage", ["Closed Lost", "Negotiation/Review", "Won't buy", ""])
def test_other_stages_are_skipped_never_errors_even_with_an_unknown_rep(rep, stage):
    rows = [deal_row("006A", stage=stage, rep_email="nobody@test.example", amount="n/a"), deal_row("006B")]

    summary = run(csv_bytes(rows))

    assert (summary.created, summary.skipped) == (1, 1)
    assert list(Deal.objects.values_list("external_id", flat=True)) == ["006B"]


def test_without_a_stage_column_every_row_is_imported(rep):
    header = [column for column in HEADER if column != "Stage"]
    rows = [without(3, deal_row(external_id)) for external_id in ("006A", "006B")]

    summary = run(csv_bytes(rows, header=header))

    assert (summary.created, summary.skipped) == (2, 0)


def test_without_a_currency_column_the_default_currency_applies(rep):
    header = [column for column in HEADER if column != "Amount Currency"]
    rows = [without(4, deal_row(external_id)) for external_id in ("006A", "006B")]

    run(csv_bytes(rows, header=header), default_currency="eur")

    assert set(Deal.objects.values_list("currency", flat=True)) == {"EUR"}


def test_the_currency_written_with_the_amount_applies_when_the_file_has_no_currency_column(rep):
    header = [column for column in HEADER if column != "Amount Currency"]
    rows = [
        without(4, deal_row("006A", amount="GBP 2,000.00")),
        without(4, deal_row("006B", amount="2,000.00")),
    ]

    run(csv_bytes(rows, header=header))

    assert dict(Deal.objects.values_list("external_id", "currency")) == {"006A": "GBP", "006B": "USD"}


def test_currency_codes_are_stored_in_capitals(rep):
    run(csv_bytes([deal_row("006A", currency="eur")]))

    assert Deal.objects.get().currency == "EUR"


def test_a_header_only_export_imports_nothing(rep):
    summary = run(csv_bytes([]))

    assert (summary.created, summary.updated, summary.unchanged, summary.skipped) == (0, 0, 0, 0)
    assert Deal.objects.count() == 0


def test_an_import_takes_the_same_number_of_queries_for_3_deals_as_for_60(rep, other_rep):
    def queries(rows):
        with count_queries() as queries:
            run(csv_bytes(rows))
        return queries.sql

    small = queries([deal_row(f"006S{number}", rep_email="other.rep@test.example") for number in range(3)])
    emails = ["rep@test.example", "other.rep@test.example"]
    large = queries([deal_row(f"006L{number}", rep_email=emails[number % 2]) for number in range(60)])
    changed = queries([deal_row(f"006L{number}", amount="2,000") for number in range(60)])

    # The people with the file's emails; the deals with its ids; the import record; then the new deals in
    # one short transaction (savepoint, INSERT, release) and the last step (savepoint, the UPDATE that shows
    # them, release); or, for changed deals, only the last step with their one UPDATE.
    assert len(small) == len(large) == 9
    assert len(changed) == 6
    assert Deal.objects.filter(amount=Decimal("2000")).count() == 60


# Bad rows: reported by line, nothing imported ------------------------------------------------------


BAD_ROWS = {
    "unknown rep": (
        {"rep_email": "Sam@Example.com"},
        "Line 3: no active rep has the email sam@example.com",
    ),
    "inactive rep": (
        {"rep_email": "gone@test.example"},
        "Line 3: no active rep has the email gone@test.example (that account is deactivated)",
    ),
    "person who is not a rep": (
        {"rep_email": "judge@test.example"},
        "Line 3: no active rep has the email judge@test.example (that person is not a rep)",
    ),
    "amount that is not a number": (
        {"amount": "twelve thousand"},
        "Line 3: Amount “twelve thousand” is not an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00",
    ),
    "amount with a decimal comma": (
        {"amount": "EUR 1.234,50", "currency": "EUR"},
        "Line 3: Amount “EUR 1.234,50” is not an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00",
    ),
    "amount with dots for thousands": (
        {"amount": "12.500"},
        "Line 3: Amount “12.500” has more than two decimals "
        "(a dot is the decimal point, a comma separates thousands)",
    ),
    "negative amount": ({"amount": "-$500.00"}, "Line 3: Amount “-$500.00” must be more than zero"),
    "accounting negative amount": ({"amount": "(500.00)"}, "Line 3: Amount “(500.00)” must be more than zero"),
    "zero amount": ({"amount": "0.00"}, "Line 3: Amount “0.00” must be more than zero"),
    "amount in another currency than the row's": (
        {"amount": "EUR 500.00", "currency": "USD"},
        "Line 3: Amount “EUR 500.00” is in EUR but Amount Currency says USD",
    ),
    "currency that is not a code": (
        {"currency": "US$"},
        "Line 3: Amount Currency “US$” is not a three-letter currency code such as USD",
    ),
    "date that does not exist": (
        {"close_date": "2/30/2025"},
        "Line 3: Close Date “2/30/2025” is not a date in the form MM/DD/YYYY",
    ),
    "date in another format": (
        {"close_date": "2025-03-14"},
        "Line 3: Close Date “2025-03-14” is not a date in the form MM/DD/YYYY "
        "(it looks like YYYY-MM-DD: choose that date format)",
    ),
    "date that is not a date": (
        {"close_date": "next week"},
        "Line 3: Close Date “next week” is not a date in the form MM/DD/YYYY",
    ),
    "duplicate id": ({"external_id": "006A"}, "Line 3: Opportunity ID “006A” is also on line 2"),
    "empty id": ({"external_id": ""}, "Line 3: Opportunity ID is empty"),
    "empty email": ({"rep_email": ""}, "Line 3: Owner Email is empty"),
    "empty account": ({"account": ""}, "Line 3: Account Name is empty"),
    "empty amount": ({"amount": ""}, "Line 3: Amount is empty"),
    "empty close date": ({"close_date": ""}, "Line 3: Close Date is empty"),
    "account name too long": ({"account": "A" * 256}, "Line 3: Account Name is longer than 255 characters"),
}


@pytest.mark.parametrize("values, error", list(BAD_ROWS.values()), ids=list(BAD_ROWS))
def test_a_bad_row_is_reported_with_its_line_and_nothing_is_imported(rep, values, error):
    RepFactory(email="gone@test.example", is_active=False)
    JudgeFactory(email="judge@test.example")
    Deal.objects.create(
        external_id="006Z", rep=rep, account="Old", amount=Decimal("1"), currency="USD", close_date=date(2024, 1, 1)
    )
    values = {"external_id": "006B", **values}
    data = csv_bytes([deal_row("006A"), deal_row(**values), deal_row("006C"), deal_row("006Z", amount="2.00")])

    with pytest.raises(DealImportRefused) as refused:
        run(data)

    assert refused.value.errors == [error]
    assert "deals.csv: 1 problem in the file, so nothing was imported." == str(refused.value)
    assert list(Deal.objects.values_list("external_id", "amount")) == [("006Z", Decimal("1.00"))]
    assert DealImport.objects.count() == 0


def test_a_missing_required_column_is_named_on_line_1(rep):
    header = [column for column in HEADER if column != "Close Date"]
    rows = [deal_row("006A")[:-1]]

    with pytest.raises(DealImportRefused) as refused:
        run(csv_bytes(rows, header=header))

    assert refused.value.errors == [
        "Line 1: there is no “Close Date” column (for the close date). The columns are: Opportunity ID, Owner Email, "
        "Account Name, Stage, Amount Currency, Amount."
    ]
    assert str(refused.value).startswith("Line 1: the header line has no single column called “Close Date”, ")
    assert Deal.objects.count() == 0


def test_two_columns_of_the_same_name_are_refused_rather_than_guessed_between(rep):
    header = HEADER + ["amount"]

    with pytest.raises(DealImportRefused) as refused:
        run(csv_bytes([deal_row("006A") + ["$2,000.00"]], header=header))

    assert refused.value.errors == ["Line 1: 2 columns are called “Amount”; the import cannot tell which to read."]
    assert Deal.objects.count() == 0


def test_a_refused_file_is_a_domain_error():
    assert issubclass(DealImportRefused, DomainError)


def test_every_bad_row_of_the_file_is_reported_in_line_order(rep):
    data = csv_bytes(
        [
            deal_row("006A"),
            deal_row("006B", amount="abc", close_date="31/12/2025"),
            deal_row("006C"),
            deal_row("006D", rep_email="nobody@test.example"),
            deal_row("006A"),
        ]
    )

    with pytest.raises(DealImportRefused) as refused:
        run(data)

    assert refused.value.errors == [
        "Line 3: Amount “abc” is not an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00",
        "Line 3: Close Date “31/12/2025” is not a date in the form MM/DD/YYYY "
        "(it looks like DD/MM/YYYY: choose that date format)",
        "Line 5: no active rep has the email nobody@test.example",
        "Line 6: Opportunity ID “006A” is also on line 2",
    ]
    assert str(refused.value) == "deals.csv: 4 problems in the file, so nothing was imported."
    assert Deal.objects.count() == 0


def test_the_list_of_problems_stops_at_100_and_counts_the_rest(rep):
    data = csv_bytes([deal_row(f"006{number:03}", amount="oops") for number in range(150)])

    with pytest.raises(DealImportRefused) as refused:
        run(data)

    assert len(refused.value.errors) == 101
    assert refused.value.errors[0].startswith("Line 2: Amount “oops”")
    assert refused.value.errors[99].startswith("Line 101: ")
    assert refused.value.errors[100] == "… and 50 more"
    assert "150 problems" in str(refused.value)


def test_line_numbers_count_the_lines_of_a_cell_that_spans_several(rep):
    header = HEADER + ["Next Step"]
    rows = [deal_row("006A") + ["Call back\nafter the budget review"], deal_row("006B", amount="oops") + [""]]

    with pytest.raises(DealImportRefused) as refused:
        run(csv_bytes(rows, header=header))

    assert refused.value.errors == [
        "Line 4: Amount “oops” is not an amount like 12500, 12,500.00, $12,500.00 or USD 12,500.00"
    ]


def test_an_excel_workbook_is_refused_with_a_clear_message(rep):
    with pytest.raises(DealImportRefused, match="Excel workbook, not a CSV file"):
        run(b"PK\x03\x04" + b"\x00" * 100, file_name="deals.xlsx")


def test_an_empty_file_is_refused(rep):
    with pytest.raises(DealImportRefused, match="The file is empty"):
        run(b"")


def test_a_file_over_10_mb_is_refused(rep):
    with pytest.raises(DealImportRefused, match="over 10 MB"):
        run(csv_bytes([deal_row("006A")]) + b" " * (10 * 1024 * 1024))


def test_an_unknown_default_currency_or_column_field_is_refused(rep):
    data = csv_bytes([deal_row("006A")])
    with pytest.raises(DomainError, match="three-letter code"):
        run(data, default_currency="dollars")
    with pytest.raises(DomainError, match="No deal field is called owner"):
        run(data, mapping={"owner": "Owner Email"})
    assert Deal.objects.count() == 0


# Amounts ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, amount, code",
    [
        ("12500", "12500.00", None),
        ("12,500.00", "12500.00", None),
        ("$12,500.00", "12500.00", None),
        ("USD 12,500.00", "12500.00", "USD"),
        ("usd12500", "12500.00", "USD"),
        ("12,500.00 EUR", "12500.00", "EUR"),
        ("  1,234,567.5 ", "1234567.50", None),
        ("€99", "99.00", None),
        ("0.01", "0.01", None),
    ],
)
def test_amounts_in_the_usual_export_shapes_are_read(text, amount, code):
    assert parse_amount(text) == (Decimal(amount), code)


@pytest.mark.parametrize(
    "text",
    [
        "EUR 1.234,50",
        "1.234,50",
        "12,50",
        "1,2345.00",
        "12.500",
        "12 500",
        "USD EUR 5",
        "$",
        "",
        "1e5",
        "0",
        "-5",
        "(5)",
        "1,000,000,000,000.00",
    ],
)
def test_ambiguous_or_garbled_amounts_are_refused(text):
    with pytest.raises(ValueError):
        parse_amount(text)


# Other files ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
def test_comma_semicolon_and_tab_separated_files_are_read(rep, delimiter):
    data = csv_bytes([deal_row("006A", account="Acme, Inc.; EMEA"), deal_row("006B")], delimiter=delimiter)

    summary = run(data)

    assert summary.created == 2
    assert Deal.objects.get(external_id="006A").account == "Acme, Inc.; EMEA"


def test_a_semicolon_separated_windows_1252_file_with_day_first_dates_is_read(rep):
    data = csv_bytes(
        [deal_row("006A", account="Müller & Söhne – Köln", amount="12500", close_date="14.03.2025")],
        delimiter=";",
        encoding="cp1252",
    )
    assert b"M\xfcller" in data  # really cp1252, not UTF-8

    run(data, date_format="%d.%m.%Y")

    deal = Deal.objects.get()
    assert (deal.account, deal.amount, deal.close_date) == (
        "Müller & Söhne – Köln",
        Decimal("12500.00"),
        date(2025, 3, 14),
    )


def test_a_utf8_file_with_a_byte_order_mark_and_headers_in_another_case_is_read(rep):
    header = [f"  {column.upper()} " for column in HEADER]
    data = b"\xef\xbb\xbf" + csv_bytes([deal_row("006A")], header=header)

    assert run(data).created == 1


def test_a_utf16_tab_separated_export_is_read(rep):
    text = csv_bytes([deal_row("006A", account="Ørsted A/S")], delimiter="\t").decode()

    run(text.encode("utf-16"))

    assert Deal.objects.get().account == "Ørsted A/S"


def test_a_custom_column_mapping_reads_a_hubspot_export(rep, other_rep):
    summary = run(HUBSPOT.read_bytes(), mapping=HUBSPOT_MAPPING, date_format="%Y-%m-%d")

    assert (summary.created, summary.skipped) == (3, 1)
    northwind = Deal.objects.get(external_id="18342907231")
    assert (northwind.rep, northwind.account, northwind.amount, northwind.currency, northwind.close_date) == (
        rep,
        "Northwind Traders, Inc.",
        Decimal("15000.00"),
        "USD",
        date(2025, 3, 14),
    )
    fabrikam = Deal.objects.get(external_id="18342907233")
    assert (fabrikam.rep, fabrikam.amount, fabrikam.currency) == (other_rep, Decimal("2500.50"), "EUR")
    assert Deal.objects.get(external_id="18342907234").currency == "USD"


def test_a_hubspot_export_without_its_mapping_is_refused_naming_the_missing_columns(rep):
    with pytest.raises(DealImportRefused) as refused:
        run(HUBSPOT.read_bytes())

    assert str(refused.value).startswith(
        "Line 1: the header line has no single column called “Opportunity ID”, “Owner Email”, “Account Name”, "
    )

    assert [error.split(" column")[0] for error in refused.value.errors] == [
        "Line 1: there is no “Opportunity ID”",
        "Line 1: there is no “Owner Email”",
        "Line 1: there is no “Account Name”",
    ]


# Who may import ------------------------------------------------------------------------------------


def test_a_rep_cannot_import_deals(rep):
    with pytest.raises(PermissionRefused):
        run(csv_bytes([deal_row("006A")]), actor=rep)
    assert Deal.objects.count() == 0


def test_the_management_command_imports_without_an_actor(rep):
    summary = run(csv_bytes([deal_row("006A")]), actor=None)

    assert summary.record.imported_by is None
    assert Deal.objects.count() == 1


# The management command -----------------------------------------------------------------------------


def test_import_deals_command_prints_the_counts_and_changes(reps):
    out = io.StringIO()

    call_command("import_deals", str(SALESFORCE), stdout=out)

    output = out.getvalue()
    assert output.startswith(
        "salesforce_opportunities.csv imported: 10 new, 0 updated, 0 unchanged, 2 skipped (not closed-won).\n"
    )
    assert f"  {NEW_ACME}\n" in output
    assert Deal.objects.count() == 10
    assert DealImport.objects.get().imported_by is None


def test_import_deals_command_dry_run_writes_nothing(reps):
    out = io.StringIO()

    call_command("import_deals", str(SALESFORCE), "--dry-run", stdout=out)

    assert out.getvalue().startswith(
        "salesforce_opportunities.csv, check only — nothing was imported. It would bring: 10 new, 0 updated, "
        "0 unchanged, 2 skipped (not closed-won).\n"
    )
    assert Deal.objects.count() == 0 and DealImport.objects.count() == 0


def test_import_deals_command_refuses_a_bad_file_listing_its_lines(rep, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([deal_row("006A"), deal_row("006B", rep_email="nobody@test.example", amount="0")]))

    with pytest.raises(CommandError) as error:
        call_command("import_deals", str(path))

    assert str(error.value) == (
        "bad.csv: 2 problems in the file, so nothing was imported.\n"
        "  Line 3: Amount “0” must be more than zero\n"
        "  Line 3: no active rep has the email nobody@test.example"
    )
    assert Deal.objects.count() == 0


def test_import_deals_command_maps_columns_and_takes_a_date_format_and_currency(rep, other_rep, tmp_path):
    rows = HUBSPOT.read_text().replace(",USD,", ",,").replace(",EUR,", ",,").replace(",usd,", ",,")
    path = tmp_path / "hubspot.csv"
    path.write_text(rows)
    out = io.StringIO()

    call_command(
        "import_deals",
        str(path),
        *[f"--map={name}={header}" for name, header in HUBSPOT_MAPPING.items()],
        "--date-format",
        "YYYY-MM-DD",
        "--currency",
        "cad",
        stdout=out,
    )

    assert "3 new, 0 updated, 0 unchanged, 1 skipped" in out.getvalue()
    assert set(Deal.objects.values_list("currency", flat=True)) == {"CAD"}
    assert Deal.objects.get(external_id="18342907231").close_date == date(2025, 3, 14)


def test_import_deals_command_takes_a_strftime_date_format(rep, tmp_path):
    path = tmp_path / "deals.csv"
    path.write_bytes(csv_bytes([deal_row("006A", close_date="14/03/2025")]))

    call_command("import_deals", str(path), "--date-format=%d/%m/%Y", stdout=io.StringIO())

    assert Deal.objects.get().close_date == date(2025, 3, 14)


@pytest.mark.parametrize(
    "arguments, message",
    [
        (["--map", "owner=Deal owner email"], "no field is called owner"),
        (["--map", "rep_email"], "write it as FIELD=HEADER"),
        (["--date-format", "whenever"], "unknown date format"),
        (["--currency", "dollars"], "three-letter code"),
    ],
)
def test_import_deals_command_refuses_bad_options(rep, arguments, message):
    with pytest.raises(CommandError, match=message):
        call_command("import_deals", str(SALESFORCE), *arguments, stdout=io.StringIO())
    assert Deal.objects.count() == 0


def test_import_deals_command_says_once_why_a_whole_file_is_refused(tmp_path):
    path = tmp_path / "deals.xlsx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 100)

    with pytest.raises(CommandError) as error:
        call_command("import_deals", str(path))

    assert str(error.value) == (
        "This is an Excel workbook, not a CSV file: export the report as CSV (or save it as CSV) and import that."
    )


def test_import_deals_command_refuses_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="No such file"):
        call_command("import_deals", str(tmp_path / "nope.csv"))


# The admin page -------------------------------------------------------------------------------------


def admin_request(user, data=None):
    factory = RequestFactory()
    request = factory.get("/admin/deals/import/") if data is None else factory.post("/admin/deals/import/", data)
    request.user = user
    SessionMiddleware(lambda request: None).process_request(request)
    request._messages = FallbackStorage(request)
    return request


def form_data(content, file_name="deals.csv", **values):
    data = {f"column_{name}": header for name, header in COLUMNS.items()}
    data.update(date_format="%m/%d/%Y", default_currency="USD", file=SimpleUploadedFile(file_name, content, "text/csv"))
    data.update(values)
    return data


def page(request):
    response = deal_import_view(request)
    response.render()
    return response, response.content.decode()


def test_deal_import_page_shows_the_form_with_salesforce_headers_to_an_enablement_admin(enablement_admin):
    response, html = page(admin_request(enablement_admin))

    assert response.status_code == 200
    assert 'enctype="multipart/form-data"' in html
    assert 'value="Opportunity ID"' in html and 'value="Owner Email"' in html
    assert "Check only — show what would change without importing" in html


def test_deal_import_page_is_forbidden_to_a_rep(rep):
    with pytest.raises(PermissionDenied):
        deal_import_view(admin_request(rep))
    with pytest.raises(PermissionDenied):
        deal_import_view(admin_request(rep, form_data(SALESFORCE.read_bytes())))
    assert Deal.objects.count() == 0


def test_deal_import_page_imports_the_file_and_says_so(reps, enablement_admin):
    request = admin_request(enablement_admin, form_data(SALESFORCE.read_bytes(), file_name=SALESFORCE.name))

    response, html = page(request)

    assert response.status_code == 200
    assert Deal.objects.count() == 10
    assert DealImport.objects.get().imported_by == enablement_admin
    assert [str(message) for message in get_messages(request)] == [
        "salesforce_opportunities.csv imported: 10 new, 0 updated, 0 unchanged, 2 skipped (not closed-won)."
    ]
    assert "10 new deals, 0 updated, 0 unchanged, 2 rows skipped as not closed-won." in html


def test_deal_import_page_dry_run_lists_the_changes_and_imports_nothing(reps, enablement_admin):
    response, html = page(admin_request(enablement_admin, form_data(SALESFORCE.read_bytes(), dry_run="on")))

    assert "Nothing was imported" in html
    assert NEW_ACME in html
    assert "bring 10 new deals, update 0, leave 0 unchanged and skip 2 rows" in html
    assert Deal.objects.count() == 0 and DealImport.objects.count() == 0


def test_deal_import_page_lists_the_bad_lines_of_a_refused_file(rep, enablement_admin):
    data = csv_bytes([deal_row("006A"), deal_row("006B", rep_email="sam@example.com")])

    response, html = page(admin_request(enablement_admin, form_data(data)))

    assert "Line 3: no active rep has the email sam@example.com" in html
    assert "Nothing was imported" in html
    assert Deal.objects.count() == 0


def test_deal_import_page_uses_the_column_names_given(rep, other_rep, enablement_admin):
    values = {f"column_{name}": header for name, header in HUBSPOT_MAPPING.items()}

    page(admin_request(enablement_admin, form_data(HUBSPOT.read_bytes(), date_format="%Y-%m-%d", **values)))

    assert Deal.objects.count() == 3


def test_deal_import_page_refuses_a_file_over_10_mb(rep, enablement_admin):
    content = csv_bytes([deal_row("006A")]) + b" " * (10 * 1024 * 1024)

    response, html = page(admin_request(enablement_admin, form_data(content)))

    assert "That file is over 10 MB" in html
    assert Deal.objects.count() == 0


def test_deal_import_form_requires_a_three_letter_default_currency():
    form = DealImportForm(
        data={**form_data(b"x"), "default_currency": "dollars"},
        files={"file": SimpleUploadedFile("deals.csv", b"x")},
    )

    assert not form.is_valid()
    assert "default_currency" in form.errors
