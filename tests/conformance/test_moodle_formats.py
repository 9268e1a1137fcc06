"""Conformance: our importer against Moodle's own question-format test files.

Moodle's fixtures (GPL, not ours) are not in this repository. Point CERTIFY_EXTERNAL_DIR at a folder
holding them as `moodle-question-formats/{gift,xml}/...` and run `pytest -m conformance`; the normal
suite deselects these tests (pyproject's addopts) and `.ci/run` runs them when the folder is there.
Each file must import what the importer supports and name, with its position, what it skips.
The same rules on files we wrote live in tests/assessments/test_importers.py and test_question_import.py.
"""

import os
from decimal import Decimal
from pathlib import Path

import pytest

from assessments import importers
from assessments.importers import (
    ALL_OR_NOTHING,
    MULTIPLE,
    PARTIAL,
    SINGLE,
    TRUE_FALSE,
    ParsedChoice,
    ParsedQuestion,
    SkippedQuestion,
    parse_gift,
    parse_moodle_xml,
)
from assessments.models import Choice, QuestionImport
from assessments.services import questions_import
from tests.factories.assessments import QuestionBankFactory

pytestmark = pytest.mark.conformance

ENVIRONMENT_VARIABLE = "CERTIFY_EXTERNAL_DIR"


@pytest.fixture(scope="session")
def moodle() -> Path:
    """Moodle's question-format fixtures, from the folder CERTIFY_EXTERNAL_DIR names."""
    root = os.environ.get(ENVIRONMENT_VARIABLE)
    if not root:
        pytest.skip(f"{ENVIRONMENT_VARIABLE} is not set: no external files to check against")
    folder = Path(root) / "moodle-question-formats"
    if not folder.is_dir():
        pytest.fail(f"{ENVIRONMENT_VARIABLE}={root} has no moodle-question-formats folder")
    return folder


def _gift(moodle: Path, name: str):
    return parse_gift((moodle / "gift" / name).read_bytes())


def _xml(moodle: Path, name: str):
    return parse_moodle_xml((moodle / "xml" / name).read_bytes())


def _by_id(result) -> dict[str, ParsedQuestion]:
    return {question.external_id: question for question in result.questions}


def _true_false(true_fraction: str, true_feedback: str = "", false_feedback: str = "") -> tuple:
    false_fraction = "0" if true_fraction == "1" else "1"
    return (
        ParsedChoice("True", Decimal(true_fraction), true_feedback),
        ParsedChoice("False", Decimal(false_fraction), false_feedback),
    )


# ---------------------------------------------------------------- parsing each file


def test_gift_questions_file_imports_choice_and_true_false_and_skips_other_types(moodle):
    result = _gift(moodle, "questions.gift.txt")

    assert result.skipped == [
        SkippedQuestion(position=1, line=2, name="Q8", kind="essay"),
        SkippedQuestion(position=2, line=5, name="Moodle activities", kind="matching"),
        SkippedQuestion(position=5, line=31, name="Q5", kind="numerical"),
        SkippedQuestion(position=6, line=34, name="Shortanswer", kind="shortanswer"),
    ]
    assert [(q.position, q.line, q.external_id, q.kind) for q in result.questions] == [
        (3, 14, "Q2", SINGLE),
        (4, 22, "colours", MULTIPLE),
        (7, 41, "Q1", TRUE_FALSE),
        (8, 46, "2-08 TSL", TRUE_FALSE),
        (9, 49, "2-08 TSL#2", TRUE_FALSE),
    ]
    questions = _by_id(result)
    single = questions["Q2"]
    assert single.name == "Q2" and single.scoring == ALL_OR_NOTHING and single.category == ""
    assert single.text == "What's between orange and green in the spectrum?"
    assert single.explanation == ""
    assert single.choices == (
        ParsedChoice("yellow", Decimal("1"), "right; good!"),
        ParsedChoice("red", Decimal("0"), "wrong, it's yellow"),
        ParsedChoice("blue", Decimal("0"), "wrong, it's yellow"),
    )
    multiple = questions["colours"]
    assert multiple.scoring == PARTIAL
    assert [(c.text, c.fraction, c.feedback) for c in multiple.choices] == [
        ("yellow", Decimal("0.5"), "right; good!"),
        ("red", Decimal("-1"), "wrong"),
        ("off-beige", Decimal("0.5"), "right; good!"),
        ("blue", Decimal("-1"), "wrong"),
    ]
    # {FALSE#feedback for a wrong answer#feedback for the right answer}; `";` after the brace is
    # "missing word" text, so the blank is inserted where the answers were.
    true_false = questions["Q1"]
    assert true_false.text == '42 is the Absolute Answer to everything._____";'
    assert true_false.explanation == "This is, of course, a Hitchiker's Guide to the Galaxy reference."
    assert true_false.choices == _true_false("0", "42 is the Ultimate Answer.", "You gave the right answer.")
    assert questions["2-08 TSL"].text == "TSL is blablabla."
    assert questions["2-08 TSL"].choices == _true_false("1")
    assert questions["2-08 TSL#2"].name == "2-08 TSL"
    assert questions["2-08 TSL#2"].choices == _true_false("1")


