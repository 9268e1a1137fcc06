"""Importing questions into a bank: the service on every fixture file, the command and the admin page.

The parsers themselves are tested in test_importers.py; these tests are about what reaches the database.
"""

from decimal import Decimal
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from assessments.exceptions import ImportRefused
from assessments.models import Choice, Question, QuestionBank, QuestionImport
from assessments.services import attempt_start, questions_import
from tests.factories.assessments import QuestionBankFactory, QuizFactory

pytestmark = pytest.mark.django_db

# Our own question files, written from Moodle's documentation of GIFT and Moodle XML; Moodle's own
# files are checked in tests/conformance/ when they are available.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "questions"

TF_TRUE = [("True", "1", ""), ("False", "0", "")]
PRICE_TEXT = "<p>A price objection is often a value question.</p>"
LINKED_RECORDING = (
    '<a href="https://example.com/calls/discovery.mp3" rel="noopener noreferrer">'
    "Listen to this call:</a><br><br>Which stage is the rep in?"
)

# file -> (format, questions created, skipped as (position, line, name, kind), {external id: stored content})
# Stored content: (name, kind, scoring, text, explanation, [(choice text, fraction, feedback), ...]).
EXPECTED = {
    "gift/mixed.gift": (
        "gift",
        5,
        [(1, 5, "Elevator pitch", "essay"), (2, 8, "Stages", "matching"), (5, 33, "Stakeholders", "numerical"),
         (6, 36, "Acronym", "shortanswer")],
        {
            "Discovery questions": (
                "Discovery questions", "multiple", "partial", "Which questions belong in a discovery call?", "",
                [("What happens if nothing changes?", "0.5", "yes"), ("Can we sign today?", "-1", "too early"),
                 ("Who else feels this problem?", "0.5", "yes"), ("Do you like our logo?", "-1", "no")],
            ),
            "Discount": (
                "Discount", "true_false", "all_or_nothing", 'A discount is the best way to move a stalled deal._____";',
                "A stalled deal usually lacks a champion, not a lower price.",
                [("True", "0", "A discount rarely moves a stalled deal."),
                 ("False", "1", "Right: find what is blocking it.")],
            ),
            "Champion#2": (
                "Champion", "true_false", "all_or_nothing", "A champion sells for you when you are not in the room.",
                "", TF_TRUE,
            ),
        },
    ),
    "gift/in_category.gift": (
        "gift",
        2,
        [(1, 5, "Call aims", "matching"), (3, 21, "Inside seller", "shortanswer")],
        {
            "Recording": (
                "Recording", "single", "all_or_nothing", LINKED_RECORDING, "",
                [("Negotiation", "0", "Listen again."), ("Discovery", "1", "Yes, well done!"),
                 ("Proposal", "0", "Listen again."), ("Closing", "0", "Listen again.")],
            ),
            "Economic buyer": (
                "Economic buyer", "true_false", "all_or_nothing",
                "The economic buyer is <span>the person who signs off the budget</span>.", "",
                TF_TRUE,
            ),
        },
    ),
    "gift/windows-1252.gift": (
        "gift",
        0,
        [(1, 6, "Réponse", "essay"), (2, 9, "Objection entendue", "essay"), (3, 13, "Réponse", "matching")],
        {},
    ),
    "xml/categories_out_of_order.xml": (
        "xml",
        0,
        [(1, None, "Forecast call", "essay"), (2, None, "Stage after discovery", "shortanswer")],
        {},
    ),
    "xml/category_with_description.xml": (
        "xml",
        1,
        [],
        {"Price objection": ("Price objection", "true_false", "all_or_nothing", PRICE_TEXT, "", TF_TRUE)},
    ),
    "xml/empty_idnumber.xml": (
        "xml",
        1,
        [],
        {"Price objection": ("Price objection", "true_false", "all_or_nothing", PRICE_TEXT, "", TF_TRUE)},
    ),
    "xml/html_chars_in_idnumbers.xml": (
        "xml",
        1,
        [],
        {"P & L": ("Price objection", "true_false", "all_or_nothing", PRICE_TEXT, "", TF_TRUE)},
    ),
    "xml/multichoice.xml": (
        "xml",
        1,
        [],
        {
            "Call stage": (
                "Call stage", "single", "all_or_nothing",
                "<p>Listen to this call:<br><br>Which stage is the rep in?</p>",
                "",
                [("<p> Negotiation</p>", "0", "<p>Listen again.</p>"),
                 ("<p> Discovery</p>", "1", "<p>Yes, well done!</p>"),
                 ("<p> Proposal</p>", "0", "<p>Listen again.</p>"),
                 ("<p> Closing</p>", "0", "<p>Listen again.</p>")],
            ),
        },
    ),
    "xml/nested_categories_with_questions.xml": (
        "xml",
        4,
        [(2, None, "Platform essay", "essay")],
        {
            "Reporting question": (
                "Reporting question", "true_false", "all_or_nothing", "<p>Testing the reporting question.</p>", "",
                TF_TRUE,
            ),
        },
    ),
    "xml/truefalse.xml": (
        "xml",
        2,
        [],
        {
            "MEDDIC letters (False)": (
                "MEDDIC letters (False)", "true_false", "all_or_nothing",
                "<p>MEDDIC  stands for "
                "<span>Metrics, Economic buyer, Discount, Decision process, Identify pain, Champion</span>.</p>",
                '<p>The second D is for <a href="https://example.com/guides/meddic" rel="noopener noreferrer">'
                "decision criteria</a>, not a discount.</p>",
                [("True", "0", "<p> Not quite.</p>"), ("False", "1", "<p> Right.</p>")],
            ),
        },
    ),
    # One file per rule of reading files as Moodle does; test_question_import_moodle_rules.py has the details.
    "gift/categories.gift": ("gift", 3, [], {}),
    "gift/continuation_lines.gift": ("gift", 2, [], {}),
    "gift/images.gift": ("gift", 2, [], {}),
    "gift/long_names.gift": ("gift", 2, [], {}),
    "gift/markdown.gift": ("gift", 1, [], {}),
    "gift/short_answers_and_other_types.gift": (
        "gift",
        1,
        [(1, 4, "Acronym", "shortanswer"), (2, 6, "One word", "shortanswer"),
         (3, 8, "Weighted short answer", "shortanswer"), (4, 10, "Deal size", "numerical"), (5, 12, "Intro", "description")],
        {},
    ),
    "gift/single_or_multiple.gift": (
        "gift",
        3,
        [],
        {
            "Check boxes": (
                "Check boxes", "multiple", "partial", "Which of these belong in a mutual action plan?", "",
                [("Dates agreed with the buyer", "1", ""), ("Our discount", "0", ""), ("A logo", "0", "")],
            ),
        },
    ),
    "gift/utf-16.gift": (
        "gift",
        1,
        [],
        {"Écoute": ("Écoute", "true_false", "all_or_nothing",
                    "Listening is most of a discovery call — vrai ou faux ?", "", TF_TRUE)},
    ),
    "xml/long_names.xml": ("xml", 1, [], {}),
    "xml/markdown.xml": ("xml", 1, [], {}),
    "xml/single_element.xml": ("xml", 3, [], {}),
    "xml/utf-16.xml": (
        "xml", 1, [], {"Écoute": ("Écoute", "true_false", "all_or_nothing", "Écouter, c’est vendre.", "", TF_TRUE)},
    ),
}  # fmt: skip

