"""GIFT and Moodle XML question import (pure parsing, no database)."""

import hashlib
from decimal import Decimal
from pathlib import Path

import pytest

from assessments import importers
from assessments.importers import (
    ALL_OR_NOTHING,
    FORMATS,
    MULTIPLE,
    PARTIAL,
    SINGLE,
    TRUE_FALSE,
    ImportFormatError,
    ParsedChoice,
    ParsedQuestion,
    SkippedQuestion,
    parse,
    parse_gift,
    parse_moodle_xml,
)

# Our own question files, written from Moodle's documentation of GIFT and Moodle XML; Moodle's own
# files are checked in tests/conformance/ when they are available.
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "questions"


def _gift(name: str):
    return parse_gift((FIXTURES / "gift" / name).read_bytes())


def _xml(name: str):
    return parse_moodle_xml((FIXTURES / "xml" / name).read_bytes())


def _by_id(result) -> dict[str, ParsedQuestion]:
    return {question.external_id: question for question in result.questions}


def _true_false(true_fraction: str, true_feedback: str = "", false_feedback: str = "") -> tuple:
    false_fraction = "0" if true_fraction == "1" else "1"
    return (
        ParsedChoice("True", Decimal(true_fraction), true_feedback),
        ParsedChoice("False", Decimal(false_fraction), false_feedback),
    )


# ---------------------------------------------------------------- every fixture file


def test_gift_file_of_every_type_imports_choice_and_true_false_and_skips_other_types():
    result = _gift("mixed.gift")

    assert result.skipped == [
        SkippedQuestion(position=1, line=5, name="Elevator pitch", kind="essay"),
        SkippedQuestion(position=2, line=8, name="Stages", kind="matching"),
        SkippedQuestion(position=5, line=33, name="Stakeholders", kind="numerical"),
        SkippedQuestion(position=6, line=36, name="Acronym", kind="shortanswer"),
    ]
    assert [(q.position, q.line, q.external_id, q.kind) for q in result.questions] == [
        (3, 16, "Next step", SINGLE),
        (4, 24, "Discovery questions", MULTIPLE),
        (7, 43, "Discount", TRUE_FALSE),
        (8, 48, "Champion", TRUE_FALSE),
        (9, 50, "Champion#2", TRUE_FALSE),
    ]
    questions = _by_id(result)
    single = questions["Next step"]
    assert single.name == "Next step" and single.scoring == ALL_OR_NOTHING and single.category == ""
    assert single.text == "A buyer asks for the price on the first call. What do you do?"
    assert single.explanation == ""
    assert single.choices == (
        ParsedChoice("Ask what the price will be compared with", Decimal("1"), "right; price needs context."),
        ParsedChoice("Send the price list", Decimal("0"), "no, ask why first"),
        ParsedChoice("Refuse to talk about price", Decimal("0"), "no, ask why first"),
    )
    multiple = questions["Discovery questions"]
    assert multiple.scoring == PARTIAL
    assert [(c.text, c.fraction, c.feedback) for c in multiple.choices] == [
        ("What happens if nothing changes?", Decimal("0.5"), "yes"),
        ("Can we sign today?", Decimal("-1"), "too early"),
        ("Who else feels this problem?", Decimal("0.5"), "yes"),
        ("Do you like our logo?", Decimal("-1"), "no"),
    ]
    # {FALSE#feedback for a wrong answer#feedback for the right answer}; `";` after the brace is
    # "missing word" text, so the blank is inserted where the answers were.
    true_false = questions["Discount"]
    assert true_false.text == 'A discount is the best way to move a stalled deal._____";'
    assert true_false.explanation == "A stalled deal usually lacks a champion, not a lower price."
    assert true_false.choices == _true_false(
        "0", "A discount rarely moves a stalled deal.", "Right: find what is blocking it."
    )
    assert questions["Champion"].text == "A champion sells for you when you are not in the room."
    assert questions["Champion"].choices == _true_false("1")
    assert questions["Champion#2"].name == "Champion"
    assert questions["Champion#2"].choices == _true_false("1")


