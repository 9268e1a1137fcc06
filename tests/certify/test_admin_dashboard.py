"""The Wagtail dashboard's "Waiting on you": a count and a link for each thing an enablement admin acts on."""

from datetime import timedelta

import pytest
from bs4 import BeautifulSoup
from django.utils import timezone

from assessments.models import Evaluation, EvaluationStatus, QuestionImport, QuestionImportStatus
from certify.models import DealImport, DealImportStatus, TipFlag, TipFlagReason
from certify.selectors.dashboard import waiting_on_admin
from tests.factories.assessments import QuestionBankFactory
from tests.factories.certify import RepFactory
from tests.factories.evaluations import level2_evaluation
from tests.factories.tips import TipFactory
from tests.helpers import queries_for

pytestmark = pytest.mark.django_db


def waiting(client):
    """{label: (count, link)} as the dashboard shows them; None without the panel."""
    soup = BeautifulSoup(client.get("/admin/").content, "html.parser")
    panel = soup.find(id="waiting-on-you-section")
    if panel is None:
        return None
    rows = {}
    for row in panel.find_all("tr")[1:]:
        link = row.find("a")
        rows[row.th.get_text(strip=True)] = (int(row.find(attrs={"data-waiting-count": True}).get_text()),
                                             link["href"] if link else None)  # fmt: skip
    return rows


def something_of_each(admin, *, when=None):
    """One of everything that waits: a flagged evaluation, a role-play without a panel, a flagged tip, a
    refused deal import and a refused question import."""
    flagged = level2_evaluation(rep=RepFactory(), admin=admin, started=False)
    Evaluation.objects.filter(pk=flagged.pk).update(status=EvaluationStatus.FLAGGED)
    level2_evaluation(rep=RepFactory(), admin=admin, started=False)
    TipFlag.objects.create(tip=TipFactory(), flagged_by=RepFactory(), reason=TipFlagReason.choices[0][0])
    deals = DealImport.objects.create(file_name="crm.csv", status=DealImportStatus.REFUSED, error="Line 3: bad amount")
    questions = QuestionImport.objects.create(
        bank=QuestionBankFactory(), file_name="bank.gift", file_format="gift", status=QuestionImportStatus.REFUSED
    )
    return deals, questions


def test_an_enablement_admin_sees_each_thing_waiting_with_its_count_and_where_it_is_handled(
    client_for, enablement_admin, hub
):
    deals, questions = something_of_each(enablement_admin)

    rows = waiting(client_for(enablement_admin))

    assert rows == {
        "Evaluations to moderate": (1, "/admin/snippets/assessments/evaluation/?status=flagged"),
        "Role-plays waiting for a panel": (1, "/admin/snippets/assessments/evaluation/?kind=role_play&status=requested"),
        "Tips flagged": (1, "/admin/snippets/certify/tip/"),
        "Deal imports that failed": (1, f"/admin/deals/imports/{deals.pk}/"),
        "Question imports that failed": (1, f"/admin/questions/imports/{questions.pk}/"),
    }


def test_the_links_lead_to_pages_that_list_what_waits(client_for, enablement_admin, hub):
    something_of_each(enablement_admin)
    client = client_for(enablement_admin)
    for count, url in waiting(client).values():
        assert count == 1
        assert client.get(url).status_code == 200


def test_with_nothing_waiting_the_panel_says_so_and_links_nowhere(client_for, enablement_admin, hub):
    client = client_for(enablement_admin)
    rows = waiting(client)
    assert {label: count for label, (count, _) in rows.items()} == dict.fromkeys(rows, 0)
    assert all(link is None for _, link in rows.values())
    assert "Nothing waits on you" in client.get("/admin/").content.decode()


def test_a_failed_import_stops_waiting_once_a_later_import_goes_through(client_for, enablement_admin, hub):
    deals, questions = something_of_each(enablement_admin)
    DealImport.objects.create(file_name="crm-fixed.csv", status=DealImportStatus.DONE,
                              imported_at=deals.imported_at + timedelta(minutes=5))  # fmt: skip
    # A question import into another bank does not put this one right.
    QuestionImport.objects.create(
        bank=QuestionBankFactory(), file_name="other.gift", file_format="gift", status=QuestionImportStatus.DONE,
        imported_at=timezone.now() + timedelta(minutes=5),
    )  # fmt: skip

    rows = waiting(client_for(enablement_admin))

    assert rows["Deal imports that failed"] == (0, None)
    assert rows["Question imports that failed"] == (1, f"/admin/questions/imports/{questions.pk}/")


def test_only_enablement_admins_are_shown_what_waits(rep, judge, manager, enablement_admin, django_assert_num_queries):
    something_of_each(enablement_admin)
    for person in (rep, judge, manager):
        assert waiting_on_admin(user=person) == []
    enablement_admin.roles  # noqa: B018 -- read once per request, before the panel
    # evaluations flagged and without a panel, tips flagged, deal imports, question imports
    with django_assert_num_queries(4):
        assert [item.count for item in waiting_on_admin(user=enablement_admin)] == [1, 1, 1, 1, 1]


def test_the_dashboards_query_count_does_not_grow_with_what_waits(client_for, enablement_admin, hub):
    client = client_for(enablement_admin)
    something_of_each(enablement_admin)
    queries_for(client, "/admin/")  # the first visit fills caches the rest read
    before = queries_for(client, "/admin/")
    for _ in range(20):
        something_of_each(enablement_admin)

    after = queries_for(client, "/admin/")

    # The panel's own: evaluations flagged and without a panel (one), tips flagged, deal imports, question imports.
    assert after == before
    assert waiting(client)["Tips flagged"] == (21, "/admin/snippets/certify/tip/")