MALFORMED_GIFT = b"::Next step::What do you do first? {=listen ~talk}\n\n// broken\n::B::Broken {\n=a\n~b\n"
MALFORMED_GIFT_ERROR = "Line 4: missing closing brace '}' for the question that starts here"
MALFORMED_XML = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n'
    b'<question type="truefalse"><name><text>Fine</text></name><questiontext><text>x</text></questiontext>'
    b'<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>\n'
    b'<question type="multichoice"><name><text>Q2</text></name><questiontext><text>Pick</text></questiontext>'
    b'<answer fraction="100"><text>a</text></answer><answer><text>b</text></answer></question>\n</quiz>\n'
)
MALFORMED_XML_ERROR = 'Element <question type="multichoice"> #2 (name "Q2"): <answer> has no fraction attribute'


def read(name):
    return (FIXTURES / name).read_bytes()


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


def database_counts():
    return (Question.objects.count(), Choice.objects.count(), QuestionImport.objects.count())


def test_the_table_covers_every_fixture_file():
    on_disk = {f"gift/{p.name}" for p in (FIXTURES / "gift").glob("*.gift")} | {
        f"xml/{p.name}" for p in (FIXTURES / "xml").glob("*.xml")
    }

    assert len(on_disk) == 22 and set(EXPECTED) == on_disk


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_importing_each_fixture_file_stores_its_questions_and_records_what_was_skipped(name, enablement_admin):
    file_format, created, skipped, samples = EXPECTED[name]
    bank = QuestionBankFactory()

    summary = questions_import(
        actor=enablement_admin, bank=bank, file_name=Path(name).name, data=read(name), file_format=file_format
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


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_importing_the_same_file_twice_creates_and_changes_nothing(name, enablement_admin):
    file_format, created, skipped, _ = EXPECTED[name]
    bank = QuestionBankFactory()
    questions_import(actor=enablement_admin, bank=bank, file_name="first", data=read(name), file_format=file_format)
    before = {q.pk: (stored(q), q.updated_at) for q in bank.questions.all()}
    choice_ids = set(Choice.objects.filter(question__bank=bank).values_list("pk", flat=True))

    again = questions_import(
        actor=enablement_admin, bank=bank, file_name="again", data=read(name), file_format=file_format
    )

    assert (again.created, again.updated, again.unchanged) == (0, 0, created)
    assert {q.pk: (stored(q), q.updated_at) for q in bank.questions.all()} == before
    assert set(Choice.objects.filter(question__bank=bank).values_list("pk", flat=True)) == choice_ids
    assert (again.record.created, again.record.updated, len(again.record.skipped)) == (0, 0, len(skipped))
    assert bank.imports.count() == 2


def test_a_changed_file_updates_its_questions_in_place_and_past_attempts_keep_what_they_served(enablement_admin, rep):
    original = read("gift/mixed.gift").decode()
    bank = QuestionBankFactory()
    questions_import(actor=enablement_admin, bank=bank, file_name="q.gift", data=original.encode(), file_format="gift")
    q2 = bank.questions.get(external_id="Next step")
    untouched = {q.pk: q.updated_at for q in bank.questions.exclude(pk=q2.pk)}
    quiz = QuizFactory(questions=0)
    quiz.sections.update(bank=bank, count=5)
    attempt = attempt_start(user=rep, quiz=quiz)
    served = attempt.questions.get(question=q2)

    changed = original.replace("::Next step:: A buyer asks", "::Next step:: A new buyer asks").replace(
        "~Send the price list # [html]no, ask why first",
        "~Email the price list # [html]no, ask what for first\n    ~%-50%Offer a discount # no",
    )
    assert changed != original
    summary = questions_import(
        actor=enablement_admin, bank=bank, file_name="q.gift", data=changed.encode(), file_format="gift"
    )

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 4)
    assert summary.record.updated == 1 and bank.questions.count() == 5
    q2_now = Question.objects.get(pk=q2.pk)  # the same row, updated
    assert stored(q2_now) == (
        "Next step",
        "single",
        "all_or_nothing",
        "A new buyer asks for the price on the first call. What do you do?",
        "",
        [
            ("Ask what the price will be compared with", Decimal(1), "right; price needs context."),
            ("Email the price list", Decimal(0), "no, ask what for first"),
            ("Offer a discount", Decimal("-0.5"), "no"),
            ("Refuse to talk about price", Decimal(0), "no, ask why first"),
        ],
    )
    assert {q.pk: q.updated_at for q in bank.questions.exclude(pk=q2.pk)} == untouched
    served.refresh_from_db()
    assert served.text == "A buyer asks for the price on the first call. What do you do?"
    assert [c["text"] for c in served.choices] == [
        "Ask what the price will be compared with",
        "Send the price list",
        "Refuse to talk about price",
    ]


