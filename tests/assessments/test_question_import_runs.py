"""A large question file is written in the background, in short batches, and shown all at once at the end.

django-q2 runs synchronously in the tests, but only once the request's transaction commits: a view test
sees the import queued; the states after it are driven through the service and the task directly.
"""

import pytest
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from assessments.exceptions import ImportRefused
from assessments.models import Question, QuestionImport, QuestionImportStatus
from assessments.services import question_import_run, question_import_start, questions_import
from assessments.services import question_imports as question_imports_module
from tests.factories.assessments import QuestionBankFactory

pytestmark = pytest.mark.django_db


def gift(count: int, first: int = 1) -> bytes:
    return "\n\n".join(f"::q{n}:: Question {n}? {{=right ~wrong}}" for n in range(first, first + count)).encode()


def queued(actor, bank, data=None) -> QuestionImport:
    with override_settings(QUESTION_IMPORT_BACKGROUND_OVER=2):
        return question_import_start(
            actor=actor, bank=bank, file_name="big.gift", data=data or gift(3), file_format="gift"
        )


def test_a_file_over_the_background_size_is_queued_and_the_page_goes_to_its_import(enablement_admin, client_for):
    bank = QuestionBankFactory()
    client = client_for(enablement_admin)

    with override_settings(QUESTION_IMPORT_BACKGROUND_OVER=2):
        response = client.post(
            reverse("assessments_admin:question_import"),
            {"bank": bank.pk, "file": SimpleUploadedFile("big.gift", gift(3)), "file_format": "gift"},
        )

    record = QuestionImport.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("assessments_admin:question_import_run", args=[record.pk])
    assert (record.status, record.total, record.done) == (QuestionImportStatus.QUEUED, 3, 0)
    assert not bank.questions.exists()


def test_a_small_file_is_still_imported_in_the_request(enablement_admin, client_for):
    bank = QuestionBankFactory()

    response = client_for(enablement_admin).post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": SimpleUploadedFile("small.gift", gift(3)), "file_format": "gift"},
    )

    assert response.status_code == 200
    assert bank.questions.filter(active=True, staged_in=None).count() == 3
    assert QuestionImport.objects.get().status == QuestionImportStatus.DONE


def test_a_queued_import_is_written_by_its_task_once_the_request_commits(
    enablement_admin, django_capture_on_commit_callbacks
):
    bank = QuestionBankFactory()

    with django_capture_on_commit_callbacks(execute=True):
        record = queued(enablement_admin, bank)
        kept = record.kept_file

    record.refresh_from_db()
    assert (record.status, record.created, record.done, record.total) == (QuestionImportStatus.DONE, 3, 3, 3)
    assert bank.questions.filter(active=True, staged_in=None).count() == 3
    assert record.kept_file == "" and not storages["private"].exists(kept)  # the kept file is removed


def test_the_import_page_shows_progress_and_refreshes_itself_while_it_runs(enablement_admin, client_for):
    bank = QuestionBankFactory()
    record = queued(enablement_admin, bank, gift(4))
    QuestionImport.objects.filter(pk=record.pk).update(status=QuestionImportStatus.RUNNING, done=1)
    client = client_for(enablement_admin)

    page = client.get(reverse("assessments_admin:question_import_run", args=[record.pk]))
    progress = client.get(reverse("assessments_admin:question_import_progress", args=[record.pk]))

    assert page.status_code == 200
    assert b'<meta http-equiv="refresh" content="3">' in page.content
    assert b"1</span> of 4 questions written" in page.content
    assert progress.json() == {
        "status": "running", "label": "Importing", "done": 1, "total": 4, "percent": 25, "finished": False,
    }


def test_the_import_page_shows_what_came_in_once_done_and_stops_refreshing(enablement_admin, client_for):
    bank = QuestionBankFactory()
    record = question_import_run(run_id=queued(enablement_admin, bank).pk)

    page = client_for(enablement_admin).get(reverse("assessments_admin:question_import_run", args=[record.pk]))

    assert record.status == QuestionImportStatus.DONE
    assert b"3 new questions, 0 updated, 0 already up to date" in page.content
    assert b"http-equiv" not in page.content


def test_a_queued_file_refused_by_its_task_shows_why_and_leaves_nothing(enablement_admin, client_for):
    bank = QuestionBankFactory()
    record = queued(enablement_admin, bank)
    with storages["private"].open(record.kept_file, "wb") as kept:
        kept.write(gift(3) + b"\n\n::bad:: Broken? {=a ~b")

    record = question_import_run(run_id=record.pk)
    page = client_for(enablement_admin).get(reverse("assessments_admin:question_import_run", args=[record.pk]))

    assert record.status == QuestionImportStatus.REFUSED
    assert "Line 7: missing closing brace" in record.error
    assert b"Refused: nothing was imported" in page.content
    assert not Question.objects.exists()


def test_a_task_run_twice_writes_the_file_once(enablement_admin):
    bank = QuestionBankFactory()
    record = queued(enablement_admin, bank)

    question_import_run(run_id=record.pk)
    again = question_import_run(run_id=record.pk)

    assert again.status == QuestionImportStatus.DONE and bank.questions.count() == 3


def test_a_write_that_fails_after_some_batches_leaves_nothing_visible(enablement_admin, monkeypatch):
    bank = QuestionBankFactory()
    other = QuestionImport.objects.create(bank=bank, file_name="other.gift", file_format="gift")
    Question.objects.create(bank=bank, external_id="q3", name="q3", text="Staged elsewhere", active=False, staged_in=other)
    monkeypatch.setattr(question_imports_module, "BATCH", 1)  # q1 and q2 are written before q3 conflicts

    with pytest.raises(ImportRefused, match="another import brought some of these questions"):
        questions_import(actor=enablement_admin, bank=bank, file_name="q.gift", data=gift(4), file_format="gift")

    assert list(bank.questions.values_list("external_id", flat=True)) == ["q3"]  # only the other import's
    assert bank.imports.exclude(pk=other.pk).get().status == QuestionImportStatus.REFUSED


def test_questions_an_import_is_still_writing_are_not_in_the_admin_listing(enablement_admin, client_for):
    bank = QuestionBankFactory()
    running = QuestionImport.objects.create(bank=bank, file_name="big.gift", file_format="gift")
    Question.objects.create(bank=bank, external_id="s", name="Staged question", text="S", active=False, staged_in=running)
    Question.objects.create(bank=bank, external_id="v", name="Visible question", text="V")

    listing = client_for(enablement_admin).get(reverse("wagtailsnippets_assessments_question:list"))

    assert b"Visible question" in listing.content and b"Staged question" not in listing.content


def test_a_long_moodle_idnumber_is_shortened_to_its_column_not_refused(enablement_admin):
    bank = QuestionBankFactory()
    xml = (
        f'<quiz><question type="truefalse"><name><text>Long id</text></name><idnumber>{"x" * 400}</idnumber>'
        '<questiontext><text>True?</text></questiontext><answer fraction="100"><text>true</text></answer>'
        '<answer fraction="0"><text>false</text></answer></question></quiz>'
    ).encode()

    summary = questions_import(actor=enablement_admin, bank=bank, file_name="q.xml", data=xml, file_format="xml")

    assert len(bank.questions.get().external_id) == 255
    assert [(item["field"], item["length"]) for item in summary.shortened] == [("external id", 400)]