def test_gift_file_in_category_assigns_the_category_and_keeps_safe_html(moodle):
    result = _gift(moodle, "questions_in_category.gift.txt")

    assert result.skipped == [
        SkippedQuestion(position=1, line=5, name="Moodle activities", kind="matching"),
        SkippedQuestion(position=3, line=22, name="Moodle user", kind="shortanswer"),
    ]
    assert [(q.position, q.line, q.external_id, q.kind) for q in result.questions] == [
        (2, 14, "Greeting", SINGLE),
        (4, 27, "Moodle acronym", TRUE_FALSE),
    ]
    assert {q.category for q in result.questions} == {"$course$/Default for New Features"}
    greeting = _by_id(result)["Greeting"]
    assert greeting.text == (
        '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3" rel="noopener">'
        "Listen to this greeting:</a><br><br>What language is being spoken?"
    )
    assert greeting.choices == (
        ParsedChoice("English", Decimal("0"), "Sorry, listen again."),
        ParsedChoice("French", Decimal("1"), "Yes, well done!"),
        ParsedChoice("German", Decimal("0"), "Sorry, listen again."),
        ParsedChoice("Spanish", Decimal("0"), "Sorry, listen again."),
    )
    acronym = _by_id(result)["Moodle acronym"]
    assert acronym.text == (
        "Moodle is an acronym for <span>Modular Object-Oriented Dynamic Learning Environment</span>."
    )
    assert acronym.choices == _true_false("1")


def test_gift_windows_1252_file_is_decoded_and_its_essays_and_matching_are_skipped(moodle):
    raw = (moodle / "gift" / "questions_encoding_windows-1252.gift.txt").read_bytes()
    result = parse_gift(raw)

    assert result.questions == []
    assert result.skipped == [
        SkippedQuestion(position=1, line=6, name="asdf", kind="essay"),
        SkippedQuestion(position=2, line=10, name="test daniel", kind="essay"),
        SkippedQuestion(position=3, line=14, name="asdf", kind="matching"),
    ]
    text = importers._decode(raw)
    assert "=<p>aödf<br></p> -> asdf" in text and "\ufffd" not in text


def test_xml_categories_in_reverse_order_hold_only_skipped_types(moodle):
    result = _xml(moodle, "categories_reverse_order.xml")

    assert result.questions == []
    assert result.skipped == [
        SkippedQuestion(position=1, line=None, name="Tau Question", kind="essay"),
        SkippedQuestion(position=2, line=None, name="Sigma Question", kind="shortanswer"),
    ]


def test_xml_category_with_description_imports_its_true_false_question(moodle):
    result = _xml(moodle, "category_with_description.xml")

    assert result.skipped == []
    assert result.questions == [
        ParsedQuestion(
            position=1,
            line=None,
            external_id="Alpha Question",  # the category's <idnumber> is not the question's
            name="Alpha Question",
            kind=TRUE_FALSE,
            scoring=ALL_OR_NOTHING,
            text="<p>Testing Alpha Question</p>",
            explanation="",
            choices=_true_false("1"),
            category="$course$/Alpha",
        )
    ]