def test_gift_file_in_category_assigns_the_category_and_keeps_safe_html():
    result = _gift("in_category.gift")

    assert result.skipped == [
        SkippedQuestion(position=1, line=5, name="Call aims", kind="matching"),
        SkippedQuestion(position=3, line=21, name="Inside seller", kind="shortanswer"),
    ]
    assert [(q.position, q.line, q.external_id, q.kind) for q in result.questions] == [
        (2, 13, "Recording", SINGLE),
        (4, 26, "Economic buyer", TRUE_FALSE),
    ]
    assert {q.category for q in result.questions} == {"$course$/Discovery/Listening"}
    recording = _by_id(result)["Recording"]
    assert recording.text == (
        '<a href="https://example.com/calls/discovery.mp3" rel="noopener">'
        "Listen to this call:</a><br><br>Which stage is the rep in?"
    )
    assert recording.choices == (
        ParsedChoice("Negotiation", Decimal("0"), "Listen again."),
        ParsedChoice("Discovery", Decimal("1"), "Yes, well done!"),
        ParsedChoice("Proposal", Decimal("0"), "Listen again."),
        ParsedChoice("Closing", Decimal("0"), "Listen again."),
    )
    buyer = _by_id(result)["Economic buyer"]
    assert buyer.text == "The economic buyer is <span>the person who signs off the budget</span>."
    assert buyer.choices == _true_false("1")


def test_gift_windows_1252_file_is_decoded_and_its_essays_and_matching_are_skipped():
    raw = (FIXTURES / "gift" / "windows-1252.gift").read_bytes()
    result = parse_gift(raw)

    assert b"\r\n" in raw and "é".encode("cp1252") in raw  # the file is what its name says
    assert result.questions == []
    assert result.skipped == [
        SkippedQuestion(position=1, line=6, name="Réponse", kind="essay"),
        SkippedQuestion(position=2, line=9, name="Objection entendue", kind="essay"),
        SkippedQuestion(position=3, line=13, name="Réponse", kind="matching"),
    ]
    text = importers._decode(raw)
    assert "=<p>C'est trop cher<br></p> -> Comparé à quoi ?" in text and "\ufffd" not in text


def test_xml_categories_out_of_order_hold_only_skipped_types():
    result = _xml("categories_out_of_order.xml")

    assert result.questions == []
    assert result.skipped == [
        SkippedQuestion(position=1, line=None, name="Forecast call", kind="essay"),
        SkippedQuestion(position=2, line=None, name="Stage after discovery", kind="shortanswer"),
    ]


def test_xml_category_with_description_imports_its_true_false_question():
    result = _xml("category_with_description.xml")

    assert result.skipped == []
    assert result.questions == [
        ParsedQuestion(
            position=1,
            line=None,
            external_id="Price objection",  # the category's <idnumber> is not the question's
            name="Price objection",
            kind=TRUE_FALSE,
            scoring=ALL_OR_NOTHING,
            text="<p>A price objection is often a value question.</p>",
            explanation="",
            choices=_true_false("1"),
            category="$course$/Objections",
        )
    ]


def test_xml_empty_idnumber_falls_back_to_the_name():
    result = _xml("empty_idnumber.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id, q.kind, q.category) for q in result.questions] == [
        (1, "Price objection", TRUE_FALSE, "$course$/Objections")
    ]
    assert result.questions[0].choices == _true_false("1")


def test_xml_idnumber_with_html_characters_becomes_the_external_id():
    result = _xml("html_chars_in_idnumbers.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id, q.name, q.category) for q in result.questions] == [
        (1, "P & L", "Price objection", "$course$/Objections")
    ]
    assert result.questions[0].text == "<p>A price objection is often a value question.</p>"


def test_xml_multichoice_single_answer_drops_images_and_embedded_files():
    result = _xml("multichoice.xml")

    assert result.skipped == []
    (call,) = result.questions
    assert (call.position, call.external_id, call.kind, call.scoring) == (1, "Call stage", SINGLE, ALL_OR_NOTHING)
    assert call.category == "$course$/Default for Sales basics/Listening"
    # The recording and the images stay behind in Moodle: the link becomes its text, and each is named.
    assert call.text == "<p>Listen to this call:<br><br>Which stage is the rep in?</p>"
    assert call.dropped == ("file call.mp3", "image negotiation.gif", "image discovery.gif", "image proposal.gif",
                            "image closing.gif")
    assert call.explanation == ""
    assert call.choices == (
        ParsedChoice("<p> Negotiation</p>", Decimal("0"), "<p>Listen again.</p>"),
        ParsedChoice("<p> Discovery</p>", Decimal("1"), "<p>Yes, well done!</p>"),
        ParsedChoice("<p> Proposal</p>", Decimal("0"), "<p>Listen again.</p>"),
        ParsedChoice("<p> Closing</p>", Decimal("0"), "<p>Listen again.</p>"),
    )


