"""How much one question file may bring in (pure): each bound is refused with the question's line.

A file past a bound is refused as a whole, with a message that says which question and why, rather
than imported in part or cut silently. Names and ids too long for their column are the exception:
the import shortens them and lists what it shortened (``services.question_imports``).
"""

import re

MAX_QUESTIONS = 2_000  # questions (and skipped items) per file
MAX_CHOICES = 20  # answers per question
MAX_TEXT = 20_000  # characters of a question's text, its explanation, an answer or an answer's feedback


_EMPTY_HTML = re.compile(r"<[^>]*>|&nbsp;|&#160;|\s")  # tags and spaces: what leaves a text empty to read


def questions_problem(count: int) -> str | None:
    if count > MAX_QUESTIONS:
        return f"more than {MAX_QUESTIONS:,} questions in one file; split the file and import each part"
    return None


def choices_problem(count: int) -> str | None:
    if count > MAX_CHOICES:
        return f"{count:,} answers; a question may have at most {MAX_CHOICES}"
    return None


def nul_line(text: str) -> int | None:
    """The line of the first NUL character (never part of text), or None."""
    index = text.find("\x00")
    return None if index < 0 else text.count("\n", 0, index) + 1


def question_problem(question) -> str | None:
    """Why a parsed question cannot come in (no text, a text over MAX_TEXT), or None."""
    if not _EMPTY_HTML.sub("", question.text):
        return "the question has no text"
    texts = [
        ("the question's text", question.text),
        ("the general feedback", question.explanation),
    ]
    for number, choice in enumerate(question.choices, start=1):
        texts += [
            (f"answer {number}", choice.text),
            (f"the feedback of answer {number}", choice.feedback),
        ]
    for label, text in texts:
        if len(text) > MAX_TEXT:
            return f"{label} is {len(text):,} characters long; at most {MAX_TEXT:,} are allowed"
    return None
