"""django-q2 entry points for quizzes."""

from .services import attempts_close_expired as _attempts_close_expired
from .services import question_import_run as _question_import_run


def attempts_close_expired() -> int:
    """Grade attempts whose time ran out while nobody was on the page (scheduled every few minutes)."""
    return _attempts_close_expired()


def question_import_run(run_id: int) -> str:
    """Write a question file queued by the import page; the import's record holds its progress and outcome."""
    return _question_import_run(run_id=run_id).status
