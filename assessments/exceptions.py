class AssessmentError(Exception):
    """A rule of the quiz refused the request; the message is meant for the person."""


class AttemptNotFound(AssessmentError):
    """No such attempt, or not yours: the same answer for both."""


class AttemptNotAllowed(AssessmentError):
    pass


class AttemptClosed(AssessmentError):
    pass


class InvalidAnswer(AssessmentError):
    pass


class QuizNotReady(AssessmentError):
    pass


class ImportRefused(AssessmentError):
    pass


class EvaluationRefused(AssessmentError):
    """A rule of evaluations refused the request; nothing changed."""


class EvaluationNotFound(AssessmentError):
    """No such evaluation or scorecard, or not yours: the same answer for both."""
