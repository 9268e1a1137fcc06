"""What the rules of reading files as Moodle does (issue 14) leave in the database, the admin page and the command.

The parsing itself is tested in test_importers_moodle_rules.py; the fixture files are our own, in
tests/fixtures/questions/ (refused/ holds the files that must be refused).
"""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from assessments.exceptions import ImportRefused
from assessments.models import (
    Choice,
    Question,
    QuestionImport,
    QuestionKind,
    validate_choices,
)
from assessments.services import attempt_start, questions_import
from assessments.services.question_imports import (
    category_path,
    external_id_shorten,
    text_shorten,
)
from tests.factories.assessments import QuestionBankFactory, QuizFactory

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "questions"


def read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def run_import(actor, bank, name: str, data: bytes | None = None):
    return questions_import(
        actor=actor,
        bank=bank,
        file_name=Path(name).name,
        data=read(name) if data is None else data,
        file_format="xml" if name.endswith(".xml") else "gift",
    )


def database_counts():
    return (Question.objects.count(), Choice.objects.count(), QuestionImport.objects.count())


def admin_form_message(kind: str, fractions: list[str]) -> str:
    """What the question form says about these marks (the rule the import must share)."""
    with pytest.raises(ValidationError) as refused:
        validate_choices(kind, [Decimal(fraction) for fraction in fractions])
    return " ".join(refused.value.messages)


# ---------------------------------------------------------------- files that are refused


REFUSED = {
    "refused/stray_brace.gift": "Line 6: '}' before the answer block opens with '{' (write \\} for a literal brace)",
    "refused/utf-16-without-bom.gift": "this file is UTF-16; save it as UTF-8",
    "refused/single_without_full_mark.gift": "Line 6 (“Half marks”): "
    + admin_form_message(QuestionKind.SINGLE, ["0.5", "0.5", "0"]).removesuffix("."),
    "refused/multiple_not_100.gift": "Line 6 (“Ninety percent”): "
    + admin_form_message(QuestionKind.MULTIPLE, ["0.5", "0.4", "-1"]).removesuffix("."),
    "refused/multiple_not_100.xml": "Question #2 (name “Eighty percent”): "
    + admin_form_message(QuestionKind.MULTIPLE, ["0.4", "0.4", "-1"]).removesuffix("."),
}


def test_every_refused_fixture_has_its_expected_message():
    assert {f"refused/{path.name}" for path in (FIXTURES / "refused").iterdir()} == set(REFUSED)


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_file_that_breaks_a_rule_is_refused_with_where_and_why_and_imports_nothing(name, enablement_admin):
    bank = QuestionBankFactory()
    counts = database_counts()

    with pytest.raises(ImportRefused) as refused:
        run_import(enablement_admin, bank, name)

    assert str(refused.value) == f"{Path(name).name}: {REFUSED[name]}. Nothing was imported."
    assert database_counts() == counts  # not even the file's good question before the broken one


def test_marks_that_fit_the_admin_forms_rules_are_imported_for_single_and_multiple_answers(enablement_admin):
    bank = QuestionBankFactory()
    good = "::Good single::Pick {=%100%a ~b}\n\n::Good multiple::Pick {~%50%a ~%50%b ~%-100%c}"

    summary = run_import(enablement_admin, bank, "ok.gift", good.encode())

    assert summary.created == 2
    assert dict(bank.questions.values_list("external_id", "kind")) == {
        "Good single": "single",
        "Good multiple": "multiple",
    }


# ---------------------------------------------------------------- single or multiple, as stored


def test_a_gift_question_without_an_equals_answer_is_stored_as_multiple_answer_with_partial_credit(enablement_admin):
    bank = QuestionBankFactory()

    run_import(enablement_admin, bank, "gift/single_or_multiple.gift")

    assert dict(bank.questions.values_list("external_id", "kind")) == {
        "Either is right": "single",
        "Check boxes": "multiple",
        "Partial single": "single",
    }
    assert bank.questions.get(external_id="Check boxes").scoring == "partial"


# ---------------------------------------------------------------- names too long for their column


def test_text_shorten_cuts_at_a_word_and_ends_with_an_ellipsis():
    assert text_shorten("short", 10) == "short"
    assert text_shorten("one two three four", 12) == "one two…"
    assert text_shorten("x" * 30, 10) == "x" * 9 + "…"


def test_external_id_shorten_keeps_long_ids_distinct_and_stable():
    first, second = "a" * 300 + "1", "a" * 300 + "2"

    assert len(external_id_shorten(first, 255)) == 255
    assert external_id_shorten(first, 255) != external_id_shorten(second, 255)
    assert external_id_shorten(first, 255) == external_id_shorten(first, 255)


@pytest.mark.parametrize("name", ["gift/long_names.gift", "xml/long_names.xml"])
def test_names_and_ids_over_the_column_length_are_shortened_and_listed_and_reimport_matches(name, enablement_admin):
    bank = QuestionBankFactory()

    summary = run_import(enablement_admin, bank, name)
    again = run_import(enablement_admin, bank, name)

    for question in bank.questions.all():
        assert len(question.name) <= Question._meta.get_field("name").max_length
        assert len(question.external_id) <= Question._meta.get_field("external_id").max_length
    assert any(question.name.endswith("…") for question in bank.questions.all())
    assert {item["field"] for item in summary.shortened} == {"name", "external id"}
    assert all(item["length"] > item["kept"] for item in summary.shortened)
    assert summary.record.shortened == summary.shortened
    assert (again.created, again.updated, again.unchanged) == (0, 0, summary.created)


