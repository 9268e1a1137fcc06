"""Every question file has a bound: too many questions, too many answers, a text too long, no text at all
or a NUL character refuse the file with the question's line (GIFT) or element (Moodle XML)."""

import pytest

from assessments import importers
from assessments.import_bounds import MAX_CHOICES, MAX_QUESTIONS, MAX_TEXT


def gift_questions(count: int) -> str:
    return (
        "\n\n".join(
            f"::q{n}:: Question {n}? {{=right ~wrong}}" for n in range(1, count + 1)
        )
        + "\n"
    )


def refused(data, fmt="gift") -> importers.ImportFormatError:
    with pytest.raises(importers.ImportFormatError) as error:
        importers.parse(data, fmt)
    return error.value


def test_a_file_of_the_largest_allowed_size_is_read():
    assert (
        len(importers.parse(gift_questions(MAX_QUESTIONS), "gift").questions)
        == MAX_QUESTIONS
    )


def test_one_question_more_than_allowed_is_refused_at_its_line():
    error = refused(gift_questions(MAX_QUESTIONS + 1))
    assert error.line == 2 * MAX_QUESTIONS + 1
    assert "more than 2,000 questions in one file" in str(error)


def test_a_gift_question_with_too_many_answers_is_refused_at_its_line():
    answers = " ".join(["=right"] + ["~wrong"] * MAX_CHOICES)
    error = refused(f"::ok:: Fine? {{=a ~b}}\n\n::many:: Which? {{{answers}}}\n")
    assert error.line == 3
    assert (
        f"{MAX_CHOICES + 1} answers; a question may have at most {MAX_CHOICES}"
        in str(error)
    )


def test_a_moodle_question_with_too_many_answers_is_refused_with_its_element():
    answers = "".join(
        f'<answer fraction="{100 if n == 0 else 0}"><text>A{n}</text></answer>'
        for n in range(25)
    )
    xml = f'<quiz><question type="multichoice"><name><text>Many</text></name><questiontext format="html"><text>Which?</text></questiontext>{answers}</question></quiz>'
    error = refused(xml, "xml")
    assert error.element == '<question type="multichoice"> #1 (name "Many")'
    assert "25 answers" in str(error)


def test_a_stem_longer_than_allowed_is_refused_at_its_line():
    error = refused(
        f"::ok:: Fine? {{=a ~b}}\n\n::long:: {'word ' * (MAX_TEXT // 4)}? {{=a ~b}}\n"
    )
    assert error.line == 3
    assert "the question's text is" in str(
        error
    ) and "at most 20,000 are allowed" in str(error)


def test_an_answer_longer_than_allowed_is_refused():
    error = refused(f"::long:: Which? {{=a ~{'b' * (MAX_TEXT + 1)}}}\n")
    assert error.line == 1 and "answer 2 is 20,001 characters long" in str(error)


def test_a_question_with_an_empty_stem_is_refused_at_its_line():
    error = refused("::ok:: Fine? {=a ~b}\n\n::empty:: {=a ~b}\n")
    assert (error.line, error.message) == (3, "the question has no text")


@pytest.mark.parametrize("stem", ["", "<![CDATA[<p> </p>]]>", "<![CDATA[<p>&nbsp;<br></p>]]>"], ids=["empty", "p", "nbsp"])
def test_a_moodle_question_with_an_empty_text_is_refused_with_its_element(stem):
    xml = f'<quiz><question type="truefalse"><name><text>Blank</text></name><questiontext format="html"><text>{stem}</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question></quiz>'
    error = refused(xml, "xml")
    assert (
        error.element == '<question> #1 (name "Blank")'
        and error.message == "the question has no text"
    )


def test_a_nul_byte_is_refused_with_its_line():
    error = refused(
        b"::ok:: Fine? {=a ~b}\n\n" + b"x" * 5000 + b"\n\n::nul:: Fi\x00ne? {=a ~b}\n"
    )
    assert error.line == 5 and "NUL character" in error.message


def test_a_moodle_file_with_too_many_questions_is_refused():
    one = '<question type="truefalse"><name><text>T</text></name><questiontext><text>T?</text></questiontext><answer fraction="100"><text>true</text></answer><answer fraction="0"><text>false</text></answer></question>'
    error = refused(f"<quiz>{one * (MAX_QUESTIONS + 1)}</quiz>", "xml")
    assert error.element == "<quiz>" and "more than 2,000 questions" in error.message
