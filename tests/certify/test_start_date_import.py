"""Importing people's start dates from a CSV file: all or nothing, every bad row named by its line, the same file
twice changes nothing, bounded, and only for enablement admins."""

from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from certify.exceptions import PermissionRefused
from certify.models import User
from certify.services import start_dates_import, start_dates_read
from certify.start_date_import import (
    MAX_ROWS,
    StartDateImportRefused,
    parse_start_dates,
)
from tests.factories.certify import RepFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db

URL = "certify_admin:start_date_import"


@pytest.fixture
def people(db):
    return (
        RepFactory(email="ada@test.example", start_date=None),
        RepFactory(email="ben@test.example", start_date=date(2024, 1, 15)),
        RepFactory(email="cy@test.example", start_date=date(2023, 6, 1)),
    )


GOOD = b"email,start_date\nAda@Test.example,2025-03-14\nben@test.example,2025-04-01\ncy@test.example,2023-06-01\n"


def _post(client, data, **fields):
    upload = SimpleUploadedFile("start-dates.csv", data, content_type="text/csv")
    return client.post(reverse(URL), {"file": upload, "date_format": "%Y-%m-%d", **fields})


def _dates():
    return dict(User.objects.filter(email__endswith="@test.example").values_list("email", "start_date"))


def test_a_good_file_sets_each_persons_start_date_and_leaves_one_already_right_unchanged(client_for, enablement_admin, people):
    page = _post(client_for(enablement_admin), GOOD)
    assert page.status_code == 200
    summary = page.context["summary"]
    assert (summary.changed, summary.unchanged, summary.dry_run) == (2, 1, False)
    assert summary.changes == [
        "Line 2: ada@test.example, start date 14 Mar 2025 (was none)",
        "Line 3: ben@test.example, start date 1 Apr 2025 (was 15 Jan 2024)",
    ]
    dates = _dates()
    assert dates["ada@test.example"] == date(2025, 3, 14)
    assert dates["ben@test.example"] == date(2025, 4, 1)
    assert dates["cy@test.example"] == date(2023, 6, 1)
    assert "2 start dates changed, 1 unchanged." in page.content.decode()


def test_the_same_file_twice_changes_nothing_the_second_time_and_says_unchanged(client_for, enablement_admin, people):
    client = client_for(enablement_admin)
    _post(client, GOOD)
    before = _dates()
    page = _post(client, GOOD)
    summary = page.context["summary"]
    assert (summary.changed, summary.unchanged, summary.changes) == (0, 3, [])
    assert _dates() == before
    assert "0 start dates changed, 3 unchanged." in page.content.decode()
    assert "every one is unchanged" in page.content.decode()


def test_check_only_shows_what_would_change_and_writes_nothing(client_for, enablement_admin, people):
    page = _post(client_for(enablement_admin), GOOD, dry_run="on")
    summary = page.context["summary"]
    assert (summary.changed, summary.unchanged, summary.dry_run) == (2, 1, True)
    assert _dates()["ada@test.example"] is None
    assert "Check only: nothing was imported" in page.content.decode()


def test_a_chosen_date_format_reads_the_file_in_it(client_for, enablement_admin, people):
    data = b"Email;Start date\nada@test.example;14/03/2025\n"
    page = _post(client_for(enablement_admin), data, date_format="%d/%m/%Y")
    assert page.context["summary"].changed == 1
    assert _dates()["ada@test.example"] == date(2025, 3, 14)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"email,start_date\nada@test.example,2025-03-14\nnobody@test.example,2025-03-14\n", "Line 3: nobody here has the email nobody@test.example"),
        (b"email,start_date\nada@test.example,2025-03-14\nAda@test.example,2025-04-01\n", "Line 3: ada@test.example is also on line 2"),
        (b"email,start_date\nada@test.example,1969-12-31\n", "Line 2: the start date “1969-12-31”: Enter a start date between 01 Jan 1970 and"),
        (b"email,start_date\nada@test.example,14/03/2025\n", "Line 2: the start date “14/03/2025” is not a date in the form YYYY-MM-DD (it looks like DD/MM/YYYY: choose that date format)"),
        (b"email,start_date\n,2025-03-14\n", "Line 2: the email is empty"),
        (b"email,start_date\nada@test.example,\n", "Line 2: the start date is empty"),
        (b"email,start_date\nada@test.example,\"2025-03-14\n", "Line 2: a quote (\") opens a cell here and is never closed"),
        (b"mail,day\nada@test.example,2025-03-14\n", "Line 1: there is no “email” column. The columns are: mail, day."),
        (b"\n\n", "The file is empty"),
    ],
    ids=["unknown email", "duplicate email", "before 1970", "other format", "no email", "no date", "open quote", "no header", "empty"],
)
def test_a_bad_row_is_named_by_its_line_and_nothing_is_imported(client_for, enablement_admin, people, data, message):
    page = _post(client_for(enablement_admin), data)
    assert page.status_code == 200
    refused = page.context["refused"]
    assert refused is not None and page.context["summary"] is None
    assert any(message in error for error in refused.errors), refused.errors
    assert _dates()["ada@test.example"] is None  # the good row of the file was not imported either
    assert "Nothing was imported" in page.content.decode()


