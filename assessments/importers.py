"""Read choice questions from Moodle GIFT and Moodle XML files (pure Python, no models).

Single/multiple-answer multiple choice and true/false are imported as dataclasses with safe
HTML; other question types land in ``ImportResult.skipped``. Malformed input raises
``ImportFormatError`` and nothing is returned. Files are read the way Moodle's own importers
(question/format/gift and question/format/xml) read them.
"""

from __future__ import annotations

import hashlib
import html
import re
from bisect import bisect_right
from collections.abc import Callable, Iterator
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import NoReturn
from xml.etree.ElementTree import Element, ParseError

import nh3
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import fromstring

from . import import_bounds as bounds
from .formatting import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, embedded_files, markdown_to_html, unlink_embedded_files
from .import_records import ImportFormatError, ImportResult, ParsedChoice, ParsedQuestion, SkippedQuestion

SINGLE, MULTIPLE, TRUE_FALSE = "single", "multiple", "true_false"
ALL_OR_NOTHING, PARTIAL = "all_or_nothing", "partial"


# ---------------------------------------------------------------- shared helpers

_ATTRIBUTES = {**ALLOWED_ATTRIBUTES, "*": set()}  # the rest's sanitiser, and no generic attributes
_QUANTUM = Decimal("0.0001")
_ONE, _ZERO = Decimal(1).quantize(_QUANTUM), Decimal(0).quantize(_QUANTUM)


def _decode(data: bytes | str) -> str:
    """UTF-8 (BOM optional), UTF-16 with its BOM, else windows-1252; line endings become ``\\n``."""
    if isinstance(data, str):
        text = data.removeprefix("\ufeff")
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise ImportFormatError("this file is UTF-16 but not valid UTF-16 text; save it as UTF-8") from None
    elif b"\x00" in data[:4096]:
        # Text never holds NUL bytes; UTF-16 without a byte order mark holds one in every other byte.
        raise ImportFormatError("this file is UTF-16; save it as UTF-8")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = data.decode("cp1252")
            except UnicodeDecodeError:
                raise ImportFormatError("the file is neither UTF-8 nor windows-1252 text") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if (line := bounds.nul_line(text)) is not None:
        raise ImportFormatError("a NUL character, which is never part of text: remove it", line=line)
    return text


def _render(text: str, fmt: str, dropped: list[str] | None = None) -> str:
    """Safe HTML: ``html`` is cleaned, ``markdown`` rendered then cleaned, every other format escaped.

    Images and links to Moodle's embedded files cannot come along: they are left out of the HTML
    and, when ``dropped`` is given, named in it.
    """
    if fmt == "markdown":
        text, fmt = markdown_to_html(text), "html"
    if fmt == "html":
        if dropped is not None:
            dropped.extend(embedded_files(text))
        text = unlink_embedded_files(text)
        return nh3.clean(text, tags=ALLOWED_TAGS, attributes=_ATTRIBUTES, link_rel="noopener").strip()
    return html.escape(text.strip(), quote=False).replace("\n", "<br>")


def _default_name(fragment: str) -> str:
    """First 60 characters of the plain text of a safe HTML fragment."""
    return " ".join(html.unescape(re.sub(r"<[^>]*>", " ", fragment)).split())[:60].rstrip()


def _fraction(percent: str) -> Decimal:
    """``"33.33333"`` -> ``Decimal("0.3333")``; ValueError unless within -100..100."""
    try:
        value = Decimal(percent.strip())
    except InvalidOperation:
        raise ValueError(percent) from None
    if not value.is_finite() or not -100 <= value <= 100:
        raise ValueError(percent)
    return (value / 100).quantize(_QUANTUM, rounding=ROUND_HALF_UP)


def _choice_kind(choices: list[ParsedChoice], single: bool, fail: Callable[[str], NoReturn]) -> str:
    """SINGLE or MULTIPLE as the file says (never guessed from the marks); fails if it cannot be graded.

    Whether the marks fit the kind is checked on import with the admin form's own rules.
    """
    if len(choices) < 2:
        fail("a multiple-choice question needs at least two answers")
    if not any(choice.fraction > 0 for choice in choices):
        fail("no answer has a positive weight, so the question cannot be graded")
    return SINGLE if single else MULTIPLE


def _true_false(is_true: bool, true_feedback: str, false_feedback: str) -> tuple[ParsedChoice, ...]:
    return (
        ParsedChoice("True", _ONE if is_true else _ZERO, true_feedback),
        ParsedChoice("False", _ZERO if is_true else _ONE, false_feedback),
    )