def test_xml_nested_categories_follow_each_question_and_essay_is_skipped():
    result = _xml("nested_categories_with_questions.xml")

    assert result.skipped == [SkippedQuestion(position=2, line=None, name="Platform essay", kind="essay")]
    assert [(q.position, q.external_id, q.kind, q.category) for q in result.questions] == [
        (1, "Products question", TRUE_FALSE, "$course$/Products"),
        (3, "Platform question", TRUE_FALSE, "$course$/Products/Platform"),
        (4, "Reporting question", TRUE_FALSE, "$course$/Products/Platform/Reporting"),
        (5, "Services question", TRUE_FALSE, "$course$/Products/Services"),
    ]
    assert result.questions[2].text == "<p>Testing the reporting question.</p>"
    assert result.questions[2].choices == _true_false("1")


def test_xml_true_false_reads_the_right_answer_feedback_and_general_feedback():
    result = _xml("truefalse.xml")

    assert result.skipped == []
    assert [(q.position, q.external_id) for q in result.questions] == [
        (1, "MEDDIC letters (False)"),
        (2, "MEDDIC letters (True)"),
    ]
    false_one, true_one = result.questions
    assert false_one.category == "$course$/Default for Sales basics/TrueFalse"
    assert false_one.text == (
        "<p>MEDDIC  stands for "
        "<span>Metrics, Economic buyer, Discount, Decision process, Identify pain, Champion</span>.</p>"
    )
    assert false_one.explanation == (
        '<p>The second D is for <a href="https://example.com/guides/meddic" rel="noopener">decision criteria</a>, '
        "not a discount.</p>"
    )
    assert false_one.choices == _true_false("0", "<p> Not quite.</p>", "<p> Right.</p>")
    # The answers' words are read whatever their case.
    assert true_one.text == "<p>In MEDDIC,&nbsp;the E stands for <span>Economic buyer</span>.</p>"
    assert true_one.choices == _true_false(
        "1",
        "<p>&nbsp;Right,&nbsp;the&nbsp;person&nbsp;with&nbsp;the&nbsp;budget.</p>",
        "<p>Not&nbsp;quite.</p>",
    )


# ---------------------------------------------------------------- GIFT rules on small inputs


def test_gift_windows_1252_bytes_keep_their_accents():
    result = parse_gift("::Café::Où est le café? {=Ici ~Là-bas}".encode("cp1252"))

    (question,) = result.questions
    assert (question.name, question.text) == ("Café", "Où est le café?")
    assert [choice.text for choice in question.choices] == ["Ici", "Là-bas"]


def test_gift_utf8_with_byte_order_mark_is_read():
    result = parse_gift("\ufeff::Ü::Grüße? {T}".encode())

    assert result.questions[0].external_id == "Ü" and result.questions[0].text == "Grüße?"


def test_gift_html_text_is_cleaned_and_answers_inherit_the_html_format():
    result = parse_gift(
        '::H::[html]<p onclick="x()">Hi <script>alert(1)</script><b>there</b><img src=x></p>'
        "{=<i>yes</i> ~no # [html]<em>no</em><iframe></iframe>}"
    )

    (question,) = result.questions
    assert question.text == "<p>Hi <b>there</b></p>"
    assert question.choices == (
        ParsedChoice("<i>yes</i>", Decimal("1")),
        ParsedChoice("no", Decimal("0"), "<em>no</em>"),
    )


def test_gift_plain_and_unmarked_text_is_escaped_and_markdown_is_rendered_then_cleaned():
    result = parse_gift(
        "::P::Is 1 < 2 & <b>bold</b>?\nSecond line{T}\n\n"
        "::M::[markdown]**Bold** <i>html</i><script>x()</script>{F}\n\n"
        "::X::[html]<p>Q</p>{=[plain]<b>a</b> ~[moodle]<i>b</i>}"
    )

    plain, markdown, mixed = result.questions
    assert plain.text == "Is 1 &lt; 2 &amp; &lt;b&gt;bold&lt;/b&gt;?<br>Second line"
    assert markdown.text == "<p><strong>Bold</strong> <i>html</i></p>"
    assert [choice.text for choice in mixed.choices] == ["&lt;b&gt;a&lt;/b&gt;", "&lt;i&gt;b&lt;/i&gt;"]