def test_an_empty_upload_is_refused_by_the_form_and_nothing_is_imported(client_for, enablement_admin, people):
    page = _post(client_for(enablement_admin), b"")
    assert "file" in page.context["form"].errors
    assert page.context["summary"] is None and _dates()["ada@test.example"] is None
    assert 'id="error-summary"' in page.content.decode()


def test_a_date_more_than_a_year_ahead_is_refused(people):
    ahead = timezone.localdate() + timedelta(days=400)
    with pytest.raises(StartDateImportRefused) as refused:
        parse_start_dates(f"email,start_date\nada@test.example,{ahead:%Y-%m-%d}\n".encode(), file_name="f.csv")
    assert refused.value.errors[0].startswith(f"Line 2: the start date “{ahead:%Y-%m-%d}”: Enter a start date between")


def test_every_bad_row_of_a_file_is_listed_in_line_order(people):
    data = b"email,start_date\nnobody@test.example,2025-03-14\nada@test.example,soon\nada@test.example,2025-01-01\n"
    with pytest.raises(StartDateImportRefused) as refused:
        start_dates_read(actor=_admin(), file_name="f.csv", data=data)
    assert str(refused.value) == "f.csv: 3 problems in the file, so nothing was imported."
    assert [error.split(":")[0] for error in refused.value.errors] == ["Line 2", "Line 3", "Line 4"]


def test_a_file_over_two_megabytes_is_refused_before_it_is_read(client_for, enablement_admin, people):
    data = b"email,start_date\n" + b"x" * (2 * 1024 * 1024)
    page = _post(client_for(enablement_admin), data)
    assert "file" in page.context["form"].errors
    assert "over 2 MB" in page.context["form"].errors["file"][0]
    with pytest.raises(StartDateImportRefused, match="over 2 MB"):
        parse_start_dates(data, file_name="big.csv")


def test_a_file_of_more_rows_than_the_bound_is_refused(people):
    rows = "".join(f"p{index}@test.example,2025-03-14\n" for index in range(MAX_ROWS + 1))
    with pytest.raises(StartDateImportRefused, match=f"more than {MAX_ROWS:,} rows"):
        parse_start_dates(("email,start_date\n" + rows).encode(), file_name="many.csv")


def test_an_excel_workbook_is_refused_with_what_to_do(people):
    with pytest.raises(StartDateImportRefused, match="Excel workbook"):
        parse_start_dates(b"PK\x03\x04rest-of-a-zip", file_name="dates.xlsx")


def test_someone_who_is_not_an_enablement_admin_cannot_import(client_for, manager, people):
    assert _post(client_for(manager), GOOD).status_code == 403
    assert _dates()["ada@test.example"] is None
    rows = parse_start_dates(GOOD, file_name="f.csv")
    with pytest.raises(PermissionRefused):
        start_dates_import(actor=manager, rows=rows)
    with pytest.raises(PermissionRefused):
        start_dates_read(actor=manager, file_name="f.csv", data=GOOD)


def test_the_import_reads_people_in_a_bounded_number_of_queries(people):
    admin = _admin()
    data = "email,start_date\n" + "".join(f"n{index}@test.example,2025-03-14\n" for index in range(60))
    for index in range(60):
        RepFactory(email=f"n{index}@test.example")
    with count_queries() as queries:
        rows = start_dates_read(actor=admin, file_name="f.csv", data=data.encode())
        summary = start_dates_import(actor=admin, rows=rows)
    assert summary.changed == 60
    # The admin's roles (then cached on them), the people by email, the people read (locked on PostgreSQL), the one
    # bulk update, and the savepoint pair around the write: 6 for 60 rows as for 3.
    assert queries.count == 6


def test_the_admin_menu_offers_the_start_dates_import_beside_the_deals(client_for, enablement_admin):
    page = client_for(enablement_admin).get(reverse("wagtailadmin_home"))
    assert reverse(URL) in page.content.decode()


def _admin():
    from tests.factories.certify import EnablementAdminFactory

    return EnablementAdminFactory()
