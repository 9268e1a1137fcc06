"""Importing questions from GIFT and Moodle XML files into a bank: all or nothing, idempotent by external id.

The file is read and checked before anything is written, outside any transaction. New questions are then
written in batches of BATCH, each its own short transaction, inactive and staged in the import's record;
one last short transaction applies the updates and makes the new questions visible. So a heavy import
never holds the database's write lock for long (on SQLite there is one for everybody), and to the people
using the platform it is still all or nothing. A file of more than settings.QUESTION_IMPORT_BACKGROUND_OVER
questions is written by a django-q2 task while its admin watches the import's page.
"""

import hashlib
import logging
import re
import time
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.db import IntegrityError, connection, transaction
from django.db.models import F
from django.utils import timezone
from django_q.tasks import async_task
from wagtail.search.backends import get_search_backends

from .. import importers
from ..exceptions import ImportRefused
from ..formatting import clean_fragment
from ..models import Choice, Question, QuestionBank, QuestionImport, QuestionImportStatus, validate_choices

logger = logging.getLogger(__name__)
BATCH = 200  # questions written per transaction
# Between two batches on SQLite: longer than the longest sleep of SQLite's busy handler (100 ms), so a rep's
# write waiting for the lock wakes up while it is free instead of missing gap after gap.
SQLITE_PAUSE = 0.12
_UPDATED_FIELDS = ["name", "category", "kind", "scoring", "text", "explanation", "updated_at"]

ELLIPSIS = "…"
# "$course$/top/Discovery" is how Moodle names a course's category "Discovery"; the bank is our course.
_MOODLE_CONTEXT = re.compile(r"^\$[a-z0-9_]+\$(?:/|$)")
_TOP = re.compile(r"^top(?:/|$)")


@dataclass
class ImportSummary:
    record: QuestionImport
    created: int
    updated: int
    unchanged: int
    skipped: list
    # [{"position", "line", "name", "dropped": ["image chart.png", "file call.mp3"]}, ...]
    dropped: list = field(default_factory=list)
    # [{"position", "line", "name", "field", "length", "kept"}, ...]
    shortened: list = field(default_factory=list)


def text_shorten(value: str, limit: int) -> str:
    """At most ``limit`` characters: cut at the last space in the second half if there is one, ending in “…”."""
    if len(value) <= limit:
        return value
    cut = value[: limit - len(ELLIPSIS)]
    space = cut.rfind(" ")
    if space >= limit // 2:
        cut = cut[:space]
    return cut.rstrip() + ELLIPSIS


def external_id_shorten(value: str, limit: int) -> str:
    """At most ``limit`` characters and still one id per source id: a long id keeps its start and a digest of it all."""
    if len(value) <= limit:
        return value
    digest = hashlib.sha1(value.encode("utf-8")).hexdigest()[:12]
    return f"{value[: limit - len(digest) - 1]}~{digest}"


def category_path(source: str) -> str:
    """The category as the bank names it: Moodle's context marker (``$course$/``) and ``top/`` left out."""
    return _TOP.sub("", _MOODLE_CONTEXT.sub("", source.strip())).strip("/ ")


def _limit(name: str) -> int:
    return Question._meta.get_field(name).max_length


def _where(item: importers.ParsedQuestion) -> str:
    if item.line is not None:
        return f"Line {item.line} (“{item.name}”)"
    return f"Question #{item.position} (name “{item.name}”)"


def _marks_check(file_name: str, parsed: importers.ImportResult) -> None:
    """Every question must grade as the admin form would allow: the same rules, before anything is written."""
    for item in parsed.questions:
        try:
            validate_choices(item.kind, [choice.fraction for choice in item.choices])
        except ValidationError as error:
            raise ImportRefused(f"{file_name}: {_where(item)}: {' '.join(error.messages)} Nothing was imported.") from None


def _fitted(item: importers.ParsedQuestion, shortened: list) -> tuple[str, str, str]:
    """(external id, name, category) cut to their columns, each cut recorded in ``shortened``."""
    values = {
        "external id": (item.external_id, external_id_shorten(item.external_id, _limit("external_id"))),
        "name": (item.name, text_shorten(item.name, _limit("name"))),
    }
    category = category_path(item.category)
    values["category"] = (category, text_shorten(category, _limit("category")))
    for label, (source, stored) in values.items():
        if stored != source:
            shortened.append(
                {
                    "position": item.position,
                    "line": item.line,
                    "name": values["name"][1],
                    "field": label,
                    "length": len(source),
                    "kept": len(stored),
                }
            )
    return values["external id"][1], values["name"][1], values["category"][1]