def test_gift_escaped_special_characters_are_literal():
    result = parse_gift("::Esc\\:aped::Use \\{braces\\} and a\\~b {=x\\=y ~z\\#w #fb}")

    (question,) = result.questions
    assert (question.name, question.text) == ("Esc:aped", "Use {braces} and a~b")
    assert question.choices == (ParsedChoice("x=y", Decimal("1")), ParsedChoice("z#w", Decimal("0"), "fb"))


def test_gift_missing_word_question_gets_a_blank_and_a_hashed_external_id():
    result = parse_gift("Grant is {~buried =entombed ~living} in Grant's tomb.")

    (question,) = result.questions
    assert question.text == "Grant is _____ in Grant's tomb."
    assert question.name == "Grant is _____ in Grant's tomb."
    assert question.external_id == "gift-" + hashlib.sha1(question.text.encode()).hexdigest()[:12]
    assert question.kind == SINGLE and question.line == 1


def test_gift_unnamed_name_is_the_first_60_characters_of_plain_text():
    long_text = "[html]<p>" + "word " * 20 + "</p>"
    (question,) = parse_gift(long_text + "{T}").questions

    assert question.name == ("word " * 12).rstrip()
    assert question.external_id.startswith("gift-") and len(question.external_id) == 17


def test_gift_duplicate_external_ids_get_numbered_suffixes():
    result = parse_gift("::Same::a{T}\n\n::Same::b{F}\n\n::Other::c{T}\n\n::Same::d{T}")

    assert [q.external_id for q in result.questions] == ["Same", "Same#2", "Other", "Same#3"]
    assert [q.name for q in result.questions] == ["Same", "Same", "Other", "Same"]


def test_gift_positions_count_skipped_questions_but_not_comments_or_categories():
    result = parse_gift(
        "// just a comment\n\n$CATEGORY: top/Maths\n\nA description only.\n\n"
        "::Num::How many? {#3}\n\n::Pick::Which? {=a ~b}\n// trailing comment"
    )

    assert result.skipped == [
        SkippedQuestion(position=1, line=5, name="A description only.", kind="description"),
        SkippedQuestion(position=2, line=7, name="Num", kind="numerical"),
    ]
    (pick,) = result.questions
    assert (pick.position, pick.line, pick.category) == (3, 9, "top/Maths")


def test_gift_an_equals_answer_makes_a_single_answer_question_whatever_the_weights_and_weights_are_quantized():
    # Moodle's rule (question/format/gift): single answer when some answer is marked '=', else multiple.
    result = parse_gift("::One::Q {~%100%a ~%-33.33333%b ~c}\n\n::Two::Q {=a =b ~%-50%c}")

    one, two = result.questions
    assert (one.kind, one.scoring) == (MULTIPLE, PARTIAL)
    assert [c.fraction for c in one.choices] == [Decimal("1"), Decimal("-0.3333"), Decimal("0")]
    assert str(one.choices[1].fraction) == "-0.3333"
    assert (two.kind, two.scoring) == (SINGLE, ALL_OR_NOTHING)


def test_gift_true_false_feedback_and_general_feedback():
    (question,) = parse_gift("::TF::Sky is blue.{TRUE#Look again.#Right.####Rayleigh scattering.}").questions

    assert question.choices == _true_false("1", "Right.", "Look again.")
    assert question.explanation == "Rayleigh scattering."