def _result(questions: list[ParsedQuestion], skipped: list[SkippedQuestion]) -> ImportResult:
    """Refuse a question past a bound; give repeated external ids the suffixes ``#2``, ``#3``..."""
    seen: set[str] = set()
    unique: list[ParsedQuestion] = []
    for question in questions:
        if problem := bounds.question_problem(question):
            label = None if question.line else f'<question> #{question.position} (name "{question.name}")'
            raise ImportFormatError(problem, line=question.line, element=label)
        external_id, number = question.external_id, 1
        while external_id in seen:
            number += 1
            external_id = f"{question.external_id}#{number}"
        seen.add(external_id)
        unique.append(replace(question, external_id=external_id))
    return ImportResult(questions=unique, skipped=skipped)


# ---------------------------------------------------------------- GIFT

_FORMAT_MARKER = re.compile(r"\[(html|moodle|plain|markdown)\]", re.IGNORECASE)
_WEIGHT = re.compile(r"%(-?\d+(?:\.\d+)?)%")
_TRUE_FALSE_WORDS = {"T": True, "TRUE": True, "F": False, "FALSE": False}


def _unescaped(text: str, start: int = 0) -> Iterator[int]:
    """Indexes of the characters of ``text`` that are not escaped by a backslash."""
    index = start
    while index < len(text):
        if text[index] == "\\":
            index += 2
        else:
            yield index
            index += 1


def _find(text: str, token: str, start: int = 0) -> int:
    """Index of the first unescaped occurrence of ``token``, or -1."""
    return next((index for index in _unescaped(text, start) if text.startswith(token, index)), -1)


def _split(text: str, token: str, maxsplit: int) -> list[str]:
    """``str.split`` that ignores escaped separators."""
    parts: list[str] = []
    while len(parts) < maxsplit and (cut := _find(text, token)) >= 0:
        parts.append(text[:cut])
        text = text[cut + len(token) :]
    return [*parts, text]


def _unescape(text: str) -> str:
    return re.sub(r"\\([~=#{}:\\n])", lambda m: "\n" if m[1] == "n" else m[1], text)


def _gift_text(raw: str, default: str, dropped: list[str] | None = None) -> tuple[str, str]:
    """(safe HTML, format) of a GIFT text with an optional ``[format]`` marker.

    A text may run on over several lines; each line's indentation is left out.
    """
    raw = "\n".join(line.strip() for line in raw.strip().split("\n"))
    fmt = default
    if marker := _FORMAT_MARKER.match(raw):
        fmt, raw = marker[1].lower(), raw[marker.end() :]
    return _render(_unescape(raw), fmt, dropped), fmt


