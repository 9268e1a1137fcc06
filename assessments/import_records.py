"""What the question parsers return: parsed questions, skipped items, and the error a bad file raises (pure)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class ParsedChoice:
    """One answer option; ``fraction`` is the share of the mark, -1..1."""

    text: str
    fraction: Decimal
    feedback: str = ""


@dataclass(frozen=True)
class ParsedQuestion:
    """An importable question; all text fields are safe HTML fragments."""

    position: int
    line: int | None
    external_id: str
    name: str
    kind: str
    scoring: str
    text: str
    explanation: str
    choices: tuple[ParsedChoice, ...]
    category: str = ""
    # Images and Moodle-embedded files (``@@PLUGINFILE@@``) the text referred to; they do not come along.
    dropped: tuple[str, ...] = ()


@dataclass(frozen=True)
class SkippedQuestion:
    """A question of a type this importer does not handle (``kind`` is the source type)."""

    position: int
    line: int | None
    name: str
    kind: str


@dataclass
class ImportResult:
    questions: list[ParsedQuestion]
    skipped: list[SkippedQuestion]


class ImportFormatError(ValueError):
    """The file cannot be imported; ``line`` (GIFT, bad XML) or ``element`` says where."""

    def __init__(
        self, message: str, *, line: int | None = None, element: str | None = None
    ):
        self.message, self.line, self.element = message, line, element
        if line is not None:
            message = f"Line {line}: {message}"
        elif element is not None:
            message = f"Element {element}: {message}"
        super().__init__(message)