def _choice_rows(question: Question) -> list:
    return [(choice.text, choice.fraction, choice.feedback) for choice in question.choices.all()]


def _permission_check(actor) -> None:
    if actor is not None and not actor.has_perm("assessments.add_question"):
        raise ImportRefused("Only enablement admins can import questions.")


def _parse(file_name: str, data: bytes, file_format: str) -> importers.ImportResult:
    try:
        parsed = importers.parse(data, file_format)
    except importers.ImportFormatError as error:
        raise ImportRefused(f"{file_name}: {error}. Nothing was imported.") from error
    except ValueError as error:
        raise ImportRefused(str(error)) from error
    _marks_check(file_name, parsed)
    return parsed


def questions_import(*, actor, bank: QuestionBank, file_name: str, data: bytes, file_format: str) -> ImportSummary:
    """Bring questions from a GIFT or Moodle XML file into a bank, all or nothing, in this process.

    A question already imported (same external id in this bank) is updated in
    place, so importing the same file twice changes nothing. Past attempts keep
    the questions as they were served. A question whose marks the admin form would
    refuse refuses the whole file; names too long for their column are shortened
    and listed, and so are the images and embedded files that could not come along.
    """
    _permission_check(actor)
    parsed = _parse(file_name, data, file_format)
    return question_import_write(run=_run_create(actor, bank, file_name, file_format, parsed), parsed=parsed)


def question_import_start(
    *, actor, bank: QuestionBank, file_name: str, data: bytes, file_format: str
) -> QuestionImport:
    """Import a file now if it is small, else queue it: the record says which (``status`` done or queued).

    A file that cannot be imported is refused here, before anything is queued.
    """
    _permission_check(actor)
    parsed = _parse(file_name, data, file_format)
    if len(parsed.questions) <= settings.QUESTION_IMPORT_BACKGROUND_OVER:
        return question_import_write(run=_run_create(actor, bank, file_name, file_format, parsed), parsed=parsed).record
    run = _run_create(actor, bank, file_name, file_format, parsed, status=QuestionImportStatus.QUEUED)
    run.kept_file = storages["private"].save(f"question-imports/{run.pk}.{file_format}", ContentFile(data))
    run.save(update_fields=["kept_file"])
    transaction.on_commit(
        lambda: async_task("assessments.tasks.question_import_run", run.pk, task_name=f"question-import-{run.pk}")
    )
    return run


def question_import_run(*, run_id: int) -> QuestionImport:
    """Write a queued import (the django-q2 task): read its file again, write it, and record the outcome."""
    claimed = QuestionImport.objects.filter(pk=run_id, status=QuestionImportStatus.QUEUED).update(
        status=QuestionImportStatus.RUNNING
    )
    run = QuestionImport.objects.select_related("bank").get(pk=run_id)
    if not claimed:  # Already written (a retried task) or refused: nothing more to do.
        return run
    path = run.kept_file
    try:
        with storages["private"].open(path, "rb") as handle:
            data = handle.read()
        question_import_write(run=run, parsed=_parse(run.file_name, data, run.file_format))
    except ImportRefused as error:
        _refuse(run, str(error))
    except Exception:
        _refuse(run, "The import stopped on an unexpected error, so nothing was imported. Try again or ask for help.")
        raise
    finally:
        storages["private"].delete(path)
        QuestionImport.objects.filter(pk=run_id).update(kept_file="")
    run.refresh_from_db()
    return run


def _run_create(actor, bank, file_name, file_format, parsed, status=QuestionImportStatus.RUNNING) -> QuestionImport:
    return QuestionImport.objects.create(
        bank=bank,
        file_name=file_name[: QuestionImport._meta.get_field("file_name").max_length],
        file_format=file_format,
        imported_by=actor,
        status=status,
        total=len(parsed.questions),
    )


def _refuse(run: QuestionImport, message: str) -> None:
    """Nothing of a refused import stays: its staged questions go, and the record says why."""
    Question.objects.filter(staged_in=run).delete()
    QuestionImport.objects.filter(pk=run.pk).update(
        status=QuestionImportStatus.REFUSED, error=message, finished_at=timezone.now()
    )