class _GiftQuestion:
    """One blank-line separated GIFT block (comments and category lines removed)."""

    def __init__(self, lines: list[tuple[int, str]], position: int, category: str):
        self.text = "\n".join(line for _, line in lines)
        self.numbers = [number for number, _ in lines]
        self.offsets: list[int] = []
        offset = 0
        for _, line in lines:
            self.offsets.append(offset)
            offset += len(line) + 1
        self.position, self.category, self.name = position, category, ""
        self.dropped: list[str] = []

    def fail(self, message: str, offset: int | None = None) -> NoReturn:
        line = self.numbers[0] if offset is None else self.numbers[bisect_right(self.offsets, offset) - 1]
        raise ImportFormatError(message, line=line)

    def parse(self) -> ParsedQuestion | SkippedQuestion:
        source, start = self.text, len(self.text) - len(self.text.lstrip())
        given_name = ""
        if source.startswith("::", start):
            end = _find(source, "::", start + 2)
            if end < 0:
                self.fail("missing closing '::' after the question name")
            self.name, start = _unescape(source[start + 2 : end]).strip(), end + 2
            given_name = self.name
        opening = _find(source, "{", start)
        closing = _find(source, "}", start)
        if opening < 0:
            if closing >= 0:
                self.fail("'}' without an opening '{' (write \\} for a literal brace)", closing)
            return self.skip("description", _gift_text(source[start:], "moodle")[0])
        if 0 <= closing < opening:
            self.fail("'}' before the answer block opens with '{' (write \\} for a literal brace)", closing)
        if closing < 0:
            self.fail("missing closing brace '}' for the question that starts here")
        for token, after in (("{", opening + 1), ("}", closing + 1)):
            if (extra := _find(source, token, after)) >= 0:
                self.fail(f"unexpected '{token}': one answer block per question (write \\{token})", extra)

        suffix = source[closing + 1 :]
        stem = source[start:opening] + ("_____" + suffix if suffix.strip() else "")
        text, fmt = _gift_text(stem, "moodle", self.dropped)
        self.name = self.name or _default_name(text)
        block, base = source[opening + 1 : closing], opening + 1
        explanation = ""
        if (general := _find(block, "####")) >= 0:
            explanation, block = _gift_text(block[general + 4 :], fmt, self.dropped)[0], block[:general]
        answers = block.strip()
        if not answers:
            return self.skip("essay", text)
        if answers.startswith("#"):
            return self.skip("numerical", text)
        if _find(answers, "~") >= 0:
            choices = self.choices(block, base, fmt)
            # Moodle: single answer when some answer is marked '=', multiple answers when none is.
            kind = _choice_kind(choices, _find(block, "=") >= 0, self.fail)
        elif "->" in answers and _find(answers, "=") >= 0:
            return self.skip("matching", text)
        elif (word := _split(answers, "#", 1)[0].strip().upper()) in _TRUE_FALSE_WORDS:
            # {T#feedback when answered wrongly#feedback when answered rightly}
            feedback = [_gift_text(part, fmt, self.dropped)[0] for part in _split(answers, "#", 2)[1:]]
            wrong, right = (feedback + ["", ""])[:2]
            is_true, kind = _TRUE_FALSE_WORDS[word], TRUE_FALSE
            choices = list(_true_false(is_true, right if is_true else wrong, wrong if is_true else right))
        else:
            # Moodle reads any other answer block, {=One =Two} or {One}, as a short answer.
            return self.skip("shortanswer", text)
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]
        return ParsedQuestion(
            position=self.position,
            line=self.numbers[0],
            external_id=given_name or f"gift-{digest}",
            name=self.name,
            kind=kind,
            scoring=PARTIAL if kind == MULTIPLE else ALL_OR_NOTHING,
            text=text,
            explanation=explanation,
            choices=tuple(choices),
            category=self.category,
            dropped=tuple(dict.fromkeys(self.dropped)),
        )

    def choices(self, block: str, base: int, fmt: str) -> list[ParsedChoice]:
        """Multiple-choice answers: ``=right``, ``~wrong``, ``~%50%weighted``, ``#feedback``.

        An answer and its feedback run on until the next unescaped ``=`` or ``~``, over as many lines as they need.
        """
        marks = [index for index in _unescaped(block) if block[index] in "=~"]
        if problem := bounds.choices_problem(len(marks)):
            self.fail(problem, base)
        if block[: marks[0]].strip():
            self.fail("text before the first answer (start each answer with '=' or '~')", base)
        choices: list[ParsedChoice] = []
        for mark, end in zip(marks, [*marks[1:], len(block)], strict=True):
            offset, body = base + mark, block[mark + 1 : end].strip()
            fraction = _ONE if block[mark] == "=" else _ZERO
            if body.startswith("%"):
                weight = _WEIGHT.match(body)
                try:
                    fraction = _fraction(weight[1] if weight else "")
                except ValueError:
                    self.fail(f"invalid weight in {body[:20]!r}: use %n% with n from -100 to 100", offset)
                body = body[weight.end() :] if weight else body
            parts = _split(body, "#", 1)
            text = _gift_text(parts[0], fmt, self.dropped)[0]
            if not text:
                self.fail("empty answer", offset)
            feedback = _gift_text(parts[1], fmt, self.dropped)[0] if len(parts) > 1 else ""
            choices.append(ParsedChoice(text, fraction, feedback))
        return choices

    def skip(self, kind: str, text: str) -> SkippedQuestion:
        return SkippedQuestion(self.position, self.numbers[0], self.name or _default_name(text), kind)


def parse_gift(data: bytes | str) -> ImportResult:
    """Parse a GIFT file; blank lines separate questions, ``//`` lines are comments."""
    questions: list[ParsedQuestion] = []
    skipped: list[SkippedQuestion] = []
    category, position = "", 0
    block: list[tuple[int, str]] = []
    lines = _decode(data).split("\n")
    for number, line in enumerate([*lines, ""], start=1):
        if line.strip():
            block.append((number, line))
            continue
        content = [(n, text) for n, text in block if not text.lstrip().startswith("//")]
        block = []
        while content and content[0][1].lstrip().startswith("$CATEGORY:"):
            category = content.pop(0)[1].strip()[len("$CATEGORY:") :].strip()
        if content:
            position += 1
            if problem := bounds.questions_problem(position):
                raise ImportFormatError(problem, line=content[0][0])
            item = _GiftQuestion(content, position, category).parse()
            if isinstance(item, ParsedQuestion):
                questions.append(item)
            else:
                skipped.append(item)
    return _result(questions, skipped)


# ---------------------------------------------------------------- Moodle XML


def _xml_html(element: Element | None, dropped: list[str] | None = None) -> str:
    """Safe HTML of an element holding ``<text>`` and a ``format`` attribute (and maybe ``<file>``s)."""
    if element is None:
        return ""
    text = _render(element.findtext("text") or "", element.get("format", "html"), dropped)
    if dropped is not None:
        _files_left_behind(element, dropped)
    return text


def _files_left_behind(element: Element, dropped: list[str]) -> None:
    """Name the ``<file>``s embedded in ``element`` that its text did not already account for."""
    for file in element.findall("file"):
        name = (file.get("name") or "").strip()
        if name and f"image {name}" not in dropped and f"file {name}" not in dropped:
            dropped.append(f"file {name}")


