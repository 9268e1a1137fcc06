"""Importing questions from GIFT and Moodle XML files into a bank: all or nothing, idempotent by external id."""

import hashlib
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction

from .. import importers
from ..exceptions import ImportRefused
from ..formatting import clean_fragment
from ..models import Choice, Question, QuestionBank, QuestionImport, validate_choices

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


@transaction.atomic
def questions_import(*, actor, bank: QuestionBank, file_name: str, data: bytes, file_format: str) -> ImportSummary:
    """Bring questions from a GIFT or Moodle XML file into a bank, all or nothing.

    A question already imported (same external id in this bank) is updated in
    place, so importing the same file twice changes nothing. Past attempts keep
    the questions as they were served. A question whose marks the admin form would
    refuse refuses the whole file; names too long for their column are shortened
    and listed, and so are the images and embedded files that could not come along.
    """
    if actor is not None and not actor.has_perm("assessments.add_question"):
        raise ImportRefused("Only enablement admins can import questions.")
    try:
        parsed = importers.parse(data, file_format)
    except importers.ImportFormatError as error:
        raise ImportRefused(f"{file_name}: {error}. Nothing was imported.") from error
    except ValueError as error:
        raise ImportRefused(str(error)) from error
    _marks_check(file_name, parsed)
    shortened: list = []
    fitted = [(item, *_fitted(item, shortened)) for item in parsed.questions]
    existing = {
        question.external_id: question
        for question in bank.questions.filter(external_id__in=[external_id for _, external_id, _, _ in fitted])
        .prefetch_related("choices")
    }
    created = updated = unchanged = 0
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
            question = Question.objects.create(bank=bank, external_id=external_id, **values)
            created += 1
        elif all(getattr(question, key) == value for key, value in values.items()) and _choice_rows(question) == rows:
            unchanged += 1
            continue
        else:
            for key, value in values.items():
                setattr(question, key, value)
            question.save()
            question.choices.all().delete()
            updated += 1
        Choice.objects.bulk_create(
            Choice(question=question, sort_order=order, text=text, fraction=fraction, feedback=feedback)
            for order, (text, fraction, feedback) in enumerate(rows)
        )
    skipped = [
        {"position": item.position, "line": item.line, "name": item.name, "kind": item.kind} for item in parsed.skipped
    ]
    dropped = [
        {"position": item.position, "line": item.line, "name": name, "dropped": list(item.dropped)}
        for item, _, name, _ in fitted
        if item.dropped
    ]
    record = QuestionImport.objects.create(
        bank=bank,
        file_name=file_name[: QuestionImport._meta.get_field("file_name").max_length],
        file_format=file_format,
        imported_by=actor,
        created=created,
        updated=updated,
        skipped=skipped,
        dropped=dropped,
        shortened=shortened,
    )
    return ImportSummary(
        record=record,
        created=created,
        updated=updated,
        unchanged=unchanged,
        skipped=skipped,
        dropped=dropped,
        shortened=shortened,
    )