# ---------------------------------------------------------------- categories


@pytest.mark.parametrize(
    ("source", "stored"),
    [
        ("$course$/top/Discovery/Listening", "Discovery/Listening"),
        ("$course$/Objections", "Objections"),
        ("$system$/top", ""),
        ("top/Maths", "Maths"),
        ("Negotiation", "Negotiation"),
    ],
)
def test_a_moodle_category_is_kept_as_the_banks_path_without_moodles_context(source, stored):
    assert category_path(source) == stored


def test_categories_from_gift_and_xml_are_kept_on_the_questions_and_importing_again_keeps_them(enablement_admin):
    gift_bank, xml_bank = QuestionBankFactory(), QuestionBankFactory()

    run_import(enablement_admin, gift_bank, "gift/categories.gift")
    run_import(enablement_admin, xml_bank, "xml/nested_categories_with_questions.xml")
    again = run_import(enablement_admin, gift_bank, "gift/categories.gift")

    assert dict(gift_bank.questions.values_list("external_id", "category")) == {
        "Open question": "Discovery",
        "Silence": "Discovery/Listening",
        "First offer": "Negotiation",
    }
    assert (again.updated, again.unchanged) == (0, 3)
    assert dict(xml_bank.questions.values_list("external_id", "category"))["Reporting question"] == (
        "Products/Platform/Reporting"
    )


def test_a_file_that_moves_a_question_to_another_category_updates_it(enablement_admin):
    bank = QuestionBankFactory()
    run_import(enablement_admin, bank, "gift/categories.gift")
    moved = read("gift/categories.gift").replace(b"$CATEGORY: Negotiation", b"$CATEGORY: $course$/Closing")

    summary = run_import(enablement_admin, bank, "categories.gift", moved)

    assert (summary.updated, summary.unchanged) == (1, 2)
    assert bank.questions.get(external_id="First offer").category == "Closing"


def test_a_quiz_section_with_a_category_draws_only_from_that_category_and_those_below_it(enablement_admin, rep):
    bank = QuestionBankFactory()
    run_import(enablement_admin, bank, "gift/categories.gift")
    quiz = QuizFactory(questions=0, shuffle_questions=False)
    quiz.sections.update(bank=bank, count=10, category="Discovery")

    attempt = attempt_start(user=rep, quiz=quiz)

    assert sorted(served.question.external_id for served in attempt.questions.all()) == ["Open question", "Silence"]


# ---------------------------------------------------------------- images and embedded files


def test_images_and_embedded_files_left_out_are_listed_per_question_in_the_summary_and_the_record(enablement_admin):
    bank = QuestionBankFactory()

    summary = run_import(enablement_admin, bank, "xml/multichoice.xml")

    assert summary.dropped == [
        {
            "position": 1,
            "line": None,
            "name": "Call stage",
            "dropped": ["file call.mp3", "image negotiation.gif", "image discovery.gif", "image proposal.gif",
                        "image closing.gif"],
        }
    ]  # fmt: skip
    assert QuestionImport.objects.get(pk=summary.record.pk).dropped == summary.dropped
    assert "@@PLUGINFILE@@" not in bank.questions.get().text


# ---------------------------------------------------------------- the admin page and the command


def test_the_upload_page_lists_what_was_left_out_and_what_was_shortened(enablement_admin, client_for):
    bank = QuestionBankFactory(name="Uploaded")
    client = client_for(enablement_admin)

    images = client.post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": SimpleUploadedFile("images.gift", read("gift/images.gift")), "file_format": ""},
    ).content.decode()
    long = client.post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": SimpleUploadedFile("long.xml", read("xml/long_names.xml")), "file_format": ""},
    ).content.decode()

    assert "Left out: images and files that stay behind in Moodle" in images
    assert (
        "<td>Pipeline chart</td><td>image pipeline chart.png, file brief.pdf, image https://example.com/icons/tick.png</td>"
        in images
    )
    assert "Shortened to fit" not in images
    assert "Shortened to fit" in long and "external id: 303 characters, kept 255" in long


def test_the_command_lists_what_was_left_out_and_what_was_shortened():
    QuestionBankFactory(name="Long")
    out = StringIO()

    call_command("import_questions", str(FIXTURES / "gift" / "long_names.gift"), "--bank", "Long", stdout=out)
    call_command("import_questions", str(FIXTURES / "gift" / "images.gift"), "--bank", "Long", stdout=out)

    lines = out.getvalue().splitlines()
    assert any(line.startswith("  shortened the external id of “Qualification") and "(line 3) from" in line for line in lines)
    assert "  left out of “Pipeline chart” (line 4): image pipeline chart.png, file brief.pdf, " \
        "image https://example.com/icons/tick.png" in lines