def _single(element: Element) -> bool:
    """Moodle's rule for ``<single>``: missing means true; empty, "false" or "0" mean multiple answers."""
    value = element.findtext("single")
    if value is None:
        return True
    value = value.strip()
    return bool(value) and value not in ("false", "0")


def parse_moodle_xml(data: bytes | str) -> ImportResult:
    """Parse a Moodle XML export (``<quiz><question type="...">...``)."""
    try:
        root = fromstring(_decode(data))
    except ParseError as error:
        line, column = error.position
        reason = re.sub(r": line \d+, column \d+$", "", str(error))
        raise ImportFormatError(f"not well-formed XML: {reason} (column {column + 1})", line=line) from None
    except DefusedXmlException as error:
        raise ImportFormatError(f"forbidden XML construct: {error}") from None
    if root.tag != "quiz":
        raise ImportFormatError("the root element must be <quiz>", element=f"<{root.tag}>")

    questions: list[ParsedQuestion] = []
    skipped: list[SkippedQuestion] = []
    category, position = "", 0
    elements = root.findall("question")
    if problem := bounds.questions_problem(sum(element.get("type") != "category" for element in elements)):
        raise ImportFormatError(problem, element="<quiz>")
    for element in elements:
        qtype = (element.get("type") or "").strip()
        if qtype == "category":
            holder = element.find("category")
            if holder is not None:
                category = (holder.findtext("text") if holder.find("text") is not None else holder.text) or ""
                category = category.strip()
            continue
        position += 1
        name = (element.findtext("name/text") or "").strip()
        if qtype not in ("multichoice", "truefalse"):
            skipped.append(SkippedQuestion(position, None, name, qtype or "unknown"))
            continue
        questions.append(_xml_question(element, qtype, name, position, category))
    return _result(questions, skipped)


def _xml_question(element: Element, qtype: str, name: str, position: int, category: str) -> ParsedQuestion:
    """Build one multichoice or truefalse question from its ``<question>`` element."""
    label = f'<question type="{qtype}"> #{position} (name "{name}")'

    def fail(message: str) -> NoReturn:
        raise ImportFormatError(message, element=label)

    if element.find("questiontext") is None:
        fail("<question> has no <questiontext>")
    dropped: list[str] = []
    text = _xml_html(element.find("questiontext"), dropped)
    answers: list[tuple[str, ParsedChoice]] = []
    if problem := bounds.choices_problem(len(element.findall("answer"))):
        fail(problem)
    for answer in element.findall("answer"):
        raw = answer.get("fraction")
        if raw is None:
            fail("<answer> has no fraction attribute")
        try:
            fraction = _fraction(raw)
        except ValueError:
            fail(f"<answer> fraction {raw!r} is not a number from -100 to 100")
        source = answer.findtext("text") or ""
        body = _render(source, answer.get("format", "html"), dropped)
        _files_left_behind(answer, dropped)
        feedback = _xml_html(answer.find("feedback"), dropped)
        answers.append((source.strip().lower(), ParsedChoice(body, fraction, feedback)))

    if qtype == "truefalse":
        by_word = {word: choice for word, choice in answers}
        if len(answers) != 2 or set(by_word) != {"true", "false"}:
            fail("a truefalse question needs exactly one answer 'true' and one answer 'false'")
        true, false = by_word["true"], by_word["false"]
        if {true.fraction, false.fraction} != {_ONE, _ZERO}:
            fail("the answers 'true' and 'false' need the fractions 100 and 0")
        kind, choices = TRUE_FALSE, _true_false(true.fraction == _ONE, true.feedback, false.feedback)
    else:
        listed = [choice for _, choice in answers]
        kind, choices = _choice_kind(listed, _single(element), fail), tuple(listed)

    name = name or _default_name(text)
    return ParsedQuestion(
        position=position,
        line=None,
        external_id=(element.findtext("idnumber") or "").strip() or name,
        name=name,
        kind=kind,
        scoring=PARTIAL if kind == MULTIPLE else ALL_OR_NOTHING,
        text=text,
        explanation=_xml_html(element.find("generalfeedback"), dropped),
        choices=choices,
        category=category,
        dropped=tuple(dict.fromkeys(dropped)),
    )


# ---------------------------------------------------------------- dispatch

FORMATS: dict[str, Callable[[bytes | str], ImportResult]] = {"gift": parse_gift, "xml": parse_moodle_xml}


def parse(data: bytes | str, fmt: str) -> ImportResult:
    """Parse ``data`` as ``fmt`` (a key of FORMATS); ValueError for an unknown format."""
    try:
        parser = FORMATS[fmt]
    except KeyError:
        raise ValueError(f"unknown question format {fmt!r}; expected one of {', '.join(FORMATS)}") from None
    return parser(data)