@pytest.mark.parametrize(
    ("file_name", "data", "file_format", "error"),
    [
        pytest.param("broken.gift", MALFORMED_GIFT, "gift", MALFORMED_GIFT_ERROR, id="gift-names-the-line"),
        pytest.param("broken.xml", MALFORMED_XML, "xml", MALFORMED_XML_ERROR, id="xml-names-the-element"),
    ],
)
def test_a_malformed_file_is_refused_naming_where_and_leaves_the_database_unchanged(
    file_name, data, file_format, error, enablement_admin
):
    bank = QuestionBankFactory()
    questions_import(
        actor=enablement_admin, bank=bank, file_name="q.gift", data=read("gift/mixed.gift"), file_format="gift"
    )
    counts = database_counts()
    q2 = stored(bank.questions.get(external_id="Next step"))

    with pytest.raises(ImportRefused) as refused:
        questions_import(actor=enablement_admin, bank=bank, file_name=file_name, data=data, file_format=file_format)

    assert str(refused.value) == f"{file_name}: {error}. Nothing was imported."
    assert database_counts() == counts
    assert stored(bank.questions.get(external_id="Next step")) == q2  # the broken file's valid one did not come in
    assert not bank.questions.filter(external_id="Fine").exists()


def test_an_unknown_format_is_refused(enablement_admin):
    bank = QuestionBankFactory()

    with pytest.raises(ImportRefused, match="unknown question format 'aiken'"):
        questions_import(
            actor=enablement_admin, bank=bank, file_name="q.txt", data=read("gift/mixed.gift"),
            file_format="aiken",
        )

    assert bank.questions.count() == 0 and bank.imports.count() == 0