def test_xml_empty_idnumber_falls_back_to_the_name(moodle):
    result = _xml(moodle, "export_category.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id, q.kind, q.category) for q in result.questions] == [
        (1, "Alpha Question", TRUE_FALSE, "$course$/Alpha")
    ]
    assert result.questions[0].choices == _true_false("1")


def test_xml_idnumber_with_html_characters_becomes_the_external_id(moodle):
    result = _xml(moodle, "html_chars_in_idnumbers.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id, q.name, q.category) for q in result.questions] == [
        (1, "T & F", "Alpha Question", "$course$/Alpha")
    ]
    assert result.questions[0].text == "<p>Testing Alpha Question</p>"


def test_xml_multichoice_single_answer_drops_images_and_embedded_files(moodle):
    result = _xml(moodle, "multichoice.xml")

    assert result.skipped == []
    (greeting,) = result.questions
    assert (greeting.position, greeting.external_id, greeting.kind, greeting.scoring) == (
        1,
        "Greeting",
        SINGLE,
        ALL_OR_NOTHING,
    )
    assert greeting.category == "$course$/Default for testhead/Multichoice"
    # The recording and the flags stay behind in Moodle: the link becomes its text, and each is named.
    assert greeting.text == "<p>Listen to this greeting:<br><br>What language is being spoken?</p>"
    assert greeting.dropped == (
        "file bonjour.mp3", "image flag-uk.jpg", "image flag-france.jpg", "image flag-german.jpg", "image flag-denmark.jpg"
    )
    assert greeting.explanation == ""
    assert greeting.choices == (
        ParsedChoice("<p> English</p>", Decimal("0"), "<p>Sorry, listen again.</p>"),
        ParsedChoice("<p> French</p>", Decimal("1"), "<p>Yes, well done!</p>"),
        ParsedChoice("<p> German</p>", Decimal("0"), "<p>Sorry, listen again.</p>"),
        ParsedChoice("<p> Danish</p>", Decimal("0"), "<p>Sorry, listen again.</p>"),
    )


def test_xml_nested_categories_follow_each_question_and_essay_is_skipped(moodle):
    result = _xml(moodle, "nested_categories_with_questions.xml")

    assert result.skipped == [SkippedQuestion(position=2, line=None, name="Kappa Essay Question", kind="essay")]
    assert [(q.position, q.external_id, q.kind, q.category) for q in result.questions] == [
        (1, "Iota Question", TRUE_FALSE, "$course$/Iota"),
        (3, "Kappa Question", TRUE_FALSE, "$course$/Iota/Kappa"),
        (4, "Lambda Question", TRUE_FALSE, "$course$/Iota/Kappa/Lambda"),
        (5, "Mu Question", TRUE_FALSE, "$course$/Iota/Mu"),
    ]
    assert result.questions[2].text == "<p>Testing Lambda Question</p>"
    assert result.questions[2].choices == _true_false("1")


def test_xml_true_false_reads_the_right_answer_feedback_and_general_feedback(moodle):
    result = _xml(moodle, "truefalse.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id) for q in result.questions] == [
        (1, "Moodle acronym (False)"),
        (2, "Moodle acronym (True)"),
    ]
    false_one, true_one = result.questions
    assert false_one.category == "$course$/Default for testhead/TrueFalse"
    assert false_one.text == (
        "<p>Moodle&nbsp; is an acronym for "
        "<span>Modular Object-Oriented Dynamic Learning Education</span>.</p>"
    )
    assert false_one.explanation == (
        '<p>For further information, see the <a href="http://docs.moodle.org/en/About_Moodle" '
        'rel="noopener">documentation about Moodle</a>.</p>'
    )
    assert false_one.choices == _true_false(
        "0", "<p> Your answer is incorrect.</p>", "<p> Your answer is correct.</p>"
    )
    assert true_one.choices == _true_false(
        "1",
        "<p> Your&nbsp;answer&nbsp;is&nbsp;correct.</p>",
        "<p>&nbsp;Your&nbsp;answer&nbsp;is incorrect.</p>",
    )


# ---------------------------------------------------------------- importing each file into a bank