def _batches(items: list, size: int = BATCH):
    for start in range(0, len(items), size):
        yield items[start : start + size]


def question_import_write(*, run: QuestionImport, parsed: importers.ImportResult) -> ImportSummary:
    """Write a checked file into ``run.bank``: new questions staged batch by batch, then one step shows them all."""
    bank = run.bank
    shortened: list = []
    fitted = [(item, *_fitted(item, shortened)) for item in parsed.questions]
    # Another import's staged questions are not this bank's yet: bringing one in again refuses one of the two.
    wanted = [external_id for _, external_id, _, _ in fitted]
    existing = {
        question.external_id: question
        for question in bank.questions.filter(staged_in=None, external_id__in=wanted).prefetch_related("choices")
    }
    to_create, to_update, unchanged = [], [], 0
    for item, external_id, name, category in fitted:
        values = {
            "name": name,
            "category": category,
            "kind": item.kind,
            "scoring": item.scoring,
            "text": clean_fragment(item.text),
            "explanation": clean_fragment(item.explanation),
        }
        rows = [(clean_fragment(choice.text), choice.fraction, clean_fragment(choice.feedback)) for choice in item.choices]
        question = existing.get(external_id)
        if question is None:
            staged = Question(bank=bank, external_id=external_id, active=False, staged_in=run, **values)
            to_create.append((staged, rows))
        elif all(getattr(question, key) == value for key, value in values.items()) and _choice_rows(question) == rows:
            unchanged += 1
        else:
            for key, value in values.items():
                setattr(question, key, value)
            to_update.append((question, rows))
    QuestionImport.objects.filter(pk=run.pk).update(done=unchanged)
    try:
        for number, batch in enumerate(_batches(to_create)):
            if number:
                _pause()
            with transaction.atomic():
                Question.objects.bulk_create([question for question, _ in batch])
                _choices_create(batch)
                QuestionImport.objects.filter(pk=run.pk).update(done=F("done") + len(batch))
        with transaction.atomic():  # The one step that shows the import: short, whatever the file's size.
            now = timezone.now()
            for batch in _batches(to_update, 500):
                Choice.objects.filter(question__in=[question for question, _ in batch]).delete()
                for question, _ in batch:
                    question.updated_at = now
                Question.objects.bulk_update([question for question, _ in batch], _UPDATED_FIELDS)
                _choices_create(batch)
            Question.objects.filter(staged_in=run).update(active=True, staged_in=None)
            run.status, run.finished_at, run.done = QuestionImportStatus.DONE, now, run.total
            run.created, run.updated, run.unchanged = len(to_create), len(to_update), unchanged
            run.skipped = [
                {"position": item.position, "line": item.line, "name": item.name, "kind": item.kind}
                for item in parsed.skipped
            ]
            run.dropped = [
                {"position": item.position, "line": item.line, "name": name, "dropped": list(item.dropped)}
                for item, _, name, _ in fitted
                if item.dropped
            ]
            run.shortened = shortened
            run.save()
    except IntegrityError as error:  # Another import brought in one of these questions since they were looked up.
        message = (
            f"{run.file_name}: another import brought some of these questions into “{bank}” at the same moment, "
            "so nothing was imported. Import the file again."
        )
        _refuse(run, message)
        raise ImportRefused(message) from error
    except BaseException:
        _refuse(run, "The import stopped on an unexpected error, so nothing was imported.")
        raise
    transaction.on_commit(lambda: _search_index([question for question, _ in to_create + to_update]))
    return ImportSummary(
        record=run,
        created=run.created,
        updated=run.updated,
        unchanged=unchanged,
        skipped=run.skipped,
        dropped=run.dropped,
        shortened=shortened,
    )


def _pause() -> None:
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        time.sleep(SQLITE_PAUSE)


def _choices_create(batch: list) -> None:
    Choice.objects.bulk_create(
        Choice(question=question, sort_order=order, text=text, fraction=fraction, feedback=feedback)
        for question, rows in batch
        for order, (text, fraction, feedback) in enumerate(rows)
    )


def _search_index(questions: list) -> None:
    """Index the questions for search in batches (bulk writes skip the save signal that would, one by one)."""
    for batch in _batches(questions, 500):
        for backend in get_search_backends(with_auto_update=True):
            try:
                backend.add_bulk(Question, batch)
            except Exception:  # The search index is a convenience: the import stands without it.
                logger.exception("Indexing %s imported questions for search failed", len(batch))