def test_someone_who_is_not_an_enablement_admin_may_not_import(rep):
    bank = QuestionBankFactory()
    counts = database_counts()

    with pytest.raises(ImportRefused, match="Only enablement admins can import questions."):
        questions_import(
            actor=rep, bank=bank, file_name="q.gift", data=read("gift/mixed.gift"), file_format="gift"
        )

    assert database_counts() == counts


# ---------------------------------------------------------------- the management command


def run_command(*args):
    out = StringIO()
    call_command("import_questions", *args, stdout=out)
    return out.getvalue()


def test_the_command_imports_into_a_named_bank_and_lists_what_it_skipped_by_name():
    bank = QuestionBankFactory(name="GIFT samples")

    output = run_command(str(FIXTURES / "gift" / "mixed.gift"), "--bank", "GIFT samples")

    assert output.splitlines() == [
        "mixed.gift into “GIFT samples”: 5 new, 0 updated, 0 unchanged, 4 skipped.",
        "  skipped essay “Elevator pitch” (line 5)",
        "  skipped matching “Stages” (line 8)",
        "  skipped numerical “Stakeholders” (line 33)",
        "  skipped shortanswer “Acronym” (line 36)",
    ]
    assert bank.questions.count() == 5
    record = bank.imports.get()
    assert record.imported_by is None and record.file_format == "gift" and len(record.skipped) == 4


def test_the_command_reads_xml_by_its_extension_and_names_skipped_xml_questions_by_position():
    QuestionBankFactory(name="Nested")

    output = run_command(str(FIXTURES / "xml" / "nested_categories_with_questions.xml"), "--bank", "Nested")

    assert output.splitlines() == [
        "nested_categories_with_questions.xml into “Nested”: 4 new, 0 updated, 0 unchanged, 1 skipped.",
        "  skipped essay “Platform essay” (position 2)",
    ]
    assert QuestionBank.objects.get(name="Nested").imports.get().file_format == "xml"


def test_the_command_creates_the_bank_when_asked():
    assert not QuestionBank.objects.filter(name="Brand new").exists()

    output = run_command(str(FIXTURES / "xml" / "truefalse.xml"), "--bank", "Brand new", "--create-bank")

    bank = QuestionBank.objects.get(name="Brand new")
    assert output.startswith("truefalse.xml into “Brand new”: 2 new, 0 updated, 0 unchanged, 0 skipped.")
    assert sorted(bank.questions.values_list("external_id", flat=True)) == [
        "MEDDIC letters (False)",
        "MEDDIC letters (True)",
    ]


def test_the_command_takes_the_format_option_over_the_file_name(tmp_path):
    QuestionBankFactory(name="Renamed")
    path = tmp_path / "export.txt"
    path.write_bytes(read("xml/truefalse.xml"))

    output = run_command(str(path), "--bank", "Renamed", "--format", "xml")

    assert "2 new" in output and QuestionBank.objects.get(name="Renamed").questions.count() == 2