TF_TRUE = [("True", "1", ""), ("False", "0", "")]
ALPHA_TEXT, LAMBDA_TEXT = "<p>Testing Alpha Question</p>", "<p>Testing Lambda Question</p>"
LINKED_GREETING = (
    '<a href="http://demo.moodle.net/file.php/5/media/bonjour.mp3" rel="noopener noreferrer">'
    "Listen to this greeting:</a><br><br>What language is being spoken?"
)

# file -> (format, questions created, skipped as (position, line, name, kind), {external id: stored content})
# Stored content: (name, kind, scoring, text, explanation, [(choice text, fraction, feedback), ...]).
EXPECTED = {
    "gift/questions.gift.txt": (
        "gift",
        5,
        [(1, 2, "Q8", "essay"), (2, 5, "Moodle activities", "matching"), (5, 31, "Q5", "numerical"),
         (6, 34, "Shortanswer", "shortanswer")],
        {
            "colours": (
                "colours", "multiple", "partial", "What's between orange and green in the spectrum?", "",
                [("yellow", "0.5", "right; good!"), ("red", "-1", "wrong"), ("off-beige", "0.5", "right; good!"),
                 ("blue", "-1", "wrong")],
            ),
            "Q1": (
                "Q1", "true_false", "all_or_nothing", '42 is the Absolute Answer to everything._____";',
                "This is, of course, a Hitchiker's Guide to the Galaxy reference.",
                [("True", "0", "42 is the Ultimate Answer."), ("False", "1", "You gave the right answer.")],
            ),
            "2-08 TSL#2": ("2-08 TSL", "true_false", "all_or_nothing", "TSL is blablabla.", "", TF_TRUE),
        },
    ),
    "gift/questions_in_category.gift.txt": (
        "gift",
        2,
        [(1, 5, "Moodle activities", "matching"), (3, 22, "Moodle user", "shortanswer")],
        {
            "Greeting": (
                "Greeting", "single", "all_or_nothing", LINKED_GREETING, "",
                [("English", "0", "Sorry, listen again."), ("French", "1", "Yes, well done!"),
                 ("German", "0", "Sorry, listen again."), ("Spanish", "0", "Sorry, listen again.")],
            ),
            "Moodle acronym": (
                "Moodle acronym", "true_false", "all_or_nothing",
                "Moodle is an acronym for <span>Modular Object-Oriented Dynamic Learning Environment</span>.", "",
                TF_TRUE,
            ),
        },
    ),
    "gift/questions_encoding_windows-1252.gift.txt": (
        "gift",
        0,
        [(1, 6, "asdf", "essay"), (2, 10, "test daniel", "essay"), (3, 14, "asdf", "matching")],
        {},
    ),
    "xml/categories_reverse_order.xml": (
        "xml",
        0,
        [(1, None, "Tau Question", "essay"), (2, None, "Sigma Question", "shortanswer")],
        {},
    ),
    "xml/category_with_description.xml": (
        "xml",
        1,
        [],
        {"Alpha Question": ("Alpha Question", "true_false", "all_or_nothing", ALPHA_TEXT, "", TF_TRUE)},
    ),
    "xml/export_category.xml": (
        "xml",
        1,
        [],
        {"Alpha Question": ("Alpha Question", "true_false", "all_or_nothing", ALPHA_TEXT, "", TF_TRUE)},
    ),
    "xml/html_chars_in_idnumbers.xml": (
        "xml",
        1,
        [],
        {"T & F": ("Alpha Question", "true_false", "all_or_nothing", "<p>Testing Alpha Question</p>", "", TF_TRUE)},
    ),
    "xml/multichoice.xml": (
        "xml",
        1,
        [],
        {
            "Greeting": (
                "Greeting", "single", "all_or_nothing",
                "<p>Listen to this greeting:<br><br>What language is being spoken?</p>",
                "",
                [("<p> English</p>", "0", "<p>Sorry, listen again.</p>"),
                 ("<p> French</p>", "1", "<p>Yes, well done!</p>"),
                 ("<p> German</p>", "0", "<p>Sorry, listen again.</p>"),
                 ("<p> Danish</p>", "0", "<p>Sorry, listen again.</p>")],
            ),
        },
    ),
    "xml/nested_categories_with_questions.xml": (
        "xml",
        4,
        [(2, None, "Kappa Essay Question", "essay")],
        {"Lambda Question": ("Lambda Question", "true_false", "all_or_nothing", LAMBDA_TEXT, "", TF_TRUE)},
    ),
    "xml/truefalse.xml": (
        "xml",
        2,
        [],
        {
            "Moodle acronym (False)": (
                "Moodle acronym (False)", "true_false", "all_or_nothing",
                "<p>Moodle&nbsp; is an acronym for "
                "<span>Modular Object-Oriented Dynamic Learning Education</span>.</p>",
                '<p>For further information, see the <a href="http://docs.moodle.org/en/About_Moodle" '
                'rel="noopener noreferrer">documentation about Moodle</a>.</p>',
                [("True", "0", "<p> Your answer is incorrect.</p>"), ("False", "1", "<p> Your answer is correct.</p>")],
            ),
        },
    ),
}  # fmt: skip


