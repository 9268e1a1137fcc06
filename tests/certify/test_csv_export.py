import csv
import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from certify.services import assignment_create
from certify.views.csv_export import csv_response, safe_cell
from tests.factories.certify import CertificationFactory

# OWASP's CSV injection list: each of these opens a formula in some spreadsheet.
FORMULA_STARTS = ["=", "+", "-", "@", "\t", "\r"]


@pytest.mark.parametrize("start", FORMULA_STARTS, ids=["equals", "plus", "minus", "at", "tab", "carriage-return"])
def test_a_cell_a_spreadsheet_would_run_as_a_formula_is_kept_as_text(start):
    assert safe_cell(f"{start}HYPERLINK(\"http://evil.example\")") == f"'{start}HYPERLINK(\"http://evil.example\")"


@pytest.mark.parametrize("text", ["Riley Rep", "riley@example.com", " =not first", "1=1", "", "42"])
def test_ordinary_text_is_left_as_it_is(text):
    assert safe_cell(text) == text


def test_a_downloaded_csv_keeps_a_tab_or_carriage_return_formula_as_text():
    response = csv_response([["\tcmd|' /C calc'!A0", "\r=1+1", "plain"]], filename="x.csv")
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert rows == [["'\tcmd|' /C calc'!A0", "'\r=1+1", "plain"]]


@pytest.mark.django_db
def test_the_readiness_csv_keeps_a_title_starting_with_a_tab_as_text(client_for, manager, team, rep, enablement_admin):
    certification = CertificationFactory(title="\t=Pulse", levels=1, open_to_all=False)
    assignment_create(
        actor=enablement_admin,
        level=certification.levels.get(number=1),
        teams=[team],
        due_date=timezone.localdate() + timedelta(days=5),
    )
    response = client_for(manager).get(reverse("certify:team_readiness_export", args=[team.pk]))
    header = next(csv.reader(io.StringIO(b"".join(response.streaming_content).decode())))
    assert "'\t=Pulse: level held" in header