def test_the_command_refuses_an_unknown_bank_without_creating_it():
    with pytest.raises(CommandError, match="No question bank is called “Nowhere”. Add --create-bank to create it."):
        run_command(str(FIXTURES / "gift" / "mixed.gift"), "--bank", "Nowhere")

    assert not QuestionBank.objects.filter(name="Nowhere").exists()
    assert Question.objects.filter(external_id="Next step").count() == 0


def test_the_command_fails_on_a_malformed_file_and_imports_nothing(tmp_path):
    QuestionBankFactory(name="Target")
    path = tmp_path / "broken.gift"
    path.write_bytes(MALFORMED_GIFT)
    counts = database_counts()

    with pytest.raises(CommandError) as failed:
        run_command(str(path), "--bank", "Target")

    assert str(failed.value) == f"broken.gift: {MALFORMED_GIFT_ERROR}. Nothing was imported."
    assert database_counts() == counts


def test_the_command_fails_on_a_missing_file(tmp_path):
    QuestionBankFactory(name="Target")

    with pytest.raises(CommandError, match="No such file"):
        run_command(str(tmp_path / "missing.gift"), "--bank", "Target")


# ---------------------------------------------------------------- the admin page


def upload(name, data):
    return SimpleUploadedFile(name, data, content_type="application/octet-stream")


def test_an_enablement_admin_uploads_a_file_and_sees_the_counts_and_the_skipped_questions(enablement_admin, client_for):
    bank = QuestionBankFactory(name="Uploaded")
    client = client_for(enablement_admin)

    response = client.post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": upload("mixed.gift", read("gift/mixed.gift")), "file_format": ""},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert "5 new questions, 0 updated, 0 already up to date, into “Uploaded”." in html
    for name in ("Elevator pitch", "Stages", "Stakeholders", "Acronym"):
        assert f"<td>{name}</td>" in html
    assert "<td>numerical</td>" in html
    assert [str(m) for m in response.context["messages"]] == ["5 new, 0 updated, 0 unchanged, 4 skipped."]
    assert bank.questions.count() == 5
    record = bank.imports.get()
    assert (record.imported_by, record.file_name, record.file_format) == (
        enablement_admin,
        "mixed.gift",
        "gift",
    )


def test_the_upload_page_reads_xml_by_its_extension(enablement_admin, client_for):
    bank = QuestionBankFactory(name="Uploaded XML")

    response = client_for(enablement_admin).post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": upload("multichoice.xml", read("xml/multichoice.xml")), "file_format": ""},
    )

    assert response.status_code == 200
    assert "1 new question, 0 updated, 0 already up to date" in response.content.decode()
    assert bank.questions.get().external_id == "Call stage"


def test_a_malformed_upload_shows_the_error_and_imports_nothing(enablement_admin, client_for):
    bank = QuestionBankFactory(name="Uploaded")
    counts = database_counts()

    response = client_for(enablement_admin).post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": upload("broken.gift", MALFORMED_GIFT), "file_format": ""},
    )

    assert response.status_code == 200
    html = response.content.decode()
    assert escape(f"broken.gift: {MALFORMED_GIFT_ERROR}. Nothing was imported.") in html
    assert response.context["form"].errors["file"] == [f"broken.gift: {MALFORMED_GIFT_ERROR}. Nothing was imported."]
    assert response.context["summary"] is None and "What came in" not in html
    assert database_counts() == counts


def test_the_upload_page_is_shown_to_an_enablement_admin(enablement_admin, client_for):
    response = client_for(enablement_admin).get(reverse("assessments_admin:question_import"))

    assert response.status_code == 200 and 'name="file"' in response.content.decode()


def test_a_rep_gets_403_from_the_upload_page_and_imports_nothing(rep, client_for):
    bank = QuestionBankFactory()
    client = client_for(rep)
    counts = database_counts()

    shown = client.get(reverse("assessments_admin:question_import"))
    posted = client.post(
        reverse("assessments_admin:question_import"),
        {"bank": bank.pk, "file": upload("mixed.gift", read("gift/mixed.gift"))},
    )

    assert (shown.status_code, posted.status_code) == (403, 403)
    assert database_counts() == counts