def read(moodle: Path, name: str) -> bytes:
    return (moodle / name).read_bytes()


def stored(question):
    return (
        question.name,
        question.kind,
        question.scoring,
        question.text,
        question.explanation,
        [(c.text, c.fraction, c.feedback) for c in question.choices.order_by("sort_order")],
    )


def expected_content(content):
    name, kind, scoring, text, explanation, choices = content
    return (name, kind, scoring, text, explanation, [(t, Decimal(f), fb) for t, f, fb in choices])


def test_the_table_covers_every_gift_and_xml_file_of_moodle(moodle):
    on_disk = {f"gift/{p.name}" for p in (moodle / "gift").glob("*.txt")} | {
        f"xml/{p.name}" for p in (moodle / "xml").glob("*.xml")
    }

    assert len(on_disk) == 10 and set(EXPECTED) == on_disk


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_importing_each_moodle_file_stores_its_questions_and_records_what_was_skipped(name, moodle, enablement_admin):
    file_format, created, skipped, samples = EXPECTED[name]
    bank = QuestionBankFactory()

    summary = questions_import(
        actor=enablement_admin, bank=bank, file_name=Path(name).name, data=read(moodle, name), file_format=file_format
    )

    assert (summary.created, summary.updated, summary.unchanged) == (created, 0, 0)
    assert bank.questions.count() == created
    assert Choice.objects.filter(question__bank=bank).count() >= 2 * created
    skipped_dicts = [{"position": p, "line": line, "name": n, "kind": k} for p, line, n, k in skipped]
    assert summary.skipped == skipped_dicts
    record = QuestionImport.objects.get(bank=bank)
    assert record == summary.record
    assert (record.file_name, record.file_format, record.imported_by, record.created, record.updated) == (
        Path(name).name,
        file_format,
        enablement_admin,
        created,
        0,
    )
    assert record.skipped == skipped_dicts
    for external_id, content in samples.items():
        question = bank.questions.get(external_id=external_id)
        assert stored(question) == expected_content(content)
        assert question.active is True
    for choice in Choice.objects.filter(question__bank=bank):
        assert "<img" not in choice.text and "<script" not in choice.text


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_importing_the_same_file_twice_creates_and_changes_nothing(name, moodle, enablement_admin):
    file_format, created, skipped, _ = EXPECTED[name]
    bank = QuestionBankFactory()
    questions_import(actor=enablement_admin, bank=bank, file_name="first", data=read(moodle, name), file_format=file_format)
    before = {q.pk: (stored(q), q.updated_at) for q in bank.questions.all()}
    choice_ids = set(Choice.objects.filter(question__bank=bank).values_list("pk", flat=True))

    again = questions_import(
        actor=enablement_admin, bank=bank, file_name="again", data=read(moodle, name), file_format=file_format
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, created)
    assert {q.pk: (stored(q), q.updated_at) for q in bank.questions.all()} == before
    assert set(Choice.objects.filter(question__bank=bank).values_list("pk", flat=True)) == choice_ids
    assert (again.record.created, again.record.updated, len(again.record.skipped)) == (0, 0, len(skipped))
    assert bank.imports.count() == 2