@pytest.mark.parametrize(
    ("source", "line", "fragment"),
    [
        ("::A::ok{=a ~b}\n\n// c\n::B::Broken {\n=a\n~b\n", 4, "missing closing brace '}' for the question"),
        ("::B::Split by a blank line {\n=a\n\n~b}", 1, "missing closing brace"),
        ("::Q::Pick {\n=a\n~%abc%b\n}", 3, "invalid weight"),
        ("::Q::Pick {\n~%150%a\n~b\n}", 2, "invalid weight"),
        ("::Q::Pick {\n~%-101%a\n=b\n}", 2, "invalid weight"),
        ("// comment\n::Q::Pick {~a ~b}", 2, "no answer has a positive weight"),
        ("::Q::Pick {~%100%a}", 1, "at least two answers"),
        ("::Q::Pick {=a ~}", 1, "empty answer"),
        ("::Q::Pick\nWhich } stage? {=a ~b}", 2, "'}' before the answer block opens with '{'"),
        ("::Q::Two {T} blocks {F}", 1, "unexpected '{'"),
        ("::Q::Stray } brace", 1, "'}' without an opening '{'"),
        ("::Unclosed name {T}", 1, "missing closing '::'"),
    ],
)
def test_gift_malformed_input_raises_with_the_line(source, line, fragment):
    with pytest.raises(ImportFormatError) as caught:
        parse_gift(source)

    assert caught.value.line == line and caught.value.element is None
    assert fragment in caught.value.message
    assert str(caught.value) == f"Line {line}: {caught.value.message}"


def test_gift_unclosed_brace_message_reads_naturally():
    with pytest.raises(ImportFormatError, match=r"^Line 3: missing closing brace '\}' for the question that"):
        parse_gift("::A::ok{T}\n\n::B::Broken {=a ~b")


# ---------------------------------------------------------------- Moodle XML rules on small inputs


def _quiz(*questions: str) -> str:
    return '<?xml version="1.0" encoding="UTF-8"?>\n<quiz>\n' + "\n".join(questions) + "\n</quiz>\n"


def _multichoice(name: str, answers: str, single: str = "<single>false</single>", extra: str = "") -> str:
    return (
        f'<question type="multichoice"><name><text>{name}</text></name>'
        f'<questiontext format="html"><text>Pick</text></questiontext>{single}{extra}{answers}</question>'
    )


def test_xml_multiple_answer_fractions_are_percentages():
    answers = (
        '<answer fraction="33.33333"><text>a</text></answer>'
        '<answer fraction="66.66667" format="plain_text"><text>&lt;b&gt;</text>'
        '<feedback format="markdown"><text>**ok**</text></feedback></answer>'
        '<answer fraction="-100"><text>c</text></answer>'
    )
    result = parse_moodle_xml(_quiz(_multichoice("M", answers, extra="<idnumber> m-1 </idnumber>")))

    (question,) = result.questions
    assert (question.kind, question.scoring, question.external_id) == (MULTIPLE, PARTIAL, "m-1")
    assert question.choices == (
        ParsedChoice("a", Decimal("0.3333")),
        ParsedChoice("&lt;b&gt;", Decimal("0.6667"), "<p><strong>ok</strong></p>"),
        ParsedChoice("c", Decimal("-1")),
    )


@pytest.mark.parametrize("single", ["<single>true</single>", "<single>1</single>"])
def test_xml_single_true_or_1_means_single_answer(single):
    answers = '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>'

    (question,) = parse_moodle_xml(_quiz(_multichoice("S", answers, single))).questions

    assert (question.kind, question.scoring) == (SINGLE, ALL_OR_NOTHING)


def test_xml_missing_single_element_means_single_answer_as_in_moodle():
    answers = '<answer fraction="100"><text>a</text></answer><answer fraction="0"><text>b</text></answer>'

    (question,) = parse_moodle_xml(_quiz(_multichoice("S", answers, single=""))).questions

    assert question.kind == SINGLE


def test_xml_html_is_cleaned_and_plain_formats_are_escaped():
    question = (
        '<question type="truefalse"><name><text>H</text></name>'
        '<questiontext format="html"><text><![CDATA[<p>Hi<script>alert(1)</script></p>]]></text></questiontext>'
        '<generalfeedback format="moodle_auto_format"><text>a &lt; b\nc</text></generalfeedback>'
        '<answer fraction="0"><text>true</text></answer><answer fraction="100"><text>false</text></answer>'
        "</question>"
    )
    (parsed,) = parse_moodle_xml(_quiz(question)).questions

    assert parsed.text == "<p>Hi</p>"
    assert parsed.explanation == "a &lt; b<br>c"
    assert parsed.choices == _true_false("0")


def test_xml_duplicate_names_get_numbered_suffixes_and_skips_count_in_positions():
    true_false = (
        '<question type="truefalse"><name><text>Dup</text></name><questiontext><text>x</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
        "</question>"
    )
    description = '<question type="description"><name><text>Intro</text></name></question>'
    result = parse_moodle_xml(_quiz(true_false, description, true_false))

    assert [(q.position, q.external_id) for q in result.questions] == [(1, "Dup"), (3, "Dup#2")]
    assert result.skipped == [SkippedQuestion(position=2, line=None, name="Intro", kind="description")]


