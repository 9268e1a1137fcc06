"""django-q2 entry points for quizzes."""

from .services import attempts_close_expired as _attempts_close_expired


def attempts_close_expired() -> int:
    """Grade attempts whose time ran out while nobody was on the page (scheduled every few minutes)."""
    return _attempts_close_expired()
