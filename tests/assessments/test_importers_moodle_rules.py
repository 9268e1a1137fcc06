"""Reading GIFT and Moodle XML the way Moodle's own importers do (issue 14): pure parsing, no database.

Each rule has its own fixture file under tests/fixtures/questions/, written from Moodle's documentation
of the formats; files that must be refused are in refused/. What reaches the database is tested in
test_question_import_moodle_rules.py.
"""

from decimal import Decimal
from pathlib import Path

import pytest

from assessments.importers import (
    ALL_OR_NOTHING,
    MULTIPLE,
    PARTIAL,
    SINGLE,
    TRUE_FALSE,
    ImportFormatError,
    ParsedChoice,
    SkippedQuestion,
    parse_gift,
    parse_moodle_xml,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "questions"


def _read(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def _parse(name: str):
    return (parse_moodle_xml if name.endswith(".xml") else parse_gift)(_read(name))


def _by_id(result):
    return {question.external_id: question for question in result.questions}


# ---------------------------------------------------------------- continuation lines


def test_gift_answers_feedback_and_general_feedback_run_on_over_several_lines():
    result = _parse("gift/continuation_lines.gift")

    price = _by_id(result)["Price pushback"]
    assert price.kind == SINGLE and price.line == 6
    assert price.choices == (
        ParsedChoice(
            "Ask what the budget was built to pay for,<br>and who set it",
            Decimal(1),
            "right: the budget is a number someone chose,<br>so find out what it was meant to cover.",
        ),
        ParsedChoice(
            "Offer a discount straight away", Decimal(0), "no: a discount before you know why<br>teaches the buyer to push again."
        ),
        ParsedChoice("Send the quote again", Decimal(0)),
    )
    assert price.explanation == "A price objection is a question about value;<br>answer it with questions."


def test_gift_true_false_feedback_runs_on_over_several_lines():
    budget = _by_id(_parse("gift/continuation_lines.gift"))["Budget owner"]

    assert budget.kind == TRUE_FALSE
    assert budget.choices == (
        ParsedChoice("True", Decimal(1), "Right: they can change the number."),
        ParsedChoice("False", Decimal(0), "Look again: whoever set the number<br>can usually change it."),
    )


# ---------------------------------------------------------------- short answers and other types


def test_gift_short_answers_in_every_form_and_other_unsupported_types_are_skipped_and_listed():
    result = _parse("gift/short_answers_and_other_types.gift")

    assert result.skipped == [
        SkippedQuestion(position=1, line=4, name="Acronym", kind="shortanswer"),
        SkippedQuestion(position=2, line=6, name="One word", kind="shortanswer"),
        SkippedQuestion(position=3, line=8, name="Weighted short answer", kind="shortanswer"),
        SkippedQuestion(position=4, line=10, name="Deal size", kind="numerical"),
        SkippedQuestion(position=5, line=12, name="Intro", kind="description"),
    ]
    assert [(q.position, q.external_id, q.kind) for q in result.questions] == [(6, "Which objection", SINGLE)]


@pytest.mark.parametrize("block", ["{One}", "{One =Two}", "{=%50%One #half}", "{maybe\nnot}"])
def test_gift_a_block_moodle_reads_as_a_short_answer_is_skipped_not_fatal(block):
    result = parse_gift(f"::Short::Say it {block}\n\n::Kept::Fine {{T}}")

    assert result.skipped == [SkippedQuestion(position=1, line=1, name="Short", kind="shortanswer")]
    assert [q.external_id for q in result.questions] == ["Kept"]


# ---------------------------------------------------------------- single or multiple answer


def test_gift_single_or_multiple_answer_follows_moodles_equals_rule_not_the_marks():
    questions = _by_id(_parse("gift/single_or_multiple.gift"))

    assert (questions["Either is right"].kind, questions["Either is right"].scoring) == (SINGLE, ALL_OR_NOTHING)
    assert [c.fraction for c in questions["Either is right"].choices] == [Decimal(1), Decimal(1), Decimal(0)]
    assert (questions["Check boxes"].kind, questions["Check boxes"].scoring) == (MULTIPLE, PARTIAL)
    assert [c.fraction for c in questions["Check boxes"].choices] == [Decimal(1), Decimal(0), Decimal(0)]
    assert questions["Partial single"].kind == SINGLE
    assert [c.fraction for c in questions["Partial single"].choices] == [Decimal(1), Decimal("0.5"), Decimal(0)]


def test_xml_single_element_decides_single_or_multiple_as_moodle_reads_it():
    questions = _by_id(_parse("xml/single_element.xml"))

    assert questions["Multiple by single false"].kind == MULTIPLE  # one answer is worth 100 %, still multiple
    assert questions["Single by default"].kind == SINGLE
    assert questions["Single by single true"].kind == SINGLE  # two positive marks, still single


@pytest.mark.parametrize(("value", "kind"), [("", MULTIPLE), ("0", MULTIPLE), ("yes", SINGLE), (" false ", MULTIPLE)])
def test_xml_single_values_follow_moodles_trans_single(value, kind):
    question = (
        '<question type="multichoice"><name><text>Q</text></name><questiontext><text>Pick</text></questiontext>'
        f'<single>{value}</single><answer fraction="100"><text>a</text></answer>'
        '<answer fraction="0"><text>b</text></answer></question>'
    )

    (parsed,) = parse_moodle_xml(f"<quiz>{question}</quiz>").questions

    assert parsed.kind == kind


# ---------------------------------------------------------------- a stray brace


def test_gift_a_closing_brace_before_the_answer_block_is_refused_with_its_line():
    with pytest.raises(ImportFormatError) as caught:
        _parse("refused/stray_brace.gift")

    assert caught.value.line == 6
    assert str(caught.value) == "Line 6: '}' before the answer block opens with '{' (write \\} for a literal brace)"


def test_gift_an_escaped_closing_brace_before_the_answer_block_is_text():
    (question,) = parse_gift("::Q::Which \\} stage? {=a ~b}").questions

    assert question.text == "Which } stage?"


# ---------------------------------------------------------------- markdown


def test_gift_markdown_is_rendered_and_then_cleaned_like_html():
    (question,) = _parse("gift/markdown.gift").questions

    assert question.text == (
        "<p>Which is <strong>the</strong> first step of a <em>discovery</em> call?</p>\n<ul>\n"
        "<li>think about the buyer</li>\n"
        '<li>then <a href="https://example.com/guides/discovery" rel="noopener">read the guide</a></li>\n</ul>'
    )
    assert "script" not in question.text and "alert" not in question.text
    assert question.choices == (
        ParsedChoice("<p>Agree the <strong>agenda</strong></p>", Decimal(1), "<p><em>Yes</em>: agenda first.</p>"),
        ParsedChoice("<p>Pitch the product</p>", Decimal(0)),
    )


def test_xml_markdown_format_is_rendered_and_then_cleaned():
    (question,) = _parse("xml/markdown.xml").questions

    assert question.text == (
        '<p>Which is <em>the</em> first step?</p>\n<ol>\n<li>think</li>\n'
        '<li><a href="https://example.com/guides" rel="noopener">read</a></li>\n</ol>'
    )
    assert question.choices[0].text == "<p><strong>Agree</strong> the agenda</p>"


# ---------------------------------------------------------------- UTF-16


@pytest.mark.parametrize("name", ["gift/utf-16.gift", "xml/utf-16.xml"])
def test_a_utf16_file_with_a_byte_order_mark_is_read(name):
    raw = _read(name)
    (question,) = _parse(name).questions

    assert raw.startswith(b"\xff\xfe")  # the file is what its name says
    assert question.name == "Écoute" and question.kind == TRUE_FALSE


def test_a_utf16_file_without_a_byte_order_mark_is_refused_with_save_as_utf8():
    raw = _read("refused/utf-16-without-bom.gift")

    assert not raw.startswith((b"\xff\xfe", b"\xfe\xff")) and b"\x00" in raw
    for parser in (parse_gift, parse_moodle_xml):
        with pytest.raises(ImportFormatError, match="^this file is UTF-16; save it as UTF-8$"):
            parser(raw)


# ---------------------------------------------------------------- categories


def test_gift_category_lines_apply_to_the_questions_that_follow_until_the_next():
    result = _parse("gift/categories.gift")

    assert [(q.external_id, q.category) for q in result.questions] == [
        ("Open question", "$course$/top/Discovery"),
        ("Silence", "$course$/top/Discovery/Listening"),
        ("First offer", "Negotiation"),
    ]


# ---------------------------------------------------------------- images and embedded files


def test_gift_images_and_embedded_files_are_left_out_and_named_per_question():
    pipeline, plain = _parse("gift/images.gift").questions

    assert pipeline.dropped == ("image pipeline chart.png", "file brief.pdf", "image https://example.com/icons/tick.png")
    assert "<img" not in pipeline.text and "@@PLUGINFILE@@" not in pipeline.text
    assert pipeline.text == "<p>Look at the chart  and\nthe brief. Is the pipeline covered?</p>"
    assert pipeline.choices[0].text == "Yes"
    assert plain.dropped == ()


def test_xml_embedded_files_not_referenced_in_the_text_are_named_too():
    question = (
        '<question type="truefalse"><name><text>Q</text></name><questiontext format="html">'
        '<text><![CDATA[<p>See <img src="data:image/png;base64,AAAA"> this</p>]]></text>'
        '<file name="notes.pdf" encoding="base64">AAAA</file></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>'
    )

    (parsed,) = parse_moodle_xml(f"<quiz>{question}</quiz>").questions

    assert parsed.dropped == ("image (embedded in the text)", "file notes.pdf")
    assert parsed.text == "<p>See  this</p>"