def test_xml_answer_without_fraction_names_the_question_element():
    good = '<answer fraction="100"><text>a</text></answer>'
    category = '<question type="category"><category><text>$course$/X</text></category></question>'
    essay = '<question type="essay"><name><text>Q1</text></name></question>'
    broken = _multichoice("Q2", good + "<answer><text>b</text></answer>")

    with pytest.raises(ImportFormatError) as caught:
        parse_moodle_xml(_quiz(category, essay, broken))

    assert str(caught.value) == (
        'Element <question type="multichoice"> #2 (name "Q2"): <answer> has no fraction attribute'
    )
    assert caught.value.line is None and caught.value.element == '<question type="multichoice"> #2 (name "Q2")'


@pytest.mark.parametrize(
    ("question", "fragment"),
    [
        ('<question type="truefalse"><name><text>T</text></name></question>', "has no <questiontext>"),
        (_multichoice("T", '<answer fraction="0"><text>a</text></answer>' * 2), "no answer has a positive"),
        (_multichoice("T", '<answer fraction="100"><text>a</text></answer>'), "at least two answers"),
        (_multichoice("T", '<answer fraction="abc"><text>a</text></answer>'), "fraction 'abc'"),
        (_multichoice("T", '<answer fraction="200"><text>a</text></answer>'), "fraction '200'"),
        (
            '<question type="truefalse"><name><text>T</text></name><questiontext><text>x</text></questiontext>'
            '<answer fraction="100"><text>true</text></answer><answer fraction="100"><text>false</text></answer>'
            "</question>",
            "fractions 100 and 0",
        ),
        (
            '<question type="truefalse"><name><text>T</text></name><questiontext><text>x</text></questiontext>'
            '<answer fraction="100"><text>yes</text></answer><answer fraction="0"><text>no</text></answer>'
            "</question>",
            "one answer 'true' and one answer 'false'",
        ),
    ],
)
def test_xml_invalid_question_raises_naming_the_element(question, fragment):
    with pytest.raises(ImportFormatError) as caught:
        parse_moodle_xml(_quiz(question))

    assert caught.value.element is not None and caught.value.element.endswith('#1 (name "T")')
    assert fragment in caught.value.message


def test_xml_not_well_formed_reports_the_parser_line():
    with pytest.raises(ImportFormatError) as caught:
        parse_moodle_xml('<?xml version="1.0"?>\n<quiz>\n<question type="truefalse">\n</quiz>')

    assert caught.value.line == 4 and str(caught.value).startswith("Line 4: not well-formed XML")


def test_xml_root_must_be_quiz():
    with pytest.raises(ImportFormatError) as caught:
        parse_moodle_xml("<questions><question type='truefalse'/></questions>")

    assert caught.value.element == "<questions>" and "<quiz>" in caught.value.message


def test_xml_entity_declarations_are_refused():
    with pytest.raises(ImportFormatError, match="forbidden XML"):
        parse_moodle_xml('<!DOCTYPE quiz [<!ENTITY boom "x">]><quiz>&boom;</quiz>')


def test_xml_windows_1252_bytes_keep_their_accents():
    question = (
        '<question type="truefalse"><name><text>Café</text></name>'
        '<questiontext format="plain_text"><text>Déjà vu?</text></questiontext>'
        '<answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer>'
        "</question>"
    )
    (parsed,) = parse_moodle_xml(_quiz(question).encode("cp1252")).questions

    assert (parsed.name, parsed.text) == ("Café", "Déjà vu?")


# ---------------------------------------------------------------- dispatch


def test_parse_dispatches_by_format_and_rejects_unknown_formats():
    assert set(FORMATS) == {"gift", "xml"}
    assert parse("::Q::x{T}", "gift").questions[0].kind == TRUE_FALSE
    with pytest.raises(ValueError, match="unknown question format 'aiken'"):
        parse("x", "aiken")


def test_undecodable_bytes_raise_an_import_error():
    with pytest.raises(ImportFormatError, match="neither UTF-8 nor windows-1252"):
        parse_gift(b"::Q::\x81 broken{T}")
