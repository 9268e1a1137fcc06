"""A large deals export is checked in the request, then written by a django-q2 task while its page shows progress.

django-q2 runs synchronously in the tests, but only once the request's transaction commits: a view test
sees the import queued; the states after it are driven through the service and the task directly.
"""

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from certify.forms import DealImportForm
from certify.importers import DealImportRefused
from certify.models import Deal, DealImport, DealImportStatus
from certify.services import deal_import_run, deal_import_start
from tests.factories.certify import RepFactory

pytestmark = pytest.mark.django_db

HEADER = "Opportunity ID,Owner Email,Account Name,Stage,Amount Currency,Amount,Close Date\n"


def export(*ids: str, email="rep@test.example") -> bytes:
    return (HEADER + "".join(f"{i},{email},Acme {i},Closed Won,USD,1000,3/14/2025\n" for i in ids)).encode()


@pytest.fixture
def owner(db):
    return RepFactory(email="rep@test.example")


def queued(actor, data=None) -> DealImport:
    with override_settings(DEAL_IMPORT_BACKGROUND_OVER=2):
        return deal_import_start(actor=actor, file_name="big.csv", data=data or export("006A", "006B", "006C"))


def form_data(**extra):
    form = DealImportForm()
    data = {name: field.initial for name, field in form.fields.items() if name not in ("file", "dry_run")}
    return {**data, **extra}


def test_a_large_export_is_queued_and_the_page_goes_to_its_import(client_for, enablement_admin, owner):
    client = client_for(enablement_admin)
    upload = SimpleUploadedFile("big.csv", export("006A", "006B", "006C"), content_type="text/csv")

    with override_settings(DEAL_IMPORT_BACKGROUND_OVER=2):
        response = client.post(reverse("certify_admin:deal_import"), form_data(file=upload))

    record = DealImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("certify_admin:deal_import_run", args=[record.pk])
    assert (record.status, record.total) == (DealImportStatus.QUEUED, 3)
    assert not Deal.objects.exists()


def test_a_large_export_with_a_bad_row_is_refused_in_the_request_with_its_line(enablement_admin, owner):
    data = export("006A", "006B") + b"006C,nobody@test.example,Acme,Closed Won,USD,1000,3/14/2025\n"

    with pytest.raises(DealImportRefused) as refused:
        queued(enablement_admin, data)

    assert any(error.startswith("Line 4:") for error in refused.value.errors)
    assert not DealImport.objects.exists()


def test_a_queued_export_is_written_by_its_task_once_the_request_commits(
    enablement_admin, owner, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        record = queued(enablement_admin)
        kept = record.kept_file

    record.refresh_from_db()
    assert (record.status, record.created, record.done, record.total) == (DealImportStatus.DONE, 3, 3, 3)
    assert Deal.objects.filter(staged_in=None).count() == 3
    assert record.kept_file == "" and not storages["private"].exists(kept)


def test_the_import_page_shows_progress_while_it_runs(client_for, enablement_admin, owner):
    record = queued(enablement_admin)
    DealImport.objects.filter(pk=record.pk).update(status=DealImportStatus.RUNNING, done=2)
    client = client_for(enablement_admin)

    page = client.get(reverse("certify_admin:deal_import_run", args=[record.pk]))
    progress = client.get(reverse("certify_admin:deal_import_progress", args=[record.pk]))

    assert b'<meta http-equiv="refresh" content="3">' in page.content
    assert b"2</span> of 3 closed-won deals done" in page.content
    assert progress.json() == {
        "status": "running", "label": "Importing", "done": 2, "total": 3, "percent": 67, "finished": False,
    }


def test_the_import_page_shows_what_came_in_once_done(client_for, enablement_admin, owner):
    record = deal_import_run(run_id=queued(enablement_admin).pk)

    page = client_for(enablement_admin).get(reverse("certify_admin:deal_import_run", args=[record.pk]))

    assert record.status == DealImportStatus.DONE
    assert b"3 new deals, 0 updated, 0 unchanged" in page.content
    assert b"new deal 006A" in page.content and b"http-equiv" not in page.content


def test_a_queued_export_refused_by_its_task_shows_why_and_leaves_nothing(client_for, enablement_admin, owner):
    record = queued(enablement_admin)
    with storages["private"].open(record.kept_file, "wb") as kept:
        kept.write(export("006A", "006B") + b'006C,rep@test.example,"Acme,Closed Won,USD,1000,3/14/2025\n')

    record = deal_import_run(run_id=record.pk)
    page = client_for(enablement_admin).get(reverse("certify_admin:deal_import_run", args=[record.pk]))

    assert record.status == DealImportStatus.REFUSED
    assert 'Line 4: a quote (") opens a cell here and is never closed' in record.error
    assert b"Nothing was imported" in page.content
    assert not Deal.objects.exists()


def test_a_deals_task_run_twice_writes_the_file_once(enablement_admin, owner):
    record = queued(enablement_admin)

    deal_import_run(run_id=record.pk)
    again = deal_import_run(run_id=record.pk)

    assert again.status == DealImportStatus.DONE and Deal.objects.count() == 3
